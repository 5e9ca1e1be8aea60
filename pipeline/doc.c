/* The document tree; see doc.h. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static const char *const type_names[HX_TYPE_COUNT] = {
    [HX_DOC] = "doc",       [HX_SECTION] = "section", [HX_HEADING] = "heading",
    [HX_PARA] = "para",     [HX_LIST] = "list",       [HX_ITEM] = "item",
    [HX_TABLE] = "table",   [HX_ROW] = "row",         [HX_CELL] = "cell",
    [HX_QUOTE] = "quote",   [HX_TEXT] = "text",       [HX_EMPH] = "emph",
    [HX_STRONG] = "strong", [HX_SUP] = "sup",         [HX_SUB] = "sub",
    [HX_LINK] = "link",     [HX_NOTEREF] = "noteref", [HX_NOTE] = "note",
    [HX_BREAK] = "break",   [HX_SPAN] = "span",       [HX_IMAGE] = "image",
};

static const char *const role_names[HX_ROLE_COUNT] = {
    [HX_ROLE_NONE] = "",
    [HX_ROLE_MASTHEAD] = "masthead",
    [HX_ROLE_TITLE] = "title",
    [HX_ROLE_NUMBERED] = "numbered",
    [HX_ROLE_SUBITEM] = "subitem",
    [HX_ROLE_CONTINUED] = "continued",
    [HX_ROLE_FORMULA] = "formula",
    [HX_ROLE_PREAMBULAR] = "preambular",
    [HX_ROLE_OPERATIVE] = "operative",
    [HX_ROLE_ARTICLE] = "article",
    [HX_ROLE_PREAMBLE] = "preamble",
    [HX_ROLE_ANNEX] = "annex",
    [HX_ROLE_NOTE_BODY] = "note-body",
};

const char *hx_type_name(enum hx_type t)
{
    return (unsigned)t < HX_TYPE_COUNT ? type_names[t] : "?";
}

int hx_type_from_name(const char *name)
{
    for (int t = 0; t < HX_TYPE_COUNT; t++)
        if (strcmp(type_names[t], name) == 0)
            return t;
    return -1;
}

const char *hx_role_name(enum hx_role r)
{
    return (unsigned)r < HX_ROLE_COUNT ? role_names[r] : "?";
}

int hx_role_from_name(const char *name)
{
    for (int r = 0; r < HX_ROLE_COUNT; r++)
        if (strcmp(role_names[r], name) == 0)
            return r;
    return -1;
}

struct hx_doc *hx_doc_new(const char *path)
{
    struct hx_arena *a = hx_arena_new();
    struct hx_doc *doc = hx_alloc(a, sizeof *doc);
    doc->arena = a;
    doc->path = hx_strdup(a, path);
    doc->root = hx_node_new(doc, HX_DOC);
    return doc;
}

void hx_doc_free(struct hx_doc *doc)
{
    if (doc)
        hx_arena_free(doc->arena);
}

struct hx_node *hx_node_new(struct hx_doc *doc, enum hx_type type)
{
    struct hx_node *n = hx_alloc(doc->arena, sizeof *n);
    n->type = type;
    return n;
}

struct hx_node *hx_text_new(struct hx_doc *doc, const char *s, size_t len)
{
    struct hx_node *n = hx_node_new(doc, HX_TEXT);
    hx_node_set_text(doc, n, s, len);
    return n;
}

void hx_node_set_text(struct hx_doc *doc, struct hx_node *n, const char *s, size_t len)
{
    n->text = hx_strndup(doc->arena, s, len);
    n->len = len;
}

void hx_node_detach(struct hx_node *n)
{
    struct hx_node *p = n->parent;
    if (n->prev)
        n->prev->next = n->next;
    else if (p)
        p->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (p)
        p->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

void hx_node_append(struct hx_node *parent, struct hx_node *child)
{
    hx_node_detach(child);
    child->parent = parent;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

void hx_node_insert_before(struct hx_node *sibling, struct hx_node *n)
{
    hx_node_detach(n);
    n->parent = sibling->parent;
    n->next = sibling;
    n->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = n;
    else if (sibling->parent)
        sibling->parent->first = n;
    sibling->prev = n;
}

void hx_node_insert_after(struct hx_node *sibling, struct hx_node *n)
{
    hx_node_detach(n);
    n->parent = sibling->parent;
    n->prev = sibling;
    n->next = sibling->next;
    if (sibling->next)
        sibling->next->prev = n;
    else if (sibling->parent)
        sibling->parent->last = n;
    sibling->next = n;
}

void hx_node_detach_pruning(struct hx_node *n, struct hx_node *stop)
{
    struct hx_node *p = n->parent;
    hx_node_detach(n);
    while (p && p != stop && !p->first) {
        struct hx_node *up = p->parent;
        hx_node_detach(p);
        p = up;
    }
}

int hx_type_is_inline(enum hx_type t)
{
    return t >= HX_TEXT && t < HX_TYPE_COUNT;
}

int hx_node_has_inlines(const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next)
        if (hx_type_is_inline(c->type))
            return 1;
    return 0;
}

static int is_block(enum hx_type t)
{
    return t >= HX_SECTION && t <= HX_QUOTE;
}

/* The shape rules of the tree, in one place. */
int hx_type_can_contain(enum hx_type parent, enum hx_type child)
{
    switch (parent) {
    case HX_DOC:
    case HX_SECTION:
    case HX_QUOTE:
        return is_block(child) && child != HX_ROW && child != HX_CELL && child != HX_ITEM;
    case HX_LIST: return child == HX_ITEM;
    case HX_ITEM:
    case HX_CELL:
    case HX_NOTE:
        return is_block(child) && child != HX_ROW && child != HX_CELL && child != HX_ITEM &&
               child != HX_SECTION;
    case HX_TABLE: return child == HX_ROW;
    case HX_ROW: return child == HX_CELL;
    case HX_HEADING:
    case HX_PARA:
    case HX_EMPH:
    case HX_STRONG:
    case HX_SUP:
    case HX_SUB:
    case HX_LINK:
    case HX_SPAN: return hx_type_is_inline(child);
    case HX_TEXT:
    case HX_NOTEREF:
    case HX_BREAK:
    case HX_IMAGE:
    case HX_TYPE_COUNT: return 0;
    }
    return 0;
}

const char *hx_doc_check(const struct hx_doc *doc)
{
    if (!doc->root || doc->root->type != HX_DOC || doc->root->parent)
        return "the root is not a detached doc node";
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        const struct hx_node *n = it.node;
        if (!it.enter)
            continue;
        if ((unsigned)n->type >= HX_TYPE_COUNT)
            return "a node has an unknown type";
        if (n->type == HX_TEXT && (!n->text || strlen(n->text) != n->len))
            return "a text node's length does not match its text";
        const struct hx_node *prev = NULL;
        for (const struct hx_node *c = n->first; c; prev = c, c = c->next) {
            if (c->parent != n || c->prev != prev)
                return "broken parent or sibling links";
            if (!hx_type_can_contain(n->type, c->type))
                return "a node holds a child of a type it may not contain";
        }
        if (n->last != prev)
            return "a node's last child is wrong";
    }
    return NULL;
}

const char *hx_node_lang(const struct hx_doc *doc, const struct hx_node *n)
{
    for (; n; n = n->parent)
        if (n->lang)
            return n->lang;
    return doc->lang;
}

char *hx_node_text(struct hx_doc *doc, const struct hx_node *n, size_t *len)
{
    struct hx_buf b = {0};
    struct hx_iter it = hx_iter_start((struct hx_node *)n);
    while (hx_iter_next(&it)) {
        if (!it.enter)
            continue;
        if (it.node->type == HX_NOTE && it.node != n)
            hx_iter_skip(&it);
        else if (it.node->type == HX_TEXT)
            hx_buf_add(&b, it.node->text, it.node->len);
    }
    char *s = hx_strndup(doc->arena, b.data ? b.data : "", b.len);
    if (len)
        *len = b.len;
    hx_buf_free(&b);
    return s;
}

void hx_meta_set(struct hx_doc *doc, const char *name, const char *value)
{
    struct hx_meta **pp = &doc->meta;
    for (; *pp; pp = &(*pp)->next)
        if (strcmp((*pp)->name, name) == 0) {
            (*pp)->value = hx_strdup(doc->arena, value);
            return;
        }
    struct hx_meta *m = hx_alloc(doc->arena, sizeof *m);
    m->name = hx_strdup(doc->arena, name);
    m->value = hx_strdup(doc->arena, value);
    *pp = m;
}

const char *hx_meta_get(const struct hx_doc *doc, const char *name)
{
    for (const struct hx_meta *m = doc->meta; m; m = m->next)
        if (strcmp(m->name, name) == 0)
            return m->value;
    return NULL;
}

static int has_exit(enum hx_type t)
{
    return t != HX_TEXT && t != HX_BREAK && t != HX_NOTEREF && t != HX_IMAGE;
}

struct hx_iter hx_iter_start(struct hx_node *root)
{
    struct hx_iter it = {root, NULL, 0, 0};
    return it;
}

int hx_iter_next(struct hx_iter *it)
{
    struct hx_node *n = it->node;
    if (!it->started) {
        it->started = 1;
        if (!it->root)
            return 0;
        it->node = it->root;
        it->enter = 1;
        return 1;
    }
    if (!n)
        return 0;
    if (it->enter && has_exit(n->type)) {
        if (n->first) {
            it->node = n->first;
            it->enter = 1;
        } else {
            it->enter = 0;
        }
        return 1;
    }
    /* Leaving n (or a leaf just entered): go to the next sibling or up. */
    if (n == it->root) {
        it->node = NULL;
        return 0;
    }
    if (n->next) {
        it->node = n->next;
        it->enter = 1;
        return 1;
    }
    it->node = n->parent;
    it->enter = 0;
    return it->node != NULL;
}

void hx_iter_skip(struct hx_iter *it)
{
    if (it->node && it->enter && has_exit(it->node->type))
        it->enter = 0;
}

struct hx_set *hx_set_new(const char *const *paths, size_t n)
{
    struct hx_arena *a = hx_arena_new();
    struct hx_set *set = hx_alloc(a, sizeof *set);
    set->arena = a;
    set->ndocs = n;
    set->docs = hx_alloc(a, (n ? n : 1) * sizeof *set->docs);
    for (size_t i = 0; i < n; i++)
        set->docs[i] = hx_doc_new(paths[i]);
    set->name = n ? set->docs[0]->path : "";
    return set;
}

void hx_set_free(struct hx_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->ndocs; i++)
        hx_doc_free(set->docs[i]);
    hx_arena_free(set->arena);
}
