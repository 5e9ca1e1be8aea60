/* Paragraphs begun and finished: a w:p becomes a heading or paragraph with
 * its style, numbering label and direction, and is trimmed and pruned when
 * it ends; paragraphs a tracked change merged. Part of the docx reader;
 * the walk (walk.c, table.c) calls it, it never calls back. */
#include <stdlib.h>
#include <string.h>

#include "walk.h"

/* Strips spaces and tabs at the start (end = 0) or end of a paragraph's
 * text; 1 once real content is reached. */
static int trim_ends(struct hx_doc *doc, struct hx_node *n, int end)
{
    for (struct hx_node *c = end ? n->last : n->first; c; c = end ? c->prev : c->next) {
        if (c->type == HX_TEXT) {
            size_t a = 0, b = c->len;
            if (!end)
                while (a < b && (c->text[a] == ' ' || c->text[a] == '\t'))
                    a++;
            else
                while (b > a && (c->text[b - 1] == ' ' || c->text[b - 1] == '\t'))
                    b--;
            if (a || b != c->len)
                hx_node_set_text(doc, c, c->text + a, b - a);
            if (c->len)
                return 1;
        } else if (c->type == HX_NOTE || c->type == HX_IMAGE || c->type == HX_BREAK ||
                   c->type == HX_NOTEREF) {
            return 1;
        } else if (trim_ends(doc, c, end)) {
            return 1;
        }
    }
    return 0;
}

/* Removes empty text nodes and inline wrappers left empty. */
static void prune(struct hx_node *n)
{
    struct hx_node *c = n->first;
    while (c) {
        struct hx_node *next = c->next;
        if (c->type == HX_TEXT) {
            if (!c->len)
                hx_node_detach(c);
        } else if (c->type == HX_SPAN || c->type == HX_EMPH || c->type == HX_STRONG ||
                   c->type == HX_SUP || c->type == HX_SUB || c->type == HX_LINK) {
            prune(c);
            if (!c->first)
                hx_node_detach(c);
        }
        c = next;
    }
}

/* Direction of the first strong character of a paragraph's own text (not
 * its notes): 1 right to left, 0 left to right, -1 none yet. */
static int first_strong_rtl(const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c->type == HX_NOTE)
            continue;
        if (c->type == HX_TEXT) {
            for (size_t i = 0; i < c->len;) {
                int32_t cp = hx_utf8_next(c->text, c->len, &i);
                if (docx_is_rtl_cp(cp))
                    return 1;
                if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
                    (cp >= 0xC0 && cp < 0x590) || docx_is_ea_cp(cp))
                    return 0;
            }
            continue;
        }
        int r = first_strong_rtl(c);
        if (r >= 0)
            return r;
    }
    return -1;
}

/* Trims, prunes and completes a finished paragraph; drops it when empty. */
void docx_para_finish(struct docx_walk *w, struct hx_node *n)
{
    trim_ends(w->dx->doc, n, 0);
    trim_ends(w->dx->doc, n, 1);
    prune(n);
    if (n->span[0] < 0 && first_strong_rtl(n) == 1)
        n->flags |= HX_F_RTL;
    n->span[0] = 0;
    if (!n->first && !(n->label && *n->label))
        hx_node_detach(n);
}

void docx_merge_end(struct docx_walk *w)
{
    if (w->merge)
        docx_para_finish(w, w->merge);
    w->merge = NULL;
}

void docx_para_begin(struct docx_walk *w, struct docx_ctx *c, struct docx_ppr *pp)
{
    struct docx *dx = w->dx;
    struct docx_para *p = c->p;
    struct docx_ppr sp;
    const char *style = pp->style ? pp->style : dx->styles.def_para;

    docx_style_ppr(dx, style, &sp);
    p->base = dx->styles.defaults;
    docx_style_rpr(dx, style, &p->base);
    if (w->merge && w->merge->parent == c->parent) {
        p->node = w->merge;
        p->inl = p->node;
        w->merge = NULL;
        return;
    }
    docx_merge_end(w);
    int heading = docx_style_heading(dx, style);
    int outline = pp->outline >= 0 ? pp->outline : -1;
    if (outline >= 0)
        heading = outline < 9 ? outline + 1 : 0;
    struct hx_node *n = docx_node_new(w, heading ? HX_HEADING : HX_PARA);
    n->level = heading;
    const struct docx_style *s = docx_style_get(dx, style);
    if (s)
        n->style = s->name ? s->name : s->id;
    int bidi = pp->bidi >= 0 ? pp->bidi : sp.bidi;
    if (bidi == 1)
        n->flags |= HX_F_RTL;
    n->span[0] = bidi; /* scratch, cleared at the end of the paragraph */

    int num_id = pp->num_id >= 0 ? pp->num_id : sp.num_id;
    int ilvl = pp->ilvl >= 0 ? pp->ilvl : -1;
    if (num_id > 0) {
        if (ilvl < 0 && pp->num_id < 0)
            ilvl = docx_num_style_level(dx, num_id, style);
        if (ilvl < 0)
            ilvl = sp.ilvl >= 0 ? sp.ilvl : 0;
        int value;
        const char *label = docx_number(dx, num_id, ilvl, &value);
        /* a level that shows nothing (LibreOffice's outline numbering:
         * numFmt none, lvlText "%1") gives no label, so the structure
         * stages read the one typed in the text ("I. Introduction") */
        if (label && *label) {
            n->label = label;
            n->num = value;
        }
        if (label) {
            if (!heading)
                n->level = ilvl;
        }
    }
    hx_node_append(c->parent, n);
    p->node = n;
    p->inl = n;
}
