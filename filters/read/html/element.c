/* The HTML reader's elements: the table of elements by kind and the node
 * helpers that both walks (block.c, inline.c) use; see html.h. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "html.h"

static const struct {
    const char *name;
    enum html_kind kind;
} tags[] = {
    {"head", K_SKIP},     {"script", K_SKIP},     {"style", K_SKIP},       {"template", K_SKIP},
    {"noscript", K_SKIP}, {"title", K_SKIP},      {"colgroup", K_SKIP},    {"col", K_SKIP},
    {"iframe", K_SKIP},   {"object", K_SKIP},     {"svg", K_SKIP},         {"math", K_SKIP},
    {"body", K_BLOCK},    {"div", K_BLOCK},       {"main", K_BLOCK},       {"nav", K_BLOCK},
    {"footer", K_BLOCK},  {"aside", K_BLOCK},     {"figure", K_BLOCK},     {"form", K_BLOCK},
    {"center", K_BLOCK},  {"dl", K_BLOCK},        {"fieldset", K_BLOCK},   {"address", K_BLOCK},
    {"details", K_BLOCK}, {"thead", K_BLOCK},     {"tbody", K_BLOCK},      {"tfoot", K_BLOCK},
    {"html", K_BLOCK},    {"article", K_SECTION}, {"section", K_SECTION},  {"header", K_SECTION},
    {"h1", K_HEADING},    {"h2", K_HEADING},      {"h3", K_HEADING},       {"h4", K_HEADING},
    {"h5", K_HEADING},    {"h6", K_HEADING},      {"p", K_PARA},           {"pre", K_PARA},
    {"dt", K_PARA},       {"dd", K_PARA},         {"figcaption", K_PARA},  {"caption", K_PARA},
    {"summary", K_PARA},  {"legend", K_PARA},     {"ol", K_LIST},          {"ul", K_LIST},
    {"menu", K_LIST},     {"li", K_ITEM},         {"table", K_TABLE},      {"tr", K_ROW},
    {"td", K_CELL},       {"th", K_CELL},         {"blockquote", K_QUOTE}, {"em", K_EMPH},
    {"i", K_EMPH},        {"cite", K_EMPH},       {"var", K_EMPH},         {"dfn", K_EMPH},
    {"strong", K_STRONG}, {"b", K_STRONG},        {"sup", K_SUP},          {"sub", K_SUB},
    {"a", K_LINK},        {"br", K_BREAK},        {"img", K_IMAGE},        {"hr", K_RULE},
};

enum html_kind html_kind_of(const xmlNode *x)
{
    if (x->type != XML_ELEMENT_NODE || !x->name)
        return K_INLINE;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strcmp((const char *)x->name, tags[i].name) == 0)
            return tags[i].kind;
    return K_INLINE;
}

const char *html_attr(struct html_walk *w, xmlNode *x, const char *name)
{
    xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = hx_strdup(w->doc->arena, (const char *)v);
    xmlFree(v);
    return s;
}

int html_attr_int(xmlNode *x, const char *name, int def)
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

struct hx_node *html_node_for(struct html_walk *w, xmlNode *x, enum hx_type t)
{
    struct hx_node *n = hx_node_new(w->doc, t);
    const char *lang = html_attr(w, x, "lang");
    if (!lang)
        lang = html_attr(w, x, "xml:lang");
    if (lang && *lang)
        n->lang = lang;
    const char *dir = html_attr(w, x, "dir");
    if (dir && strcmp(dir, "rtl") == 0)
        n->flags |= HX_F_RTL;
    long line = xmlGetLineNo(x);
    n->pos.line = line > 0 ? (unsigned)line : 0;
    return n;
}

int html_too_deep(struct html_walk *w, xmlNode *x, int depth)
{
    if (depth < MAX_DEPTH)
        return 0;
    if (!w->deep)
        hx_warn_at(w->st, w->doc, (unsigned)xmlGetLineNo(x),
                   "elements nested over %d deep: their content is dropped", MAX_DEPTH);
    w->deep = 1;
    return 1;
}
