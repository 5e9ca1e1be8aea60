/* Sentence units for align-tmx (segtype=sentence): each version's
 * paragraph split by ICU (with CLDR's suppressions and the UN's own
 * abbreviations), note markers glued back, the paragraph number kept with
 * its first sentence, then the sentences of every version grouped by a
 * small Gale and Church programme against the original's, so that counts
 * need not match and no unit lacks a language. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "tmx_sentences.h"

/* The sentences of text (ICU sentence break for lang), trimmed, as
 * malloc'd strings in *out; returns how many (0 on any failure). */
static size_t sentences(const char *text, const char *lang, char ***out)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = NULL;
    UBreakIterator *bi = NULL;
    size_t n = 0;
    *out = NULL;
    u_strFromUTF8(NULL, 0, &ulen, text, -1, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto out;
    err = U_ZERO_ERROR;
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u)
        goto out;
    u_strFromUTF8(u, ulen + 1, NULL, text, -1, &err);
    if (U_FAILURE(err))
        goto out;
    /* CLDR's own abbreviation list ("Mr.", "e.g.") on top of ours */
    char loc[64];
    snprintf(loc, sizeof loc, "%s@ss=standard", lang);
    bi = ubrk_open(UBRK_SENTENCE, loc, u, ulen, &err);
    if (U_FAILURE(err))
        goto out;
    *out = calloc((size_t)ulen + 1, sizeof **out);
    if (!*out)
        goto out;
    for (int32_t from = ubrk_first(bi), to; (to = ubrk_next(bi)) != UBRK_DONE; from = to) {
        int32_t a = from, b = to, blen = 0;
        while (a < b && (u[a] == ' ' || u[a] == 0x3000 || u[a] == 0xA0))
            a++;
        while (b > a && (u[b - 1] == ' ' || u[b - 1] == 0x3000 || u[b - 1] == 0xA0))
            b--;
        if (a == b)
            continue;
        err = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &blen, u + a, b - a, &err);
        err = U_ZERO_ERROR;
        char *s8 = malloc((size_t)blen + 1);
        if (!s8)
            goto out;
        u_strToUTF8(s8, blen + 1, NULL, u + a, b - a, &err);
        if (U_FAILURE(err)) {
            free(s8);
            goto out;
        }
        (*out)[n++] = s8;
    }
out:
    if (bi)
        ubrk_close(bi);
    free(u);
    if (U_FAILURE(err) && *out) {
        for (size_t k = 0; k < n; k++)
            free((*out)[k]);
        n = 0;
    }
    return n;
}

void tmx_free_sentences(char **v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(v[k]);
    free(v);
}

/* A note marker ("³") that ICU put at the start of a sentence belongs to
 * the end of the one before; a sentence that was only a marker goes. */
static void glue_markers(char **v, size_t *n)
{
    for (size_t k = 1; k < *n; k++) {
        const char *s = v[k];
        size_t len = strlen(s), i = 0, end = 0;
        while (i < len) {
            size_t at = i;
            int32_t cp = hx_utf8_next(s, len, &i);
            if (cp < 0 || hx_cp_superscript_digit(cp) < 0) {
                i = at;
                break;
            }
            end = i;
        }
        if (!end)
            continue;
        size_t lp = strlen(v[k - 1]);
        char *joined = malloc(lp + end + 1);
        if (!joined)
            hx_oom();
        memcpy(joined, v[k - 1], lp);
        memcpy(joined + lp, s, end);
        joined[lp + end] = '\0';
        free(v[k - 1]);
        v[k - 1] = joined;
        while (end < len && (s[end] == ' '))
            end++;
        memmove(v[k], s + end, len - end + 1);
        if (!v[k][0]) {
            free(v[k]);
            memmove(&v[k], &v[k + 1], (*n - k - 1) * sizeof *v);
            (*n)--;
            k--;
        }
    }
}

/* Abbreviations after which ICU sees a sentence end that UN text does
 * not have ("para. 5", "No. 3", "A/RES/70/1, annex, sect. II"), from the
 * UN editorial manual's list, in the six languages' Latin and Cyrillic
 * forms; a sentence ending in one joins the next. */
static const char *const un_abbrev[] = {
    "para", "paras", "No",   "Nos", "no",  "art",   "arts", "sect", "chap",  "vol",
    "p",    "pp",    "Corr", "Rev", "Add", "Suppl", "Mr",   "Ms",   "Mrs",   "Dr",
    "e.g",  "i.e",   "cf",   "etc", "Inc", "Ltd",   "Co",   "St",   "annex", "al",
    "párr", "núm",   "Sr",   "Sra", "M",   "Mme",   "MM",   "pt",   "p. ex", "ss",
    "п",    "ст",    "г",    "гг",  "см",  "т",     "стр",  "г-н",  "г-жа",  "т.е",
};

/* Does v end with an abbreviation and its full stop? */
static int ends_abbrev(const char *v)
{
    size_t len = strlen(v);
    while (len && v[len - 1] == ' ')
        len--;
    if (!len || v[len - 1] != '.')
        return 0;
    for (size_t k = 0; k < sizeof un_abbrev / sizeof *un_abbrev; k++) {
        size_t al = strlen(un_abbrev[k]);
        if (al + 1 <= len && strncmp(v + len - 1 - al, un_abbrev[k], al) == 0 &&
            (al + 1 == len || v[len - 2 - al] == ' ' || v[len - 2 - al] == '('))
            return 1;
    }
    return 0;
}

/* Joins a sentence to the next when it ends with an abbreviation or the
 * next opens with a lower-case letter or a digit (no sentence does). */
static void join_abbrev(char **v, size_t *n)
{
    for (size_t k = 0; k + 1 < *n;) {
        unsigned char c = (unsigned char)v[k + 1][0];
        if (!ends_abbrev(v[k]) && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
            k++;
            continue;
        }
        size_t l0 = strlen(v[k]), l1 = strlen(v[k + 1]);
        char *j = malloc(l0 + l1 + 2);
        if (!j)
            hx_oom();
        memcpy(j, v[k], l0);
        j[l0] = ' ';
        memcpy(j + l0 + 1, v[k + 1], l1 + 1);
        free(v[k]);
        free(v[k + 1]);
        v[k] = j;
        memmove(&v[k + 1], &v[k + 2], (*n - k - 2) * sizeof *v);
        (*n)--;
    }
}

static size_t text_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80 && *s != ' ';
    return n;
}

/* Joins v[from..to) with spaces, malloc'd. */
static char *join_range(char *const *v, size_t from, size_t to)
{
    size_t len = 1;
    for (size_t k = from; k < to; k++)
        len += strlen(v[k]) + 1;
    char *out = malloc(len), *p = out;
    if (!out)
        hx_oom();
    for (size_t k = from; k < to; k++) {
        size_t l = strlen(v[k]);
        if (k > from)
            *p++ = ' ';
        memcpy(p, v[k], l);
        p += l;
    }
    *p = '\0';
    return out;
}

/* Sentence beads between the pivot's sentences a[0..na) and another
 * version's b[0..nb): Gale and Church over 1-1, 1-2, 2-1 and 2-2 (no
 * sentence is left out: a unit must hold every language). at[i] is the
 * other's sentence index where a bead ends after pivot sentence i, or
 * (size_t)-1 when no bead ends there. Returns 0 when they cannot align. */
static int sentence_beads(char *const *a, size_t na, char *const *b, size_t nb, size_t *at)
{
    static const int moves[4][2] = {{1, 1}, {1, 2}, {2, 1}, {2, 2}};
    static const double penalty[4] = {0, 1.5, 1.5, 3.0};
    size_t w = nb + 1;
    double *c = malloc((na + 1) * w * sizeof *c), *la = malloc((na + 1) * sizeof *la);
    double *lb = malloc((nb + 1) * sizeof *lb), ta = 0, tb = 0;
    unsigned char *how = malloc((na + 1) * w);
    if (!c || !la || !lb || !how)
        hx_oom();
    for (size_t i = 0; i < na; i++)
        ta += la[i] = (double)text_len(a[i]);
    for (size_t j = 0; j < nb; j++)
        tb += lb[j] = (double)text_len(b[j]);
    double ratio = ta > 0 && tb > 0 ? tb / ta : 1;
    for (size_t i = 0; i <= na; i++)
        for (size_t j = 0; j <= nb; j++) {
            double best = i || j ? INFINITY : 0;
            for (int m = 0; m < 4; m++) {
                size_t di = (size_t)moves[m][0], dj = (size_t)moves[m][1];
                if (i < di || j < dj || isinf(c[(i - di) * w + j - dj]))
                    continue;
                double x = 0, y = 0;
                for (size_t k = i - di; k < i; k++)
                    x += la[k];
                for (size_t k = j - dj; k < j; k++)
                    y += lb[k];
                double r = log((y + 10) / (x * ratio + 10));
                double cost = c[(i - di) * w + j - dj] + r * r / (2 * 0.09) + penalty[m];
                if (cost < best)
                    best = cost, how[i * w + j] = (unsigned char)m;
            }
            c[i * w + j] = best;
        }
    int ok = !isinf(c[na * w + nb]);
    for (size_t i = 0; i <= na; i++)
        at[i] = (size_t)-1;
    for (size_t i = na, j = nb; ok && (i || j);) {
        at[i] = j;
        int m = how[i * w + j];
        i -= (size_t)moves[m][0];
        j -= (size_t)moves[m][1];
    }
    at[0] = 0;
    free(c);
    free(la);
    free(lb);
    free(how);
    return ok;
}

/* Units of a row as sentences: the pivot's sentences (the original's)
 * grouped where every other version's sentences align with them (2-1,
 * 1-2 beads join sentences), each version's groups joined; the versions'
 * counts need not be equal. sv and ns are replaced by the groups; returns
 * their number, 0 when the row stays one unit. */
static size_t group_sentences(const struct hx_align *al, const struct hx_align_row *row, char ***sv,
                              size_t *ns)
{
    size_t p = al->original < al->ndocs && row->cells[al->original].n ? al->original : 0;
    while (p < al->ndocs && !row->cells[p].n)
        p++;
    size_t np = ns[p], groups = 0;
    size_t *cut = calloc(np + 1, sizeof *cut), *at = calloc((np + 1) * al->ndocs, sizeof *at);
    if (!cut || !at)
        hx_oom();
    for (size_t i = 0; i <= np; i++)
        cut[i] = 1;
    for (size_t d = 0; d < al->ndocs; d++) {
        if (d == p || !row->cells[d].n)
            continue;
        if (!sentence_beads(sv[p], np, sv[d], ns[d], &at[d * (np + 1)])) {
            free(cut);
            free(at);
            return 0;
        }
        for (size_t i = 0; i <= np; i++)
            cut[i] &= at[d * (np + 1) + i] != (size_t)-1;
    }
    for (size_t i = 1; i <= np; i++)
        groups += cut[i];
    if (groups < 2) {
        free(cut);
        free(at);
        return 0;
    }
    for (size_t d = 0; d < al->ndocs; d++) {
        if (!row->cells[d].n)
            continue;
        char **g = calloc(groups + 1, sizeof *g);
        if (!g)
            hx_oom();
        size_t k = 0, from = 0;
        for (size_t i = 1; i <= np; i++) {
            if (!cut[i])
                continue;
            size_t to = d == p ? i : at[d * (np + 1) + i];
            g[k++] = join_range(sv[d], from, to);
            from = to;
        }
        tmx_free_sentences(sv[d], ns[d]);
        sv[d] = g;
        ns[d] = groups;
    }
    free(cut);
    free(at);
    return groups;
}

/* Sentences of every version present in a row, when each version is one
 * paragraph with the same number (above one) of them; 0 otherwise. */
size_t tmx_row_sentences(const struct hx_align *al, const struct hx_align_row *row, char ***sv,
                         size_t *ns)
{
    size_t count = 0;
    int ok = 1;
    for (size_t d = 0; d < al->ndocs; d++) {
        const struct hx_align_cell *c = &row->cells[d];
        if (!c->n)
            continue;
        if (c->n != 1 || !ok) {
            ok = 0;
            continue;
        }
        ns[d] = sentences(c->text, al->tags[d], &sv[d]);
        glue_markers(sv[d], &ns[d]);
        join_abbrev(sv[d], &ns[d]);
        /* The printed label ("12.", "I.") is no sentence of its own. */
        const char *label = c->node[0]->label;
        if (ns[d] >= 2 && label && strcmp(sv[d][0], label) == 0) {
            size_t l0 = strlen(sv[d][0]), l1 = strlen(sv[d][1]);
            char *j = malloc(l0 + l1 + 2);
            if (!j)
                hx_oom();
            memcpy(j, sv[d][0], l0);
            j[l0] = ' ';
            memcpy(j + l0 + 1, sv[d][1], l1 + 1);
            free(sv[d][0]);
            free(sv[d][1]);
            sv[d][0] = j;
            memmove(&sv[d][1], &sv[d][2], (ns[d] - 2) * sizeof *sv[d]);
            ns[d]--;
        }
        if (!ns[d])
            ok = 0;
        count = ns[d] > count ? ns[d] : count;
    }
    if (!ok || count < 2)
        return 0;
    return group_sentences(al, row, sv, ns);
}
