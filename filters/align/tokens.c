/* Token extraction for the align stage: one pass per kind over the code
 * points of a paragraph, most specific first (URLs, symbols, dates, then
 * numbers), each marking what it used so that the digits of a symbol or a
 * date are never counted again as numbers. This file holds the token list,
 * the readers the scanners share, URLs, the order the scanners run in and
 * the comparison of two lists; the scanners of the other kinds have a file
 * each (see align_tokens_scan.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "tokens_scan.h"

void align_scan_add(struct align_scan *s, enum align_tok_kind kind, const char *val, int hard,
                    int worded)
{
    struct align_toks *t = s->out;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct align_tok *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            hx_oom();
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] =
        (struct align_tok){kind, (unsigned char)hard, (unsigned char)worded, hx_strdup(s->a, val)};
}

void align_toks_free(struct align_toks *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

size_t align_scan_word_at(const struct align_scan *s, size_t i, const char *w, int stem)
{
    /* the first letter first: most tries fail there, cheaply */
    if (i >= s->n)
        return 0;
    if ((unsigned char)w[0] < 0x80) {
        if (s->lc[i] != (unsigned char)w[0])
            return 0;
    } else {
        size_t k0 = 0;
        if (s->lc[i] != hx_utf8_next(w, 4, &k0))
            return 0;
    }
    if (i > 0 && is_alpha(s->c[i - 1]))
        return 0;
    size_t wl = strlen(w), k = 0, j = i;
    while (k < wl) {
        int32_t cp = hx_utf8_next(w, wl, &k);
        if (j >= s->n || s->lc[j] != cp)
            return 0;
        j++;
    }
    if (stem)
        while (j < s->n && is_alpha(s->c[j]))
            j++;
    else if (j < s->n && is_alpha(s->c[j]))
        return 0;
    return j - i;
}

size_t align_scan_word_before(const struct align_scan *s, size_t i, const char *w)
{
    size_t wl = 0, k = 0, len = strlen(w);
    while (k < len) {
        hx_utf8_next(w, len, &k);
        wl++;
    }
    if (wl > i)
        return i;
    return align_scan_word_at(s, i - wl, w, 0) == wl ? i - wl : i;
}

size_t align_scan_digits_at(const struct align_scan *s, size_t i, size_t max, long *val)
{
    size_t k = 0;
    long v = 0;
    while (i + k < s->n && k < max && digit(s->c[i + k]) >= 0 && !s->used[i + k]) {
        v = v * 10 + digit(s->c[i + k]);
        k++;
    }
    if (val)
        *val = v;
    return k;
}

/* ---- URLs ---------------------------------------------------------- */

static int url_stop(int32_t c)
{
    return c <= ' ' || c >= 0x80 || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' ||
           c == ')' || c == ']' || c == '}' || c == '(' || c == '[';
}

static void scan_urls(struct align_scan *s)
{
    static const char *const starts[] = {"https://", "http://", "www."};
    for (size_t i = 0; i < s->n; i++) {
        if (i > 0 && (is_ascii_alnum(s->c[i - 1]) || s->c[i - 1] == '/'))
            continue;
        size_t len = 0;
        for (size_t k = 0; k < 3 && !len; k++) {
            size_t wl = strlen(starts[k]), j = 0;
            while (j < wl && i + j < s->n && s->lc[i + j] == starts[k][j])
                j++;
            if (j == wl)
                len = wl;
        }
        if (!len)
            continue;
        size_t e = i + len;
        while (e < s->n && !url_stop(s->c[e]))
            e++;
        while (e > i + len && strchr(".,;:!?'", (int)s->c[e - 1]))
            e--;
        if (e == i + len)
            continue;
        /* Canonical: no scheme, no www., lower case, the language segment
         * of the path (/en/, /zh/…) blanked, no trailing slash. */
        struct hx_buf b = {0};
        size_t j = i;
        if (s->lc[j] == 'h') {
            while (j < e && s->c[j] != ':')
                j++;
            while (j < e && (s->c[j] == ':' || s->c[j] == '/'))
                j++;
        }
        if (j + 4 <= e && s->lc[j] == 'w' && s->lc[j + 1] == 'w' && s->lc[j + 2] == 'w' &&
            s->lc[j + 3] == '.')
            j += 4;
        for (; j < e; j++)
            hx_buf_addc(&b, (char)s->lc[j]);
        while (b.len && b.data[b.len - 1] == '/')
            b.data[--b.len] = '\0';
        static const char *const langs[] = {"/en/", "/fr/", "/es/", "/ru/", "/ar/", "/zh/"};
        for (size_t k = 0; b.data && k < 6; k++) {
            char *p;
            while ((p = strstr(b.data, langs[k])) != NULL) {
                memcpy(p, "/*/", 3);
                memmove(p + 3, p + 4, strlen(p + 4) + 1);
                b.len--;
            }
        }
        if (b.len)
            align_scan_add(s, ALIGN_TOK_URL, b.data, 1, 0);
        hx_buf_free(&b);
        mark(s, i, e);
        i = e;
    }
}

void align_toks_extract(struct hx_arena *a, const char *str, size_t len, struct align_toks *out)
{
    struct align_scan s = {.a = a, .out = out};
    s.c = malloc((len + 1) * sizeof *s.c);
    s.lc = malloc((len + 1) * sizeof *s.lc);
    s.used = calloc(len + 1, 1);
    if (!s.c || !s.lc || !s.used)
        hx_oom();
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(str, len, &i);
        s.c[s.n] = cp;
        s.lc[s.n] = cp >= 0 ? u_tolower(cp) : cp;
        s.n++;
    }
    scan_urls(&s);
    align_scan_dates_numeric(&s); /* before "12/10" can pass for a resolution */
    align_scan_symbols(&s);
    align_scan_refs(&s);
    align_scan_dates_zh(&s);
    align_scan_dates_words(&s);
    align_scan_numbers(&s);
    align_scan_zh_numerals(&s);
    align_scan_en_words(&s);
    align_scan_number_words(&s);
    align_scan_roman(&s);
    free(s.c);
    free(s.lc);
    free(s.used);
}

int align_tok_year(const struct align_tok *t)
{
    if (t->kind != ALIGN_TOK_DATE)
        return 0;
    return (int)strtol(t->val, NULL, 10);
}

static unsigned group_of(enum align_tok_kind k)
{
    switch (k) {
    case ALIGN_TOK_NUM:
    case ALIGN_TOK_PCT: return ALIGN_G_NUMBERS;
    case ALIGN_TOK_SYM:
    case ALIGN_TOK_REF: return ALIGN_G_SYMBOLS;
    case ALIGN_TOK_DATE: return ALIGN_G_DATES;
    default: return ALIGN_G_URLS;
    }
}

static int has(const struct align_toks *t, const struct align_tok *x)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].kind == x->kind && strcmp(t->v[i].val, x->val) == 0)
            return 1;
    return 0;
}

/* The tokens of group g in a missing from b, once each, into e; sets
 * *hard when one is a digit-written hard number. Returns how many. */
static int extras(const struct align_toks *a, const struct align_toks *b, unsigned g,
                  struct hx_buf *e, int *hard)
{
    int n = 0;
    for (size_t i = 0; i < a->n; i++) {
        const struct align_tok *x = &a->v[i];
        if (group_of(x->kind) != g || has(b, x))
            continue;
        /* 第五/第二 and the like: other languages write these in words. */
        if (x->worded && x->kind == ALIGN_TOK_NUM && strtol(x->val, NULL, 10) <= 10)
            continue;
        int dup = 0;
        for (size_t k = 0; k < i && !dup; k++)
            dup = a->v[k].kind == x->kind && strcmp(a->v[k].val, x->val) == 0;
        if (dup)
            continue;
        if (x->hard && !x->worded)
            *hard = 1;
        if (e) {
            if (n)
                hx_buf_adds(e, ", ");
            hx_buf_adds(e, x->val);
            if (x->kind == ALIGN_TOK_PCT)
                hx_buf_addc(e, '%');
        }
        n++;
    }
    return n;
}

int align_toks_differ(const struct align_toks *a, const struct align_toks *b, unsigned group,
                      struct hx_buf *ea, struct hx_buf *eb)
{
    int hard = 0;
    int na = extras(a, b, group, NULL, &hard);
    int nb = extras(b, a, group, NULL, &hard);
    int differ = group == ALIGN_G_NUMBERS ? hard || (na && nb) : na || nb;
    if (differ) {
        extras(a, b, group, ea, &hard);
        extras(b, a, group, eb, &hard);
    }
    return differ;
}
