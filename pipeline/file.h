/* Reading a document's file whole, for the readers that parse from memory. */
#ifndef HX_FILE_H
#define HX_FILE_H

#include <stddef.h>

struct hx_doc;
struct hx_stage;

/* Reads a whole regular file into malloc'd memory (NUL-terminated; *len
 * without it), refusing directories, unreadable files and files over max
 * bytes with an error diagnostic. Caller frees *data. */
int hx_file_slurp(struct hx_stage *st, const struct hx_doc *doc, size_t max, char **data,
                  size_t *len);

#endif
