/* Private to the Akoma Ntoso reader: the walk from a parsed libxml2 tree
 * into the model. Its files call downward only: akn.c (the stage: parse,
 * metadata) calls walk.c (the tree walk), and both call text.c (element
 * table, text, attribute and language helpers), which calls neither.
 * Elements are told apart by local name only, so the 3.0 namespace, the
 * 2.0 and CSD drafts and a prefixed root (an:akomaNtoso) read alike. */
#ifndef HX_FILTERS_AKN_H
#define HX_FILTERS_AKN_H

#include <libxml/tree.h>

#include "hx.h"

/* Deeper element nesting is refused (libxml2 stops at 256 already
 * without XML_PARSE_HUGE; this guards the walk's own recursion). */
#define AKN_MAX_DEPTH HX_MAX_NESTING

/* What an element does in the model, by local name (filters/read/akn/text.c
 * lists them; any other element is AK_CONTAINER). From AK_SPAN on the
 * kinds are inline. */
enum akn_kind {
    AK_CONTAINER, /* anything not listed */
    AK_SKIP,      /* metadata, references to other documents */
    AK_PART,      /* preface, body, attachment…: a section */
    AK_LEAF,      /* p, block…: one paragraph of inline content */
    AK_NUM,
    AK_HEADING,
    AK_SUBHEADING,
    AK_LIST,
    AK_ITEM,
    AK_TABLE,
    AK_QUOTE,
    AK_SPAN, /* inline wrapper that may carry xml:lang */
    AK_EMPH,
    AK_STRONG,
    AK_SUP,
    AK_SUB,
    AK_LINK,
    AK_BREAK,
    AK_DROP, /* an empty marker: nothing, not even a boundary */
    AK_NOTE,
    AK_NOTEREF,
    AK_IMAGE
};

/* A <note> of the metadata block that noteRef elements point to. */
struct akn_note {
    const char *id;
    xmlNode *el; /* NULL once its text has been placed */
};

/* What the walk keeps between elements. */
struct akn_walk {
    struct hx_stage *st;
    struct hx_doc *doc;
    const char *label;            /* a <num> waiting for the next block, or NULL */
    unsigned label_line;          /* where that <num> stood */
    const char *lang;             /* xml:lang in force (BCP 47), or NULL */
    int plevel;                   /* numbered containers around the current block */
    int hlevel;                   /* headed containers around the current block */
    int space;                    /* the current block so far ends in a space */
    int notes;                    /* notes met so far, for markers nobody printed */
    int failed;                   /* nesting too deep: an error was added */
    struct hx_node *leaf;         /* the paragraph being filled, which a quoted */
    struct hx_node *box;          /* structure splits, and the block it is in */
    struct akn_note *notes_by_id; /* sorted by id, for noteRef */
    size_t nnotes;
    int resolution;    /* the document is a resolution or decision */
    enum hx_role role; /* role of the blocks of the current part */
    int annex;         /* the next block opens an attachment */
    int preserve;      /* in xml:space="preserve": white space kept as it is */
    const char *eid;   /* eId of the unit the next block opens, for node->pos.where */
    xmlNode **placed;  /* components already walked where a componentRef stood */
    size_t nplaced, placedcap;
};

/* Local name of an element ("" for other nodes). */
const char *akn_name(const xmlNode *x);

/* Is x the element with local name name? */
int akn_is(const xmlNode *x, const char *name);

/* The kind of element x (AK_CONTAINER for other nodes and unknown
 * elements). */
enum akn_kind akn_kind_of(const xmlNode *x);

/* Is an element of kind k inline content? */
int akn_kind_is_inline(enum akn_kind k);

/* An attribute's value copied into the arena; NULL when absent or empty. */
const char *akn_attr(struct akn_walk *w, xmlNode *x, const char *name);

/* The source line of a node (0 when unknown). */
unsigned akn_line(const xmlNode *x);

/* Is c XML white space (space, tab, CR, LF)? */
int akn_space(unsigned char c);

/* The text of x's subtree with white space runs collapsed and trimmed, in
 * the arena (a label or a metadata value). */
const char *akn_flat_text(struct akn_walk *w, xmlNode *x);

/* A new node of type t for element x, with its line; a block also gets
 * the xml:lang in force when it is not the document's language. */
struct hx_node *akn_node_for(struct akn_walk *w, xmlNode *x, enum hx_type t);

/* x's own xml:lang as a BCP 47 tag, or NULL. */
const char *akn_own_lang(struct akn_walk *w, xmlNode *x);

/* Appends the text s to an inline parent, runs of XML white space
 * collapsed to one space across calls (w->space), unless w->preserve. */
void akn_add_text(struct akn_walk *w, struct hx_node *parent, const char *s, unsigned line);

/* Drops a collapsed space ending blk's content, and the inline wrappers it
 * leaves empty (never blk itself); nothing under w->preserve. */
void akn_trim_end(struct akn_walk *w, struct hx_node *blk);

/* Closes a block: no trailing space; detached when it holds nothing and
 * has no label. NULL is allowed. */
void akn_finish_block(struct akn_walk *w, struct hx_node *b);

/* Index in w->notes_by_id of the note with id id, or -1. */
long akn_find_note(const struct akn_walk *w, const char *id);

/* BCP 47 tag for an ISO 639-2 code of the six UN languages and a few
 * others ("eng" -> "en"), the tag itself when it is already one, NULL
 * when v is not a language code at all; in doc's arena. */
const char *akn_lang_tag(struct hx_doc *doc, const char *v);

/* Collects the <note> elements that noteRef may point to, anywhere under
 * root, into w, sorted by id (in the document's arena). */
void akn_index_notes(struct akn_walk *w, xmlNode *root);

/* Is the document element docel a resolution or decision (an AKN4UN
 * <statement>, a name="resolution"/"decision", or a work URI naming one),
 * whose preamble and body are preambular and operative paragraphs? */
int akn_is_resolution(xmlNode *docel, const char *uri);

/* The role of the blocks inside owner, given the role w->role of those
 * around it (pipeline/doc.h): in a resolution, its formula's, preamble's
 * and body's; a title container's; none in attachments, components and
 * quotations, which are other texts. */
enum hx_role akn_part_role(struct akn_walk *w, xmlNode *owner);

/* The eId the block opened now keeps in node->pos.where: that of the unit
 * it opens (w->eid, the outermost not yet taken), else x's own; clears
 * w->eid. */
const char *akn_take_eid(struct akn_walk *w, xmlNode *x);

/* Does owner's eId name a unit its first block stands for (not a part,
 * nor content, intro, wrap-up or a group of units)? */
int akn_eid_unit(xmlNode *owner);

/* The number a note marker prints ("12", "¹²"), or 0. */
int akn_marker_num(const char *m);

/* Is x a <block name="footnote">, the text of a footnote no marker calls
 * (as the akn writer leaves one in the flow)? */
int akn_footnote_block(xmlNode *x);

/* Has component x been walked where a componentRef stood? */
int akn_placed(const struct akn_walk *w, const xmlNode *x);

/* The component a componentRef points to (src="#cmp_1") among the
 * components of the documents around it; NULL when none or walked. */
xmlNode *akn_component_for(struct akn_walk *w, xmlNode *ref);

/* Walks the <akomaNtoso> root (its document's preface, preamble, body…,
 * then any <components> beside it) into doc's root, each part a section.
 * Returns 0, or -1 after an error (nesting too deep). */
int akn_walk_doc(struct akn_walk *w, xmlNode *root);

#endif
