/* Private to the docx reader (the files of filters/read/docx/); no other
 * stage includes these headers. Its files call downward only, except where
 * the document nests:
 *
 *   docx.c             the stage: package, parts in order, note labels
 *   story.c            the story parts: body, footnotes, endnotes
 *   walk.c  table.c    the recursive walk (walk.h): walk.c dispatches each
 *                      element (docx_one); the content of paragraphs,
 *                      tables, cells and text boxes comes back to it, as the
 *                      document nests
 *   para.c             paragraphs begun and finished (walk.h)
 *   text.c             runs' text, fields, note references (walk.h)
 *   num.c              list numbering, on styles.c and num_fmt.c (props.h)
 *   styles.c           properties and styles (props.h)
 *   num_fmt.c          number formats (props.h)
 *   pkg.c   chars.c    package and XML helpers (pkg.h); character classes
 *
 * This header: what the reader knows about one package, and the functions
 * the stage calls. */
#ifndef HX_DOCX_H
#define HX_DOCX_H

#include <stdint.h>

#include <zip.h>

#include "hx.h"
#include "pkg.h"
#include "props.h"

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

/* chars.c */

/* Right-to-left and East Asian code points. */
int docx_is_rtl_cp(int32_t cp);
int docx_is_ea_cp(int32_t cp);

/* The Symbol font's character as Unicode. */
int32_t docx_symbol_char(int32_t cp);

/* story.c */

/* Walks a story part: the main document into doc->root, or the footnotes
 * or endnotes (endnote != 0) into dx->fns / dx->ens. 0 or -1. */
int docx_body_read(struct docx *dx, const char *part);
int docx_notes_read(struct docx *dx, const char *part, int endnote);

#endif
