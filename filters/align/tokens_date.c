/* Dates, for the align stage's tokens: month names of the six UN
 * languages (both Arabic month names count), day lists before a month
 * ("5, 6 and 8 October", "1er mai"), and Chinese dates written with 年, 月
 * and 日, each as "YYYY-MM-DD" or "YYYY-MM" ("0000" when no year is
 * given). Kept apart because the month table is the largest piece of
 * language data the tokens hold; the names are pipeline/data/months.tsv
 * (hx_months, lang.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokens_scan.h"

static int month_at(const struct align_scan *s, size_t i, size_t *len)
{
    for (size_t k = 0; k < hx_months_rows; k++) {
        const char *const *row = hx_months[k];
        size_t l = align_scan_word_at(s, i, row[2], row[3][0] == '1');
        /* English "may" is a month only when capitalised. */
        if (l && strcmp(row[2], "may") == 0 && s->c[i] != 'M')
            continue;
        if (l) {
            *len = l;
            return atoi(row[1]);
        }
    }
    return 0;
}

static void add_date(struct align_scan *s, long y, int m, long d)
{
    if (d)
        align_scan_add(s, ALIGN_TOK_DATE, hx_printf(s->a, "%04ld-%02d-%02ld", y, m, d), 1, 0);
    else
        align_scan_add(s, ALIGN_TOK_DATE, hx_printf(s->a, "%04ld-%02d", y, m), 1, 0);
}

/* A separator between days of one month, read backwards: returns the
 * index where it starts, or i. */
static size_t day_sep_back(const struct align_scan *s, size_t i)
{
    static const char *const words[] = {"and", "et", "y", "e",  "и",  "to",
                                        "au",  "al", "a", "до", "по", "إلى"};
    size_t j = skip_space_back(s, i);
    if (j > 0 &&
        (s->c[j - 1] == ',' || s->c[j - 1] == '-' || s->c[j - 1] == 0x2013 ||
         s->c[j - 1] == 0x060C || s->c[j - 1] == 0x0648 /* و, written onto the next word */))
        return skip_space_back(s, j - 1);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t b = align_scan_word_before(s, j, words[k]);
        if (b != j)
            return skip_space_back(s, b);
    }
    return i;
}

/* Day numbers written before a month ("5, 6 and 8 October", "1er mai"). */
static size_t days_before(struct align_scan *s, size_t i, long *days, size_t max, size_t *nd)
{
    size_t j = skip_space_back(s, i), start = i;
    size_t b = align_scan_word_before(s, j, "de"); /* "15 de diciembre" */
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

/* After a month name ending at e: a range word or dash, a second month
 * name and a year? Returns the index where the second month starts and
 * sets *year, else 0. */
static size_t month_range_year(const struct align_scan *s, size_t e, long *year)
{
    static const char *const words[] = {"to",    "through", "à",  "au",  "a",  "al",
                                        "hasta", "до",      "по", "إلى", "حتى"};
    size_t j = skip_space(s, e), l = 0;
    if (j < s->n && (s->c[j] == '-' || s->c[j] == 0x2013 || s->c[j] == 0x2014))
        l = 1;
    for (size_t k = 0; !l && k < sizeof words / sizeof words[0]; k++)
        l = align_scan_word_at(s, j, words[k], 0);
    if (!l)
        return 0;
    size_t m2 = skip_space(s, j + l), ml;
    if (!month_at(s, m2, &ml))
        return 0;
    size_t y = skip_space(s, m2 + ml), dl;
    if ((dl = align_scan_word_at(s, y, "de", 0)) || (dl = align_scan_word_at(s, y, "del", 0)))
        y = skip_space(s, y + dl);
    long v = 0;
    if (align_scan_digits_at(s, y, 5, &v) != 4 || v < 1000 || v > 2999)
        return 0;
    *year = v;
    return m2;
}

/* Numeric dates: "2021-10-12" (ISO) and "12/10/2021", "12.10.2021" (day
 * first, as the UN writes them). */
void align_scan_dates_numeric(struct align_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || digit(s->c[i]) < 0 || (i > 0 && digit(s->c[i - 1]) >= 0))
            continue;
        long a = 0, b = 0, c = 0;
        size_t la = align_scan_digits_at(s, i, 5, &a), j = i + la;
        if (!la || j >= s->n)
            continue;
        int32_t sep = s->c[j];
        if (sep != '-' && sep != '/' && sep != '.')
            continue;
        size_t lb = align_scan_digits_at(s, j + 1, 3, &b), k = j + 1 + lb;
        if (!lb || k >= s->n || s->c[k] != sep)
            continue;
        size_t lc = align_scan_digits_at(s, k + 1, 5, &c), end = k + 1 + lc;
        if (!lc || (end < s->n && (digit(s->c[end]) >= 0 || is_alpha(s->c[end]))))
            continue;
        long y, m, d;
        if (la == 4 && sep == '-' && lc <= 2)
            y = a, m = b, d = c;
        else if (la <= 2 && lc == 4 && sep != '-')
            d = a, m = b, y = c;
        else
            continue;
        if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
            continue;
        add_date(s, y, (int)m, d);
        mark(s, i, end);
        i = end;
    }
}

void align_scan_dates_words(struct align_scan *s)
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
        size_t l = align_scan_word_at(s, j, "de", 0);
        if (!l)
            l = align_scan_word_at(s, j, "del", 0);
        if (l)
            j = skip_space(s, j + l);
        long v = 0, year = 0;
        size_t end = e;
        size_t dl = align_scan_digits_at(s, j, 5, &v);
        if (!nd && (dl == 1 || dl == 2) && v >= 1 && v <= 31 &&
            !(j + dl < s->n && is_alpha(s->c[j + dl]))) {
            days[nd++] = v;
            end = j + dl;
            j = skip_space(s, end);
            if (j < s->n && s->c[j] == ',')
                j = skip_space(s, j + 1);
            dl = align_scan_digits_at(s, j, 5, &v);
        }
        if (dl == 4 && v >= 1000 && v <= 2999) {
            year = v;
            end = j + dl;
        }
        if (!nd && !year) {
            /* "from January to May 2021", "de janvier à mai 2021",
             * "January–May 2021": the first month takes the year of the
             * second. */
            size_t y0 = month_range_year(s, e, &year);
            if (!y0)
                continue;
            add_date(s, year, m, 0);
            mark(s, i, e);
            i = e;
            continue;
        }
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
static size_t num_unit(const struct align_scan *s, size_t i, int32_t unit, size_t max, long *v)
{
    size_t l = align_scan_digits_at(s, i, max + 1, v);
    if (!l || l > max)
        return 0;
    size_t j = skip_space(s, i + l);
    return j < s->n && s->c[j] == unit ? j + 1 - i : 0;
}

void align_scan_dates_zh(struct align_scan *s)
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
            /* "2021年1月至5月": the second month of a range */
            size_t p = skip_space(s, j);
            long m2;
            size_t lm2;
            if (p < s->n &&
                (s->c[p] == 0x81F3 || s->c[p] == 0x5230 || s->c[p] == '-' || s->c[p] == 0x2013 ||
                 s->c[p] == 0xFF5E || s->c[p] == '~') &&
                (lm2 = num_unit(s, skip_space(s, p + 1), 0x6708, 2, &m2)) && m2 >= 1 && m2 <= 12) {
                add_date(s, y, (int)m2, 0);
                j = skip_space(s, p + 1) + lm2;
            }
            mark(s, i, j);
            i = j;
            continue;
        }
        j = k + ld;
        add_date(s, y, (int)m, d);
        /* "10 月 5 日、6 日和 8 日", "17 日至 20 日", "…至 11 月 2 日". */
        for (;;) {
            size_t p = skip_space(s, j);
            if (p >= s->n || !(s->c[p] == 0x3001 || s->c[p] == 0x548C || s->c[p] == 0x53CA ||
                               s->c[p] == 0x81F3 || s->c[p] == 0x5230 || s->c[p] == '-' ||
                               s->c[p] == 0x2014 || s->c[p] == 0xFF5E || s->c[p] == '~' ||
                               s->c[p] == 0x2013 || s->c[p] == ',' || s->c[p] == 0xFF0C))
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
