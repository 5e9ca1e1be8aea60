/* The structure stage's language data, loaded once when the stage opens:
 * the phrase lists of filters/structure/data/phrases.tsv joined and case
 * folded, and the lead words of lead_words.tsv folded, merged (a rendering
 * two classes share stands for both) and indexed by their first byte, so
 * a paragraph's opening is compared with the few renderings that can
 * match it rather than with all of them. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "structure.h"

/* Which field of the tables each list of phrases.tsv fills. */
static const struct {
    const char *name;
    size_t off;
} lists[] = {
#define L(n, f)                                                                                    \
    {                                                                                              \
        n, offsetof(struct structure_tables, f)                                                    \
    }
    L("formula", formulas),
    L("formula_pre", formula_pre),
    L("transition", transitions),
    L("annex", annex),
    L("preamble", preamble),
    L("article", article),
    L("article_first", article_first),
    L("known_head", known_heads),
    L("session", session),
    L("agenda", agenda),
    L("rapporteur", rapporteur),
    L("report_of", report_of),
    L("report_of_zh", report_of_zh),
    L("un", un),
    L("issuer", issuer),
    L("distr", distr),
    L("original", original),
    L("language", language),
    L("draft_res", draft_res),
    L("draft_dec", draft_dec),
    L("also_pre", also_pre),
    L("also_post", also_post),
    L("further_pre", further_pre),
    L("further_post", further_post),
    L("organ_head", organ_heads),
    L("organ_end_zh", organ_ends_zh),
    L("sponsor", sponsor),
    L("report_subject", report_subject),
#undef L
};

#define NLISTS (sizeof lists / sizeof lists[0])

static struct phrase_list **field(struct structure_tables *p, size_t k)
{
    return (struct phrase_list **)((char *)p + lists[k].off);
}

static void list_free(struct phrase_list *l)
{
    if (l) {
        free(l->text);
        free(l->v);
        free(l);
    }
}

/* The rows of list k joined by '|' and folded, split into phrases put in
 * buckets by first byte (in table order within one); NULL when ICU
 * refuses, memory runs out or the list has no row. */
static struct phrase_list *load_list(size_t k, const unsigned char *which)
{
    struct hx_buf b = {0};
    struct phrase_list *l = calloc(1, sizeof *l);
    size_t n = 0, count[257] = {0};
    for (size_t r = 0; r < hx_structure_phrases_rows && l; r++) {
        if (which[r] != k)
            continue;
        if (b.len)
            hx_buf_addc(&b, '|');
        hx_buf_adds(&b, hx_structure_phrases[r][2]);
    }
    if (!l || !b.len || !(l->text = structure_fold(b.data, b.len, &n)))
        goto fail;
    hx_buf_free(&b);
    l->n = 1;
    for (size_t i = 0; i < n; i++)
        l->n += l->text[i] == '|';
    if (!(l->v = calloc(l->n, sizeof *l->v)))
        goto fail;
    /* count each bucket, then place the phrases in table order */
    for (const char *q = l->text;; q++) {
        count[(unsigned char)*q + 1]++;
        if (!(q = strchr(q, '|')))
            break;
    }
    for (size_t c = 1; c <= 256; c++)
        count[c] += count[c - 1];
    memcpy(l->first, count, sizeof count);
    for (const char *q = l->text;;) {
        const char *e = strchr(q, '|');
        size_t len = e ? (size_t)(e - q) : strlen(q);
        l->v[count[(unsigned char)*q]++] = (struct phrase){q, len};
        if (!e)
            break;
        q = e + 1;
    }
    return l;
fail:
    hx_buf_free(&b);
    list_free(l);
    return NULL;
}

/* Column col of rows[0..n) folded, all in one call to ICU (folding maps
 * each character alone, so the line breaks put between the cells stay):
 * one malloc'd block, the cells NUL-terminated in it, cells[k] and
 * lens[k] each cell. NULL when ICU refuses or a cell holds a line break. */
static char *fold_cells(const char *const (*rows)[3], size_t n, size_t col, const char **cells,
                        size_t *lens)
{
    struct hx_buf all = {0};
    char *folded = NULL, *q;
    size_t flen = 0, k = 0;
    for (size_t r = 0; r < n; r++) {
        if (strchr(rows[r][col], '\n'))
            goto fail;
        hx_buf_adds(&all, rows[r][col]);
        hx_buf_addc(&all, '\n');
    }
    if (!n || !(folded = structure_fold(all.data, all.len, &flen)))
        goto fail;
    for (q = folded; k < n && *q; k++) {
        char *nl = strchr(q, '\n');
        if (!nl)
            goto fail;
        *nl = '\0';
        cells[k] = q;
        lens[k] = (size_t)(nl - q);
        q = nl + 1;
    }
    if (k != n)
        goto fail;
    hx_buf_free(&all);
    return folded;
fail:
    free(folded);
    hx_buf_free(&all);
    return NULL;
}

/* --- lead words ---------------------------------------------------------- */

/* Is cls a class of lead_classes.tsv whose family and degree agree with
 * its name (FAMILY:DEGREE, or the family alone for its plain member)? */
static int class_known(const char *cls)
{
    for (size_t r = 0; r < hx_structure_lead_classes_rows; r++) {
        const char *const *c = hx_structure_lead_classes[r];
        if (strcmp(c[0], cls) != 0)
            continue;
        if (!c[1][0])
            return !strchr(cls, ':') && !c[2][0];
        size_t fl = strlen(c[1]);
        if (!c[2][0])
            return strcmp(c[1], cls) == 0;
        return strncmp(cls, c[1], fl) == 0 && cls[fl] == ':' && strcmp(cls + fl + 1, c[2]) == 0;
    }
    return 0;
}

struct lead_row {
    const char *text; /* folded */
    size_t len;
    const char *cls;
    size_t id;  /* the class's run in the table (rows of a class follow each other) */
    size_t row; /* its row in the table */
};

/* Orders the rows of one text: by class, then as in the table. */
static int row_cmp(const struct lead_row *x, const struct lead_row *y)
{
    int c = strcmp(x->cls, y->cls);
    return c ? c : x->row < y->row ? -1 : x->row > y->row;
}

static size_t text_hash(const char *s, size_t n)
{
    size_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)s[k]) * 16777619u;
    return h;
}

static int ends_with(const char *s, size_t n, const char *end)
{
    size_t k = strlen(end);
    return n >= k && memcmp(s + n - k, end, k) == 0;
}

/* cls with ".also" or ".further" added, unless it has one. */
static void add_derived(struct hx_buf *b, const char *cls, const char *suffix)
{
    size_t n = strlen(cls);
    hx_buf_add(b, cls, n);
    if (!ends_with(cls, n, ".also") && !ends_with(cls, n, ".further")) {
        hx_buf_addc(b, '.');
        hx_buf_adds(b, suffix);
    }
}

/* The set of rows[a..e) (one text, classes sorted, maybe repeated). */
static int make_set(struct lead_set *set, const struct lead_row *rows, size_t a, size_t e)
{
    struct hx_buf c = {0}, al = {0}, fu = {0};
    for (size_t k = a; k < e; k++) {
        if (k > a && strcmp(rows[k].cls, rows[k - 1].cls) == 0)
            continue;
        if (c.len) {
            hx_buf_addc(&c, '|');
            hx_buf_addc(&al, '|');
            hx_buf_addc(&fu, '|');
        }
        hx_buf_adds(&c, rows[k].cls);
        add_derived(&al, rows[k].cls, "also");
        add_derived(&fu, rows[k].cls, "further");
    }
    set->cls = c.data;
    set->also = al.data;
    set->further = fu.data;
    return c.data && al.data && fu.data ? 0 : -1;
}

/* The set of the rows r[0..e) of one text (its classes, sorted): shared
 * by the texts of one class run (one[id]). */
static struct lead_set *set_of(struct structure_tables *p, const struct lead_row *r, size_t e,
                               struct lead_set **one)
{
    size_t k = 1;
    while (k < e && r[k].id == r[0].id)
        k++;
    struct lead_set *set = k == e ? one[r[0].id] : NULL;
    if (set)
        return set;
    set = &p->sets[p->nsets++];
    if (make_set(set, r, 0, e) != 0)
        return NULL;
    /* the classes read the same with their own modifier */
    if (strcmp(set->also, set->cls) == 0) {
        free(set->also);
        set->also = NULL;
    }
    if (k == e)
        one[r[0].id] = set;
    return set;
}

/* The rows of one text, chained by hashing their folded text: head[g] is
 * group g's first row, next[r] the row after r + 1 (0: none). */
struct lead_groups {
    size_t *slot, cap; /* group + 1, 0 = free */
    size_t *head, *tail, *next, n;
};

static void group_add(struct lead_groups *G, const struct lead_row *rows, size_t m)
{
    size_t h = text_hash(rows[m].text, rows[m].len) & (G->cap - 1);
    while (G->slot[h]) {
        const struct lead_row *g = &rows[G->head[G->slot[h] - 1]];
        if (g->len == rows[m].len && memcmp(g->text, rows[m].text, g->len) == 0)
            break;
        h = (h + 1) & (G->cap - 1);
    }
    if (!G->slot[h]) {
        G->head[G->n] = m;
        G->slot[h] = ++G->n;
    } else {
        G->next[G->tail[G->slot[h] - 1]] = m + 1;
    }
    G->tail[G->slot[h] - 1] = m;
}

/* Folds every rendering (all in one call to ICU), groups the rows of one
 * text by hashing it, gives each text the set of its classes, and puts
 * the texts in buckets by first byte: lead_at takes the longest match, so
 * the order inside a bucket does not matter and nothing is sorted. */
static int load_leads(struct structure_tables *p, const char **why)
{
    size_t n = hx_structure_lead_words_rows, id = 0, count[257] = {0};
    struct lead_groups G = {.cap = 64};
    struct lead_row *rows = calloc(n ? n : 1, sizeof *rows), *grp = calloc(n ? n : 1, sizeof *grp);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    const char **cells = calloc(n ? n : 1, sizeof *cells);
    /* the set of a text of one class, made once per class */
    struct lead_set **one = calloc(n ? n : 1, sizeof *one);
    struct lead_phrase *byg = calloc(n ? n : 1, sizeof *byg);
    int rc = -1;
    while (G.cap < 2 * n)
        G.cap *= 2;
    G.slot = calloc(G.cap, sizeof *G.slot);
    G.head = calloc(n ? n : 1, sizeof *G.head);
    G.tail = calloc(n ? n : 1, sizeof *G.tail);
    G.next = calloc(n ? n : 1, sizeof *G.next);
    p->leads = calloc(n ? n : 1, sizeof *p->leads);
    p->sets = calloc(n ? n : 1, sizeof *p->sets);
    if (!rows || !grp || !lens || !cells || !one || !byg || !G.slot || !G.head || !G.tail ||
        !G.next || !p->leads || !p->sets)
        goto out;
    for (size_t r = 0; r < n; r++) {
        const char *const *w = hx_structure_lead_words[r];
        /* rows of one class follow each other: check each class once */
        if ((r == 0 || strcmp(w[0], hx_structure_lead_words[r - 1][0]) != 0) &&
            !class_known(w[0])) {
            *why = "lead_words.tsv names a class lead_classes.tsv does not define";
            goto out;
        }
    }
    if (!(p->lead_text = fold_cells(hx_structure_lead_words, n, 2, cells, lens)))
        goto out;
    for (size_t m = 0; m < n; m++) {
        const char *cls = hx_structure_lead_words[m][0];
        id += m > 0 && strcmp(cls, hx_structure_lead_words[m - 1][0]) != 0;
        rows[m] = (struct lead_row){cells[m], lens[m], cls, id, m};
        group_add(&G, rows, m);
    }
    for (size_t g = 0; g < G.n; g++) {
        size_t e = 0;
        /* the group's rows by class (few: an insertion sort) */
        for (size_t r = G.head[g] + 1; r; r = G.next[r - 1]) {
            size_t k = e++;
            while (k > 0 && row_cmp(&grp[k - 1], &rows[r - 1]) > 0) {
                grp[k] = grp[k - 1];
                k--;
            }
            grp[k] = rows[r - 1];
        }
        struct lead_set *set = set_of(p, grp, e, one);
        if (!set)
            goto out;
        byg[g] = (struct lead_phrase){grp[0].text, grp[0].len, set};
        count[(unsigned char)grp[0].text[0] + 1]++;
    }
    for (size_t b = 1; b <= 256; b++)
        count[b] += count[b - 1];
    memcpy(p->first, count, sizeof count);
    for (size_t g = 0; g < G.n; g++)
        p->leads[count[(unsigned char)byg[g].text[0]]++] = byg[g];
    p->nleads = G.n;
    rc = p->nleads ? 0 : -1;
out:
    free(rows);
    free(grp);
    free(lens);
    free(cells);
    free(one);
    free(byg);
    free(G.slot);
    free(G.head);
    free(G.tail);
    free(G.next);
    return rc;
}

/* The "also" form of a set: the set itself when its classes have one. */
static const char *also_of(const struct lead_set *set)
{
    return set->also ? set->also : set->cls;
}

/* The longest lead-word rendering at the start of s, its bytes in *used. */
static const struct lead_phrase *lead_at(const struct structure_tables *p, const char *s,
                                         size_t len, size_t *used)
{
    const struct lead_phrase *best = NULL;
    *used = 0;
    if (!len)
        return NULL;
    unsigned char b = (unsigned char)s[0];
    for (size_t k = p->first[b]; k < p->first[b + 1]; k++) {
        const struct lead_phrase *l = &p->leads[k];
        /* the second byte first: the Chinese ones share a first byte */
        if (l->len > *used && l->len <= len && (l->len < 2 || l->text[1] == s[1]) &&
            structure_match_at(s, len, l->text, l->len)) {
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
    const struct phrase_list *const pre[2] = {p->also_pre, p->further_pre};
    const struct phrase_list *const post[2] = {p->also_post, p->further_post};
    const struct lead_phrase *l = lead_at(p, s, len, used);
    const char *cls = l ? l->set->cls : NULL;
    for (int f = 0; f < 2; f++) {
        size_t k = structure_phrase_prefix(pre[f], s, len), v;
        if (!k)
            continue;
        k = structure_skip_spaces(s, len, k);
        const struct lead_phrase *b = lead_at(p, s + k, len - k, &v);
        if (b && k + v > *used) {
            *used = k + v;
            cls = f ? b->set->further : also_of(b->set);
            l = NULL;
        }
    }
    if (l && l->set->also) {
        size_t i = structure_skip_spaces(s, len, *used);
        for (int f = 0; f < 2; f++) {
            size_t m = structure_phrase_prefix(post[f], s + i, len - i);
            if (m) {
                *used = i + m;
                return f ? l->set->further : l->set->also;
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

/* --- ordinals ------------------------------------------------------------ */

/* Do n bytes of s spell ordinal o (hyphens and spaces alike), ending at a
 * word boundary? */
static int ordinal_at(const char *s, size_t n, const struct ordinal *o)
{
    if (o->len > n)
        return 0;
    for (size_t k = 0; k < o->len; k++) {
        char a = s[k] == '-' ? ' ' : s[k], b = o->text[k] == '-' ? ' ' : o->text[k];
        if (a != b)
            return 0;
    }
    return structure_ends_word(s, n, o->len);
}

/* ordinals.tsv is kept folded already (lower case, as CLDR spells them;
 * tests/lang_data.py checks), so its cells are used as they stand: put in
 * buckets by first byte, in table order, without a copy. */
static int load_ordinals(struct structure_tables *p)
{
    size_t n = hx_structure_ordinals_rows, count[257] = {0};
    p->ordinals = calloc(n ? n : 1, sizeof *p->ordinals);
    if (!p->ordinals)
        return -1;
    for (size_t k = 0; k < n; k++)
        count[(unsigned char)hx_structure_ordinals[k][2][0] + 1]++;
    for (size_t b = 1; b <= 256; b++)
        count[b] += count[b - 1];
    memcpy(p->ord_first, count, sizeof count);
    for (size_t k = 0; k < n; k++) {
        const char *const *r = hx_structure_ordinals[k];
        p->ordinals[count[(unsigned char)r[2][0]]++] =
            (struct ordinal){r[2], strlen(r[2]), r[0], atoi(r[1])};
    }
    p->nordinals = n;
    return 0;
}

const char *structure_spelled_number(const struct structure_tables *p, struct hx_doc *doc,
                                     const char *lang, const char *s, size_t len)
{
    size_t flen, best = 0;
    const struct ordinal *hit = NULL;
    char *f;
    if (!lang || len > 400 || !(f = structure_fold(s, len, &flen)))
        return NULL;
    /* the first word that starts an ordinal, its longest form */
    for (size_t i = 0; i < flen && !hit; i++) {
        if (i > 0 && f[i - 1] != ' ')
            continue;
        unsigned char b = (unsigned char)f[i];
        for (size_t k = p->ord_first[b]; k < p->ord_first[b + 1]; k++) {
            const struct ordinal *o = &p->ordinals[k];
            if (o->len > best && hx_lang_is(lang, o->lang) && ordinal_at(f + i, flen - i, o)) {
                best = o->len;
                hit = o;
            }
        }
    }
    free(f);
    return hit ? hx_printf(doc->arena, "%d", hit->value) : NULL;
}

int structure_tables_load(struct structure_tables *p, const char **why)
{
    size_t n = hx_structure_phrases_rows, k = 0;
    /* the list of each row of phrases.tsv, named once per row (the rows
     * of a list mostly follow each other) */
    unsigned char *which = malloc(n ? n : 1);
    *why = "ICU cannot fold the phrase tables";
    if (!which)
        return -1;
    for (size_t r = 0; r < n; r++) {
        const char *name = hx_structure_phrases[r][0];
        if (k == NLISTS || strcmp(name, lists[k].name) != 0)
            for (k = 0; k < NLISTS && strcmp(name, lists[k].name) != 0; k++)
                ;
        which[r] = (unsigned char)k;
    }
    for (k = 0; k < NLISTS; k++)
        if (!(*field(p, k) = load_list(k, which))) {
            free(which);
            return -1;
        }
    free(which);
    if (load_ordinals(p) != 0)
        return -1;
    return load_leads(p, why);
}

void structure_tables_free(struct structure_tables *p)
{
    for (size_t k = 0; k < NLISTS; k++)
        list_free(*field(p, k));
    for (size_t k = 0; k < p->nsets; k++) {
        free(p->sets[k].cls);
        free(p->sets[k].also);
        free(p->sets[k].further);
    }
    free(p->sets);
    free(p->lead_text);
    free(p->leads);
    free(p->ordinals);
}
