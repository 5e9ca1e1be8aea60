/* The walk: one recursive pass over a story part with the streaming
 * reader, building blocks and inlines as it goes. docx_one hands each
 * element to its handler by mode; paragraphs (para.c), tables and drawings
 * (table.c) come back here for their content, as the document nests them.
 * Runs with the same formatting are merged into one text node while
 * reading (Word splits text into runs for spelling marks and revisions). */
#include <stdlib.h>
#include <string.h>

#include "walk.h"

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

static int is_w(const char *n, const char *want)
{
    return strcmp(n, want) == 0;
}

/* A w:p: its properties, then its content through docx_one. */
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
            docx_para_begin(w, &c, &pp);
        if (docx_one(w, &c) < 0)
            goto fail;
    }
    if (rc < 0)
        goto fail;
    if (!p.node)
        docx_para_begin(w, &c, &pp);
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
        docx_para_finish(w, n);
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

/* An element of Office Math: its text is read in inline and run context;
 * display math outside a paragraph is given one. */
static int math_el(struct docx_walk *w, struct docx_ctx *c, const char *n)
{
    struct docx *dx = w->dx;
    if (strcmp(n, "t") == 0 && (c->mode == M_INLINE || c->mode == M_RUN))
        return docx_text_el(w, c);
    if (strcmp(n, "rPr") == 0 || strcmp(n, "ctrlPr") == 0 || strcmp(n, "oMathParaPr") == 0)
        return docx_xml_skip(dx, &w->x);
    if (strcmp(n, "oMathPara") == 0 && c->mode == M_BLOCK) {
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

/* w:sdt (a content control): its content, not its properties. */
static int sdt_el(struct docx_walk *w, struct docx_ctx *c)
{
    int d = xmlTextReaderDepth(w->x.r);
    int e = xmlTextReaderIsEmptyElement(w->x.r), rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (docx_is(&w->x, NS_W, "sdtContent")) {
            if (docx_kids(w, c) < 0)
                return -1;
        } else if (docx_xml_skip(w->dx, &w->x) < 0) {
            return -1;
        }
    }
    return rc;
}

/* w:ruby: the base text; the phonetic guide (w:rt) is left out. */
static int ruby_el(struct docx_walk *w, struct docx_ctx *c)
{
    int d = xmlTextReaderDepth(w->x.r);
    int e = xmlTextReaderIsEmptyElement(w->x.r), rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (docx_is(&w->x, NS_W, "rubyBase")) {
            struct docx_ctx ic = *c;
            ic.mode = M_INLINE;
            if (docx_kids(w, &ic) < 0)
                return -1;
        } else if (docx_xml_skip(w->dx, &w->x) < 0) {
            return -1;
        }
    }
    return rc;
}

/* An element inside a run (w:r): properties, text, breaks, symbols, note
 * references, drawings. */
static int run_el(struct docx_walk *w, struct docx_ctx *c, const char *n)
{
    struct docx *dx = w->dx;
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
    else if (is_w(n, "ruby"))
        return ruby_el(w, c);
    return docx_xml_skip(dx, &w->x);
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
    if (ns == NS_M)
        return math_el(w, c, n);
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
    if (is_w(n, "sdt"))
        return sdt_el(w, c);

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
    default: /* M_RUN */ return run_el(w, c, n);
    }
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

/* Which mc:Choice we can read: its Requires prefixes are all known. */
static int requires_ok(const char *req)
{
    static const char *const known[] = {"wps", "wpg", "wpc", "wpi", "wp14", "w14", "w15",
                                        "w16", "a14", "v",   "o",   "m",    "wne", "w16se"};
    if (!req)
        return 0;
    const char *s = req;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (!n)
            break;
        int ok = 0;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strlen(known[i]) == n && strncmp(s, known[i], n) == 0)
                ok = 1;
        if (!ok)
            return 0;
        s += n;
    }
    return 1;
}

int docx_alternate(struct docx_walk *w, struct docx_ctx *c)
{
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc, taken = 0;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (docx_is(&w->x, NS_MC, "Choice") && !taken &&
            requires_ok(docx_attr(&w->x, NS_MC, "Requires")
                            ? docx_attr(&w->x, NS_MC, "Requires")
                            : docx_attr(&w->x, NS_OTHER, "Requires"))) {
            taken = 1;
            if (docx_kids(w, c) < 0)
                return -1;
        } else if (docx_is(&w->x, NS_MC, "Fallback") && !taken) {
            taken = 1;
            if (docx_kids(w, c) < 0)
                return -1;
        } else if (docx_xml_skip(w->dx, &w->x) < 0) {
            return -1;
        }
    }
    return rc;
}
