/* The body walk: one recursive pass over a story part (document, footnotes,
 * endnotes) with the streaming reader, building blocks and inlines as it
 * goes. Runs with the same formatting are merged into one text node while
 * reading (Word splits text into runs for spelling marks and revisions). */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

enum { M_BLOCK, M_INLINE, M_RUN, M_TABLE, M_ROW, M_DRAW };

/* Formatting of pending text. */
enum {
    FB_B = 1u << 0,
    FB_I = 1u << 1,
    FB_SUP = 1u << 2,
    FB_SUB = 1u << 3,
    FB_RTL = 1u << 4,
    FB_INS = 1u << 5,
    FB_DEL = 1u << 6
};

#define MAX_FIELDS 16
#define MAX_COLS 256

struct field {
    int result;           /* past w:fldChar separate */
    char instr[512];
    size_t ilen;
    struct hx_node *link; /* HYPERLINK result, while open */
    struct hx_node *prev; /* inline container before the link */
};

struct para {
    struct hx_node *node;   /* the block being built */
    struct hx_node *inl;    /* current inline container: node or a link */
    struct docx_rpr base;   /* docDefaults + paragraph style */
    struct hx_buf pend;     /* text not yet placed */
    unsigned pend_bits;
    const char *pend_lang;
    struct hx_node *deferred; /* text boxes, placed after the paragraph */
    int trim;               /* drop spaces before the note text */
    struct hx_node *custom; /* note whose mark follows as text */
};

struct run {
    struct docx_rpr rp;
};

struct table {
    struct hx_node *node;
    struct hx_node *cols[MAX_COLS]; /* origin cell of a vertical merge */
    int col;
    struct hx_node *row;
    int row_drop;
};

struct img {
    const char *alt;
    int pic;
};

struct walk {
    struct docx *dx;
    struct docx_xml x;
    const char *part;
    struct docx_rels rels;
    unsigned chg;    /* FB_INS/FB_DEL while inside tracked changes (all) */
    int show_del;    /* w:delText shown (reject, all) */
    struct field fld[MAX_FIELDS];
    int nfld, fld_over;
    struct hx_node *merge; /* paragraph continued by the next one */
};

struct ctx {
    int mode;
    struct hx_node *parent; /* M_BLOCK: container */
    struct para *p;
    struct run *r;
    struct table *t;
    struct img *im;
};

static int kids(struct walk *w, struct ctx *c);
static int one(struct walk *w, struct ctx *c);
static int32_t symbol_char(int32_t cp);

static unsigned line_of(struct walk *w)
{
    return (unsigned)xmlTextReaderGetParserLineNumber(w->x.r);
}

static struct hx_node *node_new(struct walk *w, enum hx_type type)
{
    struct hx_node *n = hx_node_new(w->dx->doc, type);
    n->pos.line = line_of(w);
    n->pos.where = w->part;
    return n;
}

static int in_instr(const struct walk *w)
{
    for (int i = 0; i < w->nfld; i++)
        if (!w->fld[i].result)
            return 1;
    return 0;
}

/* Places the pending text in its wrappers. */
static void flush(struct walk *w, struct para *p)
{
    struct hx_doc *doc = w->dx->doc;
    struct hx_node *c = p->inl;

    if (!p->pend.len)
        return;
    if ((p->pend_bits & (FB_RTL | FB_INS | FB_DEL)) || p->pend_lang) {
        struct hx_node *s = node_new(w, HX_SPAN);
        s->lang = p->pend_lang;
        if (p->pend_bits & FB_RTL)
            s->flags |= HX_F_RTL;
        if (p->pend_bits & FB_INS)
            s->flags |= HX_F_INSERTED;
        if (p->pend_bits & FB_DEL)
            s->flags |= HX_F_DELETED;
        hx_node_append(c, s);
        c = s;
    }
    static const struct {
        unsigned bit;
        enum hx_type type;
    } wrap[] = {{FB_B, HX_STRONG}, {FB_I, HX_EMPH}, {FB_SUP, HX_SUP},
                {FB_SUB, HX_SUB}};
    for (size_t i = 0; i < 4; i++)
        if (p->pend_bits & wrap[i].bit) {
            struct hx_node *n = node_new(w, wrap[i].type);
            hx_node_append(c, n);
            c = n;
        }
    struct hx_node *t = hx_text_new(doc, p->pend.data, p->pend.len);
    t->pos.line = line_of(w);
    t->pos.where = w->part;
    hx_node_append(c, t);
    hx_buf_reset(&p->pend);
}

static void place(struct walk *w, struct para *p, struct hx_node *n)
{
    flush(w, p);
    hx_node_append(p->inl, n);
}

static int is_rtl_cp(int32_t cp)
{
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

static int is_ea_cp(int32_t cp)
{
    return hx_cp_is_han(cp) || (cp >= 0x3040 && cp <= 0x30FF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

static int is_cjk_lang(const char *l)
{
    return hx_lang_is(l, "zh") || hx_lang_is(l, "ja") || hx_lang_is(l, "ko");
}

/* The w:lang that applies to this text: eastAsia for CJK, bidi for RTL
 * scripts, val otherwise; NULL for neutral text or a tag that cannot be
 * right for the script (Word's defaults are often en-US on Chinese). */
static const char *pick_lang(const struct docx_rpr *rp, const char *s,
                             size_t len)
{
    int ea = 0, rtl = 0, letter = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        if (is_ea_cp(cp) && !hx_cp_is_space(cp))
            ea = 1;
        else if (is_rtl_cp(cp))
            rtl = 1;
        else if (cp >= 0x41 && hx_cp_digit(cp) < 0 && !hx_cp_is_space(cp) &&
                 !(cp >= 0x2000 && cp <= 0x206F) && cp != 0xA0 &&
                 !(cp >= 0x5B && cp <= 0x60) && !(cp >= 0x7B && cp <= 0xBF))
            letter = 1;
    }
    if (ea)
        return is_cjk_lang(rp->lang_ea) ? rp->lang_ea : NULL;
    if (rtl)
        return hx_lang_is_rtl(rp->lang_bidi) ? rp->lang_bidi : NULL;
    if (!letter)
        return NULL;
    if ((rp->set & rp->val & RP_CS) && rp->lang_bidi)
        return rp->lang_bidi;
    return rp->lang && !is_cjk_lang(rp->lang) && !hx_lang_is_rtl(rp->lang)
               ? rp->lang
               : NULL;
}

static unsigned bits_of(const struct docx_rpr *rp)
{
    unsigned b = 0, on = rp->set & rp->val;
    if (on & RP_B)
        b |= FB_B;
    if (on & RP_I)
        b |= FB_I;
    if (on & RP_RTL)
        b |= FB_RTL;
    if (rp->vert == 2)
        b |= FB_SUP;
    if (rp->vert == 3)
        b |= FB_SUB;
    return b;
}

static void add_text(struct walk *w, struct ctx *c, const char *s, size_t len)
{
    struct para *p = c->p;
    const struct docx_rpr *rp = c->r ? &c->r->rp : &p->base;

    if (!p || in_instr(w))
        return;
    if (p->trim) {
        while (len && (*s == ' ' || *s == '\t')) {
            s++;
            len--;
        }
        if (!len)
            return;
        p->trim = 0;
    }
    if (p->custom) {
        p->custom->label = hx_strndup(w->dx->doc->arena, s, len);
        for (size_t i = 0; i < w->dx->nplaced; i++)
            if (w->dx->placed[i].note == p->custom)
                w->dx->placed[i].custom = p->custom->label;
        p->custom = NULL;
        return;
    }
    unsigned bits = bits_of(rp) | w->chg;
    const char *lang = pick_lang(rp, s, len);
    if (p->pend.len && (bits != p->pend_bits ||
                        (lang != p->pend_lang &&
                         (!lang || !p->pend_lang || strcmp(lang, p->pend_lang)))))
        flush(w, p);
    p->pend_bits = bits;
    p->pend_lang = lang;
    hx_buf_add(&p->pend, s, len);
}

static void add_cp(struct walk *w, struct ctx *c, int32_t cp)
{
    struct hx_buf b = {0};
    hx_buf_addcp(&b, cp);
    add_text(w, c, b.data, b.len);
    hx_buf_free(&b);
}

static void add_symbol_text(struct walk *w, struct ctx *c, const char *s,
                            size_t len)
{
    struct hx_buf b = {0};
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        hx_buf_addcp(&b, cp >= 0xF020 && cp <= 0xF0FF ? symbol_char(cp) : cp);
    }
    add_text(w, c, b.data, b.len);
    hx_buf_free(&b);
}

/* Reads the text content of the element the reader is on. */
static int elem_text(struct walk *w, struct hx_buf *b)
{
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        int t = xmlTextReaderNodeType(w->x.r);
        if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
            t == XML_READER_TYPE_WHITESPACE ||
            t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const xmlChar *v = xmlTextReaderConstValue(w->x.r);
            if (v)
                hx_buf_adds(b, (const char *)v);
            if (b->len > DOCX_MAX_TEXT) {
                hx_error_at(w->dx->st, w->dx->doc, line_of(w),
                            "%s: text longer than %zu bytes", w->part,
                            DOCX_MAX_TEXT);
                return -1;
            }
        } else if (t == XML_READER_TYPE_ELEMENT) {
            if (docx_xml_skip(w->dx, &w->x) < 0)
                return -1;
        }
    }
    return rc;
}

static int text_el(struct walk *w, struct ctx *c)
{
    struct hx_buf b = {0};
    int rc = elem_text(w, &b);
    if (rc == 0 && b.len) {
        if (c->r && (c->r->rp.set & c->r->rp.val & RP_SYMBOL))
            add_symbol_text(w, c, b.data, b.len);
        else
            add_text(w, c, b.data, b.len);
    }
    hx_buf_free(&b);
    return rc;
}

static struct para *ensure_p(struct ctx *c)
{
    return c->p && c->p->node ? c->p : NULL;
}

/* HYPERLINK "url" \l "anchor" -> href; NULL for other fields. */
static const char *field_href(struct walk *w, const char *instr)
{
    const char *s = instr;
    char url[512] = "", anchor[512] = "";
    while (*s == ' ')
        s++;
    if (strncmp(s, "HYPERLINK", 9) != 0 || (s[9] && s[9] != ' '))
        return NULL;
    s += 9;
    while (*s) {
        while (*s == ' ')
            s++;
        char *dst = url;
        if (s[0] == '\\') {
            if (s[1] == 'l') {
                dst = anchor;
                s += 2;
                while (*s == ' ')
                    s++;
            } else {
                s += 2; /* another switch; its argument, if any, is skipped */
                while (*s == ' ')
                    s++;
                if (*s == '"') {
                    const char *q = strchr(s + 1, '"');
                    s = q ? q + 1 : s + strlen(s);
                }
                continue;
            }
        }
        if (!*s)
            break;
        size_t n = 0;
        if (*s == '"') {
            s++;
            while (*s && *s != '"') {
                if (n + 1 < 512)
                    dst[n++] = *s;
                s++;
            }
            if (*s)
                s++;
        } else {
            while (*s && *s != ' ') {
                if (n + 1 < 512)
                    dst[n++] = *s;
                s++;
            }
        }
        dst[n] = '\0';
    }
    if (!url[0] && !anchor[0])
        return NULL;
    return hx_printf(w->dx->doc->arena, "%s%s%s", url, anchor[0] ? "#" : "",
                     anchor);
}

static void field_char(struct walk *w, struct ctx *c)
{
    const char *type = docx_attr(&w->x, NS_W, "fldCharType");
    if (!type)
        return;
    if (strcmp(type, "begin") == 0) {
        if (w->nfld == MAX_FIELDS) {
            w->fld_over++;
            return;
        }
        struct field *f = &w->fld[w->nfld++];
        memset(f, 0, sizeof *f);
    } else if (strcmp(type, "separate") == 0) {
        if (w->fld_over || !w->nfld)
            return;
        struct field *f = &w->fld[w->nfld - 1];
        f->result = 1;
        f->instr[f->ilen] = '\0';
        const char *href = field_href(w, f->instr);
        struct para *p = ensure_p(c);
        if (href && p && p->inl->type != HX_LINK) {
            struct hx_node *l = node_new(w, HX_LINK);
            l->href = href;
            place(w, p, l);
            f->prev = p->inl;
            f->link = l;
            p->inl = l;
        }
    } else if (strcmp(type, "end") == 0) {
        if (w->fld_over) {
            w->fld_over--;
            return;
        }
        if (!w->nfld)
            return;
        struct field *f = &w->fld[--w->nfld];
        struct para *p = ensure_p(c);
        if (f->link && p) {
            flush(w, p);
            p->inl = f->prev;
        }
    }
}

static int instr_text(struct walk *w)
{
    struct hx_buf b = {0};
    int rc = elem_text(w, &b);
    if (rc == 0 && w->nfld && !w->fld_over) {
        struct field *f = &w->fld[w->nfld - 1];
        for (size_t i = 0; i < b.len && f->ilen + 1 < sizeof f->instr; i++)
            f->instr[f->ilen++] = b.data[i];
    }
    hx_buf_free(&b);
    return rc;
}

static struct docx_fn *note_get(struct docx *dx, int endnote, int id)
{
    struct docx_fn *v = endnote ? dx->ens : dx->fns;
    size_t n = endnote ? dx->nens : dx->nfns;
    for (size_t i = 0; i < n; i++)
        if (v[i].id == id)
            return &v[i];
    return NULL;
}

static void note_ref(struct walk *w, struct ctx *c, int endnote)
{
    struct docx *dx = w->dx;
    struct para *p = ensure_p(c);
    const char *ids = docx_attr(&w->x, NS_W, "id");
    int id = ids ? atoi(ids) : -1;
    const char *cm = docx_attr(&w->x, NS_W, "customMarkFollows");
    int custom = cm && (strcmp(cm, "1") == 0 || strcmp(cm, "true") == 0 ||
                        strcmp(cm, "on") == 0);

    if (!p || in_instr(w))
        return;
    struct hx_node *note = node_new(w, HX_NOTE);
    if (endnote)
        note->flags |= HX_F_ENDNOTE;
    struct docx_fn *fn = note_get(dx, endnote, id);
    if (!fn)
        hx_warn(dx->st, dx->doc, note, "%s %d is referenced but not defined",
                endnote ? "endnote" : "footnote", id);
    else if (fn->used)
        hx_warn(dx->st, dx->doc, note, "%s %d is referenced twice",
                endnote ? "endnote" : "footnote", id);
    else {
        fn->used = 1;
        while (fn->holder->first)
            hx_node_append(note, fn->holder->first);
    }
    place(w, p, note);
    if (dx->nplaced == dx->capplaced) {
        size_t ncap = dx->capplaced ? dx->capplaced * 2 : 64;
        struct docx_placed *v = hx_alloc(dx->doc->arena, ncap * sizeof *v);
        if (dx->nplaced)
            memcpy(v, dx->placed, dx->nplaced * sizeof *v);
        dx->placed = v;
        dx->capplaced = ncap;
    }
    dx->placed[dx->nplaced].note = note;
    dx->placed[dx->nplaced].section = dx->section;
    dx->placed[dx->nplaced].custom = NULL;
    dx->nplaced++;
    if (custom)
        p->custom = note;
}

/* The Symbol font's code points 0x20..0xFF as Unicode (Word stores them
 * as is or moved to U+F020..U+F0FF). */
static const uint16_t symbol_map[224] = {
    0x0020, 0x0021, 0x2200, 0x0023, 0x2203, 0x0025, 0x0026, 0x220B, 0x0028,
    0x0029, 0x2217, 0x002B, 0x002C, 0x2212, 0x002E, 0x002F, 0x0030, 0x0031,
    0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003A,
    0x003B, 0x003C, 0x003D, 0x003E, 0x003F, 0x2245, 0x0391, 0x0392, 0x03A7,
    0x0394, 0x0395, 0x03A6, 0x0393, 0x0397, 0x0399, 0x03D1, 0x039A, 0x039B,
    0x039C, 0x039D, 0x039F, 0x03A0, 0x0398, 0x03A1, 0x03A3, 0x03A4, 0x03A5,
    0x03C2, 0x03A9, 0x039E, 0x03A8, 0x0396, 0x005B, 0x2234, 0x005D, 0x22A5,
    0x005F, 0x203E, 0x03B1, 0x03B2, 0x03C7, 0x03B4, 0x03B5, 0x03C6, 0x03B3,
    0x03B7, 0x03B9, 0x03D5, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BF, 0x03C0,
    0x03B8, 0x03C1, 0x03C3, 0x03C4, 0x03C5, 0x03D6, 0x03C9, 0x03BE, 0x03C8,
    0x03B6, 0x007B, 0x007C, 0x007D, 0x223C, 0x0000, /* 0x7F */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80.. */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x90.. */
    0x20AC, 0x03D2, 0x2032, 0x2264, 0x2044, 0x221E, 0x0192, 0x2663, 0x2666,
    0x2665, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193, 0x00B0, 0x00B1,
    0x2033, 0x2265, 0x00D7, 0x221D, 0x2202, 0x2022, 0x00F7, 0x2260, 0x2261,
    0x2248, 0x2026, 0x23D0, 0x23AF, 0x21B5, 0x2135, 0x2111, 0x211C, 0x2118,
    0x2297, 0x2295, 0x2205, 0x2229, 0x222A, 0x2283, 0x2287, 0x2284, 0x2282,
    0x2286, 0x2208, 0x2209, 0x2220, 0x2207, 0x00AE, 0x00A9, 0x2122, 0x220F,
    0x221A, 0x22C5, 0x00AC, 0x2227, 0x2228, 0x21D4, 0x21D0, 0x21D1, 0x21D2,
    0x21D3, 0x25CA, 0x2329, 0x00AE, 0x00A9, 0x2122, 0x2211, 0x239B, 0x239C,
    0x239D, 0x23A1, 0x23A2, 0x23A3, 0x23A7, 0x23A8, 0x23A9, 0x23AA, 0x0000,
    0x232A, 0x222B, 0x2320, 0x23AE, 0x2321, 0x239E, 0x239F, 0x23A0, 0x23A4,
    0x23A5, 0x23A6, 0x23AB, 0x23AC, 0x23AD, 0x0000};

static int32_t symbol_char(int32_t cp)
{
    int32_t low = cp >= 0xF020 && cp <= 0xF0FF ? cp - 0xF000 : cp;
    if (low >= 0x20 && low <= 0xFF && symbol_map[low - 0x20])
        return symbol_map[low - 0x20];
    return cp;
}

/* Text of a run in the Symbol font: its private-use characters. */
static void add_symbol_text(struct walk *w, struct ctx *c, const char *s,
                            size_t len);

/* Which mc:Choice we can read: its Requires prefixes are all known. */
static int requires_ok(const char *req)
{
    static const char *const known[] = {"wps", "wpg", "wpc", "wpi", "wp14",
                                        "w14", "w15", "w16", "a14", "v",
                                        "o",   "m",   "wne", "w16se"};
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

static int alternate(struct walk *w, struct ctx *c)
{
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc, taken = 0;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (docx_is(&w->x, NS_MC, "Choice") && !taken &&
            requires_ok(docx_attr(&w->x, NS_MC, "Requires") ?
                            docx_attr(&w->x, NS_MC, "Requires") :
                            docx_attr(&w->x, NS_OTHER, "Requires"))) {
            taken = 1;
            if (kids(w, c) < 0)
                return -1;
        } else if (docx_is(&w->x, NS_MC, "Fallback") && !taken) {
            taken = 1;
            if (kids(w, c) < 0)
                return -1;
        } else if (docx_xml_skip(w->dx, &w->x) < 0) {
            return -1;
        }
    }
    return rc;
}

static int para(struct walk *w, struct hx_node *parent);
static int table(struct walk *w, struct hx_node *parent);

/* A block met inside a paragraph (text box, misplaced paragraph): built
 * aside and placed after the paragraph. */
static int aside(struct walk *w, struct ctx *c, int tbl)
{
    struct para *p = c->p;
    if (!p)
        return docx_xml_skip(w->dx, &w->x);
    if (!p->deferred)
        p->deferred = hx_node_new(w->dx->doc, HX_CELL);
    struct hx_node *merge = w->merge;
    w->merge = NULL;
    int rc = tbl ? table(w, p->deferred) : para(w, p->deferred);
    w->merge = merge;
    return rc;
}

static int drawing_el(struct walk *w, struct ctx *c)
{
    struct img *im = c->im;
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
        struct ctx b = *c;
        if (!c->p)
            return docx_xml_skip(w->dx, &w->x);
        if (!c->p->deferred)
            c->p->deferred = hx_node_new(w->dx->doc, HX_CELL);
        b.mode = M_BLOCK;
        b.parent = c->p->deferred;
        struct hx_node *merge = w->merge;
        w->merge = NULL;
        int rc = kids(w, &b);
        w->merge = merge;
        return rc;
    } else if (ns == NS_MC && strcmp(n, "AlternateContent") == 0) {
        return alternate(w, c);
    }
    return kids(w, c);
}

static int drawing(struct walk *w, struct ctx *c)
{
    struct img im = {0};
    struct ctx d = *c;
    d.mode = M_DRAW;
    d.im = &im;
    struct hx_node *img = node_new(w, HX_IMAGE);
    if (kids(w, &d) < 0)
        return -1;
    struct para *p = ensure_p(c);
    if (p && im.pic && !in_instr(w)) {
        img->text = im.alt ? im.alt : "";
        img->len = strlen(img->text);
        place(w, p, img);
    }
    return 0;
}

static int run(struct walk *w, struct ctx *c)
{
    struct run r;
    struct ctx rc = *c;

    r.rp = c->p ? c->p->base : w->dx->styles.defaults;
    rc.mode = M_RUN;
    rc.r = &r;
    int res = kids(w, &rc);
    if (c->p)
        c->p->custom = NULL;
    return res;
}

static int hyperlink(struct walk *w, struct ctx *c)
{
    struct para *p = ensure_p(c);
    const char *id = docx_attr(&w->x, NS_R, "id");
    const struct docx_rel *rel = docx_rel_get(&w->rels, id);
    const char *anchor = docx_attr_dup(w->dx, &w->x, NS_W, "anchor");
    const char *href = NULL;

    if (rel && rel->target)
        href = anchor ? hx_printf(w->dx->doc->arena, "%s#%s", rel->target,
                                  anchor)
                      : rel->target;
    else if (anchor)
        href = hx_printf(w->dx->doc->arena, "#%s", anchor);
    if (!p || !href || p->inl->type == HX_LINK || in_instr(w))
        return kids(w, c);
    struct hx_node *l = node_new(w, HX_LINK);
    l->href = href;
    place(w, p, l);
    struct hx_node *prev = p->inl;
    p->inl = l;
    int rc = kids(w, c);
    flush(w, p);
    p->inl = prev;
    return rc;
}

static int fld_simple(struct walk *w, struct ctx *c)
{
    struct para *p = ensure_p(c);
    const char *instr = docx_attr(&w->x, NS_W, "instr");
    const char *href = instr ? field_href(w, instr) : NULL;
    if (!p || !href || p->inl->type == HX_LINK || in_instr(w))
        return kids(w, c);
    struct hx_node *l = node_new(w, HX_LINK);
    l->href = href;
    place(w, p, l);
    struct hx_node *prev = p->inl;
    p->inl = l;
    int rc = kids(w, c);
    flush(w, p);
    p->inl = prev;
    return rc;
}

/* w:ins, w:del, w:moveFrom, w:moveTo around runs, paragraphs or cells. */
static int change(struct walk *w, struct ctx *c, int del)
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
    int rc = kids(w, c);
    w->chg = chg;
    w->show_del = show;
    return rc;
}

static int cell(struct walk *w, struct ctx *c)
{
    struct table *t = c->t;
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc, span = 1, vmerge = 0, decided = 0;
    struct hx_node *cellnode = node_new(w, HX_CELL), *target = cellnode;

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
                    if (span < 1 || span > MAX_COLS)
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
            if (vmerge == 2 && t->col < MAX_COLS && t->cols[t->col])
                target = hx_node_new(w->dx->doc, HX_CELL);
        }
        struct ctx b = *c;
        b.mode = M_BLOCK;
        b.parent = target;
        struct hx_node *merge = w->merge;
        w->merge = NULL;
        if (one(w, &b) < 0)
            return -1;
        w->merge = merge;
    }
    if (rc < 0)
        return -1;
    if (!decided && vmerge == 2 && t->col < MAX_COLS && t->cols[t->col])
        target = NULL;
    if (target == cellnode) {
        if (span > 1)
            cellnode->span[0] = span;
        hx_node_append(t->row, cellnode);
        for (int k = t->col; k < t->col + span && k < MAX_COLS; k++)
            t->cols[k] = vmerge == 1 ? cellnode : NULL;
    } else if (t->col < MAX_COLS && t->cols[t->col]) {
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

static int row(struct walk *w, struct ctx *c)
{
    struct table *t = c->t;
    struct ctx b = *c;
    t->row = node_new(w, HX_ROW);
    t->col = 0;
    t->row_drop = 0;
    hx_node_append(t->node, t->row);
    b.mode = M_ROW;
    int rc = kids(w, &b);
    if (t->row_drop || !t->row->first)
        hx_node_detach(t->row);
    return rc;
}

static int row_props(struct walk *w, struct ctx *c)
{
    struct table *t = c->t;
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        if (docx_is(&w->x, NS_W, "tblHeader") && docx_onoff(&w->x))
            t->row->flags |= HX_F_HEADER;
        else if (docx_is(&w->x, NS_W, "gridBefore")) {
            const char *v = docx_attr(&w->x, NS_W, "val");
            int n = v ? atoi(v) : 0;
            if (n > 0 && n < MAX_COLS)
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

static int table(struct walk *w, struct hx_node *parent)
{
    struct table *t = calloc(1, sizeof *t);
    struct ctx c = {0};
    int rc;

    if (!t) {
        hx_error(w->dx->st, w->dx->doc, NULL, "out of memory");
        return -1;
    }
    t->node = node_new(w, HX_TABLE);
    hx_node_append(parent, t->node);
    c.mode = M_TABLE;
    c.t = t;
    w->merge = NULL;
    rc = kids(w, &c);
    if (!t->node->first)
        hx_node_detach(t->node);
    free(t);
    return rc;
}

/* Strips spaces and tabs at the start (end = 0) or end of a paragraph's
 * text; 1 once real content is reached. */
static int trim_ends(struct hx_doc *doc, struct hx_node *n, int end)
{
    for (struct hx_node *c = end ? n->last : n->first; c;
         c = end ? c->prev : c->next) {
        if (c->type == HX_TEXT) {
            size_t a = 0, b = c->len;
            if (!end)
                while (a < b && (c->text[a] == ' ' || c->text[a] == '\t'))
                    a++;
            else
                while (b > a &&
                       (c->text[b - 1] == ' ' || c->text[b - 1] == '\t'))
                    b--;
            if (a || b != c->len)
                hx_node_set_text(doc, c, c->text + a, b - a);
            if (c->len)
                return 1;
        } else if (c->type == HX_NOTE || c->type == HX_IMAGE ||
                   c->type == HX_BREAK || c->type == HX_NOTEREF) {
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
        } else if (c->type == HX_SPAN || c->type == HX_EMPH ||
                   c->type == HX_STRONG || c->type == HX_SUP ||
                   c->type == HX_SUB || c->type == HX_LINK) {
            prune(c);
            if (!c->first)
                hx_node_detach(c);
        }
        c = next;
    }
}

static int first_strong_rtl(struct hx_doc *doc, struct hx_node *n)
{
    size_t len;
    const char *s = hx_node_text(doc, n, &len);
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        if (is_rtl_cp(cp))
            return 1;
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
            (cp >= 0xC0 && cp < 0x590) || is_ea_cp(cp))
            return 0;
    }
    return 0;
}

static void para_begin(struct walk *w, struct ctx *c, struct docx_ppr *pp,
                       unsigned line)
{
    struct docx *dx = w->dx;
    struct para *p = c->p;
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
    w->merge = NULL;
    int heading = docx_style_heading(dx, style);
    int outline = pp->outline >= 0 ? pp->outline : -1;
    if (outline >= 0)
        heading = outline < 9 ? outline + 1 : 0;
    struct hx_node *n = node_new(w, heading ? HX_HEADING : HX_PARA);
    n->pos.line = line;
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
        if (label) {
            n->label = label;
            n->num = value;
            if (!heading)
                n->level = ilvl;
        }
    }
    hx_node_append(c->parent, n);
    p->node = n;
    p->inl = n;
}

static int para(struct walk *w, struct hx_node *parent)
{
    struct para p;
    struct docx_ppr pp = {0};
    struct ctx c = {0};
    unsigned line = line_of(w);
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;

    memset(&p, 0, sizeof p);
    pp.num_id = pp.ilvl = pp.outline = pp.bidi = -1;
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
            para_begin(w, &c, &pp, line);
        if (one(w, &c) < 0)
            goto fail;
    }
    if (rc < 0)
        goto fail;
    if (!p.node)
        para_begin(w, &c, &pp, line);
    flush(w, &p);
    for (int i = 0; i < w->nfld; i++) {
        /* A field result running on into the next paragraph starts there
         * outside the link. */
        w->fld[i].link = NULL;
        w->fld[i].prev = NULL;
    }
    struct hx_node *n = p.node;
    int mark_merge = (w->dx->changes == 0 && pp.mark_del) ||
                     (w->dx->changes == 1 && pp.mark_ins);
    if (mark_merge && !pp.sect) {
        w->merge = n;
    } else {
        trim_ends(w->dx->doc, n, 0);
        trim_ends(w->dx->doc, n, 1);
        prune(n);
        if (n->span[0] < 0 && first_strong_rtl(w->dx->doc, n))
            n->flags |= HX_F_RTL;
        n->span[0] = 0;
        if (!n->first && !(n->label && *n->label))
            hx_node_detach(n);
    }
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
    return 0;
fail:
    hx_buf_free(&p.pend);
    return -1;
}

static int is_w(struct walk *w, const char *n, const char *want)
{
    (void)w;
    return strcmp(n, want) == 0;
}

/* Handles the element the reader is on, in the context's mode. */
static int one(struct walk *w, struct ctx *c)
{
    struct docx *dx = w->dx;
    enum docx_ns ns = docx_ns_of(&w->x);
    const char *n = (const char *)xmlTextReaderConstLocalName(w->x.r);

    if (!n)
        return docx_xml_skip(dx, &w->x);
    if (c->mode == M_DRAW)
        return drawing_el(w, c);
    if (ns == NS_MC && strcmp(n, "AlternateContent") == 0)
        return alternate(w, c);
    if (ns == NS_M) {
        if (strcmp(n, "t") == 0 && (c->mode == M_INLINE || c->mode == M_RUN))
            return text_el(w, c);
        if (strcmp(n, "rPr") == 0 || strcmp(n, "ctrlPr") == 0 ||
            strcmp(n, "oMathParaPr") == 0)
            return docx_xml_skip(dx, &w->x);
        if (strcmp(n, "oMathPara") == 0 && c->mode == M_BLOCK) {
            /* display math outside a paragraph: give it one */
            struct para p;
            memset(&p, 0, sizeof p);
            struct ctx pc = *c;
            pc.mode = M_INLINE;
            pc.p = &p;
            p.node = node_new(w, HX_PARA);
            p.inl = p.node;
            p.base = dx->styles.defaults;
            hx_node_append(c->parent, p.node);
            int rc = kids(w, &pc);
            flush(w, &p);
            hx_buf_free(&p.pend);
            if (!p.node->first)
                hx_node_detach(p.node);
            return rc;
        }
        return kids(w, c);
    }
    if (ns != NS_W)
        return docx_xml_skip(dx, &w->x);

    /* Transparent wrappers and tracked changes, in every mode. */
    if (is_w(w, n, "ins") || is_w(w, n, "moveTo"))
        return change(w, c, 0);
    if (is_w(w, n, "del") || is_w(w, n, "moveFrom"))
        return change(w, c, 1);
    if (is_w(w, n, "customXml") || is_w(w, n, "smartTag") ||
        is_w(w, n, "sdtContent") || is_w(w, n, "dir") || is_w(w, n, "bdo"))
        return kids(w, c);
    if (is_w(w, n, "sdt")) {
        int d = xmlTextReaderDepth(w->x.r);
        int e = xmlTextReaderIsEmptyElement(w->x.r), rc;
        while ((rc = docx_xml_child(dx, &w->x, d, e)) > 0) {
            if (docx_is(&w->x, NS_W, "sdtContent")) {
                if (kids(w, c) < 0)
                    return -1;
            } else if (docx_xml_skip(dx, &w->x) < 0) {
                return -1;
            }
        }
        return rc;
    }

    switch (c->mode) {
    case M_BLOCK:
        if (is_w(w, n, "p"))
            return para(w, c->parent);
        if (is_w(w, n, "tbl"))
            return table(w, c->parent);
        if (is_w(w, n, "sectPr")) {
            dx->section++;
            return docx_sectpr_parse(dx, &w->x);
        }
        return docx_xml_skip(dx, &w->x);
    case M_TABLE:
        if (is_w(w, n, "tr"))
            return row(w, c);
        return docx_xml_skip(dx, &w->x);
    case M_ROW:
        if (is_w(w, n, "tc"))
            return cell(w, c);
        if (is_w(w, n, "trPr"))
            return row_props(w, c);
        return docx_xml_skip(dx, &w->x);
    case M_INLINE:
        if (is_w(w, n, "r"))
            return run(w, c);
        if (is_w(w, n, "hyperlink"))
            return hyperlink(w, c);
        if (is_w(w, n, "fldSimple"))
            return fld_simple(w, c);
        if (is_w(w, n, "p"))
            return aside(w, c, 0);
        if (is_w(w, n, "tbl"))
            return aside(w, c, 1);
        return docx_xml_skip(dx, &w->x);
    default: /* M_RUN */
        break;
    }
    struct para *p = ensure_p(c);
    if (is_w(w, n, "rPr")) {
        struct docx_rpr direct = {0};
        if (docx_rpr_parse(dx, &w->x, &direct) < 0)
            return -1;
        if (direct.style)
            docx_style_rpr(dx, direct.style, &c->r->rp);
        docx_rpr_apply(&c->r->rp, &direct);
        return 0;
    }
    if (is_w(w, n, "t"))
        return text_el(w, c);
    if (is_w(w, n, "delText"))
        return w->show_del ? text_el(w, c) : docx_xml_skip(dx, &w->x);
    if (is_w(w, n, "instrText") || is_w(w, n, "delInstrText"))
        return instr_text(w);
    if (is_w(w, n, "fldChar")) {
        field_char(w, c);
        return docx_xml_skip(dx, &w->x);
    }
    if (is_w(w, n, "tab") || is_w(w, n, "ptab"))
        add_text(w, c, "\t", 1);
    else if (is_w(w, n, "br") || is_w(w, n, "cr")) {
        const char *type = docx_attr(&w->x, NS_W, "type");
        if (p && !in_instr(w) &&
            (!type || strcmp(type, "textWrapping") == 0))
            place(w, p, node_new(w, HX_BREAK));
    } else if (is_w(w, n, "noBreakHyphen"))
        add_cp(w, c, 0x2011);
    else if (is_w(w, n, "softHyphen"))
        add_cp(w, c, 0x00AD);
    else if (is_w(w, n, "sym")) {
        const char *ch = docx_attr(&w->x, NS_W, "char");
        long cp = ch ? strtol(ch, NULL, 16) : 0;
        if (cp > 0 && cp < 0x110000) {
            const char *font = docx_attr(&w->x, NS_W, "font");
            add_cp(w, c, font && strcmp(font, "Symbol") == 0
                             ? symbol_char((int32_t)cp)
                             : (int32_t)cp);
        }
    } else if (is_w(w, n, "footnoteReference"))
        note_ref(w, c, 0);
    else if (is_w(w, n, "endnoteReference"))
        note_ref(w, c, 1);
    else if (is_w(w, n, "footnoteRef") || is_w(w, n, "endnoteRef")) {
        if (c->p)
            c->p->trim = 1;
    } else if (is_w(w, n, "drawing") || is_w(w, n, "pict") ||
               is_w(w, n, "object"))
        return drawing(w, c);
    else if (is_w(w, n, "ruby")) {
        /* the base text; the phonetic guide (w:rt) is left out */
        int d = xmlTextReaderDepth(w->x.r);
        int e = xmlTextReaderIsEmptyElement(w->x.r), rc;
        while ((rc = docx_xml_child(dx, &w->x, d, e)) > 0) {
            if (docx_is(&w->x, NS_W, "rubyBase")) {
                struct ctx ic = *c;
                ic.mode = M_INLINE;
                if (kids(w, &ic) < 0)
                    return -1;
            } else if (docx_xml_skip(dx, &w->x) < 0) {
                return -1;
            }
        }
        return rc;
    }
    return docx_xml_skip(dx, &w->x);
}

/* Runs one() over each child element of the element the reader is on. */
static int kids(struct walk *w, struct ctx *c)
{
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0)
        if (xmlTextReaderNodeType(w->x.r) == XML_READER_TYPE_ELEMENT &&
            one(w, c) < 0)
            return -1;
    return rc;
}

static int walk_open(struct docx *dx, struct walk *w, const char *part,
                     char **data)
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
    struct walk *w = malloc(sizeof *w);
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
            struct ctx c = {0};
            c.mode = M_BLOCK;
            c.parent = dx->doc->root;
            if (kids(w, &c) < 0)
                goto out;
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
        if (it.enter && (it.node->type == HX_PARA ||
                         it.node->type == HX_HEADING))
            it.node->role = HX_ROLE_NOTE_BODY;
}

int docx_notes_read(struct docx *dx, const char *part, int endnote)
{
    struct walk *w = malloc(sizeof *w);
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
        struct ctx c = {0};
        c.mode = M_BLOCK;
        c.parent = fn.holder;
        w->merge = NULL;
        w->nfld = w->fld_over = 0;
        if (kids(w, &c) < 0)
            goto out;
        mark_note_body(fn.holder);
        struct docx_fn **v = endnote ? &dx->ens : &dx->fns;
        size_t *n = endnote ? &dx->nens : &dx->nfns;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct docx_fn *nv = hx_alloc(dx->doc->arena, ncap * sizeof *nv);
            if (*n)
                memcpy(nv, *v, *n * sizeof *nv);
            *v = nv;
            cap = ncap;
        }
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
