/* Labels of the structure stage: printed paragraph and heading numbers
 * in the six languages (digits of any script, Chinese and roman numerals,
 * letters of the Latin, Cyrillic and Arabic alphabets), and the letters
 * and roman numerals keys count with. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "structure.h"

/* Value of the Chinese numeral at s[*i] ("九十九", "一百零五"), advancing
 * *i past it; -1 when there is none or it is past 100000 (no label or
 * session counts so far). */
int structure_zh_number(const char *s, size_t len, size_t *i)
{
    size_t at = *i;
    long v = hx_zh_number(s, len, &at);
    if (v < 0 || v > 100000)
        return -1;
    *i = at;
    return (int)v;
}

/* Decimal digits of any script at s[*i]; -1 when there are none. */
int structure_digits(const char *s, size_t len, size_t *i, int max_digits)
{
    int v = 0, n = 0;
    while (*i < len && n < max_digits) {
        size_t j = *i;
        int d = hx_cp_digit(hx_utf8_next(s, len, &j));
        if (d < 0)
            break;
        v = v * 10 + d;
        n++;
        *i = j;
    }
    return n ? v : -1;
}

static int roman_value(int32_t c)
{
    switch (c | 0x20) {
    case 'i': return 1;
    case 'v': return 5;
    case 'x': return 10;
    case 'l': return 50;
    case 'c': return 100;
    case 'd': return 500;
    case 'm': return 1000;
    default: return 0;
    }
}

/* Value of s[0..n) as a roman numeral of one case, 0 when it is not one. */
static int roman(const char *s, size_t n)
{
    int v = 0;
    if (n == 0 || n > 8)
        return 0;
    for (size_t k = 0; k < n; k++) {
        int a = roman_value((unsigned char)s[k]);
        int b = k + 1 < n ? roman_value((unsigned char)s[k + 1]) : 0;
        if (!a || (s[k] >= 'a') != (s[0] >= 'a'))
            return 0;
        v += a < b ? -a : a;
    }
    return v > 0 && v < 4000 ? v : 0;
}

static int is_lower_letter(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x44F) || (c >= 0x621 && c <= 0x64A);
}

static int is_arabic_letter(int32_t c)
{
    return c >= 0x621 && c <= 0x64A && c != 0x640;
}

static int is_upper_letter(int32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x410 && c <= 0x42F);
}

/* Position of a letter in its alphabet (a = 1), for "(b)" or Cyrillic "б)". */
int structure_letter_pos(int32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 1;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 1;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x430 + 1;
    if (c >= 0x410 && c <= 0x42F)
        return c - 0x410 + 1;
    return 1;
}

size_t structure_skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t j = i;
        if (!hx_cp_is_space(hx_utf8_next(s, len, &j)))
            break;
        i = j;
    }
    return i;
}

/* Arabic labels are compared as the tables write them: hamza forms of
 * alef as bare alef, vowel marks and tatweel skipped (printed "أولاً",
 * "اولا" and "أولا" are one ordinal). */
static int ar_mark(int32_t c)
{
    return c == 0x640 || (c >= 0x64B && c <= 0x652);
}

static int32_t ar_base(int32_t c)
{
    return c == 0x622 || c == 0x623 || c == 0x625 ? 0x627 : c;
}

/* The next character of s at *i that is not a mark, -1 at the end. */
static int32_t ar_next(const char *s, size_t len, size_t *i)
{
    while (*i < len) {
        int32_t c = hx_utf8_next(s, len, i);
        if (!ar_mark(c))
            return ar_base(c);
    }
    return -1;
}

/* Bytes of s that spell word w (ending at a word boundary), else 0. */
static size_t ar_word(const char *w, size_t wn, const char *s, size_t len)
{
    size_t k = 0, i = 0;
    for (;;) {
        int32_t a = ar_next(w, wn, &k);
        if (a < 0)
            break;
        if (ar_next(s, len, &i) != a)
            return 0;
    }
    while (i < len) { /* marks closing the word ("أولاً") are its own */
        size_t j = i;
        if (!ar_mark(hx_utf8_next(s, len, &j)))
            break;
        i = j;
    }
    if (i < len && u_isalnum(hx_utf8_next(s, len, &(size_t){i})))
        return 0;
    return i;
}

/* Value of the longest word of labels.tsv's kind spelt at the start of s,
 * its bytes in *used; 0 when none is. */
static int ar_list(const char *kind, const char *s, size_t len, size_t *used)
{
    int best = 0;
    *used = 0;
    for (size_t r = 0; r < hx_structure_labels_rows; r++) {
        const char *const *w = hx_structure_labels[r];
        size_t u;
        if (strcmp(w[0], kind) != 0 || strcmp(w[1], "ar") != 0)
            continue;
        if ((u = ar_word(w[3], strlen(w[3]), s, len)) > *used) {
            *used = u;
            best = atoi(w[2]);
        }
    }
    return best;
}

/* Arabic documents close paragraph numbers and heading labels with a
 * spaced dash ("12 - ", "ثانيا - "): the offset just past the dash at or
 * after i (spaces before it allowed, one after it required), else 0. */
static size_t dash_after(const char *s, size_t len, size_t i)
{
    size_t j = structure_skip_spaces(s, len, i);
    int32_t c;
    if (j >= len)
        return 0;
    c = hx_utf8_next(s, len, &j);
    if (!(c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212))
        return 0;
    if (j >= len || !hx_cp_is_space(hx_utf8_next(s, len, &(size_t){j})))
        return 0;
    return j;
}

static int is_quote(int32_t c)
{
    return c == '\'' || c == 0x2018 || c == 0x2019;
}

/* A sub-item token between "(" and ")": letters, roman numerals,
 * Chinese numerals or digits. Returns 0 when the token is none of
 * them. */
static int sub_token(const char *s, size_t a, size_t b, struct structure_label *l)
{
    size_t i = a, n = 0;
    int32_t first = -1;
    if (b <= a || b - a > 16)
        return 0;
    {
        size_t j = a;
        int v = structure_digits(s, b, &j, 3);
        if (v > 0 && j == b) {
            l->num = v;
            return 1;
        }
        j = a;
        v = structure_zh_number(s, b, &j);
        if (v > 0 && j == b) {
            l->num = v;
            return 1;
        }
    }
    if (is_arabic_letter(hx_utf8_next(s, b, &(size_t){a}))) {
        /* Arabic sub-items run in abjad order: (أ) (ب) (ج) (د) (هـ) */
        size_t used;
        int pos = ar_list("abjad", s + a, b - a, &used);
        if (!pos || used != b - a)
            return 0;
        l->num = pos;
        l->letter = 1;
        return 1;
    }
    while (i < b) {
        int32_t c = hx_utf8_next(s, b, &i);
        if (!is_lower_letter(c))
            return 0;
        if (first < 0)
            first = c;
        n++;
    }
    if (n > 4)
        return 0;
    l->roman = roman(s + a, b - a);
    l->letter = n == 1 || (n == 2 && hx_utf8_next(s, b, &(size_t){a}) == first);
    l->num = structure_letter_pos(first) + (n == 2 && l->letter ? 26 : 0);
    return l->letter || l->roman;
}

/* Recognises the printed label at the start of s. */
/* A sub-item label: "(a)", "(ii)", "(一)", "a)", "б)", "أ)", "’1‘". 1 when
 * the scan is decided (l set, or no label), 0 to try other kinds. */
static int sub_label(const char *s, size_t len, int32_t c, size_t j, struct structure_label *l)
{
    if (c == '(' || c == 0xFF08) {
        size_t a = j;
        for (size_t k = j; k < len && k < j + 20;) {
            size_t k0 = k;
            int32_t d = hx_utf8_next(s, len, &k);
            if (d == ')' || d == 0xFF09) {
                if (sub_token(s, a, k0, l)) {
                    l->kind = SL_SUB;
                    l->plen = k;
                    l->len = structure_skip_spaces(s, len, k);
                }
                return 1;
            }
        }
        return 1;
    }
    /* "a)", "б)", "أ)" */
    if (is_lower_letter(c)) {
        size_t k = j;
        while (k < len && k < j + 12) {
            size_t k0 = k;
            int32_t d = hx_utf8_next(s, len, &k);
            if (d == ')') {
                if (sub_token(s, 0, k0, l)) {
                    l->kind = SL_SUB;
                    l->plen = k;
                    l->len = structure_skip_spaces(s, len, k);
                }
                return 1;
            }
            if (!is_lower_letter(d))
                break;
        }
    }
    /* "’1‘": Arabic documents' second-level sub-item, (i) elsewhere */
    if (is_quote(c)) {
        size_t k = j;
        int v = structure_digits(s, len, &k, 2);
        if (v > 0 && k < len) {
            size_t m = k;
            if (is_quote(hx_utf8_next(s, len, &m))) {
                l->kind = SL_SUB;
                l->num = l->roman = v;
                l->plen = m;
                l->len = structure_skip_spaces(s, len, m);
            }
        }
        return 1;
    }
    return 0;
}

/* A paragraph number ("12.", "١٢.", "12 - ") or a Chinese heading number
 * ("四.", "四、"); 1 when decided. */
static int number_label(const char *s, size_t len, struct structure_label *l)
{
    size_t i;
    i = 0;
    {
        int v = structure_digits(s, len, &i, 4);
        if (v >= 0 && i < len) {
            size_t k = i;
            int32_t d = hx_utf8_next(s, len, &k);
            size_t m = k;
            int32_t e = k < len ? hx_utf8_next(s, len, &m) : ' ';
            if ((d == '.' || d == 0xFF0E) && hx_cp_digit(e) < 0) {
                l->kind = SL_NUM;
                l->num = v;
                l->plen = k;
                l->len = structure_skip_spaces(s, len, k);
            } else if (v > 0 && i <= 6 && (k = dash_after(s, len, i)) > 0) {
                l->kind = SL_NUM; /* "12 - " */
                l->num = v;
                l->plen = k;
                l->len = structure_skip_spaces(s, len, k);
            }
            return 1;
        }
    }
    i = 0;
    {
        int v = structure_zh_number(s, len, &i);
        if (v > 0 && i < len) {
            size_t k = i;
            int32_t d = hx_utf8_next(s, len, &k);
            if (d == '.' || d == 0xFF0E || d == 0x3001) {
                l->kind = SL_ZH;
                l->num = v;
                l->plen = k;
                l->len = structure_skip_spaces(s, len, k);
            }
            return 1;
        }
    }
    return 0;
}

/* A heading label: roman ("IV.", "رابعا - ") or a letter ("B.", "باء - ",
 * "Б."). */
static void heading_label(const char *s, size_t len, int32_t c, size_t j, struct structure_label *l)
{
    if (is_arabic_letter(c)) {
        /* "ثانيا - " (II.) and "باء - " (B.) */
        size_t uo, ul, k;
        int o = ar_list("ordinal", s, len, &uo);
        int n = ar_list("letter_name", s, len, &ul);
        if (n && ul > uo) {
            o = 0;
            uo = ul;
        }
        if ((o || n) && (k = dash_after(s, len, uo)) > 0) {
            l->kind = o ? SL_ROMAN : SL_LETTER;
            l->num = o ? o : n;
            l->plen = k;
            l->len = structure_skip_spaces(s, len, k);
        }
        return;
    }
    if (is_upper_letter(c)) {
        size_t k = 0;
        while (k < len && s[k] >= 'A' && s[k] <= 'Z' && k < 8)
            k++;
        if (k > 0 && k + 1 < len && s[k] == '.' && s[k + 1] == ' ') {
            int v = roman(s, k);
            if (v) {
                l->kind = SL_ROMAN;
                l->num = v;
            } else if (k == 1) {
                l->kind = SL_LETTER;
                l->num = structure_letter_pos(c);
            } else {
                return;
            }
            l->plen = k + 1;
            l->len = structure_skip_spaces(s, len, k + 1);
            return;
        }
        if (c >= 0x410 && j + 1 < len && s[j] == '.' && s[j + 1] == ' ') {
            l->kind = SL_LETTER;
            l->num = structure_letter_pos(c);
            l->plen = j + 1;
            l->len = structure_skip_spaces(s, len, j + 1);
        }
    }
}

struct structure_label structure_label_scan(const char *s, size_t len)
{
    struct structure_label l = {SL_NONE, 0, 0, 0, 0, 0};
    size_t j = 0;
    int32_t c;
    if (len == 0)
        return l;
    c = hx_utf8_next(s, len, &j);
    if (!sub_label(s, len, c, j, &l) && !number_label(s, len, &l))
        heading_label(s, len, c, j, &l);
    return l;
}

/* --- keys --------------------------------------------------------------- */

const char *structure_key_letters(struct hx_doc *doc, int pos)
{
    char buf[8];
    size_t n = 0;
    if (pos < 1)
        pos = 1;
    while (pos > 0 && n < 6) {
        buf[n++] = (char)('a' + (pos - 1) % 26);
        pos = (pos - 1) / 26;
    }
    for (size_t k = 0; k < n / 2; k++) {
        char t = buf[k];
        buf[k] = buf[n - 1 - k];
        buf[n - 1 - k] = t;
    }
    return hx_strndup(doc->arena, buf, n);
}

const char *structure_key_roman(struct hx_doc *doc, int v)
{
    struct hx_buf b = {0};
    const char *r;
    hx_buf_add_roman(&b, v < 1 || v > 3999 ? 1 : v, 0);
    r = hx_strdup(doc->arena, b.data);
    hx_buf_free(&b);
    return r;
}

/* The first number in s (any digits, else a Chinese numeral), as
 * text. */
const char *structure_number_in(struct hx_doc *doc, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t j = i;
        int32_t c = hx_utf8_next(s, len, &j);
        if (hx_cp_digit(c) >= 0 || hx_zh_digit(c) > 0 || hx_zh_unit(c)) {
            size_t k = i;
            int v = hx_cp_digit(c) >= 0 ? structure_digits(s, len, &k, 6)
                                        : structure_zh_number(s, len, &k);
            if (v >= 0)
                return hx_printf(doc->arena, "%d", v);
        }
        i = j;
    }
    return NULL;
}

/* A masthead date: a year (1945-2099) and a day number, in a short line
 * ("17 December 2021", "2021年12月17日", "17 de diciembre de 2021"). */
int structure_is_date(const char *s, size_t len)
{
    int year = 0, day = 0, chars = 0, paren = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        int v = structure_digits(s, len, &j, 6);
        if (v >= 0 && paren) {
            /* "RESOLUTION 2 (REV. DUBAI, 2018)": a year in parentheses
             * names an earlier text, it does not date this one */
            while (i < j) {
                hx_utf8_next(s, j, &i);
                chars++;
            }
            continue;
        }
        if (v >= 0) {
            size_t n = 0, k = i;
            while (k < j) {
                hx_utf8_next(s, j, &k);
                n++;
            }
            if (n == 4 && v >= 1945 && v <= 2099)
                year = 1;
            else if (n <= 2 && v >= 1 && v <= 31)
                day = 1;
            else
                return 0;
            chars += (int)n;
            i = j;
            continue;
        }
        int32_t c = hx_utf8_next(s, len, &i);
        if (c == '(' || c == 0xFF08)
            paren++;
        else if ((c == ')' || c == 0xFF09) && paren > 0)
            paren--;
        chars++;
    }
    return year && day && chars <= 40;
}
