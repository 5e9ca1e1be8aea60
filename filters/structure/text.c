/* Phrase matching for the structure stage: ICU case folding, phrase
 * lists, formulas and article headings (the tables are loaded, and lead
 * words matched, in filters/structure/lexicon.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "structure.h"

/* Nodes hx_iter does not walk into. */
static int is_leaf(enum hx_type t)
{
    return t == HX_TEXT || t == HX_BREAK || t == HX_NOTEREF || t == HX_IMAGE;
}

/* The bytes of the text under n's children (notes left out, as
 * hx_node_text leaves them), copied to o + at when o is not NULL; *one
 * (when one is not NULL) is the last text node met, *many set when there
 * were two. A recursive walk: a block is a few levels deep, and hx_iter's
 * calls cost more than the copying. */
static size_t text_walk(const struct hx_node *n, char *o, size_t at, const struct hx_node **one,
                        int *many)
{
    size_t total = at;
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c->type == HX_NOTE)
            continue;
        if (c->type == HX_TEXT && c->len) {
            if (o)
                memcpy(o + total, c->text, c->len);
            total += c->len;
            if (one) {
                *many |= *one != NULL;
                *one = c;
            }
        }
        if (c->first && !is_leaf(c->type))
            total = text_walk(c, o, total, one, many);
    }
    return total;
}

/* What hx_node_text gives: the text of the one text node in n as it is
 * (texts are NUL-terminated and the stage writes into none), else the
 * texts counted and copied straight into the arena. The stage reads every
 * block's text, most of them a single run. */
const char *structure_text(struct hx_doc *doc, const struct hx_node *n, size_t *len)
{
    const struct hx_node *one = NULL;
    int many = 0;
    size_t total;
    char *t;
    if (is_leaf(n->type)) {
        total = n->type == HX_TEXT ? n->len : 0;
        one = total ? n : NULL;
    } else {
        total = text_walk(n, NULL, 0, &one, &many);
    }
    if (len)
        *len = total;
    if (one && !many)
        return one->text;
    t = hx_alloc(doc->arena, total + 1);
    if (!is_leaf(n->type))
        text_walk(n, t, 0, NULL, NULL);
    t[total] = '\0';
    return t;
}

/* ICU's folding of s[0..len) (the slow path, and the rest of a text after
 * a byte that is not UTF-8, which it reads as U+FFFD) into malloc'd
 * memory; NULL when ICU refuses the text. */
static char *fold_icu(const char *s, size_t len, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0, flen = 0, blen = 0;
    UChar *u = NULL, *f = NULL;
    char *b = NULL, *ret = NULL;
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

/* Appends code point c as UTF-8 at o (room for 4 bytes). */
static size_t put_utf8(char *o, int32_t c)
{
    unsigned char *p = (unsigned char *)o;
    if (c < 0x80) {
        p[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        p[0] = (unsigned char)(0xC0 | (c >> 6));
        p[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        p[0] = (unsigned char)(0xE0 | (c >> 12));
        p[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        p[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    p[0] = (unsigned char)(0xF0 | (c >> 18));
    p[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    p[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    p[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Folds one character c that case folding changes, as u_strFoldCase
 * would in a string (default folding maps each character alone, without
 * context), appending UTF-8 at o (room for 12 bytes: a character folds to
 * at most three); 0 when ICU refuses it. */
static size_t fold_one(char *o, int32_t c)
{
    UChar u[2], f[8];
    int32_t n = 0, flen, i = 0;
    UErrorCode err = U_ZERO_ERROR;
    size_t k = 0;
    U16_APPEND_UNSAFE(u, n, c);
    flen = u_strFoldCase(f, 8, u, n, U_FOLD_CASE_DEFAULT, &err);
    if (U_FAILURE(err) || flen > 8)
        return 0;
    while (i < flen) {
        UChar32 d;
        U16_NEXT(f, i, flen, d);
        k += put_utf8(o + k, d == 0x2019 ? '\'' : d);
    }
    return k;
}

/* Does case folding leave c alone? CJK symbols, kana and ideographs have
 * no case, nor has most punctuation; elsewhere ICU's
 * Changes_When_Casefolded answers, except that it looks at the
 * decomposition: "ǰ" and a few accented Greek letters fold to their
 * decomposed forms although their letters keep their case
 * (tests/test_structure_fold.c compares every code point with ICU). */
static int fold_keeps(int32_t c)
{
    if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0x2000 && c <= 0x20FF) || (c >= 0x600 && c <= 0x6FF))
        return 1; /* CJK, punctuation, Arabic */
    if ((c >= 0x80 && c <= 0xBF && c != 0xB5) || (c >= 0xE0 && c <= 0xFF) ||
        (c >= 0x430 && c <= 0x45F) || (c >= 0xFF00 && c <= 0xFFEF && !(c >= 0xFF21 && c <= 0xFF3A)))
        return 1; /* small letters, punctuation but "µ", full width but "Ａ".."Ｚ" */
    if (c == 0x1F0 || c == 0x390 || c == 0x3B0 || (c >= 0x1E96 && c <= 0x1E99) ||
        (c >= 0x1F50 && c <= 0x1FFF))
        return 0;
    return !u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED);
}

/* Case-folded copy of s[0..len) in malloc'd memory, with U+2019 read as an
 * apostrophe; NULL when ICU refuses the text. The structure stage folds
 * the opening of every block, so the common characters are done here:
 * ASCII is lowered in place, and a character ICU says case folding leaves
 * alone (Han, punctuation, lower-case letters) is copied; only the others
 * (capitals beyond ASCII, "ß") are folded by ICU one at a time. From a
 * byte that is not UTF-8 on (a prefix cut inside a character), ICU folds
 * the rest, so the bytes are exactly what folding the whole text gives. */
char *structure_fold(const char *s, size_t len, size_t *out_len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t cap, o = 0, i = 0;
    char *b;
    if (len > 1u << 20)
        len = 1u << 20;
    /* room for the text as it is: only a character ICU folds can grow it */
    cap = len + 16;
    if (!(b = malloc(cap + 1)))
        return NULL;
    while (i < len) {
        unsigned char c = u[i];
        if (c < 0x80 && i + 8 <= len) { /* eight ASCII bytes at a time, capitals lowered */
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080u)) {
                /* a byte's bit 7 set where it is 'A' or more and not above 'Z' */
                uint64_t up = (w + 0x3F3F3F3F3F3F3F3Fu) & ~(w + 0x2525252525252525u);
                w |= (up & 0x8080808080808080u) >> 2;
                memcpy(b + o, &w, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
        if (c < 0x80) {
            b[o++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i++;
            continue;
        }
        if (c >= 0xE3 && c <= 0xE9) { /* U+3000..U+9FFF: CJK, no case; a run at once */
            size_t r = i;
            while (r + 2 < len && u[r] >= 0xE3 && u[r] <= 0xE9 && (u[r + 1] & 0xC0) == 0x80 &&
                   (u[r + 2] & 0xC0) == 0x80)
                r += 3;
            if (r > i) {
                memcpy(b + o, s + i, r - i);
                o += r - i;
                i = r;
                continue;
            }
        }
        size_t j = i;
        int32_t cp;
        if (c >= 0xE0 && c <= 0xEF && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            /* three bytes (Han, CJK punctuation), decoded here: the common case */
            cp = (int32_t)((c & 0x0F) << 12 | (u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F));
            j += 3;
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = -1;
        } else if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            cp = (int32_t)((c & 0x1F) << 6 | (u[i + 1] & 0x3F)); /* Latin, Cyrillic, Arabic */
            j += 2;
        } else {
            cp = hx_utf8_next(s, len, &j);
        }
        if (cp < 0) { /* ICU's U+FFFD for what is not UTF-8, to the end */
            size_t rlen;
            char *rest = fold_icu(s + i, len - i, &rlen), *nb;
            if (!rest || !(nb = realloc(b, o + rlen + 1))) {
                free(rest);
                goto fail;
            }
            b = nb;
            memcpy(b + o, rest, rlen);
            o += rlen;
            free(rest);
            break;
        }
        if (cp == 0x2019) {
            b[o++] = '\'';
        } else if (fold_keeps(cp)) {
            /* a constant length, so the compiler copies without a call */
            if (j - i == 3)
                memcpy(b + o, s + i, 3);
            else if (j - i == 2)
                memcpy(b + o, s + i, 2);
            else
                memcpy(b + o, s + i, 4);
            o += j - i;
        } else {
            /* a folded character takes at most 12 bytes; the rest of the
             * text must still fit as it is */
            if (o + 12 + (len - j) > cap) {
                char *nb = realloc(b, (cap = o + 12 + (len - j) + 16) + 1);
                if (!nb)
                    goto fail;
                b = nb;
            }
            size_t k = fold_one(b + o, cp);
            if (!k)
                goto fail;
            o += k;
        }
        i = j;
    }
    b[o] = '\0';
    *out_len = o;
    return b;
fail:
    free(b);
    return NULL;
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

/* Length of the longest phrase of list found at the start of s, else 0:
 * only the phrases starting with s's first byte are compared. */
size_t structure_phrase_prefix(const struct phrase_list *list, const char *s, size_t len)
{
    size_t best = 0;
    if (!list || !len)
        return 0;
    unsigned char b = (unsigned char)s[0];
    for (size_t k = list->first[b]; k < list->first[b + 1]; k++) {
        const struct phrase *ph = &list->v[k];
        if (ph->len > best && ph->len <= len && (ph->len < 2 || ph->s[1] == s[1]) &&
            structure_match_at(s, len, ph->s, ph->len))
            best = ph->len;
    }
    return best;
}

/* Does s contain one of the phrases anywhere (starting a character)? */
int structure_phrase_within(const struct phrase_list *list, const char *s, size_t len)
{
    if (!list)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((i > 0 && (b & 0xC0) == 0x80) || list->first[b] == list->first[b + 1])
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
    for (size_t q = 0; q < p->organ_ends_zh->n; q++) {
        k = p->organ_ends_zh->v[q].len;
        if (k <= i && memcmp(f + i - k, p->organ_ends_zh->v[q].s, k) == 0)
            return 1;
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
