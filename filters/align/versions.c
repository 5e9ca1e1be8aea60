/* The versions of one set as wholes, for the align stage: the year their
 * dates take when they name none, the length ratio between two versions,
 * each version's language, which one is the original, and the length check
 * on every paired row with a threshold learnt from the document's rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stage.h"

/* The year of one version: its metadata date's, else the commonest year
 * among its dates (0 when it has none). */
static int version_year(const struct align_version *v)
{
    int year = 0;
    const char *d = hx_meta_get(v->doc, "date");
    for (const char *p = d; p && *p && !year; p++)
        if (p[0] >= '1' && p[0] <= '2' && strspn(p, "0123456789") == 4)
            year = atoi(p);
    if (year)
        return year;
    /* one count per year a date can name: linear in the tokens */
    int *count = calloc(2000, sizeof *count), best = 0;
    if (!count)
        hx_oom();
    for (size_t i = 0; i < v->n; i++)
        for (size_t k = 0; k < v->u[i].toks.n; k++) {
            int y = align_tok_year(&v->u[i].toks.v[k]);
            if (y >= 1000 && y <= 2999 && ++count[y - 1000] > best)
                best = count[y - 1000], year = y;
        }
    free(count);
    return year;
}

/* A date without a year takes the document's: the year most versions
 * name (on a tie, the first version's), so that a year changed in one
 * version's masthead or dates does not move its year-less dates too. */
void align_set_years(struct align_version *v, size_t nd)
{
    int *ys = calloc(nd + 1, sizeof *ys), year = 0;
    size_t best = 0;
    if (!ys)
        hx_oom();
    for (size_t d = 0; d < nd; d++)
        ys[d] = version_year(&v[d]);
    for (size_t d = 0; d < nd; d++) {
        size_t c = 0;
        for (size_t e = 0; e < nd; e++)
            c += ys[d] && ys[e] == ys[d];
        if (c > best)
            best = c, year = ys[d];
    }
    free(ys);
    if (!year)
        return;
    for (size_t d = 0; d < nd; d++)
        for (size_t i = 0; i < v[d].n; i++)
            for (int pass = 0; pass < 2; pass++) {
                struct align_toks *t = pass ? &v[d].u[i].ntoks : &v[d].u[i].toks;
                for (size_t k = 0; k < t->n; k++)
                    if (t->v[k].kind == ALIGN_TOK_DATE && strncmp(t->v[k].val, "0000", 4) == 0)
                        t->v[k].val = hx_printf(v[d].doc->arena, "%04d%s", year, t->v[k].val + 4);
            }
}

static int cmp_key(const void *x, const void *y)
{
    const struct align_unit *a = *(const struct align_unit *const *)x;
    const struct align_unit *b = *(const struct align_unit *const *)y;
    return strcmp(a->key, b->key);
}

static int cmp_dbl(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* How long version d's text is for each unit of version a, over the whole
 * documents: the median ratio over paragraphs with the same numbered key
 * (a version that lacks a part, or half its text, does not skew it as the
 * totals would); the totals' ratio when fewer than three such pairs. */
double align_version_ratio(const struct align_ctx *cx, size_t a, size_t d)
{
    const struct align_version *va = &cx->v[a], *vd = &cx->v[d];
    double fallback = va->total > 0 && vd->total > 0 ? vd->total / va->total : 1;
    const struct align_unit **ka = malloc((va->n + 1) * sizeof *ka);
    const struct align_unit **kd = malloc((vd->n + 1) * sizeof *kd);
    double *x = malloc((va->n + 1) * sizeof *x);
    if (!ka || !kd || !x)
        hx_oom();
    size_t na = 0, nd = 0, k = 0;
    for (size_t i = 0; i < va->n; i++)
        if (va->u[i].anchor && va->u[i].len >= 20)
            ka[na++] = &va->u[i];
    for (size_t i = 0; i < vd->n; i++)
        if (vd->u[i].anchor && vd->u[i].len >= 20)
            kd[nd++] = &vd->u[i];
    qsort(ka, na, sizeof *ka, cmp_key);
    qsort(kd, nd, sizeof *kd, cmp_key);
    for (size_t i = 0, j = 0; i < na && j < nd;) {
        int c = strcmp(ka[i]->key, kd[j]->key);
        if (c == 0)
            x[k++] = log(kd[j]->len / ka[i]->len);
        i += c <= 0;
        j += c >= 0;
    }
    double r = fallback;
    if (k >= 3) {
        qsort(x, k, sizeof *x, cmp_dbl);
        r = exp(k % 2 ? x[k / 2] : (x[k / 2 - 1] + x[k / 2]) / 2);
    }
    free(ka);
    free(kd);
    free(x);
    return r;
}

/* ISO 639-2 codes (and the UN's own "esp") of the six languages, as
 * Akoma Ntoso and some producers write them, to their BCP 47 tags: a CAT
 * tool reading the TMX knows "es", not "esp". */
static const char *bcp47(const char *tag)
{
    static const char *const three[][2] = {
        {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"}, {"spa", "es"}, {"esp", "es"},
        {"rus", "ru"}, {"zho", "zh"}, {"chi", "zh"}, {"ara", "ar"},
    };
    for (size_t k = 0; k < sizeof three / sizeof *three; k++)
        if (strncmp(tag, three[k][0], 3) == 0 && (!tag[3] || tag[3] == '-'))
            return three[k][1];
    return tag;
}

const char *align_doc_tag(struct hx_doc *doc, const struct align_version *v)
{
    if (doc->lang)
        return bcp47(doc->lang);
    struct hx_buf b = {0};
    for (size_t i = 0; i < v->n && b.len < 4000; i++) {
        hx_buf_adds(&b, v->u[i].text);
        hx_buf_addc(&b, '\n');
    }
    const char *g = hx_lang_guess(b.data ? b.data : "", b.len);
    hx_buf_free(&b);
    return g;
}

/* Language names as an "Original:" line of a masthead writes them, by the
 * version's own tag: "Original: English", "Original : français",
 * "Original: español", "Подлинный текст: русский", "原文：中文",
 * "الأصل: عربي" (the UN's masthead usage, as printed or capitalised). */
static const char *const own_names[][3] = {
    {"en", "English", "ENGLISH"}, {"fr", "français", "Français"}, {"es", "español", "Español"},
    {"ru", "русский", "Русский"}, {"zh", "中文", "汉语"},         {"ar", "عربي", "العربية"},
};

static int names_own(const char *text, const char *tag)
{
    for (size_t k = 0; k < sizeof own_names / sizeof *own_names; k++) {
        if (strncmp(tag, own_names[k][0], 2) != 0)
            continue;
        for (int n = 1; n < 3; n++)
            if (own_names[k][n] && strstr(text, own_names[k][n]))
                return 1;
    }
    return 0;
}

size_t align_find_original(const struct align_ctx *cx, const char *want)
{
    if (want && *want) {
        for (size_t d = 0; d < cx->nd; d++)
            if (strcmp(cx->al->langs[d], want) == 0 || strcmp(cx->al->tags[d], want) == 0)
                return d;
        return (size_t)-1;
    }
    for (size_t d = 0; d < cx->nd; d++)
        for (size_t i = 0; i < cx->v[d].n && i < 40; i++)
            if (strcmp(cx->v[d].u[i].key, "front.original") == 0 &&
                names_own(cx->v[d].u[i].text, cx->al->tags[d]))
                return d;
    return 0;
}

/* Only paragraphs of some length say anything about a cut: a heading of
 * three words may well be half as long in another language. */
#define LEN_MIN 30

/* A list of symbols, numbers or dates (a footnote of resolution numbers,
 * a line of figures): each language writes the words around them so
 * differently that length says nothing. */
static int mostly_tokens(const struct align_unit *u)
{
    return (double)u->toks.n * 12 > u->len;
}

/* Length of the words around the tokens: symbols, numbers and dates are
 * about as long in every language, so they would pull every ratio
 * towards 1 and hide a cut in a paragraph full of them. */
static double word_len(const struct align_unit *u)
{
    double l = u->len;
    for (size_t k = 0; k < u->toks.n; k++)
        l -= (double)strlen(u->toks.v[k].val);
    return l > 10 ? l : 10;
}

void align_check_lengths(struct align_ctx *cx)
{
    size_t o = cx->orig;
    double *x = malloc((cx->nrows + 1) * sizeof *x), *dev = malloc((cx->nrows + 1) * sizeof *dev);
    if (!x || !dev)
        hx_oom();
    struct hx_buf b = {0};
    for (size_t d = 0; d < cx->nd; d++) {
        if (d == o)
            continue;
        /* log length ratio of every 1–1 row of some length */
        size_t k = 0;
        for (size_t r = 0; r < cx->nrows; r++) {
            const struct hx_align_cell *cd = &cx->rows[r].cells[d], *co = &cx->rows[r].cells[o];
            const struct align_unit *ud = cx->ru[r * cx->nd + d][0],
                                    *uo = cx->ru[r * cx->nd + o][0];
            dev[r] = NAN;
            if (cd->n != 1 || co->n != 1 || cd->bead != HX_BEAD_11 || co->bead != HX_BEAD_11 ||
                ud->len < LEN_MIN || uo->len < LEN_MIN || strcmp(cx->rows[r].part, "fn") == 0 ||
                mostly_tokens(ud) || mostly_tokens(uo))
                continue;
            dev[r] = log(word_len(ud) / word_len(uo));
            x[k++] = dev[r];
        }
        if (k < 5)
            continue;
        qsort(x, k, sizeof *x, cmp_dbl);
        double m = k % 2 ? x[k / 2] : (x[k / 2 - 1] + x[k / 2]) / 2;
        for (size_t q = 0; q < k; q++)
            x[q] = fabs(x[q] - m);
        qsort(x, k, sizeof *x, cmp_dbl);
        double sigma = 1.4826 * (k % 2 ? x[k / 2] : (x[k / 2 - 1] + x[k / 2]) / 2);
        /* The threshold is the document's own: three spreads of its rows,
         * never under a 40 % cut (log 0.6), wider for short paragraphs,
         * whose lengths vary more. */
        for (size_t r = 0; r < cx->nrows; r++) {
            if (isnan(dev[r]))
                continue;
            const struct align_unit *ud = cx->ru[r * cx->nd + d][0],
                                    *uo = cx->ru[r * cx->nd + o][0];
            double shorter = word_len(ud) < word_len(uo) ? word_len(ud) : word_len(uo);
            double t = 3 * sigma > 0.5 ? 3 * sigma : 0.5;
            t += 1.5 / sqrt(shorter);
            double e = dev[r] - m;
            if (fabs(e) <= t)
                continue;
            int pct = (int)lround(100 * fabs(exp(e) - 1));
            hx_buf_reset(&b);
            hx_buf_addf(&b, "%s is %s by %d %% against %s (this document's rows vary within %d %%)",
                        cx->al->langs[d], e < 0 ? "shortened" : "lengthened", pct, cx->al->langs[o],
                        (int)lround(100 * (e < 0 ? 1 - exp(-t) : exp(t) - 1)));
            align_report(cx, r, d, HX_AF_LENGTH, 0, b.data);
        }
    }
    hx_buf_free(&b);
    free(x);
    free(dev);
}
