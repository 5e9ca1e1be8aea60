/* The typesetting layer: lays a document model out on pages as positioned
 * glyph runs, rules and links, for a writer to draw.
 *
 * Boundary: it reads the model (pipeline/hx.h) and takes fonts from
 * fonts/ (which never sees the model); it shapes with HarfBuzz, orders
 * with ICU bidi and breaks lines with break.h. It never includes a PDF
 * library: the writer turns the pages below into its format. Everything
 * returned lives in the document's arena. Units are PostScript points,
 * origin at the bottom left of the page. */
#ifndef HX_TYPESET_H
#define HX_TYPESET_H

#include <stddef.h>
#include <stdint.h>

#include "fonts/fonts.h"
#include "hx.h"

/* One glyph: its id in font, where it goes relative to the run's origin
 * (x, y, points), and the text it stands for: the cluster text[at..at+len)
 * for the logically first glyph of a cluster, len 0 for the others. */
struct hx_ts_glyph {
    uint32_t gid;
    float x, y;
    uint32_t at;
    uint16_t len;
};

/* Glyphs of one font and size in visual order, at baseline (x, y). */
struct hx_ts_run {
    struct hx_font *font;
    double size;
    double x, y;
    int rtl;          /* the text is right-to-left (for ToUnicode order) */
    const char *text; /* what the glyphs' clusters index */
    struct hx_ts_glyph *g;
    size_t n;
    struct hx_ts_run *next;
};

/* A link area: to a URI, or to a place (page index, y). */
struct hx_ts_link {
    double x0, y0, x1, y1;
    const char *uri;
    int page;
    double y;
    struct hx_node *note; /* while laying out: the note a marker opens */
    int dest;             /* while laying out: 1 + the mark it goes to */
    struct hx_ts_link *next;
};

/* A horizontal rule (note separator, table lines). */
struct hx_ts_rule {
    double x0, x1, y, width;
    double gray; /* 0 black .. 1 white: a shaded box is a wide light rule */
    struct hx_ts_rule *next;
};

struct hx_ts_page {
    struct hx_ts_run *runs;
    struct hx_ts_rule *rules;
    struct hx_ts_link *links;
};

/* A heading for the outline: level 1.., its text, where it is. */
struct hx_ts_mark {
    const char *title;
    int level, page;
    double y;
};

struct hx_ts_doc {
    struct hx_ts_page *pages;
    size_t npages;
    struct hx_ts_mark *marks;
    size_t nmarks;
    double width, height;
    int rtl;          /* the document's main direction */
    const char *lang; /* its language */
    const char *title, *symbol;
};

struct hx_ts_opts {
    double width, height; /* paper, points */
    double size;          /* body text size, points */
    struct hx_fonts *fonts;
};

/* Lays doc out. Diagnostics (a character no font has, named with its
 * paragraph key) go to st. 0, or -1 after an error diagnostic. */
int hx_ts_layout(struct hx_stage *st, struct hx_doc *doc, const struct hx_ts_opts *o,
                 struct hx_ts_doc *out);

/* Lays out the reviser's proof of an alignment: a first page listing every
 * flagged row with a link to it, then one row per alignment row with the
 * paragraph key and flags in a narrow margin column and each version in
 * its own column (its own fonts and direction, its notes after its text),
 * a missing counterpart as a shaded cell, the language names atop every
 * page, an outline entry per part and per flagged row. The documents of
 * set must be those al was made from. 0, or -1 after an error. */
int hx_ts_layout_proof(struct hx_stage *st, struct hx_set *set, const struct hx_align *al,
                       const struct hx_ts_opts *o, struct hx_ts_doc *out);

#endif
