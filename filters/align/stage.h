/* Private to the align stage (filters/align/align.c): its units and working
 * state, the pairwise bead alignment (filters/align/dp.c) and the row
 * checks (filters/align/align.check.c). */
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
    double ratio;     /* set by the caller: other's length per pivot length */
    double var;       /* set by align_pair_run: spread of the log length ratio */
};

/* Aligns p->a with p->b into out, in order: anchors by key, gaps by the
 * dynamic programme, then lone paragraphs next to a pair tried as merges. */
void align_pair_run(struct align_pair *p, struct align_beads *out);

/* Pairs the footnote paragraphs p->a with p->b into out: by scope and
 * printed number, else by order within the scope (also those left over on
 * both sides), whatever their order in the part; the other version's
 * leftovers come last (0–1). */
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
    size_t *counts; /* parts × documents: paragraphs per part */
};

/* Is u a line each version has its own of, never compared: the job number
 * and language lines of the masthead (front.job, front.language), or a job
 * number line anywhere ("21-18866 (E)", with its barcode and date stamp)?
 * (filters/align/align.check.c) */
int align_per_version(const struct align_unit *u);

/* Runs every check on row (filters/align/align.check.c). */
void align_check_row(struct align_ctx *cx, size_t row);

#endif
