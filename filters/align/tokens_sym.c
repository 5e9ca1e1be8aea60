/* Document symbols and resolution numbers, for the align stage's tokens:
 * symbols in the UN's pattern ("A/C.2/76/SR.2"), joint symbols, corrigenda,
 * ranges and lists expanded to one token per document, a resolution
 * symbol counted as its number ("A/RES/70/1" is "70/1", as most versions
 * write it), and bare resolution or decision numbers ("75/202"). Kept
 * apart from the other kinds because its list and range separators are
 * language data of their own. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokens_scan.h"

static int sym_char(int32_t c)
{
    return is_ascii_alnum(c) || c == '.' || c == '/' || c == '-' || c == 0x2013;
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
static void emit_symbol(struct align_scan *s, const char *sym)
{
    const char *res = strstr(sym, "/RES/");
    if (res && strspn(sym, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == (size_t)(res - sym)) {
        const char *num = res + 5, *slash = strchr(num, '/');
        if (slash && slash > num && strspn(num, "0123456789") == (size_t)(slash - num) &&
            slash[1] && strspn(slash + 1, "0123456789") == strlen(slash + 1)) {
            align_scan_add(s, ALIGN_TOK_REF, num, 1, 0);
            return;
        }
    }
    const char *last = strrchr(sym, '/');
    last = last ? last + 1 : sym;
    const char *dash = strchr(last, '-');
    if (dash && dash > last && dash[-1] >= '0' && dash[-1] <= '9' && dash[1] >= '0' &&
        dash[1] <= '9') {
        const char *p = dash;
        while (p > last && p[-1] >= '0' && p[-1] <= '9')
            p--;
        char *end;
        long from = strtol(p, NULL, 10), to = strtol(dash + 1, &end, 10);
        if (*end == '\0' && from < to && to - from <= 100) {
            for (long k = from; k <= to; k++) {
                char *one = hx_printf(s->a, "%.*s%ld", (int)(p - sym), sym, k);
                align_scan_add(s, ALIGN_TOK_SYM, one, 1, 0);
            }
            return;
        }
    }
    align_scan_add(s, ALIGN_TOK_SYM, sym, 1, 0);
}

/* A separator between the members of a list ("、", ", ", " and "…) or
 * of a range (" to ", " à ", "至"…, *range set); returns the index after
 * it, or i when there is none. */
static size_t list_sep(const struct align_scan *s, size_t i, int *range)
{
    static const char *const words[] = {"and", "et", "y", "и", "و", "or", "ou", "o", "или"};
    static const char *const to[] = {"to", "à", "a", "al", "до", "по", "إلى"};
    size_t j = skip_space(s, i);
    *range = 0;
    if (j < s->n && (s->c[j] == ',' || s->c[j] == 0x3001 || s->c[j] == 0xFF0C ||
                     s->c[j] == 0x060C || s->c[j] == 0x548C /* 和 */ || s->c[j] == 0x53CA /* 及 */))
        return skip_space(s, j + 1);
    if (j < s->n && (s->c[j] == 0x81F3 /* 至 */ || s->c[j] == 0x5230 /* 到 */)) {
        *range = 1;
        return skip_space(s, j + 1);
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t l = align_scan_word_at(s, j, words[k], 0);
        if (l)
            return skip_space(s, j + l);
    }
    for (size_t k = 0; k < sizeof to / sizeof to[0]; k++) {
        size_t l = align_scan_word_at(s, j, to[k], 0);
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

void align_scan_symbols(struct align_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || !(s->c[i] >= 'A' && s->c[i] <= 'Z'))
            continue;
        if (i > 0 && (sym_char(s->c[i - 1])))
            continue;
        size_t e = i;
        while (e < s->n && sym_char(s->c[e]))
            e++;
        while (e > i && (s->c[e - 1] == '.' || s->c[e - 1] == '-' || s->c[e - 1] == 0x2013 ||
                         s->c[e - 1] == '/'))
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

void align_scan_refs(struct align_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || digit(s->c[i]) < 0)
            continue;
        if (i > 0 && (is_ascii_alnum(s->c[i - 1]) || digit(s->c[i - 1]) >= 0 ||
                      s->c[i - 1] == '/' || s->c[i - 1] == '.'))
            continue;
        long a, b;
        size_t la = align_scan_digits_at(s, i, 5, &a);
        if (!la || la > 4 || i + la >= s->n || s->c[i + la] != '/')
            continue;
        size_t lb = align_scan_digits_at(s, i + la + 1, 5, &b);
        size_t e = i + la + 1 + lb;
        if (!lb || lb > 4 || (e < s->n && (digit(s->c[e]) >= 0 || s->c[e] == '/')))
            continue;
        align_scan_add(s, ALIGN_TOK_REF, hx_printf(s->a, "%ld/%ld", a, b), 1, 0);
        mark(s, i, e);
        i = e;
    }
}
