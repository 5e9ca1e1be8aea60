/* UTF-8, buffers, character classes and language guesses; see text.h. */
#include "text.h"

#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

static void grow(struct hx_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1 && cap <= SIZE_MAX / 2)
        cap *= 2;
    if (cap < b->len + extra + 1) /* wrapped around */
        hx_oom();
    b->data = hx_xrealloc(b->data, cap);
    b->cap = cap;
}

void hx_buf_add(struct hx_buf *b, const char *s, size_t len)
{
    grow(b, len);
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = 0;
}

void hx_buf_adds(struct hx_buf *b, const char *s)
{
    hx_buf_add(b, s, strlen(s));
}

void hx_buf_addc(struct hx_buf *b, char c)
{
    hx_buf_add(b, &c, 1);
}

void hx_buf_addcp(struct hx_buf *b, int32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    hx_buf_add(b, u, n);
}

void hx_buf_vaddf(struct hx_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    char probe[1];
    if (!fmt) /* never; tells the compiler so under UBSan */
        fmt = "";
    va_copy(ap2, ap);
    int n = vsnprintf(probe, sizeof probe, fmt, ap2);
    va_end(ap2);
    grow(b, n > 0 ? (size_t)n : 0);
    if (n > 0) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    b->data[b->len] = 0;
}

void hx_buf_addf(struct hx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hx_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void hx_buf_reset(struct hx_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void hx_buf_free(struct hx_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int32_t hx_utf8_decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    unsigned c = p[0];
    int32_t cp, min;
    size_t n;
    if (c < 0x80) {
        *i += 1;
        return (int32_t)c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, cp = c & 0x07, min = 0x10000;
    } else {
        *i += 1;
        return -1;
    }
    if (left < n) {
        *i += 1;
        return -1;
    }
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *i += 1;
            return -1;
        }
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return -1;
    }
    *i += n;
    return cp;
}

int32_t hx_utf8_prev(const char *s, size_t *i)
{
    size_t start = *i, k = *i;
    int back = 0;
    while (k > 0 && back < 4) {
        k--;
        back++;
        if (((unsigned char)s[k] & 0xC0) != 0x80)
            break;
    }
    size_t j = k;
    int32_t cp = hx_utf8_next(s, start, &j);
    if (cp < 0 || j != start) {
        *i = start - 1;
        return -1;
    }
    *i = k;
    return cp;
}

int hx_utf8_check(const char *s, size_t len, size_t *bad)
{
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        if (hx_utf8_next(s, len, &i) < 0) {
            if (bad)
                *bad = at;
            return -1;
        }
    }
    return 0;
}

int hx_cp_width(int32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) /* printable ASCII: the common case */
        return 1;
    if (cp >= 0 && cp < 0x20) /* controls, NUL included */
        return 0;
    int8_t t = u_charType(cp);
    if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_CONTROL_CHAR ||
        t == U_FORMAT_CHAR)
        return 0;
    int w = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

size_t hx_str_width(const char *s, size_t len)
{
    size_t i = 0, w = 0;
    while (i < len) {
        int32_t cp = hx_utf8_next(s, len, &i);
        w += cp < 0 ? 1 : (size_t)hx_cp_width(cp);
    }
    return w;
}

int hx_cp_is_han(int32_t cp)
{
    /* No Han before the CJK radicals; the URO and extension A are all
     * assigned ideographs (Unicode 14 filled both): answered without ICU,
     * which the exhaustive test in tests/test_text.c holds to ICU's. */
    if (cp < 0x2E80)
        return 0;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
        return 1;
    UErrorCode err = U_ZERO_ERROR;
    return cp >= 0 && uscript_getScript(cp, &err) == USCRIPT_HAN && U_SUCCESS(err) && u_isalpha(cp);
}

int hx_cp_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    return cp >= 0 && (u_isUWhiteSpace(cp) || cp == 0xA0 || cp == 0x202F);
}

int hx_cp_superscript_digit(int32_t cp)
{
    switch (cp) {
    case 0xB9: return 1;
    case 0xB2: return 2;
    case 0xB3: return 3;
    case 0x2070: return 0;
    default: return cp >= 0x2074 && cp <= 0x2079 ? (int)(cp - 0x2070) : -1;
    }
}

int hx_cp_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9' ? cp - '0' : -1;
    return cp < 0 ? -1
           : u_charDigitValue(cp) >= 0 && u_charType(cp) == U_DECIMAL_DIGIT_NUMBER
               ? u_charDigitValue(cp)
               : -1;
}

/* The function words of the Latin-script languages
 * (pipeline/data/function_words.tsv: lang, word), compiled in. */
extern const char *const hx_function_words[][2];
extern const size_t hx_function_words_rows;

enum { MAX_LATIN = 8, MAX_WORDS = 128 };

/* The table indexed once a process: each word's length and language
 * number, so that a word of the text costs a comparison of lengths and
 * first letters per row rather than a strlen and strcmp of each. */
static struct latin_table {
    size_t nl, nw;
    const char *langs[MAX_LATIN];
    struct {
        const char *w;
        size_t len;
        size_t lang;
    } words[MAX_WORDS];
    /* Rows of each first letter a..z: by_first[c][0..n_first[c]). */
    unsigned char by_first[26][MAX_WORDS];
    size_t n_first[26];
} latin;

static const struct latin_table *latin_table(void)
{
    if (latin.nl)
        return &latin;
    for (size_t r = 0; r < hx_function_words_rows; r++) {
        size_t k = 0;
        while (k < latin.nl && strcmp(latin.langs[k], hx_function_words[r][0]) != 0)
            k++;
        if (k == latin.nl && latin.nl < MAX_LATIN)
            latin.langs[latin.nl++] = hx_function_words[r][0];
        const char *w = hx_function_words[r][1];
        if (k < latin.nl && latin.nw < MAX_WORDS && w[0] >= 'a' && w[0] <= 'z') {
            size_t c = (size_t)(w[0] - 'a');
            latin.by_first[c][latin.n_first[c]++] = (unsigned char)latin.nw;
            latin.words[latin.nw].w = w;
            latin.words[latin.nw].len = strlen(w);
            latin.words[latin.nw++].lang = k;
        }
    }
    return &latin;
}

/* w: n lower-case ASCII letters. */
static void count_latin_word(const struct latin_table *t, const char *w, size_t n, int *votes)
{
    size_t c = (size_t)(w[0] - 'a');
    for (size_t k = 0; k < t->n_first[c]; k++) {
        size_t r = t->by_first[c][k];
        if (t->words[r].len == n && memcmp(t->words[r].w, w, n) == 0)
            votes[t->words[r].lang]++;
    }
}

/* The script of a non-ASCII code point as the guess counts it; the URO
 * without asking ICU. */
static UScriptCode guess_script(int32_t cp)
{
    if (cp < 0)
        return USCRIPT_INVALID_CODE;
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return USCRIPT_HAN;
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript(cp, &err);
}

const char *hx_lang_guess(const char *s, size_t len)
{
    size_t han = 0, arabic = 0, cyr = 0, latin_n = 0, i = 0;
    const struct latin_table *t = latin_table();
    int votes[MAX_LATIN] = {0};
    char word[16];
    size_t wl = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* most of any Latin text: letters and the rest */
            unsigned char l = c | 0x20;
            i++;
            if (l >= 'a' && l <= 'z') {
                latin_n++;
                if (wl < sizeof word)
                    word[wl] = (char)l;
                wl++;
            } else {
                if (wl && wl <= sizeof word)
                    count_latin_word(t, word, wl, votes);
                wl = 0;
            }
            continue;
        }
        int32_t cp = hx_utf8_next(s, len, &i);
        UScriptCode sc = guess_script(cp);
        if (sc == USCRIPT_HAN)
            han++;
        else if (sc == USCRIPT_ARABIC)
            arabic++;
        else if (sc == USCRIPT_CYRILLIC)
            cyr++;
        else if (sc == USCRIPT_LATIN)
            latin_n++;
        /* Function words are ASCII: any other letter ends a word. */
        if (wl && wl <= sizeof word)
            count_latin_word(t, word, wl, votes);
        wl = 0;
    }
    if (wl && wl <= sizeof word)
        count_latin_word(t, word, wl, votes);
    size_t best = han;
    const char *lang = han ? "zh" : "und";
    if (arabic > best)
        best = arabic, lang = "ar";
    if (cyr > best)
        best = cyr, lang = "ru";
    if (latin_n > best) {
        size_t b = 0;
        for (size_t l = 1; l < t->nl; l++)
            if (votes[l] > votes[b])
                b = l;
        lang = t->nl && votes[b] ? t->langs[b] : "und";
    }
    return lang;
}

int hx_lang_is(const char *tag, const char *want)
{
    if (!tag || !want)
        return 0;
    size_t n = strlen(want);
    return strncasecmp(tag, want, n) == 0 && (tag[n] == 0 || tag[n] == '-' || tag[n] == '_');
}

int hx_lang_is_rtl(const char *tag)
{
    static const char *const rtl[] = {"ar", "arb", "fa", "he", "ur", "ps", "yi", "dv", "syr"};
    for (size_t k = 0; k < sizeof rtl / sizeof *rtl; k++)
        if (hx_lang_is(tag, rtl[k]))
            return 1;
    return 0;
}

char *hx_utf16_to_utf8(const char *s, size_t len, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    int be;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        be = 0;
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        be = 1;
    else
        return NULL;
    struct hx_buf b = {0};
    hx_buf_add(&b, "", 0);
    for (size_t i = 2; i + 1 < len; i += 2) {
        int32_t c = be ? (u[i] << 8 | u[i + 1]) : (u[i + 1] << 8 | u[i]);
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
            int32_t lo = be ? (u[i + 2] << 8 | u[i + 3]) : (u[i + 3] << 8 | u[i + 2]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        hx_buf_addcp(&b, c); /* a lone surrogate becomes U+FFFD */
    }
    if (len % 2)
        hx_buf_addcp(&b, 0xFFFD); /* a last odd byte */
    *outlen = b.len;
    return b.data;
}
