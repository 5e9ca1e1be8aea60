/* Token extraction and comparison of the align stage across the six
 * languages: numbers, percentages, symbols, dates, URLs. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "filters/align/tokens.h"

static struct hx_arena *arena;

/* The tokens of s as "kind:val" joined by spaces (kinds n p s r d u, an
 * upper-case kind for a hard number, ~ for one written in words). */
static const char *toks(const char *s)
{
    static const char kinds[] = "npsrdu";
    struct align_toks t = {0};
    align_toks_extract(arena, s, strlen(s), &t);
    struct hx_buf b = {0};
    for (size_t i = 0; i < t.n; i++) {
        if (i)
            hx_buf_addc(&b, ' ');
        char k = kinds[t.v[i].kind];
        if (t.v[i].hard && t.v[i].kind <= ALIGN_TOK_PCT)
            k = (char)(k - 32);
        hx_buf_addc(&b, k);
        if (t.v[i].worded)
            hx_buf_addc(&b, '~');
        hx_buf_addc(&b, ':');
        hx_buf_adds(&b, t.v[i].val);
    }
    const char *r = hx_strdup(arena, b.data ? b.data : "");
    hx_buf_free(&b);
    align_toks_free(&t);
    return r;
}

/* Do the texts disagree in group g? */
static int differ(const char *x, const char *y, unsigned g)
{
    struct align_toks a = {0}, b = {0};
    align_toks_extract(arena, x, strlen(x), &a);
    align_toks_extract(arena, y, strlen(y), &b);
    struct hx_buf ea = {0}, eb = {0};
    int d = align_toks_differ(&a, &b, g, &ea, &eb);
    hx_buf_free(&ea);
    hx_buf_free(&eb);
    align_toks_free(&a);
    align_toks_free(&b);
    return d;
}

int main(void)
{
    arena = hx_arena_new();
    /* numbers */
    CHECK_STR(toks("in 2,500 cases and 3 others"), "N:2500 n:3");
    CHECK_STR(toks("1 000 000 et 0,5"), "N:1000000 N:0.5");
    CHECK_STR(toks("1.500,25 personas"), "N:1500.25");
    CHECK_STR(toks("٣٥ دولة"), "N:35");
    CHECK_STR(toks("第七十六届会议"), "n~:76");
    CHECK_STR(toks("第二十四届"), "n~:24");
    CHECK_STR(toks("第五次"), "n~:5");
    CHECK_STR(toks("一些国家统一"), "");
    CHECK_STR(toks("seventy-sixth session"), "n~:76");
    CHECK_STR(toks("G77 and COVID-19"), "N:19");
    /* numbers in words: French, Spanish, Russian, Arabic */
    CHECK_STR(toks("soixante-seizième session"), "n~:76");
    CHECK_STR(toks("soixante-dix-septième session"), "n~:77");
    CHECK_STR(toks("quatre-vingt-dix-neuf"), "n~:99");
    CHECK_STR(toks("vingt et un États"), "n~:21");
    CHECK_STR(toks("septuagésimo sexto período"), "n~:76");
    CHECK_STR(toks("семьдесят шестой сессии"), "n~:76");
    CHECK_STR(toks("семьдесят шестая сессия"), "n~:76");
    CHECK_STR(toks("الدورة السادسة والسبعين"), "n~:76");
    CHECK_STR(toks("un deux trois"), "");
    CHECK_STR(toks("la quinta sesión"), "");
    /* roman numerals: canonical ones only, never a word in capitals */
    CHECK_STR(toks("chapter XIV and Habitat III"), "n~:14 n~:3");
    CHECK_STR(toks("I think IIII VX"), "");
    CHECK_STR(toks("THE MIX DID"), "");
    /* month ranges and numeric dates */
    CHECK_STR(toks("2021年1月至5月"), "d:2021-01 d:2021-05");
    CHECK_STR(toks("from January to May 2021"), "d:2021-01 d:2021-05");
    CHECK_STR(toks("de janvier à mai 2021"), "d:2021-01 d:2021-05");
    CHECK_STR(toks("de enero a mayo de 2021"), "d:2021-01 d:2021-05");
    CHECK_STR(toks("on 12/10/2021 and 2021-10-13"), "d:2021-10-12 d:2021-10-13");
    CHECK_STR(toks("resolution 12/10 of 2021"), "r:12/10 N:2021");
    CHECK_STR(toks("marker¹ here"), "");
    /* percentages */
    CHECK_STR(toks("87 per cent"), "P:87");
    CHECK_STR(toks("87%"), "P:87");
    CHECK_STR(toks("87 %"), "P:87");
    CHECK_STR(toks("百分之八十七"), "P~:87");
    CHECK_STR(toks("87 pour cent"), "P:87");
    CHECK_STR(toks("87 por ciento"), "P:87");
    CHECK_STR(toks("87 процентов"), "P:87");
    CHECK_STR(toks("87 في المائة"), "P:87");
    CHECK(!differ("87 per cent", "百分之八十七", ALIGN_G_NUMBERS));
    CHECK(!differ("87 %", "87%", ALIGN_G_NUMBERS));
    CHECK(differ("87 per cent", "78 per cent", ALIGN_G_NUMBERS));
    CHECK(differ("87 per cent", "87 cases", ALIGN_G_NUMBERS));
    CHECK(!differ("seventy-sixth session", "第七十六届会议", ALIGN_G_NUMBERS));
    CHECK(differ("seventy-sixth session", "第七十七届会议", ALIGN_G_NUMBERS));
    CHECK(!differ("soixante-seizième session", "第七十六届会议", ALIGN_G_NUMBERS));
    CHECK(!differ("76th session", "第七十六届会议", ALIGN_G_NUMBERS));
    CHECK(differ("2,500 cases", "2,600 cas", ALIGN_G_NUMBERS));
    CHECK(differ("17 goals", "all goals", ALIGN_G_NUMBERS));
    CHECK(!differ("three goals", "3 objectifs", ALIGN_G_NUMBERS));
    CHECK(!differ("第五次会议和第二次会议", "1 فقرة", ALIGN_G_NUMBERS));
    /* symbols */
    CHECK_STR(toks("(A/75/62-E/2020/11)"), "s:A/75/62 s:E/2020/11");
    CHECK_STR(toks("See A/C.2/76/SR.2–5."),
              "s:A/C.2/76/SR.2 s:A/C.2/76/SR.3 s:A/C.2/76/SR.4 s:A/C.2/76/SR.5");
    CHECK(!differ("See A/C.2/76/SR.2–5.",
                  "见 A/C.2/76/SR.2、A/C.2/76/SR.3、A/C.2/76/SR.4 和 A/C.2/76/SR.5。",
                  ALIGN_G_SYMBOLS));
    CHECK(!differ("A/C.2/76/SR.2, SR.3 and SR.5", "A/C.2/76/SR.2、A/C.2/76/SR.3 和 A/C.2/76/SR.5",
                  ALIGN_G_SYMBOLS));
    CHECK(differ("A/C.2/76/SR.2–5", "A/C.2/76/SR.2、A/C.2/76/SR.3 和 A/C.2/76/SR.5",
                 ALIGN_G_SYMBOLS));
    CHECK_STR(toks("A/67/65-E/2012/48 and Corr.1"),
              "s:A/67/65 s:E/2012/48 s:A/67/65/Corr.1 s:E/2012/48/Corr.1");
    CHECK(!differ("A/67/65 and Corr.1", "A/67/65 和 A/67/65/Corr.1", ALIGN_G_SYMBOLS));
    CHECK(!differ("A/67/65-E/2012/48 and Corr.1",
                  "A/67/65-E/2012/48 和 A/67/65/Corr.1-E/2012/48/Corr.1", ALIGN_G_SYMBOLS));
    CHECK(differ("A/C.2/76/L.56", "A/C.2/76/L.55", ALIGN_G_SYMBOLS));
    CHECK(!differ("Voir A/C.2/76/SR.2 à 5.", "See A/C.2/76/SR.2–5.", ALIGN_G_SYMBOLS));
    CHECK(!differ("Véase A/C.2/76/SR.2 a SR.5.", "見 A/C.2/76/SR.2 至 SR.5。", ALIGN_G_SYMBOLS));
    CHECK(!differ("A/C.2/76/SR.2, 3 and 5", "A/C.2/76/SR.2, SR.3 y SR.5", ALIGN_G_SYMBOLS));
    CHECK(differ("A/C.2/76/SR.2 to 5", "A/C.2/76/SR.2 and 5", ALIGN_G_SYMBOLS));
    CHECK_STR(toks("A/76/5 and 6 others"), "s:A/76/5 n:6");
    CHECK(!differ("resolution A/RES/70/1", "第 70/1 号决议", ALIGN_G_SYMBOLS));
    CHECK_STR(toks("resolution 75/202 of 21 December 2020"), "r:75/202 d:2020-12-21");
    CHECK_STR(toks("第 56/183、57/238 和 74/197 号决议"), "r:56/183 r:57/238 r:74/197");
    CHECK_STR(toks("ICT/telecom"), "");
    /* dates */
    CHECK_STR(toks("2021 年 9 月 17 日第 2 次"), "d:2021-09-17 n:2");
    CHECK_STR(toks("2021年12月10日至12日"), "d:2021-12-10 d:2021-12-12");
    CHECK_STR(toks("10 月 5 日、6 日和 8 日"), "d:0000-10-05 d:0000-10-06 d:0000-10-08");
    CHECK(!differ("on 5, 6 and 8 October", "在 10 月 5 日、6 日和 8 日", ALIGN_G_DATES));
    CHECK(!differ("from 17 to 20 October 2016", "2016 年 10 月 17 日至 20 日", ALIGN_G_DATES));
    CHECK(!differ("le 1er mai 2021", "2021 年 5 月 1 日", ALIGN_G_DATES));
    CHECK(!differ("el 15 de diciembre de 2021", "15 декабря 2021 года", ALIGN_G_DATES));
    CHECK(!differ("15 كانون الأول/ديسمبر 2021", "15 December 2021", ALIGN_G_DATES));
    CHECK(!differ("May 2021", "2021 年 5 月", ALIGN_G_DATES));
    CHECK(!differ("du 17 au 20 octobre 2016", "from 17 to 20 October 2016", ALIGN_G_DATES));
    CHECK_STR(toks("sa résolution 70/1 du 25 septembre 2015"), "r:70/1 d:2015-09-25");
    CHECK(!differ("del 17 al 20 de octubre de 2016", "17–20 октября 2016 года", ALIGN_G_DATES));
    CHECK(!differ("من 17 إلى 20 تشرين الأول/أكتوبر 2016", "2016 年 10 月 17 日至 20 日",
                  ALIGN_G_DATES));
    CHECK(!differ("в мае 2021 года", "en mayo de 2021", ALIGN_G_DATES));
    CHECK(!differ("на своем 2-м заседании 17 сентября 2021 года",
                  "at its 2nd meeting, on 17 September 2021", ALIGN_G_NUMBERS));
    CHECK(!differ("на своем 2-м заседании 17 сентября 2021 года",
                  "at its 2nd meeting, on 17 September 2021", ALIGN_G_DATES));
    CHECK_STR(toks("на своем 2-м заседании 17 сентября 2021 года"), "d:2021-09-17 n:2");
    CHECK(!differ("55 % des hommes", "55 процентов мужчин", ALIGN_G_NUMBERS));
    CHECK(!differ("soit 2 500 écoles", "2,500 schools", ALIGN_G_NUMBERS));
    CHECK(!differ("1,5 million", "1.5 million", ALIGN_G_NUMBERS));
    CHECK(!differ("December 15, 2021", "15 December 2021", ALIGN_G_DATES));
    CHECK(differ("15 December 2021", "16 December 2021", ALIGN_G_DATES));
    CHECK_STR(toks("you may go in 2021"), "N:2021");
    CHECK_STR(toks("en 2021"), "N:2021");
    /* URLs */
    CHECK(!differ("<https://www.un.org/en/ga/second/76/x.pdf>。",
                  "at http://un.org/fr/ga/second/76/x.pdf.", ALIGN_G_URLS));
    CHECK(differ("https://un.org/a", "https://un.org/b", ALIGN_G_URLS));
    CHECK_STR(toks("https://x.org/76/5"), "u:x.org/76/5");
    hx_arena_free(arena);
    return check_done();
}
