/* Private to typeset/: a paragraph being set (para.c) and the lines it
 * gives to the page builder (page.c). */
#ifndef HX_TYPESET_LAYOUT_H
#define HX_TYPESET_LAYOUT_H

#include "typeset/typeset.h"

enum { TS_BOLD = HX_FONT_BOLD, TS_ITALIC = HX_FONT_ITALIC, TS_SUP = 4 };
enum ts_align { TS_JUSTIFY, TS_LEFT, TS_CENTER };

/* A stretch of a paragraph's text with one style, link or note marker. */
struct ts_span {
    size_t start, end;
    unsigned style;
    const char *href;
    struct hx_node *note; /* the note this marker refers to */
    int dest;             /* 1 + index of the mark it links to; 0 = none */
};

/* A paragraph to set: its text and spans, built from the model. */
struct ts_para {
    struct hx_doc *doc;
    const struct hx_node *node; /* for diagnostics */
    struct hx_buf text;
    struct ts_span *spans;
    size_t nspans, cap;
    const char *lang;
    int rtl;
    double size, width; /* text size; measure (column width) */
    double indent;      /* from the start side, all lines */
    const char *label;  /* drawn hanging at hang before the text */
    double hang;
    enum ts_align align;
    unsigned style;    /* base style of the whole paragraph */
    hb_set_t *missing; /* characters no font has, warned once each */
};

/* A set line: runs relative to the line's start (x from the column's
 * left edge, y 0 = baseline), the notes it references, its links. */
struct ts_line {
    struct hx_ts_run *runs;
    struct hx_ts_link *links; /* href links; x relative, y relative */
    struct hx_node **notes;
    size_t nnotes;
    double height, ascent;         /* line advance, baseline below the top */
    double before;                 /* space above it (first line of a block) */
    int keep_next;                 /* heading: not the last line on a page */
    int page_break;                /* starts a new page */
    int first, last;               /* of its paragraph */
    const struct hx_ts_mark *mark; /* heading line: fill page and y */
    struct hx_node *target;        /* first line of this note's text */
    struct hx_ts_rule *rules;      /* x relative, y relative to the baseline */
    struct ts_line *repeat;        /* a table's header rows (pristine, never
                                    * placed): copied atop a new page */
    struct ts_line *next;
};

/* A note's text set into lines, and where its first line went. */
struct note_place {
    struct hx_node *note;
    struct ts_line *lines;
    int page;
    double y;
    int ref_page; /* where its marker went (-1 = not placed) */
    double ref_y;
};

/* The state of one layout (blocks.c builds lines, paginate.c places). */
struct ctx {
    struct hx_stage *st;
    struct hx_doc *doc;
    const struct hx_ts_opts *o;
    struct hx_ts_doc *out;
    double col; /* text column width */
    struct note_place *notes;
    size_t nnotes, ncap;
    size_t mcap, pcap;
    int rtl;
    hb_set_t *missing; /* characters no font has, for every paragraph */
    int no_marks;      /* headings add no outline marks (the proof's rows do) */
};

#define TS_MARGIN 72.0

/* Paginates lines into c->out, resolves links, adds running heads and
 * page numbers (paginate.c). */
void ts_finish(struct ctx *c, struct ts_line *lines);

/* Sets the blocks first..last at measure c->col from indent 0 at size,
 * appending lines at *tail (blocks.c). */
void ts_blocks(struct ctx *c, struct hx_node *first, struct hx_node *last, struct ts_line ***tail,
               double size);

/* How many missing characters are named one by one; the rest are
 * counted in one warning at the end. */
#define TS_MISSING_NAMED 20

/* Sets the blocks first..last (siblings) into lines appended at *tail. */
void ts_walk(struct ctx *c, struct hx_node *first, struct hx_node *last, struct ts_line ***tail);

/* Adds text of the given style to p (span merged with the previous one
 * when alike). */
void ts_para_add(struct ts_para *p, const char *s, size_t len, unsigned style, const char *href,
                 struct hx_node *note);

/* Like ts_para_add, linking the text to mark dest (1 + its index). */
void ts_para_add_dest(struct ts_para *p, const char *s, size_t len, unsigned style, int dest);

/* Sets p into lines (appended to *tail's list; *tail updated). Warns on st
 * about characters no font has. */
void ts_para_set(struct hx_stage *st, struct hx_fonts *fonts, struct ts_para *p,
                 struct ts_line ***tail);

/* Releases p's buffers (its lines live in the arena). */
void ts_para_free(struct ts_para *p);

/* A copy of line l (its runs copied, glyphs shared) that can be placed
 * without touching l; notes, links and marks are not copied. */
struct ts_line *ts_line_copy(struct hx_arena *a, const struct ts_line *l);

/* Line spacing of lang's text at size. */
double ts_leading(const char *lang, double size);

#endif
