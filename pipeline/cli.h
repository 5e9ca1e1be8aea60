/* What the command line needs beyond the chain: choosing a writer from an
 * output name, listing the stages, naming the libraries. Used by main.c;
 * kept apart so that each piece has a unit test. */
#ifndef HX_CLI_H
#define HX_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "filter.h"

/* The writer that -o NAME selects: the registered writer whose extension
 * (ext, or one of exts) is the longest suffix ".EXT" of NAME's base name,
 * among per-document writers (set = 0, for convert and batch) or set
 * writers (set = 1, align's reports). NULL when none: err then says so and
 * lists the extensions that are known. */
const struct hx_filter *hx_writer_for_name(const char *name, int set, char *err, size_t errlen);

/* Lists every reader (its extensions and the content it recognises), filter
 * and writer (its extensions) with its options, as `hexaglot stages`. */
void hx_stages_print(FILE *fp);

/* "hexaglot VERSION" and the versions of the libraries it was built with
 * and runs with, one per line, as `hexaglot --version`. */
void hx_version_print(FILE *fp);

#endif
