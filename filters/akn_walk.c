/* The Akoma Ntoso walk: a libxml2 tree into blocks and inlines.
 *
 * Akoma Ntoso names hundreds of elements, most of them semantic wrappers
 * (docNumber, term, person…) or hierarchy levels (chapter, paragraph,
 * point, recital, debateSection…) that all work alike. So only the
 * elements that change the model are listed; any other element is a
 * container in block context (its stray text an implicit paragraph) and
 * transparent in inline context, and no content text is ever dropped for
 * want of a rule. A hierarchy level's <num> is the printed label: of its
 * <heading> when it has one, else of the first block inside it, which is
 * where the structure stage looks for labels. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "akn.h"

enum kind {
    K_CONTAINER, /* anything not listed */
    K_SKIP,      /* metadata, references to other documents */
    K_PART,      /* preface, body, attachment…: a section */
    K_LEAF,      /* p, block…: one paragraph of inline content */
    K_NUM,
    K_HEADING,
    K_SUBHEADING,
    K_LIST,
    K_ITEM,
    K_TABLE,
    K_QUOTE,
    K_SPAN, /* inline wrapper that may carry xml:lang */
    K_EMPH,
    K_STRONG,
    K_SUP,
    K_SUB,
    K_LINK,
    K_BREAK,
    K_DROP, /* an empty marker: nothing, not even a boundary */
    K_NOTE,
    K_NOTEREF,
    K_IMAGE
};

static const struct {
    const char *name;
    enum kind kind;
} kinds[] = {
    {"meta", K_SKIP},           {"documentRef", K_SKIP},
    {"componentRef", K_SKIP},   {"foreign", K_SKIP},
    {"preface", K_PART},        {"preamble", K_PART},
    {"coverPage", K_PART},      {"body", K_PART},
    {"mainBody", K_PART},       {"debateBody", K_PART},
    {"judgmentBody", K_PART},   {"amendmentBody", K_PART},
    {"collectionBody", K_PART}, {"portionBody", K_PART},
    {"conclusions", K_PART},    {"attachment", K_PART},
    {"component", K_PART},      {"interstitial", K_PART},
    {"p", K_LEAF},              {"block", K_LEAF},
    {"listIntroduction", K_LEAF}, {"listWrapUp", K_LEAF},
    {"tocItem", K_LEAF},        {"caption", K_LEAF},
    {"from", K_LEAF},           {"scene", K_LEAF},
    {"narrative", K_LEAF},      {"summary", K_LEAF},
    {"num", K_NUM},             {"heading", K_HEADING},
    {"subheading", K_SUBHEADING}, {"blockList", K_LIST},
    {"ul", K_LIST},             {"ol", K_LIST},
    {"item", K_ITEM},           {"li", K_ITEM},
    {"table", K_TABLE},         {"blockQuote", K_QUOTE},
    {"embeddedStructure", K_QUOTE}, {"quotedStructure", K_QUOTE},
    {"span", K_SPAN},           {"inline", K_SPAN},
    {"i", K_EMPH},              {"u", K_EMPH},
    {"b", K_STRONG},            {"sup", K_SUP},
    {"sub", K_SUB},             {"a", K_LINK},
    {"ref", K_LINK},            {"eol", K_BREAK},
    {"br", K_BREAK},            {"eop", K_DROP},
    {"marker", K_DROP},         {"authorialNote", K_NOTE},
    {"noteRef", K_NOTEREF},     {"img", K_IMAGE},
};

const char *akn_name(const xmlNode *x)
{
    return x && x->type == XML_ELEMENT_NODE && x->name ? (const char *)x->name
                                                       : "";
}

int akn_is(const xmlNode *x, const char *name)
{
    return strcmp(akn_name(x), name) == 0;
}

static enum kind kind_of(const xmlNode *x)
{
    const char *n = akn_name(x);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(n, kinds[i].name) == 0)
            return kinds[i].kind;
    return K_CONTAINER;
}

static int is_inline(enum kind k)
{
    return k >= K_SPAN;
}

/* An attribute's value in the arena, NULL when absent or empty. */
static const char *attr(struct akn_walk *w, xmlNode *x, const char *name)
{
    xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
    const char *s = v && *v ? hx_strdup(w->doc->arena, (const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static unsigned line_of(const xmlNode *x)
{
    long line = xmlGetLineNo(x);
    return line > 0 && line < (long)(~0u >> 1) ? (unsigned)line : 0;
}

static int xml_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text of x's subtree with white space runs collapsed and trimmed, in
 * the arena (a label or a metadata value). */
static const char *flat_text(struct akn_walk *w, xmlNode *x)
{
    xmlChar *v = xmlNodeGetContent(x);
    struct hx_buf b = {0};
    int space = 1;
    for (const xmlChar *s = v; s && *s; s++) {
        if (xml_space(*s)) {
            space = 1;
            continue;
        }
        if (space && b.len)
            hx_buf_addc(&b, ' ');
        space = 0;
        hx_buf_addc(&b, (char)*s);
    }
    const char *r = hx_strndup(w->doc->arena, b.data ? b.data : "", b.len);
    hx_buf_free(&b);
    xmlFree(v);
    return r;
}

static int too_deep(struct akn_walk *w, xmlNode *x, int depth)
{
    if (depth < AKN_MAX_DEPTH)
        return 0;
    if (!w->failed)
        hx_error_at(w->st, w->doc, line_of(x),
                    "elements nested over %d deep", AKN_MAX_DEPTH);
    w->failed = 1;
    return 1;
}

/* A node for element x; blocks carry the language in force when it is not
 * the document's. */
static struct hx_node *node_for(struct akn_walk *w, xmlNode *x,
                                enum hx_type t)
{
    struct hx_node *n = hx_node_new(w->doc, t);
    n->pos.line = line_of(x);
    if (!hx_type_is_inline(t) && w->lang &&
        !(w->doc->lang && strcmp(w->doc->lang, w->lang) == 0))
        n->lang = w->lang;
    return n;
}

/* xml:lang of x, if it has one of its own. */
static const char *own_lang(struct akn_walk *w, xmlNode *x)
{
    xmlChar *v = xmlGetNsProp(x, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    const char *tag = v && *v ? akn_lang_tag(w->doc, (const char *)v) : NULL;
    xmlFree(v);
    return tag;
}

/* Appends text to an inline parent, collapsing runs of XML white space. */
static void add_text(struct akn_walk *w, struct hx_node *parent, const char *s,
                     unsigned line)
{
    struct hx_buf b = {0};
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (xml_space(c)) {
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

/* Drops a collapsed space at the end of blk's content, and inline
 * wrappers it leaves empty (never blk itself). */
static void trim_end(struct akn_walk *w, struct hx_node *blk)
{
    for (;;) {
        struct hx_node *n = blk->last;
        while (n && hx_type_is_inline(n->type) && n->type != HX_TEXT &&
               n->type != HX_NOTE && n->type != HX_BREAK &&
               n->type != HX_IMAGE && n->type != HX_NOTEREF && n->last)
            n = n->last;
        if (!n || n->type != HX_TEXT)
            return;
        size_t len = n->len;
        if (len && n->text[len - 1] == ' ')
            len--;
        if (len) {
            if (len != n->len)
                hx_node_set_text(w->doc, n, n->text, len);
            return;
        }
        struct hx_node *p = n->parent;
        hx_node_detach(n);
        while (p != blk && !p->first) {
            struct hx_node *up = p->parent;
            hx_node_detach(p);
            p = up;
        }
    }
}

/* Closes a block: no trailing space; gone when nothing is left in it. */
static void finish_block(struct akn_walk *w, struct hx_node *b)
{
    if (!b)
        return;
    trim_end(w, b);
    if (!b->first && !b->label)
        hx_node_detach(b);
}

/* A paragraph or heading that takes the <num> waiting for a block. */
static struct hx_node *leaf_new(struct akn_walk *w, xmlNode *x,
                                struct hx_node *box, enum hx_type t)
{
    struct hx_node *n = node_for(w, x, t);
    if (t == HX_PARA) {
        n->level = w->plevel;
        n->label = w->label;
        w->label = NULL;
    } else {
        n->level = w->hlevel < 1 ? 1 : w->hlevel > 6 ? 6 : w->hlevel;
    }
    hx_node_append(box, n);
    w->space = 1;
    return n;
}

/* A <num> no block took (the level held a table, a list or nothing): its
 * own paragraph, so the printed number is not lost. */
static void flush_label(struct akn_walk *w, struct hx_node *box)
{
    if (!w->label)
        return;
    struct hx_node *n = hx_node_new(w->doc, HX_PARA);
    n->label = w->label;
    n->level = w->plevel;
    n->pos.line = w->label_line;
    w->label = NULL;
    hx_node_append(box, n);
}

static void inline_node(struct akn_walk *w, xmlNode *x, struct hx_node *parent,
                        int depth);
static void blocks(struct akn_walk *w, xmlNode *owner, struct hx_node *box,
                   int depth);

static void inline_kids(struct akn_walk *w, xmlNode *x, struct hx_node *parent,
                        int depth)
{
    for (xmlNode *c = x->children; c; c = c->next)
        inline_node(w, c, parent, depth + 1);
}

/* The blocks of x into box, walked apart from the flow around it (a
 * note, a table cell): no label or level leaks in or out. */
static void apart(struct akn_walk *w, xmlNode *x, struct hx_node *box,
                  int depth)
{
    const char *label = w->label;
    int plevel = w->plevel, hlevel = w->hlevel;
    w->label = NULL;
    w->plevel = w->hlevel = 0;
    blocks(w, x, box, depth + 1);
    w->label = label;
    w->plevel = plevel;
    w->hlevel = hlevel;
}

/* The blocks of a note are footnote text, like a DOCX footnote's. */
static void note_body(struct akn_walk *w, xmlNode *x, struct hx_node *note,
                      int depth)
{
    apart(w, x, note, depth);
    struct hx_iter it = hx_iter_start(note);
    while (hx_iter_next(&it)) {
        if (!it.enter || it.node == note)
            continue;
        if (it.node->type == HX_NOTE)
            hx_iter_skip(&it);
        else if (!hx_type_is_inline(it.node->type))
            it.node->role = HX_ROLE_NOTE_BODY;
    }
}

/* The printed marker of a note: its marker attribute, else the number its
 * id ends with, else its place among the notes. */
static const char *note_label(struct akn_walk *w, xmlNode *x)
{
    const char *m = attr(w, x, "marker");
    if (m)
        return m;
    const char *id = attr(w, x, "eId");
    if (!id)
        id = attr(w, x, "id");
    if (id) {
        size_t n = strlen(id), k = n;
        while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
            k--;
        if (k < n && n - k < 6)
            return hx_strdup(w->doc->arena, id + k + strspn(id + k, "0"));
    }
    return hx_printf(w->doc->arena, "%d", w->notes);
}

static void note(struct akn_walk *w, xmlNode *x, struct hx_node *parent,
                 int depth, xmlNode *body, const char *marker)
{
    struct hx_node *n = node_for(w, x, HX_NOTE);
    w->notes++;
    /* the space before a marker is the source's indentation, not text */
    trim_end(w, parent);
    n->label = marker ? marker : note_label(w, body);
    hx_node_append(parent, n);
    note_body(w, body, n, depth);
    w->space = 0;
}

/* Index of the note with id in the sorted index, or -1. */
static long find_note(const struct akn_walk *w, const char *id)
{
    size_t lo = 0, hi = w->nnotes;
    while (id && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, w->notes_by_id[mid].id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static void note_ref(struct akn_walk *w, xmlNode *x, struct hx_node *parent,
                     int depth)
{
    const char *href = attr(w, x, "href");
    const char *marker = attr(w, x, "marker");
    const char *id = href && href[0] == '#' ? href + 1 : href;
    long i = find_note(w, id);
    if (i >= 0 && w->notes_by_id[i].el) {
        xmlNode *body = w->notes_by_id[i].el;
        w->notes_by_id[i].el = NULL; /* a second reference is a marker only */
        note(w, x, parent, depth, body, marker ? marker : note_label(w, body));
        return;
    }
    if (i < 0)
        hx_warn_at(w->st, w->doc, line_of(x),
                   "noteRef to \"%s\": no such note", href ? href : "");
    struct hx_node *n = node_for(w, x, HX_NOTEREF);
    n->label = marker ? marker : hx_printf(w->doc->arena, "%d", ++w->notes);
    trim_end(w, parent);
    hx_node_append(parent, n);
    w->space = 0;
}

static void inline_node(struct akn_walk *w, xmlNode *x, struct hx_node *parent,
                        int depth)
{
    if (too_deep(w, x, depth))
        return;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
        if (x->content)
            add_text(w, parent, (const char *)x->content, line_of(x));
        return;
    }
    if (x->type != XML_ELEMENT_NODE)
        return;
    enum kind k = kind_of(x);
    enum hx_type t;
    const char *lang = own_lang(w, x);
    switch (k) {
    case K_SKIP:
    case K_DROP:
        return;
    case K_EMPH: t = HX_EMPH; break;
    case K_STRONG: t = HX_STRONG; break;
    case K_SUP: t = HX_SUP; break;
    case K_SUB: t = HX_SUB; break;
    case K_BREAK:
        trim_end(w, parent);
        hx_node_append(parent, node_for(w, x, HX_BREAK));
        w->space = 1;
        return;
    case K_NOTE:
        note(w, x, parent, depth, x, NULL);
        return;
    case K_NOTEREF:
        note_ref(w, x, parent, depth);
        return;
    case K_IMAGE: {
        struct hx_node *img = node_for(w, x, HX_IMAGE);
        const char *alt = attr(w, x, "alt");
        if (!alt)
            alt = attr(w, x, "title");
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
        if (href) {
            struct hx_node *a = node_for(w, x, HX_LINK);
            a->href = href;
            hx_node_append(parent, a);
            parent = a;
        }
        t = HX_SPAN;
        break;
    }
    case K_SPAN:
    case K_CONTAINER:
        t = HX_SPAN;
        break;
    default:
        /* a block inside inline content (a quoted article in a <mod>):
         * flattened, its edges word boundaries */
        if (!w->space)
            add_text(w, parent, " ", 0);
        inline_kids(w, x, parent, depth);
        if (!w->space)
            add_text(w, parent, " ", 0);
        return;
    }
    if (t == HX_SPAN && !lang) {
        inline_kids(w, x, parent, depth);
        return;
    }
    struct hx_node *n = node_for(w, x, t);
    n->lang = lang;
    hx_node_append(parent, n);
    inline_kids(w, x, n, depth);
}

/* The blocks of a list item: its <num> is the item's label. */
static void item(struct akn_walk *w, xmlNode *x, struct hx_node *list,
                 int depth)
{
    struct hx_node *it = node_for(w, x, HX_ITEM);
    it->level = list->level;
    for (xmlNode *c = x->children; c; c = c->next)
        if (kind_of(c) == K_NUM && !it->label)
            it->label = flat_text(w, c);
    hx_node_append(list, it);
    blocks(w, x, it, depth + 1);
}

/* blockList, ul, ol: items in an HX_LIST; an introduction or wrap-up is a
 * paragraph before or after it. */
static void list(struct akn_walk *w, xmlNode *x, struct hx_node *box,
                 int depth)
{
    struct hx_node *l = NULL;
    int plevel = w->plevel;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (kind_of(c) == K_ITEM) {
            if (!l) {
                flush_label(w, box);
                l = node_for(w, x, HX_LIST);
                l->level = ++w->plevel;
                hx_node_append(box, l);
            }
            item(w, c, l, depth + 1);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (l)
            l = NULL; /* what follows the items comes after the list */
        struct hx_node *p = leaf_new(w, c, box, HX_PARA);
        inline_kids(w, c, p, depth + 1);
        finish_block(w, p);
    }
    w->plevel = plevel;
}

static void cells(struct akn_walk *w, xmlNode *tr, struct hx_node *row,
                  int depth, int header)
{
    for (xmlNode *d = tr->children; d; d = d->next) {
        if (!akn_is(d, "td") && !akn_is(d, "th"))
            continue;
        struct hx_node *cell = node_for(w, d, HX_CELL);
        if (header || akn_is(d, "th"))
            cell->flags |= HX_F_HEADER;
        const char *cs = attr(w, d, "colspan"), *rs = attr(w, d, "rowspan");
        int ncs = cs ? atoi(cs) : 1, nrs = rs ? atoi(rs) : 1;
        cell->span[0] = ncs > 1 && ncs < 1000 ? ncs : 0;
        cell->span[1] = nrs > 1 && nrs < 65535 ? nrs : 0;
        hx_node_append(row, cell);
        apart(w, d, cell, depth);
    }
}

static void table_rows(struct akn_walk *w, xmlNode *x, struct hx_node *table,
                       int depth, int header)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if (too_deep(w, c, depth + 1))
            return;
        if (akn_is(c, "thead") || akn_is(c, "tbody") || akn_is(c, "tfoot")) {
            table_rows(w, c, table, depth + 1, akn_is(c, "thead"));
        } else if (akn_is(c, "caption")) {
            struct hx_node *p = node_for(w, c, HX_PARA);
            hx_node_insert_before(table, p);
            w->space = 1;
            inline_kids(w, c, p, depth + 1);
            finish_block(w, p);
        } else if (akn_is(c, "tr")) {
            struct hx_node *row = node_for(w, c, HX_ROW);
            if (header)
                row->flags |= HX_F_HEADER;
            hx_node_append(table, row);
            cells(w, c, row, depth + 2, header);
        }
    }
}

/* A level's <num> when it stands for a heading of its own: "Article 1",
 * "第一条" (read by the structure stage from the text), not "1." or "(a)". */
static int num_is_heading(xmlNode *owner, const char *num)
{
    size_t i = 0;
    if (!akn_is(owner, "article") || !*num)
        return 0;
    return u_isalpha(hx_utf8_next(num, strlen(num), &i));
}

static int has_child(xmlNode *x, enum kind k)
{
    for (xmlNode *c = x->children; c; c = c->next)
        if (kind_of(c) == k)
            return 1;
    return 0;
}

/* The children of owner in block context, appended to box; inline runs go
 * into implicit paragraphs. */
static void blocks(struct akn_walk *w, xmlNode *owner, struct hx_node *box,
                   int depth)
{
    struct hx_node *imp = NULL;
    const char *hlabel = NULL, *mine = NULL;
    const char *lang = w->lang;
    int plevel = w->plevel, hlevel = w->hlevel;
    int headed = has_child(owner, K_HEADING);
    int listed = akn_is(owner, "item") || akn_is(owner, "li");
    const char *own = own_lang(w, owner);
    if (own)
        w->lang = own;
    if (has_child(owner, K_NUM) && !listed)
        w->plevel++;
    if (headed)
        w->hlevel++;
    for (xmlNode *c = owner->children; c && !w->failed; c = c->next) {
        if (too_deep(w, c, depth + 1))
            break;
        enum kind k = kind_of(c);
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
            (c->type == XML_ELEMENT_NODE && is_inline(k))) {
            if (!imp) {
                if (c->type != XML_ELEMENT_NODE) {
                    const char *s = (const char *)c->content;
                    while (s && *s && xml_space((unsigned char)*s))
                        s++;
                    if (!s || !*s)
                        continue;
                }
                imp = leaf_new(w, c, box, HX_PARA);
            }
            inline_node(w, c, imp, depth + 1);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || k == K_SKIP)
            continue;
        finish_block(w, imp);
        imp = NULL;
        struct hx_node *n;
        switch (k) {
        case K_NUM: {
            if (listed)
                break; /* the item's label already */
            const char *num = flat_text(w, c);
            if (num_is_heading(owner, num)) {
                n = leaf_new(w, c, box, HX_HEADING);
                struct hx_node *t = hx_text_new(w->doc, num, strlen(num));
                t->pos.line = n->pos.line;
                hx_node_append(n, t);
                w->hlevel++;
            } else if (headed) {
                hlabel = num;
            } else {
                flush_label(w, box);
                w->label = mine = num;
                w->label_line = line_of(c);
            }
            break;
        }
        case K_HEADING:
        case K_SUBHEADING:
        case K_LEAF: {
            if (k != K_LEAF)
                flush_label(w, box);
            n = leaf_new(w, c, box, k == K_LEAF ? HX_PARA : HX_HEADING);
            if (k == K_HEADING) {
                n->label = hlabel;
                hlabel = NULL;
            } else if (k == K_SUBHEADING) {
                n->level = n->level < 6 ? n->level + 1 : 6;
            }
            const char *l = own_lang(w, c);
            if (l)
                n->lang = l;
            inline_kids(w, c, n, depth + 1);
            finish_block(w, n);
            break;
        }
        case K_LIST:
            list(w, c, box, depth + 1);
            break;
        case K_ITEM: /* an item outside a list: a list of its own */
            flush_label(w, box);
            n = node_for(w, c, HX_LIST);
            n->level = w->plevel + 1;
            hx_node_append(box, n);
            item(w, c, n, depth + 1);
            break;
        case K_TABLE:
            flush_label(w, box);
            n = node_for(w, c, HX_TABLE);
            hx_node_append(box, n);
            table_rows(w, c, n, depth + 1, 0);
            if (!n->first)
                hx_node_detach(n);
            break;
        case K_QUOTE:
            flush_label(w, box);
            n = node_for(w, c, HX_QUOTE);
            hx_node_append(box, n);
            blocks(w, c, n, depth + 1);
            if (!n->first)
                hx_node_detach(n);
            break;
        case K_PART:
            if (box->type == HX_DOC || box->type == HX_SECTION) {
                flush_label(w, box);
                n = node_for(w, c, HX_SECTION);
                n->style = hx_strdup(w->doc->arena, akn_name(c));
                hx_node_append(box, n);
                blocks(w, c, n, depth + 1);
                flush_label(w, n);
                if (!n->first)
                    hx_node_detach(n);
                break;
            }
            blocks(w, c, box, depth + 1);
            break;
        default:
            blocks(w, c, box, depth + 1);
            break;
        }
    }
    finish_block(w, imp);
    if (hlabel) { /* a <num> after its <heading>: a paragraph of its own */
        w->label = hlabel;
        flush_label(w, box);
    }
    if (mine && w->label == mine)
        flush_label(w, box);
    w->plevel = plevel;
    w->hlevel = hlevel;
    w->lang = lang;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct akn_note *)a)->id,
                  ((const struct akn_note *)b)->id);
}

/* Collects <note> elements with an id, depth first without recursion, and
 * sorts them by id (a document may hold many notes and references). */
void akn_index_notes(struct akn_walk *w, xmlNode *root)
{
    size_t cap = 0;
    xmlNode *x = root;
    while (x) {
        if (akn_is(x, "note")) {
            const char *id = attr(w, x, "eId");
            if (!id)
                id = attr(w, x, "id");
            if (!id)
                id = attr(w, x, "GUID");
            if (id) {
                if (w->nnotes == cap) {
                    size_t ncap = cap ? cap * 2 : 16;
                    struct akn_note *v =
                        hx_alloc(w->doc->arena, ncap * sizeof *v);
                    if (w->nnotes)
                        memcpy(v, w->notes_by_id, w->nnotes * sizeof *v);
                    w->notes_by_id = v;
                    cap = ncap;
                }
                w->notes_by_id[w->nnotes].id = id;
                w->notes_by_id[w->nnotes++].el = x;
            }
        }
        if (x->children && x->type == XML_ELEMENT_NODE) {
            x = x->children;
            continue;
        }
        while (x && x != root && !x->next)
            x = x->parent;
        if (!x || x == root)
            break;
        x = x->next;
    }
    if (w->nnotes > 1)
        qsort(w->notes_by_id, w->nnotes, sizeof *w->notes_by_id, by_id);
}

int akn_walk_doc(struct akn_walk *w, xmlNode *root)
{
    w->space = 1;
    blocks(w, root, w->doc->root, 1);
    flush_label(w, w->doc->root);
    return w->failed ? -1 : 0;
}
