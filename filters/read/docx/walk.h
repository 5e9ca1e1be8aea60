/* Private to the docx reader: the walk over a story part (walk.c, para.c,
 * text.c, table.c; story.c starts it). See docx.h for the layers. */
#ifndef HX_DOCX_WALK_H
#define HX_DOCX_WALK_H

#include "docx.h"

/* What the element being walked is inside of. */
enum { M_BLOCK, M_INLINE, M_RUN, M_TABLE, M_ROW, M_DRAW };

/* Formatting of pending text. */
enum {
    FB_B = 1u << 0,
    FB_I = 1u << 1,
    FB_SUP = 1u << 2,
    FB_SUB = 1u << 3,
    FB_RTL = 1u << 4,
    FB_INS = 1u << 5,
    FB_DEL = 1u << 6
};

#define DOCX_MAX_FIELDS 16
#define DOCX_MAX_COLS 256

/* A complex field (w:fldChar begin … separate … end) being read. */
struct docx_field {
    int result; /* past w:fldChar separate */
    char instr[512];
    size_t ilen;
    struct hx_node *link; /* HYPERLINK result, while open */
    struct hx_node *prev; /* inline container before the link */
};

/* A paragraph being built. */
struct docx_para {
    struct hx_node *node; /* the block being built */
    struct hx_node *inl;  /* current inline container: node or a link */
    struct docx_rpr base; /* docDefaults + paragraph style */
    struct hx_buf pend;   /* text not yet placed */
    unsigned pend_bits;
    const char *pend_lang;
    struct hx_node *deferred; /* text boxes, placed after the paragraph */
    int trim;                 /* drop spaces before the note text */
    struct hx_node *custom;   /* note whose mark follows as text */
};

/* The effective properties of the run being read. */
struct docx_run {
    struct docx_rpr rp;
};

/* A table being built. */
struct docx_table {
    struct hx_node *node;
    struct hx_node *cols[DOCX_MAX_COLS]; /* origin cell of a vertical merge */
    int col;
    struct hx_node *row;
    int row_drop;
};

/* What a drawing revealed: alt text and whether it holds a picture. */
struct docx_img {
    const char *alt;
    int pic;
};

/* The walk over one story part. */
struct docx_walk {
    struct docx *dx;
    struct docx_xml x;
    const char *part;
    struct docx_rels rels;
    unsigned chg; /* FB_INS/FB_DEL while inside tracked changes (all) */
    int show_del; /* w:delText shown (reject, all) */
    struct docx_field fld[DOCX_MAX_FIELDS];
    int nfld, fld_over;
    struct hx_node *merge; /* paragraph continued by the next one */
    unsigned para;         /* ordinal of the w:p being read, 0 outside one */
};

/* Where the walk is: the mode and the objects being built. */
struct docx_ctx {
    int mode;
    struct hx_node *parent; /* M_BLOCK: container */
    struct docx_para *p;
    struct docx_run *r;
    struct docx_table *t;
    struct docx_img *im;
};

/* walk.c */

/* Handles the element the reader is on, in the context's mode. */
int docx_one(struct docx_walk *w, struct docx_ctx *c);

/* Runs docx_one over each child element of the current element. */
int docx_kids(struct docx_walk *w, struct docx_ctx *c);

/* A w:r: its properties, then its content. */
int docx_run(struct docx_walk *w, struct docx_ctx *c);

/* w:hyperlink and w:fldSimple: their content, inside a link when they
 * carry a target. */
int docx_hyperlink(struct docx_walk *w, struct docx_ctx *c);
int docx_fld_simple(struct docx_walk *w, struct docx_ctx *c);

/* w:ins, w:del, w:moveFrom, w:moveTo: kept, dropped or flagged according to
 * the changes option. */
int docx_change(struct docx_walk *w, struct docx_ctx *c, int del);

/* Reads a w:p into parent. */
int docx_para(struct docx_walk *w, struct hx_node *parent);

/* mc:AlternateContent: the first Choice we can read, else the Fallback. */
int docx_alternate(struct docx_walk *w, struct docx_ctx *c);

/* para.c */

/* Starts the paragraph c->p with properties pp (style, numbering, bidi),
 * or continues the paragraph a deleted mark left open. */
void docx_para_begin(struct docx_walk *w, struct docx_ctx *c, struct docx_ppr *pp);

/* Trims, prunes and completes a finished paragraph; drops it when empty. */
void docx_para_finish(struct docx_walk *w, struct hx_node *n);

/* Finishes a paragraph left open for the next one (its mark deleted) when
 * something else comes instead. */
void docx_merge_end(struct docx_walk *w);

/* text.c */

/* Current line of the part's XML, for errors in the XML itself. */
unsigned docx_line_of(struct docx_walk *w);

/* The position a node made now takes: the ordinal of the w:p being read,
 * outside one the next w:p's (a table's or cell's first paragraph). */
unsigned docx_para_pos(const struct docx_walk *w);

/* A node positioned at docx_para_pos in the part. */
struct hx_node *docx_node_new(struct docx_walk *w, enum hx_type type);

/* Inside a field's instructions (their text is not shown)? */
int docx_in_instr(const struct docx_walk *w);

/* Places the pending text of p in its wrappers. */
void docx_flush(struct docx_walk *w, struct docx_para *p);

/* Flushes, then appends an inline node. */
void docx_place(struct docx_walk *w, struct docx_para *p, struct hx_node *n);

/* Adds text (or one code point) with the current run's formatting. */
void docx_add_text(struct docx_walk *w, struct docx_ctx *c, const char *s, size_t len);
void docx_add_cp(struct docx_walk *w, struct docx_ctx *c, int32_t cp);

/* A w:t (or m:t, w:delText) element: its text added. 0 or -1. */
int docx_text_el(struct docx_walk *w, struct docx_ctx *c);

/* The paragraph being built, once it exists. */
struct docx_para *docx_ensure_p(struct docx_ctx *c);

/* HYPERLINK "url" \l "anchor" as an href; NULL for other fields. */
const char *docx_field_href(struct docx_walk *w, const char *instr);

/* w:fldChar and w:instrText. */
void docx_field_char(struct docx_walk *w, struct docx_ctx *c);
int docx_instr_text(struct docx_walk *w);

/* w:footnoteReference / w:endnoteReference: the note placed here. */
void docx_note_ref(struct docx_walk *w, struct docx_ctx *c, int endnote);

/* table.c */

/* A w:tbl into parent. */
int docx_table(struct docx_walk *w, struct hx_node *parent);

/* w:tr, w:trPr and w:tc. */
int docx_row(struct docx_walk *w, struct docx_ctx *c);
int docx_row_props(struct docx_walk *w, struct docx_ctx *c);
int docx_cell(struct docx_walk *w, struct docx_ctx *c);

/* A block met inside a paragraph (text box, misplaced paragraph), built
 * aside and placed after the paragraph; tbl: a w:tbl, else a w:p. */
int docx_aside(struct docx_walk *w, struct docx_ctx *c, int tbl);

/* w:drawing, w:pict, w:object: an image placeholder with its alt text;
 * text boxes go aside. docx_drawing_el handles one element inside. */
int docx_drawing(struct docx_walk *w, struct docx_ctx *c);
int docx_drawing_el(struct docx_walk *w, struct docx_ctx *c);

#endif
