/* The Akoma Ntoso reader's element table and text helpers: which element
 * does what, the role its blocks take, attributes, lines and languages of
 * elements, white space collapsed as XML pretty-printing requires (kept
 * under xml:space="preserve"), the index of the notes noteRef elements
 * point to, the eId a block keeps (node->pos.where) and the components
 * componentRef elements place. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "akn.h"

static const struct {
    const char *name;
    enum akn_kind kind;
} kinds[] = {
    {"meta", AK_SKIP},
    {"documentRef", AK_SKIP},
    {"componentRef", AK_SKIP},
    {"foreign", AK_SKIP},
    {"preface", AK_PART},
    {"preamble", AK_PART},
    {"coverPage", AK_PART},
    {"body", AK_PART},
    {"mainBody", AK_PART},
    {"debateBody", AK_PART},
    {"judgmentBody", AK_PART},
    {"amendmentBody", AK_PART},
    {"collectionBody", AK_PART},
    {"portionBody", AK_PART},
    {"conclusions", AK_PART},
    {"attachment", AK_PART},
    {"component", AK_PART},
    {"interstitial", AK_PART},
    {"p", AK_LEAF},
    {"block", AK_LEAF},
    {"listIntroduction", AK_LEAF},
    {"listWrapUp", AK_LEAF},
    {"tocItem", AK_LEAF},
    {"caption", AK_LEAF},
    {"from", AK_LEAF},
    {"scene", AK_LEAF},
    {"narrative", AK_LEAF},
    {"summary", AK_LEAF},
    {"num", AK_NUM},
    {"heading", AK_HEADING},
    {"subheading", AK_SUBHEADING},
    {"blockList", AK_LIST},
    {"ul", AK_LIST},
    {"ol", AK_LIST},
    {"item", AK_ITEM},
    {"li", AK_ITEM},
    {"table", AK_TABLE},
    {"blockQuote", AK_QUOTE},
    {"embeddedStructure", AK_QUOTE},
    {"quotedStructure", AK_QUOTE},
    {"span", AK_SPAN},
    {"inline", AK_SPAN},
    {"i", AK_EMPH},
    {"u", AK_EMPH},
    {"b", AK_STRONG},
    {"sup", AK_SUP},
    {"sub", AK_SUB},
    {"a", AK_LINK},
    {"ref", AK_LINK},
    {"eol", AK_BREAK},
    {"br", AK_BREAK},
    {"eop", AK_DROP},
    {"marker", AK_DROP},
    {"authorialNote", AK_NOTE},
    {"noteRef", AK_NOTEREF},
    {"img", AK_IMAGE},
};

const char *akn_name(const xmlNode *x)
{
    return x && x->type == XML_ELEMENT_NODE && x->name ? (const char *)x->name : "";
}

int akn_is(const xmlNode *x, const char *name)
{
    return strcmp(akn_name(x), name) == 0;
}

enum akn_kind akn_kind_of(const xmlNode *x)
{
    const char *n = akn_name(x);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(n, kinds[i].name) == 0)
            return kinds[i].kind;
    return AK_CONTAINER;
}

int akn_kind_is_inline(enum akn_kind k)
{
    return k >= AK_SPAN;
}

/* An attribute's value in the arena, NULL when absent or empty. */
const char *akn_attr(struct akn_walk *w, xmlNode *x, const char *name)
{
    xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
    const char *s = v && *v ? hx_strdup(w->doc->arena, (const char *)v) : NULL;
    xmlFree(v);
    return s;
}

unsigned akn_line(const xmlNode *x)
{
    long line = xmlGetLineNo(x);
    return line > 0 && line < (long)(~0u >> 1) ? (unsigned)line : 0;
}

int akn_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text of x's subtree with white space runs collapsed and trimmed
 * (kept under xml:space="preserve"), in the arena (a label or a metadata
 * value). */
const char *akn_flat_text(struct akn_walk *w, xmlNode *x)
{
    xmlChar *v = xmlNodeGetContent(x);
    struct hx_buf b = {0};
    int space = 1, preserve = xmlNodeGetSpacePreserve(x) == 1;
    for (const xmlChar *s = v; s && *s; s++) {
        if (akn_space(*s) && !preserve) {
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

/* A node for element x; blocks carry the language in force when it is not
 * the document's. */
struct hx_node *akn_node_for(struct akn_walk *w, xmlNode *x, enum hx_type t)
{
    struct hx_node *n = hx_node_new(w->doc, t);
    n->pos.line = akn_line(x);
    if (!hx_type_is_inline(t) && w->lang && !(w->doc->lang && strcmp(w->doc->lang, w->lang) == 0))
        n->lang = w->lang;
    return n;
}

/* xml:lang of x, if it has one of its own. */
const char *akn_own_lang(struct akn_walk *w, xmlNode *x)
{
    xmlChar *v = xmlGetNsProp(x, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    const char *tag = v && *v ? akn_lang_tag(w->doc, (const char *)v) : NULL;
    xmlFree(v);
    return tag;
}

/* Appends text to an inline parent, collapsing runs of XML white space. */
void akn_add_text(struct akn_walk *w, struct hx_node *parent, const char *s, unsigned line)
{
    struct hx_buf b = {0};
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (akn_space(c) && !w->preserve) {
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
void akn_trim_end(struct akn_walk *w, struct hx_node *blk)
{
    while (!w->preserve) {
        struct hx_node *n = blk->last;
        while (n && hx_type_is_inline(n->type) && n->type != HX_TEXT && n->type != HX_NOTE &&
               n->type != HX_BREAK && n->type != HX_IMAGE && n->type != HX_NOTEREF && n->last)
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
        hx_node_detach_pruning(n, blk);
    }
}

/* Closes a block: no trailing space; gone when nothing is left in it. */
void akn_finish_block(struct akn_walk *w, struct hx_node *b)
{
    if (!b)
        return;
    akn_trim_end(w, b);
    if (!b->first && !b->label)
        hx_node_detach(b);
}

/* Index of the note with id in the sorted index, or -1. */
long akn_find_note(const struct akn_walk *w, const char *id)
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

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct akn_note *)a)->id, ((const struct akn_note *)b)->id);
}

/* Collects <note> elements with an id, depth first without recursion, and
 * sorts them by id (a document may hold many notes and references). */
void akn_index_notes(struct akn_walk *w, xmlNode *root)
{
    size_t cap = 0;
    xmlNode *x = root;
    while (x) {
        if (akn_is(x, "note")) {
            const char *id = akn_attr(w, x, "eId");
            if (!id)
                id = akn_attr(w, x, "id");
            if (!id)
                id = akn_attr(w, x, "GUID");
            if (id) {
                w->notes_by_id = hx_arena_grow(w->doc->arena, w->notes_by_id, w->nnotes, &cap,
                                               sizeof *w->notes_by_id, 16);
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

int akn_is_resolution(xmlNode *docel, const char *uri)
{
    xmlChar *name = xmlGetProp(docel, (const xmlChar *)"name");
    int yes = akn_is(docel, "statement") ||
              (name && (xmlStrcmp(name, (const xmlChar *)"resolution") == 0 ||
                        xmlStrcmp(name, (const xmlChar *)"decision") == 0)) ||
              (uri && (strstr(uri, "/resolution/") || strstr(uri, "/decision/")));
    xmlFree(name);
    return yes;
}

/* The role of the blocks inside owner, which Akoma Ntoso marks and the
 * structure stage takes as given (pipeline/doc.h): a resolution's formula,
 * its preamble's and body's paragraphs (headings of an operative group,
 * "resolves", too), a title container; attachments and components are
 * other documents. */
enum hx_role akn_part_role(struct akn_walk *w, xmlNode *owner)
{
    if (akn_is(owner, "attachment") || akn_is(owner, "component") || akn_is(owner, "components") ||
        akn_is(owner, "attachments") || akn_is(owner, "conclusions") || akn_is(owner, "preface") ||
        akn_is(owner, "coverPage") || akn_kind_of(owner) == AK_QUOTE)
        return HX_ROLE_NONE;
    if (akn_is(owner, "container") && w->role == HX_ROLE_NONE) {
        const char *name = akn_attr(w, owner, "name");
        if (name && strcmp(name, "title") == 0)
            return HX_ROLE_TITLE;
    }
    if (!w->resolution)
        return w->role;
    if (akn_is(owner, "formula"))
        return HX_ROLE_FORMULA;
    if (akn_is(owner, "preamble"))
        return HX_ROLE_PREAMBULAR;
    if (akn_is(owner, "mainBody") || akn_is(owner, "body"))
        return HX_ROLE_OPERATIVE;
    return w->role;
}

static const char *const lang_codes[][2] = {
    {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"}, {"spa", "es"}, {"rus", "ru"},
    {"ara", "ar"}, {"zho", "zh"}, {"chi", "zh"}, {"deu", "de"}, {"ger", "de"},
    {"ita", "it"}, {"por", "pt"}, {"swa", "sw"}, {"nld", "nl"}, {"dut", "nl"},
};

const char *akn_lang_tag(struct hx_doc *doc, const char *v)
{
    size_t n = strlen(v), alpha = strspn(v, "abcdefghijklmnopqrstuvwxyz"
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (alpha < 2 || alpha > 8 || (v[alpha] && v[alpha] != '-' && v[alpha] != '_'))
        return NULL;
    for (size_t i = 0; i < sizeof lang_codes / sizeof lang_codes[0]; i++)
        if (alpha == 3 && strncasecmp(v, lang_codes[i][0], 3) == 0)
            return hx_printf(doc->arena, "%s%s", lang_codes[i][1], v + 3);
    char *tag = hx_strndup(doc->arena, v, n);
    for (char *p = tag; *p; p++)
        if (*p == '_')
            *p = '-';
    return tag;
}

/* The eId the block opened now keeps in node->pos.where, so that a writer
 * can give it back: that of the unit it opens (a paragraph, point,
 * recital, article: the outermost one not yet taken), else x's own. */
const char *akn_take_eid(struct akn_walk *w, xmlNode *x)
{
    const char *id = w->eid;
    if (!id && x && x->type == XML_ELEMENT_NODE)
        id = akn_attr(w, x, "eId");
    w->eid = NULL;
    return id;
}

/* Does owner's eId name a unit its first block stands for? Not a part,
 * nor the content, intro, wrap-up or group around units. */
int akn_eid_unit(xmlNode *owner)
{
    static const char *const not_units[] = {"content",     "intro",     "wrapUp",
                                            "recitals",    "citations", "components",
                                            "attachments", "list",      "blockList"};
    if (akn_kind_of(owner) != AK_CONTAINER && akn_kind_of(owner) != AK_ITEM &&
        akn_kind_of(owner) != AK_LIST)
        return 0;
    for (size_t i = 0; i < sizeof not_units / sizeof *not_units; i++)
        if (akn_is(owner, not_units[i]))
            return 0;
    return 1;
}

/* The number a marker prints ("12", "¹²"), or 0: an unpaired marker is
 * known by it, as the text and DOCX readers know theirs. */
int akn_marker_num(const char *m)
{
    size_t i = 0, len = strlen(m);
    int v = 0;
    while (i < len && v < 100000) {
        int32_t cp = hx_utf8_next(m, len, &i);
        int d = cp >= '0' && cp <= '9' ? cp - '0' : hx_cp_superscript_digit(cp);
        if (d < 0)
            return 0;
        v = v * 10 + d;
    }
    return v;
}

/* <block name="footnote">: the text of a footnote no marker calls, which
 * stands in the flow (the akn writer's; notes that are called are
 * authorialNotes). */
int akn_footnote_block(xmlNode *x)
{
    xmlChar *name = akn_is(x, "block") ? xmlGetProp(x, (const xmlChar *)"name") : NULL;
    int yes = name && xmlStrcmp(name, (const xmlChar *)"footnote") == 0;
    xmlFree(name);
    return yes;
}

/* Has component x been walked where a componentRef stood? */
int akn_placed(const struct akn_walk *w, const xmlNode *x)
{
    for (size_t i = 0; i < w->nplaced; i++)
        if (w->placed[i] == x)
            return 1;
    return 0;
}

/* The component a componentRef points to (src="#cmp_1"), among the
 * components of the documents around it; NULL when none or walked. */
xmlNode *akn_component_for(struct akn_walk *w, xmlNode *ref)
{
    const char *src = akn_attr(w, ref, "src");
    if (!src || src[0] != '#')
        return NULL;
    for (xmlNode *a = ref->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        for (xmlNode *cs = a->children; cs; cs = cs->next)
            for (xmlNode *c = akn_is(cs, "components") ? cs->children : NULL; c; c = c->next) {
                const char *id = akn_is(c, "component") ? akn_attr(w, c, "eId") : NULL;
                if (id && strcmp(id, src + 1) == 0)
                    return akn_placed(w, c) ? NULL : c;
            }
    return NULL;
}
