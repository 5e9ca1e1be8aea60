/* Private to the align stage (filters/align/align.c): its units and working
 * state, the pairwise bead alignment (dp.c), footnote pairing (notes.c),
 * the versions as wholes (versions.c), what happened (story.c), the row
 * checks (check.c) and page furniture (furniture.c). */
#ifndef HX_ALIGN_STAGE_H
#define HX_ALIGN_STAGE_H

#include <stddef.h>

#include "hx.h"
#include "tokens.h"

enum align_punct { P_NONE, P_COMMA, P_SEMI, P_STOP, P_COLON };

/* One alignable paragraph of one version. */
struct align_unit {
    struct hx_node *node;
    const char *key, *part;
    int anchor;                    /* its key is a printed number: pairs by key */
    double len;                    /* code points, spaces excluded */
    const char *text;              /* label and text, for reports */
    struct align_toks toks, ntoks; /* its own tokens; its unkeyed notes' */
    int notes;                     /* footnote references */
    int emph;                      /* emphasised runs directly in it (lead words) */
    int bound;                     /* its notes are tied to their calls by the file
                                      itself (DOCX, Akoma Ntoso), not by number */
    enum align_punct punct;
};

/* One bead: its type, the first pivot unit and the first other unit
 * (indices into the pair's lists; meaningless on the empty side), and its
 * cost (lower is surer). */
struct align_bead {
    enum hx_bead type;
    size_t i, j;
    double cost;
};

/* A growable list (heap); zero-initialise, free(v) when done. */
struct align_beads {
    struct align_bead *v;
    size_t n, cap;
};

/* The two sides of one part: the pivot's units a, the other's b. */
struct align_pair {
    struct align_unit **a, **b;
    size_t na, nb;
    double ratio; /* set by the caller: other's length per pivot length */
    double var;   /* set by align_pair_run: spread of the log length ratio */
};

/* Cost of a paragraph with no counterpart (1–0, 0–1), in -log probability
 * units (Gale and Church's prior, rounded). */
#define ALIGN_COST_SKIP 4.5

/* Appends a bead to b. */
void align_bead_add(struct align_beads *b, enum hx_bead t, size_t i, size_t j, double cost);

/* Aligns p->a with p->b into out, in order: anchors by key, gaps by the
 * dynamic programme, then lone paragraphs next to a pair tried as merges. */
void align_pair_run(struct align_pair *p, struct align_beads *out);

/* Pairs the footnote paragraphs p->a with p->b into out
 * (filters/align/notes.c): by calling paragraph where the file ties notes
 * to calls, by scope and printed number, else by order within the scope
 * (also those left over on both sides), whatever their order in the part;
 * the other version's leftovers come last (0–1). */
void align_pair_notes(const struct align_pair *p, struct align_beads *out);

/* One version's units, in document order. */
struct align_version {
    struct hx_doc *doc;
    struct align_unit *u;
    size_t n, cap;
    double total; /* length of all its units */
};

/* The stage's working state while it builds the rows of one set. */
struct align_ctx {
    struct hx_stage *st;
    struct hx_set *set;
    struct hx_align *al;
    struct align_version *v; /* one per document */
    size_t nd;
    struct hx_align_row *rows;   /* heap while building */
    struct align_unit *(*ru)[2]; /* rows × documents: the units of each cell */
    size_t nrows, cap;
    const char **parts; /* in order of first appearance */
    size_t nparts;
    size_t *counts;       /* parts × documents: paragraphs per part */
    size_t orig;          /* the original version: the pivot of every part that
                             has it, the reference on a tie */
    const char *accept;   /* the reviewer's accepted flags (file text), or NULL */
    unsigned char *quiet; /* rows × documents: presence already explained
                             (filters/align/story.c), not reported again */
};

/* The stage's options (align:original=fr,accept=FILE). */
struct align_opts {
    const char *original; /* language tag of the original; "" = from masthead */
    const char *accept;   /* file of flags already looked at */
};

/* ---- filters/align/versions.c ---- */

/* A year-less date takes the year most versions name. */
void align_set_years(struct align_version *v, size_t nd);

/* Median length ratio of version d to version a over equal numbered keys. */
double align_version_ratio(const struct align_ctx *cx, size_t a, size_t d);

/* The BCP 47 tag of a document: its own, else guessed from its text. */
const char *align_doc_tag(struct hx_doc *doc, const struct align_version *v);

/* The original: the version whose tag or name is want; with want empty,
 * the version whose masthead "Original:" names its own language, else the
 * first. (size_t)-1 when want names no version. */
size_t align_find_original(const struct align_ctx *cx, const char *want);

/* Length of every paired row against the original, with a threshold from
 * the spread of the document's own rows: "shortened by N %". */
void align_check_lengths(struct align_ctx *cx);

/* Records a disagreement of kind flag blamed on version d at row: a
 * warning, or a note when note is set or the reviewer accepted it
 * (filters/align/check.c). */
void align_report(struct align_ctx *cx, size_t row, size_t d, unsigned flag, int note,
                  const char *msg);

/* Is u a line each version has its own of, never compared: the job number
 * and language lines of the masthead (front.job, front.language), or a job
 * number line anywhere ("21-18866 (E)", with its barcode and date stamp)?
 * (filters/align/furniture.c) */
int align_per_version(const struct align_unit *u);

/* Renumbered ranges and moved paragraphs, said once (filters/align/story.c);
 * before align_check_row. */
void align_check_story(struct align_ctx *cx);

/* Runs every check on row (filters/align/check.c). */
void align_check_row(struct align_ctx *cx, size_t row);

#endif
