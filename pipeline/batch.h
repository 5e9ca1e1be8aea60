/* Batch conversion: every document runs in a process of its own, so a
 * document that crashes the converter or runs past the time limit costs
 * only itself; up to `jobs` run at once. */
#ifndef HX_BATCH_H
#define HX_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "chain.h"

struct hx_batch_opts {
    const char *outdir; /* every output goes here, named after its input */
    const char *lang;   /* documents' language when given, else NULL */
    int jobs;           /* documents converted at once (>= 1) */
    unsigned timeout;   /* seconds one document may take; 0 = no limit */
};

/* Converts each of the n paths on its own through chain c into o->outdir
 * (created if missing). Diagnostics of every document, and one for each
 * document that crashed or timed out, are gathered into diags. Returns the
 * number of documents not written, or -1 when the batch could not start. */
int hx_batch_run(struct hx_chain *c, char *const *paths, size_t n, const struct hx_batch_opts *o,
                 struct hx_diags *diags);

/* One diagnostic as one text line (fields separated by tabs, tabs,
 * newlines and backslashes escaped), for passing between processes. */
void hx_diag_encode(const struct hx_diag *e, FILE *fp);

/* Adds to d the diagnostic encoded in line (as hx_diag_encode wrote it,
 * without the newline); 0, or -1 when the line is not one. */
int hx_diag_decode(struct hx_diags *d, char *line);

#endif
