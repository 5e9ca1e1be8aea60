/* Private to the docx reader (the files of filters/read/docx/):
 * the package, its XML parts, styles, numbering and the body walk. No other
 * stage includes this header. */
#ifndef HX_DOCX_H
#define HX_DOCX_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "hx.h"

/* Limits on untrusted packages: the whole, one part, a part's compression
 * ratio (zip bombs), XML nesting and one text node. */
#define DOCX_MAX_TOTAL ((size_t)512 << 20)
#define DOCX_MAX_PART ((size_t)256 << 20)
#define DOCX_MAX_RATIO 200
#define DOCX_MAX_DEPTH 200
#define DOCX_MAX_TEXT ((size_t)8 << 20)

/* Namespaces we tell apart; Transitional and Strict URIs map to the same. */
enum docx_ns {
    NS_OTHER,
    NS_W,   /* wordprocessingml main */
    NS_R,   /* relationships (attributes r:id, r:embed) */
    NS_M,   /* office math */
    NS_MC,  /* markup compatibility */
    NS_WP,  /* wordprocessing drawing (wp:docPr) */
    NS_A,   /* drawingml main (a:blip) */
    NS_V,   /* VML */
    NS_PKG, /* package relationships / content types */
    NS_XML  /* xml:space */
};

/* An XML part being read with the streaming reader. */
struct docx_xml {
    xmlTextReaderPtr r;
    const char *part; /* part name, for positions ("word/document.xml") */
    char err[200];    /* first libxml2 error, from the structured handler */
    int failed;
    char abuf[1024]; /* last value returned by docx_attr */
    unsigned npara;  /* w:p elements met so far, skipped ones too: Word
                        writes a part on one or two lines, so a node's
                        position is its w:p's ordinal (README) */
};

/* One relationship of a part. */
struct docx_rel {
    const char *id, *type, *target; /* target resolved to a part name unless
                                       external */
    int external;
};

struct docx_rels {
    struct docx_rel *v;
    size_t n;
};

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

/* Footnote or endnote numbering (settings or the section's properties). */
struct docx_notepr {
    int fmt, start, restart; /* restart: 0 continuous, 1 each section */
};

/* A parsed footnote or endnote, waiting for its reference. */
struct docx_fn {
    int id;
    struct hx_node *holder; /* HX_NOTE holding the blocks */
    int used;
};

/* A note placed at its reference, to be labelled at the end. */
struct docx_placed {
    struct hx_node *note;
    int section;
    const char *custom; /* customMarkFollows: the mark as written */
};

/* Everything the reader knows about one package. */
struct docx {
    struct hx_stage *st;
    struct hx_doc *doc;
    int changes; /* 0 accept, 1 reject, 2 all */
    zip_t *zip;
    size_t total; /* uncompressed bytes read so far */
    const char *main;
    struct docx_rels rels; /* of the part being walked */
    struct docx_styles styles;
    struct docx_numbering num;
    struct docx_notepr fnpr, enpr;
    struct docx_fn *fns, *ens;
    size_t nfns, nens;
    struct docx_placed *placed;
    size_t nplaced, capplaced;
    int section;
};

/* pkg.c */

/* An attribute's whole number, or def when it is absent or out of the
 * +-1,000,000 range Word's numbers stay within. */
int docx_ival(const char *s, int def);

/* Reads a part (case-insensitive name) into malloc'd memory within the
 * limits. 1 = read, 0 = absent, -1 = error added. */
int docx_part_read(struct docx *dx, const char *name, char **data, size_t *len);

/* Opens a streaming reader on data with network, DTDs and entity
 * expansion off and errors routed into x. 0 or -1 (error added). */
int docx_xml_open(struct docx *dx, struct docx_xml *x, const char *part, const char *data,
                  size_t len);

/* Closes the reader (x may be half-opened). */
void docx_xml_close(struct docx_xml *x);

/* Reads a whole part (absent part or NULL name: nothing to do) and calls
 * on_node for every node read, with ud; on_node returns 0 to go on, 1 to
 * stop, -1 after adding an error. 0 or -1. */
int docx_part_walk(struct docx *dx, const char *part,
                   int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud);

/* Reads the next node: 1 = one read, 0 = end of document, -1 = malformed
 * XML, too deep, or a DTD (error added). */
int docx_xml_read(struct docx *dx, struct docx_xml *x);

/* From an element start: 1 = the next node inside it was read, 0 = its end
 * reached (or it was empty), -1 = error. Used as
 *     int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
 *     while ((rc = docx_xml_child(dx, x, d, e)) > 0) …   */
int docx_xml_child(struct docx *dx, struct docx_xml *x, int depth, int empty);

/* Like docx_xml_child, but only stops on w: elements: other nodes are
 * passed over and elements of other namespaces skipped whole. */
int docx_xml_w_child(struct docx *dx, struct docx_xml *x, int depth, int empty);

/* Skips the rest of the element the reader is on. 0 or -1. */
int docx_xml_skip(struct docx *dx, struct docx_xml *x);

/* Namespace class of the current node. */
enum docx_ns docx_ns_of(struct docx_xml *x);

/* Is the current node an element start in namespace ns named local? */
int docx_is(struct docx_xml *x, enum docx_ns ns, const char *local);

/* The attribute ns:local of the current element in x->abuf (cut at its
 * size), or NULL. Valid until the next call. */
const char *docx_attr(struct docx_xml *x, enum docx_ns ns, const char *local);

/* Like docx_attr, copied whole into the document's arena. */
const char *docx_attr_dup(struct docx *dx, struct docx_xml *x, enum docx_ns ns, const char *local);

/* An OOXML on/off value: absent attribute = on (1); "0", "false", "off" = 0. */
int docx_onoff(struct docx_xml *x);

/* The relationships of part (its _rels/<name>.rels), targets resolved. */
int docx_rels_read(struct docx *dx, const char *part, struct docx_rels *rels);

/* The relationship with this id, or NULL. */
const struct docx_rel *docx_rel_get(const struct docx_rels *rels, const char *id);

/* The target part of the first relationship whose type ends in suffix. */
const char *docx_rel_find(const struct docx_rels *rels, const char *suffix);

/* Finds the main document part from [Content_Types].xml and _rels/.rels. */
int docx_find_main(struct docx *dx);

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

/* num_fmt.c */

/* Formats value in fmt into b (no template); pad for NF_PADDED. */
void docx_fmt_value(struct hx_buf *b, int fmt, int pad, int value);

/* The walk over story parts (body.c, text.c, table.c). */

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

/* body.c */

/* Handles the element the reader is on, in the context's mode. */
int docx_one(struct docx_walk *w, struct docx_ctx *c);

/* Runs docx_one over each child element of the current element. */
int docx_kids(struct docx_walk *w, struct docx_ctx *c);

/* Reads a w:p into parent. */
int docx_para(struct docx_walk *w, struct hx_node *parent);

/* Finishes a paragraph left open for the next one (its mark deleted) when
 * something else comes instead. */
void docx_merge_end(struct docx_walk *w);

/* A w:r: its properties, then its content. */
int docx_run(struct docx_walk *w, struct docx_ctx *c);

/* w:hyperlink and w:fldSimple: their content, inside a link when they
 * carry a target. */
int docx_hyperlink(struct docx_walk *w, struct docx_ctx *c);
int docx_fld_simple(struct docx_walk *w, struct docx_ctx *c);

/* w:ins, w:del, w:moveFrom, w:moveTo: kept, dropped or flagged according to
 * the changes option. */
int docx_change(struct docx_walk *w, struct docx_ctx *c, int del);

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

/* Right-to-left and East Asian code points. */
int docx_is_rtl_cp(int32_t cp);
int docx_is_ea_cp(int32_t cp);

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

/* The Symbol font's character as Unicode. */
int32_t docx_symbol_char(int32_t cp);

/* mc:AlternateContent: the first Choice we can read, else the Fallback. */
int docx_alternate(struct docx_walk *w, struct docx_ctx *c);

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

/* Walks a story part: the main document into doc->root, or the footnotes
 * or endnotes (endnote != 0) into dx->fns / dx->ens. 0 or -1. */
int docx_body_read(struct docx *dx, const char *part);
int docx_notes_read(struct docx *dx, const char *part, int endnote);

#endif
