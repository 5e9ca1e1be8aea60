/* Line breaking for every writer that fills lines: ICU's line-break
 * opportunities (UAX #14 with the text's locale), the UN rules ICU lacks,
 * and two ways of choosing breaks among them behind a width callback.
 *
 * Boundary: this file knows text and break positions, never fonts, pages
 * or the model. A writer says how wide a piece of text is through
 * hx_ts_width_fn: the txt writer counts East Asian columns, the PDF writer
 * sums HarfBuzz glyph advances. Widths are in the caller's unit. */
#ifndef HX_TYPESET_BREAK_H
#define HX_TYPESET_BREAK_H

#include <stddef.h>

/* The width of s[start..end) of the text being broken, in the caller's
 * unit; ctx is the caller's. Must be additive: W(a,b) + W(b,c) = W(a,c)
 * (within rounding), which both callers above are. */
typedef double (*hx_ts_width_fn)(void *ctx, size_t start, size_t end);

/* Rules on top of ICU's. */
enum {
    /* UN typesetting rules (feasibility notes, Q3): document symbols such
     * as A/C.2/76/L.56 kept whole; URLs broken only after "/"; no line
     * starting with a middle dot (U+00B7, U+30FB, U+2027); full-width digit
     * runs kept whole. */
    HX_TS_UN_RULES = 1u << 0
};

struct hx_ts_breaker;

/* An ICU line breaker for lang (BCP 47; NULL or "" = root) with the given
 * rules. NULL on failure, with *err (if not NULL) set to ICU's error name.
 * Release with hx_ts_breaker_close. */
struct hx_ts_breaker *hx_ts_breaker_open(const char *lang, unsigned rules, const char **err);
void hx_ts_breaker_close(struct hx_ts_breaker *b);

/* The break opportunities of s[0..len) as byte offsets after which a line
 * may end, increasing, the last one len; *pos is malloc'd (caller frees).
 * Returns how many, or 0 with *err set when ICU fails (then *pos = NULL). */
size_t hx_ts_breaks(struct hx_ts_breaker *b, const char *s, size_t len, size_t **pos,
                    const char **err);

/* One line of a filled paragraph: text s[start..end), end without the
 * spaces or tabs at the break (the last line keeps its own); the next line
 * starts at next. */
struct hx_ts_line {
    size_t start, end, next;
};

/* Greedy (first-fit) filling: each line takes the pieces between breaks
 * while they fit; a piece wider than a whole line gets a line of its own.
 * first is the width available on the first line, rest on the others.
 * Fills *lines (malloc'd, caller frees); returns the count (>= 1). */
size_t hx_ts_fill_greedy(const char *s, size_t len, const size_t *pos, size_t npos, double first,
                         double rest, hx_ts_width_fn width, void *ctx, struct hx_ts_line **lines);

/* Total-fit (Knuth-Plass) filling for justified text: chooses the breaks
 * that minimise the sum over lines of the squared stretch of their spaces
 * (the last line is free), so no line is left very loose to make an
 * earlier one tight, as greedy filling does. space is the natural width of
 * one space. Same contract as hx_ts_fill_greedy. */
size_t hx_ts_fill_optimal(const char *s, size_t len, const size_t *pos, size_t npos, double first,
                          double rest, double space, hx_ts_width_fn width, void *ctx,
                          struct hx_ts_line **lines);

#endif
