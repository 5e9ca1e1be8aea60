/* From the model to lines: blocks become paragraphs to set (para.c) with
 * their UN layout (hanging paragraph numbers, indented sub-items, lead
 * words in italics, headings kept with what follows); each footnote is
 * set once into its own lines for paginate.c to place. */
#include <stdlib.h>
#include <string.h>

#include "typeset/layout.h"

static void walk_blocks(struct ctx *c, struct hx_node *first, struct hx_node *last, double indent,
                        struct ts_line ***tail, double size);

static const char *note_marker(struct ctx *c, const struct hx_node *n)
{
    if (n->num > 0)
        return hx_printf(c->doc->arena, "%d", n->num);
    return n->label ? n->label : "*";
}

/* Lays out a note's blocks into its own lines, once. */
static struct note_place *note_add(struct ctx *c, struct hx_node *note)
{
    for (size_t k = 0; k < c->nnotes; k++)
        if (c->notes[k].note == note)
            return &c->notes[k];
    c->notes = hx_arena_grow(c->doc->arena, c->notes, c->nnotes, &c->ncap, sizeof *c->notes, 16);
    struct note_place *np = &c->notes[c->nnotes++];
    np->note = note;
    np->page = -1;
    np->ref_page = -1;
    struct ts_line **tail = &np->lines;
    walk_blocks(c, note->first, note->last, 0, &tail, c->o->size * 0.8);
    if (np->lines)
        np->lines->target = note;
    return np;
}

static void inlines(struct ctx *c, struct ts_para *p, struct hx_node *first,
                    const struct hx_node *last, unsigned style, const char *href)
{
    for (struct hx_node *n = first; n; n = n == last ? NULL : n->next) {
        switch (n->type) {
        case HX_TEXT: ts_para_add(p, n->text, n->len, style, href, NULL); break;
        case HX_IMAGE:
            if (n->text)
                ts_para_add(p, n->text, n->len, style, href, NULL);
            break;
        case HX_BREAK: ts_para_add(p, " ", 1, style, href, NULL); break;
        case HX_EMPH: inlines(c, p, n->first, n->last, style | TS_ITALIC, href); break;
        case HX_STRONG: inlines(c, p, n->first, n->last, style | TS_BOLD, href); break;
        case HX_SUP: inlines(c, p, n->first, n->last, style | TS_SUP, href); break;
        case HX_LINK: inlines(c, p, n->first, n->last, style, n->href); break;
        case HX_NOTEREF: {
            const char *m = note_marker(c, n);
            ts_para_add(p, m, strlen(m), style | TS_SUP, NULL, NULL);
            break;
        }
        case HX_NOTE: {
            const char *m = note_marker(c, n);
            note_add(c, n);
            ts_para_add(p, m, strlen(m), style | TS_SUP, NULL, n);
            break;
        }
        default:
            if (!hx_type_is_inline(n->type) && p->text.len)
                ts_para_add(p, " ", 1, style, href, NULL);
            inlines(c, p, n->first, n->last, style, href);
            break;
        }
    }
}

/* Sets the label alone, to hang before the first line's text. */
static void hang_label(struct ctx *c, struct ts_para *p, struct ts_line *first)
{
    struct ts_para lp = {.doc = c->doc,
                         .node = p->node,
                         .lang = p->lang,
                         .rtl = p->rtl,
                         .size = p->size,
                         .width = 1e5,
                         .align = TS_LEFT,
                         .style = p->style,
                         .missing = c->missing};
    struct ts_line *l = NULL, **t = &l;
    ts_para_add(&lp, p->label, strlen(p->label), 0, NULL, NULL);
    ts_para_set(c->st, c->o->fonts, &lp, &t);
    ts_para_free(&lp);
    if (!l || !first)
        return;
    double w = 0;
    for (struct hx_ts_run *r = l->runs; r; r = r->next)
        for (size_t i = 0; i < r->n; i++)
            if (r->g[i].x + r->size * 0.5 > w)
                w = r->g[i].x + r->size * 0.5;
    double gap = p->size * 0.6;
    /* Past the text's start edge: left of it, or right of it in RTL. */
    double x = p->rtl ? p->width - p->indent + gap : p->indent - gap - w;
    if (!p->rtl && x < -p->hang)
        x = -p->hang;
    struct hx_ts_run *r = l->runs, *last = r;
    double base = l->runs->x;
    for (; r; r = r->next) {
        r->x = x + (r->x - base);
        last = r;
    }
    last->next = first->runs;
    first->runs = l->runs;
}

static void para(struct ctx *c, struct hx_node *n, double indent, struct ts_line ***tail,
                 double size, const char *label)
{
    struct ts_para p = {.doc = c->doc,
                        .node = n,
                        .size = size,
                        .width = c->col,
                        .indent = indent,
                        .align = TS_JUSTIFY,
                        .missing = c->missing};
    p.lang = hx_node_lang(c->doc, n);
    p.rtl = (n->flags & HX_F_RTL) || hx_lang_is_rtl(p.lang);
    double before = size * 0.6;
    int keep = 0;
    if (n->type == HX_HEADING) {
        p.style = TS_BOLD;
        p.align = TS_LEFT;
        before = size;
        keep = 1;
    } else if (n->role == HX_ROLE_TITLE) {
        p.style = TS_BOLD;
        p.size = size * 1.2;
        p.align = TS_LEFT;
        keep = 1;
    } else if (n->role == HX_ROLE_MASTHEAD) {
        p.align = TS_LEFT;
        before = size * 0.3;
    }
    const char *lab = label ? label : n->label;
    if (n->role == HX_ROLE_NOTE_BODY)
        lab = NULL;
    if (lab && *lab) {
        p.label = lab;
        if (c->no_marks) /* a proof column: the label hangs inside it */
            p.indent += size * 2.2;
        if (n->role == HX_ROLE_SUBITEM && !label)
            p.indent += size * 2.5;
        p.hang = indent + size * 2.5;
    }
    /* Preambular and operative lead words in italics (Latin and Cyrillic
     * scripts print them so; Chinese and Arabic do not). */
    struct hx_node *first = n->first;
    if (n->lead && !hx_lang_is(p.lang, "zh") && !hx_lang_is(p.lang, "ar") && first &&
        first->type == HX_TEXT) {
        const char *sp = memchr(first->text, ' ', first->len);
        size_t k = sp ? (size_t)(sp - first->text) : first->len;
        ts_para_add(&p, first->text, k, TS_ITALIC, NULL, NULL);
        ts_para_add(&p, first->text + k, first->len - k, 0, NULL, NULL);
        first = first->next;
        if (first)
            inlines(c, &p, first, n->last, 0, NULL);
    } else if (first) {
        inlines(c, &p, first, n->last, 0, NULL);
    }
    if (n->role == HX_ROLE_NOTE_BODY && n->parent && n->parent->type == HX_NOTE) {
        /* The note's number, hanging, as the foot prints it. */
        p.label = note_marker(c, n->parent);
        p.indent += size * 1.5;
        p.hang = p.indent;
    }
    int blank = 1;
    for (size_t i = 0; i < p.text.len && blank; i++)
        blank = p.text.data[i] == ' ';
    if (blank && !p.label) {
        ts_para_free(&p);
        return;
    }
    struct ts_line **start = *tail;
    ts_para_set(c->st, c->o->fonts, &p, tail);
    struct ts_line *l = *start;
    if (l) {
        l->before = before;
        if (p.label)
            hang_label(c, &p, l);
        for (; l; l = l->next)
            l->keep_next = keep;
        if ((n->type == HX_HEADING || n->role == HX_ROLE_TITLE) && !c->no_marks) {
            c->out->marks = hx_arena_grow(c->doc->arena, c->out->marks, c->out->nmarks, &c->mcap,
                                          sizeof *c->out->marks, 16);
            struct hx_ts_mark *m = &c->out->marks[c->out->nmarks++];
            m->title = hx_node_text(c->doc, n, NULL);
            if (n->label)
                m->title = hx_printf(c->doc->arena, "%s %s", n->label, m->title);
            m->level = n->type == HX_HEADING && n->level > 0 ? n->level : 1;
            (*start)->mark = m;
        }
    }
    ts_para_free(&p);
}

struct ts_line *ts_line_copy(struct hx_arena *a, const struct ts_line *l)
{
    struct ts_line *c = hx_alloc(a, sizeof *c);
    *c = *l;
    c->links = NULL;
    c->notes = NULL;
    c->nnotes = 0;
    c->mark = NULL;
    c->target = NULL;
    c->next = NULL;
    c->repeat = NULL;
    c->rules = NULL;
    struct hx_ts_run **tail = &c->runs;
    for (const struct hx_ts_run *r = l->runs; r; r = r->next) {
        *tail = hx_alloc(a, sizeof **tail);
        **tail = *r;
        (*tail)->next = NULL;
        tail = &(*tail)->next;
    }
    return c;
}

static int row_is_header(const struct hx_node *r)
{
    if (r->flags & HX_F_HEADER)
        return 1;
    for (const struct hx_node *c = r->first; c; c = c->next)
        if (!(c->flags & HX_F_HEADER))
            return 0;
    return r->first != NULL;
}

/* A table: cells set in equal columns, a row's cells side by side; the
 * header rows at its top are repeated atop every page it continues on. */
static void table(struct ctx *c, struct hx_node *t, double indent, struct ts_line ***tail,
                  double size)
{
    struct ts_line *head = NULL, **htail = &head;
    int in_head = 1;
    for (struct hx_node *r = t->first; r; r = r->next) {
        size_t ncol = 0;
        for (struct hx_node *cell = r->first; cell; cell = cell->next)
            ncol++;
        if (!ncol)
            continue;
        double cw = (c->col - indent) / (double)ncol, saved = c->col;
        struct ts_line *rows = NULL, **rt = &rows;
        size_t k = 0;
        for (struct hx_node *cell = r->first; cell; cell = cell->next, k++) {
            struct ts_line *cl = NULL, **ct = &cl;
            c->col = cw - size * 0.5;
            walk_blocks(c, cell->first, cell->last, 0, &ct, size * 0.9);
            c->col = saved;
            double dx = c->rtl ? saved - indent - cw * (double)(k + 1) : indent + cw * (double)k;
            struct ts_line **rp = &rows;
            for (struct ts_line *l = cl; l; l = l->next) {
                for (struct hx_ts_run *run = l->runs; run; run = run->next)
                    run->x += dx;
                if (!*rp) {
                    *rp = hx_alloc(c->doc->arena, sizeof **rp);
                    **rp = *l;
                    (*rp)->runs = NULL;
                    (*rp)->links = NULL;
                    (*rp)->notes = NULL;
                    (*rp)->nnotes = 0;
                    (*rp)->next = NULL;
                    (*rp)->before = 0;
                    (*rp)->mark = NULL;
                }
                struct hx_ts_run **e = &(*rp)->runs;
                while (*e)
                    e = &(*e)->next;
                *e = l->runs;
                for (struct hx_ts_link *lk = l->links, *nx; lk; lk = nx) {
                    nx = lk->next;
                    lk->x0 += dx;
                    lk->x1 += dx;
                    lk->next = (*rp)->links;
                    (*rp)->links = lk;
                }
                for (size_t j = 0; j < l->nnotes; j++) {
                    (*rp)->notes = hx_arena_grow(c->doc->arena, (*rp)->notes, (*rp)->nnotes,
                                                 &(size_t){(*rp)->nnotes}, sizeof *l->notes, 4);
                    (*rp)->notes[(*rp)->nnotes++] = l->notes[j];
                }
                if (l->height > (*rp)->height)
                    (*rp)->height = l->height;
                rp = &(*rp)->next;
            }
        }
        int is_head = in_head && row_is_header(r);
        in_head = is_head;
        for (struct ts_line *l = rows; l; l = l->next) {
            l->first = l == rows;
            l->last = !l->next;
            l->before = l == rows ? size * 0.4 : 0;
            l->keep_next = is_head;
            if (is_head) {
                *htail = ts_line_copy(c->doc->arena, l);
                htail = &(*htail)->next;
            } else {
                l->repeat = head;
            }
            rt = &l->next;
        }
        if (rows) {
            **tail = rows;
            *tail = rt;
        }
    }
}

static void walk_blocks(struct ctx *c, struct hx_node *first, struct hx_node *last, double indent,
                        struct ts_line ***tail, double size)
{
    for (struct hx_node *n = first; n; n = n == last ? NULL : n->next) {
        switch (n->type) {
        case HX_SECTION: walk_blocks(c, n->first, n->last, indent, tail, size); break;
        case HX_QUOTE: walk_blocks(c, n->first, n->last, indent + size * 2.5, tail, size); break;
        case HX_LIST:
            for (struct hx_node *i = n->first; i; i = i->next) {
                if (i->type != HX_ITEM) {
                    walk_blocks(c, i, i, indent, tail, size);
                    continue;
                }
                struct hx_node *b = i->first;
                const char *lab = i->label && *i->label ? i->label : "•";
                if (b && (b->type == HX_PARA || b->type == HX_HEADING)) {
                    para(c, b, indent + size * 2.5, tail, size, lab);
                    b = b->next;
                }
                if (b)
                    walk_blocks(c, b, i->last, indent + size * 2.5, tail, size);
            }
            break;
        case HX_TABLE: table(c, n, indent, tail, size); break;
        case HX_PARA:
        case HX_HEADING: para(c, n, indent, tail, size, NULL); break;
        default:
            if (hx_type_is_inline(n->type)) {
                struct hx_node *wrap = hx_node_new(c->doc, HX_PARA);
                wrap->parent = n->parent;
                wrap->first = wrap->last = n;
                para(c, wrap, indent, tail, size, NULL);
            } else {
                walk_blocks(c, n->first, n->last, indent, tail, size);
            }
            break;
        }
    }
}

void ts_walk(struct ctx *c, struct hx_node *first, struct hx_node *last, struct ts_line ***tail)
{
    walk_blocks(c, first, last, 0, tail, c->o->size);
}

void ts_blocks(struct ctx *c, struct hx_node *first, struct hx_node *last, struct ts_line ***tail,
               double size)
{
    walk_blocks(c, first, last, 0, tail, size);
}
