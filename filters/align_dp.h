/* Private to the align stage: the pairwise bead alignment of two
 * versions' paragraphs within one part (filters/align_dp.c), used by
 * filters/align.c and its unit test. */
#ifndef HX_ALIGN_DP_H
#define HX_ALIGN_DP_H

#include <stddef.h>

#include "align_tokens.h"
#include "hx.h"

enum align_punct { P_NONE, P_COMMA, P_SEMI, P_STOP, P_COLON };

/* One alignable paragraph of one version. */
struct align_unit {
    struct hx_node *node;
    const char *key, *part;
    int anchor;       /* its key is a printed number: pairs by key */
    double len;       /* code points, spaces excluded */
    const char *text; /* label and text, for reports */
    struct align_toks toks, ntoks; /* its own tokens; its unkeyed notes' */
    int notes;        /* footnote references */
    int emph;         /* emphasised runs directly in it (lead words) */
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

/* Aligns p->a with p->b into out, in order: anchors by key, gaps by the
 * dynamic programme, then lone paragraphs next to a pair tried as merges. */
void align_pair_run(struct align_pair *p, struct align_beads *out);

#endif
