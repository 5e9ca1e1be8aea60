/* Numbers in words in French, Spanish, Russian and Arabic, for the align
 * stage's tokens: the parts in data/number_words.tsv (compiled in), added up
 * as a number is said ("soixante-seize" 60 + 16, "septuagésimo sexto"
 * 70 + 6, "семьдесят шестой" 70 + 6, "السادسة والسبعين" 6 + 70). Only
 * 11 to 99 are tokens: one of ten or less written in words is never
 * evidence (tokens.h), and larger ones are written in figures. Worded,
 * so soft evidence. English has its own scanner (tokens_num.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokens_scan.h"

/* filters/align/data/number_words.tsv: lang, word, value, stem */
extern const char *const hx_align_number_words[][4];
extern const size_t hx_align_number_words_rows;

/* Per row of the table, read once: the word's length in bytes, its first
 * code point and its value (the table is constant; a document's words
 * are checked against the first code point before anything else). */
static size_t row_len[256];
static int32_t row_first[256];
static int row_value[256];
static size_t rows;

static void load_rows(void)
{
    if (rows)
        return;
    size_t n = hx_align_number_words_rows < 256 ? hx_align_number_words_rows : 256;
    for (size_t r = 0; r < n; r++) {
        const char *w = hx_align_number_words[r][1];
        size_t k = 0;
        row_len[r] = strlen(w);
        row_first[r] = hx_utf8_next(w, row_len[r], &k);
        row_value[r] = atoi(hx_align_number_words[r][2]);
    }
    rows = n;
}

/* The longest table word at i (a stem takes any ending): its value, its
 * length in code points in *len; 0 when none. */
static int word_value(const struct align_scan *s, size_t i, size_t *len)
{
    int best = 0;
    size_t best_wl = 0;
    *len = 0;
    load_rows();
    for (size_t r = 0; r < rows; r++) {
        if (row_first[r] != s->lc[i] || row_len[r] <= best_wl)
            continue;
        size_t l = align_scan_word_at(s, i, hx_align_number_words[r][1],
                                      hx_align_number_words[r][3][0] == '1');
        if (l) {
            best = row_value[r];
            best_wl = row_len[r];
            *len = l;
        }
    }
    return best;
}

/* After a number word ending at j: a joiner ("-", a space, "et", "y")
 * and the start of the next word, or 0. */
static size_t joined(const struct align_scan *s, size_t j)
{
    static const char *const words[] = {"et", "y"};
    if (j < s->n && s->c[j] == '-')
        return j + 1;
    size_t k = skip_space(s, j);
    if (k == j || k >= s->n)
        return 0;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t l = align_scan_word_at(s, k, words[w], 0);
        if (l)
            return skip_space(s, k + l);
    }
    return k;
}

void align_scan_number_words(struct align_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i] || !is_alpha(s->c[i]) || (i > 0 && is_alpha(s->c[i - 1])))
            continue;
        size_t len;
        int v = word_value(s, i, &len);
        if (!v)
            continue;
        size_t end = i + len;
        int total = v, last = v, parts = 1;
        for (;;) {
            size_t k = joined(s, end), l2;
            int v2 = k ? word_value(s, k, &l2) : 0;
            /* tens then smaller parts; in Arabic a unit then its tens */
            int add = v2 && (v2 < last || (parts == 1 && last < 10 && v2 >= 20 && v2 % 10 == 0));
            if (!add || total + v2 > 99)
                break;
            total += v2;
            last = v2;
            parts++;
            end = k + l2;
        }
        if (total >= 11 && total <= 99) {
            char buf[8];
            snprintf(buf, sizeof buf, "%d", total);
            align_scan_add(s, ALIGN_TOK_NUM, buf, 0, 1);
            mark(s, i, end);
        }
        i = end - 1;
    }
}
