/* Atomic output for the runner: a writer writes to a temporary file beside
 * the target, which is renamed into place only on success. Internal to
 * pipeline/ (stages see struct hx_output only). */
#ifndef HX_OUTPUT_H
#define HX_OUTPUT_H

#include "filter.h"

/* The output name of input path in directory dir:
 * "dir/<file name less its extension>.<ext>", in a. */
char *hx_output_name(struct hx_arena *a, const char *dir, const char *path, const char *ext);

/* Opens a temporary file for target ("-" = standard output, buffered in a
 * temporary file under $TMPDIR until committed). Fills out; returns 0, or
 * -1 with a message in err. */
int hx_output_open(struct hx_output *out, const char *target, char *err, size_t errlen);

/* Closes the temporary file and moves it into place (or copies it to
 * standard output). Returns 0, or -1 with a message in err, in which case
 * the temporary file is gone and the target untouched. */
int hx_output_commit(struct hx_output *out, char *err, size_t errlen);

/* Removes the temporary file; the target is untouched. */
void hx_output_abort(struct hx_output *out);

#endif
