/* The pairwise alignment of the align stage: paragraphs of a pivot and
 * another version within one part, anchored by numbered keys, the gaps
 * filled by a dynamic programme over 1–1, 1–0, 0–1, 2–1 and 1–2 beads
 * (Gale and Church's shape, with costs from length ratio, shared tokens and
 * lead-word classes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stage.h"

/* Bead costs in -log probability units (Gale and Church's priors, rounded). */
#define COST_SKIP ALIGN_COST_SKIP
#define COST_MERGE 4.0
/* Gaps larger than this (cells) are paired in order instead of searched. */
#define MAX_CELLS 4000000

void align_bead_add(struct align_beads *b, enum hx_bead t, size_t i, size_t j, double cost)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->v = realloc(b->v, b->cap * sizeof *b->v);
        if (!b->v)
            hx_oom();
    }
    b->v[b->n++] = (struct align_bead){t, i, j, cost};
}

/* ---- pairwise alignment ------------------------------------------------- */

/* A length mismatch alone never costs more than two skips less one: a
 * long paragraph rendered at twice the usual length stays one row, and
 * its shared tokens and key decide (a 1-0 plus a 0-1 would say "missing"
 * for a paragraph that is there). */
#define LEN_COST_MAX (2 * COST_SKIP - 1)

static double len_cost(const struct align_pair *p, double la, double lb)
{
    double x = log((lb + 10) / (la * p->ratio + 10));
    double c = x * x / (2 * p->var);
    return c < LEN_COST_MAX ? c : LEN_COST_MAX;
}

/* Hard tokens shared (negative) or not (positive). */
static double tok_cost(const struct align_toks *x, const struct align_toks *y)
{
    double c = 0;
    for (size_t i = 0; i < x->n; i++) {
        if (!x->v[i].hard || x->v[i].worded)
            continue;
        int found = 0;
        for (size_t k = 0; k < y->n && !found; k++)
            found = x->v[i].kind == y->v[k].kind && strcmp(x->v[i].val, y->v[k].val) == 0;
        c += found ? -0.5 : 1.0;
    }
    return c < -3 ? -3 : c;
}

static double pair_cost(const struct align_pair *p, const struct align_unit *a,
                        const struct align_unit *b)
{
    double c = len_cost(p, a->len, b->len);
    c += (tok_cost(&a->toks, &b->toks) + tok_cost(&b->toks, &a->toks)) / 2;
    /* Footnote references travel with their paragraph. */
    c += 1.5 * abs(a->notes - b->notes);
    /* So do emphasised lead words: a merged paragraph keeps both. */
    c += 0.75 * abs(a->emph - b->emph);
    /* The same counted key ("res1.pp.3" in both): where a paragraph is,
     * which a deletion before it shifts, so a pull, not an anchor. */
    if (strcmp(a->key, b->key) == 0)
        c -= 1.0;
    const char *la = a->node->lead, *lb = b->node->lead;
    if (la && lb) {
        enum hx_lead_match m = hx_lead_compare(la, lb);
        c += m == HX_LEAD_SAME ? -1.0 : m != HX_LEAD_OTHER ? -0.5 : 1.5;
    }
    return c;
}

/* Is h in whole, merged with o? 1 when h's markers (emphasised lead
 * word, note references, hard tokens o lacks) are all in whole beside o's,
 * -1 when one is missing, 0 when h has none. */
static int half_in(const struct align_unit *h, const struct align_unit *o,
                   const struct align_unit *whole)
{
    int marks = 0;
    if (h->emph) {
        marks = 1;
        if (whole->emph < h->emph + o->emph)
            return -1;
    }
    if (h->notes) {
        marks = 1;
        if (whole->notes < h->notes + o->notes)
            return -1;
    }
    for (size_t i = 0; i < h->toks.n; i++) {
        const struct align_tok *t = &h->toks.v[i];
        if (!t->hard || t->worded)
            continue;
        int in_o = 0, in_w = 0;
        for (size_t k = 0; k < o->toks.n && !in_o; k++)
            in_o = o->toks.v[k].kind == t->kind && strcmp(o->toks.v[k].val, t->val) == 0;
        if (in_o)
            continue;
        for (size_t k = 0; k < whole->toks.n && !in_w; k++)
            in_w = whole->toks.v[k].kind == t->kind && strcmp(whole->toks.v[k].val, t->val) == 0;
        if (!in_w)
            return -1;
        marks = 1;
    }
    return marks;
}

static double merge_cost(const struct align_pair *p, const struct align_unit *a1,
                         const struct align_unit *a2, const struct align_unit *b, int swap)
{
    /* Only paragraphs of one kind merge; a heading never does. */
    /* (a numbered paragraph and the unnumbered one continuing it are of
     * one kind: that is how a numbered paragraph splits) */
    if (a1->node->type == HX_HEADING || a2->node->type == HX_HEADING ||
        b->node->type == HX_HEADING ||
        (a1->node->role != a2->node->role && a2->node->role != HX_ROLE_CONTINUED))
        return INFINITY;
    double la = a1->len + a2->len;
    double c = swap ? len_cost(p, b->len, la) : len_cost(p, la, b->len);
    /* Tokens of either half found in the whole. */
    c += (tok_cost(&a1->toks, &b->toks) + tok_cost(&a2->toks, &b->toks)) / 2;
    c += 1.5 * abs(a1->notes + a2->notes - b->notes);
    c += 0.75 * abs(a1->emph + a2->emph - b->emph);
    /* The whole opens with the first half's lead word. */
    if (a1->node->lead && b->node->lead &&
        hx_lead_compare(a1->node->lead, b->node->lead) != HX_LEAD_SAME)
        c += 1.5;
    /* Lengths alone hardly tell a short paragraph deleted from one merged:
     * the markers of both halves in the whole make a merge likely, one
     * missing makes it unlikely. */
    int e1 = half_in(a1, a2, b), e2 = half_in(a2, a1, b);
    c += e1 < 0 || e2 < 0 ? 1.0 : e1 > 0 && e2 > 0 ? -1.5 : 0;
    /* A preambular paragraph opening with a lead word of its own is a
     * clause of its own: with nothing else to show it inside the whole, a
     * deletion is likelier than a merge that would leave its lead word in
     * mid-sentence. */
    if (e2 == 0 && a2->node->role == HX_ROLE_PREAMBULAR && a2->node->lead)
        c += 2.5;
    return c + COST_MERGE;
}

/* Dynamic programme over the gap a[i0..i1) × b[j0..j1). */
static void align_gap(const struct align_pair *p, size_t i0, size_t i1, size_t j0, size_t j1,
                      struct align_beads *out)
{
    size_t n = i1 - i0, m = j1 - j0;
    if (!n || !m || n * m > MAX_CELLS) {
        size_t k = 0;
        for (; k < n && k < m; k++)
            align_bead_add(out, HX_BEAD_11, i0 + k, j0 + k,
                           pair_cost(p, p->a[i0 + k], p->b[j0 + k]));
        for (size_t r = k; r < n; r++)
            align_bead_add(out, HX_BEAD_10, i0 + r, 0, COST_SKIP);
        for (size_t r = k; r < m; r++)
            align_bead_add(out, HX_BEAD_01, 0, j0 + r, COST_SKIP);
        return;
    }
    size_t w = m + 1;
    double *d = malloc((n + 1) * w * sizeof *d);
    unsigned char *bt = malloc((n + 1) * w);
    if (!d || !bt)
        hx_oom();
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++) {
            double best = i || j ? INFINITY : 0;
            unsigned char how = 0;
            const struct align_unit *A = i ? p->a[i0 + i - 1] : NULL;
            const struct align_unit *B = j ? p->b[j0 + j - 1] : NULL;
            double c;
            if (i && j && (c = d[(i - 1) * w + j - 1] + pair_cost(p, A, B)) < best)
                best = c, how = HX_BEAD_11 + 1;
            if (i && (c = d[(i - 1) * w + j] + COST_SKIP) < best)
                best = c, how = HX_BEAD_10 + 1;
            if (j && (c = d[i * w + j - 1] + COST_SKIP) < best)
                best = c, how = HX_BEAD_01 + 1;
            if (i > 1 && j &&
                (c = d[(i - 2) * w + j - 1] + merge_cost(p, p->a[i0 + i - 2], A, B, 0)) < best)
                best = c, how = HX_BEAD_21 + 1;
            if (i && j > 1 &&
                (c = d[(i - 1) * w + j - 2] + merge_cost(p, p->b[j0 + j - 2], B, A, 1)) < best)
                best = c, how = HX_BEAD_12 + 1;
            d[i * w + j] = best;
            bt[i * w + j] = how;
        }
    /* Walk back, then emit in order. */
    struct align_beads rev = {0};
    size_t i = n, j = m;
    while (i || j) {
        enum hx_bead t = (enum hx_bead)(bt[i * w + j] - 1);
        size_t di = t == HX_BEAD_01 ? 0 : t == HX_BEAD_21 ? 2 : 1;
        size_t dj = t == HX_BEAD_10 ? 0 : t == HX_BEAD_12 ? 2 : 1;
        double c = d[i * w + j] - d[(i - di) * w + j - dj];
        align_bead_add(&rev, t, i0 + i - di, j0 + j - dj, c);
        i -= di;
        j -= dj;
    }
    for (size_t k = rev.n; k-- > 0;)
        align_bead_add(out, rev.v[k].type, rev.v[k].i, rev.v[k].j, rev.v[k].cost);
    free(rev.v);
    free(d);
    free(bt);
}

/* FNV-1a of a key, for the anchor table. */
static size_t key_hash(const char *k)
{
    size_t h = 2166136261u;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

/* Index of the numbered keys of list u[0..n) in a table of `slots` slots
 * (a power of two): slot holds the unit's index + 1, and count[i] how many
 * units of the list carry u[i]'s key. Linear in n. */
static void key_table(struct align_unit *const *u, size_t n, size_t *slot, size_t slots,
                      size_t *count)
{
    for (size_t i = 0; i < n; i++) {
        count[i] = 0;
        if (!u[i]->anchor)
            continue;
        size_t h = key_hash(u[i]->key) & (slots - 1);
        while (slot[h] && strcmp(u[slot[h] - 1]->key, u[i]->key) != 0)
            h = (h + 1) & (slots - 1);
        if (!slot[h])
            slot[h] = i + 1;
        count[slot[h] - 1]++;
    }
}

static size_t key_find(struct align_unit *const *u, const size_t *slot, size_t slots,
                       const char *key)
{
    size_t h = key_hash(key) & (slots - 1);
    while (slot[h] && strcmp(u[slot[h] - 1]->key, key) != 0)
        h = (h + 1) & (slots - 1);
    return slot[h];
}

/* Anchors: the same numbered key once in each, kept in increasing order
 * on both sides (the longest such chain). Keys meet through a hash table
 * and the chain is found by patience sorting: O(n log n), so that a
 * report with thousands of numbered paragraphs aligns in linear time. */
static size_t anchors(const struct align_pair *p, size_t *ai, size_t *bj)
{
    size_t slots = 16;
    while (slots < 2 * (p->na + p->nb))
        slots *= 2;
    size_t *sa = calloc(slots, sizeof *sa), *sb = calloc(slots, sizeof *sb);
    size_t *ca = malloc((p->na + 1) * sizeof *ca), *cb = malloc((p->nb + 1) * sizeof *cb);
    if (!sa || !sb || !ca || !cb)
        hx_oom();
    key_table(p->a, p->na, sa, slots, ca);
    key_table(p->b, p->nb, sb, slots, cb);
    size_t n = 0;
    for (size_t i = 0; i < p->na; i++) {
        if (!p->a[i]->anchor || ca[key_find(p->a, sa, slots, p->a[i]->key) - 1] != 1)
            continue;
        size_t j = key_find(p->b, sb, slots, p->a[i]->key);
        if (j && cb[j - 1] == 1) {
            ai[n] = i;
            bj[n] = j - 1;
            n++;
        }
    }
    free(sa);
    free(sb);
    free(ca);
    free(cb);
    /* Longest increasing subsequence of bj: tail[l] is the anchor ending
     * the best chain of length l + 1 seen so far. */
    size_t *tail = malloc((n + 1) * sizeof *tail), *prev = malloc((n + 1) * sizeof *prev);
    if (!tail || !prev)
        hx_oom();
    size_t best = 0;
    for (size_t k = 0; k < n; k++) {
        size_t lo = 0, hi = best;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (bj[tail[mid]] < bj[k])
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[k] = lo ? tail[lo - 1] : (size_t)-1;
        tail[lo] = k;
        if (lo == best)
            best++;
    }
    size_t *ka = malloc((best + 1) * sizeof *ka), *kb = malloc((best + 1) * sizeof *kb);
    if (!ka || !kb)
        hx_oom();
    for (size_t k = best, q = best ? tail[best - 1] : 0; k > 0; k--, q = prev[q]) {
        ka[k - 1] = ai[q];
        kb[k - 1] = bj[q];
    }
    memcpy(ai, ka, best * sizeof *ai);
    memcpy(bj, kb, best * sizeof *bj);
    free(ka);
    free(kb);
    free(tail);
    free(prev);
    return best;
}

/* A paragraph with no counterpart next to a 1–1 pair may rather be half
 * of a merge: take the 2–1 (1–2) bead when it explains the lengths better. */
static void find_merges(const struct align_pair *p, struct align_beads *bs)
{
    for (size_t k = 0; k < bs->n; k++) {
        struct align_bead *x = &bs->v[k];
        if (x->type != HX_BEAD_10 && x->type != HX_BEAD_01)
            continue;
        int a_side = x->type == HX_BEAD_10;
        for (int dir = -1; dir <= 1; dir += 2) {
            if ((dir < 0 && k == 0) || (dir > 0 && k + 1 >= bs->n))
                continue;
            struct align_bead *y = &bs->v[k + (size_t)dir];
            if (y->type != HX_BEAD_11)
                continue;
            const struct align_unit *lone = a_side ? p->a[x->i] : p->b[x->j];
            const struct align_unit *mate = a_side ? p->a[y->i] : p->b[y->j];
            const struct align_unit *other = a_side ? p->b[y->j] : p->a[y->i];
            const struct align_unit *first = dir < 0 ? mate : lone;
            const struct align_unit *second = dir < 0 ? lone : mate;
            double old = y->cost + COST_SKIP;
            double merged = merge_cost(p, first, second, other, !a_side);
            if (merged >= old)
                continue;
            struct align_bead *keep = dir < 0 ? y : x;
            keep->type = a_side ? HX_BEAD_21 : HX_BEAD_12;
            keep->i = dir < 0 ? y->i : (a_side ? x->i : y->i);
            keep->j = dir < 0 ? y->j : (a_side ? y->j : x->j);
            keep->cost = merged;
            size_t drop = dir < 0 ? k : k + 1;
            memmove(&bs->v[drop], &bs->v[drop + 1], (bs->n - drop - 1) * sizeof *bs->v);
            bs->n--;
            break;
        }
    }
}

/* Gaps by the programme, anchors as 1–1, in order. */
static void fill(const struct align_pair *p, const size_t *ai, const size_t *bj, size_t na,
                 struct align_beads *out)
{
    size_t i = 0, j = 0;
    for (size_t q = 0; q <= na; q++) {
        size_t ie = q < na ? ai[q] : p->na, je = q < na ? bj[q] : p->nb;
        align_gap(p, i, ie, j, je, out);
        if (q < na) {
            align_bead_add(out, HX_BEAD_11, ai[q], bj[q], pair_cost(p, p->a[ai[q]], p->b[bj[q]]));
            i = ai[q] + 1;
            j = bj[q] + 1;
        }
    }
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Ratio and spread of lengths from the 1–1 beads of bs: the median log
 * ratio and its median absolute deviation, so that a merged or mistaken
 * pair among them does not pull either (as it would a mean, or the
 * totals of a version that lacks a paragraph). Tight for two copies of
 * one language, wide between Chinese and Russian. Returns 0, changing
 * nothing, with fewer than three pairs of some length. */
static int fit(struct align_pair *p, const struct align_beads *bs)
{
    double *x = malloc((bs->n + 1) * sizeof *x);
    if (!x)
        hx_oom();
    size_t k = 0;
    for (size_t q = 0; q < bs->n; q++) {
        if (bs->v[q].type != HX_BEAD_11)
            continue;
        const struct align_unit *a = p->a[bs->v[q].i], *b = p->b[bs->v[q].j];
        if (a->len >= 20 && b->len >= 20)
            x[k++] = log(b->len / a->len);
    }
    if (k < 3) {
        free(x);
        return 0;
    }
    qsort(x, k, sizeof *x, cmp_double);
    double m = k % 2 ? x[k / 2] : (x[k / 2 - 1] + x[k / 2]) / 2;
    for (size_t q = 0; q < k; q++)
        x[q] = fabs(x[q] - m);
    qsort(x, k, sizeof *x, cmp_double);
    double mad = 1.4826 * (k % 2 ? x[k / 2] : (x[k / 2 - 1] + x[k / 2]) / 2);
    /* Few pairs say little: both are drawn towards the prior (the ratio
     * of the versions' totals, a spread of 0.25) as if it were 5 pairs. */
    double w = (double)k / ((double)k + 5);
    p->ratio = exp(w * m + (1 - w) * log(p->ratio > 0 ? p->ratio : 1));
    double var = w * mad * mad + (1 - w) * 0.0625;
    p->var = var < 0.01 ? 0.01 : var > 0.25 ? 0.25 : var;
    free(x);
    return 1;
}

/* Numbers are anchors, but a version renumbered after a merge or a
 * deletion (automatic numbering does that) pairs every later paragraph
 * with the wrong one. Each anchor is compared with the numbered paragraph
 * s places further along the pivot's numbers (s = ±1, ±2); a run of
 * anchors whose content clearly fits better shifted is re-anchored so, and
 * only the gaps are aligned again. Linear in the part: no whole-part
 * programme. Returns 1 when it re-anchored. */
static int renumbered(const struct align_pair *p, size_t *ai, size_t *bj, size_t *na)
{
    size_t *num = malloc((p->na + 1) * sizeof *num), *pos = malloc((p->na + 1) * sizeof *pos);
    size_t *si = malloc((*na + 1) * sizeof *si);
    double *gain = malloc((*na + 1) * sizeof *gain);
    if (!num || !pos || !si || !gain)
        hx_oom();
    size_t nn = 0;
    for (size_t i = 0; i < p->na; i++) {
        pos[i] = nn;
        if (p->a[i]->anchor)
            num[nn++] = i;
    }
    int moved = 0;
    static const int shifts[] = {1, -1, 2, -2};
    for (size_t t = 0; t < 4 && !moved; t++) {
        int s = shifts[t];
        for (size_t q = 0; q < *na; q++) {
            long x = (long)pos[ai[q]] + s;
            gain[q] = -INFINITY;
            si[q] = ai[q];
            if (x < 0 || (size_t)x >= nn)
                continue;
            si[q] = num[x];
            double shifted = pair_cost(p, p->a[si[q]], p->b[bj[q]]);
            gain[q] = shifted < 1.0 ? pair_cost(p, p->a[ai[q]], p->b[bj[q]]) - shifted : -INFINITY;
        }
        for (size_t q = 0; q < *na;) {
            size_t e = q;
            double sum = 0;
            while (e < *na && gain[e] > 0)
                sum += gain[e++];
            /* two paragraphs that fit better shifted, clearly, is a run */
            if (e - q >= 2 && sum > 3.0) {
                for (size_t k = q; k < e; k++)
                    ai[k] = si[k];
                moved = 1;
            }
            q = e > q ? e : q + 1;
        }
    }
    if (moved) {
        /* keep the chain increasing on both sides: a shifted run may now
         * reach the anchor after it */
        size_t n = 0;
        for (size_t q = 0; q < *na; q++) {
            if (n && (ai[q] <= ai[n - 1] || bj[q] <= bj[n - 1]))
                continue;
            ai[n] = ai[q];
            bj[n] = bj[q];
            n++;
        }
        *na = n;
    }
    free(num);
    free(pos);
    free(si);
    free(gain);
    return moved;
}

void align_pair_run(struct align_pair *p, struct align_beads *out)
{
    size_t *ai = malloc((p->na + 1) * sizeof *ai), *bj = malloc((p->na + 1) * sizeof *bj);
    if (!ai || !bj)
        hx_oom();
    size_t na = anchors(p, ai, bj);
    struct align_beads an = {0};
    for (size_t q = 0; q < na; q++)
        align_bead_add(&an, HX_BEAD_11, ai[q], bj[q], 0);
    p->var = 0.0625;
    int fitted = fit(p, &an);
    free(an.v);
    fill(p, ai, bj, na, out);
    if (!fitted) {
        /* Few anchors: the ratio came from the versions' totals; fit it on
         * the pairs found and align once more if it moved. */
        double r = p->ratio;
        if (fit(p, out) && fabs(p->ratio - r) > 0.05 * r) {
            out->n = 0;
            fill(p, ai, bj, na, out);
        }
    }
    /* Only a numbered key left without a partner hints at renumbering. */
    size_t numbered = 0;
    for (size_t i = 0; i < p->na; i++)
        numbered += p->a[i]->anchor;
    for (size_t j = 0; j < p->nb; j++)
        numbered += p->b[j]->anchor;
    if (numbered > 2 * na && renumbered(p, ai, bj, &na)) {
        out->n = 0;
        fill(p, ai, bj, na, out);
    }
    find_merges(p, out);
    free(ai);
    free(bj);
}
