/* Private to the zh-norm stage (filters/zh_norm/zh_norm.c and
 * filters/zh_norm/rules.c): one paragraph as code points, and the rules
 * that edit it. */
#ifndef HX_FILTERS_ZH_NORM_H
#define HX_FILTERS_ZH_NORM_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/unorm2.h>

#include "hx.h"

/* Values of the profile option. */
enum { PROFILE_UN, PROFILE_GBT, PROFILE_OFF };

/* The rules, in the order they run; counts are kept per rule. */
enum { R_NFC, R_WIDTH, R_PUNCT, R_PAREN, R_ELLIPSIS, R_DASH, R_SPACE, R_COUNT };

/* The stage's options (its private state). */
struct opts {
    int profile; /* PROFILE_* */
    int explain; /* report every edit as a note */
};

/* Markers and line breaks take a place in the paragraph's sequence of
 * characters so context can be looked through or stopped at them. */
#define MARK (-2)
#define STOP (-3)

/* One paragraph as code points: each keeps the text node it came from, a
 * second code point when a rule doubles it, and whether it is protected
 * (symbol, URL) or deleted. */
struct para {
    int32_t *cp, *cp2;
    int *seg;
    unsigned char *prot, *del, *zh;
    unsigned char *lctx, *rctx; /* nearest letter's class either side */
    size_t n, cap;
    struct hx_node **segs;
    size_t nsegs, segcap;
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
    int any_zh;
    int oom;
};

/* Rule names as reported ("nfc", "width", …), indexed by R_*. */
extern const char *const zh_rule_names[R_COUNT];

/* Fills p's nearest-letter classes; call after zh_rule_width. */
void zh_context(struct para *p);

/* Marks document symbols and URLs so that no rule edits inside them. */
void zh_protect(struct para *p);

/* The rules, each over the whole paragraph r->p, counting and (with
 * explain) reporting every edit. */
void zh_rule_width(struct run *r);
void zh_rule_punct(struct run *r);
void zh_rule_paren(struct run *r);
void zh_rule_ellipsis(struct run *r);
void zh_rule_dash(struct run *r);
void zh_rule_space(struct run *r);

#endif
