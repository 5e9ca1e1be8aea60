/* Private to the HTML reader (only filters/read/html/ include it): the
 * state of its one walk over libxml2's tree and the helpers its files
 * share. Its files call downward only: html.c (the stage: sniffing,
 * parsing) calls block.c (blocks), which calls inline.c (inline content);
 * all call element.c (elements by kind, node helpers), which calls none
 * of them. */
#ifndef HX_FILTERS_READ_HTML_H
#define HX_FILTERS_READ_HTML_H

#include <string.h>

#include <libxml/tree.h>

#include "hx.h"

/* Deeper nesting than this only happens in hostile input; recursion stops. */
#define MAX_DEPTH HX_MAX_NESTING

/* What an element maps to. */
enum html_kind {
    K_INLINE,  /* unknown or presentational inline: content kept, tag dropped */
    K_SKIP,    /* content dropped: head, script, style… */
    K_BLOCK,   /* a block boundary with no node of its own (div, main…) */
    K_SECTION, /* article, section, header → HX_SECTION */
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

/* The walk's state, one per document. */
struct html_walk {
    struct hx_stage *st;
    struct hx_doc *doc;
    int space; /* the last character put in the current block was a space */
    int pre;   /* inside <pre>: white space is kept */
    int deep;  /* warned about excessive nesting */
};

/* --- elements and nodes (element.c) ------------------------------- */

/* The kind of x by its tag name; text and unknown elements are inline. */
enum html_kind html_kind_of(const xmlNode *x);

/* An attribute's value copied into the arena (NULL when absent). */
const char *html_attr(struct html_walk *w, xmlNode *x, const char *name);

/* An attribute read as an integer within ±999999, or def. */
int html_attr_int(xmlNode *x, const char *name, int def);

/* Node for element x, carrying its lang, dir and source line. */
struct hx_node *html_node_for(struct html_walk *w, xmlNode *x, enum hx_type t);

/* Is depth past MAX_DEPTH? Warns once per document. */
int html_too_deep(struct html_walk *w, xmlNode *x, int depth);

/* Is x the element called name? */
static inline int is_name(const xmlNode *x, const char *name)
{
    return x->type == XML_ELEMENT_NODE && x->name && strcmp((const char *)x->name, name) == 0;
}

/* White space as HTML defines it. */
static inline int is_html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* --- inline content (inline.c) ------------------------------- */

/* x and its content in inline context, appended to parent. */
void html_walk_inline(struct html_walk *w, xmlNode *x, struct hx_node *parent, int depth);

/* The children of x in inline context, appended to parent. */
void html_walk_inline_children(struct html_walk *w, xmlNode *x, struct hx_node *parent, int depth);

/* Closes an open implicit paragraph (or a real one): its trailing space is
 * dropped, and it is removed when that leaves it empty. NULL is allowed. */
void html_finish_block(struct html_walk *w, struct hx_node *blk);

/* --- blocks (block.c) ---------------------------------------- */

/* The nodes first, first->next… in block context, appended to box. Inline
 * runs go into implicit paragraphs. */
void html_walk_blocks(struct html_walk *w, xmlNode *first, struct hx_node *box, int depth,
                      int list_depth);

#endif
