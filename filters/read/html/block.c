/* Blocks of the HTML reader: sections, headings, paragraphs, lists with
 * their labels (start, value, type and reversed honoured), tables with
 * header rows and spans, quotes, and the implicit paragraphs that hold
 * inline runs found among blocks. */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "html.h"

/* A heading or paragraph: its children are inline content. */
static void walk_leaf(struct html_walk *w, xmlNode *x, struct hx_node *n, int depth)
{
    int was_pre = w->pre;
    w->pre = was_pre || is_name(x, "pre");
    w->space = 1;
    html_walk_inline_children(w, x, n, depth);
    w->pre = was_pre;
    html_finish_block(w, n);
}

static const char *item_label(struct html_walk *w, int n, const char *type)
{
    char buf[32];
    if (type && (strcmp(type, "i") == 0 || strcmp(type, "I") == 0)) {
        struct hx_buf b = {0};
        hx_buf_add_roman(&b, n, type[0] == 'I');
        const char *r = hx_printf(w->doc->arena, "%s.", b.data);
        hx_buf_free(&b);
        return r;
    }
    if (type && (strcmp(type, "a") == 0 || strcmp(type, "A") == 0) && n >= 1 && n <= 26)
        snprintf(buf, sizeof buf, "%c", (type[0] == 'a' ? 'a' : 'A') + n - 1);
    else
        snprintf(buf, sizeof buf, "%d", n);
    return hx_printf(w->doc->arena, "%s.", buf);
}

static void walk_list(struct html_walk *w, xmlNode *x, struct hx_node *list, int depth,
                      int list_depth)
{
    int ordered = is_name(x, "ol");
    int reversed = ordered && xmlHasProp(x, (const xmlChar *)"reversed");
    int count = 0;
    for (xmlNode *c = x->children; c; c = c->next)
        count += is_name(c, "li");
    int n = html_attr_int(x, "start", reversed ? count : 1);
    const char *type = ordered ? html_attr(w, x, "type") : NULL;
    struct hx_node *item = NULL;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (is_name(c, "li")) {
            item = html_node_for(w, c, HX_ITEM);
            item->level = list_depth;
            if (ordered) {
                n = html_attr_int(c, "value", n);
                item->num = n;
                item->label = item_label(w, n, type);
                n += reversed ? -1 : 1;
            }
            hx_node_append(list, item);
            html_walk_blocks(w, c->children, item, depth + 1, list_depth);
            continue;
        }
        /* Content outside any li (broken HTML) joins the item before it. */
        if (c->type == XML_TEXT_NODE && c->content) {
            const char *s = (const char *)c->content;
            while (*s && is_html_space((unsigned char)*s))
                s++;
            if (!*s)
                continue;
        } else if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!item) {
            item = html_node_for(w, x, HX_ITEM);
            item->level = list_depth;
            hx_node_append(list, item);
        }
        xmlNode *next = c->next;
        c->next = NULL; /* walk this one child only */
        html_walk_blocks(w, c, item, depth + 1, list_depth);
        c->next = next;
    }
}

static void walk_table(struct html_walk *w, xmlNode *x, struct hx_node *table, int depth,
                       int header)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || html_too_deep(w, c, depth + 1))
            continue;
        if (is_name(c, "thead") || is_name(c, "tbody") || is_name(c, "tfoot")) {
            walk_table(w, c, table, depth + 1, is_name(c, "thead"));
        } else if (is_name(c, "caption")) {
            struct hx_node *p = html_node_for(w, c, HX_PARA);
            hx_node_insert_before(table, p);
            walk_leaf(w, c, p, depth + 1);
        } else if (is_name(c, "tr")) {
            struct hx_node *row = html_node_for(w, c, HX_ROW);
            if (header)
                row->flags |= HX_F_HEADER;
            hx_node_append(table, row);
            for (xmlNode *d = c->children; d; d = d->next) {
                if (!is_name(d, "td") && !is_name(d, "th"))
                    continue;
                struct hx_node *cell = html_node_for(w, d, HX_CELL);
                if (header || is_name(d, "th"))
                    cell->flags |= HX_F_HEADER;
                int cs = html_attr_int(d, "colspan", 1), rs = html_attr_int(d, "rowspan", 1);
                cell->span[0] = cs > 1 && cs < 1000 ? cs : 0;
                cell->span[1] = rs > 1 && rs < 65535 ? rs : 0;
                hx_node_append(row, cell);
                html_walk_blocks(w, d->children, cell, depth + 2, 0);
            }
        }
    }
}

void html_walk_blocks(struct html_walk *w, xmlNode *first, struct hx_node *box, int depth,
                      int list_depth)
{
    struct hx_node *implicit = NULL;
    for (xmlNode *x = first; x; x = x->next) {
        if (html_too_deep(w, x, depth))
            return;
        enum html_kind k = html_kind_of(x);
        int is_inline = x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE ||
                        (x->type == XML_ELEMENT_NODE &&
                         (k == K_INLINE || k == K_EMPH || k == K_STRONG || k == K_SUP ||
                          k == K_SUB || k == K_LINK || k == K_BREAK || k == K_IMAGE));
        if (is_inline) {
            if (!implicit) {
                if (x->type != XML_ELEMENT_NODE) {
                    const char *s = (const char *)x->content;
                    while (s && *s && is_html_space((unsigned char)*s))
                        s++;
                    if (!s || !*s)
                        continue;
                }
                implicit = hx_node_new(w->doc, HX_PARA);
                long line = xmlGetLineNo(x);
                implicit->pos.line = line > 0 ? (unsigned)line : 0;
                hx_node_append(box, implicit);
                w->space = 1;
            }
            html_walk_inline(w, x, implicit, depth);
            continue;
        }
        if (x->type != XML_ELEMENT_NODE || k == K_SKIP)
            continue;
        html_finish_block(w, implicit);
        implicit = NULL;
        struct hx_node *n = NULL;
        switch (k) {
        case K_BLOCK: html_walk_blocks(w, x->children, box, depth + 1, list_depth); break;
        case K_RULE: break;
        case K_SECTION:
            /* A section inside a list item or table cell (the model has
             * none there): its content stays, as for a div. */
            if (!hx_type_can_contain(box->type, HX_SECTION)) {
                html_walk_blocks(w, x->children, box, depth + 1, list_depth);
                break;
            }
            n = html_node_for(w, x, HX_SECTION);
            n->num = html_attr_int(x, "data-number", 0);
            n->style = hx_strdup(w->doc->arena, (const char *)x->name);
            hx_node_append(box, n);
            html_walk_blocks(w, x->children, n, depth + 1, list_depth);
            break;
        case K_HEADING:
            n = html_node_for(w, x, HX_HEADING);
            n->level = x->name[1] - '0';
            hx_node_append(box, n);
            walk_leaf(w, x, n, depth);
            break;
        case K_PARA:
            n = html_node_for(w, x, HX_PARA);
            hx_node_append(box, n);
            walk_leaf(w, x, n, depth);
            break;
        case K_LIST:
            n = html_node_for(w, x, HX_LIST);
            n->level = list_depth + 1;
            hx_node_append(box, n);
            walk_list(w, x, n, depth + 1, list_depth + 1);
            if (!n->first)
                hx_node_detach(n);
            break;
        case K_ITEM: /* an li outside any list: a list of its own */
            n = hx_node_new(w->doc, HX_LIST);
            n->level = list_depth + 1;
            hx_node_append(box, n);
            {
                struct hx_node *item = html_node_for(w, x, HX_ITEM);
                item->level = list_depth + 1;
                hx_node_append(n, item);
                html_walk_blocks(w, x->children, item, depth + 1, list_depth + 1);
            }
            break;
        case K_TABLE:
            n = html_node_for(w, x, HX_TABLE);
            hx_node_append(box, n);
            walk_table(w, x, n, depth + 1, 0);
            if (!n->first)
                hx_node_detach(n);
            break;
        case K_ROW:
        case K_CELL:
            /* Table parts outside a table: their content stays. */
            html_walk_blocks(w, x->children, box, depth + 1, list_depth);
            break;
        case K_QUOTE:
            n = html_node_for(w, x, HX_QUOTE);
            hx_node_append(box, n);
            html_walk_blocks(w, x->children, n, depth + 1, list_depth);
            break;
        default: break;
        }
    }
    html_finish_block(w, implicit);
}
