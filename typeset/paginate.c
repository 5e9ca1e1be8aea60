/* Placing lines on pages: body lines from the top, the notes a line
 * references at the foot of the same page under a separator rule (what
 * does not fit continues at the next page's foot), headings kept with the
 * next line, no first line of a paragraph alone at a page bottom; then the
 * running head (document symbol) and the page number on every page. */
#include <stdlib.h>
#include <string.h>

#include "typeset/layout.h"

#define MARGIN TS_MARGIN
#define SEP 8.0 /* the note separator's room */

struct pager {
    struct ctx *c;
    struct hx_ts_run ***rtail; /* per page: where the next run goes */
    size_t tcap;
    double y;              /* top of the next body line */
    int has_body;          /* the current page has a body line */
    struct ts_line **foot; /* note lines waiting for this page's foot */
    size_t nfoot, fcap;
    double foot_h;
};

static double bottom(void)
{
    return MARGIN;
}

static void new_page(struct pager *pg)
{
    struct ctx *c = pg->c;
    struct hx_ts_doc *o = c->out;
    o->pages = hx_arena_grow(c->doc->arena, o->pages, o->npages, &c->pcap, sizeof *o->pages, 8);
    if (o->npages >= pg->tcap) {
        pg->tcap = pg->tcap ? 2 * pg->tcap : 16;
        pg->rtail = realloc(pg->rtail, pg->tcap * sizeof *pg->rtail);
        if (!pg->rtail)
            hx_oom();
    }
    pg->rtail[o->npages] = &o->pages[o->npages].runs;
    o->npages++;
    pg->y = o->height - MARGIN;
    pg->has_body = 0;
}

/* Puts line l on the current page with its baseline at yb. */
static void place(struct pager *pg, struct ts_line *l, double yb, double x0)
{
    struct ctx *c = pg->c;
    size_t p = c->out->npages - 1;
    struct hx_ts_page *page = &c->out->pages[p];
    for (struct hx_ts_run *r = l->runs, *nx; r; r = nx) {
        nx = r->next;
        r->x += x0;
        r->y += yb;
        r->next = NULL;
        *pg->rtail[p] = r;
        pg->rtail[p] = &r->next;
    }
    struct hx_ts_link **ltail = &page->links;
    while (*ltail) /* links in reading order */
        ltail = &(*ltail)->next;
    for (struct hx_ts_link *k = l->links, *nx; k; k = nx) {
        nx = k->next;
        for (size_t j = 0; k->note && j < c->nnotes; j++)
            if (c->notes[j].note == k->note && c->notes[j].ref_page < 0) {
                c->notes[j].ref_page = (int)p;
                c->notes[j].ref_y = yb + l->ascent;
            }
        k->x0 += x0;
        k->x1 += x0;
        k->y0 += yb;
        k->y1 += yb;
        k->next = NULL;
        *ltail = k;
        ltail = &k->next;
    }
    for (struct hx_ts_rule *u = l->rules, *nx; u; u = nx) {
        nx = u->next;
        u->x0 += x0;
        u->x1 += x0;
        u->y += yb;
        u->next = page->rules;
        page->rules = u;
    }
    if (l->mark) {
        struct hx_ts_mark *m = (struct hx_ts_mark *)l->mark;
        m->page = (int)p;
        m->y = yb + l->ascent;
    }
    if (l->target) {
        for (size_t k = 0; k < c->nnotes; k++)
            if (c->notes[k].note == l->target) {
                c->notes[k].page = (int)p;
                c->notes[k].y = yb + l->ascent;
            }
    }
}

/* Places the waiting note lines that fit above the bottom margin, under a
 * rule; the rest wait for the next page. */
static void flush_foot(struct pager *pg)
{
    struct ctx *c = pg->c;
    double room = pg->y - bottom() - SEP, h = 0;
    size_t n = 0;
    while (n < pg->nfoot && h + pg->foot[n]->height <= room)
        h += pg->foot[n++]->height;
    if (!n && pg->nfoot && !pg->has_body) /* a note taller than a page */
        h = pg->foot[n++]->height;
    if (n) {
        double y = bottom() + h;
        struct hx_ts_rule *rule = hx_alloc(c->doc->arena, sizeof *rule);
        struct hx_ts_page *page = &c->out->pages[c->out->npages - 1];
        rule->x0 = c->rtl ? c->out->width - MARGIN - 108 : MARGIN;
        rule->x1 = rule->x0 + 108;
        rule->y = y + SEP * 0.6;
        rule->width = 0.5;
        rule->next = page->rules;
        page->rules = rule;
        for (size_t k = 0; k < n; k++) {
            struct ts_line *l = pg->foot[k];
            place(pg, l, y - l->ascent, MARGIN);
            y -= l->height;
        }
    }
    if (pg->nfoot > n)
        memmove(pg->foot, pg->foot + n, (pg->nfoot - n) * sizeof *pg->foot);
    pg->nfoot -= n;
    pg->foot_h = 0;
    for (size_t k = 0; k < pg->nfoot; k++)
        pg->foot_h += pg->foot[k]->height;
}

/* The height the notes of l add to the foot (the first line of each, the
 * rest may continue overleaf), and queues them when add. */
static double notes_of(struct pager *pg, struct ts_line *l, int add)
{
    struct ctx *c = pg->c;
    double h = 0;
    for (size_t k = 0; k < l->nnotes; k++) {
        struct note_place *np = NULL;
        for (size_t j = 0; j < c->nnotes && !np; j++)
            if (c->notes[j].note == l->notes[k])
                np = &c->notes[j];
        if (!np || np->page == -2)
            continue;
        for (struct ts_line *nl = np->lines; nl; nl = nl->next) {
            h += nl->height;
            if (!add)
                continue;
            if (pg->nfoot == pg->fcap) {
                pg->fcap = pg->fcap ? 2 * pg->fcap : 16;
                pg->foot = realloc(pg->foot, pg->fcap * sizeof *pg->foot);
                if (!pg->foot)
                    hx_oom();
            }
            pg->foot[pg->nfoot++] = nl;
        }
        if (add) {
            np->page = -2; /* queued: never twice */
            pg->foot_h += h;
        }
    }
    return h;
}

static int fits(struct pager *pg, double need, double foot)
{
    double f = pg->foot_h + foot;
    return pg->y - need >= bottom() + (f > 0 ? f + SEP : 0);
}

/* The height that must fit below l for l to go on this page: a heading
 * keeps the next line and what that one keeps; a paragraph's first line
 * its second (no orphan), all three of a three-line paragraph; the line
 * before a last one that last one (no widow). */
static double keep_height(const struct ts_line *l)
{
    const struct ts_line *nx = l->next;
    if (!nx)
        return 0;
    if (l->keep_next)
        return nx->before + nx->height + keep_height(nx);
    if (l->first && !l->last)
        return nx->height + (!nx->last && nx->next && nx->next->last ? nx->next->height : 0);
    if (!l->last && nx->last)
        return nx->height;
    return 0;
}

static void paginate(struct pager *pg, struct ts_line *lines)
{
    new_page(pg);
    for (struct ts_line *l = lines, *nx; l; l = nx) {
        nx = l->next;
        double before = pg->has_body ? l->before : 0;
        double need = before + l->height, foot = notes_of(pg, l, 0);
        double more = keep_height(l);
        if (pg->has_body && (l->page_break || !fits(pg, need + more, foot > 0 ? l->height : 0))) {
            flush_foot(pg);
            new_page(pg);
            before = 0;
            need = l->height;
            for (const struct ts_line *h = l->repeat; h; h = h->next) {
                struct ts_line *copy = ts_line_copy(pg->c->doc->arena, h);
                place(pg, copy, pg->y - copy->ascent, MARGIN);
                pg->y -= copy->height;
            }
        }
        double yb = pg->y - before - l->ascent;
        l->next = NULL;
        place(pg, l, yb, MARGIN);
        pg->y -= need;
        pg->has_body = 1;
        notes_of(pg, l, 1);
    }
    flush_foot(pg);
    while (pg->nfoot) { /* notes continued past the last body line */
        new_page(pg);
        flush_foot(pg);
    }
}

/* A short line of text (running head, page number) at (x, baseline y),
 * aligned at its start (align 0), centred (1) or at its end (2). */
static void small_text(struct ctx *c, size_t page, const char *s, double size, unsigned style,
                       double x, double y, int align)
{
    struct ts_para p = {.doc = c->doc,
                        .lang = c->out->lang,
                        .rtl = 0,
                        .size = size,
                        .width = 1e5,
                        .align = TS_LEFT,
                        .style = style,
                        .missing = c->missing};
    struct ts_line *l = NULL, **t = &l;
    ts_para_add(&p, s, strlen(s), 0, NULL, NULL);
    ts_para_set(c->st, c->o->fonts, &p, &t);
    ts_para_free(&p);
    if (!l)
        return;
    double w = 0;
    for (struct hx_ts_run *r = l->runs; r; r = r->next)
        for (size_t i = 0; i < r->n; i++)
            if (r->x + r->g[i].x + size * 0.55 > w)
                w = r->x + r->g[i].x + size * 0.55;
    x -= align == 1 ? w / 2 : align == 2 ? w : 0;
    struct hx_ts_run **tail = &c->out->pages[page].runs;
    while (*tail)
        tail = &(*tail)->next;
    for (struct hx_ts_run *r = l->runs; r; r = r->next) {
        r->x += x;
        r->y += y;
    }
    *tail = l->runs;
}

void ts_finish(struct ctx *c, struct ts_line *lines)
{
    struct hx_ts_doc *out = c->out;
    const struct hx_ts_opts *o = c->o;
    struct pager pg = {.c = c};
    paginate(&pg, lines);
    free(pg.rtail);
    free(pg.foot);
    /* Note markers link to their notes, proof summaries to their rows. */
    for (size_t p = 0; p < out->npages; p++)
        for (struct hx_ts_link *k = out->pages[p].links; k; k = k->next) {
            for (size_t j = 0; k->note && j < c->nnotes; j++)
                if (c->notes[j].note == k->note) {
                    k->page = c->notes[j].page;
                    k->y = c->notes[j].y;
                }
            if (k->dest > 0 && (size_t)k->dest <= out->nmarks) {
                k->page = out->marks[k->dest - 1].page;
                k->y = out->marks[k->dest - 1].y;
            }
            k->note = NULL;
        }
    /* And back: a note's number links to its marker. */
    for (size_t j = 0; j < c->nnotes; j++) {
        struct note_place *np = &c->notes[j];
        if (np->page < 0 || np->ref_page < 0 || (size_t)np->page >= out->npages)
            continue;
        struct hx_ts_link *k = hx_alloc(c->doc->arena, sizeof *k);
        double w = o->size * 1.6;
        k->x0 = c->rtl ? out->width - MARGIN - w : MARGIN;
        k->x1 = k->x0 + w;
        k->y0 = np->y - o->size;
        k->y1 = np->y;
        k->page = np->ref_page;
        k->y = np->ref_y;
        struct hx_ts_link **t = &out->pages[np->page].links;
        while (*t)
            t = &(*t)->next;
        *t = k;
    }
    /* Running head and page numbers. */
    for (size_t p = 0; p < out->npages; p++) {
        double s = o->size * 0.85;
        if (out->symbol)
            small_text(c, p, out->symbol, p ? s : o->size * 1.4, HX_FONT_BOLD,
                       c->rtl == (p % 2 == 0) ? MARGIN : o->width - MARGIN, o->height - 45,
                       c->rtl == (p % 2 == 0) ? 0 : 2);
        char num[24];
        snprintf(num, sizeof num, "%zu", p + 1);
        small_text(c, p, num, s, 0, o->width / 2, 40, 1);
    }
    unsigned nmissing = hb_set_get_population(c->missing);
    if (nmissing > TS_MISSING_NAMED)
        hx_warn(c->st, c->doc, NULL, "%u more characters no font has were left out of the PDF",
                nmissing - TS_MISSING_NAMED);
}

int hx_ts_layout(struct hx_stage *st, struct hx_doc *doc, const struct hx_ts_opts *o,
                 struct hx_ts_doc *out)
{
    struct ctx c = {.st = st, .doc = doc, .o = o, .out = out};
    memset(out, 0, sizeof *out);
    out->width = o->width;
    out->height = o->height;
    out->lang = hx_node_lang(doc, doc->root);
    out->rtl = c.rtl = hx_lang_is_rtl(out->lang);
    out->symbol = hx_meta_get(doc, "symbol");
    out->title = hx_meta_get(doc, "title");
    c.col = o->width - 2 * TS_MARGIN;
    c.missing = hb_set_create();
    struct ts_line *lines = NULL, **tail = &lines;
    ts_walk(&c, doc->root->first, doc->root->last, &tail);
    ts_finish(&c, lines);
    hb_set_destroy(c.missing);
    return 0;
}
