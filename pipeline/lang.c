/* Language rules shared by stages (see lang.h). */
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "text.h"

/* --- lead-word classes ---------------------------------------------------- */

/* Length of class x[0..n) without a last ".also" or ".further". */
static size_t stem_len(const char *x, size_t n)
{
    static const char *const mods[] = {".also", ".further"};
    for (size_t k = 0; k < 2; k++) {
        size_t m = strlen(mods[k]);
        if (n > m && memcmp(x + n - m, mods[k], m) == 0)
            return n - m;
    }
    return n;
}

static int same(const char *x, size_t xn, const char *y, size_t yn)
{
    return xn == yn && memcmp(x, y, xn) == 0;
}

/* Bytes of x[0..n) before the first of the characters in stop. */
static size_t span(const char *x, size_t n, const char *stop)
{
    size_t k = 0;
    while (k < n && !strchr(stop, x[k]))
        k++;
    return k;
}

static enum hx_lead_match relate(const char *x, size_t xn, const char *y, size_t yn)
{
    if (same(x, xn, y, yn))
        return HX_LEAD_SAME;
    xn = stem_len(x, xn);
    yn = stem_len(y, yn);
    if (same(x, xn, y, yn))
        return HX_LEAD_MODIFIER;
    size_t xf = span(x, xn, ":"), yf = span(y, yn, ":");
    if ((xf < xn || yf < yn) && same(x, xf, y, yf))
        return HX_LEAD_DEGREE;
    if (same(x, span(x, xn, ".:"), y, span(y, yn, ".:")))
        return HX_LEAD_VERB;
    return HX_LEAD_OTHER;
}

enum hx_lead_match hx_lead_compare(const char *a, const char *b)
{
    enum hx_lead_match best = HX_LEAD_OTHER;
    if (!a || !b)
        return best;
    for (const char *x = a; *x;) {
        size_t xn = strcspn(x, "|");
        for (const char *y = b; *y;) {
            size_t yn = strcspn(y, "|");
            enum hx_lead_match m = relate(x, xn, y, yn);
            if (m < best)
                best = m;
            y += yn + (y[yn] == '|');
        }
        x += xn + (x[xn] == '|');
    }
    return best;
}

int hx_lead_has(const char *lead, const char *want)
{
    size_t wn = strlen(want);
    for (const char *x = lead; x && *x;) {
        size_t xn = strcspn(x, "|");
        if (same(x, xn, want, wn))
            return 1;
        x += xn + (x[xn] == '|');
    }
    return 0;
}

/* --- numerals ------------------------------------------------------------- */

int hx_zh_digit(int32_t c)
{
    switch (c) {
    case 0x3007:
    case 0x96F6: return 0; /* 〇 零 */
    case 0x4E00: return 1;
    case 0x4E8C:
    case 0x4E24: return 2; /* 二 两 */
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

long hx_zh_unit(int32_t c)
{
    switch (c) {
    case 0x5341: return 10;        /* 十 */
    case 0x767E: return 100;       /* 百 */
    case 0x5343: return 1000;      /* 千 */
    case 0x4E07: return 10000;     /* 万 */
    case 0x4EBF: return 100000000; /* 亿 */
    default: return 0;
    }
}

long hx_zh_value(const int32_t *cp, size_t n)
{
    long total = 0, section = 0, num = 0;
    int units = 0;
    for (size_t k = 0; k < n; k++)
        units |= hx_zh_unit(cp[k]) != 0;
    if (!units) { /* digit by digit: 二〇二一 */
        long v = 0;
        for (size_t k = 0; k < n && v < 100000000; k++)
            v = v * 10 + hx_zh_digit(cp[k]);
        return v;
    }
    for (size_t k = 0; k < n && total <= 1000000000000L; k++) {
        int d = hx_zh_digit(cp[k]);
        long u = hx_zh_unit(cp[k]);
        if (d >= 0) {
            num = d;
        } else if (u >= 10000) { /* 万, 亿 close a section */
            total = (total + section + num) * u;
            section = num = 0;
        } else {
            section += (num ? num : 1) * u;
            num = 0;
        }
    }
    return total + section + num;
}

long hx_zh_number(const char *s, size_t len, size_t *i)
{
    int32_t cp[32];
    size_t n = 0, at = *i;
    while (at < len && n < sizeof cp / sizeof cp[0]) {
        size_t j = at;
        int32_t c = hx_utf8_next(s, len, &j);
        if (hx_zh_digit(c) < 0 && !hx_zh_unit(c))
            break;
        cp[n++] = c;
        at = j;
    }
    if (!n)
        return -1;
    *i = at;
    return hx_zh_value(cp, n);
}

void hx_buf_add_roman(struct hx_buf *b, int v, int upper)
{
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const up[] = {"M",  "CM", "D",  "CD", "C",  "XC", "L",
                                     "XL", "X",  "IX", "V",  "IV", "I"};
    static const char *const lo[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
                                     "xl", "x",  "ix", "v",  "iv", "i"};
    if (v < 1 || v > 3999) {
        hx_buf_addf(b, "%d", v);
        return;
    }
    for (int i = 0; i < 13; i++)
        while (v >= val[i]) {
            hx_buf_adds(b, upper ? up[i] : lo[i]);
            v -= val[i];
        }
}

/* --- the job number ------------------------------------------------------- */

/* Does s[i..) open with n to max ASCII digits? Their count, else 0. */
static size_t digits(const char *s, size_t i, size_t len, size_t n, size_t max)
{
    size_t k = 0;
    while (i + k < len && k <= max && s[i + k] >= '0' && s[i + k] <= '9')
        k++;
    return k >= n && k <= max ? k : 0;
}

size_t hx_job_number(const char *s, size_t len)
{
    size_t i = 0, k;
    if (len > 2 && s[0] >= 'A' && s[0] <= 'Z') { /* a duty station: "V.", "GE." */
        while (i < len && i < 2 && s[i] >= 'A' && s[i] <= 'Z')
            i++;
        if (i >= len || s[i++] != '.')
            return 0;
    }
    if (!digits(s, i, len, 2, 2) || i + 2 >= len || s[i + 2] != '-')
        return 0;
    i += 3;
    if (!(k = digits(s, i, len, 4, 6)))
        return 0;
    return i + k;
}

int hx_job_furniture(const char *w, size_t len)
{
    size_t i;
    if (len >= 3 && w[0] == '(' && w[len - 1] == ')') {
        for (i = 1; i + 1 < len && w[i] >= 'A' && w[i] <= 'Z'; i++)
            ;
        return i + 1 == len && len <= 5;
    }
    if (len && w[0] == '*')
        return len >= 9 && w[len - 1] == '*' && digits(w, 1, len, len - 2, len - 2);
    /* the barcode's asterisks may have been read as emphasis */
    return len && digits(w, 0, len, 6, 9) == len;
}
