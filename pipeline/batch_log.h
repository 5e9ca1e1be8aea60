/* What a batch tells while it runs and after: a progress line on a
 * terminal, a line per document with -v, a JSON-lines log (--log), the
 * summary at the end, and the state file behind --resume. Internal to
 * pipeline/ (batch.c and main.c). */
#ifndef HX_BATCH_LOG_H
#define HX_BATCH_LOG_H

#include <stdio.h>

#include "diag.h"

enum hx_doc_status {
    HX_DOC_CONVERTED,
    HX_DOC_FAILED,
    HX_DOC_TIMEOUT,
    HX_DOC_CRASHED,
    HX_DOC_SKIPPED /* --resume: its output is up to date */
};

struct hx_batch_log;

/* Seconds on the monotonic clock, for the batch's timings. */
double hx_batch_now(void);

/* Starts reporting on a batch of total documents writing format fmt.
 * progress: redraw a progress line on stderr (a terminal); verbose: a line
 * per document on stderr; log_path: the JSON-lines log (NULL = none),
 * created or truncated. NULL after an error diagnostic in diags. */
struct hx_batch_log *hx_batch_log_open(size_t total, const char *fmt, int progress, int verbose,
                                       const char *log_path, struct hx_diags *diags);

/* One document is done: its input, output, status, seconds it took and
 * its diagnostics (d may be NULL). */
void hx_batch_log_doc(struct hx_batch_log *l, const char *input, const char *output,
                      enum hx_doc_status st, double seconds, const struct hx_diags *d);

/* Redraws the progress line if it is due (at most ten times a second). */
void hx_batch_log_tick(struct hx_batch_log *l);

/* Clears the progress line, prints the summary on stderr when asked to
 * (a terminal, -v, or an interrupted run) and closes the log. NULL is
 * allowed. */
void hx_batch_log_close(struct hx_batch_log *l, int summary, int interrupted);

/* --resume: the state file in outdir records, for every output written,
 * its input's size and modification time and the recipe (chain and
 * options) it was made with. */
struct hx_batch_state;

/* Loads outdir's state (none yet is fine). recipe: the chain text and
 * options that make an output what it is. */
struct hx_batch_state *hx_batch_state_open(const char *outdir, const char *recipe);

/* 1 when target is newer than input and is the very file (inode) made
 * from this input (same size and time) with the same recipe. */
int hx_batch_state_fresh(struct hx_batch_state *s, const char *input, const char *target);

/* Records that target is made from input now, as the file made is at
 * path made (its temporary, about to be renamed to target: its inode is
 * kept, so that a record whose rename never happened is never fresh).
 * Appended at once, so that a run killed later still knows. */
void hx_batch_state_record(struct hx_batch_state *s, const char *input, const char *target,
                           const char *made);

void hx_batch_state_close(struct hx_batch_state *s);

/* `batch --merge-logs`: reads the JSON-lines logs of the shards of one
 * batch, writes them as one log sorted by input to out (NULL = none) and
 * prints their summary to fp. 0, or -1 after a message on stderr. */
int hx_batch_logs_merge(char *const *logs, size_t n, const char *out, FILE *fp);

#endif
