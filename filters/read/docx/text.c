/* Text of a story as it is read: runs merged into text nodes with their
 * formatting and language, complex fields, note references and Symbol-font
 * text. Part of the docx reader; calls the files below the walk only
 * (chars.c, pkg.c), never back into it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

unsigned docx_line_of(struct docx_walk *w)
{
    return (unsigned)xmlTextReaderGetParserLineNumber(w->x.r);
}

unsigned docx_para_pos(const struct docx_walk *w)
{
    return w->para ? w->para : w->x.npara + 1;
}

struct hx_node *docx_node_new(struct docx_walk *w, enum hx_type type)
{
    struct hx_node *n = hx_node_new(w->dx->doc, type);
    n->pos.line = docx_para_pos(w);
    n->pos.where = w->part;
    return n;
}

int docx_in_instr(const struct docx_walk *w)
{
    for (int i = 0; i < w->nfld; i++)
        if (!w->fld[i].result)
            return 1;
    return 0;
}

/* Places the pending text in its wrappers. */
void docx_flush(struct docx_walk *w, struct docx_para *p)
{
    struct hx_doc *doc = w->dx->doc;
    struct hx_node *c = p->inl;

    if (!p->pend.len)
        return;
    if ((p->pend_bits & (FB_RTL | FB_INS | FB_DEL)) || p->pend_lang) {
        struct hx_node *s = docx_node_new(w, HX_SPAN);
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
    } wrap[] = {{FB_B, HX_STRONG}, {FB_I, HX_EMPH}, {FB_SUP, HX_SUP}, {FB_SUB, HX_SUB}};
    for (size_t i = 0; i < 4; i++)
        if (p->pend_bits & wrap[i].bit) {
            struct hx_node *n = docx_node_new(w, wrap[i].type);
            hx_node_append(c, n);
            c = n;
        }
    struct hx_node *t = hx_text_new(doc, p->pend.data, p->pend.len);
    t->pos.line = docx_para_pos(w);
    t->pos.where = w->part;
    hx_node_append(c, t);
    hx_buf_reset(&p->pend);
}

void docx_place(struct docx_walk *w, struct docx_para *p, struct hx_node *n)
{
    docx_flush(w, p);
    hx_node_append(p->inl, n);
}

static int is_cjk_lang(const char *l)
{
    return hx_lang_is(l, "zh") || hx_lang_is(l, "ja") || hx_lang_is(l, "ko");
}

/* The w:lang that applies to this text: eastAsia for CJK, bidi for RTL
 * scripts, val otherwise; for a tag that cannot be right for the script
 * (Word's defaults are often en-US on Chinese) the script's language; NULL
 * for neutral text (digits, punctuation). */
static const char *pick_lang(const struct docx_rpr *rp, const char *s, size_t len)
{
    int ea = 0, rtl = 0, letter = 0, kana = 0, hangul = 0, hebrew = 0;
    int cjk_tag = is_cjk_lang(rp->lang_ea);
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {   /* ASCII: only its letters count */
            if (letter) { /* ASCII can change nothing more: to the next other byte */
                uint64_t v;
                while (i + 8 <= len && (memcpy(&v, s + i, 8), !(v & 0x8080808080808080ull)))
                    i += 8;
                while (i < len && (unsigned char)s[i] < 0x80)
                    i++;
                continue;
            }
            letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
            i++;
            continue;
        }
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp >= 0x4E00 && cp <= 0x9FFF) { /* the URO: East Asian, no kana, no hangul */
            if (cjk_tag)
                return rp->lang_ea; /* decided, whatever follows */
            ea = 1;
            continue;
        }
        if (docx_is_ea_cp(cp) && !hx_cp_is_space(cp)) {
            if (cjk_tag)
                return rp->lang_ea;
            ea = 1;
            kana |= cp >= 0x3040 && cp <= 0x30FF;
            hangul |= cp >= 0xAC00 && cp <= 0xD7AF;
        } else if (docx_is_rtl_cp(cp)) {
            rtl = 1;
            hebrew |= cp >= 0x0590 && cp <= 0x05FF;
        } else if (cp >= 0x41 && hx_cp_digit(cp) < 0 && !hx_cp_is_space(cp) &&
                   !(cp >= 0x2000 && cp <= 0x206F) && cp != 0xA0 && !(cp >= 0x5B && cp <= 0x60) &&
                   !(cp >= 0x7B && cp <= 0xBF))
            letter = 1;
    }
    /* Without a tag that fits the script, the script decides. */
    if (ea)
        return is_cjk_lang(rp->lang_ea) ? rp->lang_ea : kana ? "ja" : hangul ? "ko" : "zh";
    if (rtl)
        return hx_lang_is_rtl(rp->lang_bidi) ? rp->lang_bidi : hebrew ? "he" : "ar";
    if (!letter)
        return NULL;
    if ((rp->set & rp->val & RP_CS) && rp->lang_bidi)
        return rp->lang_bidi;
    return rp->lang && !is_cjk_lang(rp->lang) && !hx_lang_is_rtl(rp->lang) ? rp->lang : NULL;
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

void docx_add_text(struct docx_walk *w, struct docx_ctx *c, const char *s, size_t len)
{
    struct docx_para *p = c->p;
    const struct docx_rpr *rp = c->r ? &c->r->rp : &p->base;

    if (!p || docx_in_instr(w))
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
    if (p->pend.len &&
        (bits != p->pend_bits ||
         (lang != p->pend_lang && (!lang || !p->pend_lang || strcmp(lang, p->pend_lang)))))
        docx_flush(w, p);
    p->pend_bits = bits;
    p->pend_lang = lang;
    hx_buf_add(&p->pend, s, len);
}

void docx_add_cp(struct docx_walk *w, struct docx_ctx *c, int32_t cp)
{
    struct hx_buf b = {0};
    hx_buf_addcp(&b, cp);
    docx_add_text(w, c, b.data, b.len);
    hx_buf_free(&b);
}

/* Text of a run in the Symbol font: its private-use characters. */
static void add_symbol_text(struct docx_walk *w, struct docx_ctx *c, const char *s, size_t len)
{
    struct hx_buf b = {0};
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        hx_buf_addcp(&b, cp >= 0xF020 && cp <= 0xF0FF ? docx_symbol_char(cp) : cp);
    }
    docx_add_text(w, c, b.data, b.len);
    hx_buf_free(&b);
}

/* Reads the text content of the element the reader is on. */
static int elem_text(struct docx_walk *w, struct hx_buf *b)
{
    int d = xmlTextReaderDepth(w->x.r), e = xmlTextReaderIsEmptyElement(w->x.r);
    int rc;
    while ((rc = docx_xml_child(w->dx, &w->x, d, e)) > 0) {
        int t = xmlTextReaderNodeType(w->x.r);
        if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
            t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const xmlChar *v = xmlTextReaderConstValue(w->x.r);
            if (v)
                hx_buf_adds(b, (const char *)v);
            if (b->len > DOCX_MAX_TEXT) {
                hx_error_at(w->dx->st, w->dx->doc, docx_line_of(w),
                            "%s: text longer than %zu bytes", w->part, DOCX_MAX_TEXT);
                return -1;
            }
        } else if (t == XML_READER_TYPE_ELEMENT) {
            if (docx_xml_skip(w->dx, &w->x) < 0)
                return -1;
        }
    }
    return rc;
}

int docx_text_el(struct docx_walk *w, struct docx_ctx *c)
{
    struct hx_buf b = {0};
    int rc = elem_text(w, &b);
    if (rc == 0 && b.len) {
        if (c->r && (c->r->rp.set & c->r->rp.val & RP_SYMBOL))
            add_symbol_text(w, c, b.data, b.len);
        else
            docx_add_text(w, c, b.data, b.len);
    }
    hx_buf_free(&b);
    return rc;
}

struct docx_para *docx_ensure_p(struct docx_ctx *c)
{
    return c->p && c->p->node ? c->p : NULL;
}

/* HYPERLINK "url" \l "anchor" -> href; NULL for other fields. */
const char *docx_field_href(struct docx_walk *w, const char *instr)
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
    return hx_printf(w->dx->doc->arena, "%s%s%s", url, anchor[0] ? "#" : "", anchor);
}

void docx_field_char(struct docx_walk *w, struct docx_ctx *c)
{
    const char *type = docx_attr(&w->x, NS_W, "fldCharType");
    if (!type)
        return;
    if (strcmp(type, "begin") == 0) {
        if (w->nfld == DOCX_MAX_FIELDS) {
            w->fld_over++;
            return;
        }
        struct docx_field *f = &w->fld[w->nfld++];
        memset(f, 0, sizeof *f);
    } else if (strcmp(type, "separate") == 0) {
        if (w->fld_over || !w->nfld)
            return;
        struct docx_field *f = &w->fld[w->nfld - 1];
        f->result = 1;
        f->instr[f->ilen] = '\0';
        const char *href = docx_field_href(w, f->instr);
        struct docx_para *p = docx_ensure_p(c);
        if (href && p && p->inl->type != HX_LINK) {
            struct hx_node *l = docx_node_new(w, HX_LINK);
            l->href = href;
            docx_place(w, p, l);
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
        struct docx_field *f = &w->fld[--w->nfld];
        struct docx_para *p = docx_ensure_p(c);
        if (f->link && p) {
            docx_flush(w, p);
            p->inl = f->prev;
        }
    }
}

int docx_instr_text(struct docx_walk *w)
{
    struct hx_buf b = {0};
    int rc = elem_text(w, &b);
    if (rc == 0 && w->nfld && !w->fld_over) {
        struct docx_field *f = &w->fld[w->nfld - 1];
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

void docx_note_ref(struct docx_walk *w, struct docx_ctx *c, int endnote)
{
    struct docx *dx = w->dx;
    struct docx_para *p = docx_ensure_p(c);
    const char *ids = docx_attr(&w->x, NS_W, "id");
    int id = ids ? atoi(ids) : -1;
    const char *cm = docx_attr(&w->x, NS_W, "customMarkFollows");
    int custom = cm && (strcmp(cm, "1") == 0 || strcmp(cm, "true") == 0 || strcmp(cm, "on") == 0);

    if (!p || docx_in_instr(w))
        return;
    struct hx_node *note = docx_node_new(w, HX_NOTE);
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
    docx_place(w, p, note);
    dx->placed = hx_arena_grow(dx->doc->arena, dx->placed, dx->nplaced, &dx->capplaced,
                               sizeof *dx->placed, 64);
    dx->placed[dx->nplaced].note = note;
    dx->placed[dx->nplaced].section = dx->section;
    dx->placed[dx->nplaced].custom = NULL;
    dx->nplaced++;
    if (custom)
        p->custom = note;
}
