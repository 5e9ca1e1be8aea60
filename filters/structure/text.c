/* Phrase matching for the structure stage: ICU case folding, phrase
 * lists, lead words, formulas and article headings (the data is in
 * filters/structure/data.c). */
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

static char *fold_z(const char *s)
{
    size_t n;
    return structure_fold(s, strlen(s), &n);
}

/* Does a phrase of length n match at the start of s (len bytes) and end at
 * a word boundary? Phrases ending in a Han character need no boundary. */
static int match_at(const char *s, size_t len, const char *ph, size_t n)
{
    size_t i = n, j = n;
    int32_t last, next;
    if (n == 0 || n > len || memcmp(s, ph, n) != 0)
        return 0;
    if (n == len)
        return 1;
    last = hx_utf8_prev(ph, &j);
    if (hx_cp_is_han(last) || !u_isalnum(last))
        return 1;
    next = hx_utf8_next(s, len, &i);
    return next < 0 || !(u_isalnum(next) || u_hasBinaryProperty(next, UCHAR_DIACRITIC));
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
        if (n > best && match_at(s, len, p, n))
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

/* The longest lead-word form at the start of s, its bytes in *used. */
static const struct lead_phrase *lead_at(const struct structure_tables *p, const char *s,
                                         size_t len, size_t *used)
{
    const struct lead_phrase *best = NULL;
    *used = 0;
    for (size_t k = 0; k < p->nleads; k++) {
        const struct lead_phrase *l = &p->leads[k];
        if (l->len > *used && match_at(s, len, l->text, l->len)) {
            *used = l->len;
            best = l;
        }
    }
    return best;
}

/* A lead word with its "also" or "further", which every language may put
 * on any verb: before it ("Also decides", "又请"), or after it ("Recalling
 * further", "Décide en outre", "вновь подтверждая также"). The table's own
 * longer forms win a tie. */
static const char *lead_modified(const struct structure_tables *p, const char *s, size_t len,
                                 size_t *used)
{
    const char *const pre[2] = {p->also_pre, p->further_pre};
    const char *const post[2] = {p->also_post, p->further_post};
    const struct lead_phrase *l = lead_at(p, s, len, used);
    const char *cls = l ? l->cls : NULL;
    for (int f = 0; f < 2; f++) {
        size_t k = structure_phrase_prefix(pre[f], s, len), v;
        if (!k)
            continue;
        k = structure_skip_spaces(s, len, k);
        const struct lead_phrase *b = lead_at(p, s + k, len - k, &v);
        if (b && k + v > *used) {
            *used = k + v;
            cls = f ? b->further : b->also;
            l = NULL;
        }
    }
    if (l && l->also != l->cls) {
        size_t i = structure_skip_spaces(s, len, *used);
        for (int f = 0; f < 2; f++) {
            size_t m = structure_phrase_prefix(post[f], s + i, len - i);
            if (m) {
                *used = i + m;
                return f ? l->further : l->also;
            }
        }
    }
    return cls;
}

/* The lead-word class of folded s, or NULL; *used gets the matched bytes.
 * Arabic writes "and" as a prefix of the word after it: the second and
 * later preambular paragraphs open "وإذ تشير", which is "إذ تشير". */
const char *structure_lead_of(const struct structure_tables *p, const char *s, size_t len,
                              size_t *used)
{
    size_t u = 0, v = 0;
    const char *cls = lead_modified(p, s, len, &u);
    if (len > 2 && memcmp(s, "\xD9\x88", 2) == 0) { /* و */
        const char *c2 = lead_modified(p, s + 2, len - 2, &v);
        if (c2 && v + 2 > u) {
            cls = c2;
            u = v + 2;
        }
    }
    if (used)
        *used = cls ? u : 0;
    return cls;
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

/* A class name derived from cls, owned by the tables. */
static const char *derive(struct structure_tables *p, const char *cls, const char *suffix)
{
    size_t n = strlen(cls) + strlen(suffix) + 2;
    char *name, **v;
    if (strstr(cls, ".also") || strstr(cls, ".further"))
        return cls;
    v = realloc(p->names, (p->nnames + 1) * sizeof *v);
    if (!v)
        return cls;
    p->names = v;
    name = malloc(n);
    if (!name)
        return cls;
    snprintf(name, n, "%s.%s", cls, suffix);
    p->names[p->nnames++] = name;
    return name;
}

static void add_leads(struct structure_tables *p, const char *cls, const char *also,
                      const char *further, const char *forms, size_t *cap)
{
    for (const char *q = forms; q && *q;) {
        const char *e = strchr(q, '|');
        size_t n = e ? (size_t)(e - q) : strlen(q), flen;
        char *f = structure_fold(q, n, &flen);
        if (f) {
            if (p->nleads == *cap) {
                size_t nc = *cap ? *cap * 2 : 64;
                struct lead_phrase *v = realloc(p->leads, nc * sizeof *v);
                if (!v) {
                    free(f);
                    return;
                }
                p->leads = v;
                *cap = nc;
            }
            p->leads[p->nleads++] = (struct lead_phrase){f, flen, cls, also, further};
        }
        q += n + (e != NULL);
    }
}

int structure_tables_load(struct structure_tables *p)
{
    size_t cap = 0;
    p->formulas = fold_z(hx_formulas);
    p->formula_pre = fold_z(hx_formula_pre);
    p->transitions = fold_z(hx_transitions);
    p->annex = fold_z(hx_annex_words);
    p->preamble = fold_z(hx_preamble_words);
    p->article = fold_z(hx_article_words);
    p->article_first = fold_z(hx_article_first);
    p->known_heads = fold_z(hx_known_heads);
    p->session = fold_z(hx_session_words);
    p->agenda = fold_z(hx_agenda_words);
    p->rapporteur = fold_z(hx_rapporteur_words);
    p->report_of = fold_z(hx_report_of);
    p->un = fold_z(hx_un_words);
    p->issuer = fold_z(hx_issuer_words);
    p->distr = fold_z(hx_distr_words);
    p->original = fold_z(hx_original_words);
    p->language = fold_z(hx_language_words);
    p->draft_res = fold_z(hx_draft_res_words);
    p->draft_dec = fold_z(hx_draft_dec_words);
    p->also_pre = fold_z(hx_also_pre);
    p->also_post = fold_z(hx_also_post);
    p->further_pre = fold_z(hx_further_pre);
    p->further_post = fold_z(hx_further_post);
    p->organ_heads = fold_z(hx_organ_heads);
    p->organ_ends_zh = fold_z(hx_organ_ends_zh);
    p->sponsor = fold_z(hx_sponsor_words);
    for (const struct hx_lead *l = hx_leads; l->cls; l++) {
        const char *also = derive(p, l->cls, "also");
        const char *further = derive(p, l->cls, "further");
        const char *const forms[6] = {l->zh, l->en, l->fr, l->es, l->ru, l->ar};
        for (int k = 0; k < 6; k++)
            add_leads(p, l->cls, also, further, forms[k], &cap);
    }
    if (!p->formulas || !p->formula_pre || !p->transitions || !p->annex || !p->preamble ||
        !p->article || !p->article_first || !p->known_heads || !p->session || !p->agenda ||
        !p->rapporteur || !p->report_of || !p->un || !p->issuer || !p->distr || !p->original ||
        !p->language || !p->draft_res || !p->draft_dec || !p->also_pre || !p->also_post ||
        !p->further_pre || !p->further_post || !p->organ_heads || !p->organ_ends_zh ||
        !p->sponsor || !p->nleads)
        return -1;
    return 0;
}

void structure_tables_free(struct structure_tables *p)
{
    free(p->formulas);
    free(p->formula_pre);
    free(p->transitions);
    free(p->annex);
    free(p->preamble);
    free(p->article);
    free(p->article_first);
    free(p->known_heads);
    free(p->session);
    free(p->agenda);
    free(p->rapporteur);
    free(p->report_of);
    free(p->un);
    free(p->issuer);
    free(p->distr);
    free(p->original);
    free(p->language);
    free(p->draft_res);
    free(p->draft_dec);
    free(p->also_pre);
    free(p->also_post);
    free(p->further_pre);
    free(p->further_post);
    free(p->organ_heads);
    free(p->organ_ends_zh);
    free(p->sponsor);
    for (size_t k = 0; k < p->nnames; k++)
        free(p->names[k]);
    free(p->names);
    for (size_t k = 0; k < p->nleads; k++)
        free(p->leads[k].text);
    free(p->leads);
}
