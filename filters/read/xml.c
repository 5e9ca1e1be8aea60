/* Reader for the model as XML: the vocabulary written by the "xml" writer
 * and documented atop filters/write/xml.c. It is strict (an unknown
 * element or attribute, a bad number, a node where its parent cannot hold
 * it is an error with its line) because the files are machine-written and
 * a silent misreading would break the round trip. No network, no DTD, no
 * entities: a document type declaration or an entity reference is an
 * error. libxml2's messages go to the diagnostics through a handler on
 * this one reader, never to libxml2's global printing. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "hx.h"

#define MAX_DEPTH HX_MAX_NESTING

struct xml_reader {
    struct hx_stage *st;
    struct hx_doc *doc;
    xmlTextReaderPtr r;
    int errors;
};

/* The line of the node the reader is on (of its element when on an
 * attribute); the parser's own line runs ahead of it. */
static unsigned cur_line(struct xml_reader *x)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(x->r);
    long line = -1;
    if (n && n->type == XML_ATTRIBUTE_NODE)
        n = n->parent;
    /* On an xmlns declaration the reader hands back its xmlNs, which is
     * no node and has no parent to ask. */
    if (n && n->type == XML_NAMESPACE_DECL)
        n = NULL;
    if (n)
        line = xmlGetLineNo(n);
    if (line <= 0)
        line = xmlTextReaderGetParserLineNumber(x->r);
    return line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
}

static void on_xml_error(void *arg, xmlErrorPtr e)
{
    struct xml_reader *x = arg;
    size_t len = e && e->message ? strlen(e->message) : 0;
    while (len && (e->message[len - 1] == '\n' || e->message[len - 1] == ' '))
        len--;
    unsigned line = e && e->line > 0 ? (unsigned)e->line : 0;
    if (e && e->level == XML_ERR_WARNING) {
        hx_warn_at(x->st, x->doc, line, "XML: %.*s", (int)len, e->message ? e->message : "");
    } else {
        x->errors++;
        hx_error_at(x->st, x->doc, line, "XML: %.*s", (int)len,
                    e && e->message ? e->message : "parse error");
    }
}

static int fail(struct xml_reader *x, const char *what, const char *name)
{
    x->errors++;
    hx_error_at(x->st, x->doc, cur_line(x), "%s <%s>", what, name);
    return -1;
}

static int parse_int(struct xml_reader *x, const char *name, const char *v, long min, long max,
                     long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < min || n > max) {
        x->errors++;
        hx_error_at(x->st, x->doc, cur_line(x),
                    "attribute %s=\"%s\": want a number from %ld to %ld", name, v, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

static int parse_flags(struct xml_reader *x, const char *v, unsigned *out)
{
    static const char *const names[] = {"header",  "rtl",     "inserted",
                                        "deleted", "endnote", "joined"};
    unsigned flags = 0;
    const char *p = v;
    while (*p) {
        size_t n = strcspn(p, " ");
        size_t k;
        for (k = 0; k < sizeof names / sizeof *names; k++) {
            if (strlen(names[k]) == n && memcmp(names[k], p, n) == 0)
                break;
        }
        if (k < sizeof names / sizeof *names) {
            flags |= 1u << k;
        } else {
            char tok[16];
            long bits;
            if (n >= sizeof tok) {
                x->errors++;
                hx_error_at(x->st, x->doc, cur_line(x), "unknown flag in \"%s\"", v);
                return -1;
            }
            memcpy(tok, p, n);
            tok[n] = 0;
            if (parse_int(x, "flags", tok, 1, UINT_MAX > LONG_MAX ? LONG_MAX : (long)UINT_MAX,
                          &bits) != 0)
                return -1;
            flags |= (unsigned)bits;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    *out = flags;
    return 0;
}

/* Reads the attributes of the current element into node n. */
static int node_attrs(struct xml_reader *x, struct hx_node *n)
{
    struct hx_arena *a = x->doc->arena;
    int rc = 0;
    while (rc == 0 && xmlTextReaderMoveToNextAttribute(x->r) == 1) {
        const char *k = (const char *)xmlTextReaderConstName(x->r);
        const char *v = (const char *)xmlTextReaderConstValue(x->r);
        long num = 0;
        if (!k || !v)
            continue;
        if (strcmp(k, "role") == 0) {
            int role = hx_role_from_name(v);
            if (role <= 0) {
                x->errors++;
                hx_error_at(x->st, x->doc, cur_line(x), "unknown role \"%s\"", v);
                rc = -1;
            }
            n->role = (enum hx_role)role;
        } else if (strcmp(k, "lang") == 0) {
            n->lang = hx_strdup(a, v);
        } else if (strcmp(k, "label") == 0) {
            n->label = hx_strdup(a, v);
        } else if (strcmp(k, "key") == 0) {
            n->key = hx_strdup(a, v);
        } else if (strcmp(k, "lead") == 0) {
            n->lead = hx_strdup(a, v);
        } else if (strcmp(k, "style") == 0) {
            n->style = hx_strdup(a, v);
        } else if (strcmp(k, "num") == 0) {
            rc = parse_int(x, k, v, INT_MIN, INT_MAX, &num);
            n->num = (int)num;
        } else if (strcmp(k, "level") == 0) {
            rc = parse_int(x, k, v, INT_MIN, INT_MAX, &num);
            n->level = (int)num;
        } else if (strcmp(k, "colspan") == 0) {
            rc = parse_int(x, k, v, INT_MIN, INT_MAX, &num);
            n->span[0] = (int)num;
        } else if (strcmp(k, "rowspan") == 0) {
            rc = parse_int(x, k, v, INT_MIN, INT_MAX, &num);
            n->span[1] = (int)num;
        } else if (strcmp(k, "flags") == 0) {
            rc = parse_flags(x, v, &n->flags);
        } else if (strcmp(k, "line") == 0) {
            rc = parse_int(x, k, v, 0, UINT_MAX > LONG_MAX ? LONG_MAX : (long)UINT_MAX, &num);
            n->pos.line = (unsigned)num;
        } else if (strcmp(k, "where") == 0) {
            n->pos.where = hx_strdup(a, v);
        } else if (strcmp(k, "href") == 0) {
            n->href = hx_strdup(a, v);
        } else if (strcmp(k, "text") == 0 && n->type != HX_TEXT) {
            n->len = strlen(v);
            n->text = hx_strndup(a, v, n->len);
        } else {
            rc = fail(x, "unknown attribute in", k);
        }
    }
    xmlTextReaderMoveToElement(x->r);
    return rc;
}

/* The character data of a <text> element, up to its end tag. */
static int text_content(struct xml_reader *x, struct hx_node *n)
{
    struct hx_buf b = {0};
    int depth = xmlTextReaderDepth(x->r), ret, rc = -1;
    if (!xmlTextReaderIsEmptyElement(x->r)) {
        while ((ret = xmlTextReaderRead(x->r)) == 1) {
            int t = xmlTextReaderNodeType(x->r);
            if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(x->r) == depth)
                break;
            if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
                t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
                const char *v = (const char *)xmlTextReaderConstValue(x->r);
                if (v)
                    hx_buf_adds(&b, v);
            } else if (t != XML_READER_TYPE_COMMENT &&
                       t != XML_READER_TYPE_PROCESSING_INSTRUCTION) {
                fail(x, "only text may stand in", "text");
                goto out;
            }
        }
        if (ret != 1)
            goto out;
    }
    n->len = b.len;
    n->text = hx_strndup(x->doc->arena, b.data ? b.data : "", b.len);
    rc = 0;
out:
    hx_buf_free(&b);
    return rc;
}

/* The <hexaglot> root's attributes. */
static int root_attrs(struct xml_reader *x)
{
    int version = 0, rc = 0;
    while (xmlTextReaderMoveToNextAttribute(x->r) == 1) {
        const char *k = (const char *)xmlTextReaderConstName(x->r);
        const char *v = (const char *)xmlTextReaderConstValue(x->r);
        if (!k || !v)
            continue;
        if (strcmp(k, "version") == 0) {
            version = strcmp(v, "1") == 0;
            if (!version) {
                x->errors++;
                hx_error_at(x->st, x->doc, cur_line(x),
                            "version \"%s\" of the vocabulary is not known "
                            "(this program reads version 1)",
                            v);
                rc = -1;
            }
        } else if (strcmp(k, "source") == 0) {
            hx_meta_set(x->doc, "source", v);
        } else if (strcmp(k, "lang") == 0) {
            if (!x->doc->lang)
                x->doc->lang = hx_strdup(x->doc->arena, v);
        } else if (strncmp(k, "xmlns", 5) != 0) {
            rc = fail(x, "unknown attribute in", k);
        }
    }
    xmlTextReaderMoveToElement(x->r);
    if (rc == 0 && !version)
        rc = fail(x, "no version attribute in", "hexaglot");
    return rc;
}

static int meta_elem(struct xml_reader *x)
{
    xmlChar *name = xmlTextReaderGetAttribute(x->r, BAD_CAST "name");
    xmlChar *value = xmlTextReaderGetAttribute(x->r, BAD_CAST "value");
    int rc = -1;
    if (!name || !value) {
        fail(x, "name and value attributes are needed in", "meta");
        goto out;
    }
    hx_meta_set(x->doc, (const char *)name, (const char *)value);
    rc = 0;
out:
    xmlFree(name);
    xmlFree(value);
    return rc;
}

/* Walks the document; stack[depth] is the open node at each depth. */
static int walk(struct xml_reader *x)
{
    struct hx_node **stack = NULL;
    int ret, rc = -1, seen_root = 0, seen_doc = 0;
    stack = hx_xmalloc((MAX_DEPTH + 2) * sizeof *stack);
    memset(stack, 0, (MAX_DEPTH + 2) * sizeof *stack);
    while ((ret = xmlTextReaderRead(x->r)) == 1) {
        int t = xmlTextReaderNodeType(x->r);
        int depth = xmlTextReaderDepth(x->r);
        const char *name = (const char *)xmlTextReaderConstName(x->r);
        if (!name)
            name = "";
        switch (t) {
        case XML_READER_TYPE_ELEMENT: {
            if (depth > MAX_DEPTH) {
                fail(x, "elements nested too deep at", name);
                goto out;
            }
            if (depth == 0) {
                if (strcmp(name, "hexaglot") != 0) {
                    fail(x, "not a hexaglot model file: the root element is", name);
                    goto out;
                }
                seen_root = 1;
                if (root_attrs(x) != 0)
                    goto out;
                break;
            }
            if (depth == 1 && strcmp(name, "meta") == 0 && !seen_doc) {
                if (meta_elem(x) != 0)
                    goto out;
                if (!xmlTextReaderIsEmptyElement(x->r) && xmlTextReaderNext(x->r) != 1)
                    goto out;
                break;
            }
            int type = hx_type_from_name(name);
            if (type < 0) {
                fail(x, "unknown element", name);
                goto out;
            }
            struct hx_node *n;
            if (type == HX_DOC) {
                if (depth != 1 || seen_doc) {
                    fail(x, "only one <doc>, right under <hexaglot>; found", name);
                    goto out;
                }
                seen_doc = 1;
                n = x->doc->root;
            } else {
                struct hx_node *parent = depth >= 2 ? stack[depth - 1] : NULL;
                if (!parent || !hx_type_can_contain(parent->type, (enum hx_type)type)) {
                    x->errors++;
                    hx_error_at(x->st, x->doc, cur_line(x), "<%s> cannot stand in <%s>", name,
                                parent ? hx_type_name(parent->type) : "hexaglot");
                    goto out;
                }
                n = hx_node_new(x->doc, (enum hx_type)type);
                hx_node_append(parent, n);
            }
            int empty = xmlTextReaderIsEmptyElement(x->r);
            if (node_attrs(x, n) != 0)
                goto out;
            if (type == HX_TEXT) {
                if (text_content(x, n) != 0)
                    goto out;
            } else if (!empty) {
                stack[depth] = n;
            }
            break;
        }
        case XML_READER_TYPE_END_ELEMENT:
            if (depth >= 1)
                stack[depth] = NULL;
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
            fail(x, "text outside a <text> element, in",
                 depth >= 2 && stack[depth - 1] ? hx_type_name(stack[depth - 1]->type)
                                                : "hexaglot");
            goto out;
        case XML_READER_TYPE_DOCUMENT_TYPE:
            fail(x, "a document type declaration is not allowed:", name);
            goto out;
        case XML_READER_TYPE_ENTITY_REFERENCE:
            fail(x, "entity references are not allowed:", name);
            goto out;
        default: /* white space between elements, comments, PIs */ break;
        }
    }
    if (ret != 0) {
        if (!x->errors)
            hx_error_at(x->st, x->doc, cur_line(x), "XML: cannot parse");
        goto out;
    }
    if (!seen_root || !seen_doc) {
        x->errors++;
        hx_error_at(x->st, x->doc, 0, "not a hexaglot model file: no %s",
                    seen_root ? "<doc> element" : "<hexaglot> root");
        goto out;
    }
    rc = 0;
out:
    free(stack);
    return rc;
}

static int read_xml(struct hx_stage *st, struct hx_doc *doc)
{
    int rc = -1;
    char *data = NULL;
    size_t len = 0;
    struct xml_reader x = {st, doc, NULL, 0};
    if (hx_xml_input(st, doc, "a model file", &data, &len) != 0)
        goto out;
    x.r = xmlReaderForMemory(data, (int)len, doc->path, NULL, XML_PARSE_NONET);
    if (!x.r) {
        hx_error(st, doc, NULL, "cannot create an XML reader");
        goto out;
    }
    xmlTextReaderSetStructuredErrorHandler(x.r, on_xml_error, &x);
    if (walk(&x) != 0 || x.errors) {
        /* An input encoding error ends the parse (in any of walk's reads)
         * without a call to the structured handler. */
        if (!x.errors)
            hx_error_at(st, doc, cur_line(&x), "XML: cannot parse");
        goto out;
    }
    const char *problem = hx_doc_check(doc);
    if (problem) {
        hx_error(st, doc, NULL, "the tree read is not sound: %s", problem);
        goto out;
    }
    rc = 0;
out:
    if (x.r)
        xmlFreeTextReader(x.r);
    free(data);
    return rc;
}

/* A hexaglot model file: markup whose first element (past the XML
 * declaration, comments and a document type declaration) is <hexaglot. */
static int sniff_xml(const unsigned char *head, size_t len)
{
    return hx_xml_root_is((const char *)head, len, "hexaglot", 0) ? 100 : 0;
}

/* Errors of a parse come through the reader's structured handler only. */
static int xml_open(struct hx_stage *st)
{
    hx_xml_quiet();
    return 0;
}

const struct hx_filter hx_read_xml = {
    .name = "xml",
    .kind = HX_READER,
    .summary = "hexaglot's own XML model files (as written by the xml writer)",
    .exts = "xml",
    .sniff = sniff_xml,
    .content = "XML whose root is <hexaglot>",
    .gives = HX_HAS_TREE,
    .open = xml_open,
    .read = read_xml,
};
