/* Private to the Akoma Ntoso writer (filters/write/akn/): the state the
 * writer keeps while it builds a libxml2 tree from the model, shared by
 * akn.c (the document and its parts), frbr.c (identification metadata)
 * and blocks.c (hierarchy, blocks, inlines and eIds). */
#ifndef HX_WRITE_AKN_H
#define HX_WRITE_AKN_H

#include <libxml/tree.h>

#include "hx.h"

#define AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

/* One open hierarchy element of a part (paragraph, point, article…) that a
 * later block may go into: its sub-items, continuations, an article's
 * paragraphs. */
struct akn_open {
    xmlNode *el;
    const char *key; /* the model key it stands for ("body.2"), or NULL */
    const char *eid;
};

struct akn_writer {
    struct hx_stage *st;
    struct hx_doc *doc;
    xmlDoc *xd;
    const char *prefix; /* eId prefix of the current (sub)document: "", "cmp_1__" */
    const char **eids;  /* every eId given so far (hash set, open addressing) */
    size_t neids, eidcap;
    struct akn_open *stack; /* open hierarchy elements of the current part */
    size_t depth, stackcap;
    const char *work_type, *work_name; /* the main document's, for its parts' Work */
    const char *kept;                  /* an eId read from the source, given without prefix */
    int in_note;                       /* inside an authorialNote: its text is the note's */
    int counter;                       /* unnumbered elements so far, for their eIds */
    int replaced;                      /* characters XML cannot hold, written as U+FFFD */
};

/* A new element named name appended to parent (in the Akoma Ntoso
 * namespace, which the root declares). */
xmlNode *akn_el(struct akn_writer *w, xmlNode *parent, const char *name);

/* Sets attribute name on el (nothing when value is NULL or empty); values
 * XML cannot hold are cleaned as text is. */
void akn_set(struct akn_writer *w, xmlNode *el, const char *name, const char *value);

/* Appends text s[0..len) to el, characters XML 1.0 cannot hold as U+FFFD. */
void akn_text(struct akn_writer *w, xmlNode *el, const char *s, size_t len);

/* A <num> holding label under parent; xml:space="preserve" when the
 * label's white space would not survive collapsing ("أولاً\t-"). */
void akn_num(struct akn_writer *w, xmlNode *parent, const char *label);

/* Sets el's eId to want (prefixed with the current document's prefix
 * unless it already is), made unique in the file by a "-N" suffix when
 * it is taken; returns the eId given. */
const char *akn_eid(struct akn_writer *w, xmlNode *el, const char *want);

/* The eId an element for block n should have: the eId it was read with
 * (an Akoma Ntoso source's, kept in n->pos.where), else one derived from
 * its key (see the table at the top of akn.c), else abbr_<count>. */
const char *akn_eid_for(struct akn_writer *w, const struct hx_node *n, const char *abbr);

/* A new element name under parent for block n's inline content, with
 * n's xml:lang, and xml:space="preserve" when the text has white space a
 * reader would collapse (runs, tabs, newlines, spaces at the ends). */
xmlNode *akn_inline_block(struct akn_writer *w, xmlNode *parent, const char *name,
                          const struct hx_node *n);

/* The inline content of block n into el: text, b, i, sup, sub, ref, eol,
 * span (xml:lang), img, authorialNote. */
void akn_inlines(struct akn_writer *w, xmlNode *el, const struct hx_node *n);

/* Block n as plain blocks (p, blockList, table…) into el: where only
 * blocks may go (preface, preamble, content, a note). */
void akn_block(struct akn_writer *w, xmlNode *el, const struct hx_node *n);

/* The blocks first..last (siblings, last included) of one part into
 * parent as hierarchy: numbered paragraphs, their sub-items as points,
 * continuations as further blocks, headings as hcontainers, articles.
 * Empties the open-element stack first and after. */
void akn_hierarchy(struct akn_writer *w, xmlNode *parent, const struct hx_node *first,
                   const struct hx_node *last);

/* Identification metadata (FRBR Work, Expression, Manifestation) and the
 * references they point to, as <meta> of a document element of type
 * (statement, doc, act) named name, for its component component ("main",
 * "annex_1"…) (filters/write/akn/frbr.c). */
void akn_meta(struct akn_writer *w, xmlNode *docel, const char *type, const char *name,
              const char *component);

/* The ISO 639-2/B code of a BCP 47 tag ("zh-Hans" -> "chi"; a language
 * languages.tsv lacks keeps its tag, "ja-JP"), "und" when there is none
 * (filters/write/akn/frbr.c). */
const char *akn_lang_code(const char *tag);

/* The document's date as YYYY-MM-DD, read from its "date" metadata in any
 * of the six languages, or NULL (filters/write/akn/frbr.c). */
const char *akn_iso_date(struct akn_writer *w);

#endif
