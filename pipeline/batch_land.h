/* A batch's outputs landed in groups. A worker closes each output under
 * its temporary name without waiting for the disk; the parent gathers the
 * finished documents and, every few dozen outputs or a quarter of a
 * second, makes the group durable together (writeback of every file
 * started, then each waited for) before renaming each into place. An
 * output is thus never seen under its name before it is complete and on
 * disk, as with convert's fsync per file, but the waits overlap instead of
 * queueing two flushes a document (a third of a batch's time). Documents
 * are logged, and recorded for --resume, when their outputs have landed.
 * Internal to pipeline/ (batch.c). */
#ifndef HX_BATCH_LAND_H
#define HX_BATCH_LAND_H

#include "batch_log.h"
#include "diag.h"

struct hx_land;

/* What is told of each document once its outputs have landed (or failed
 * to: then st is HX_DOC_FAILED and d says why). */
typedef void hx_land_done_fn(void *ud, long doc, enum hx_doc_status st, double seconds,
                             struct hx_diags *d);

/* What is told of each output just before it is renamed into place (the
 * temporary holds its final content): --resume's record goes there, so
 * that a kill after the rename never costs the document again. */
typedef void hx_land_landing_fn(void *ud, long doc, enum hx_doc_status st, const char *tmp,
                                const char *final);

struct hx_land *hx_land_new(hx_land_landing_fn *landing, hx_land_done_fn *done, void *ud);

/* Document doc is finished with status st: its n outputs (temporaries
 * and final names, malloc'd, now the queue's; registered for removal on a
 * signal) wait to land; its diagnostics are moved out of d. */
void hx_land_doc(struct hx_land *l, long doc, enum hx_doc_status st, double seconds,
                 struct hx_diags *d, char **tmp, char **final, size_t n);

/* Lands the group when it is large or old enough, or when force. */
void hx_land_maybe(struct hx_land *l, int force);

/* Lands what is left and frees the queue. NULL is allowed. */
void hx_land_free(struct hx_land *l);

#endif
