/* The body walk: one recursive pass over a story part (document, footnotes,
 * endnotes) with the streaming reader, building blocks and inlines as it
 * goes. Runs with the same formatting are merged into one text node while
 * reading (Word splits text into runs for spelling marks and revisions). */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

int docx_run(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_run r;
    struct docx_ctx rc = *c;

    r.rp = c->p ? c->p->base : w->dx->styles.defaults;
    rc.mode = M_RUN;
    rc.r = &r;
    int res = docx_kids(w, &rc);
    if (c->p)
        c->p->custom = NULL;
    return res;
}

/* Walks the element's children inside a link to href (no link when there
 * is no paragraph or target, inside a link already, or in field code). */
static int walk_in_link(struct docx_walk *w, struct docx_ctx *c, struct docx_para *p,
                        const char *href)
{
    if (!p || !href || p->inl->type == HX_LINK || docx_in_instr(w))
        return docx_kids(w, c);
    struct hx_node *l = docx_node_new(w, HX_LINK);
    l->href = href;
    docx_place(w, p, l);
    struct hx_node *prev = p->inl;
    p->inl = l;
    int rc = docx_kids(w, c);
    docx_flush(w, p);
    p->inl = prev;
    return rc;
}

int docx_hyperlink(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_para *p = docx_ensure_p(c);
    const char *id = docx_attr(&w->x, NS_R, "id");
    const struct docx_rel *rel = docx_rel_get(&w->rels, id);
    const char *anchor = docx_attr_dup(w->dx, &w->x, NS_W, "anchor");
    const char *href = NULL;

    if (rel && rel->target)
        href = anchor ? hx_printf(w->dx->doc->arena, "%s#%s", rel->target, anchor) : rel->target;
    else if (anchor)
        href = hx_printf(w->dx->doc->arena, "#%s", anchor);
    return walk_in_link(w, c, p, href);
}

int docx_fld_simple(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx_para *p = docx_ensure_p(c);
    const char *instr = docx_attr(&w->x, NS_W, "instr");
    const char *href = instr ? docx_field_href(w, instr) : NULL;
    return walk_in_link(w, c, p, href);
}

/* w:ins, w:del, w:moveFrom, w:moveTo around runs, paragraphs or cells. */
int docx_change(struct docx_walk *w, struct docx_ctx *c, int del)
{
    int mode = w->dx->changes;
    if ((mode == 0 && del) || (mode == 1 && !del))
        return docx_xml_skip(w->dx, &w->x);
    unsigned chg = w->chg;
    int show = w->show_del;
    if (mode == 2)
        w->chg |= del ? FB_DEL : FB_INS;
    if (del)
        w->show_del = 1;
    int rc = docx_kids(w, c);
    w->chg = chg;
    w->show_del = show;
    return rc;
}

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
static void para_finish(struct docx_walk *w, struct hx_node *n)
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
        para_finish(w, w->merge);
    w->merge = NULL;
}

static void para_begin(struct docx_walk *w, struct docx_ctx *c, struct docx_ppr *pp)
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

int docx_para(struct docx_walk *w, struct hx_node *parent)
{
    struct docx_para p;
    struct docx_ppr pp = {0};
    struct docx_ctx c = {0};
    unsigned outer = w->para; /* a text box's paragraphs sit inside one */
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;

    memset(&p, 0, sizeof p);
    pp.num_id = pp.ilvl = pp.outline = pp.bidi = -1;
    w->para = w->x.npara; /* counted when the reader met it */
    c.mode = M_INLINE;
    c.parent = parent;
    c.p = &p;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (xmlTextReaderNodeType(w->x.r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (docx_is(&w->x, NS_W, "pPr") && !p.node) {
            if (docx_ppr_parse(w->dx, &w->x, &pp) < 0)
                goto fail;
            continue;
        }
        if (!p.node)
            para_begin(w, &c, &pp);
        if (docx_one(w, &c) < 0)
            goto fail;
    }
    if (rc < 0)
        goto fail;
    if (!p.node)
        para_begin(w, &c, &pp);
    docx_flush(w, &p);
    for (int i = 0; i < w->nfld; i++) {
        /* A field result running on into the next paragraph starts there
         * outside the link. */
        w->fld[i].link = NULL;
        w->fld[i].prev = NULL;
    }
    struct hx_node *n = p.node;
    int mark_merge = (w->dx->changes == 0 && pp.mark_del) || (w->dx->changes == 1 && pp.mark_ins);
    if (mark_merge && !pp.sect)
        w->merge = n;
    else
        para_finish(w, n);
    if (p.deferred) {
        struct hx_node *after = n->parent ? n : NULL;
        while (p.deferred->first) {
            struct hx_node *b = p.deferred->first;
            if (after)
                hx_node_insert_after(after, b);
            else
                hx_node_append(parent, b);
            after = b;
        }
    }
    if (pp.sect)
        w->dx->section++;
    hx_buf_free(&p.pend);
    w->para = outer;
    return 0;
fail:
    hx_buf_free(&p.pend);
    w->para = outer;
    return -1;
}

static int is_w(const char *n, const char *want)
{
    return strcmp(n, want) == 0;
}

/* Handles the element the reader is on, in the context's mode. */
int docx_one(struct docx_walk *w, struct docx_ctx *c)
{
    struct docx *dx = w->dx;
    enum docx_ns ns = docx_ns_of(&w->x);
    const char *n = (const char *)xmlTextReaderConstLocalName(w->x.r);

    if (!n)
        return docx_xml_skip(dx, &w->x);
    if (c->mode == M_DRAW)
        return docx_drawing_el(w, c);
    if (ns == NS_MC && strcmp(n, "AlternateContent") == 0)
        return docx_alternate(w, c);
    if (ns == NS_M) {
        if (strcmp(n, "t") == 0 && (c->mode == M_INLINE || c->mode == M_RUN))
            return docx_text_el(w, c);
        if (strcmp(n, "rPr") == 0 || strcmp(n, "ctrlPr") == 0 || strcmp(n, "oMathParaPr") == 0)
            return docx_xml_skip(dx, &w->x);
        if (strcmp(n, "oMathPara") == 0 && c->mode == M_BLOCK) {
            /* display math outside a paragraph: give it one */
            struct docx_para p;
            memset(&p, 0, sizeof p);
            struct docx_ctx pc = *c;
            pc.mode = M_INLINE;
            pc.p = &p;
            p.node = docx_node_new(w, HX_PARA);
            p.inl = p.node;
            p.base = dx->styles.defaults;
            hx_node_append(c->parent, p.node);
            int rc = docx_kids(w, &pc);
            docx_flush(w, &p);
            hx_buf_free(&p.pend);
            if (!p.node->first)
                hx_node_detach(p.node);
            return rc;
        }
        return docx_kids(w, c);
    }
    if (ns != NS_W)
        return docx_xml_skip(dx, &w->x);

    /* Transparent wrappers and tracked changes, in every mode. */
    if (is_w(n, "ins") || is_w(n, "moveTo"))
        return docx_change(w, c, 0);
    if (is_w(n, "del") || is_w(n, "moveFrom"))
        return docx_change(w, c, 1);
    if (is_w(n, "customXml") || is_w(n, "smartTag") || is_w(n, "sdtContent") || is_w(n, "dir") ||
        is_w(n, "bdo"))
        return docx_kids(w, c);
    if (is_w(n, "sdt")) {
        int d = xmlTextReaderDepth(w->x.r);
        int e = xmlTextReaderIsEmptyElement(w->x.r), rc;
        while ((rc = docx_xml_child(dx, &w->x, d, e)) > 0) {
            if (docx_is(&w->x, NS_W, "sdtContent")) {
                if (docx_kids(w, c) < 0)
                    return -1;
            } else if (docx_xml_skip(dx, &w->x) < 0) {
                return -1;
            }
        }
        return rc;
    }

    switch (c->mode) {
    case M_BLOCK:
        if (is_w(n, "p"))
            return docx_para(w, c->parent);
        if (is_w(n, "tbl"))
            return docx_table(w, c->parent);
        if (is_w(n, "sectPr")) {
            dx->section++;
            return docx_sectpr_parse(dx, &w->x);
        }
        return docx_xml_skip(dx, &w->x);
    case M_TABLE:
        if (is_w(n, "tr"))
            return docx_row(w, c);
        return docx_xml_skip(dx, &w->x);
    case M_ROW:
        if (is_w(n, "tc"))
            return docx_cell(w, c);
        if (is_w(n, "trPr"))
            return docx_row_props(w, c);
        return docx_xml_skip(dx, &w->x);
    case M_INLINE:
        if (is_w(n, "r"))
            return docx_run(w, c);
        if (is_w(n, "hyperlink"))
            return docx_hyperlink(w, c);
        if (is_w(n, "fldSimple"))
            return docx_fld_simple(w, c);
        if (is_w(n, "p"))
            return docx_aside(w, c, 0);
        if (is_w(n, "tbl"))
            return docx_aside(w, c, 1);
        return docx_xml_skip(dx, &w->x);
    default: /* M_RUN */ break;
    }
    struct docx_para *p = docx_ensure_p(c);
    if (is_w(n, "rPr")) {
        struct docx_rpr direct = {0};
        if (docx_rpr_parse(dx, &w->x, &direct) < 0)
            return -1;
        if (direct.style)
            docx_style_rpr(dx, direct.style, &c->r->rp);
        docx_rpr_apply(&c->r->rp, &direct);
        return 0;
    }
    if (is_w(n, "t"))
        return docx_text_el(w, c);
    if (is_w(n, "delText"))
        return w->show_del ? docx_text_el(w, c) : docx_xml_skip(dx, &w->x);
    if (is_w(n, "instrText") || is_w(n, "delInstrText"))
        return docx_instr_text(w);
    if (is_w(n, "fldChar")) {
        docx_field_char(w, c);
        return docx_xml_skip(dx, &w->x);
    }
    if (is_w(n, "tab") || is_w(n, "ptab"))
        docx_add_text(w, c, "\t", 1);
    else if (is_w(n, "br") || is_w(n, "cr")) {
        const char *type = docx_attr(&w->x, NS_W, "type");
        if (p && !docx_in_instr(w) && (!type || strcmp(type, "textWrapping") == 0))
            docx_place(w, p, docx_node_new(w, HX_BREAK));
    } else if (is_w(n, "noBreakHyphen"))
        docx_add_cp(w, c, 0x2011);
    else if (is_w(n, "softHyphen"))
        docx_add_cp(w, c, 0x00AD);
    else if (is_w(n, "sym")) {
        const char *ch = docx_attr(&w->x, NS_W, "char");
        long cp = ch ? strtol(ch, NULL, 16) : 0;
        if (cp > 0 && cp < 0x110000) {
            const char *font = docx_attr(&w->x, NS_W, "font");
            docx_add_cp(w, c,
                        font && strcmp(font, "Symbol") == 0 ? docx_symbol_char((int32_t)cp)
                                                            : (int32_t)cp);
        }
    } else if (is_w(n, "footnoteReference"))
        docx_note_ref(w, c, 0);
    else if (is_w(n, "endnoteReference"))
        docx_note_ref(w, c, 1);
    else if (is_w(n, "footnoteRef") || is_w(n, "endnoteRef")) {
        if (c->p)
            c->p->trim = 1;
    } else if (is_w(n, "drawing") || is_w(n, "pict") || is_w(n, "object"))
        return docx_drawing(w, c);
    else if (is_w(n, "ruby")) {
        /* the base text; the phonetic guide (w:rt) is left out */
        int d = xmlTextReaderDepth(w->x.r);
        int e = xmlTextReaderIsEmptyElement(w->x.r), rc;
        while ((rc = docx_xml_child(dx, &w->x, d, e)) > 0) {
            if (docx_is(&w->x, NS_W, "rubyBase")) {
                struct docx_ctx ic = *c;
                ic.mode = M_INLINE;
                if (docx_kids(w, &ic) < 0)
                    return -1;
            } else if (docx_xml_skip(dx, &w->x) < 0) {
                return -1;
            }
        }
        return rc;
    }
    return docx_xml_skip(dx, &w->x);
}

/* Runs docx_one() over each child element of the element the reader is on. */
int docx_kids(struct docx_walk *w, struct docx_ctx *c)
{
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0)
        if (xmlTextReaderNodeType(w->x.r) == XML_READER_TYPE_ELEMENT && docx_one(w, c) < 0)
            return -1;
    return rc;
}

static int walk_open(struct docx *dx, struct docx_walk *w, const char *part, char **data)
{
    size_t len;
    int rc;

    memset(w, 0, sizeof *w);
    w->dx = dx;
    w->part = hx_strdup(dx->doc->arena, part);
    rc = docx_part_read(dx, part, data, &len);
    if (rc <= 0)
        return rc;
    if (docx_rels_read(dx, part, &w->rels) < 0)
        return -1;
    if (docx_xml_open(dx, &w->x, w->part, *data, len) < 0)
        return -1;
    return 1;
}

int docx_body_read(struct docx *dx, const char *part)
{
    struct docx_walk *w = malloc(sizeof *w);
    char *data = NULL;
    int rc = -1, r;

    if (!w) {
        hx_error(dx->st, dx->doc, NULL, "out of memory");
        return -1;
    }
    r = walk_open(dx, w, part, &data);
    if (r == 0)
        hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: %s is missing", part);
    if (r <= 0)
        goto out;
    while ((r = docx_xml_read(dx, &w->x)) > 0) {
        if (docx_is(&w->x, NS_W, "body")) {
            struct docx_ctx c = {0};
            c.mode = M_BLOCK;
            c.parent = dx->doc->root;
            if (docx_kids(w, &c) < 0)
                goto out;
            docx_merge_end(w);
        }
    }
    if (r < 0)
        goto out;
    rc = 0;
out:
    docx_xml_close(&w->x);
    free(data);
    free(w);
    return rc;
}

static void mark_note_body(struct hx_node *holder)
{
    struct hx_iter it = hx_iter_start(holder);
    while (hx_iter_next(&it))
        if (it.enter && (it.node->type == HX_PARA || it.node->type == HX_HEADING))
            it.node->role = HX_ROLE_NOTE_BODY;
}

int docx_notes_read(struct docx *dx, const char *part, int endnote)
{
    struct docx_walk *w = malloc(sizeof *w);
    char *data = NULL;
    int rc = -1, r, *saved = NULL;
    size_t cap = 0;
    const char *el = endnote ? "endnote" : "footnote";

    if (!w) {
        hx_error(dx->st, dx->doc, NULL, "out of memory");
        return -1;
    }
    r = walk_open(dx, w, part, &data);
    if (r <= 0) {
        rc = r;
        goto out;
    }
    docx_num_save(dx, &saved);
    while ((r = docx_xml_read(dx, &w->x)) > 0) {
        if (!docx_is(&w->x, NS_W, el))
            continue;
        const char *type = docx_attr(&w->x, NS_W, "type");
        if (type && strcmp(type, "normal") != 0) {
            /* separator, continuationSeparator, continuationNotice */
            if (docx_xml_skip(dx, &w->x) < 0)
                goto out;
            continue;
        }
        const char *ids = docx_attr(&w->x, NS_W, "id");
        struct docx_fn fn = {ids ? atoi(ids) : -1, NULL, 0};
        fn.holder = hx_node_new(dx->doc, HX_NOTE);
        struct docx_ctx c = {0};
        c.mode = M_BLOCK;
        c.parent = fn.holder;
        w->nfld = w->fld_over = 0;
        if (docx_kids(w, &c) < 0)
            goto out;
        docx_merge_end(w);
        mark_note_body(fn.holder);
        struct docx_fn **v = endnote ? &dx->ens : &dx->fns;
        size_t *n = endnote ? &dx->nens : &dx->nfns;
        *v = hx_arena_grow(dx->doc->arena, *v, *n, &cap, sizeof **v, 32);
        (*v)[(*n)++] = fn;
    }
    if (r < 0)
        goto out;
    rc = 0;
out:
    if (saved)
        docx_num_restore(dx, saved);
    docx_xml_close(&w->x);
    free(data);
    free(w);
    return rc;
}
