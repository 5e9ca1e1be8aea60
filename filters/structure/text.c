/* Phrase matching for the structure stage: ICU case folding, phrase
 * lists, formulas and article headings (the tables are loaded, and lead
 * words matched, in filters/structure/lexicon.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "structure.h"

/* Case-folded copy of s[0..len) in malloc'd memory, with U+2019 read as an
 * apostrophe; NULL when ICU refuses the text. */
char *structure_fold(const char *s, size_t len, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0, flen = 0, blen = 0;
    UChar *u = NULL, *f = NULL;
    char *b = NULL, *ret = NULL;
    if (len > 1u << 20)
        len = 1u << 20;
    /* a cut inside a character (callers fold prefixes) becomes U+FFFD */
    u_strFromUTF8WithSub(NULL, 0, &ulen, s, (int32_t)len, 0xFFFD, NULL, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto out;
    err = U_ZERO_ERROR;
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    f = malloc(((size_t)ulen * 3 + 1) * sizeof *f);
    if (!u || !f)
        goto out;
    u_strFromUTF8WithSub(u, ulen + 1, NULL, s, (int32_t)len, 0xFFFD, NULL, &err);
    if (U_FAILURE(err))
        goto out;
    flen = u_strFoldCase(f, ulen * 3 + 1, u, ulen, U_FOLD_CASE_DEFAULT, &err);
    if (U_FAILURE(err))
        goto out;
    for (int32_t i = 0; i < flen; i++)
        if (f[i] == 0x2019)
            f[i] = '\'';
    u_strToUTF8(NULL, 0, &blen, f, flen, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto out;
    err = U_ZERO_ERROR;
    b = malloc((size_t)blen + 1);
    if (!b)
        goto out;
    u_strToUTF8(b, blen + 1, NULL, f, flen, &err);
    if (U_FAILURE(err))
        goto out;
    b[blen] = '\0';
    *out_len = (size_t)blen;
    ret = b;
    b = NULL;
out:
    free(u);
    free(f);
    free(b);
    return ret;
}

int structure_ends_word(const char *s, size_t len, size_t n)
{
    size_t i = n, j = n;
    int32_t last, next;
    if (n == len)
        return 1;
    last = hx_utf8_prev(s, &j);
    if (hx_cp_is_han(last) || !u_isalnum(last))
        return 1;
    next = hx_utf8_next(s, len, &i);
    return next < 0 || !(u_isalnum(next) || u_hasBinaryProperty(next, UCHAR_DIACRITIC));
}

/* Does a phrase of length n match at the start of s (len bytes) and end at
 * a word boundary? Phrases ending in a Han character need no boundary. */
int structure_match_at(const char *s, size_t len, const char *ph, size_t n)
{
    if (n == 0 || n > len || memcmp(s, ph, n) != 0)
        return 0;
    return structure_ends_word(s, len, n);
}

/* Length of the longest phrase of list found at the start of s, else 0. */
size_t structure_phrase_prefix(const char *list, const char *s, size_t len)
{
    size_t best = 0;
    if (!list)
        return 0;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, '|');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > best && structure_match_at(s, len, p, n))
            best = n;
        p += n + (e != NULL);
    }
    return best;
}

/* Does s contain one of the phrases anywhere? */
int structure_phrase_within(const char *list, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (s[i] & 0xC0) == 0x80)
            continue;
        if (structure_phrase_prefix(list, s + i, len - i))
            return 1;
    }
    return 0;
}

/* Bytes of an ordinal ending after a number in folded s: French "1er",
 * "1re", Spanish "1º", "1.º", "1°"; 0 when there is none. */
static size_t ordinal_suffix(const char *s, size_t len)
{
    static const char *const ends[] = {"er",       "re",       ".\xC2\xBA",
                                       "\xC2\xBA", "\xC2\xB0", ".\xC2\xB0"};
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        size_t n = strlen(ends[k]);
        if (n <= len && memcmp(s, ends[k], n) == 0)
            return n;
    }
    return 0;
}

/* Article number of a heading "Article 12" / "Article premier" / "第十二条" /
 * "المادة 12", or 0. */
int structure_article_number(const struct structure_tables *p, const char *t, size_t len,
                             const char *f, size_t flen)
{
    size_t k, i;
    if (structure_phrase_prefix(p->article_first, f, flen) == flen && flen)
        return 1;
    if (len > 6 && memcmp(t, "\xE7\xAC\xAC", 3) == 0) { /* 第 */
        i = 3;
        int v = structure_zh_number(t, len, &i);
        if (v < 0) {
            i = 3;
            v = structure_digits(t, len, &i, 4);
        }
        if (v > 0 && i + 3 == len && memcmp(t + i, "\xE6\x9D\xA1", 3) == 0)
            return v; /* 条 */
        return 0;
    }
    if ((k = structure_phrase_prefix(p->article, f, flen)) > 0) {
        i = structure_skip_spaces(f, flen, k);
        int v = structure_digits(f, flen, &i, 4);
        if (v > 0)
            i += ordinal_suffix(f + i, flen - i);
        if (v > 0 && structure_skip_spaces(f, flen, i) == flen)
            return v;
    }
    return 0;
}

/* 1 for "Draft resolution [II]", 2 for "Draft decision [II]", else 0:
 * the phrase and at most a short numeral ("II", "الثاني", "二"). */
int structure_draft_heading(const struct structure_tables *p, const char *f, size_t flen)
{
    size_t r = structure_phrase_prefix(p->draft_res, f, flen);
    size_t d = structure_phrase_prefix(p->draft_dec, f, flen);
    size_t k = r > d ? r : d;
    if (!k || structure_skip_spaces(f, flen, k) + 14 < flen || memchr(f, '/', flen))
        return 0;
    return r > d ? 1 : 2;
}

/* Is the folded text one of the formulas ("The General Assembly,")? */
int structure_is_formula(const struct structure_tables *p, const char *f, size_t flen)
{
    size_t k = structure_phrase_prefix(p->formula_pre, f, flen), m, i;
    m = structure_phrase_prefix(p->formulas, f + k, flen - k);
    if (!m)
        return 0;
    i = k + m;
    while (i < flen) {
        size_t j = i;
        int32_t c = hx_utf8_next(f, flen, &j);
        if (!(hx_cp_is_space(c) || c == ',' || c == 0xFF0C || c == 0x060C || c == ':' ||
              c == 0xFF1A))
            return 0;
        i = j;
    }
    return 1;
}

int structure_is_organ_formula(const struct structure_tables *p, const char *f, size_t flen)
{
    size_t i = flen, k;
    int32_t last = -1;
    if (flen < 4 || flen > 160)
        return 0;
    while (i > 0 && hx_cp_is_space(last = hx_utf8_prev(f, &i)))
        ;
    if (last != ',' && last != 0xFF0C && last != 0x060C)
        return 0;
    if (structure_phrase_prefix(p->organ_heads, f, flen))
        return 1;
    /* "…委员会，": the organ's noun just before the comma */
    for (const char *q = p->organ_ends_zh; *q;) {
        const char *e = strchr(q, '|');
        k = e ? (size_t)(e - q) : strlen(q);
        if (k <= i && memcmp(f + i - k, q, k) == 0)
            return 1;
        q += k + (e != NULL);
    }
    return 0;
}

/* Skips a transition ("Now, therefore,") and a formula at the start of an
 * instrument's closing paragraph, returning the offset of what follows. */
size_t structure_skip_intro(const struct structure_tables *p, const char *f, size_t flen)
{
    size_t i = 0, k;
    for (int round = 0; round < 2; round++) {
        k = structure_phrase_prefix(p->transitions, f + i, flen - i);
        if (!k) {
            size_t a = structure_phrase_prefix(p->formula_pre, f + i, flen - i);
            k = structure_phrase_prefix(p->formulas, f + i + a, flen - i - a);
            if (k)
                k += a;
        }
        if (!k)
            break;
        i += k;
        while (i < flen) {
            size_t j = i;
            int32_t c = hx_utf8_next(f, flen, &j);
            if (!(hx_cp_is_space(c) || c == ',' || c == 0xFF0C || c == 0x060C))
                break;
            i = j;
        }
    }
    return i;
}
