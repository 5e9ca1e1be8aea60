/* The document model: one tree of block and inline nodes per document,
 * allocated in the document's arena, and the set of documents a chain runs
 * over (the language versions of one document, or a batch of one). */
#ifndef HX_DOC_H
#define HX_DOC_H

#include <stddef.h>

#include "arena.h"

/* Node types. Blocks hold blocks or inlines; inlines hold inlines, except
 * HX_NOTE, which holds the blocks of a footnote at its point of reference
 * (pandoc's Note [Block]), so moving text never orphans a note. */
enum hx_type {
    HX_DOC,     /* the root */
    HX_SECTION, /* a part: front matter, body, resolution, annex… */
    HX_HEADING, /* level in node->level */
    HX_PARA,
    HX_LIST,
    HX_ITEM,
    HX_TABLE,
    HX_ROW,
    HX_CELL, /* colspan/rowspan in node->span[0]/[1] */
    HX_QUOTE,
    /* inlines */
    HX_TEXT, /* node->text, UTF-8 */
    HX_EMPH,
    HX_STRONG,
    HX_SUP,
    HX_SUB,
    HX_LINK,    /* node->href */
    HX_NOTEREF, /* a note marker not yet paired with a body; label = marker */
    HX_NOTE,    /* a footnote: block children; label = printed marker */
    HX_BREAK,   /* line break inside a block */
    HX_SPAN,    /* carries lang or flags over a run of inlines */
    HX_IMAGE,   /* placeholder; alt text in node->text */
    HX_TYPE_COUNT
};

/* What a block is in a UN document. The structure stage sets roles from
 * the text; a reader whose markup says what a block is (Akoma Ntoso) may
 * set these on blocks (HX_PARA or HX_HEADING, not in notes), and
 * structure then takes them as given, assigning keys, labels and lead
 * classes around them instead of guessing (README "Paragraph keys"):
 *   HX_ROLE_NOTE_BODY   footnote text (also a DOCX footnote, or a plain-text
 *                       line that looks like one); keyed by the notes stage
 *   HX_ROLE_FORMULA     a resolution's formula, whatever its words: opens a
 *                       resolution part resN (or is pre.formula inside an
 *                       instrument's preamble); the block before it is the
 *                       title if it can be one
 *   HX_ROLE_PREAMBULAR  a preambular paragraph: resN.pp.N, counted; a block
 *                       labelled "(a)"/"a)" under it is its sub-item. Text
 *                       that is a formula ("The Commission on Narcotic
 *                       Drugs,") is still read as one, before any pp
 *   HX_ROLE_OPERATIVE   an operative paragraph: resN.op.N by its printed
 *                       number ("3." or a bare "3" label); an unnumbered one
 *                       is op.1 first, else the numbered one's continuation.
 *                       On an HX_HEADING ("resolves", "instructs the
 *                       Secretary-General") it is an operative paragraph of
 *                       its own, resN.op.N, whose operative blocks until the
 *                       next such heading are resN.op.N.M (M = printed
 *                       number, else the next)
 *   HX_ROLE_TITLE       a title: the document's (front.title) in the front
 *                       matter, a resolution's before its formula, an
 *                       article's right after its heading (art.N.title), an
 *                       annex's right after the heading that opens it
 *   HX_ROLE_ARTICLE     on an HX_HEADING: opens article N (its number in the
 *                       text or label, else the next) unless its key (model
 *                       XML read back) is not "art.N"; a paragraph with it
 *                       is keyed as any paragraph of the article
 *   HX_ROLE_ANNEX       the block that opens an annex (made its heading
 *                       when it reads as one: short, no closing stop)
 *   HX_ROLE_CONTINUED   in a resolution, the body or an annex, after a
 *                       numbered block: a block that goes on the paragraph
 *                       before it (parent key +N), as structure left it
 *   HX_ROLE_SUBITEM     under a reader-marked operative heading, a "4.1"
 *                       structure made a sub-item: operative again (model
 *                       XML read back), so keyed alike
 * A preambular or operative block outside a resolution opens one. Other
 * roles a reader leaves NONE, and structure overwrites them (the model
 * reader brings them back from XML: structure keys them alike again). */
enum hx_role {
    HX_ROLE_NONE,
    HX_ROLE_MASTHEAD,   /* symbol, session, agenda item, organ, rapporteur */
    HX_ROLE_TITLE,      /* document or resolution title */
    HX_ROLE_NUMBERED,   /* "12. …" report paragraph */
    HX_ROLE_SUBITEM,    /* "(a)", "(i)", "(一)" */
    HX_ROLE_CONTINUED,  /* unnumbered child of a numbered paragraph */
    HX_ROLE_FORMULA,    /* "The General Assembly," */
    HX_ROLE_PREAMBULAR, /* "Recalling …," */
    HX_ROLE_OPERATIVE,  /* "1. Decides …;" */
    HX_ROLE_ARTICLE,    /* "Article 1" heading or paragraph */
    HX_ROLE_PREAMBLE,   /* paragraph of an instrument's preamble */
    HX_ROLE_ANNEX,      /* annex heading or paragraph */
    HX_ROLE_NOTE_BODY,  /* footnote text */
    HX_ROLE_COUNT
};

/* Node flags. */
enum {
    HX_F_HEADER = 1u << 0,   /* table header cell or row */
    HX_F_RTL = 1u << 1,      /* right-to-left paragraph or span */
    HX_F_INSERTED = 1u << 2, /* tracked insertion kept with changes=all */
    HX_F_DELETED = 1u << 3,  /* tracked deletion kept with changes=all */
    HX_F_ENDNOTE = 1u << 4,  /* HX_NOTE/HX_NOTEREF: an endnote */
    HX_F_JOINED = 1u << 5    /* block rebuilt from pieces split by a page break */
};

/* Where a node came from, for diagnostics: a 1-based line in the input (or
 * in the named part of a package) and an optional path inside it, such as
 * "word/footnotes.xml" or an XPath, or the Akoma Ntoso eId of the unit the
 * block opens (which the akn writer gives back; printed in diagnostics
 * only when the root names a main part, as a DOCX's does). */
struct hx_pos {
    unsigned line;
    const char *where;
};

struct hx_node {
    enum hx_type type;
    enum hx_role role;
    struct hx_node *parent, *first, *last, *prev, *next;
    const char *text;  /* HX_TEXT and HX_IMAGE alt: UTF-8, NUL-terminated */
    size_t len;        /* bytes of text */
    const char *href;  /* HX_LINK target */
    const char *lang;  /* BCP 47; NULL = inherited (see hx_node_lang) */
    const char *label; /* as printed: "11.", "(a)", "一.", "¹"; NULL = none */
    const char *key;   /* paragraph key: "body.11", "res1.pp.3", "fn.body.2" */
    const char *lead;  /* lead-word classes of a resolution paragraph ("recall",
                          "consider|whereas", "concern:grave"; pipeline/lang.h) */
    const char *style; /* source style name, when the reader knows it */
    int num;           /* value of the label / note number; 0 = none */
    int level;         /* heading level, list depth */
    int span[2];       /* HX_CELL: colspan, rowspan (0 = 1) */
    unsigned flags;    /* HX_F_* */
    struct hx_pos pos;
};

/* Document metadata as name/value pairs, in insertion order ("symbol",
 * "date", "session", "agenda", "title", "organ", "rapporteur", …). */
struct hx_meta {
    const char *name, *value;
    struct hx_meta *next;
};

struct hx_doc {
    struct hx_arena *arena; /* owns every node and string of this document */
    struct hx_node *root;   /* HX_DOC */
    const char *path;       /* input file as given, or "<stdin>" */
    const char *source;     /* the file actually read when not path, else NULL */
    const char *lang;       /* document language (BCP 47) or NULL */
    struct hx_meta *meta;
    const char *format; /* name of the reader that read it ("text", "docx"…) */
    int failed;         /* a stage gave up on it: later stages skip it, nothing written */
};

/* The align stage's result, defined in align.h for the stages that use it. */
struct hx_align;

/* A set of documents run through one chain together. */
struct hx_set {
    struct hx_arena *arena; /* cross-document data, freed with the set */
    struct hx_doc **docs;
    size_t ndocs;
    const char *name;       /* for reports: document symbol or first file's name */
    struct hx_align *align; /* result of the align stage, read by report writers */
};

/* A new document with an empty HX_DOC root and its own arena. path is
 * copied. Release with hx_doc_free. */
struct hx_doc *hx_doc_new(const char *path);

/* Releases the document and all its nodes. NULL is allowed. */
void hx_doc_free(struct hx_doc *doc);

/* A new detached node of the given type, zeroed, in doc's arena. */
struct hx_node *hx_node_new(struct hx_doc *doc, enum hx_type type);

/* A new HX_TEXT node holding a copy of s[0..len). */
struct hx_node *hx_text_new(struct hx_doc *doc, const char *s, size_t len);

/* Replaces the text of an HX_TEXT node with a copy of s[0..len). */
void hx_node_set_text(struct hx_doc *doc, struct hx_node *n, const char *s, size_t len);

/* Appends child (detached first if attached) as last child of parent. */
void hx_node_append(struct hx_node *parent, struct hx_node *child);

/* Inserts n (detached first if attached) just before sibling. */
void hx_node_insert_before(struct hx_node *sibling, struct hx_node *n);

/* Inserts n (detached first if attached) just after sibling. */
void hx_node_insert_after(struct hx_node *sibling, struct hx_node *n);

/* Unlinks n from its parent and siblings; it keeps its own children. */
void hx_node_detach(struct hx_node *n);

/* Detaches n, then each ancestor below stop (an ancestor of n) that n's
 * going left without children: removing a run of space must not leave an
 * empty emphasis or link behind. */
void hx_node_detach_pruning(struct hx_node *n, struct hx_node *stop);

/* Is this an inline type? */
int hx_type_is_inline(enum hx_type t);

/* Does n hold inline content directly (a paragraph-like block, not only a
 * container of blocks)? The blocks text stages work on one at a time. */
int hx_node_has_inlines(const struct hx_node *n);

/* May a node of type child sit directly under a node of type parent? */
int hx_type_can_contain(enum hx_type parent, enum hx_type child);

/* Checks every parent/child/sibling link and hx_type_can_contain over the
 * tree; returns NULL when sound, else a static message naming the problem. */
const char *hx_doc_check(const struct hx_doc *doc);

/* The effective language: the nearest lang up the tree, then doc->lang. */
const char *hx_node_lang(const struct hx_doc *doc, const struct hx_node *n);

/* The concatenated text of n's subtree, excluding the content of HX_NOTE
 * children (their markers neither), as a NUL-terminated string in doc's
 * arena; *len (if not NULL) receives its length. */
char *hx_node_text(struct hx_doc *doc, const struct hx_node *n, size_t *len);

/* Names of types and roles as used in the XML vocabulary, and back
 * (-1 when unknown). */
const char *hx_type_name(enum hx_type t);
int hx_type_from_name(const char *name);
const char *hx_role_name(enum hx_role r);
int hx_role_from_name(const char *name);

/* Sets (replacing) or reads a metadata value; value is copied. */
void hx_meta_set(struct hx_doc *doc, const char *name, const char *value);
const char *hx_meta_get(const struct hx_doc *doc, const char *name);

/* Depth-first walk without allocation; each node is seen on enter and, if it
 * can have children, again on exit:
 *     struct hx_iter it = hx_iter_start(doc->root);
 *     while (hx_iter_next(&it)) if (it.enter && it.node->type == HX_TEXT) …
 * The current node may be edited on exit, not detached on enter. */
struct hx_iter {
    struct hx_node *root, *node;
    int enter;
    int started;
};

/* An iterator over root's subtree (root included). */
struct hx_iter hx_iter_start(struct hx_node *root);

/* Advances; 0 when the walk is over. */
int hx_iter_next(struct hx_iter *it);

/* Skips the children of the node just entered, and its exit: the next step
 * goes on to its next sibling. */
void hx_iter_skip(struct hx_iter *it);

/* A new set holding documents for the given paths (not yet read). */
struct hx_set *hx_set_new(const char *const *paths, size_t n);

/* Releases the set, its documents and its arena. NULL is allowed. */
void hx_set_free(struct hx_set *set);

#endif
