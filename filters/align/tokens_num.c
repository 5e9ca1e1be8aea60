/* Numbers, for the align stage's tokens: digits of any script with their
 * group and decimal separators and percentages (sign or word, 百分之
 * before), Chinese numerals, and English numbers from 11 to 99 written in
 * words. Run last, on what the symbol and date scanners left unused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokens_scan.h"

static int group_sep(int32_t c)
{
    return c == ',' || c == '.' || c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 ||
           c == 0x066C || c == '\'';
}

static int decimal_sep(int32_t c)
{
    return c == '.' || c == ',' || c == 0x066B;
}

/* A percentage sign or word after a number (spaces allowed)? Returns the
 * index after it, or 0. */
static size_t percent_after(const struct align_scan *s, size_t i)
{
    static const char *const words[] = {"per cent", "percent",   "pour cent", "por ciento",
                                        "por cien", "في المائة", "في المئة",  "بالمائة"};
    size_t j = skip_space(s, i);
    if (j < s->n && (s->c[j] == '%' || s->c[j] == 0xFF05 || s->c[j] == 0x066A))
        return j + 1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t l = align_scan_word_at(s, j, words[k], 0);
        if (l)
            return j + l;
    }
    size_t l = align_scan_word_at(s, j, "процент", 1);
    return l ? j + l : 0;
}

/* 百分之 just before i (spaces allowed)? Returns its start, or i. */
static size_t percent_before(const struct align_scan *s, size_t i)
{
    size_t j = skip_space_back(s, i);
    if (j >= 3 && s->c[j - 3] == 0x767E && s->c[j - 2] == 0x5206 && s->c[j - 1] == 0x4E4B)
        return j - 3;
    return i;
}

void align_scan_numbers(struct align_scan *s)
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
        while (j + 3 < s->n + 0 && group_sep(s->c[j]) && (!gsep || s->c[j] == gsep) && first <= 3 &&
               !(b.len == 1 && b.data[0] == '0') && digit(s->c[j + 1]) >= 0 &&
               digit(s->c[j + 2]) >= 0 && digit(s->c[j + 3]) >= 0 &&
               (j + 4 >= s->n || digit(s->c[j + 4]) < 0)) {
            gsep = s->c[j];
            for (size_t k = 1; k <= 3; k++)
                hx_buf_addc(&b, (char)('0' + digit(s->c[j + k])));
            j += 4;
            grouped = 1;
        }
        if (j + 1 < s->n && decimal_sep(s->c[j]) && s->c[j] != gsep && digit(s->c[j + 1]) >= 0) {
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
        align_scan_add(s, pct ? ALIGN_TOK_PCT : ALIGN_TOK_NUM, val, hard, 0);
        size_t end = after ? after : j;
        mark(s, start, end);
        i = end ? end - 1 : 0;
    }
    hx_buf_free(&b);
}

/* ---- Chinese numerals ------------------------------------------------ */

void align_scan_zh_numerals(struct align_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || (hx_zh_digit(s->c[i]) < 0 && !hx_zh_unit(s->c[i])))
            continue;
        size_t e = i;
        int units = 0;
        while (e < s->n && !s->used[e] && (hx_zh_digit(s->c[e]) >= 0 || hx_zh_unit(s->c[e]))) {
            units += hx_zh_unit(s->c[e]) != 0;
            e++;
        }
        size_t pstart = percent_before(s, i);
        int ordinal = i > 0 && s->c[i - 1] == 0x7B2C; /* 第 */
        /* 分之: a fraction ("五分之四"), not two numbers. */
        int fraction = (e + 1 < s->n && s->c[e] == 0x5206 && s->c[e + 1] == 0x4E4B) ||
                       (i >= 2 && s->c[i - 2] == 0x5206 && s->c[i - 1] == 0x4E4B && pstart == i);
        if ((e - i < 2 && !ordinal && pstart == i) || fraction) {
            i = e ? e - 1 : 0;
            continue;
        }
        long v = hx_zh_value(s->c + i, e - i);
        if (v > 0 || units == 0) {
            char buf[32];
            snprintf(buf, sizeof buf, "%ld", v);
            int pct = pstart != i;
            align_scan_add(s, pct ? ALIGN_TOK_PCT : ALIGN_TOK_NUM, buf, pct, 1);
        }
        mark(s, pstart, e);
        i = e - 1;
    }
}

/* ---- English numbers in words (11 to 99) ---------------------------- */

void align_scan_en_words(struct align_scan *s)
{
    static const char *const teens[] = {"eleven",  "twelve",    "thirteen", "fourteen", "fifteen",
                                        "sixteen", "seventeen", "eighteen", "nineteen"};
    static const char *const teenth[] = {"eleventh",    "twelfth",    "thirteenth",
                                         "fourteenth",  "fifteenth",  "sixteenth",
                                         "seventeenth", "eighteenth", "nineteenth"};
    static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                       "sixty",  "seventy", "eighty", "ninety"};
    static const char *const tenth[] = {"twentieth", "thirtieth",  "fortieth",  "fiftieth",
                                        "sixtieth",  "seventieth", "eightieth", "ninetieth"};
    static const char *const ones[] = {"one", "two",   "three", "four", "five",
                                       "six", "seven", "eight", "nine"};
    static const char *const oneth[] = {"first", "second",  "third",  "fourth", "fifth",
                                        "sixth", "seventh", "eighth", "ninth"};
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || !(s->lc[i] >= 'e' && s->lc[i] <= 't') || (i > 0 && is_alpha(s->c[i - 1])))
            continue; /* numbers in words start words */
        long v = 0;
        size_t l = 0;
        for (int k = 0; k < 9 && !l; k++) {
            if ((l = align_scan_word_at(s, i, teens[k], 0)) ||
                (l = align_scan_word_at(s, i, teenth[k], 0)))
                v = 11 + k;
        }
        for (int k = 0; k < 8 && !l; k++) {
            if ((l = align_scan_word_at(s, i, tenth[k], 0))) {
                v = 20 + 10 * k;
            } else if ((l = align_scan_word_at(s, i, tens[k], 0))) {
                v = 20 + 10 * k;
                if (i + l + 1 < s->n && s->c[i + l] == '-')
                    for (int o = 0; o < 9; o++) {
                        size_t l2 = align_scan_word_at(s, i + l + 1, ones[o], 0);
                        if (!l2)
                            l2 = align_scan_word_at(s, i + l + 1, oneth[o], 0);
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
        align_scan_add(s, ALIGN_TOK_NUM, buf, 0, 1);
        mark(s, i, i + l);
        i += l - 1;
    }
}

/* ---- roman numerals ----------------------------------------------------- */

/* Value of the roman numeral in upper-case letters s[i..e), 0 unless it is
 * written the one canonical way, as hx_buf_add_roman writes it (so that
 * "MIX" passes but "IIII" and "VX" do not, and a word such as "DID" is no
 * number). */
static long roman_value(const struct align_scan *s, size_t i, size_t e)
{
    static const char letters[] = "IVXLCDM";
    static const int values[] = {1, 5, 10, 50, 100, 500, 1000};
    long v = 0;
    if (e - i > 15)
        return 0;
    for (size_t k = i; k < e; k++) {
        const char *p = s->c[k] < 0x80 ? strchr(letters, (int)s->c[k]) : NULL;
        if (!p || !*p)
            return 0;
        int here = values[p - letters], next = 0;
        if (k + 1 < e) {
            const char *q = s->c[k + 1] < 0x80 ? strchr(letters, (int)s->c[k + 1]) : NULL;
            next = q && *q ? values[q - letters] : 0;
        }
        v += here < next ? -here : here;
    }
    if (v < 1 || v > 3999)
        return 0;
    struct hx_buf b = {0};
    hx_buf_add_roman(&b, (int)v, 1);
    int same = b.len == e - i;
    for (size_t k = 0; same && k < b.len; k++)
        same = b.data[k] == (char)s->c[i + k];
    hx_buf_free(&b);
    return same ? v : 0;
}

static int is_upper(int32_t c)
{
    return c >= 'A' && c <= 'Z';
}

/* Is the word ending at i (or starting at i, forward) all capitals of
 * three letters or more: a heading in capitals, where "MIX" is a word? */
static int caps_word_near(const struct align_scan *s, size_t i, int forward)
{
    size_t j = forward ? skip_space(s, i) : skip_space_back(s, i), n = 0;
    if (forward)
        while (j + n < s->n && is_upper(s->c[j + n]))
            n++;
    else
        while (n < j && is_upper(s->c[j - n - 1]))
            n++;
    return n >= 3;
}

void align_scan_roman(struct align_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || !is_upper(s->c[i]) || (i > 0 && is_alpha(s->c[i - 1])))
            continue;
        size_t e = i;
        while (e < s->n && is_upper(s->c[e]))
            e++;
        if (e < s->n && is_alpha(s->c[e])) {
            i = e;
            continue;
        }
        /* one letter is "I" the pronoun or a list letter; a roman of two
         * or more in a line of capitals may be a word */
        long v = e - i >= 2 ? roman_value(s, i, e) : 0;
        if (v && !caps_word_near(s, i, 0) && !caps_word_near(s, e, 1)) {
            char buf[16];
            snprintf(buf, sizeof buf, "%ld", v);
            align_scan_add(s, ALIGN_TOK_NUM, buf, 0, 1);
            mark(s, i, e);
        }
        i = e;
    }
}
