/* Language-independent tokens of a paragraph, for the align stage only:
 * numbers (Arabic-Indic and Chinese numerals, spelled English numbers),
 * percentages, document symbols (joint symbols, corrigenda, ranges and
 * lists expanded), resolution numbers, dates in the six UN languages and
 * URLs, each in one canonical spelling so that versions compare equal. */
#ifndef HX_ALIGN_TOKENS_H
#define HX_ALIGN_TOKENS_H

#include <stddef.h>

#include "hx.h"

enum align_tok_kind {
    ALIGN_TOK_NUM,  /* "87", "1000", "0.5" */
    ALIGN_TOK_PCT,  /* a percentage: "87" */
    ALIGN_TOK_SYM,  /* a document symbol: "A/C.2/76/SR.2" */
    ALIGN_TOK_REF,  /* a resolution or decision number: "75/202" */
    ALIGN_TOK_DATE, /* "2021-10-05", "2021-10" ("0000-…" = no year given) */
    ALIGN_TOK_URL   /* scheme, "www." and language path segments dropped */
};

struct align_tok {
    enum align_tok_kind kind;
    unsigned char hard;   /* a number every version writes the same way:
                             digits, 11 or more, a decimal or a percentage */
    unsigned char worded; /* written in words or Chinese numerals */
    const char *val;      /* canonical text, in the arena */
};

/* A growable list (heap); zero-initialise, release with align_toks_free. */
struct align_toks {
    struct align_tok *v;
    size_t n, cap;
};

/* Appends the tokens of s[0..len) (UTF-8) to out; strings in a. */
void align_toks_extract(struct hx_arena *a, const char *s, size_t len, struct align_toks *out);

/* Releases the list's memory; it may be reused. */
void align_toks_free(struct align_toks *t);

/* Token groups compared by one check. */
enum {
    ALIGN_G_NUMBERS = 1u << 0, /* NUM and PCT */
    ALIGN_G_SYMBOLS = 1u << 1, /* SYM and REF */
    ALIGN_G_DATES = 1u << 2,
    ALIGN_G_URLS = 1u << 3
};

/* Do a and b disagree on the tokens of one group? Tokens compare as sets.
 * Numbers disagree when either side has a digit-written "hard" number the
 * other lacks, or both sides have numbers the other lacks (a number written
 * in words on one side only is not evidence, one of ten or less written in
 * words never is); the other groups disagree on any difference. When they do, the tokens only a has
 * (only b has) are appended to ea (eb), comma-separated. */
int align_toks_differ(const struct align_toks *a, const struct align_toks *b, unsigned group,
                      struct hx_buf *ea, struct hx_buf *eb);

/* The year a date token names (0 for none or "0000"). */
int align_tok_year(const struct align_tok *t);

#endif
