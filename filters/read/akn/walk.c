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

static int too_deep(struct akn_walk *w, xmlNode *x, int depth)
{
    if (depth < AKN_MAX_DEPTH)
        return 0;
    if (!w->failed)
        hx_error_at(w->st, w->doc, akn_line(x), "elements nested over %d deep", AKN_MAX_DEPTH);
    w->failed = 1;
    return 1;
}

/* A paragraph or heading that takes the <num> waiting for a block. */
static struct hx_node *leaf_new(struct akn_walk *w, xmlNode *x, struct hx_node *box, enum hx_type t)
{
    struct hx_node *n = akn_node_for(w, x, t);
    n->pos.where = akn_take_eid(w, x);
    n->role = w->annex ? HX_ROLE_ANNEX : w->role;
    if (akn_footnote_block(x))
        n->role = HX_ROLE_NOTE_BODY; /* footnote text no marker calls */
    w->annex = 0;
    if (t == HX_PARA) {
        n->level = w->plevel;
        n->label = w->label;
        w->label = NULL;
        if (n->role == HX_ROLE_NOTE_BODY && n->label)
            n->num = akn_marker_num(n->label);
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
    n->pos.where = akn_take_eid(w, NULL);
    w->label = NULL;
    hx_node_append(box, n);
}

static void inline_node(struct akn_walk *w, xmlNode *x, struct hx_node *parent, int depth);
static void blocks(struct akn_walk *w, xmlNode *owner, struct hx_node *box, int depth);

static void inline_kids(struct akn_walk *w, xmlNode *x, struct hx_node *parent, int depth)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        struct hx_node *leaf = w->leaf;
        inline_node(w, c, parent, depth + 1);
        if (parent == leaf && w->leaf != leaf)
            parent = w->leaf; /* a quoted structure split the paragraph */
    }
}

/* The blocks of x into box, walked apart from the flow around it (a
 * note, a table cell, a quotation): no label, level or paragraph being
 * filled leaks in or out. */
static void apart(struct akn_walk *w, xmlNode *x, struct hx_node *box, int depth)
{
    const char *label = w->label;
    int plevel = w->plevel, hlevel = w->hlevel;
    enum hx_role role = w->role;
    struct hx_node *leaf = w->leaf, *lbox = w->box;
    const char *eid = w->eid;
    w->eid = NULL;
    w->label = NULL;
    w->plevel = w->hlevel = 0;
    w->role = HX_ROLE_NONE;
    w->leaf = w->box = NULL;
    blocks(w, x, box, depth + 1);
    w->role = role;
    w->label = label;
    w->plevel = plevel;
    w->hlevel = hlevel;
    w->leaf = leaf;
    w->box = lbox;
    w->eid = eid;
}

/* The first (last) paragraph or heading under n, depth first. */
static struct hx_node *edge_leaf(struct hx_node *n, int last)
{
    for (struct hx_node *c = last ? n->last : n->first; c; c = last ? c->prev : c->next) {
        if (c->type == HX_PARA || c->type == HX_HEADING)
            return c;
        if (!hx_type_is_inline(c->type)) {
            struct hx_node *f = edge_leaf(c, last);
            if (f)
                return f;
        }
    }
    return NULL;
}

/* The quotation marks a quoted structure prints (its startQuote and
 * endQuote attributes) put around its text, which holds none. */
static void quote_marks(struct akn_walk *w, xmlNode *x, struct hx_node *q)
{
    const char *open = akn_attr(w, x, "startQuote"), *close = akn_attr(w, x, "endQuote");
    struct hx_node *first = edge_leaf(q, 0), *last = edge_leaf(q, 1);
    if (open && first) {
        struct hx_node *t = hx_text_new(w->doc, open, strlen(open));
        t->pos.line = first->pos.line;
        if (first->first)
            hx_node_insert_before(first->first, t);
        else
            hx_node_append(first, t);
    }
    if (close && last) {
        struct hx_node *t = hx_text_new(w->doc, close, strlen(close));
        t->pos.line = last->pos.line;
        hx_node_append(last, t);
    }
}

/* A quoted structure inside a paragraph (an article as amended, in a
 * <mod>): the paragraph ends, the quotation is a block of its own, and
 * the text after it continues in a new paragraph. */
static void split_quote(struct akn_walk *w, xmlNode *x, int depth)
{
    struct hx_node *leaf = w->leaf, *box = w->box;
    akn_finish_block(w, leaf);
    struct hx_node *q = akn_node_for(w, x, HX_QUOTE);
    if (leaf->parent)
        hx_node_insert_after(leaf, q);
    else
        hx_node_append(box, q);
    apart(w, x, q, depth);
    quote_marks(w, x, q);
    struct hx_node *cont = akn_node_for(w, x, HX_PARA);
    cont->level = leaf->level;
    xmlNode *after = x; /* where the continuation starts (if it is not empty) */
    while (after && !after->next)
        after = after->parent;
    if (after && after->next)
        cont->pos.line = akn_line(after->next);
    hx_node_insert_after(q, cont);
    if (!q->first)
        hx_node_detach(q);
    w->leaf = cont;
    w->space = 1;
}

/* The blocks of a note are footnote text, like a DOCX footnote's. */
static void note_body(struct akn_walk *w, xmlNode *x, struct hx_node *note, int depth)
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
    const char *m = akn_attr(w, x, "marker");
    if (m)
        return m;
    const char *id = akn_attr(w, x, "eId");
    if (!id)
        id = akn_attr(w, x, "id");
    if (id) {
        size_t n = strlen(id), k = n;
        while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
            k--;
        if (k < n && n - k < 6)
            return hx_strdup(w->doc->arena, id + k + strspn(id + k, "0"));
    }
    return hx_printf(w->doc->arena, "%d", w->notes);
}

static void note(struct akn_walk *w, xmlNode *x, struct hx_node *parent, int depth, xmlNode *body,
                 const char *marker)
{
    struct hx_node *n = akn_node_for(w, x, HX_NOTE);
    w->notes++;
    /* the space before a marker is the source's indentation, not text */
    akn_trim_end(w, parent);
    n->label = marker ? marker : note_label(w, body);
    n->pos.where = akn_attr(w, body, "eId");
    hx_node_append(parent, n);
    note_body(w, body, n, depth);
    w->space = 0;
}

static void note_ref(struct akn_walk *w, xmlNode *x, struct hx_node *parent, int depth)
{
    const char *href = akn_attr(w, x, "href");
    const char *marker = akn_attr(w, x, "marker");
    const char *id = href && href[0] == '#' ? href + 1 : href;
    long i = akn_find_note(w, id);
    if (i >= 0 && w->notes_by_id[i].el) {
        xmlNode *body = w->notes_by_id[i].el;
        w->notes_by_id[i].el = NULL; /* a second reference is a marker only */
        note(w, x, parent, depth, body, marker ? marker : note_label(w, body));
        return;
    }
    if (i < 0)
        hx_warn_at(w->st, w->doc, akn_line(x), "noteRef to \"%s\": no such note", href ? href : "");
    struct hx_node *n = akn_node_for(w, x, HX_NOTEREF);
    n->label = marker ? marker : hx_printf(w->doc->arena, "%d", ++w->notes);
    n->num = akn_marker_num(n->label);
    akn_trim_end(w, parent);
    hx_node_append(parent, n);
    w->space = 0;
}

static void inline_node(struct akn_walk *w, xmlNode *x, struct hx_node *parent, int depth)
{
    if (too_deep(w, x, depth))
        return;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
        if (x->content)
            akn_add_text(w, parent, (const char *)x->content, akn_line(x));
        return;
    }
    if (x->type != XML_ELEMENT_NODE)
        return;
    enum akn_kind k = akn_kind_of(x);
    enum hx_type t;
    const char *lang = akn_own_lang(w, x);
    switch (k) {
    case AK_SKIP:
    case AK_DROP: return;
    case AK_EMPH: t = HX_EMPH; break;
    case AK_STRONG: t = HX_STRONG; break;
    case AK_SUP: t = HX_SUP; break;
    case AK_SUB: t = HX_SUB; break;
    case AK_BREAK:
        akn_trim_end(w, parent);
        hx_node_append(parent, akn_node_for(w, x, HX_BREAK));
        w->space = 1;
        return;
    case AK_NOTE: note(w, x, parent, depth, x, NULL); return;
    case AK_NOTEREF: note_ref(w, x, parent, depth); return;
    case AK_IMAGE: {
        struct hx_node *img = akn_node_for(w, x, HX_IMAGE);
        const char *alt = akn_attr(w, x, "alt");
        if (!alt)
            alt = akn_attr(w, x, "title");
        if (alt) {
            img->text = alt;
            img->len = strlen(alt);
        }
        hx_node_append(parent, img);
        w->space = 0;
        return;
    }
    case AK_LINK: {
        const char *href = akn_attr(w, x, "href");
        if (href) {
            struct hx_node *a = akn_node_for(w, x, HX_LINK);
            a->href = href;
            hx_node_append(parent, a);
            parent = a;
        }
        t = HX_SPAN;
        break;
    }
    case AK_SPAN:
    case AK_CONTAINER: t = HX_SPAN; break;
    default:
        if (k == AK_QUOTE && w->leaf && parent == w->leaf) {
            split_quote(w, x, depth);
            return;
        }
        /* another block inside inline content (or a quotation inside
         * emphasis): flattened, its edges word boundaries */
        if (!w->space)
            akn_add_text(w, parent, " ", 0);
        if (k == AK_QUOTE && akn_attr(w, x, "startQuote"))
            akn_add_text(w, parent, akn_attr(w, x, "startQuote"), akn_line(x));
        inline_kids(w, x, parent, depth);
        if (k == AK_QUOTE && akn_attr(w, x, "endQuote"))
            akn_add_text(w, parent, akn_attr(w, x, "endQuote"), akn_line(x));
        if (!w->space)
            akn_add_text(w, parent, " ", 0);
        return;
    }
    if (t == HX_SPAN && !lang) {
        inline_kids(w, x, parent, depth);
        return;
    }
    struct hx_node *n = akn_node_for(w, x, t);
    n->lang = lang;
    hx_node_append(parent, n);
    inline_kids(w, x, n, depth);
}

/* The blocks of a list item: its <num> is the item's label. */
static void item(struct akn_walk *w, xmlNode *x, struct hx_node *list, int depth)
{
    struct hx_node *it = akn_node_for(w, x, HX_ITEM);
    it->level = list->level;
    it->pos.where = akn_attr(w, x, "eId");
    for (xmlNode *c = x->children; c; c = c->next)
        if (akn_kind_of(c) == AK_NUM && !it->label)
            it->label = akn_flat_text(w, c);
    hx_node_append(list, it);
    blocks(w, x, it, depth + 1);
}

/* blockList, ul, ol: items in an HX_LIST; an introduction or wrap-up is a
 * paragraph before or after it. */
static void list(struct akn_walk *w, xmlNode *x, struct hx_node *box, int depth)
{
    struct hx_node *l = NULL;
    int plevel = w->plevel;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (akn_kind_of(c) == AK_ITEM) {
            if (!l) {
                flush_label(w, box);
                l = akn_node_for(w, x, HX_LIST);
                l->level = ++w->plevel;
                l->pos.where = akn_attr(w, x, "eId");
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
        akn_finish_block(w, p);
    }
    w->plevel = plevel;
}

static void cells(struct akn_walk *w, xmlNode *tr, struct hx_node *row, int depth, int header)
{
    for (xmlNode *d = tr->children; d; d = d->next) {
        if (!akn_is(d, "td") && !akn_is(d, "th"))
            continue;
        struct hx_node *cell = akn_node_for(w, d, HX_CELL);
        if (header || akn_is(d, "th"))
            cell->flags |= HX_F_HEADER;
        const char *cs = akn_attr(w, d, "colspan"), *rs = akn_attr(w, d, "rowspan");
        int ncs = cs ? atoi(cs) : 1, nrs = rs ? atoi(rs) : 1;
        cell->span[0] = ncs > 1 && ncs < 1000 ? ncs : 0;
        cell->span[1] = nrs > 1 && nrs < 65535 ? nrs : 0;
        hx_node_append(row, cell);
        apart(w, d, cell, depth);
    }
}

static void table_rows(struct akn_walk *w, xmlNode *x, struct hx_node *table, int depth, int header)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if (too_deep(w, c, depth + 1))
            return;
        if (akn_is(c, "thead") || akn_is(c, "tbody") || akn_is(c, "tfoot")) {
            table_rows(w, c, table, depth + 1, akn_is(c, "thead"));
        } else if (akn_is(c, "caption")) {
            struct hx_node *p = akn_node_for(w, c, HX_PARA);
            hx_node_insert_before(table, p);
            w->space = 1;
            inline_kids(w, c, p, depth + 1);
            akn_finish_block(w, p);
        } else if (akn_is(c, "tr")) {
            struct hx_node *row = akn_node_for(w, c, HX_ROW);
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

static int has_child(xmlNode *x, enum akn_kind k)
{
    for (xmlNode *c = x->children; c; c = c->next)
        if (akn_kind_of(c) == k)
            return 1;
    return 0;
}

/* Text or an inline element c met in block context: into the implicit
 * paragraph imp, begun once there is content. Returns the paragraph left
 * open after it (NULL while there is none). */
static struct hx_node *inline_run(struct akn_walk *w, xmlNode *c, struct hx_node *box,
                                  struct hx_node *imp, int depth)
{
    if (!imp) {
        if (c->type != XML_ELEMENT_NODE) {
            const char *s = (const char *)c->content;
            while (s && *s && akn_space((unsigned char)*s))
                s++;
            if (!s || !*s)
                return NULL;
        }
        imp = leaf_new(w, c, box, HX_PARA);
    }
    w->leaf = imp;
    w->box = box;
    inline_node(w, c, imp, depth + 1);
    imp = w->leaf;
    w->leaf = NULL;
    return imp;
}

/* A <num> of owner: an article's own heading ("Article 3"), the label of
 * owner's <heading> (into *hlabel), or the label of the blocks that follow
 * (into w->label and *mine). */
static void num_el(struct akn_walk *w, xmlNode *owner, xmlNode *c, struct hx_node *box, int headed,
                   const char **hlabel, const char **mine)
{
    const char *num = akn_flat_text(w, c);
    if (num_is_heading(owner, num)) {
        struct hx_node *n = leaf_new(w, c, box, HX_HEADING);
        if (n->role == HX_ROLE_NONE)
            n->role = HX_ROLE_ARTICLE;
        struct hx_node *t = hx_text_new(w->doc, num, strlen(num));
        t->pos.line = n->pos.line;
        hx_node_append(n, t);
        w->hlevel++;
    } else if (headed) {
        *hlabel = num;
    } else {
        flush_label(w, box);
        w->label = *mine = num;
        w->label_line = akn_line(c);
    }
}

/* A heading, subheading or leaf block (k) of owner with its inline
 * content; a heading takes the <num> met before it (*hlabel) as label. */
static void leaf_el(struct akn_walk *w, xmlNode *owner, xmlNode *c, struct hx_node *box,
                    enum akn_kind k, int depth, const char **hlabel)
{
    if (k != AK_LEAF)
        flush_label(w, box);
    struct hx_node *n = leaf_new(w, c, box, k == AK_LEAF ? HX_PARA : HX_HEADING);
    if (k == AK_HEADING) {
        n->label = *hlabel;
        *hlabel = NULL;
        /* an article's heading is its title: "Article 3" came
         * from its <num> */
        if (akn_is(owner, "article") && n->role == HX_ROLE_NONE)
            n->role = HX_ROLE_TITLE;
    } else if (k == AK_SUBHEADING) {
        n->level = n->level < 6 ? n->level + 1 : 6;
    }
    const char *l = akn_own_lang(w, c);
    if (l)
        n->lang = l;
    w->leaf = k == AK_LEAF ? n : NULL;
    w->box = box;
    /* xml:space="preserve": its white space is text */
    int preserve = w->preserve;
    w->preserve = xmlNodeGetSpacePreserve(c) == 1;
    inline_kids(w, c, n, depth + 1);
    akn_finish_block(w, w->leaf ? w->leaf : n);
    w->preserve = preserve;
    w->leaf = NULL;
}

/* A component walked where its componentRef stands (a report's draft
 * resolution, printed in its body), as a section; skipped where it is
 * stored (components come at the end of their document). */
static void place_component(struct akn_walk *w, xmlNode *ref, struct hx_node *box, int depth)
{
    xmlNode *comp = akn_component_for(w, ref);
    if (!comp || box->type != HX_SECTION)
        return;
    w->placed =
        hx_arena_grow(w->doc->arena, w->placed, w->nplaced, &w->placedcap, sizeof *w->placed, 4);
    w->placed[w->nplaced++] = comp;
    flush_label(w, box);
    struct hx_node *n = akn_node_for(w, comp, HX_SECTION);
    n->style = "component";
    hx_node_append(box, n);
    blocks(w, comp, n, depth + 1);
    if (!n->first)
        hx_node_detach(n);
}

/* The children of owner in block context, appended to box; inline runs go
 * into implicit paragraphs. */
static void blocks(struct akn_walk *w, xmlNode *owner, struct hx_node *box, int depth)
{
    struct hx_node *imp = NULL;
    const char *hlabel = NULL, *mine = NULL;
    const char *lang = w->lang;
    int plevel = w->plevel, hlevel = w->hlevel;
    enum hx_role role = w->role;
    int resolution = w->resolution;
    int headed = has_child(owner, AK_HEADING);
    int listed = akn_is(owner, "item") || akn_is(owner, "li");
    const char *own = akn_own_lang(w, owner);
    const char *unit_eid = NULL;
    if (!w->eid && akn_eid_unit(owner))
        w->eid = unit_eid = akn_attr(w, owner, "eId");
    if (own)
        w->lang = own;
    if (has_child(owner, AK_NUM) && !listed)
        w->plevel++;
    if (headed)
        w->hlevel++;
    w->role = akn_part_role(w, owner);
    if (akn_is(owner, "attachment"))
        w->annex = 1;
    if (akn_is(owner, "attachments") || akn_is(owner, "components") ||
        akn_is(owner, "attachment") || akn_is(owner, "component"))
        w->resolution = 0; /* another document, whose markup says nothing of ours */
    for (xmlNode *c = owner->children; c && !w->failed; c = c->next) {
        if (too_deep(w, c, depth + 1))
            break;
        enum akn_kind k = akn_kind_of(c);
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
            (c->type == XML_ELEMENT_NODE && akn_kind_is_inline(k))) {
            imp = inline_run(w, c, box, imp, depth);
            continue;
        }
        if (akn_is(c, "componentRef")) {
            akn_finish_block(w, imp);
            imp = NULL;
            place_component(w, c, box, depth);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || k == AK_SKIP ||
            (akn_is(c, "component") && akn_placed(w, c)))
            continue;
        akn_finish_block(w, imp);
        imp = NULL;
        struct hx_node *n;
        switch (k) {
        case AK_NUM:
            if (!listed) /* else the item's label already */
                num_el(w, owner, c, box, headed, &hlabel, &mine);
            break;
        case AK_HEADING:
        case AK_SUBHEADING:
        case AK_LEAF: leaf_el(w, owner, c, box, k, depth, &hlabel); break;
        case AK_LIST: list(w, c, box, depth + 1); break;
        case AK_ITEM: /* an item outside a list: a list of its own */
            flush_label(w, box);
            n = akn_node_for(w, c, HX_LIST);
            n->level = w->plevel + 1;
            hx_node_append(box, n);
            item(w, c, n, depth + 1);
            break;
        case AK_TABLE:
            flush_label(w, box);
            n = akn_node_for(w, c, HX_TABLE);
            hx_node_append(box, n);
            table_rows(w, c, n, depth + 1, 0);
            if (!n->first)
                hx_node_detach(n);
            break;
        case AK_QUOTE:
            flush_label(w, box);
            n = akn_node_for(w, c, HX_QUOTE);
            hx_node_append(box, n);
            blocks(w, c, n, depth + 1);
            quote_marks(w, c, n);
            if (!n->first)
                hx_node_detach(n);
            break;
        case AK_PART:
            if (box->type == HX_DOC || box->type == HX_SECTION) {
                flush_label(w, box);
                n = akn_node_for(w, c, HX_SECTION);
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
        default: blocks(w, c, box, depth + 1); break;
        }
    }
    akn_finish_block(w, imp);
    if (hlabel) { /* a <num> after its <heading>: a paragraph of its own */
        w->label = hlabel;
        flush_label(w, box);
    }
    if (mine && w->label == mine)
        flush_label(w, box);
    if (unit_eid && w->eid == unit_eid)
        w->eid = NULL; /* no block took it */
    w->plevel = plevel;
    w->hlevel = hlevel;
    w->lang = lang;
    w->role = role;
    w->resolution = resolution;
}

int akn_walk_doc(struct akn_walk *w, xmlNode *root)
{
    w->space = 1;
    blocks(w, root, w->doc->root, 1);
    flush_label(w, w->doc->root);
    return w->failed ? -1 : 0;
}
