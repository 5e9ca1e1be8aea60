/* Private to align-tmx (filters/write/align/tmx.c): its sentence units
 * (filters/write/align/tmx_sentences.c). */
#ifndef HX_TMX_SENTENCES_H
#define HX_TMX_SENTENCES_H

#include <stddef.h>

#include "hx.h"

/* The sentence units of a row whose every present version is one
 * paragraph: sv[d] gets version d's units (malloc'd strings), ns[d] their
 * number, the same for every version present; returns that number, or 0
 * when the row stays one unit (sv and ns may still be set: free them with
 * tmx_free_sentences either way). */
size_t tmx_row_sentences(const struct hx_align *al, const struct hx_align_row *row, char ***sv,
                         size_t *ns);

/* Releases n strings of v and v. */
void tmx_free_sentences(char **v, size_t n);

#endif
