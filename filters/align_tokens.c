/* Token extraction for the align stage: one pass per kind over the code
 * points of a paragraph, most specific first (URLs, symbols, dates, then
 * numbers), each marking what it used so that the digits of a symbol or a
 * date are never counted again as numbers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "align_tokens.h"

struct scan {
    struct hx_arena *a;
    int32_t *c;  /* code points */
    int32_t *lc; /* lower-cased */
    size_t n;
    unsigned char *used;
    struct align_toks *out;
};

static void add(struct scan *s, enum align_tok_kind kind, const char *val,
                int hard, int worded)
{
    struct align_toks *t = s->out;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct align_tok *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            abort();
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (struct align_tok){kind, (unsigned char)hard,
                                      (unsigned char)worded,
                                      hx_strdup(s->a, val)};
}

void align_toks_free(struct align_toks *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

static void mark(struct scan *s, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < s->n; i++)
        s->used[i] = 1;
}

static int is_alpha(int32_t c)
{
    return c >= 0 && u_isalpha(c);
}

static int is_ascii_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* Decimal digit of any script, superscripts excepted (footnote markers). */
static int digit(int32_t c)
{
    if (c < 0 || hx_cp_superscript_digit(c) >= 0)
        return -1;
    return hx_cp_digit(c);
}

static int is_space(int32_t c)
{
    return c >= 0 && hx_cp_is_space(c);
}

static size_t skip_space(const struct scan *s, size_t i)
{
    while (i < s->n && is_space(s->c[i]))
        i++;
    return i;
}

static size_t skip_space_back(const struct scan *s, size_t i)
{
    while (i > 0 && is_space(s->c[i - 1]))
        i--;
    return i;
}

/* Does the lower-cased word w (UTF-8) start at i? Returns its length in
 * code points; with stem, the rest of the word's letters are taken too.
 * A word must not start or end inside another one. */
static size_t word_at(const struct scan *s, size_t i, const char *w, int stem)
{
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

/* Like word_at, for a word ending just before i; returns its start or i. */
static size_t word_before(const struct scan *s, size_t i, const char *w)
{
    size_t wl = 0, k = 0, len = strlen(w);
    while (k < len) {
        hx_utf8_next(w, len, &k);
        wl++;
    }
    if (wl > i)
        return i;
    return word_at(s, i - wl, w, 0) == wl ? i - wl : i;
}

/* ---- URLs ---------------------------------------------------------- */

static int url_stop(int32_t c)
{
    return c <= ' ' || c >= 0x80 || c == '<' || c == '>' || c == '"' ||
           c == '\'' || c == '`' || c == ')' || c == ']' || c == '}' ||
           c == '(' || c == '[';
}

static void scan_urls(struct scan *s)
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
        if (j + 4 <= e && s->lc[j] == 'w' && s->lc[j + 1] == 'w' &&
            s->lc[j + 2] == 'w' && s->lc[j + 3] == '.')
            j += 4;
        for (; j < e; j++)
            hx_buf_addc(&b, (char)s->lc[j]);
        while (b.len && b.data[b.len - 1] == '/')
            b.data[--b.len] = '\0';
        static const char *const langs[] = {"/en/", "/fr/", "/es/",
                                            "/ru/", "/ar/", "/zh/"};
        for (size_t k = 0; b.data && k < 6; k++) {
            char *p;
            while ((p = strstr(b.data, langs[k])) != NULL) {
                memcpy(p, "/*/", 3);
                memmove(p + 3, p + 4, strlen(p + 4) + 1);
                b.len--;
            }
        }
        if (b.len)
            add(s, ALIGN_TOK_URL, b.data, 1, 0);
        hx_buf_free(&b);
        mark(s, i, e);
        i = e;
    }
}

/* ---- document symbols and resolution numbers ----------------------- */

static int sym_char(int32_t c)
{
    return is_ascii_alnum(c) || c == '.' || c == '/' || c == '-' ||
           c == 0x2013;
}

/* The alphabetic prefix of a symbol's last segment ("SR" of "SR.2"). */
static size_t seg_alpha(const char *seg)
{
    size_t k = 0;
    while ((seg[k] >= 'A' && seg[k] <= 'Z') || (seg[k] >= 'a' && seg[k] <= 'z'))
        k++;
    return k;
}

/* Emits one symbol, expanding a range in its last segment ("SR.2-5"). A
 * resolution symbol counts as its number: "A/RES/70/1" is "70/1", as most
 * versions write it. */
static void emit_symbol(struct scan *s, const char *sym)
{
    const char *res = strstr(sym, "/RES/");
    if (res && strspn(sym, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == (size_t)(res - sym)) {
        const char *num = res + 5, *slash = strchr(num, '/');
        if (slash && slash > num && strspn(num, "0123456789") == (size_t)(slash - num) &&
            slash[1] && strspn(slash + 1, "0123456789") == strlen(slash + 1)) {
            add(s, ALIGN_TOK_REF, num, 1, 0);
            return;
        }
    }
    const char *last = strrchr(sym, '/');
    last = last ? last + 1 : sym;
    const char *dash = strchr(last, '-');
    if (dash && dash > last && dash[-1] >= '0' && dash[-1] <= '9' &&
        dash[1] >= '0' && dash[1] <= '9') {
        const char *p = dash;
        while (p > last && p[-1] >= '0' && p[-1] <= '9')
            p--;
        char *end;
        long from = strtol(p, NULL, 10), to = strtol(dash + 1, &end, 10);
        if (*end == '\0' && from < to && to - from <= 100) {
            for (long k = from; k <= to; k++) {
                char *one = hx_printf(s->a, "%.*s%ld", (int)(p - sym), sym, k);
                add(s, ALIGN_TOK_SYM, one, 1, 0);
            }
            return;
        }
    }
    add(s, ALIGN_TOK_SYM, sym, 1, 0);
}

/* A separator between the members of a list ("、", ", ", " and "…) or
 * of a range (" to ", " à ", "至"…, *range set); returns the index after
 * it, or i when there is none. */
static size_t list_sep(const struct scan *s, size_t i, int *range)
{
    static const char *const words[] = {"and", "et", "y", "и", "و", "or", "ou",
                                        "o", "или"};
    static const char *const to[] = {"to", "à", "a", "al", "до", "по", "إلى"};
    size_t j = skip_space(s, i);
    *range = 0;
    if (j < s->n && (s->c[j] == ',' || s->c[j] == 0x3001 || s->c[j] == 0xFF0C ||
                     s->c[j] == 0x060C || s->c[j] == 0x548C /* 和 */ ||
                     s->c[j] == 0x53CA /* 及 */))
        return skip_space(s, j + 1);
    if (j < s->n && (s->c[j] == 0x81F3 /* 至 */ || s->c[j] == 0x5230 /* 到 */)) {
        *range = 1;
        return skip_space(s, j + 1);
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t l = word_at(s, j, words[k], 0);
        if (l)
            return skip_space(s, j + l);
    }
    for (size_t k = 0; k < sizeof to / sizeof to[0]; k++) {
        size_t l = word_at(s, j, to[k], 0);
        if (l) {
            *range = 1;
            return skip_space(s, j + l);
        }
    }
    return i;
}

/* The number a symbol ends with ("SR.12" → 12), or -1. */
static long trailing_number(const char *sym, size_t *at)
{
    size_t n = strlen(sym), k = n;
    while (k > 0 && sym[k - 1] >= '0' && sym[k - 1] <= '9')
        k--;
    if (k == n || n - k > 6)
        return -1;
    *at = k;
    return strtol(sym + k, NULL, 10);
}

static void scan_symbols(struct scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || !(s->c[i] >= 'A' && s->c[i] <= 'Z'))
            continue;
        if (i > 0 && (sym_char(s->c[i - 1])))
            continue;
        size_t e = i;
        while (e < s->n && sym_char(s->c[e]))
            e++;
        while (e > i && (s->c[e - 1] == '.' || s->c[e - 1] == '-' ||
                         s->c[e - 1] == 0x2013 || s->c[e - 1] == '/'))
            e--;
        struct hx_buf b = {0};
        int slash = 0, dig = 0, head = 1, headlen = 0;
        for (size_t j = i; j < e; j++) {
            int32_t c = s->c[j] == 0x2013 ? '-' : s->c[j];
            slash |= c == '/';
            dig |= c >= '0' && c <= '9';
            if (c == '/')
                head = 0;
            else if (head && !(c >= 'A' && c <= 'Z'))
                head = -1;
            if (head == 1)
                headlen++;
            hx_buf_addc(&b, (char)c);
        }
        if (!slash || !dig || head == -1 || headlen > 10) {
            hx_buf_free(&b);
            continue;
        }
        /* Joint symbols: "A/75/62-E/2020/11" is two documents. */
        char *str = b.data, *base = NULL, *parts[8];
        size_t nparts = 0;
        for (char *p = str; p;) {
            char *q = p;
            char *next = NULL;
            for (; *q; q++) {
                if (*q != '-')
                    continue;
                char *r = q + 1;
                while (*r >= 'A' && *r <= 'Z')
                    r++;
                if (r > q + 1 && *r == '/') {
                    next = q + 1;
                    break;
                }
            }
            char *one = hx_strndup(s->a, p, (size_t)(q - p));
            base = one;
            if (nparts < 8)
                parts[nparts++] = one;
            emit_symbol(s, one);
            p = next;
        }
        /* Lists and ranges continuing the symbol: "…SR.2, SR.3 and SR.5",
         * "…SR.2, 3 and 5", "…SR.2 à 5", "… and Corr.1". */
        size_t k = e;
        const char *prev = base;
        for (;;) {
            int range;
            size_t j = list_sep(s, k, &range);
            if (j == k || j >= s->n)
                break;
            size_t f = j;
            if (s->c[j] >= 'A' && s->c[j] <= 'Z') {
                while (f < s->n && sym_char(s->c[f]) && s->c[f] != '/')
                    f++;
                while (f > j && s->c[f - 1] == '.')
                    f--;
                if (f < s->n && s->c[f] == '/')
                    break; /* a full symbol: the main loop takes it */
            } else {
                while (f < s->n && s->c[f] >= '0' && s->c[f] <= '9' && f - j < 6)
                    f++;
                if (f == j || (f < s->n && (is_ascii_alnum(s->c[f]) || s->c[f] == '/')))
                    break;
            }
            char frag[64];
            size_t fl = 0;
            for (size_t m = j; m < f && fl + 1 < sizeof frag; m++)
                frag[fl++] = (char)s->c[m];
            frag[fl] = '\0';
            size_t al = seg_alpha(frag);
            const char *last = strrchr(prev, '/');
            last = last ? last + 1 : prev;
            size_t la = seg_alpha(last);
            char *sym;
            if (!al && frag[0]) {
                /* A bare number continues "SR.2", "L.5"… only. */
                if (!la || last[la] != '.' || !(last[la + 1] >= '0' && last[la + 1] <= '9'))
                    break;
                sym = hx_printf(s->a, "%.*s%s", (int)(last - prev + (long)la + 1), prev, frag);
            } else if (al && frag[al] == '.' && frag[al + 1] >= '0' && frag[al + 1] <= '9') {
                if (la == al && strncmp(last, frag, al) == 0) {
                    sym = hx_printf(s->a, "%.*s%s", (int)(last - prev), prev, frag);
                } else if (!range && ((al == 4 && strncmp(frag, "Corr", 4) == 0) ||
                                      (al == 3 && (strncmp(frag, "Add", 3) == 0 ||
                                                   strncmp(frag, "Rev", 3) == 0)))) {
                    /* A corrigendum of a joint document corrects every part. */
                    for (size_t m = 0; m < nparts; m++)
                        emit_symbol(s, hx_printf(s->a, "%s/%s", parts[m], frag));
                    mark(s, k, f);
                    k = f;
                    continue;
                } else {
                    break;
                }
            } else {
                break;
            }
            size_t at1, at2;
            long from = trailing_number(prev, &at1), to = trailing_number(sym, &at2);
            if (range && from >= 0 && to > from && to - from <= 100)
                for (long m = from + 1; m < to; m++)
                    emit_symbol(s, hx_printf(s->a, "%.*s%ld", (int)at2, sym, m));
            emit_symbol(s, sym);
            prev = sym;
            mark(s, k, f);
            k = f;
        }
        hx_buf_free(&b);
        mark(s, i, k > e ? k : e);
        i = k > e ? k : e;
    }
}

/* Reads up to max ASCII/any-script digits at i; returns the count. */
static size_t digits_at(const struct scan *s, size_t i, size_t max, long *val)
{
    size_t k = 0;
    long v = 0;
    while (i + k < s->n && k < max && digit(s->c[i + k]) >= 0 &&
           !s->used[i + k]) {
        v = v * 10 + digit(s->c[i + k]);
        k++;
    }
    if (val)
        *val = v;
    return k;
}

static void scan_refs(struct scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || digit(s->c[i]) < 0)
            continue;
        if (i > 0 && (is_ascii_alnum(s->c[i - 1]) || digit(s->c[i - 1]) >= 0 ||
                      s->c[i - 1] == '/' || s->c[i - 1] == '.'))
            continue;
        long a, b;
        size_t la = digits_at(s, i, 5, &a);
        if (!la || la > 4 || i + la >= s->n || s->c[i + la] != '/')
            continue;
        size_t lb = digits_at(s, i + la + 1, 5, &b);
        size_t e = i + la + 1 + lb;
        if (!lb || lb > 4 ||
            (e < s->n && (digit(s->c[e]) >= 0 || s->c[e] == '/')))
            continue;
        add(s, ALIGN_TOK_REF, hx_printf(s->a, "%ld/%ld", a, b), 1, 0);
        mark(s, i, e);
        i = e;
    }
}

/* ---- dates ----------------------------------------------------------- */

static const struct {
    const char *w;
    int m;
    int stem;
} months[] = {
    {"january", 1, 0},   {"february", 2, 0},  {"march", 3, 0},
    {"april", 4, 0},     {"may", 5, 0},       {"june", 6, 0},
    {"july", 7, 0},      {"august", 8, 0},    {"september", 9, 0},
    {"october", 10, 0},  {"november", 11, 0}, {"december", 12, 0},
    {"janvier", 1, 0},   {"février", 2, 0},   {"mars", 3, 0},
    {"avril", 4, 0},     {"mai", 5, 0},       {"juin", 6, 0},
    {"juillet", 7, 0},   {"août", 8, 0},      {"septembre", 9, 0},
    {"octobre", 10, 0},  {"novembre", 11, 0}, {"décembre", 12, 0},
    {"enero", 1, 0},     {"febrero", 2, 0},   {"marzo", 3, 0},
    {"abril", 4, 0},     {"mayo", 5, 0},      {"junio", 6, 0},
    {"julio", 7, 0},     {"agosto", 8, 0},    {"septiembre", 9, 0},
    {"setiembre", 9, 0}, {"octubre", 10, 0},  {"noviembre", 11, 0},
    {"diciembre", 12, 0}, {"январ", 1, 1},    {"феврал", 2, 1},
    {"март", 3, 1},      {"апрел", 4, 1},     {"май", 5, 0},
    {"мая", 5, 0},       {"мае", 5, 0},       {"июн", 6, 1},
    {"июл", 7, 1},       {"август", 8, 1},    {"сентябр", 9, 1},
    {"октябр", 10, 1},   {"ноябр", 11, 1},    {"декабр", 12, 1},
    /* Arabic: the UN writes "كانون الأول/ديسمبر"; either name counts. */
    {"يناير", 1, 0},     {"فبراير", 2, 0},    {"مارس", 3, 0},
    {"أبريل", 4, 0},     {"ابريل", 4, 0},     {"مايو", 5, 0},
    {"يونيه", 6, 0},     {"يونيو", 6, 0},     {"يوليه", 7, 0},
    {"يوليو", 7, 0},     {"أغسطس", 8, 0},     {"سبتمبر", 9, 0},
    {"أكتوبر", 10, 0},   {"اكتوبر", 10, 0},   {"نوفمبر", 11, 0},
    {"ديسمبر", 12, 0},   {"كانون الثاني", 1, 0}, {"شباط", 2, 0},
    {"آذار", 3, 0},      {"نيسان", 4, 0},     {"أيار", 5, 0},
    {"حزيران", 6, 0},    {"تموز", 7, 0},      {"آب", 8, 0},
    {"أيلول", 9, 0},     {"تشرين الأول", 10, 0}, {"تشرين الثاني", 11, 0},
    {"كانون الأول", 12, 0},
};

static int month_at(const struct scan *s, size_t i, size_t *len)
{
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        size_t l = word_at(s, i, months[k].w, months[k].stem);
        /* English "may" is a month only when capitalised. */
        if (l && months[k].m == 5 && strcmp(months[k].w, "may") == 0 &&
            s->c[i] != 'M')
            continue;
        if (l) {
            *len = l;
            return months[k].m;
        }
    }
    return 0;
}

static void add_date(struct scan *s, long y, int m, long d)
{
    if (d)
        add(s, ALIGN_TOK_DATE, hx_printf(s->a, "%04ld-%02d-%02ld", y, m, d), 1, 0);
    else
        add(s, ALIGN_TOK_DATE, hx_printf(s->a, "%04ld-%02d", y, m), 1, 0);
}

/* A separator between days of one month, read backwards: returns the
 * index where it starts, or i. */
static size_t day_sep_back(const struct scan *s, size_t i)
{
    static const char *const words[] = {"and", "et", "y", "e", "и", "to",
                                        "au", "al", "a", "до", "по", "إلى"};
    size_t j = skip_space_back(s, i);
    if (j > 0 && (s->c[j - 1] == ',' || s->c[j - 1] == '-' ||
                  s->c[j - 1] == 0x2013 || s->c[j - 1] == 0x060C ||
                  s->c[j - 1] == 0x0648 /* و, written onto the next word */))
        return skip_space_back(s, j - 1);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t b = word_before(s, j, words[k]);
        if (b != j)
            return skip_space_back(s, b);
    }
    return i;
}

/* Day numbers written before a month ("5, 6 and 8 October", "1er mai"). */
static size_t days_before(struct scan *s, size_t i, long *days, size_t max,
                          size_t *nd)
{
    size_t j = skip_space_back(s, i), start = i;
    size_t b = word_before(s, j, "de"); /* "15 de diciembre" */
    j = skip_space_back(s, b);
    *nd = 0;
    while (*nd < max) {
        size_t k = j;
        if (k >= 2 && s->lc[k - 2] == 'e' && s->lc[k - 1] == 'r')
            k -= 2; /* "1er" */
        size_t e = k;
        while (k > 0 && e - k < 2 && digit(s->c[k - 1]) >= 0 && !s->used[k - 1])
            k--;
        if (k == e || (k > 0 && (digit(s->c[k - 1]) >= 0 || is_alpha(s->c[k - 1]))))
            break;
        long d = 0;
        for (size_t m = k; m < e; m++)
            d = d * 10 + digit(s->c[m]);
        if (d < 1 || d > 31)
            break;
        days[(*nd)++] = d;
        start = k;
        size_t p = day_sep_back(s, k);
        if (p == k)
            break;
        j = p;
    }
    return start;
}

static void scan_dates_words(struct scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        size_t len;
        /* Month names start words and are never Han. */
        if (s->used[i] || !is_alpha(s->c[i]) || hx_cp_is_han(s->c[i]) ||
            (i > 0 && is_alpha(s->c[i - 1])))
            continue;
        int m = month_at(s, i, &len);
        if (!m)
            continue;
        size_t e = i + len;
        /* "كانون الأول/ديسمبر": the second name is the same month. */
        if (e + 1 < s->n && s->c[e] == '/') {
            size_t l2;
            if (month_at(s, e + 1, &l2) == m)
                e += 1 + l2;
        }
        long days[12];
        size_t nd;
        size_t start = days_before(s, i, days, 12, &nd);
        /* Forward: "de 2021", "2021 года", or US style "October 5, 2021". */
        size_t j = skip_space(s, e);
        size_t l = word_at(s, j, "de", 0);
        if (!l)
            l = word_at(s, j, "del", 0);
        if (l)
            j = skip_space(s, j + l);
        long v = 0, year = 0;
        size_t end = e;
        size_t dl = digits_at(s, j, 5, &v);
        if (!nd && (dl == 1 || dl == 2) && v >= 1 && v <= 31 &&
            !(j + dl < s->n && is_alpha(s->c[j + dl]))) {
            days[nd++] = v;
            end = j + dl;
            j = skip_space(s, end);
            if (j < s->n && s->c[j] == ',')
                j = skip_space(s, j + 1);
            dl = digits_at(s, j, 5, &v);
        }
        if (dl == 4 && v >= 1000 && v <= 2999) {
            year = v;
            end = j + dl;
        }
        if (!nd && !year)
            continue;
        if (nd)
            for (size_t k = nd; k-- > 0;)
                add_date(s, year, m, days[k]);
        else
            add_date(s, year, m, 0);
        mark(s, start < i ? start : i, end);
        i = end;
    }
}

/* Digits then a CJK unit character (年, 月, 日), spaces allowed between. */
static size_t num_unit(const struct scan *s, size_t i, int32_t unit, size_t max,
                       long *v)
{
    size_t l = digits_at(s, i, max + 1, v);
    if (!l || l > max)
        return 0;
    size_t j = skip_space(s, i + l);
    return j < s->n && s->c[j] == unit ? j + 1 - i : 0;
}

static void scan_dates_zh(struct scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || digit(s->c[i]) < 0 || (i > 0 && digit(s->c[i - 1]) >= 0))
            continue;
        long y = 0, m = 0, d = 0;
        size_t j = i, l;
        if ((l = num_unit(s, j, 0x5E74 /* 年 */, 4, &y)) && y >= 1000) {
            size_t k = skip_space(s, j + l);
            size_t lm = num_unit(s, k, 0x6708 /* 月 */, 2, &m);
            if (!lm || m < 1 || m > 12)
                continue; /* a year alone stays a number */
            j = k + lm;
        } else if ((l = num_unit(s, j, 0x6708, 2, &m)) && m >= 1 && m <= 12) {
            y = 0;
            j += l;
        } else {
            continue;
        }
        size_t k = skip_space(s, j);
        size_t ld = num_unit(s, k, 0x65E5 /* 日 */, 2, &d);
        if (!ld || d < 1 || d > 31) {
            if (!y)
                continue; /* "5 月" alone: a month, not a date */
            add_date(s, y, (int)m, 0);
            mark(s, i, j);
            i = j;
            continue;
        }
        j = k + ld;
        add_date(s, y, (int)m, d);
        /* "10 月 5 日、6 日和 8 日", "17 日至 20 日", "…至 11 月 2 日". */
        for (;;) {
            size_t p = skip_space(s, j);
            if (p >= s->n || !(s->c[p] == 0x3001 || s->c[p] == 0x548C ||
                               s->c[p] == 0x53CA || s->c[p] == 0x81F3 ||
                               s->c[p] == 0x5230 || s->c[p] == '-' ||
                               s->c[p] == 0x2014 || s->c[p] == 0xFF5E ||
                               s->c[p] == '~' || s->c[p] == 0x2013 ||
                               s->c[p] == ',' || s->c[p] == 0xFF0C))
                break;
            p = skip_space(s, p + 1);
            long m2 = m, d2;
            size_t q = p, lm2 = num_unit(s, q, 0x6708, 2, &m2);
            if (lm2 && m2 >= 1 && m2 <= 12)
                q = skip_space(s, q + lm2);
            else
                m2 = m;
            size_t ld2 = num_unit(s, q, 0x65E5, 2, &d2);
            if (!ld2 || d2 < 1 || d2 > 31)
                break;
            add_date(s, y, (int)m2, d2);
            m = m2;
            j = q + ld2;
        }
        mark(s, i, j);
        i = j;
    }
}

/* ---- numbers ------------------------------------------------------- */

static int group_sep(int32_t c)
{
    return c == ',' || c == '.' || c == ' ' || c == 0xA0 || c == 0x202F ||
           c == 0x2009 || c == 0x066C || c == '\'';
}

static int decimal_sep(int32_t c)
{
    return c == '.' || c == ',' || c == 0x066B;
}

/* A percentage sign or word after a number (spaces allowed)? Returns the
 * index after it, or 0. */
static size_t percent_after(const struct scan *s, size_t i)
{
    static const char *const words[] = {"per cent", "percent", "pour cent",
                                        "por ciento", "por cien",
                                        "في المائة", "في المئة", "بالمائة"};
    size_t j = skip_space(s, i);
    if (j < s->n && (s->c[j] == '%' || s->c[j] == 0xFF05 || s->c[j] == 0x066A))
        return j + 1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t l = word_at(s, j, words[k], 0);
        if (l)
            return j + l;
    }
    size_t l = word_at(s, j, "процент", 1);
    return l ? j + l : 0;
}

/* 百分之 just before i (spaces allowed)? Returns its start, or i. */
static size_t percent_before(const struct scan *s, size_t i)
{
    size_t j = skip_space_back(s, i);
    if (j >= 3 && s->c[j - 3] == 0x767E && s->c[j - 2] == 0x5206 &&
        s->c[j - 1] == 0x4E4B)
        return j - 3;
    return i;
}

static void scan_numbers(struct scan *s)
{
    struct hx_buf b = {0};
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || digit(s->c[i]) < 0)
            continue;
        /* Digits glued to a Latin letter belong to a code (G77, A4). */
        if (i > 0 && ((s->c[i - 1] >= 'A' && s->c[i - 1] <= 'Z') ||
                      (s->c[i - 1] >= 'a' && s->c[i - 1] <= 'z'))) {
            while (i + 1 < s->n && digit(s->c[i + 1]) >= 0)
                i++;
            continue;
        }
        hx_buf_reset(&b);
        size_t j = i;
        int grouped = 0, is_int = 1;
        while (j < s->n && digit(s->c[j]) >= 0 && !s->used[j] && b.len < 30)
            hx_buf_addc(&b, (char)('0' + digit(s->c[j++])));
        size_t first = b.len;
        int32_t gsep = 0;
        while (j + 3 < s->n + 0 && group_sep(s->c[j]) &&
               (!gsep || s->c[j] == gsep) && first <= 3 &&
               !(b.len == 1 && b.data[0] == '0') && digit(s->c[j + 1]) >= 0 &&
               digit(s->c[j + 2]) >= 0 && digit(s->c[j + 3]) >= 0 &&
               (j + 4 >= s->n || digit(s->c[j + 4]) < 0)) {
            gsep = s->c[j];
            for (size_t k = 1; k <= 3; k++)
                hx_buf_addc(&b, (char)('0' + digit(s->c[j + k])));
            j += 4;
            grouped = 1;
        }
        if (j + 1 < s->n && decimal_sep(s->c[j]) && s->c[j] != gsep &&
            digit(s->c[j + 1]) >= 0) {
            size_t k = j + 1;
            struct hx_buf f = {0};
            while (k < s->n && digit(s->c[k]) >= 0 && f.len < 20)
                hx_buf_addc(&f, (char)('0' + digit(s->c[k++])));
            while (f.len && f.data[f.len - 1] == '0')
                f.data[--f.len] = '\0';
            if (f.len) {
                hx_buf_addc(&b, '.');
                hx_buf_adds(&b, f.data);
                is_int = 0;
            }
            hx_buf_free(&f);
            j = k;
        }
        /* Canonical: no leading zeros. */
        size_t z = 0;
        while (z + 1 < b.len && b.data[z] == '0' && b.data[z + 1] != '.')
            z++;
        const char *val = b.data + z;
        size_t start = percent_before(s, i), after = percent_after(s, j);
        int pct = start != i || after;
        long v = is_int ? strtol(val, NULL, 10) : 0;
        int hard = pct || grouped || !is_int || v >= 11 || strlen(val) > 2;
        add(s, pct ? ALIGN_TOK_PCT : ALIGN_TOK_NUM, val, hard, 0);
        size_t end = after ? after : j;
        mark(s, start, end);
        i = end ? end - 1 : 0;
    }
    hx_buf_free(&b);
}

/* ---- Chinese numerals ------------------------------------------------ */

static int zh_digit(int32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0; /* 〇 零 */
    case 0x4E00: return 1;
    case 0x4E8C: case 0x4E24: return 2; /* 二 两 */
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return -1;
    }
}

static long zh_unit(int32_t c)
{
    switch (c) {
    case 0x5341: return 10;    /* 十 */
    case 0x767E: return 100;   /* 百 */
    case 0x5343: return 1000;  /* 千 */
    case 0x4E07: return 10000; /* 万 */
    case 0x4EBF: return 100000000; /* 亿 */
    default: return 0;
    }
}

static void scan_zh_numerals(struct scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || (zh_digit(s->c[i]) < 0 && !zh_unit(s->c[i])))
            continue;
        size_t e = i;
        int units = 0;
        while (e < s->n && !s->used[e] &&
               (zh_digit(s->c[e]) >= 0 || zh_unit(s->c[e]))) {
            units += zh_unit(s->c[e]) != 0;
            e++;
        }
        size_t pstart = percent_before(s, i);
        int ordinal = i > 0 && s->c[i - 1] == 0x7B2C; /* 第 */
        /* 分之: a fraction ("五分之四"), not two numbers. */
        int fraction = (e + 1 < s->n && s->c[e] == 0x5206 && s->c[e + 1] == 0x4E4B) ||
                       (i >= 2 && s->c[i - 2] == 0x5206 && s->c[i - 1] == 0x4E4B &&
                        pstart == i);
        if ((e - i < 2 && !ordinal && pstart == i) || fraction) {
            i = e ? e - 1 : 0;
            continue;
        }
        long total = 0, section = 0, num = 0, v;
        if (!units) { /* digit by digit: 二〇二一 */
            v = 0;
            for (size_t k = i; k < e && v < 100000000; k++)
                v = v * 10 + zh_digit(s->c[k]);
        } else {
            for (size_t k = i; k < e; k++) {
                int d = zh_digit(s->c[k]);
                long u = zh_unit(s->c[k]);
                if (d >= 0) {
                    num = d;
                } else if (u >= 10000) {
                    total = (total + section + num) * u;
                    section = num = 0;
                } else {
                    section += (num ? num : 1) * u;
                    num = 0;
                }
                if (total > 1000000000000L)
                    break;
            }
            v = total + section + num;
        }
        if (v > 0 || units == 0) {
            char buf[32];
            snprintf(buf, sizeof buf, "%ld", v);
            int pct = pstart != i;
            add(s, pct ? ALIGN_TOK_PCT : ALIGN_TOK_NUM, buf, pct, 1);
        }
        mark(s, pstart, e);
        i = e - 1;
    }
}

/* ---- English numbers in words (11 to 99) ---------------------------- */

static void scan_en_words(struct scan *s)
{
    static const char *const teens[] = {
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen"};
    static const char *const teenth[] = {
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
        "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
                                       "sixty", "seventy", "eighty", "ninety"};
    static const char *const tenth[] = {"twentieth", "thirtieth", "fortieth",
                                        "fiftieth", "sixtieth", "seventieth",
                                        "eightieth", "ninetieth"};
    static const char *const ones[] = {"one", "two", "three", "four", "five",
                                       "six", "seven", "eight", "nine"};
    static const char *const oneth[] = {"first", "second", "third", "fourth",
                                        "fifth", "sixth", "seventh", "eighth",
                                        "ninth"};
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || !(s->lc[i] >= 'e' && s->lc[i] <= 't'))
            continue;
        long v = 0;
        size_t l = 0;
        for (int k = 0; k < 9 && !l; k++) {
            if ((l = word_at(s, i, teens[k], 0)) || (l = word_at(s, i, teenth[k], 0)))
                v = 11 + k;
        }
        for (int k = 0; k < 8 && !l; k++) {
            if ((l = word_at(s, i, tenth[k], 0))) {
                v = 20 + 10 * k;
            } else if ((l = word_at(s, i, tens[k], 0))) {
                v = 20 + 10 * k;
                if (i + l + 1 < s->n && s->c[i + l] == '-')
                    for (int o = 0; o < 9; o++) {
                        size_t l2 = word_at(s, i + l + 1, ones[o], 0);
                        if (!l2)
                            l2 = word_at(s, i + l + 1, oneth[o], 0);
                        if (l2) {
                            v += o + 1;
                            l += 1 + l2;
                            break;
                        }
                    }
            }
        }
        if (!l)
            continue;
        char buf[32];
        snprintf(buf, sizeof buf, "%ld", v);
        add(s, ALIGN_TOK_NUM, buf, 0, 1);
        mark(s, i, i + l);
        i += l - 1;
    }
}

void align_toks_extract(struct hx_arena *a, const char *str, size_t len,
                        struct align_toks *out)
{
    struct scan s = {.a = a, .out = out};
    s.c = malloc((len + 1) * sizeof *s.c);
    s.lc = malloc((len + 1) * sizeof *s.lc);
    s.used = calloc(len + 1, 1);
    if (!s.c || !s.lc || !s.used)
        abort();
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(str, len, &i);
        s.c[s.n] = cp;
        s.lc[s.n] = cp >= 0 ? u_tolower(cp) : cp;
        s.n++;
    }
    scan_urls(&s);
    scan_symbols(&s);
    scan_refs(&s);
    scan_dates_zh(&s);
    scan_dates_words(&s);
    scan_numbers(&s);
    scan_zh_numerals(&s);
    scan_en_words(&s);
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
static int extras(const struct align_toks *a, const struct align_toks *b,
                  unsigned g, struct hx_buf *e, int *hard)
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

int align_toks_differ(const struct align_toks *a, const struct align_toks *b,
                      unsigned group, struct hx_buf *ea, struct hx_buf *eb)
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
