/* The reviser's proof (see typeset.h): alignment rows set side by side in
 * columns through the same paragraph setter as the single-language PDF. */
#include <stdlib.h>
#include <string.h>

#include "typeset/layout.h"

#define KEY_W 58.0 /* the margin column: key and flags */
#define GUTTER 9.0

struct proof {
    struct ctx *c;
    struct hx_set *set;
    const struct hx_align *al;
    double colw, size;
    int *row_mark, *part_mark; /* 1 + mark index, 0 = none */
};

static int add_mark(struct ctx *c, const char *title, int level)
{
    struct hx_ts_doc *o = c->out;
    o->marks = hx_arena_grow(c->doc->arena, o->marks, o->nmarks, &c->mcap, sizeof *o->marks, 16);
    struct hx_ts_mark *m = &o->marks[o->nmarks++];
    m->title = title;
    m->level = level;
    m->page = -1;
    return (int)o->nmarks;
}

static char *flag_names(struct hx_arena *a, unsigned flags)
{
    char *s = hx_strdup(a, "");
    for (unsigned bit = 1; bit && bit <= flags; bit <<= 1)
        if (flags & bit)
            s = hx_printf(a, "%s%s%s", s, *s ? ", " : "", hx_align_flag_name(bit));
    return s;
}

/* One short paragraph set at width w into lines appended at *tail. */
static void text_lines(struct ctx *c, const char *lang, const char *s, double size, unsigned style,
                       double w, int dest, struct ts_line ***tail)
{
    struct ts_para p = {.doc = c->doc,
                        .lang = lang,
                        .rtl = hx_lang_is_rtl(lang),
                        .size = size,
                        .width = w,
                        .align = TS_LEFT,
                        .style = style,
                        .missing = c->missing};
    if (dest)
        ts_para_add_dest(&p, s, strlen(s), 0, dest);
    else
        ts_para_add(&p, s, strlen(s), 0, NULL, NULL);
    ts_para_set(c->st, c->o->fonts, &p, tail);
    ts_para_free(&p);
}

/* Adds lines (a column's, shifted by dx) into the row's merged lines. */
static void merge(struct ctx *c, struct ts_line **rows, struct ts_line *lines, double dx)
{
    struct ts_line **rp = rows;
    for (struct ts_line *l = lines; l; l = l->next) {
        if (!*rp) {
            *rp = hx_alloc(c->doc->arena, sizeof **rp);
            (*rp)->height = l->height;
            (*rp)->ascent = l->ascent;
        }
        struct ts_line *r = *rp;
        struct hx_ts_run **e = &r->runs;
        while (*e)
            e = &(*e)->next;
        for (struct hx_ts_run *run = l->runs; run; run = run->next)
            run->x += dx;
        *e = l->runs;
        for (struct hx_ts_link *k = l->links, *nx; k; k = nx) {
            nx = k->next;
            k->x0 += dx;
            k->x1 += dx;
            k->next = r->links;
            r->links = k;
        }
        for (struct hx_ts_rule *u = l->rules, *nx; u; u = nx) {
            nx = u->next;
            u->x0 += dx;
            u->x1 += dx;
            u->next = r->rules;
            r->rules = u;
        }
        if (l->target)
            r->target = l->target;
        if (l->height > r->height)
            r->height = l->height;
        if (l->ascent > r->ascent)
            r->ascent = l->ascent;
        rp = &r->next;
    }
}

static struct hx_ts_rule *rule(struct ctx *c, double x0, double x1, double y, double w, double g)
{
    struct hx_ts_rule *u = hx_alloc(c->doc->arena, sizeof *u);
    u->x0 = x0;
    u->x1 = x1;
    u->y = y;
    u->width = w;
    u->gray = g;
    return u;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Highlights every whole occurrence of tok in the column's lines: a light
 * box under the glyphs that stand for it. */
static void highlight(struct ctx *c, struct ts_line *lines, const char *tok, size_t n)
{
    for (struct ts_line *l = lines; l; l = l->next)
        for (struct hx_ts_run *r = l->runs; r; r = r->next)
            for (size_t i = 0; i < r->n; i++) {
                const char *at = r->text + r->g[i].at;
                if (!r->g[i].len || strncmp(at, tok, n) || is_digit(at[n]) ||
                    (r->g[i].at > 0 && is_digit(at[-1]) && is_digit(tok[0])))
                    continue;
                double x0 = 1e9, x1 = -1e9;
                for (size_t j = 0; j < r->n; j++) {
                    if (r->g[j].at < r->g[i].at || r->g[j].at >= r->g[i].at + n)
                        continue;
                    double gx = r->x + r->g[j].x;
                    double nx = j + 1 < r->n ? r->x + r->g[j + 1].x : gx + r->size * 0.5;
                    if (gx < x0)
                        x0 = gx;
                    if ((nx > gx ? nx : gx + r->size * 0.5) > x1)
                        x1 = nx > gx ? nx : gx + r->size * 0.5;
                }
                if (x0 > x1)
                    continue;
                struct hx_ts_rule *u = rule(c, x0, x1, r->y + r->size * 0.32, r->size * 1.1, 0.78);
                u->next = l->rules;
                l->rules = u;
            }
}

/* The tokens an issue blames on language lang: in "…: en has A, B; zh
 * has C" the ones after "lang … has". */
static void highlight_issue(struct ctx *c, struct ts_line *lines, const char *msg, const char *lang)
{
    const char *p = strchr(msg, ':');
    size_t ll = strlen(lang);
    while (p && *p) {
        p += strspn(p, ":; ");
        const char *has = strstr(p, " has "), *end = strchr(p, ';');
        if (!has || (end && has > end))
            break;
        int mine = 0;
        for (const char *w = p; w < has;) {
            size_t k = strcspn(w, " ");
            mine |= k == ll && !strncmp(w, lang, ll);
            w += k + (w[k] == ' ');
        }
        const char *t = has + 5, *stop = end ? end : t + strlen(t);
        while (mine && t < stop) {
            size_t k = strcspn(t, ",;");
            if (t + k > stop)
                k = (size_t)(stop - t);
            if (k)
                highlight(c, lines, t, k);
            t += k;
            t += strspn(t, ", ");
        }
        p = end;
    }
}

/* One column of a row: the document's paragraphs, then their notes; for
 * the second pivot paragraph of a 2–1 bead, whose counterpart the aligner
 * leaves in the row above (merged_up, no paragraph here), the arrow the
 * TSV and HTML reports put there, so that the reader is sent up rather
 * than told the paragraph is missing. */
static struct ts_line *column(struct proof *pr, size_t k, const struct hx_align_cell *cell)
{
    struct ctx *c = pr->c;
    struct ts_line *lines = NULL, **tail = &lines;
    size_t before = c->nnotes;
    c->doc = pr->set->docs[k];
    c->col = pr->colw - GUTTER;
    if (!cell->n && cell->merged_up)
        text_lines(c, pr->al->tags[k], "\xe2\x86\x91", pr->size, 0, c->col, 0, &tail);
    for (int j = 0; j < cell->n; j++)
        ts_blocks(c, cell->node[j], cell->node[j], &tail, pr->size);
    for (size_t j = before; j < c->nnotes; j++)
        for (struct ts_line *nl = c->notes[j].lines; nl; nl = nl->next) {
            struct ts_line *copy = hx_alloc(c->doc->arena, sizeof *copy);
            *copy = *nl;
            copy->next = NULL;
            *tail = copy;
            tail = &copy->next;
        }
    c->doc = pr->set->docs[0];
    return lines;
}

/* The flagged tokens of row r highlighted in column k. */
static void mark_tokens(struct proof *pr, const struct hx_align_row *r, size_t k,
                        struct ts_line *lines)
{
    for (const struct hx_align_issue *is = r->issues; is; is = is->next)
        if (is->kind & (HX_AF_NUMBERS | HX_AF_SYMBOLS | HX_AF_URLS | HX_AF_NOTE_TEXT))
            highlight_issue(pr->c, lines, is->msg, pr->al->langs[k]);
}

static void row(struct proof *pr, size_t i, struct ts_line *head, struct ts_line ***tail)
{
    struct ctx *c = pr->c;
    const struct hx_align_row *r = &pr->al->rows[i];
    struct ts_line *rows = NULL, *margin = NULL, **mt = &margin;
    text_lines(c, "en", r->key ? r->key : "", pr->size * 0.75, 0, KEY_W - 4, 0, &mt);
    if (r->flags)
        text_lines(c, "en", flag_names(c->doc->arena, r->flags), pr->size * 0.75, HX_FONT_BOLD,
                   KEY_W - 4, 0, &mt);
    merge(c, &rows, margin, 0);
    for (size_t k = 0; k < pr->al->ndocs; k++) {
        struct ts_line *col = column(pr, k, &r->cells[k]);
        mark_tokens(pr, r, k, col);
        merge(c, &rows, col, KEY_W + (double)k * pr->colw);
    }
    if (!rows)
        return;
    double h = 0;
    for (struct ts_line *l = rows; l; l = l->next)
        h += l->height;
    double top = rows->ascent;
    for (size_t k = 0; k < pr->al->ndocs; k++)
        if (r->cells[k].n == 0) { /* no paragraph here (missing, or merged up
                                     with its arrow): a shaded cell, as in HTML */
            double x0 = KEY_W + (double)k * pr->colw;
            struct hx_ts_rule *u = rule(c, x0, x0 + pr->colw - GUTTER, top - h / 2, h, 0.88);
            u->next = rows->rules;
            rows->rules = u;
        }
    struct hx_ts_rule *sep = rule(c, 0, c->out->width - 2 * TS_MARGIN, top + 3, 0.3, 0.6);
    sep->next = rows->rules;
    rows->rules = sep;
    int keep = h < (c->out->height - 2 * TS_MARGIN) / 2;
    rows->before = pr->size * 0.6;
    for (struct ts_line *l = rows; l; l = l->next) {
        l->first = l == rows;
        l->last = !l->next;
        l->keep_next = keep && l->next;
        l->repeat = head;
    }
    if (pr->part_mark[i]) { /* on an empty line: the row may carry its own */
        struct ts_line *ml = hx_alloc(c->doc->arena, sizeof *ml);
        ml->mark = &c->out->marks[pr->part_mark[i] - 1];
        ml->keep_next = 1;
        ml->first = ml->last = 1;
        ml->repeat = head;
        **tail = ml;
        *tail = &ml->next;
    }
    if (pr->row_mark[i])
        rows->mark = &c->out->marks[pr->row_mark[i] - 1];
    **tail = rows;
    for (struct ts_line *l = rows; l; l = l->next)
        *tail = &l->next;
}

int hx_ts_layout_proof(struct hx_stage *st, struct hx_set *set, const struct hx_align *al,
                       const struct hx_ts_opts *o, struct hx_ts_doc *out)
{
    if (!set->ndocs || al->ndocs != set->ndocs)
        return -1;
    struct ctx c = {.st = st, .doc = set->docs[0], .o = o, .out = out, .no_marks = 1};
    struct proof pr = {.c = &c, .set = set, .al = al, .size = o->size * 0.9};
    struct hx_arena *a = c.doc->arena;
    memset(out, 0, sizeof *out);
    out->width = o->width;
    out->height = o->height;
    out->lang = hx_node_lang(c.doc, c.doc->root);
    out->symbol = hx_meta_get(c.doc, "symbol");
    out->title = hx_printf(a, "Proof: %s", set->name ? set->name : "");
    c.missing = hb_set_create();
    pr.colw = (o->width - 2 * TS_MARGIN - KEY_W) / (double)al->ndocs;
    pr.row_mark = hx_alloc(a, (al->nrows + 1) * sizeof *pr.row_mark);
    pr.part_mark = hx_alloc(a, (al->nrows + 1) * sizeof *pr.part_mark);
    /* Every mark first: the summary links to them by index. */
    const char *part = NULL;
    for (size_t i = 0; i < al->nrows; i++) {
        const struct hx_align_row *r = &al->rows[i];
        if (r->part && (!part || strcmp(part, r->part)))
            pr.part_mark[i] = add_mark(&c, part = r->part, 1);
        if (r->flags)
            pr.row_mark[i] = add_mark(
                &c, hx_printf(a, "%s: %s", r->key ? r->key : "?", flag_names(a, r->flags)), 2);
    }
    struct ts_line *lines = NULL, **tail = &lines;
    double w = o->width - 2 * TS_MARGIN;
    text_lines(&c, "en", hx_printf(a, "Flags: %zu of %zu rows", al->flagged, al->nrows), o->size,
               HX_FONT_BOLD, w, 0, &tail);
    for (size_t i = 0; i < al->nrows; i++) {
        const struct hx_align_row *r = &al->rows[i];
        if (!r->flags)
            continue;
        struct hx_buf b = {0};
        hx_buf_addf(&b, "%s  %s", r->key ? r->key : "?", flag_names(a, r->flags));
        for (const struct hx_align_issue *is = r->issues; is; is = is->next)
            hx_buf_addf(&b, "%s %s", is == r->issues ? ":" : ";", is->msg);
        text_lines(&c, "en", b.data, pr.size * 0.85, 0, w, pr.row_mark[i], &tail);
        hx_buf_free(&b);
    }
    /* The language names, atop every page of rows. */
    struct ts_line *head = NULL, *hl = NULL, **ht = &hl;
    for (size_t k = 0; k < al->ndocs; k++) {
        struct ts_line *cl = NULL, **ct = &cl;
        text_lines(&c, al->tags[k], al->langs[k], pr.size, HX_FONT_BOLD, pr.colw - GUTTER, 0, &ct);
        merge(&c, &head, cl, KEY_W + (double)k * pr.colw);
    }
    (void)ht;
    if (head) {
        struct ts_line *first_row = NULL, **rt = &first_row;
        for (size_t i = 0; i < al->nrows; i++)
            row(&pr, i, head, &rt);
        /* The first page of rows starts with the names too. */
        struct ts_line *h0 = ts_line_copy(a, head);
        h0->page_break = 1;
        h0->keep_next = 1;
        *tail = h0;
        h0->next = first_row;
    }
    ts_finish(&c, lines);
    hb_set_destroy(c.missing);
    return 0;
}
