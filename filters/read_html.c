/* Reader for general HTML: libxml2's forgiving HTML parser builds a tree,
 * which is walked once into the model. HTML mixes inline content and blocks
 * freely; the model does not, so stray inline runs inside containers become
 * implicit paragraphs, and white space is collapsed as a browser would. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "hx.h"

#define MAX_BYTES ((size_t)64 << 20)
/* Deeper nesting than this only happens in hostile input; recursion stops. */
#define MAX_DEPTH 200

enum kind {
    K_INLINE,   /* unknown or presentational inline: content kept, tag dropped */
    K_SKIP,     /* content dropped: head, script, style… */
    K_BLOCK,    /* a block boundary with no node of its own (div, main…) */
    K_SECTION,  /* article, section, header → HX_SECTION */
    K_HEADING,
    K_PARA,
    K_LIST,
    K_ITEM,
    K_TABLE,
    K_ROW,
    K_CELL,
    K_QUOTE,
    K_EMPH,
    K_STRONG,
    K_SUP,
    K_SUB,
    K_LINK,
    K_BREAK,
    K_IMAGE,
    K_RULE /* hr: a boundary and nothing else */
};

static const struct {
    const char *name;
    enum kind kind;
} tags[] = {
    {"head", K_SKIP},       {"script", K_SKIP},      {"style", K_SKIP},
    {"template", K_SKIP},   {"noscript", K_SKIP},    {"title", K_SKIP},
    {"colgroup", K_SKIP},   {"col", K_SKIP},         {"iframe", K_SKIP},
    {"object", K_SKIP},     {"svg", K_SKIP},         {"math", K_SKIP},
    {"body", K_BLOCK},      {"div", K_BLOCK},        {"main", K_BLOCK},
    {"nav", K_BLOCK},       {"footer", K_BLOCK},     {"aside", K_BLOCK},
    {"figure", K_BLOCK},    {"form", K_BLOCK},       {"center", K_BLOCK},
    {"dl", K_BLOCK},        {"fieldset", K_BLOCK},   {"address", K_BLOCK},
    {"details", K_BLOCK},   {"thead", K_BLOCK},      {"tbody", K_BLOCK},
    {"tfoot", K_BLOCK},     {"html", K_BLOCK},       {"article", K_SECTION},
    {"section", K_SECTION}, {"header", K_SECTION},   {"h1", K_HEADING},
    {"h2", K_HEADING},      {"h3", K_HEADING},       {"h4", K_HEADING},
    {"h5", K_HEADING},      {"h6", K_HEADING},       {"p", K_PARA},
    {"pre", K_PARA},        {"dt", K_PARA},          {"dd", K_PARA},
    {"figcaption", K_PARA}, {"caption", K_PARA},     {"summary", K_PARA},
    {"legend", K_PARA},     {"ol", K_LIST},          {"ul", K_LIST},
    {"menu", K_LIST},       {"li", K_ITEM},          {"table", K_TABLE},
    {"tr", K_ROW},          {"td", K_CELL},          {"th", K_CELL},
    {"blockquote", K_QUOTE}, {"em", K_EMPH},         {"i", K_EMPH},
    {"cite", K_EMPH},       {"var", K_EMPH},         {"dfn", K_EMPH},
    {"strong", K_STRONG},   {"b", K_STRONG},         {"sup", K_SUP},
    {"sub", K_SUB},         {"a", K_LINK},           {"br", K_BREAK},
    {"img", K_IMAGE},       {"hr", K_RULE},
};

struct walk {
    struct hx_stage *st;
    struct hx_doc *doc;
    int space;  /* the last character put in the current block was a space */
    int pre;    /* inside <pre>: white space is kept */
    int deep;   /* warned about excessive nesting */
};

static enum kind kind_of(const xmlNode *x)
{
    if (x->type != XML_ELEMENT_NODE || !x->name)
        return K_INLINE;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strcmp((const char *)x->name, tags[i].name) == 0)
            return tags[i].kind;
    return K_INLINE;
}

static int is_name(const xmlNode *x, const char *name)
{
    return x->type == XML_ELEMENT_NODE && x->name &&
           strcmp((const char *)x->name, name) == 0;
}

/* An attribute's value copied into the arena (NULL when absent). */
static const char *attr(struct walk *w, xmlNode *x, const char *name)
{
    xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = hx_strdup(w->doc->arena, (const char *)v);
    xmlFree(v);
    return s;
}

static int attr_int(xmlNode *x, const char *name, int def)
{
    xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
    if (!v)
        return def;
    char *end;
    long n = strtol((const char *)v, &end, 10);
    int ok = end != (char *)v && n > -1000000 && n < 1000000;
    xmlFree(v);
    return ok ? (int)n : def;
}

/* Node for element x, carrying its lang, dir and source line. */
static struct hx_node *node_for(struct walk *w, xmlNode *x, enum hx_type t)
{
    struct hx_node *n = hx_node_new(w->doc, t);
    const char *lang = attr(w, x, "lang");
    if (!lang)
        lang = attr(w, x, "xml:lang");
    if (lang && *lang)
        n->lang = lang;
    const char *dir = attr(w, x, "dir");
    if (dir && strcmp(dir, "rtl") == 0)
        n->flags |= HX_F_RTL;
    long line = xmlGetLineNo(x);
    n->pos.line = line > 0 ? (unsigned)line : 0;
    return n;
}

static int is_html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends text to an inline parent, collapsing white space runs (kept
 * inside <pre>, where a newline becomes a line break). */
static void add_text(struct walk *w, struct hx_node *parent, const char *s,
                     unsigned line)
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
static void trim_end(struct walk *w, struct hx_node *blk)
{
    for (;;) {
        struct hx_node *n = blk->last;
        while (n && n->type != HX_TEXT && n->type != HX_BREAK &&
               n->type != HX_IMAGE && n->type != HX_NOTE && n->last)
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
        struct hx_node *p = n->parent;
        hx_node_detach(n);
        while (p != blk && !p->first) {
            struct hx_node *up = p->parent;
            hx_node_detach(p);
            p = up;
        }
    }
}

static void walk_inline(struct walk *w, xmlNode *x, struct hx_node *parent,
                        int depth);
static void walk_blocks(struct walk *w, xmlNode *first, struct hx_node *box,
                        int depth, int list_depth);

/* Closes an open implicit paragraph (or a real one). */
static void finish_block(struct walk *w, struct hx_node *blk)
{
    if (!blk)
        return;
    trim_end(w, blk);
    if (!blk->first)
        hx_node_detach(blk);
}

static int too_deep(struct walk *w, xmlNode *x, int depth)
{
    if (depth < MAX_DEPTH)
        return 0;
    if (!w->deep)
        hx_warn_at(w->st, w->doc, (unsigned)xmlGetLineNo(x),
                   "elements nested over %d deep: their content is dropped",
                   MAX_DEPTH);
    w->deep = 1;
    return 1;
}

/* The children of x in inline context, appended to parent. */
static void walk_inline_children(struct walk *w, xmlNode *x,
                                 struct hx_node *parent, int depth)
{
    for (xmlNode *c = x->children; c; c = c->next)
        walk_inline(w, c, parent, depth + 1);
}

static void walk_inline(struct walk *w, xmlNode *x, struct hx_node *parent,
                        int depth)
{
    if (too_deep(w, x, depth))
        return;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
        if (x->content) {
            long line = xmlGetLineNo(x);
            add_text(w, parent, (const char *)x->content,
                     line > 0 ? (unsigned)line : 0);
        }
        return;
    }
    if (x->type != XML_ELEMENT_NODE)
        return;
    enum hx_type t = HX_SPAN;
    switch (kind_of(x)) {
    case K_SKIP:
        return;
    case K_EMPH: t = HX_EMPH; break;
    case K_STRONG: t = HX_STRONG; break;
    case K_SUP: t = HX_SUP; break;
    case K_SUB: t = HX_SUB; break;
    case K_BREAK:
        hx_node_append(parent, node_for(w, x, HX_BREAK));
        w->space = 1;
        return;
    case K_IMAGE: {
        struct hx_node *img = node_for(w, x, HX_IMAGE);
        const char *alt = attr(w, x, "alt");
        if (alt) {
            img->text = alt;
            img->len = strlen(alt);
        }
        hx_node_append(parent, img);
        w->space = 0;
        return;
    }
    case K_LINK: {
        const char *href = attr(w, x, "href");
        if (!href) { /* an anchor only: keep its content */
            walk_inline_children(w, x, parent, depth);
            return;
        }
        struct hx_node *a = node_for(w, x, HX_LINK);
        a->href = href;
        hx_node_append(parent, a);
        walk_inline_children(w, x, a, depth);
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
            walk_inline_children(w, x, parent, depth);
            return;
        }
        struct hx_node *sp = node_for(w, x, HX_SPAN);
        hx_node_append(parent, sp);
        walk_inline_children(w, x, sp, depth);
        return;
    }
    default:
        /* A block inside inline content (only in broken HTML): flattened,
         * with a space for the boundary. */
        if (!w->space) {
            add_text(w, parent, " ", 0);
        }
        walk_inline_children(w, x, parent, depth);
        if (!w->space)
            add_text(w, parent, " ", 0);
        return;
    }
    struct hx_node *n = node_for(w, x, t);
    hx_node_append(parent, n);
    walk_inline_children(w, x, n, depth);
}

/* A heading or paragraph: its children are inline content. */
static void walk_leaf(struct walk *w, xmlNode *x, struct hx_node *n,
                      int depth)
{
    int was_pre = w->pre;
    w->pre = was_pre || is_name(x, "pre");
    w->space = 1;
    walk_inline_children(w, x, n, depth);
    w->pre = was_pre;
    finish_block(w, n);
}

/* Roman numeral for a list label (1..3999; others fall back to digits). */
static void roman(char *buf, size_t size, int n, int upper)
{
    static const int val[] = {1000, 900, 500, 400, 100, 90,
                              50,   40,  10,  9,   5,   4, 1};
    static const char *const sym[] = {"m",  "cm", "d",  "cd", "c",
                                      "xc", "l",  "xl", "x",  "ix",
                                      "v",  "iv", "i"};
    if (n < 1 || n > 3999) {
        snprintf(buf, size, "%d", n);
        return;
    }
    size_t k = 0;
    for (int i = 0; i < 13 && k + 3 < size; i++)
        while (n >= val[i] && k + 3 < size) {
            for (const char *s = sym[i]; *s; s++)
                buf[k++] = upper ? (char)toupper((unsigned char)*s) : *s;
            n -= val[i];
        }
    buf[k] = '\0';
}

static const char *item_label(struct walk *w, int n, const char *type)
{
    char buf[32];
    if (type && (strcmp(type, "a") == 0 || strcmp(type, "A") == 0) && n >= 1 &&
        n <= 26)
        snprintf(buf, sizeof buf, "%c", (type[0] == 'a' ? 'a' : 'A') + n - 1);
    else if (type && (strcmp(type, "i") == 0 || strcmp(type, "I") == 0))
        roman(buf, sizeof buf, n, type[0] == 'I');
    else
        snprintf(buf, sizeof buf, "%d", n);
    return hx_printf(w->doc->arena, "%s.", buf);
}

static void walk_list(struct walk *w, xmlNode *x, struct hx_node *list,
                      int depth, int list_depth)
{
    int ordered = is_name(x, "ol");
    int reversed = ordered && xmlHasProp(x, (const xmlChar *)"reversed");
    int count = 0;
    for (xmlNode *c = x->children; c; c = c->next)
        count += is_name(c, "li");
    int n = attr_int(x, "start", reversed ? count : 1);
    const char *type = ordered ? attr(w, x, "type") : NULL;
    struct hx_node *item = NULL;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (is_name(c, "li")) {
            item = node_for(w, c, HX_ITEM);
            item->level = list_depth;
            if (ordered) {
                n = attr_int(c, "value", n);
                item->num = n;
                item->label = item_label(w, n, type);
                n += reversed ? -1 : 1;
            }
            hx_node_append(list, item);
            walk_blocks(w, c->children, item, depth + 1, list_depth);
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
            item = node_for(w, x, HX_ITEM);
            item->level = list_depth;
            hx_node_append(list, item);
        }
        xmlNode *next = c->next;
        c->next = NULL; /* walk this one child only */
        walk_blocks(w, c, item, depth + 1, list_depth);
        c->next = next;
    }
}

static void walk_table(struct walk *w, xmlNode *x, struct hx_node *table,
                       int depth, int header)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || too_deep(w, c, depth + 1))
            continue;
        if (is_name(c, "thead") || is_name(c, "tbody") || is_name(c, "tfoot")) {
            walk_table(w, c, table, depth + 1, is_name(c, "thead"));
        } else if (is_name(c, "caption")) {
            struct hx_node *p = node_for(w, c, HX_PARA);
            hx_node_insert_before(table, p);
            walk_leaf(w, c, p, depth + 1);
        } else if (is_name(c, "tr")) {
            struct hx_node *row = node_for(w, c, HX_ROW);
            if (header)
                row->flags |= HX_F_HEADER;
            hx_node_append(table, row);
            for (xmlNode *d = c->children; d; d = d->next) {
                if (!is_name(d, "td") && !is_name(d, "th"))
                    continue;
                struct hx_node *cell = node_for(w, d, HX_CELL);
                if (header || is_name(d, "th"))
                    cell->flags |= HX_F_HEADER;
                int cs = attr_int(d, "colspan", 1), rs = attr_int(d, "rowspan", 1);
                cell->span[0] = cs > 1 && cs < 1000 ? cs : 0;
                cell->span[1] = rs > 1 && rs < 65535 ? rs : 0;
                hx_node_append(row, cell);
                walk_blocks(w, d->children, cell, depth + 2, 0);
            }
        }
    }
}

/* The nodes first, first->next… in block context, appended to box. Inline
 * runs go into implicit paragraphs. */
static void walk_blocks(struct walk *w, xmlNode *first, struct hx_node *box,
                        int depth, int list_depth)
{
    struct hx_node *implicit = NULL;
    for (xmlNode *x = first; x; x = x->next) {
        if (too_deep(w, x, depth))
            return;
        enum kind k = kind_of(x);
        int is_inline = x->type == XML_TEXT_NODE ||
                        x->type == XML_CDATA_SECTION_NODE ||
                        (x->type == XML_ELEMENT_NODE &&
                         (k == K_INLINE || k == K_EMPH || k == K_STRONG ||
                          k == K_SUP || k == K_SUB || k == K_LINK ||
                          k == K_BREAK || k == K_IMAGE));
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
            walk_inline(w, x, implicit, depth);
            continue;
        }
        if (x->type != XML_ELEMENT_NODE || k == K_SKIP)
            continue;
        finish_block(w, implicit);
        implicit = NULL;
        struct hx_node *n = NULL;
        switch (k) {
        case K_BLOCK:
            walk_blocks(w, x->children, box, depth + 1, list_depth);
            break;
        case K_RULE:
            break;
        case K_SECTION:
            n = node_for(w, x, HX_SECTION);
            n->num = attr_int(x, "data-number", 0);
            n->style = hx_strdup(w->doc->arena, (const char *)x->name);
            hx_node_append(box, n);
            walk_blocks(w, x->children, n, depth + 1, list_depth);
            break;
        case K_HEADING:
            n = node_for(w, x, HX_HEADING);
            n->level = x->name[1] - '0';
            hx_node_append(box, n);
            walk_leaf(w, x, n, depth);
            break;
        case K_PARA:
            n = node_for(w, x, HX_PARA);
            hx_node_append(box, n);
            walk_leaf(w, x, n, depth);
            break;
        case K_LIST:
            n = node_for(w, x, HX_LIST);
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
                struct hx_node *item = node_for(w, x, HX_ITEM);
                item->level = list_depth + 1;
                hx_node_append(n, item);
                walk_blocks(w, x->children, item, depth + 1, list_depth + 1);
            }
            break;
        case K_TABLE:
            n = node_for(w, x, HX_TABLE);
            hx_node_append(box, n);
            walk_table(w, x, n, depth + 1, 0);
            if (!n->first)
                hx_node_detach(n);
            break;
        case K_ROW:
        case K_CELL:
            /* Table parts outside a table: their content stays. */
            walk_blocks(w, x->children, box, depth + 1, list_depth);
            break;
        case K_QUOTE:
            n = node_for(w, x, HX_QUOTE);
            hx_node_append(box, n);
            walk_blocks(w, x->children, n, depth + 1, list_depth);
            break;
        default:
            break;
        }
    }
    finish_block(w, implicit);
}

static int sniff_html(const unsigned char *head, size_t len)
{
    size_t i = 0;
    if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < len && isspace(head[i]))
        i++;
    static const char *const starts[] = {"<!doctype html", "<html", "<head",
                                         "<body", "<meta", "<!--"};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t n = strlen(starts[k]);
        if (len - i >= n && strncasecmp((const char *)head + i, starts[k], n) == 0)
            return k < 2 ? 90 : k == 5 ? 20 : 60;
    }
    return 0;
}

/* What the parser reported, gathered by its error handler. */
struct parse_errors {
    int n;
    int line;
    char msg[200];
};

/* libxml2 2.9 knows only HTML 4: an HTML5 element (article, header…) is
 * "invalid" to it but fine to us, so that message is not kept. */
static void on_parse_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    struct parse_errors *pe = ctxt ? ctxt->_private : NULL;
    if (!pe || !e || e->code == XML_HTML_UNKNOWN_TAG)
        return;
    if (pe->n++ == 0) {
        pe->line = e->line;
        snprintf(pe->msg, sizeof pe->msg, "%s", e->message ? e->message : "?");
        size_t k = strlen(pe->msg);
        while (k && pe->msg[k - 1] == '\n')
            pe->msg[--k] = '\0';
    }
}

static int read_html(struct hx_stage *st, struct hx_doc *doc)
{
    char *data = NULL;
    size_t len = 0;
    htmlParserCtxtPtr ctxt = NULL;
    htmlDocPtr hd = NULL;
    int rc = -1;

    if (hx_file_slurp(st, doc, MAX_BYTES, &data, &len) < 0)
        goto out;
    if (len > (size_t)INT32_MAX) {
        hx_error_at(st, doc, 0, "file too large for the HTML parser");
        goto out;
    }
    /* Without a declared charset libxml2 2.9 may guess Latin-1; text that
     * is valid UTF-8 is taken as UTF-8. */
    size_t bad;
    const char *enc = hx_utf8_check(data, len, &bad) == 0 ? "UTF-8" : NULL;
    ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        hx_error_at(st, doc, 0, "out of memory creating the HTML parser");
        goto out;
    }
    /* Errors reach the structured handler only, never stderr. */
    struct parse_errors pe = {0};
    ctxt->_private = &pe;
    ctxt->sax->serror = on_parse_error;
    /* libxml2 2.9 consults serror only on a handler marked as SAX2; the
     * HTML parser itself calls the same SAX1 callbacks either way. */
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    hd = htmlCtxtReadMemory(ctxt, data, (int)len, doc->path, enc,
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                HTML_PARSE_NOWARNING);
    if (pe.n)
        hx_warn_at(st, doc, pe.line > 0 ? (unsigned)pe.line : 0,
                   "HTML not well formed, repaired as a browser would (%d "
                   "problem%s; the first: %s)",
                   pe.n, pe.n > 1 ? "s" : "", pe.msg);
    xmlNode *root = hd ? xmlDocGetRootElement(hd) : NULL;
    if (!root) {
        hx_error_at(st, doc, 0, "no HTML content");
        goto out;
    }

    struct walk w = {.st = st, .doc = doc, .space = 1};
    if (is_name(root, "html")) {
        xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
        if (lang && *lang)
            doc->lang = hx_strdup(doc->arena, (const char *)lang);
        xmlFree(lang);
        xmlChar *dir = xmlGetProp(root, (const xmlChar *)"dir");
        if (dir && strcmp((const char *)dir, "rtl") == 0)
            doc->root->flags |= HX_F_RTL;
        xmlFree(dir);
        walk_blocks(&w, root->children, doc->root, 1, 0);
    } else {
        walk_blocks(&w, root, doc->root, 1, 0);
    }
    rc = 0;
out:
    if (hd)
        xmlFreeDoc(hd);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    free(data);
    return rc;
}

const struct hx_filter hx_read_html = {
    .name = "html",
    .kind = HX_READER,
    .summary = "HTML (headings, paragraphs, lists, tables, sections, lang/dir)",
    .exts = "html htm xhtml",
    .sniff = sniff_html,
    .gives = HX_HAS_TREE,
    .read = read_html,
};
