/* Batch conversion: a pool of `jobs` worker processes, forked once, each
 * converting one document after another with the chain the parent opened;
 * a document that crashes its worker or runs past the time limit costs
 * only itself (the worker is forked again). What is converted is a plan
 * (batch_plan.h); what is told while it runs, batch_log.h. */
#ifndef HX_BATCH_H
#define HX_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "batch_plan.h"
#include "chain.h"

struct hx_batch_opts {
    const char *outdir; /* the plan's outputs are below it (it exists) */
    const char *lang;   /* documents' language when given, else NULL */
    int jobs;           /* documents converted at once (>= 1) */
    unsigned timeout;   /* seconds one document may take; 0 = no limit */
    const char *fmt;    /* the writer's name, for the summary (NULL = the chain's) */
    const char *recipe; /* chain text and options: an output made with another is stale */
    int resume;         /* skip documents whose output is up to date */
    int progress;       /* redraw a progress line on stderr */
    int verbose;        /* a line per document on stderr */
    int summary;        /* print the summary at the end */
    const char *log;    /* JSON-lines log file, or NULL */
};

/* Converts each document of the plan on its own through chain c.
 * Diagnostics of every document, and one for each document that crashed
 * or timed out, are gathered into diags. SIGINT or SIGTERM lets the
 * documents in flight finish, starts no other and reports the rest (a
 * second one stops at once). Returns the number of documents not written,
 * or -1 when the batch could not start. */
int hx_batch_run(struct hx_chain *c, const struct hx_batch_plan *plan,
                 const struct hx_batch_opts *o, struct hx_diags *diags);

/* One diagnostic as one text line (fields separated by tabs, tabs,
 * newlines and backslashes escaped), for passing between processes. */
void hx_diag_encode(const struct hx_diag *e, FILE *fp);

/* Adds to d the diagnostic encoded in line (as hx_diag_encode wrote it,
 * without the newline); 0, or -1 when the line is not one. */
int hx_diag_decode(struct hx_diags *d, char *line);

#endif
