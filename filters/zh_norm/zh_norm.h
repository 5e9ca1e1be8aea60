/* Private to the zh-norm stage (the .c files of filters/zh_norm): one paragraph as
 * code points with their character classes, the rule table, and the rules
 * that edit the paragraph. */
#ifndef HX_FILTERS_ZH_NORM_H
#define HX_FILTERS_ZH_NORM_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/unorm2.h>

#include "hx.h"

/* Values of the profile option. */
enum { PROFILE_UN, PROFILE_GBT, PROFILE_OFF };

/* The rules, in the order of the rows of rules.tsv (checked when the
 * stage opens); counts are kept per rule. */
enum zh_rule {
    R_NFC,
    R_WIDTH,
    R_COMMA,
    R_COLON,
    R_SEMICOLON,
    R_QUESTION,
    R_EXCLAMATION,
    R_STOP,
    R_QUOTE_DOUBLE,
    R_QUOTE_SINGLE,
    R_PAREN_HAN,
    R_PAREN_LATIN,
    R_PAREN_GBT,
    R_ELLIPSIS,
    R_DASH,
    R_SPACE,
    R_SPACE_IDEO,
    R_SPACE_PERCENT,
    R_COUNT
};

/* rules.tsv, compiled in by scripts/tsv2c.py: rule, from, to, context,
 * source. */
extern const char *const hx_zh_rules[][5];
extern const size_t hx_zh_rules_rows, hx_zh_rules_cols;

/* The stage's options (its private state). */
struct opts {
    int profile; /* PROFILE_* */
    int explain; /* report every edit as a note */
};

/* Character classes, from fixed tables (ASCII first, then code point
 * ranges; ICU only for letters outside them). */
enum {
    ZC_HAN = 1,   /* Han ideograph (script Han) */
    ZC_LATIN = 2, /* another letter or digit */
    ZC_CJKP = 4,  /* wide or full-width punctuation: ， 。 （ 《 … */
    ZC_SPACE = 8, /* a space a rule may remove (U+3000 included) */
    ZC_WIDE = 16  /* a code point from U+2E80 on (where Chinese starts) */
};
unsigned zh_class(int32_t c);

/* Markers and line breaks take a place in the paragraph's sequence of
 * characters so context can be looked through or stopped at them. */
#define MARK (-2)
#define STOP (-3)

/* What writing a segment (text node or marker) back needs: its first
 * place in the paragraph, whether a rule edited it and the first and last
 * place edited, and whether its text reads back otherwise than it is
 * written (invalid UTF-8 read as U+FFFD: then it is written whole). */
struct seg {
    size_t first, lo, hi;
    unsigned char dirty, bad;
};

/* One paragraph as code points: each keeps the text node it came from and
 * its byte offset there, its class, a second code point when a rule
 * doubles it, and whether it is Chinese, protected (symbol, URL, e-mail)
 * or deleted. */
struct para {
    int32_t *cp, *cp2;
    int *seg;
    size_t *off;
    unsigned char *cls, *prot, *del, *zh;
    unsigned char *ed;          /* an edit covered it (written anew, not copied) */
    unsigned char *lctx, *rctx; /* nearest letter's class either side */
    int ctx;                    /* lctx and rctx filled (zh_context) */
    size_t n, cap;
    struct hx_node **segs;
    struct seg *sinfo; /* per segment */
    size_t nsegs, segcap;
    unsigned feat; /* ZF_*: what the paragraph holds that a rule acts on */
    int foreign;   /* it holds text tagged in another language */
    int has_zh;    /* it holds Chinese text (set also when not gathered) */
    char *out;     /* scatter's buffer, kept from paragraph to paragraph */
    size_t outcap;
};

/* What a paragraph holds that some rule acts on, found while it is
 * gathered: a rule whose marks are absent is not run at all (it would
 * find nothing to do), and most paragraphs need few rules or none. */
enum {
    ZF_WIDTH = 1,     /* a full-width letter or digit */
    ZF_PUNCT = 2,     /* , : ; ? ! (the punctuation rows of rules.tsv) */
    ZF_QUOTE = 4,     /* a straight quote: " ' ＂ ＇ */
    ZF_DOT = 8,       /* . */
    ZF_POPEN = 16,    /* ( or （ */
    ZF_PCLOSE = 32,   /* ) or ） */
    ZF_ELLIPSIS = 64, /* … or two of . 。 ⋯ side by side */
    ZF_DASH = 128,    /* — or two of - ― － alike side by side */
    ZF_SPACE = 256,   /* a space a rule may remove */
    ZF_ADDRESS = 512  /* . : / @ (a URL, symbol or e-mail may follow) */
};

/* One document being normalised: where notes go, the paragraph being
 * edited, and the counts per rule. */
struct run {
    struct hx_stage *st;
    struct hx_doc *doc;
    const struct opts *o;
    const UNormalizer2 *nfc;
    struct para p;
    struct hx_node *block;
    int counts[R_COUNT];
    int oom;
    /* Per ASCII character, filled once a document (zh_run_tables): its
     * class, the ZF_* bits it sets, and for , : ; ? ! the mark and rule
     * of rules.tsv that replace it. */
    int tables; /* filled yet */
    unsigned char acls[128];
    unsigned short afeat[128];
    int32_t punct_to[128];
    unsigned char punct_rule[128];
};

/* Does s hold a code point from U+2E80 on (where Chinese starts)? */
int zh_has_wide(const char *s, size_t len);

/* Fills r's ASCII tables from zh_class and rules.tsv. */
void zh_run_tables(struct run *r);

/* Gathers block b into r->p when it is a Chinese paragraph (doc_lang is
 * the document's language) that a rule may edit: 0 when it is, 1 when
 * not (nothing to do: r->p.has_zh still says whether Chinese text was
 * met), -1 out of memory. */
int zh_gather(struct run *r, struct hx_node *b, const char *doc_lang);

/* Rule names as in rules.tsv, indexed by enum zh_rule. */
extern const char *const zh_rule_names[R_COUNT];

/* The rule table's rows against zh_rule_names: NULL when they agree, else
 * what differs. */
const char *zh_rules_check(void);

/* Fills p's nearest-letter classes ('h' Han, 'l' other letter or digit,
 * 0 none); call after zh_rule_width. */
void zh_context(struct para *p);

/* The class of the nearest letter before (zh_lctx) or after (zh_rctx)
 * position i, as zh_context gives it: looked up close by, or from
 * zh_context run once for the paragraph when it lies far away. Letters
 * are never edited after the width rule, so the answer does not depend
 * on when it is asked. */
unsigned char zh_lctx(struct para *p, size_t i);
unsigned char zh_rctx(struct para *p, size_t i);

/* The end of a label typed at the paragraph's start and followed by a
 * space ("1.", "(a)", "一.", "[1]" as the txt writer prints note texts),
 * 0 when none: its full stop is no sentence's end, the space after it no
 * gap in the text. */
size_t zh_label_end(const struct para *p);

/* Marks document symbols, URLs and e-mail addresses so that no rule edits
 * inside them. */
void zh_protect(struct para *p);

/* Can a rule edit position i (Chinese, not protected, not deleted)? */
static inline int zh_editable(const struct para *p, size_t i)
{
    return p->zh[i] && !p->prot[i] && !p->del[i];
}

/* The neighbour of position i in direction dir (-1, +1), skipping deleted
 * places, spaces and, when marks is set, note markers; -1 at an edge. */
ptrdiff_t zh_near(const struct para *p, size_t i, int dir, int marks);

/* Replaces positions [a, b) by c1 (and c2) at a, deleting the rest (c1 < 0:
 * deletes them all); counts the edit under rule unless quiet, and with
 * explain reports it with the rule's source. */
void zh_edit(struct run *r, enum zh_rule rule, size_t a, size_t b, int32_t c1, int32_t c2,
             int quiet);

/* The text around [a, b) as it is now (markers as their labels), for
 * notes and warnings. */
void zh_window(const struct para *p, size_t a, size_t b, struct hx_buf *out);

/* Subtracts shift from every code point of [a, b), as one edit. */
void zh_edit_shift(struct run *r, enum zh_rule rule, size_t a, size_t b, int32_t shift);

/* The rules, each over the whole paragraph r->p. */
void zh_rule_width(struct run *r);
void zh_rule_punct(struct run *r);
void zh_rule_stop(struct run *r);
void zh_rule_quotes(struct run *r);
void zh_rule_paren(struct run *r);
void zh_rule_ellipsis(struct run *r);
void zh_rule_dash(struct run *r);
void zh_rule_space(struct run *r);

#endif
