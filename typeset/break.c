/* ICU line-break opportunities with the UN rules, and greedy and total-fit
 * line filling behind a width callback (see break.h). */
#include "typeset/break.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "hx.h"

struct hx_ts_breaker {
    UBreakIterator *brk;
    unsigned rules;
};

struct hx_ts_breaker *hx_ts_breaker_open(const char *lang, unsigned rules, const char **err)
{
    UErrorCode status = U_ZERO_ERROR;
    struct hx_ts_breaker *b = calloc(1, sizeof *b);
    if (!b)
        hx_oom();
    b->rules = rules;
    b->brk = ubrk_open(UBRK_LINE, lang ? lang : "", NULL, 0, &status);
    if (U_FAILURE(status)) {
        if (err)
            *err = u_errorName(status);
        free(b);
        return NULL;
    }
    return b;
}

void hx_ts_breaker_close(struct hx_ts_breaker *b)
{
    if (!b)
        return;
    ubrk_close(b->brk);
    free(b);
}

static int is_symbol_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '-';
}

/* Is s[a..z) a UN document symbol: capitals, then "/" and more
 * ("A/RES/70/1", "E/CN.6/2021/1", "S/2021/10")? Trailing punctuation
 * ("A/76/1.") is not part of it. */
static int is_doc_symbol(const char *s, size_t a, size_t z)
{
    size_t i = a;
    while (i < z && s[i] >= 'A' && s[i] <= 'Z')
        i++;
    if (i == a || i >= z || s[i] != '/')
        return 0;
    for (; i < z; i++)
        if (!is_symbol_char(s[i]))
            return 0;
    return 1;
}

static int is_url_start(const char *s, size_t a, size_t z)
{
    return (z - a > 7 && !strncmp(s + a, "http://", 7)) ||
           (z - a > 8 && !strncmp(s + a, "https://", 8)) ||
           (z - a > 4 && !strncmp(s + a, "www.", 4));
}

/* The end of the URL starting at a (a space ends it), or a if none does. */
static size_t url_end(const char *s, size_t len, size_t a)
{
    size_t z = a;
    if (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\t' && s[a - 1] != '\n')
        return a;
    while (z < len && s[z] != ' ' && s[z] != '\t' && s[z] != '\n')
        z++;
    return is_url_start(s, a, z) ? z : a;
}

/* May a line start at byte i (a break ICU allows) under the UN rules?
 * url_a..url_z is the URL around i, if any. */
static int un_allows(const char *s, size_t len, size_t i, size_t url_a, size_t url_z)
{
    size_t j = i, k = i, a, z;
    int32_t next = hx_utf8_next(s, len, &j), prev;
    if (next == 0xB7 || next == 0x30FB || next == 0x2027)
        return 0;
    prev = hx_utf8_prev(s, &k);
    if (prev >= 0xFF10 && prev <= 0xFF19 && next >= 0xFF10 && next <= 0xFF19)
        return 0;
    if (i > url_a && i < url_z)
        return s[i - 1] == '/';
    /* Symbols: the run of symbol characters around i (Chinese text has no
     * spaces around them), without a closing full stop. */
    for (a = i; a > 0 && is_symbol_char(s[a - 1]);)
        a--;
    for (z = i; z < len && is_symbol_char(s[z]);)
        z++;
    while (z > a && s[z - 1] == '.')
        z--;
    return !(i > a && i < z && is_doc_symbol(s, a, z));
}

size_t hx_ts_breaks(struct hx_ts_breaker *b, const char *s, size_t len, size_t **pos,
                    const char **err)
{
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    size_t n = 0, cap = 16;
    int32_t p;
    *pos = NULL;
    utext_openUTF8(&ut, s, (int64_t)len, &status);
    ubrk_setUText(b->brk, &ut, &status);
    if (U_FAILURE(status)) {
        if (err)
            *err = u_errorName(status);
        utext_close(&ut);
        return 0;
    }
    size_t *v = malloc(cap * sizeof *v);
    if (!v)
        hx_oom();
    ubrk_first(b->brk);
    size_t url_a = 0, url_z = 0, scanned = 0;
    while ((p = ubrk_next(b->brk)) != UBRK_DONE) {
        size_t at = (size_t)p;
        if (at < len && (b->rules & HX_TS_UN_RULES)) {
            /* URLs found once, left to right, as the breaks pass them. */
            for (; scanned < at && url_z <= at; scanned++) {
                size_t e = url_end(s, len, scanned);
                if (e > scanned) {
                    url_a = scanned;
                    url_z = e;
                    scanned = e;
                    break;
                }
            }
            if (!un_allows(s, len, at, url_a, url_z))
                continue;
        }
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                hx_oom();
        }
        v[n++] = at;
    }
    utext_close(&ut);
    if (!n || v[n - 1] != len) { /* ICU ends at len; empty text has none */
        if (n == cap && !(v = realloc(v, ++cap * sizeof *v)))
            hx_oom();
        v[n++] = len;
    }
    *pos = v;
    return n;
}

static size_t trim_end(const char *s, size_t from, size_t to)
{
    while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t'))
        to--;
    return to;
}

static void add_line(struct hx_ts_line **v, size_t *n, size_t *cap, size_t start, size_t end,
                     size_t next)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *v = realloc(*v, *cap * sizeof **v);
        if (!*v)
            hx_oom();
    }
    (*v)[*n].start = start;
    (*v)[*n].end = end;
    (*v)[*n].next = next;
    (*n)++;
}

size_t hx_ts_fill_greedy(const char *s, size_t len, const size_t *pos, size_t npos, double first,
                         double rest, hx_ts_width_fn width, void *ctx, struct hx_ts_line **lines)
{
    struct hx_ts_line *v = NULL;
    size_t n = 0, cap = 0, start = 0, prev = 0;
    double used = 0, avail = first;
    for (size_t k = 0; k < npos; k++) {
        size_t b = pos[k], trim = trim_end(s, prev, b);
        if (prev > start && used + width(ctx, prev, trim) > avail) {
            add_line(&v, &n, &cap, start, trim_end(s, start, prev), prev);
            start = prev;
            used = 0;
            avail = rest;
        }
        used += width(ctx, prev, b);
        prev = b;
    }
    add_line(&v, &n, &cap, start, len, len);
    *lines = v;
    return n;
}

static size_t count_spaces(const char *s, size_t a, size_t z)
{
    size_t n = 0;
    for (size_t i = a; i < z; i++)
        n += s[i] == ' ';
    return n;
}

/* The cost of a line s[a..z) filling avail: the cube of its spaces'
 * stretch ratio (Knuth's badness), plus one per line; an overfull line
 * costs more than any fitting one. The last line only has to fit. */
static double line_cost(const char *s, size_t a, size_t z, double avail, double space, int last,
                        hx_ts_width_fn width, void *ctx)
{
    size_t e = trim_end(s, a, z);
    double w = width(ctx, a, e), slack = avail - w;
    if (slack < 0)
        return 1e12 + -slack * 1e6;
    if (last)
        return 1;
    double stretch = (double)count_spaces(s, a, e) * space * 0.5;
    double r = stretch > 0 ? slack / stretch : slack > 0 ? 10 : 0;
    double bad = 100 * r * r * r;
    if (bad > 1e6)
        bad = 1e6;
    return (1 + bad) * (1 + bad);
}

size_t hx_ts_fill_optimal(const char *s, size_t len, const size_t *pos, size_t npos, double first,
                          double rest, double space, hx_ts_width_fn width, void *ctx,
                          struct hx_ts_line **lines)
{
    if (!npos)
        return hx_ts_fill_greedy(s, len, pos, npos, first, rest, width, ctx, lines);
    /* node k = a line ends at pos[k-1] (node 0 = the paragraph start). */
    double *cost = malloc((npos + 1) * sizeof *cost);
    size_t *from = malloc((npos + 1) * sizeof *from);
    if (!cost || !from)
        hx_oom();
    cost[0] = 0;
    for (size_t k = 1; k <= npos; k++) {
        cost[k] = DBL_MAX;
        from[k] = k - 1;
        for (size_t j = k; j-- > 0;) {
            size_t a = j ? pos[j - 1] : 0;
            double avail = j ? rest : first;
            double c = line_cost(s, a, pos[k - 1], avail, space, k == npos, width, ctx);
            if (cost[j] + c < cost[k]) {
                cost[k] = cost[j] + c;
                from[k] = j;
            }
            /* Longer lines only get wider: stop once even the trimmed
             * text overflows (keeping one overfull piece as a line). */
            if (width(ctx, a, trim_end(s, a, pos[k - 1])) > avail && j < k - 1)
                break;
        }
    }
    /* Walk back, then emit in order. */
    size_t nl = 0;
    for (size_t k = npos; k > 0; k = from[k])
        nl++;
    size_t *ends = malloc(nl * sizeof *ends), i = nl;
    if (!ends)
        hx_oom();
    for (size_t k = npos; k > 0; k = from[k])
        ends[--i] = k;
    struct hx_ts_line *v = NULL;
    size_t n = 0, cap = 0, start = 0;
    for (i = 0; i < nl; i++) {
        size_t b = pos[ends[i] - 1];
        if (i + 1 == nl)
            add_line(&v, &n, &cap, start, len, len);
        else
            add_line(&v, &n, &cap, start, trim_end(s, start, b), b);
        start = b;
    }
    free(ends);
    free(cost);
    free(from);
    *lines = v;
    return n;
}
