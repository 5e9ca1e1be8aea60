/* align-epub: the parallel edition. One EPUB holding every language
 * version, interleaved by key: a content document per part, and in it a
 * block per aligned row (in the first version's reading order) holding
 * each version's paragraph, with its own lang and dir, one after the
 * other. Interleaving rather than side-by-side columns because a reading
 * system pages a reflowable book on any screen: six columns do not fit a
 * phone, and the spine's page-progression-direction is one for the whole
 * publication, while a block per version keeps each one's direction. Each
 * row shows its key, bead, confidence and flags, with the evidence of
 * every disagreement; the version blamed is marked; each paragraph links
 * to its counterparts; each version's footnote references link to that
 * version's note in the aligned footnote rows at the end of the part. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "epub.h"

/* node pointer → number, open addressing in the arena */
struct pmap {
    const void **k;
    size_t *v;
    size_t n, cap;
};

static size_t ptr_hash(const void *p)
{
    size_t h = (size_t)(uintptr_t)p;
    return (h >> 4) * 2654435761u;
}

static void pmap_put(struct hx_arena *a, struct pmap *m, const void *key, size_t v)
{
    if (2 * (m->n + 1) > m->cap) {
        struct pmap g = {NULL, NULL, 0, m->cap ? 2 * m->cap : 1024};
        g.k = hx_alloc(a, g.cap * sizeof *g.k);
        g.v = hx_alloc(a, g.cap * sizeof *g.v);
        for (size_t i = 0; i < m->cap; i++)
            if (m->k[i])
                pmap_put(a, &g, m->k[i], m->v[i]);
        *m = g;
    }
    size_t h = ptr_hash(key) & (m->cap - 1);
    while (m->k[h] && m->k[h] != key)
        h = (h + 1) & (m->cap - 1);
    m->n += !m->k[h];
    m->k[h] = key;
    m->v[h] = v;
}

static int pmap_get(const struct pmap *m, const void *key, size_t *v)
{
    if (!m->cap)
        return 0;
    size_t h = ptr_hash(key) & (m->cap - 1);
    for (; m->k[h]; h = (h + 1) & (m->cap - 1))
        if (m->k[h] == key) {
            *v = m->v[h];
            return 1;
        }
    return 0;
}

/* A row's place: its file, notes after paragraphs, the first version's
 * reading order, then the alignment's order. */
struct place {
    size_t file, pos, row;
    int note;
};

struct par {
    struct hx_set *set;
    const struct hx_align *al;
    struct epub_book *b;
    struct pmap row_of; /* a cell's node → its row */
    struct pmap back;   /* a note → index into backs: where it is referenced */
    const char **backs;
    size_t nbacks, bcap;
    const char **prefix; /* per version: "zh." */
    const char **files;  /* part keys, in order */
    const char **names;  /* their file names */
    size_t nfiles;
    size_t *row_file;
    const char *cur; /* the file being written */
};

/* The section of the root that holds n. */
static const struct hx_node *top_part(const struct hx_node *n)
{
    while (n->parent && n->parent->parent)
        n = n->parent;
    return n;
}

static const char *part_key(const struct hx_node *part)
{
    return part->type == HX_SECTION && part->key ? part->key : "text";
}

static size_t file_of(struct par *p, const char *key)
{
    for (size_t f = 0; f < p->nfiles; f++)
        if (strcmp(p->files[f], key) == 0)
            return f;
    return 0;
}

static const struct hx_node *row_node(const struct hx_align_row *row, size_t ndocs, size_t *doc)
{
    for (size_t d = 0; d < ndocs; d++)
        if (row->cells[d].n) {
            *doc = d;
            return row->cells[d].node[0];
        }
    return NULL;
}

static int place_cmp(const void *a, const void *b)
{
    const struct place *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->note != y->note)
        return x->note - y->note;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Files from the parts of every version (the first version's order, then
 * parts only others have), rows placed in them and sorted. */
static struct place *par_places(struct par *p, struct hx_arena *a)
{
    const struct hx_align *al = p->al;
    size_t cap = 0;
    for (size_t d = 0; d < p->set->ndocs; d++)
        for (const struct hx_node *n = p->set->docs[d]->root->first; n; n = n->next) {
            const char *key = part_key(n);
            if (p->nfiles && strcmp(p->files[file_of(p, key)], key) == 0)
                continue;
            p->files = hx_arena_grow(a, p->files, p->nfiles, &cap, sizeof *p->files, 8);
            p->files[p->nfiles++] = key;
        }
    if (!p->nfiles) {
        p->files = hx_alloc(a, sizeof *p->files);
        p->files[p->nfiles++] = "text";
    }
    struct pmap order = {0};
    size_t k = 0;
    struct hx_iter it = hx_iter_start(p->set->docs[0]->root);
    while (hx_iter_next(&it))
        if (it.enter)
            pmap_put(a, &order, it.node, k++);
    struct place *pl = hx_alloc(a, (al->nrows + 1) * sizeof *pl);
    size_t *last = hx_alloc(a, p->nfiles * sizeof *last);
    p->row_file = hx_alloc(a, (al->nrows + 1) * sizeof *p->row_file);
    for (size_t r = 0; r < al->nrows; r++) {
        size_t d = 0;
        const struct hx_node *n = row_node(&al->rows[r], al->ndocs, &d);
        pl[r].row = r;
        pl[r].file = n ? file_of(p, part_key(top_part(n))) : 0;
        pl[r].note = n && n->parent && n->parent->type == HX_NOTE;
        size_t pos;
        if (al->rows[r].cells[0].n && pmap_get(&order, al->rows[r].cells[0].node[0], &pos))
            last[pl[r].file] = pos;
        pl[r].pos = last[pl[r].file];
        p->row_file[r] = pl[r].file;
        for (size_t dd = 0; dd < al->ndocs; dd++)
            for (int c = 0; c < al->rows[r].cells[dd].n; c++)
                pmap_put(a, &p->row_of, al->rows[r].cells[dd].node[c], r);
    }
    qsort(pl, al->nrows, sizeof *pl, place_cmp);
    return pl;
}

static size_t doc_index(const struct par *p, const struct hx_doc *doc)
{
    for (size_t d = 0; d < p->set->ndocs; d++)
        if (p->set->docs[d] == doc)
            return d;
    return 0;
}

/* The aside of a note in its row: "zh.n.<row>.<0|1>". */
static const char *note_id(struct par *p, size_t d, size_t r, const struct hx_node *first)
{
    int k = p->al->rows[r].cells[d].n > 1 && p->al->rows[r].cells[d].node[1] == first;
    return hx_printf(p->b->a, "%sn.%zu.%d", p->prefix[d], r, k);
}

/* epub_x's note_href: a note whose text is in an aligned row is written
 * there; its reference here is remembered for the back-link. */
static const char *par_note_href(void *ctx, struct epub_x *x, const struct hx_node *note,
                                 const char *refid)
{
    struct par *p = ctx;
    size_t r, d = doc_index(p, x->doc);
    if (!note->first || !pmap_get(&p->row_of, note->first, &r))
        return NULL;
    p->backs = hx_arena_grow(p->b->a, p->backs, p->nbacks, &p->bcap, sizeof *p->backs, 32);
    p->backs[p->nbacks] = hx_printf(p->b->a, "%s#%s", p->cur, refid);
    pmap_put(p->b->a, &p->back, note, p->nbacks++);
    const char *file = p->names[p->row_file[r]];
    return hx_printf(p->b->a, "%s#%s", strcmp(file, p->cur) ? file : "",
                     note_id(p, d, r, note->first));
}

static void par_rowhead(struct epub_x *x, struct par *p, size_t r, const char *rid)
{
    const struct hx_align *al = p->al;
    const struct hx_align_row *row = &al->rows[r];
    epub_x_start(x, "p");
    epub_x_attr(x, "class", "rowhead");
    epub_x_lang(x, "en");
    epub_x_attr(x, "dir", "ltr");
    epub_x_start(x, "a");
    epub_x_attr(x, "href", hx_printf(x->b->a, "#%s", rid));
    const char *key = row->key ? row->key : "?";
    epub_x_text(x, key, strlen(key));
    epub_x_end(x);
    struct hx_buf b = {0};
    hx_buf_addf(&b, " · %s · %.2f", hx_bead_name(hx_align_row_bead(al, row)), row->confidence);
    for (unsigned f = 1; f && f <= row->flags; f <<= 1)
        if (row->flags & f)
            hx_buf_addf(&b, " · %s", hx_align_flag_name(f));
    epub_x_text(x, b.data, b.len);
    hx_buf_free(&b);
    epub_x_end(x);
    epub_x_nl(x);
    if (!row->issues)
        return;
    epub_x_start(x, "ul");
    epub_x_attr(x, "class", "issues");
    epub_x_lang(x, "en");
    epub_x_attr(x, "dir", "ltr");
    for (const struct hx_align_issue *is = row->issues; is; is = is->next) {
        epub_x_start(x, "li");
        epub_x_text(x, is->msg, strlen(is->msg));
        epub_x_end(x);
    }
    epub_x_end(x);
    epub_x_nl(x);
}

/* One version's share of a row: links to the others, then its
 * paragraphs (a footnote's as its aside). */
static void par_cell(struct epub_x *x, struct par *p, size_t r, size_t d, const char **cid)
{
    const struct hx_align *al = p->al;
    const struct hx_align_cell *c = &al->rows[r].cells[d];
    int bad = 0;
    for (const struct hx_align_issue *is = al->rows[r].issues; is; is = is->next)
        bad |= is->doc == d;
    x->doc = p->set->docs[d];
    x->prefix = p->prefix[d];
    epub_x_start(x, "div");
    epub_x_attr(x, "id", cid[d]);
    epub_x_attr(x, "class",
                c->n ? (bad ? "cell bad" : "cell") : (bad ? "cell miss bad" : "cell miss"));
    epub_x_lang(x, al->tags[d]);
    epub_x_nl(x);
    if (!c->n) {
        epub_x_start(x, "p");
        epub_x_attr(x, "class", "missing");
        epub_x_text(x, c->merged_up ? "↑" : "—", 3);
        epub_x_end(x);
    } else {
        epub_x_start(x, "p");
        epub_x_attr(x, "class", "vlinks");
        epub_x_lang(x, "en");
        epub_x_attr(x, "dir", "ltr");
        epub_x_text(x, al->langs[d], strlen(al->langs[d]));
        for (size_t o = 0; o < al->ndocs; o++) {
            if (o == d || !al->rows[r].cells[o].n)
                continue;
            epub_x_text(x, " ", 1);
            epub_x_start(x, "a");
            epub_x_attr(x, "href", hx_printf(x->b->a, "#%s", cid[o]));
            epub_x_text(x, al->langs[o], strlen(al->langs[o]));
            epub_x_end(x);
        }
        epub_x_end(x);
        epub_x_nl(x);
    }
    for (int k = 0; k < c->n; k++) {
        const struct hx_node *n = c->node[k];
        if (n->parent && n->parent->type == HX_NOTE && n->parent->first == n) {
            size_t bi;
            const char *back = pmap_get(&p->back, n->parent, &bi)
                                   ? p->backs[bi]
                                   : hx_printf(x->b->a, "#%s", cid[d]);
            /* register the id the references were given */
            epub_x_aside(x, n->parent, epub_x_id(x, hx_printf(x->b->a, "n.%zu.%d", r, k)), back,
                         NULL);
        } else {
            epub_x_block(x, n);
        }
    }
    epub_x_end(x);
    epub_x_nl(x);
}

static void par_row(struct epub_x *x, struct par *p, size_t r)
{
    const struct hx_align *al = p->al;
    const struct hx_align_row *row = &al->rows[r];
    x->prefix = NULL;
    x->doc = p->set->docs[0];
    const char *rid = epub_x_id(x, hx_printf(x->b->a, "r.%s", row->key ? row->key : "row"));
    const char **cid = hx_alloc(x->b->a, al->ndocs * sizeof *cid);
    for (size_t d = 0; d < al->ndocs; d++) {
        x->prefix = p->prefix[d];
        cid[d] = epub_x_id(x, hx_printf(x->b->a, "c.%s", row->key ? row->key : "row"));
    }
    x->prefix = NULL;
    epub_x_start(x, "div");
    epub_x_attr(x, "id", rid);
    epub_x_attr(x, "class", row->flags ? "row flag" : "row");
    epub_x_nl(x);
    par_rowhead(x, p, r, rid);
    for (size_t d = 0; d < al->ndocs; d++)
        par_cell(x, p, r, d, cid);
    epub_x_end(x);
    epub_x_nl(x);
    /* a heading row is in the table of contents, in the first version's words */
    size_t d0 = 0;
    const struct hx_node *n = row_node(row, al->ndocs, &d0);
    if (n && n->type == HX_HEADING && n != x->toc_skip) {
        int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
        epub_book_toc(x->b, level, hx_printf(x->b->a, "%s#%s", x->file, rid),
                      epub_toc_text(x->b->a, p->set->docs[d0], n),
                      strcmp(al->tags[d0], x->b->langs[0]) ? al->tags[d0] : NULL);
    }
}

/* The section keyed key in the first version that has one, or NULL. */
static const struct hx_node *find_part(const struct hx_set *set, const char *key, size_t *doc)
{
    for (size_t d = 0; d < set->ndocs; d++)
        for (const struct hx_node *n = set->docs[d]->root->first; n; n = n->next)
            if (strcmp(part_key(n), key) == 0) {
                *doc = d;
                return n->type == HX_SECTION ? n : NULL;
            }
    *doc = 0;
    return NULL;
}

static int par_file(struct par *p, size_t f, const struct place *pl)
{
    const struct hx_align *al = p->al;
    size_t d = 0;
    const struct hx_node *part = find_part(p->set, p->files[f], &d);
    const struct hx_node *head = NULL;
    const char *title = epub_part_title(p->b, p->set->docs[d], part, al->tags[d], &head);
    epub_book_toc(p->b, 0, p->names[f], title,
                  strcmp(al->tags[d], p->b->langs[0]) ? al->tags[d] : NULL);
    struct epub_x x;
    if (epub_x_open(&x, p->b, p->set->docs[0], p->names[f], al->tags[0], title) < 0)
        return -1;
    x.toc = 0;
    x.toc_skip = head;
    x.skip_keyed = 1;
    x.note_href = par_note_href;
    x.ctx = p;
    p->cur = p->names[f];
    for (size_t k = 0; k < al->nrows; k++)
        if (pl[k].file == f)
            par_row(&x, p, pl[k].row);
    x.doc = p->set->docs[0];
    x.prefix = NULL;
    return epub_x_close(&x);
}

/* The book's metadata: every version's language, the first version's
 * title, an identifier from all the content, the latest of their times. */
static void par_meta(struct epub_book *b, struct hx_stage *st, struct hx_set *set,
                     const struct hx_align *al)
{
    b->langs = hx_alloc(b->a, (al->ndocs + 1) * sizeof *b->langs);
    int rtl = 1;
    for (size_t d = 0; d < al->ndocs; d++) {
        size_t k = 0;
        while (k < b->nlangs && strcmp(b->langs[k], al->tags[d]) != 0)
            k++;
        if (k == b->nlangs)
            b->langs[b->nlangs++] = al->tags[d];
        rtl &= hx_lang_is_rtl(al->tags[d]);
    }
    if (!b->nlangs)
        b->langs[b->nlangs++] = "und";
    b->rtl = rtl && al->ndocs;
    b->title = set->ndocs ? epub_book_title(set->docs[0]) : "hexaglot";
    b->identifier = epub_content_uuid(b->a, set->docs, set->ndocs);
    b->when = 0;
    for (size_t d = 0; d < set->ndocs; d++) {
        time_t t = epub_doc_time(st, set->docs[d]);
        b->when = t > b->when ? t : b->when;
    }
    struct hx_buf s = {0};
    hx_buf_addf(&s, "A parallel edition of %zu language versions (", al->ndocs);
    for (size_t d = 0; d < al->ndocs; d++)
        hx_buf_addf(&s, "%s%s", d ? ", " : "", al->langs[d]);
    hx_buf_adds(&s, ") interleaved paragraph by paragraph, each paragraph linked to its "
                    "counterparts; each row names its key and the disagreements found "
                    "between the versions.");
    b->summary_extra = hx_strdup(b->a, s.data);
    hx_buf_free(&s);
}

static int write_parallel(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    const struct hx_align *al = set->align;
    if (!al) {
        hx_error(st, NULL, NULL, "no alignment to write: put 'align' before it");
        return -1;
    }
    struct epub_book b = {.st = st, .a = set->arena};
    b.fs = ((struct epub_opts *)st->priv)->fs; /* fonts=embed */
    struct par p = {.set = set, .al = al, .b = &b};
    par_meta(&b, st, set, al);
    p.prefix = hx_alloc(b.a, (al->ndocs + 1) * sizeof *p.prefix);
    for (size_t d = 0; d < al->ndocs; d++) {
        struct hx_buf s = {0};
        for (const char *c = al->langs[d]; *c; c++)
            hx_buf_addc(&s, (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                                    (*c >= '0' && *c <= '9' && s.len)
                                ? *c
                                : '_');
        hx_buf_addc(&s, '.');
        p.prefix[d] = hx_strndup(b.a, s.data, s.len);
        hx_buf_free(&s);
    }
    const struct place *pl = par_places(&p, b.a);
    p.names = hx_alloc(b.a, p.nfiles * sizeof *p.names);
    for (size_t f = 0; f < p.nfiles; f++)
        p.names[f] = epub_part_file(b.a, f, p.files[f]);
    for (size_t f = 0; f < p.nfiles; f++)
        if (par_file(&p, f, pl) < 0)
            return -1;
    return epub_book_finish(&b, out);
}

const struct hx_filter hx_write_align_epub = {
    .name = "align-epub",
    .kind = HX_WRITER,
    .summary = "the parallel edition as one EPUB 3.3: versions interleaved by key, each "
               "paragraph linked to its counterparts, alignment flags shown",
    .ext = "epub",
    .needs = HX_HAS_ALIGN,
    .priv_size = sizeof(struct epub_opts),
    .opts = epub_font_opts,
    .open = epub_fonts_open,
    .write_set = write_parallel,
    .close = epub_fonts_close,
};
