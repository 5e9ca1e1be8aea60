/* Shared by the libFuzzer harnesses in fuzz/: one input through one reader,
 * the standard filters and the xml writer. */
#ifndef HX_FUZZ_H
#define HX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to a temporary file named *.ext, runs the chain
 * "READER | standard filters | xml" over it into a temporary output, and
 * aborts (which libFuzzer reports as a crash) when the chain cannot be
 * built, a stage left a broken tree (hx_doc_check), a diagnostic spans
 * several lines, or a document failed without saying why. Returns 0. */
int hx_fuzz_run(const char *reader, const char *ext, const uint8_t *data, size_t size);

/* The same checks for any chain over n (1..6) inputs written to files
 * named *.ext, the output to a file named *.out_ext. */
int hx_fuzz_chain(const char *chain_text, const char *ext, const char *out_ext,
                  const uint8_t *const *data, const size_t *size, size_t n);

#endif
