/* Notes: pairs note markers (HX_NOTEREF) with footnote texts (blocks with
 * role HX_ROLE_NOTE_BODY) and moves each text into an HX_NOTE at its
 * marker, so the text leaves the flow where a page bottom had put it.
 *
 * Pairing is by number within a scope: each part (HX_SECTION child of the
 * root) with numbering=part, the default, because UN documents restart
 * their notes in every part (the seed: 4 / 17 / 1); the whole document with
 * numbering=continuous. A marker takes the first unused text with its
 * number that comes after it, else the nearest one before it. Markers
 * without a text, texts without a marker, a number used twice and numbers
 * out of sequence are reported; unpaired nodes stay where they are.
 *
 * Every note, paired here or already an HX_NOTE from a DOCX or XML reader,
 * is then numbered in order of reference and keyed fn.<part>.<k>, k
 * counting from 1 in each part whatever the mode, so keys agree between a
 * language version numbered per part and one numbered continuously. num is
 * k with numbering=part, the running number with numbering=continuous. */
#include <stdlib.h>
#include <string.h>

#include "hx.h"

/* a, b, c and num in decimal, in doc's arena ("fn." "body" "." 3): a
 * note's key, made for every note without printf. */
static const char *note_key(struct hx_doc *doc, const char *a, const char *b, const char *c,
                            int num)
{
    char d[16], *q = d + sizeof d;
    unsigned v = num < 0 ? 0u - (unsigned)num : (unsigned)num;
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c), nd;
    *--q = '\0';
    do
        *--q = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (num < 0)
        *--q = '-';
    nd = strlen(q);
    char *k = hx_alloc(doc->arena, na + nb + nc + nd + 1);
    memcpy(k, a, na);
    memcpy(k + na, b, nb);
    memcpy(k + na + nb, c, nc);
    memcpy(k + na + nb + nc, q, nd + 1);
    return k;
}

enum { NUM_PART, NUM_CONTINUOUS };

struct opts {
    int numbering;
};

static const char *const numbering_choices[] = {"part", "continuous", NULL};

static const struct hx_opt notes_opts[] = {
    {"numbering", HX_OPT_ENUM, offsetof(struct opts, numbering), "part",
     "note numbers restart in every part (part) or run through (continuous)", numbering_choices, 0,
     0},
    {0},
};

/* A marker or a footnote text met in a scope, in document order. */
struct item {
    struct hx_node *n;
    int used;
};

struct list {
    struct item *v;
    size_t n, cap;
};

static int list_add(struct list *l, struct hx_node *n)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        struct item *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (struct item){n, 0};
    return 0;
}

/* Markers (and notes already made) and footnote texts of a subtree, each
 * in document order. */
static int collect(struct hx_node *root, struct list *refs, struct list *bodies)
{
    struct hx_iter it = hx_iter_start(root);
    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter)
            continue;
        if (n->type == HX_NOTEREF || n->type == HX_NOTE) {
            if (list_add(refs, n) != 0)
                return -1;
            hx_iter_skip(&it);
        } else if (n->role == HX_ROLE_NOTE_BODY && !hx_type_is_inline(n->type)) {
            if (list_add(bodies, n) != 0)
                return -1;
            hx_iter_skip(&it);
        }
    }
    return 0;
}

/* Is a before b in document order? Both are in the same tree. */
static int precedes(const struct hx_node *a, const struct hx_node *b)
{
    const struct hx_node *pa[256], *pb[256];
    size_t na = 0, nb = 0;
    for (const struct hx_node *x = a; x && na < 256; x = x->parent)
        pa[na++] = x;
    for (const struct hx_node *x = b; x && nb < 256; x = x->parent)
        pb[nb++] = x;
    while (na > 0 && nb > 0 && pa[na - 1] == pb[nb - 1]) {
        na--;
        nb--;
    }
    if (na == 0 || nb == 0)
        return na == 0;
    /* pa[na-1] and pb[nb-1] are siblings */
    for (const struct hx_node *x = pa[na - 1]; x; x = x->next)
        if (x == pb[nb - 1])
            return 1;
    return 0;
}

static const char *part_of(const struct hx_doc *doc, const struct hx_node *n)
{
    const struct hx_node *x = n;
    while (x && x->parent && x->parent != doc->root)
        x = x->parent;
    if (x && x->type == HX_SECTION && x->key)
        return x->key;
    return "doc";
}

/* A number and where it was met, sorted to find equal numbers in
 * O(n log n) however hostile the input. */
struct numpos {
    int num;
    size_t idx;
};

static int numpos_cmp(const void *a, const void *b)
{
    const struct numpos *x = a, *y = b;
    if (x->num != y->num)
        return x->num < y->num ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The items of l (markers only when refs is set), sorted by number. */
static struct numpos *by_number(const struct list *l, int refs, size_t *n)
{
    struct numpos *v = malloc((l->n ? l->n : 1) * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < l->n; i++)
        if (!refs || l->v[i].n->type == HX_NOTEREF)
            v[(*n)++] = (struct numpos){l->v[i].n->num, i};
    qsort(v, *n, sizeof *v, numpos_cmp);
    return v;
}

/* The footnote text for marker r: the first unused one with its number
 * after it, else the nearest unused one before it. first[] holds, for each
 * position of the sorted texts, where the unused ones of its number start,
 * so texts used in order are skipped in constant time. */
static struct item *find_body(struct list *bodies, struct numpos *sorted, size_t n, size_t *first,
                              struct hx_node *r)
{
    size_t lo = 0, hi = n, g;
    struct item *best = NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid].num < r->num)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == n || sorted[lo].num != r->num)
        return NULL;
    g = lo;
    while (first[g] < n && sorted[first[g]].num == r->num && bodies->v[sorted[first[g]].idx].used)
        first[g]++;
    for (size_t k = first[g]; k < n && sorted[k].num == r->num; k++) {
        struct item *b = &bodies->v[sorted[k].idx];
        if (b->used)
            continue;
        if (precedes(r, b->n))
            return b;
        best = b; /* the nearest earlier one, unless a later one comes */
    }
    return best;
}

/* Pairs the markers of one scope with its texts. */
static int pair(struct hx_stage *st, struct hx_doc *doc, struct hx_node *root, int *running)
{
    struct list refs = {0}, bodies = {0};
    struct numpos *rs = NULL, *bs = NULL;
    size_t nr = 0, nb = 0, *first = NULL;
    unsigned char *repeated = NULL;
    int expect = *running + 1, rc = -1;
    if (collect(root, &refs, &bodies) != 0 || !(rs = by_number(&refs, 1, &nr)) ||
        !(bs = by_number(&bodies, 0, &nb)) || !(first = malloc((nb ? nb : 1) * sizeof *first)) ||
        !(repeated = calloc(refs.n ? refs.n : 1, 1))) {
        hx_error(st, doc, root, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < nb; k++)
        first[k] = k > 0 && bs[k].num == bs[k - 1].num ? first[k - 1] : k;
    for (size_t k = 1; k < nr; k++)
        repeated[rs[k].idx] = rs[k].num == rs[k - 1].num;
    for (size_t i = 0; i < refs.n; i++) {
        struct hx_node *r = refs.v[i].n;
        struct item *best;
        if (r->type != HX_NOTEREF)
            continue;
        if (repeated[i])
            hx_warn(st, doc, r, "note marker %s is used twice in %s", r->label ? r->label : "?",
                    part_of(doc, r));
        if (r->num != expect && r->num > 0)
            hx_warn(st, doc, r, "note marker %s is out of sequence: %d expected",
                    r->label ? r->label : "?", expect);
        if (r->num >= expect)
            expect = r->num + 1;
        best = find_body(&bodies, bs, nb, first, r);
        if (!best) {
            hx_warn(st, doc, r, "note marker %s has no footnote text", r->label ? r->label : "?");
            continue;
        }
        best->used = 1;
        {
            struct hx_node *note = hx_node_new(doc, HX_NOTE);
            note->label = r->label;
            note->num = r->num;
            note->flags = r->flags;
            note->pos = r->pos;
            note->lang = r->lang;
            hx_node_insert_before(r, note);
            hx_node_detach(r);
            hx_node_append(note, best->n);
            refs.v[i].n = note;
        }
    }
    for (size_t j = 0; j < bodies.n; j++) {
        struct hx_node *b = bodies.v[j].n;
        if (bodies.v[j].used)
            continue;
        b->key = hx_printf(doc->arena, "fn.%s.x%d", part_of(doc, b), b->num);
        hx_warn(st, doc, b, "footnote text %s has no marker", b->label ? b->label : "?");
    }
    for (size_t k = 1; k < nb; k++) {
        struct hx_node *b = bodies.v[bs[k].idx].n;
        if (bs[k].num == bs[k - 1].num)
            hx_warn(st, doc, b, "footnote text %s appears twice in %s", b->label ? b->label : "?",
                    part_of(doc, b));
    }
    *running = expect - 1;
    rc = 0;
out:
    free(refs.v);
    free(bodies.v);
    free(rs);
    free(bs);
    free(first);
    free(repeated);
    return rc;
}

/* Notes counted so far per part name: a part may come back (the report
 * goes on after a draft resolution, a second "body" section), and its
 * notes go on counting. A small hash table, as a hostile document may
 * have thousands of parts. */
struct counts {
    const char **keys;
    int *vals;
    size_t cap, n;
};

static size_t hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The counter of key (NULL only when memory runs out). */
static int *count_of(struct counts *c, const char *key)
{
    size_t i;
    if (2 * (c->n + 1) > c->cap) {
        struct counts g = {NULL, NULL, c->cap ? 2 * c->cap : 64, 0};
        g.keys = calloc(g.cap, sizeof *g.keys);
        g.vals = calloc(g.cap, sizeof *g.vals);
        if (!g.keys || !g.vals) {
            free(g.keys);
            free(g.vals);
            return NULL;
        }
        for (size_t k = 0; k < c->cap; k++) {
            if (!c->keys[k])
                continue;
            for (i = hash(c->keys[k]) % g.cap; g.keys[i]; i = (i + 1) % g.cap)
                ;
            g.keys[i] = c->keys[k];
            g.vals[i] = c->vals[k];
            g.n++;
        }
        free(c->keys);
        free(c->vals);
        *c = g;
    }
    for (i = hash(key) % c->cap; c->keys[i]; i = (i + 1) % c->cap)
        if (strcmp(c->keys[i], key) == 0)
            return &c->vals[i];
    c->keys[i] = key;
    c->n++;
    return &c->vals[i];
}

static void counts_free(struct counts *c)
{
    free(c->keys);
    free(c->vals);
}

/* Numbers and keys every note of the document in order of reference. */
static int number(struct hx_doc *doc, int continuous)
{
    int total = 0;
    struct counts counts = {0};
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter || n->type != HX_NOTE)
            continue;
        const char *p = part_of(doc, n);
        int *count = count_of(&counts, p);
        if (!count) {
            counts_free(&counts);
            return -1;
        }
        int k = ++*count;
        total++;
        n->num = continuous ? total : k;
        if (!n->label)
            n->label = hx_printf(doc->arena, "%d", n->num);
        n->key = note_key(doc, "fn.", p, ".", k);
        int m = 0;
        for (struct hx_node *c = n->first; c; c = c->next) {
            if (c->role == HX_ROLE_NONE)
                c->role = HX_ROLE_NOTE_BODY;
            c->key = m == 0 ? n->key : note_key(doc, "", n->key, "+", m);
            m++;
        }
        hx_iter_skip(&it); /* notes inside notes keep their own numbers */
    }
    counts_free(&counts);
    return 0;
}

static int notes_doc(struct hx_stage *st, struct hx_doc *doc)
{
    const struct opts *o = st->priv;
    int running = 0;
    if (o->numbering == NUM_CONTINUOUS) {
        if (pair(st, doc, doc->root, &running) != 0)
            return -1;
    } else {
        int loose = 0;
        for (struct hx_node *c = doc->root->first; c; c = c->next)
            loose |= c->type != HX_SECTION;
        if (loose) { /* no parts: the document is the scope */
            if (pair(st, doc, doc->root, &running) != 0)
                return -1;
        } else {
            struct counts counts = {0};
            for (struct hx_node *c = doc->root->first; c; c = c->next) {
                int *seen = count_of(&counts, c->key ? c->key : "doc");
                if (!seen || (running = *seen, pair(st, doc, c, &running) != 0)) {
                    counts_free(&counts);
                    if (!seen)
                        hx_error(st, doc, c, "out of memory");
                    return -1;
                }
                *seen = running;
            }
            counts_free(&counts);
        }
    }
    if (number(doc, o->numbering == NUM_CONTINUOUS) != 0) {
        hx_error(st, doc, NULL, "out of memory");
        return -1;
    }
    return 0;
}

const struct hx_filter hx_notes = {
    .name = "notes",
    .kind = HX_FILTER,
    .summary = "pair note markers with footnote texts per part, move the "
               "texts into notes, key them fn.<part>.<n>",
    .needs = HX_HAS_STRUCTURE,
    .gives = HX_HAS_NOTES,
    .priv_size = sizeof(struct opts),
    .opts = notes_opts,
    .doc = notes_doc,
};
