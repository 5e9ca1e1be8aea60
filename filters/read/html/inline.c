/* Inline content of the HTML reader: text with its white space collapsed
 * as a browser would (kept inside <pre>), emphasis, links, images, breaks,
 * spans that change language or direction, and the trimming of the space a
 * block ends with. Apart from the block walk because white space is the
 * one state the walk carries from node to node. */
#include <string.h>

#include <libxml/tree.h>

#include "html.h"

/* Appends text to an inline parent, collapsing white space runs (kept
 * inside <pre>, where a newline becomes a line break). */
static void add_text(struct html_walk *w, struct hx_node *parent, const char *s, unsigned line)
{
    struct hx_buf b = {0};
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (w->pre && c == '\n') {
            if (b.len) {
                struct hx_node *t = hx_text_new(w->doc, b.data, b.len);
                t->pos.line = line;
                hx_node_append(parent, t);
                hx_buf_reset(&b);
            }
            hx_node_append(parent, hx_node_new(w->doc, HX_BREAK));
            continue;
        }
        if (!w->pre && is_html_space(c)) {
            if (!w->space)
                hx_buf_addc(&b, ' ');
            w->space = 1;
            continue;
        }
        hx_buf_addc(&b, (char)c);
        w->space = 0;
    }
    if (b.len) {
        struct hx_node *t = hx_text_new(w->doc, b.data, b.len);
        t->pos.line = line;
        hx_node_append(parent, t);
    }
    hx_buf_free(&b);
}

/* Drops the collapsed space a block may end with, and empty inline
 * wrappers left behind by it. */
static void trim_end(struct html_walk *w, struct hx_node *blk)
{
    for (;;) {
        struct hx_node *n = blk->last;
        while (n && n->type != HX_TEXT && n->type != HX_BREAK && n->type != HX_IMAGE &&
               n->type != HX_NOTE && n->last)
            n = n->last;
        if (!n || n->type != HX_TEXT)
            return;
        size_t len = n->len;
        while (len && is_html_space((unsigned char)n->text[len - 1]))
            len--;
        if (len) {
            if (len != n->len)
                hx_node_set_text(w->doc, n, n->text, len);
            return;
        }
        /* The whole run was space: remove it and any wrapper it emptied. */
        hx_node_detach_pruning(n, blk);
    }
}

void html_finish_block(struct html_walk *w, struct hx_node *blk)
{
    if (!blk)
        return;
    trim_end(w, blk);
    if (!blk->first)
        hx_node_detach(blk);
}

void html_walk_inline_children(struct html_walk *w, xmlNode *x, struct hx_node *parent, int depth)
{
    for (xmlNode *c = x->children; c; c = c->next)
        html_walk_inline(w, c, parent, depth + 1);
}

void html_walk_inline(struct html_walk *w, xmlNode *x, struct hx_node *parent, int depth)
{
    if (html_too_deep(w, x, depth))
        return;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
        if (x->content) {
            long line = xmlGetLineNo(x);
            add_text(w, parent, (const char *)x->content, line > 0 ? (unsigned)line : 0);
        }
        return;
    }
    if (x->type != XML_ELEMENT_NODE)
        return;
    enum hx_type t = HX_SPAN;
    switch (html_kind_of(x)) {
    case K_SKIP: return;
    case K_EMPH: t = HX_EMPH; break;
    case K_STRONG: t = HX_STRONG; break;
    case K_SUP: t = HX_SUP; break;
    case K_SUB: t = HX_SUB; break;
    case K_BREAK:
        hx_node_append(parent, html_node_for(w, x, HX_BREAK));
        w->space = 1;
        return;
    case K_IMAGE: {
        struct hx_node *img = html_node_for(w, x, HX_IMAGE);
        const char *alt = html_attr(w, x, "alt");
        if (alt) {
            img->text = alt;
            img->len = strlen(alt);
        }
        hx_node_append(parent, img);
        w->space = 0;
        return;
    }
    case K_LINK: {
        const char *href = html_attr(w, x, "href");
        if (!href) { /* an anchor only: keep its content */
            html_walk_inline_children(w, x, parent, depth);
            return;
        }
        struct hx_node *a = html_node_for(w, x, HX_LINK);
        a->href = href;
        hx_node_append(parent, a);
        html_walk_inline_children(w, x, a, depth);
        return;
    }
    case K_INLINE: {
        /* A span matters only when it changes language or direction. */
        xmlChar *lang = xmlGetProp(x, (const xmlChar *)"lang");
        xmlChar *dir = xmlGetProp(x, (const xmlChar *)"dir");
        int marks = lang || dir;
        xmlFree(lang);
        xmlFree(dir);
        if (!marks) {
            html_walk_inline_children(w, x, parent, depth);
            return;
        }
        struct hx_node *sp = html_node_for(w, x, HX_SPAN);
        hx_node_append(parent, sp);
        html_walk_inline_children(w, x, sp, depth);
        return;
    }
    default:
        /* A block inside inline content (only in broken HTML): flattened,
         * with a space for the boundary. */
        if (!w->space) {
            add_text(w, parent, " ", 0);
        }
        html_walk_inline_children(w, x, parent, depth);
        if (!w->space)
            add_text(w, parent, " ", 0);
        return;
    }
    struct hx_node *n = html_node_for(w, x, t);
    hx_node_append(parent, n);
    html_walk_inline_children(w, x, n, depth);
}
