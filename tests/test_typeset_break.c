/* The typesetting layer's line-breaking boundary (typeset/break.h): ICU
 * opportunities with and without the UN rules, and greedy and total-fit
 * filling behind a width callback, before any font exists. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hx.h"
#include "typeset/break.h"

/* One unit per byte: plain ASCII columns. */
static double bytes(void *ctx, size_t a, size_t z)
{
    (void)ctx;
    return (double)(z - a);
}

/* East Asian columns, as the txt writer measures. */
static double columns(void *ctx, size_t a, size_t z)
{
    return (double)hx_str_width((const char *)ctx + a, z - a);
}

/* A proportional "font": i and l are narrow, m and w wide. */
static double advances(void *ctx, size_t a, size_t z)
{
    const char *s = ctx;
    double w = 0;
    for (size_t i = a; i < z; i++)
        w += strchr("il.", s[i]) ? 0.3 : strchr("mw", s[i]) ? 1.5 : s[i] == ' ' ? 0.5 : 1;
    return w;
}

static int calls;
static double counting(void *ctx, size_t a, size_t z)
{
    calls++;
    return bytes(ctx, a, z);
}

/* The lines of s filled greedily, joined by '|'. */
static char *fill(const char *lang, unsigned rules, const char *s, double first, double rest,
                  hx_ts_width_fn w, int optimal)
{
    static char out[4096];
    const char *err = NULL;
    struct hx_ts_breaker *b = hx_ts_breaker_open(lang, rules, &err);
    size_t *pos, len = strlen(s), npos = hx_ts_breaks(b, s, len, &pos, &err), n;
    struct hx_ts_line *l;
    n = optimal ? hx_ts_fill_optimal(s, len, pos, npos, first, rest, 1, w, (void *)s, &l)
                : hx_ts_fill_greedy(s, len, pos, npos, first, rest, w, (void *)s, &l);
    out[0] = 0;
    for (size_t k = 0; k < n; k++) {
        if (k)
            strcat(out, "|");
        strncat(out, s + l[k].start, l[k].end - l[k].start);
        if (k + 1 < n)
            CHECK(l[k].next == l[k + 1].start);
    }
    free(l);
    free(pos);
    hx_ts_breaker_close(b);
    return out;
}

/* Does any line start with a character Chinese forbids at a line start,
 * or end with one forbidden at a line end? */
static int kinsoku_bad(const char *lines)
{
    static const char *no_start[] = {"，", "。", "、", "；", "：", "？",
                                     "！", "）", "》", "」", "』", "”"};
    static const char *no_end[] = {"（", "《", "「", "『", "“"};
    const char *p = lines;
    while (p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        for (size_t k = 0; k < sizeof no_start / sizeof *no_start; k++)
            if (!strncmp(p, no_start[k], strlen(no_start[k])))
                return 1;
        for (size_t k = 0; k < sizeof no_end / sizeof *no_end; k++) {
            size_t m = strlen(no_end[k]);
            if (n >= m && !strncmp(p + n - m, no_end[k], m))
                return 1;
        }
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

int main(void)
{
    const char *err = NULL;
    struct hx_ts_breaker *b = hx_ts_breaker_open("en", 0, &err);
    size_t *pos;
    CHECK(b != NULL);
    size_t n = hx_ts_breaks(b, "one two  three", 14, &pos, &err);
    CHECK_INT(n, 3);
    CHECK_INT(pos[0], 4);
    CHECK_INT(pos[1], 9);
    CHECK_INT(pos[2], 14);
    free(pos);
    n = hx_ts_breaks(b, "", 0, &pos, &err);
    CHECK_INT(n, 1);
    CHECK_INT(pos[0], 0);
    free(pos);
    hx_ts_breaker_close(b);

    /* Greedy filling, first line narrower (a label took room), trailing
     * spaces at a break dropped, the last line kept as it is. */
    CHECK_STR(fill("en", 0, "aaa bbb ccc ddd eee", 6, 11, bytes, 0), "aaa|bbb ccc ddd|eee");
    CHECK_STR(fill("en", 0, "aaa bbb ccc ", 100, 100, bytes, 0), "aaa bbb ccc ");
    /* A word wider than the line gets a line of its own, never split. */
    CHECK_STR(fill("en", 0, "a verylongword b", 5, 5, bytes, 0), "a|verylongword|b");
    /* The callback decides: narrow letters fit more on a line. */
    CHECK_STR(fill("en", 0, "ill ill ill mmm mmm", 4, 4, advances, 0), "ill ill ill|mmm|mmm");
    /* Han characters are two columns: 4 per 8-column line. */
    const char *zh = "大会回顾其第七十号决议";
    CHECK_STR(fill("zh", 0, zh, 8, 8, columns, 0), "大会回顾|其第七十|号决议");

    /* Chinese prohibition rules: a comma or a closing bracket never starts
     * a line, an opening bracket never ends one, at any width. */
    const char *zh2 = "大会，回顾其第70/1号决议（题为“变革我们的世界：2030年可持续发展议程”），"
                      "并注意到秘书长的报告。「注释」和《联合国宪章》、第十七条。";
    for (int w = 4; w <= 40; w += 2)
        CHECK(!kinsoku_bad(fill("zh", HX_TS_UN_RULES, zh2, w, w, columns, 0)));
    /* The middle dot of transliterated names does not start a line. */
    const char *dot = "安东尼奥·古特雷斯";
    for (int w = 2; w <= 16; w += 2)
        CHECK(strstr(fill("zh", HX_TS_UN_RULES, dot, w, w, columns, 0), "|·") == NULL);

    /* Document symbols: ICU breaks after "/", the UN rules keep them whole;
     * a trailing full stop is not part of the symbol. */
    const char *sym = "see document A/C.2/76/L.56.";
    CHECK(strstr(fill("en", 0, sym, 16, 16, bytes, 0), "A/|") != NULL);
    CHECK_STR(fill("en", HX_TS_UN_RULES, sym, 16, 16, bytes, 0), "see document|A/C.2/76/L.56.");
    /* URLs: only after a slash. */
    CHECK_STR(
        fill("en", HX_TS_UN_RULES, "at https://undocs.org/en/A/RES/70/1 now", 30, 30, bytes, 0),
        "at https://undocs.org/en/A/|RES/70/1 now");

    /* Total fit: greedy fills line 1 and leaves line 2 loose (6 units of
     * slack over 2 spaces); the optimal breaker evens them out (4 over 3
     * spaces, 3 over 3). */
    const char *kp = "abc ab abcde ab ab abcd abc abcd abcdef";
    CHECK_STR(fill("en", 0, kp, 19, 19, bytes, 0), "abc ab abcde ab ab|abcd abc abcd|abcdef");
    CHECK_STR(fill("en", 0, kp, 19, 19, bytes, 1), "abc ab abcde ab|ab abcd abc abcd|abcdef");
    /* It never makes a line overfull when a fitting choice exists. */
    const char *kp2 = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
    char *o = fill("en", 0, kp2, 9, 9, bytes, 1);
    for (char *p = o, *bar; p; p = bar ? bar + 1 : NULL) {
        bar = strchr(p, '|');
        CHECK((bar ? (size_t)(bar - p) : strlen(p)) <= 9);
    }
    /* ... and measures through the callback only. */
    calls = 0;
    fill("en", 0, kp2, 9, 9, counting, 1);
    CHECK(calls > 0);
    return check_done();
}
