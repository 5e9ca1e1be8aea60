/* The Akoma Ntoso writer's content: a part's blocks as hierarchy
 * (paragraph, point, article, hcontainer), blocks where only blocks may go
 * (p, tblock, blockList, table), inlines, and eIds from paragraph keys (the
 * mapping is the table at the top of akn.c). Built with libxml2's tree
 * API, because a paragraph's sub-items turn its <content> into <intro>
 * after it is written. */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "akn.h"

/* ---- elements, attributes, text ---------------------------------------- */

/* Is cp a character XML 1.0 cannot hold? */
static int xml_bad(int32_t cp)
{
    return cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
           cp == 0xFFFF;
}

/* s[0..len) as text XML can hold: s itself when it is, else a copy in the
 * arena with U+FFFD for each bad sequence or forbidden character. */
static const char *clean(struct akn_writer *w, const char *s, size_t len)
{
    size_t i = 0;
    int bad = 0;
    while (i < len && !bad)
        bad = xml_bad(hx_utf8_next(s, len, &i));
    if (!bad && strlen(s) == len)
        return s;
    struct hx_buf b = {0};
    for (i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        if (xml_bad(cp)) {
            cp = 0xFFFD;
            w->replaced++;
        }
        hx_buf_addcp(&b, cp);
    }
    const char *r = hx_strndup(w->doc->arena, b.data ? b.data : "", b.len);
    hx_buf_free(&b);
    return r;
}

xmlNode *akn_el(struct akn_writer *w, xmlNode *parent, const char *name)
{
    xmlNode *el =
        xmlNewDocNode(w->xd, xmlDocGetRootElement(w->xd) ? xmlDocGetRootElement(w->xd)->ns : NULL,
                      BAD_CAST name, NULL);
    if (!el)
        hx_oom();
    if (parent)
        xmlAddChild(parent, el);
    return el;
}

void akn_set(struct akn_writer *w, xmlNode *el, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    xmlSetProp(el, BAD_CAST name, BAD_CAST clean(w, value, strlen(value)));
}

void akn_text(struct akn_writer *w, xmlNode *el, const char *s, size_t len)
{
    if (!s || !len)
        return;
    s = clean(w, s, len);
    xmlNode *t = xmlNewDocTextLen(w->xd, BAD_CAST s, (int)strlen(s));
    if (!t)
        hx_oom();
    xmlAddChild(el, t);
}

void akn_num(struct akn_writer *w, xmlNode *parent, const char *label)
{
    xmlNode *num = akn_el(w, parent, "num");
    size_t len = strlen(label);
    int loose = len && (label[0] == ' ' || label[len - 1] == ' ');
    for (size_t i = 0; i < len && !loose; i++)
        loose = label[i] == '\t' || label[i] == '\n' || label[i] == '\r' ||
                (label[i] == ' ' && label[i + 1] == ' ');
    if (loose)
        xmlNodeSetSpacePreserve(num, 1);
    akn_text(w, num, label, len);
}

/* ---- eIds ---------------------------------------------------------------- */

static size_t hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Adds s to the set of eIds; 0 when it was there already. */
static int eid_add(struct akn_writer *w, const char *s)
{
    if (2 * (w->neids + 1) > w->eidcap) {
        size_t cap = w->eidcap ? 2 * w->eidcap : 256;
        const char **v = hx_alloc(w->doc->arena, cap * sizeof *v);
        for (size_t i = 0; i < w->eidcap; i++) {
            if (!w->eids[i])
                continue;
            size_t j = hash(w->eids[i]) & (cap - 1);
            while (v[j])
                j = (j + 1) & (cap - 1);
            v[j] = w->eids[i];
        }
        w->eids = v;
        w->eidcap = cap;
    }
    size_t j = hash(s) & (w->eidcap - 1);
    for (; w->eids[j]; j = (j + 1) & (w->eidcap - 1))
        if (strcmp(w->eids[j], s) == 0)
            return 0;
    w->eids[j] = s;
    w->neids++;
    return 1;
}

const char *akn_eid(struct akn_writer *w, xmlNode *el, const char *want)
{
    struct hx_buf b = {0};
    if (w->prefix && *w->prefix && want != w->kept &&
        strncmp(want, w->prefix, strlen(w->prefix)) != 0)
        hx_buf_adds(&b, w->prefix);
    w->kept = NULL;
    /* an eId is one token: no white space, nothing XML cannot hold */
    for (const char *p = want; *p; p++)
        hx_buf_addc(&b, (unsigned char)*p <= ' ' ? '-' : *p);
    const char *id = clean(w, b.data, b.len);
    id = hx_strdup(w->doc->arena, id);
    for (int n = 2; !eid_add(w, id); n++)
        id = hx_printf(w->doc->arena, "%s-%d", b.data, n);
    hx_buf_free(&b);
    akn_set(w, el, "eId", id);
    return id;
}

/* The eId a model key stands for (the table at the top of akn.c), without
 * the document's prefix, or NULL when the key says nothing. */
static const char *key_eid(struct akn_writer *w, const char *key)
{
    struct hx_buf b = {0};
    const char *part_end = strchr(key, '.');
    const char *r = NULL;
    if (!part_end)
        return NULL;
    size_t plen = (size_t)(part_end - key);
    const char *rest = part_end + 1;
    const char *abbr = "para", *sub = "point";
    if (plen == 4 && strncmp(key, "head", 4) == 0) {
        /* head.body.2.a -> hcont_2__hcont_a; head.annex -> hcont_annex */
        const char *dot = strchr(rest, '.');
        rest = dot ? dot + 1 : rest;
        abbr = sub = "hcont";
    } else if (plen == 2 && strncmp(key, "fn", 2) == 0) {
        const char *dot = strrchr(rest, '.');
        r = hx_printf(w->doc->arena, "authorialNote_%s", dot ? dot + 1 : rest);
        return r;
    } else if (plen == 5 && strncmp(key, "front", 5) == 0) {
        return NULL;
    } else if (plen == 3 && strncmp(key, "art", 3) == 0) {
        abbr = "art";
        sub = "para";
    } else if (plen == 3 && strncmp(key, "pre", 3) == 0) {
        abbr = "rec";
    } else if ((strncmp(key, "res", 3) == 0 || strncmp(key, "dec", 3) == 0)) {
        if (strncmp(rest, "pp.", 3) == 0) {
            abbr = "rec";
            rest += 3;
        } else if (strncmp(rest, "op.", 3) == 0) {
            rest += 3;
        }
    }
    if (strcmp(rest, "formula") == 0)
        return "formula_1";
    if (strcmp(rest, "title") == 0)
        return "longTitle_1";
    int depth = 0;
    for (const char *p = rest; *p;) {
        size_t n = strcspn(p, ".+");
        if (p[n] == '+' || (p > rest && p[-1] == '+')) {
            /* a continuation: the block after the first of its unit */
            if (p > rest && p[-1] == '+')
                hx_buf_addf(&b, "__p_%d", atoi(p) + 1);
            else
                hx_buf_addf(&b, "%s%s_%.*s", depth ? "__" : "", depth ? sub : abbr, (int)n, p);
        } else if (n && strncmp(p, "title", n) == 0 && depth) {
            hx_buf_adds(&b, "__heading");
        } else {
            hx_buf_addf(&b, "%s%s_%.*s", depth ? "__" : "", depth ? sub : abbr, (int)n, p);
        }
        depth++;
        p += n;
        if (*p)
            p++;
    }
    if (b.len)
        r = hx_strndup(w->doc->arena, b.data, b.len);
    hx_buf_free(&b);
    return r;
}

/* The eId n was read with: an Akoma Ntoso reader's, which it leaves in
 * pos.where (a package reader names its parts there, "word/document.xml",
 * on the root too). */
static const char *source_eid(const struct akn_writer *w, const struct hx_node *n)
{
    const char *s = n ? n->pos.where : NULL;
    return s && *s && !strchr(s, '/') && !w->doc->root->pos.where ? s : NULL;
}

const char *akn_eid_for(struct akn_writer *w, const struct hx_node *n, const char *abbr)
{
    if (source_eid(w, n)) {
        w->kept = n->pos.where; /* kept as it was: no prefix added */
        return w->kept;
    }
    const char *k = n && n->key ? key_eid(w, n->key) : NULL;
    return k ? k : hx_printf(w->doc->arena, "%s_%d", abbr, ++w->counter);
}

/* ---- inlines ------------------------------------------------------------- */

static void inline_node(struct akn_writer *w, xmlNode *el, const struct hx_node *c);

void akn_inlines(struct akn_writer *w, xmlNode *el, const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next)
        inline_node(w, el, c);
}

/* A footnote where it is referenced: its blocks in an authorialNote. */
static void note(struct akn_writer *w, xmlNode *el, const struct hx_node *c)
{
    xmlNode *an = akn_el(w, el, "authorialNote");
    akn_eid(w, an, akn_eid_for(w, c, "authorialNote"));
    akn_set(w, an, "marker",
            c->label ? c->label
            : c->num ? hx_printf(w->doc->arena, "%d", c->num)
                     : "*");
    akn_set(w, an, "placement", "bottom");
    if (c->flags & HX_F_ENDNOTE)
        akn_set(w, an, "class", "endnote"); /* the schema has no placement "end" */
    int blocks = 0;
    w->in_note++;
    for (const struct hx_node *b = c->first; b; b = b->next) {
        if (hx_type_is_inline(b->type))
            continue;
        akn_block(w, an, b);
        blocks++;
    }
    w->in_note--;
    if (!blocks) {
        xmlNode *p = akn_el(w, an, "p");
        akn_inlines(w, p, c);
    }
}

static void inline_node(struct akn_writer *w, xmlNode *el, const struct hx_node *c)
{
    const char *name = NULL;
    xmlNode *x;
    switch (c->type) {
    case HX_TEXT: akn_text(w, el, c->text, c->len); return;
    case HX_EMPH: name = "i"; break;
    case HX_STRONG: name = "b"; break;
    case HX_SUP: name = "sup"; break;
    case HX_SUB: name = "sub"; break;
    case HX_SPAN: name = c->lang ? "span" : NULL; break;
    case HX_LINK:
        if (c->href && *c->href) {
            xmlChar *u = xmlURIEscapeStr(BAD_CAST clean(w, c->href, strlen(c->href)),
                                         BAD_CAST ":/?#[]@!$&'()*+,;=%~");
            x = akn_el(w, el, "ref");
            akn_set(w, x, "href", (const char *)u);
            xmlFree(u);
            if (c->lang)
                xmlNodeSetLang(x, BAD_CAST c->lang);
            akn_inlines(w, x, c);
            return;
        }
        break;
    case HX_BREAK: akn_el(w, el, "eol"); return;
    case HX_NOTE: note(w, el, c); return;
    case HX_NOTEREF:
        /* a marker with no text found for it: a reference to nothing */
        x = akn_el(w, el, "noteRef");
        akn_set(w, x, "href",
                hx_printf(w->doc->arena, "#%snote_unpaired_%d", w->prefix, ++w->counter));
        akn_set(w, x, "marker", c->label ? c->label : "*");
        return;
    case HX_IMAGE:
        x = akn_el(w, el, "img");
        akn_set(w, x, "src", "#");
        if (c->text)
            akn_set(w, x, "alt", clean(w, c->text, c->len));
        return;
    default:
        if (!hx_type_is_inline(c->type)) {
            /* a block inside inline content (a table cell's paragraph
             * reached through an inline): its text, words kept apart */
            akn_text(w, el, " ", 1);
            akn_inlines(w, el, c);
            return;
        }
        break;
    }
    if (!name) {
        akn_inlines(w, el, c);
        return;
    }
    x = akn_el(w, el, name);
    if (c->lang)
        xmlNodeSetLang(x, BAD_CAST c->lang);
    akn_inlines(w, x, c);
}

/* ---- blocks -------------------------------------------------------------- */

/* Would a reader collapsing XML white space change n's text: runs of
 * spaces, tabs or newlines, a space at either end or before a note? */
static int loose_space(const struct hx_node *n)
{
    int prev = ' ', loose = 0, seen = 0;
    struct hx_iter it = hx_iter_start((struct hx_node *)n);
    while (!loose && hx_iter_next(&it)) {
        const struct hx_node *c = it.node;
        if (!it.enter || c == n)
            continue;
        if (c->type == HX_NOTE || c->type == HX_NOTEREF || c->type == HX_BREAK) {
            loose = prev == ' ' && seen;
            prev = c->type == HX_BREAK ? ' ' : 'x';
            seen = 1;
            if (c->type == HX_NOTE)
                hx_iter_skip(&it);
            continue;
        }
        for (size_t i = 0; c->type == HX_TEXT && i < c->len && !loose; i++) {
            char ch = c->text[i];
            loose = ch == '\t' || ch == '\n' || ch == '\r' || (ch == ' ' && prev == ' ');
            prev = ch;
            seen = 1;
        }
    }
    return loose || (seen && prev == ' ');
}

xmlNode *akn_inline_block(struct akn_writer *w, xmlNode *parent, const char *name,
                          const struct hx_node *n)
{
    xmlNode *el = akn_el(w, parent, name);
    if (n->lang)
        xmlNodeSetLang(el, BAD_CAST n->lang);
    if (loose_space(n)) {
        xmlNodeSetSpacePreserve(el, 1);
        /* a text node first: libxml2 then indents nothing inside */
        xmlAddChild(el, xmlNewDocText(w->xd, BAD_CAST ""));
    }
    return el;
}

/* A paragraph of inline content: <p>, in a <tblock> with its <num> when it
 * has a printed label. */
static void para(struct akn_writer *w, xmlNode *el, const struct hx_node *n)
{
    if (n->role == HX_ROLE_NOTE_BODY && !w->in_note) {
        /* a footnote text no marker calls, in the flow: a block named so,
         * with its printed marker, which the reader reads as one again */
        xmlNode *tb = akn_el(w, el, "tblock");
        akn_eid(w, tb, akn_eid_for(w, n, "tblock"));
        akn_set(w, tb, "class", "footnote");
        if (n->label && *n->label)
            akn_num(w, tb, n->label);
        xmlNode *b = akn_inline_block(w, tb, "block", n);
        akn_set(w, b, "name", "footnote");
        akn_inlines(w, b, n);
        return;
    }
    if (n->label && *n->label && n->role != HX_ROLE_NOTE_BODY) {
        el = akn_el(w, el, "tblock");
        akn_eid(w, el, akn_eid_for(w, n, "tblock"));
        akn_num(w, el, n->label);
    }
    xmlNode *p = akn_inline_block(w, el, "p", n);
    if (source_eid(w, n) && !(n->label && *n->label))
        akn_eid(w, p, akn_eid_for(w, n, "p"));
    akn_inlines(w, p, n);
}

/* A heading where only blocks may go: a <tblock> with its <num> and
 * <heading> (the empty <p> after them is the block tblock requires). */
static void heading_block(struct akn_writer *w, xmlNode *el, const struct hx_node *n)
{
    xmlNode *tb = akn_el(w, el, "tblock");
    akn_eid(w, tb, akn_eid_for(w, n, "tblock"));
    if (n->label && *n->label)
        akn_num(w, tb, n->label);
    akn_inlines(w, akn_inline_block(w, tb, "heading", n), n);
    akn_el(w, tb, "p");
}

/* The items first..last (siblings) of list n (NULL for an item out of its
 * list) as a blockList. */
static void list(struct akn_writer *w, xmlNode *el, const struct hx_node *n,
                 const struct hx_node *first, const struct hx_node *last)
{
    if (!first)
        return;
    xmlNode *bl = akn_el(w, el, "blockList");
    const char *id = akn_eid(w, bl, akn_eid_for(w, n, "list"));
    int k = 0;
    for (const struct hx_node *it = first; it; it = it == last ? NULL : it->next) {
        xmlNode *item = akn_el(w, bl, "item");
        k++;
        akn_eid(w, item,
                source_eid(w, it) ? akn_eid_for(w, it, "item")
                                  : hx_printf(w->doc->arena, "%s__item_%d", id, k));
        if (it->type == HX_ITEM && it->label && *it->label)
            akn_num(w, item, it->label);
        const struct hx_node *c = it->type == HX_ITEM ? it->first : it;
        int blocks = 0;
        for (; c; c = it->type == HX_ITEM ? c->next : NULL) {
            akn_block(w, item, c);
            blocks++;
        }
        if (!blocks)
            akn_el(w, item, "p");
    }
}

static void table(struct akn_writer *w, xmlNode *el, const struct hx_node *n)
{
    int rows = 0;
    for (const struct hx_node *r = n->first; r; r = r->next)
        rows += r->type == HX_ROW && r->first;
    if (!rows)
        return;
    xmlNode *t = akn_el(w, el, "table");
    akn_eid(w, t, akn_eid_for(w, n, "table"));
    for (const struct hx_node *r = n->first; r; r = r->next) {
        if (r->type != HX_ROW || !r->first)
            continue;
        xmlNode *tr = akn_el(w, t, "tr");
        for (const struct hx_node *c = r->first; c; c = c->next) {
            int head = (c->flags | r->flags) & HX_F_HEADER;
            xmlNode *td = akn_el(w, tr, head ? "th" : "td");
            if (c->type == HX_CELL && c->span[0] > 1)
                akn_set(w, td, "colspan", hx_printf(w->doc->arena, "%d", c->span[0]));
            if (c->type == HX_CELL && c->span[1] > 1)
                akn_set(w, td, "rowspan", hx_printf(w->doc->arena, "%d", c->span[1]));
            if (c->type != HX_CELL) {
                akn_block(w, td, c);
                continue;
            }
            for (const struct hx_node *b = c->first; b; b = b->next)
                akn_block(w, td, b);
        }
    }
}

void akn_block(struct akn_writer *w, xmlNode *el, const struct hx_node *n)
{
    switch (n->type) {
    case HX_PARA: para(w, el, n); break;
    case HX_HEADING: heading_block(w, el, n); break;
    case HX_LIST: list(w, el, n, n->first, n->last); break;
    case HX_ITEM: list(w, el, NULL, n, n); break; /* out of its list: a list of one */
    case HX_TABLE: table(w, el, n); break;
    case HX_QUOTE: {
        /* a quotation is a structure embedded in a paragraph */
        if (!n->first)
            break;
        xmlNode *p = akn_el(w, el, "p");
        xmlNode *q = akn_el(w, p, "embeddedStructure");
        for (const struct hx_node *c = n->first; c; c = c->next)
            akn_block(w, q, c);
        break;
    }
    default:
        if (hx_type_is_inline(n->type)) {
            xmlNode *p = akn_el(w, el, "p");
            inline_node(w, p, n);
        } else {
            for (const struct hx_node *c = n->first; c; c = c->next)
                akn_block(w, el, c);
        }
        break;
    }
}
