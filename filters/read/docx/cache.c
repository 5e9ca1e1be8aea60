/* Styles and numbering remembered by content across the documents of one
 * process. A document service converts batches made from one template:
 * the same styles.xml (tens of kilobytes of definitions and latent
 * styles) and numbering.xml come with every document, and parsing them
 * was a sixth of a Word document's reading. A part is known again only
 * when its bytes are equal to the ones remembered (memcmp, no hash to
 * collide); what its parse gave is then copied into the new document's
 * arena, strings included, so no document ever points into the cache and
 * evicting an entry is always safe. A part whose parse said anything
 * (warnings) is not remembered, so its diagnostics are never lost.
 * Part of the docx reader; calls nothing of it but the structures in
 * props.h. */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

enum {
    CACHE_SLOTS = 8,           /* a batch rarely mixes more templates */
    CACHE_MAX_PART = 4u << 20, /* larger parts are parsed every time */
};

struct slot {
    int kind; /* 0 empty, DOCX_CACHE_STYLES, DOCX_CACHE_NUMBERING */
    char *bytes;
    size_t len;
    char *pool; /* every string of the parse, NUL-terminated, end to end */
    size_t pool_len;
    struct docx_styles styles; /* v malloc'd, strings in pool */
    struct docx_numbering num; /* abs, num malloc'd, strings in pool */
    unsigned long tick;        /* last use, for eviction */
};

static struct slot slots[CACHE_SLOTS];
static unsigned long ticks;

/* What to do with each string of a parse: count its bytes, copy it into
 * a pool, or move it from one pool to another. */
struct strmap {
    enum { MAP_COUNT, MAP_COPY, MAP_MOVE } op;
    char *pool;
    size_t used;
    const char *from; /* MAP_MOVE: the pool the strings are in */
};

static const char *map_str(struct strmap *m, const char *s)
{
    if (!s)
        return NULL;
    if (m->op == MAP_MOVE)
        return m->pool + (s - m->from);
    size_t n = strlen(s) + 1;
    const char *out = s;
    if (m->op == MAP_COPY)
        out = memcpy(m->pool + m->used, s, n);
    m->used += n;
    return out;
}

static void map_rpr(struct strmap *m, struct docx_rpr *r)
{
    r->lang = map_str(m, r->lang);
    r->lang_ea = map_str(m, r->lang_ea);
    r->lang_bidi = map_str(m, r->lang_bidi);
    r->style = map_str(m, r->style);
}

static void map_styles(struct strmap *m, struct docx_styles *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct docx_style *st = &s->v[i];
        st->id = map_str(m, st->id);
        st->name = map_str(m, st->name);
        st->based = map_str(m, st->based);
        st->ppr.style = map_str(m, st->ppr.style);
        map_rpr(m, &st->rpr);
    }
    s->def_para = map_str(m, s->def_para);
    map_rpr(m, &s->defaults);
}

static void map_lvl(struct strmap *m, struct docx_lvl *l)
{
    l->text = map_str(m, l->text);
    l->pstyle = map_str(m, l->pstyle);
}

static void map_numbering(struct strmap *m, struct docx_numbering *nb)
{
    for (size_t i = 0; i < nb->nabs; i++) {
        struct docx_abs *a = &nb->abs[i];
        for (int k = 0; k < 9; k++)
            map_lvl(m, &a->lvl[k]);
        a->num_style_link = map_str(m, a->num_style_link);
        a->style_link = map_str(m, a->style_link);
    }
    for (size_t i = 0; i < nb->nnum; i++)
        for (int k = 0; k < 9; k++)
            map_lvl(m, &nb->num[i].ovr[k]);
}

static void map_all(struct strmap *m, int kind, struct docx_styles *s, struct docx_numbering *nb)
{
    if (kind == DOCX_CACHE_STYLES)
        map_styles(m, s);
    else
        map_numbering(m, nb);
}

static void slot_clear(struct slot *sl)
{
    free(sl->bytes);
    free(sl->pool);
    free(sl->styles.v);
    free(sl->num.abs);
    free(sl->num.num);
    memset(sl, 0, sizeof *sl);
}

/* A malloc'd copy of n elements of size sz (NULL for none, *fail on
 * failure). */
static void *dup_array(const void *v, size_t n, size_t sz, int *fail)
{
    if (!n)
        return NULL;
    void *c = malloc(n * sz);
    if (!c)
        *fail = 1;
    else
        memcpy(c, v, n * sz);
    return c;
}

/* size bytes of v (NULL when size is 0) in the arena. */
static void *arena_copy(struct hx_arena *a, const void *v, size_t size)
{
    void *c = hx_alloc(a, size + 1);
    if (size)
        memcpy(c, v, size);
    return c;
}

static int cache_get(struct docx *dx, int kind, const char *data, size_t len)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct slot *sl = &slots[i];
        if (sl->kind != kind || sl->len != len || (len && memcmp(sl->bytes, data, len) != 0))
            continue;
        struct hx_arena *a = dx->doc->arena;
        struct strmap m = {MAP_MOVE, arena_copy(a, sl->pool, sl->pool_len), 0, sl->pool};
        if (kind == DOCX_CACHE_STYLES) {
            dx->styles = sl->styles;
            dx->styles.v = arena_copy(a, sl->styles.v, sl->styles.n * sizeof *sl->styles.v);
        } else {
            dx->num = sl->num;
            dx->num.abs = arena_copy(a, sl->num.abs, sl->num.nabs * sizeof *sl->num.abs);
            dx->num.num = arena_copy(a, sl->num.num, sl->num.nnum * sizeof *sl->num.num);
        }
        map_all(&m, kind, &dx->styles, &dx->num);
        sl->tick = ++ticks;
        return 1;
    }
    return 0;
}

static void cache_put(const struct docx *dx, int kind, const char *data, size_t len)
{
    if (len > CACHE_MAX_PART)
        return;
    struct slot *sl = &slots[0];
    for (int i = 1; i < CACHE_SLOTS && sl->kind; i++)
        if (!slots[i].kind || slots[i].tick < sl->tick)
            sl = &slots[i];
    slot_clear(sl);

    /* Plain malloc, never hx_oom: running short here only means the
     * next document parses its part again. */
    int fail = 0;
    struct slot n = {.kind = kind, .len = len};
    if (kind == DOCX_CACHE_STYLES) {
        n.styles = dx->styles;
        n.styles.v = dup_array(dx->styles.v, dx->styles.n, sizeof *dx->styles.v, &fail);
    } else {
        n.num = dx->num;
        n.num.abs = dup_array(dx->num.abs, dx->num.nabs, sizeof *dx->num.abs, &fail);
        n.num.num = dup_array(dx->num.num, dx->num.nnum, sizeof *dx->num.num, &fail);
    }
    struct strmap count = {MAP_COUNT, NULL, 0, NULL};
    if (!fail) {
        /* Counting leaves the pointers as they are. */
        map_all(&count, kind, &n.styles, &n.num);
        n.bytes = malloc(len ? len : 1);
        n.pool = malloc(count.used ? count.used : 1);
        fail = !n.bytes || !n.pool;
    }
    if (fail) {
        slot_clear(&n);
        return;
    }
    if (len)
        memcpy(n.bytes, data, len);
    struct strmap copy = {MAP_COPY, n.pool, 0, NULL};
    map_all(&copy, kind, &n.styles, &n.num);
    n.pool_len = copy.used;
    n.tick = ++ticks;
    *sl = n;
}

int docx_cache_walk(struct docx *dx, const char *part, int kind,
                    int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud)
{
    char *data = NULL;
    size_t len;
    int rc = part ? docx_part_read(dx, part, &data, &len) : 0;

    if (rc <= 0)
        return rc;
    if (cache_get(dx, kind, data, len)) {
        free(data);
        return 0;
    }
    size_t said = dx->st->diags ? dx->st->diags->n : 0;
    rc = docx_data_walk(dx, part, data, len, on_node, ud);
    if (rc == 0 && (dx->st->diags ? dx->st->diags->n : 0) == said)
        cache_put(dx, kind, data, len);
    free(data);
    return rc;
}
