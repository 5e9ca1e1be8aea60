/* The Akoma Ntoso writer's hierarchy: the blocks of one part (a report's
 * body, a resolution's operative part, an annex, an instrument's articles)
 * as nested hierarchy elements, nested by their paragraph keys: a
 * sub-item ("body.2.a") is a <point> of the paragraph it belongs to
 * ("body.2", whose <content> becomes its <intro>), a continuation
 * ("body.4+1") another block of its paragraph (in its <content>, or in a
 * <wrapUp> after its points), an article's paragraphs ("art.3.1") its
 * <paragraph>s and its title ("art.3.title") its <heading>. Blocks without
 * a key (tables, lists) go on the open paragraph. */
#include <string.h>

#include "akn.h"

static xmlNode *last_el(xmlNode *el)
{
    xmlNode *c = el->last;
    while (c && c->type != XML_ELEMENT_NODE)
        c = c->prev;
    return c;
}

static int named(const xmlNode *el, const char *name)
{
    return el && el->name && strcmp((const char *)el->name, name) == 0;
}

static void push(struct akn_writer *w, xmlNode *el, const char *key, const char *eid)
{
    w->stack = hx_arena_grow(w->doc->arena, w->stack, w->depth, &w->stackcap, sizeof *w->stack, 8);
    w->stack[w->depth].el = el;
    w->stack[w->depth].key = key;
    w->stack[w->depth++].eid = eid;
}

/* The key of the unit key belongs to ("body.2" for "body.2.a" and
 * "body.2+1"), in the arena; *cont is set for a continuation. */
static const char *parent_key(struct akn_writer *w, const char *key, int *cont)
{
    const char *plus = strchr(key, '+'), *dot = strrchr(key, '.');
    *cont = plus != NULL;
    if (plus)
        return hx_strndup(w->doc->arena, key, (size_t)(plus - key));
    return dot ? hx_strndup(w->doc->arena, key, (size_t)(dot - key)) : NULL;
}

/* Block n inside a unit's <content>, <intro> or <wrapUp>: a paragraph
 * without its label (the unit's <num> holds it). */
static void content_block(struct akn_writer *w, xmlNode *el, const struct hx_node *n, int label)
{
    if (n->type == HX_PARA && !label && n->role != HX_ROLE_NOTE_BODY) {
        akn_inlines(w, akn_inline_block(w, el, "p", n), n);
        return;
    }
    akn_block(w, el, n);
}

/* A new unit elname for block n under parent: its eId, <num> and
 * <content>. */
static xmlNode *unit(struct akn_writer *w, xmlNode *parent, const char *elname,
                     const struct hx_node *n)
{
    xmlNode *el = akn_el(w, parent, elname);
    const char *eid = akn_eid(w, el, akn_eid_for(w, n, elname));
    if (n->type == HX_PARA && n->label && *n->label && n->role != HX_ROLE_NOTE_BODY)
        akn_num(w, el, n->label);
    content_block(w, akn_el(w, el, "content"), n, 0);
    push(w, el, n->key, eid);
    return el;
}

/* Block n goes on open unit o: in its content, else after its points. */
static void add_into(struct akn_writer *w, struct akn_open *o, const struct hx_node *n)
{
    xmlNode *last = last_el(o->el);
    if (named(last, "content") || named(last, "wrapUp")) {
        content_block(w, last, n, 1);
    } else if (last && !named(last, "num") && !named(last, "heading")) {
        content_block(w, akn_el(w, o->el, "wrapUp"), n, 1);
    } else if (named(o->el, "article")) {
        unit(w, o->el, "paragraph", n);
    } else {
        content_block(w, akn_el(w, o->el, "content"), n, 1);
    }
}

/* An article's heading ("Article 3", its number and word) is its <num>. */
static void article(struct akn_writer *w, xmlNode *parent, const struct hx_node *n)
{
    xmlNode *art = akn_el(w, parent, "article");
    const char *eid = akn_eid(w, art, akn_eid_for(w, n, "art"));
    xmlNode *num = akn_el(w, art, "num");
    if (n->label && *n->label) {
        akn_text(w, num, n->label, strlen(n->label));
        akn_text(w, num, " ", 1);
    }
    akn_inlines(w, num, n);
    push(w, art, n->key, eid);
}

static void heading(struct akn_writer *w, xmlNode *parent, const struct hx_node *n)
{
    size_t kl = n->key ? strlen(n->key) : 0;
    if (n->role == HX_ROLE_ARTICLE ||
        (n->key && strncmp(n->key, "art.", 4) == 0 && !strchr(n->key + 4, '.'))) {
        w->depth = 0;
        article(w, parent, n);
        return;
    }
    /* an article's title, right under its number */
    if (w->depth && kl > 6 && strcmp(n->key + kl - 6, ".title") == 0 &&
        named(w->stack[0].el, "article") && named(last_el(w->stack[0].el), "num")) {
        xmlNode *h = akn_inline_block(w, w->stack[0].el, "heading", n);
        akn_eid(w, h, akn_eid_for(w, n, "heading"));
        akn_inlines(w, h, n);
        w->depth = 1;
        return;
    }
    w->depth = 0;
    xmlNode *hc = akn_el(w, parent, "hcontainer");
    akn_eid(w, hc, akn_eid_for(w, n, "hcont"));
    akn_set(w, hc, "name", "crossHeading");
    if (n->label && *n->label)
        akn_num(w, hc, n->label);
    akn_inlines(w, akn_inline_block(w, hc, "heading", n), n);
}

static void block(struct akn_writer *w, xmlNode *parent, const struct hx_node *n)
{
    if (n->type == HX_HEADING) {
        heading(w, parent, n);
        return;
    }
    int cont = 0;
    const char *pk = n->key ? parent_key(w, n->key, &cont) : NULL;
    size_t i = w->depth;
    while (pk && i > 0 && !(w->stack[i - 1].key && strcmp(w->stack[i - 1].key, pk) == 0))
        i--;
    /* a labelled continuation stands alone: nested, its <num> would make
     * the reader see it one level deeper than it is */
    if (pk && i > 0 && !(cont && n->type == HX_PARA && n->label && *n->label)) {
        struct akn_open *o = &w->stack[i - 1];
        w->depth = i;
        xmlNode *last = last_el(o->el);
        if (cont || named(last, "wrapUp")) {
            add_into(w, o, n);
            return;
        }
        if (named(last, "content"))
            xmlNodeSetName(last, BAD_CAST "intro");
        unit(w, o->el, named(o->el, "article") ? "paragraph" : "point", n);
        return;
    }
    if (!n->key && w->depth > 0 && n->type != HX_PARA) {
        add_into(w, &w->stack[w->depth - 1], n);
        return;
    }
    w->depth = 0;
    unit(w, parent, "paragraph", n);
}

void akn_hierarchy(struct akn_writer *w, xmlNode *parent, const struct hx_node *first,
                   const struct hx_node *last)
{
    w->depth = 0;
    for (const struct hx_node *n = first; n; n = n == last ? NULL : n->next)
        block(w, parent, n);
    w->depth = 0;
}
