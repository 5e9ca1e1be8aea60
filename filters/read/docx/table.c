/* Tables (gridSpan, vMerge into rowspans, header rows), drawings and
 * text boxes. Part of the docx reader. */
#include <stdlib.h>
#include <string.h>

#include "walk.h"

/* A block met inside a paragraph (text box, misplaced paragraph): built
 * aside and placed after the paragraph. */
int docx_aside(struct docx_walk *w, struct docx_ctx *c, int tbl)
{
    struct docx_para *p = c->p;
    if (!p)
        return docx_xml_skip(w->dx, &w->x);
    if (!p->deferred)
        p->deferred = hx_node_new(w->dx->doc, HX_CELL);
    struct hx_node *merge = w->merge;
    w->merge = NULL;
    int rc = tbl ? docx_table(w, p->deferred) : docx_para(w, p->deferred);
    docx_merge_end(w);
    w->merge = merge;
    return rc;
}

int docx_drawing_el(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_img *im = c->im;
    const char *n = (const char *)xmlTextReaderConstLocalName(w->x.r);
    enum docx_ns ns = docx_ns_of(&w->x);

    if (ns == NS_WP && strcmp(n, "docPr") == 0) {
        const char *a = docx_attr_dup(w->dx, &w->x, NS_OTHER, "descr");
        if (!a || !*a)
            a = docx_attr_dup(w->dx, &w->x, NS_OTHER, "title");
        if (a && *a && !im->alt)
            im->alt = a;
    } else if (ns == NS_A && strcmp(n, "blip") == 0) {
        im->pic = 1;
    } else if (ns == NS_V && strcmp(n, "imagedata") == 0) {
        im->pic = 1;
        const char *a = docx_attr_dup(w->dx, &w->x, NS_OTHER, "title");
        if (a && *a && !im->alt)
            im->alt = a;
    } else if (ns == NS_V && strcmp(n, "shape") == 0) {
        const char *a = docx_attr_dup(w->dx, &w->x, NS_OTHER, "alt");
        if (a && *a && !im->alt)
            im->alt = a;
    } else if (ns == NS_W && strcmp(n, "txbxContent") == 0) {
        struct docx_ctx b = *c;
        if (!c->p)
            return docx_xml_skip(w->dx, &w->x);
        if (!c->p->deferred)
            c->p->deferred = hx_node_new(w->dx->doc, HX_CELL);
        b.mode = M_BLOCK;
        b.parent = c->p->deferred;
        struct hx_node *merge = w->merge;
        w->merge = NULL;
        int rc = docx_kids(w, &b);
        docx_merge_end(w);
        w->merge = merge;
        return rc;
    } else if (ns == NS_MC && strcmp(n, "AlternateContent") == 0) {
        return docx_alternate(w, c);
    }
    return docx_kids(w, c);
}

int docx_drawing(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_img im = {0};
    struct docx_ctx d = *c;
    d.mode = M_DRAW;
    d.im = &im;
    struct hx_node *img = docx_node_new(w, HX_IMAGE);
    if (docx_kids(w, &d) < 0)
        return -1;
    struct docx_para *p = docx_ensure_p(c);
    if (p && im.pic && !docx_in_instr(w)) {
        img->text = im.alt ? im.alt : "";
        img->len = strlen(img->text);
        docx_place(w, p, img);
    }
    return 0;
}

int docx_cell(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_table *t = c->t;
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc, span = 1, vmerge = 0, decided = 0;
    struct hx_node *cellnode = docx_node_new(w, HX_CELL), *target = cellnode;

    docx_merge_end(w);

    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (xmlTextReaderNodeType(w->x.r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (docx_is(&w->x, NS_W, "tcPr")) {
            int d2 = xmlTextReaderDepth(w->x.r);
            int e2 = xmlTextReaderIsEmptyElement(w->x.r);
            while ((rc = docx_xml_child(w->dx, &w->x, d2, e2)) > 0) {
                if (docx_is(&w->x, NS_W, "gridSpan")) {
                    const char *v = docx_attr(&w->x, NS_W, "val");
                    span = v ? atoi(v) : 1;
                    if (span < 1 || span > DOCX_MAX_COLS)
                        span = 1;
                } else if (docx_is(&w->x, NS_W, "vMerge")) {
                    const char *v = docx_attr(&w->x, NS_W, "val");
                    vmerge = v && strcmp(v, "restart") == 0 ? 1 : 2;
                }
                if (docx_xml_skip(w->dx, &w->x) < 0)
                    return -1;
            }
            if (rc < 0)
                return -1;
            continue;
        }
        if (!decided) {
            decided = 1;
            if (vmerge == 2 && t->col < DOCX_MAX_COLS && t->cols[t->col])
                target = hx_node_new(w->dx->doc, HX_CELL);
        }
        struct docx_ctx b = *c;
        b.mode = M_BLOCK;
        b.parent = target;
        if (docx_one(w, &b) < 0)
            return -1;
    }
    if (rc < 0)
        return -1;
    docx_merge_end(w);
    if (!decided && vmerge == 2 && t->col < DOCX_MAX_COLS && t->cols[t->col])
        target = NULL;
    if (target == cellnode) {
        if (span > 1)
            cellnode->span[0] = span;
        hx_node_append(t->row, cellnode);
        for (int k = t->col; k < t->col + span && k < DOCX_MAX_COLS; k++)
            t->cols[k] = vmerge == 1 ? cellnode : NULL;
    } else if (t->col < DOCX_MAX_COLS && t->cols[t->col]) {
        struct hx_node *origin = t->cols[t->col];
        origin->span[1] = (origin->span[1] ? origin->span[1] : 1) + 1;
        /* A continuation cell is normally empty; keep any text it has. */
        if (target) {
            size_t len = 0;
            hx_node_text(w->dx->doc, target, &len);
            if (len)
                while (target->first)
                    hx_node_append(origin, target->first);
        }
    }
    t->col += span;
    return 0;
}

int docx_row(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_table *t = c->t;
    struct docx_ctx b = *c;
    t->row = docx_node_new(w, HX_ROW);
    t->col = 0;
    t->row_drop = 0;
    hx_node_append(t->node, t->row);
    b.mode = M_ROW;
    int rc = docx_kids(w, &b);
    if (t->row_drop || !t->row->first)
        hx_node_detach(t->row);
    return rc;
}

int docx_row_props(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_table *t = c->t;
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (docx_is(&w->x, NS_W, "tblHeader") && docx_onoff(&w->x))
            t->row->flags |= HX_F_HEADER;
        else if (docx_is(&w->x, NS_W, "gridBefore")) {
            const char *v = docx_attr(&w->x, NS_W, "val");
            int n = v ? atoi(v) : 0;
            if (n > 0 && n < DOCX_MAX_COLS)
                t->col = n;
        } else if (docx_is(&w->x, NS_W, "ins"))
            t->row_drop = w->dx->changes == 1;
        else if (docx_is(&w->x, NS_W, "del"))
            t->row_drop = w->dx->changes == 0;
        if (docx_xml_skip(w->dx, &w->x) < 0)
            return -1;
    }
    return rc;
}

int docx_table(struct docx_walk *w, struct hx_node *parent)
{
    struct docx_table *t = calloc(1, sizeof *t);
    struct docx_ctx c = {0};
    int rc;

    if (!t) {
        hx_error(w->dx->st, w->dx->doc, NULL, "out of memory");
        return -1;
    }
    t->node = docx_node_new(w, HX_TABLE);
    hx_node_append(parent, t->node);
    c.mode = M_TABLE;
    c.t = t;
    docx_merge_end(w);
    rc = docx_kids(w, &c);
    if (!t->node->first)
        hx_node_detach(t->node);
    free(t);
    return rc;
}
