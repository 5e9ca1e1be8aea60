/* Private to the docx reader: run and paragraph properties, styles
 * (styles.c) and list numbering (num.c, its formats num_fmt.c). They call
 * only pkg.c and chars.c. */
#ifndef HX_DOCX_PROPS_H
#define HX_DOCX_PROPS_H

#include "hx.h"
#include "pkg.h"

/* Run properties as a stack of overrides: set says which bits are given. */
enum {
    RP_B = 1u << 0,
    RP_I = 1u << 1,
    RP_RTL = 1u << 2,
    RP_CS = 1u << 3,
    RP_SYMBOL = 1u << 4 /* w:rFonts ascii="Symbol" */
};
struct docx_rpr {
    unsigned set, val;
    int vert; /* 0 unset, 1 baseline, 2 superscript, 3 subscript */
    const char *lang, *lang_ea, *lang_bidi;
    const char *style;      /* w:rStyle of a run */
    int mark_ins, mark_del; /* w:ins / w:del in a paragraph mark's rPr */
};

/* Paragraph properties; -1 = not given. */
struct docx_ppr {
    const char *style;
    int num_id, ilvl, outline, bidi;
    int mark_ins, mark_del; /* tracked paragraph-mark change */
    int sect;               /* carries a w:sectPr (section break) */
};

enum { ST_PARA = 1, ST_CHAR, ST_TABLE, ST_NUMBERING };

struct docx_style {
    const char *id, *name, *based;
    int type;
    struct docx_ppr ppr;
    struct docx_rpr rpr;
    int busy; /* loop guard while resolving basedOn */
};

struct docx_styles {
    struct docx_style *v;
    size_t n;
    const char *def_para;     /* id of the default paragraph style */
    struct docx_rpr defaults; /* docDefaults rPr */
};

/* Numbering formats (w:numFmt values we evaluate). */
enum docx_fmt {
    NF_DECIMAL,
    NF_DECIMAL_ZERO,
    NF_UPPER_LETTER,
    NF_LOWER_LETTER,
    NF_UPPER_ROMAN,
    NF_LOWER_ROMAN,
    NF_ORDINAL,
    NF_CARDINAL_TEXT,
    NF_ORDINAL_TEXT,
    NF_CHINESE_COUNTING,
    NF_CHINESE_THOUSAND,
    NF_CHINESE_LEGAL,
    NF_IDEOGRAPH_TRAD,
    NF_IDEOGRAPH_ZODIAC,
    NF_IDEOGRAPH_DIGITAL,
    NF_DECIMAL_FULL,
    NF_DECIMAL_HALF,
    NF_JAPANESE_COUNTING,
    NF_ARABIC_ALPHA,
    NF_ARABIC_ABJAD,
    NF_HINDI_NUMBERS,
    NF_HINDI_VOWELS,
    NF_HINDI_CONSONANTS,
    NF_HINDI_COUNTING,
    NF_ENCLOSED_CIRCLE,
    NF_ENCLOSED_FULLSTOP,
    NF_ENCLOSED_PAREN,
    NF_RUSSIAN_LOWER,
    NF_RUSSIAN_UPPER,
    NF_THAI_NUMBERS,
    NF_BULLET,
    NF_NONE,
    NF_PADDED /* w14 custom "001, 002, …": decimal padded to lvl.pad */
};

struct docx_lvl {
    int defined;
    int start;
    int fmt;          /* enum docx_fmt */
    int pad;          /* NF_PADDED width */
    const char *text; /* lvlText template ("%1.%2."), NULL = none */
    int restart;      /* lvlRestart, -1 = default */
    int legal;        /* isLgl */
    int symbol;       /* the label is drawn in the Symbol font */
    const char *pstyle;
};

struct docx_abs {
    int id;
    struct docx_lvl lvl[9];
    const char *num_style_link; /* uses the numbering of this style */
    const char *style_link;     /* defines the numbering of this style */
    int count[9];
    unsigned char started[9]; /* counted since the last restart */
};

struct docx_num {
    int id, abs_id;
    int ovr_start[9]; /* startOverride, -1 = none */
    struct docx_lvl ovr[9];
    int applied; /* startOverride already consumed */
};

struct docx_numbering {
    struct docx_abs *abs;
    size_t nabs;
    struct docx_num *num;
    size_t nnum;
};

/* styles.c */

/* Reads styles (absent part = no styles). 0 or -1. */
int docx_styles_read(struct docx *dx, const char *part);

/* Reads settings (footnote and endnote numbering). 0 or -1. */
int docx_settings_read(struct docx *dx, const char *part);

/* Reads the footnotePr/endnotePr of a w:sectPr the reader is on (the rest is
 * skipped). 0 or -1. */
int docx_sectpr_parse(struct docx *dx, struct docx_xml *x);

/* Parses a w:rPr the reader is on into rp (overriding what it sets). */
int docx_rpr_parse(struct docx *dx, struct docx_xml *x, struct docx_rpr *rp);

/* Parses a w:pPr the reader is on into pp; its w:rPr marks go to pp too. */
int docx_ppr_parse(struct docx *dx, struct docx_xml *x, struct docx_ppr *pp);

/* Applies src's given properties over dst. */
void docx_rpr_apply(struct docx_rpr *dst, const struct docx_rpr *src);

/* A style by id, or NULL. */
const struct docx_style *docx_style_get(const struct docx *dx, const char *id);

/* The effective run properties of a style and its basedOn chain. */
void docx_style_rpr(struct docx *dx, const char *id, struct docx_rpr *out);

/* Paragraph properties of a style through its basedOn chain (fields still
 * -1 stay unset). */
void docx_style_ppr(struct docx *dx, const char *id, struct docx_ppr *out);

/* Heading level 1..9 of a paragraph style by outline level or by the
 * built-in name "heading N" (style names are English whatever the UI
 * language), 0 = not a heading. */
int docx_style_heading(struct docx *dx, const char *id);

/* A w:numFmt value as enum docx_fmt (unknown = decimal). */
int docx_fmt_parse(const char *s);

/* num.c */

/* Reads numbering definitions. 0 or -1. */
int docx_numbering_read(struct docx *dx, const char *part);

/* Advances the counters for a paragraph numbered (num_id, ilvl) and returns
 * its label as Word shows it (arena string, "" for format none), or NULL
 * when the paragraph is not numbered after all. *value gets the level's
 * counter. */
const char *docx_number(struct docx *dx, int num_id, int ilvl, int *value);

/* The level a paragraph style is linked to within num_id, or -1. */
int docx_num_style_level(struct docx *dx, int num_id, const char *style);

/* Saves and restores all counters, so notes do not disturb the body. */
void docx_num_save(struct docx *dx, int **saved);
void docx_num_restore(struct docx *dx, int *saved);

/* cache.c */

/* What a part's parse gave, remembered by the part's bytes for the other
 * documents of the process. */
enum { DOCX_CACHE_STYLES = 1, DOCX_CACHE_NUMBERING };

/* docx_part_walk for the styles or numbering part (kind): when a part
 * with the same bytes was parsed before in this process without a word
 * said, what it gave is copied into dx->styles or dx->num instead. */
int docx_cache_walk(struct docx *dx, const char *part, int kind,
                    int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud);

/* num_fmt.c */

/* Formats value in fmt into b (no template); pad for NF_PADDED. */
void docx_fmt_value(struct hx_buf *b, int fmt, int pad, int value);

#endif
