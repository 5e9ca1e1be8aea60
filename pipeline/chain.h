/* Building a chain from its text and running it over sets of documents. */
#ifndef HX_CHAIN_H
#define HX_CHAIN_H

#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "filter.h"

struct hx_chain;

/* Builds a chain from text such as "text | structure | txt:ids,wrap=72".
 * The first stage may be omitted when it is a reader: the reader is then
 * chosen per file by content. Writers come last. Checks every stage name,
 * option and prerequisite; on failure returns NULL with a one-line message
 * (saying what to do) in err. */
struct hx_chain *hx_chain_build(const char *text, char *err, size_t errlen);

/* The standard chain text for writer spec "FMT[:opts]" into buf. */
void hx_chain_standard(const char *writer, char *buf, size_t buflen);

/* Releases the chain (closing every stage that was opened). */
void hx_chain_free(struct hx_chain *c);

/* The chain's writer, or NULL when it ends in a filter. */
const struct hx_filter *hx_chain_writer(const struct hx_chain *c);

/* Looks a stage up by name among stages of the given kind (-1 = any). */
const struct hx_filter *hx_filter_find(const char *name, int kind);

/* Runs the chain over a set: reads each document, runs every filter, then
 * writes to out ("-" = stdout; for a per-document writer and a set of
 * several documents, out is a directory and each file is named after its
 * input). Diagnostics go to diags. Returns 0 when every document was
 * written, -1 when any failed (the others are still written). */
int hx_chain_run(struct hx_chain *c, struct hx_set *set, const char *out, struct hx_diags *diags);

/* From now on each file output is closed but not landed: landed(ud, tmp,
 * final) receives the temporary and where it goes (both malloc'd, the
 * callee's), to be landed with others by hx_output_land (batch). Outputs
 * to streams are written through as before. */
void hx_chain_defer(struct hx_chain *c, void (*landed)(void *ud, char *tmp, char *final), void *ud);

/* Opens every filter and the writer now rather than on first use (readers
 * still open when a file first needs them), so that work done once per
 * chain is not repeated in each process of a batch. 0, or -1 after an
 * error diagnostic. */
int hx_chain_open(struct hx_chain *c, struct hx_diags *diags);

/* Parses "k=v,k2" against a stage's option table into priv (defaults
 * first); string values are copied into a. Returns 0, or -1 with a message
 * in err naming the bad key or value and the valid ones. */
int hx_opts_parse(const struct hx_filter *f, void *priv, const char *spec, struct hx_arena *a,
                  char *err, size_t errlen);

#endif
