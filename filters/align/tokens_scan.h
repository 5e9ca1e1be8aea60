/* Private to the token extraction of the align stage (only
 * filters/align_tokens*.c include it): one paragraph under scan and the
 * small readers every scanner shares. Each kind of token has its own file
 * so that adding a date form or a numeral system touches one topic:
 * symbols and resolution numbers (tokens_sym.c), dates
 * (tokens_date.c), numbers, Chinese numerals and English number
 * words (tokens_num.c); URLs, the order the scanners run in and the
 * comparison of token lists stay in tokens.c. */
#ifndef HX_ALIGN_TOKENS_SCAN_H
#define HX_ALIGN_TOKENS_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/uchar.h>

#include "tokens.h"

/* One paragraph as code points; a scanner that takes code points for a
 * token marks them used, so that the digits of a symbol or a date are
 * never counted again as numbers by a later scanner. */
struct align_scan {
    struct hx_arena *a;
    int32_t *c;  /* code points */
    int32_t *lc; /* lower-cased */
    size_t n;
    unsigned char *used;
    struct align_toks *out;
};

/* Appends a token with canonical text val (copied into the arena). */
void align_scan_add(struct align_scan *s, enum align_tok_kind kind, const char *val, int hard,
                    int worded);

/* Does the lower-cased word w (UTF-8) start at i? Returns its length in
 * code points; with stem, the rest of the word's letters are taken too.
 * A word must not start or end inside another one. */
size_t align_scan_word_at(const struct align_scan *s, size_t i, const char *w, int stem);

/* Like align_scan_word_at, for a word ending just before i; returns its
 * start or i. */
size_t align_scan_word_before(const struct align_scan *s, size_t i, const char *w);

/* Reads up to max unused digits of any script at i into *val (when not
 * NULL); returns the count. */
size_t align_scan_digits_at(const struct align_scan *s, size_t i, size_t max, long *val);

/* The scanners, in the order align_toks_extract runs them after URLs: each
 * appends its tokens to s->out and marks the code points it used. */
void align_scan_symbols(struct align_scan *s);       /* "A/C.2/76/SR.2-5" */
void align_scan_dates_numeric(struct align_scan *s); /* "2021-10-12", "12/10/2021" */
void align_scan_refs(struct align_scan *s);
void align_scan_number_words(struct align_scan *s); /* fr es ru ar, 11-99 (tokens_words.c) */
void align_scan_roman(struct align_scan *s);
/* "IV", "XXIII": worded (soft) numbers */         /* "75/202" */
void align_scan_dates_zh(struct align_scan *s);    /* "2021年10月5日" */
void align_scan_dates_words(struct align_scan *s); /* "5 October 2021" */
void align_scan_numbers(struct align_scan *s);     /* "1 000,5", "87 %" */
void align_scan_zh_numerals(struct align_scan *s); /* "二十五", "百分之十" */
void align_scan_en_words(struct align_scan *s);    /* "twenty-five" */

/* Marks code points [from, to) used. */
static inline void mark(struct align_scan *s, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < s->n; i++)
        s->used[i] = 1;
}

/* A letter of any script. */
static inline int is_alpha(int32_t c)
{
    if (c < 0x80) /* ASCII without a property lookup: most of the text */
        return c >= 0 && ((c | 32) >= 'a' && (c | 32) <= 'z');
    return u_isalpha(c);
}

/* An ASCII letter or digit. */
static inline int is_ascii_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decimal digit of any script, superscripts excepted (footnote markers). */
static inline int digit(int32_t c)
{
    if (c < 0 || hx_cp_superscript_digit(c) >= 0)
        return -1;
    return hx_cp_digit(c);
}

/* White space of any kind. */
static inline int is_space(int32_t c)
{
    return c >= 0 && hx_cp_is_space(c);
}

/* The index after the spaces at i. */
static inline size_t skip_space(const struct align_scan *s, size_t i)
{
    while (i < s->n && is_space(s->c[i]))
        i++;
    return i;
}

/* The index where the spaces just before i start. */
static inline size_t skip_space_back(const struct align_scan *s, size_t i)
{
    while (i > 0 && is_space(s->c[i - 1]))
        i--;
    return i;
}

#endif
