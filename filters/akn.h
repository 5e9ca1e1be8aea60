/* Private to the Akoma Ntoso reader (filters/read_akn.c and
 * filters/akn_walk.c): the walk from a parsed libxml2 tree into the model.
 * Elements are told apart by local name only, so the 3.0 namespace, the
 * 2.0 and CSD drafts and a prefixed root (an:akomaNtoso) read alike. */
#ifndef HX_FILTERS_AKN_H
#define HX_FILTERS_AKN_H

#include <libxml/tree.h>

#include "hx.h"

/* Deeper element nesting is refused (libxml2 stops at 256 already
 * without XML_PARSE_HUGE; this guards the walk's own recursion). */
#define AKN_MAX_DEPTH 300

/* A <note> of the metadata block that noteRef elements point to. */
struct akn_note {
    const char *id;
    xmlNode *el; /* NULL once its text has been placed */
};

/* What the walk keeps between elements. */
struct akn_walk {
    struct hx_stage *st;
    struct hx_doc *doc;
    const char *label;    /* a <num> waiting for the next block, or NULL */
    unsigned label_line;  /* where that <num> stood */
    const char *lang;     /* xml:lang in force (BCP 47), or NULL */
    int plevel;           /* numbered containers around the current block */
    int hlevel;           /* headed containers around the current block */
    int space;            /* the current block so far ends in a space */
    int notes;            /* notes met so far, for markers nobody printed */
    int failed;           /* nesting too deep: an error was added */
    struct akn_note *notes_by_id; /* sorted by id, for noteRef */
    size_t nnotes;
};

/* Local name of an element ("" for other nodes). */
const char *akn_name(const xmlNode *x);

/* Is x the element with local name name? */
int akn_is(const xmlNode *x, const char *name);

/* BCP 47 tag for an ISO 639-2 code of the six UN languages and a few
 * others ("eng" -> "en"), the tag itself when it is already one, NULL
 * when v is not a language code at all; in doc's arena. */
const char *akn_lang_tag(struct hx_doc *doc, const char *v);

/* Collects the <note> elements that noteRef may point to, anywhere under
 * root, into w, sorted by id (in the document's arena). */
void akn_index_notes(struct akn_walk *w, xmlNode *root);

/* Walks the <akomaNtoso> root (its document's preface, preamble, body…,
 * then any <components> beside it) into doc's root, each part a section.
 * Returns 0, or -1 after an error (nesting too deep). */
int akn_walk_doc(struct akn_walk *w, xmlNode *root);

#endif
