/* Reader for Akoma Ntoso (OASIS LegalDocML) XML: the 3.0 vocabulary, and
 * the 2.0 and CSD drafts, which differ in namespace but not in the
 * elements read here. The document language comes from FRBRlanguage (ISO
 * 639-2, "eng" -> "en") or xml:lang; the metadata "symbol", "date",
 * "title" and "session" from the main document's docNumber, docDate (its
 * ISO date attribute), docTitle (else longTitle) and session, "uri" from
 * the expression's FRBRuri and "akn-type" from the document element's name
 * (statement, bill…); the rest of the metadata block is dropped, except
 * the notes noteRef elements call in. Every part of the document (cover page,
 * preface, preamble, body, conclusions, each attachment or component) is a
 * section. What the markup says of a block is its role, which the structure
 * stage takes as given (pipeline/doc.h): in a resolution or decision (a
 * <statement>, name="resolution"/"decision", or a work URI naming one) the
 * <formula>, the preamble's paragraphs and recitals (preambular) and the
 * body's paragraphs and headings (operative); in any document a title
 * container, an article's heading from its <num> ("Article 3") and its
 * <heading> (its title), and the first block of an <attachment> (an annex).
 * Everything else structure reads from the text as for any reader. The
 * walk is in filters/read/akn/walk.c, its element table in filters/read/akn/text.c.
 *
 * The file is parsed whole by libxml2 without network, DTD or entity
 * expansion: a document type declaration is refused before parsing, as in
 * the model reader. libxml2's messages reach the diagnostics through a
 * handler on this parse only, as one line for the first problem with a
 * count of the others, so a hostile file costs one line. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "akn.h"

/* A parsed tree takes several times the file; Akoma Ntoso documents are
 * rarely a tenth of this. */

/* What the parser reported, gathered by its error handler. */
struct parse_errors {
    int errors, warnings;
    int line, wline;
    int dtd_line; /* a DTD libxml2 reported, refused */
    char msg[240], wmsg[240];
};

static void keep_msg(char *dst, size_t size, const char *msg)
{
    snprintf(dst, size, "%s", msg ? msg : "parse error");
    size_t k = strlen(dst);
    while (k && (dst[k - 1] == '\n' || dst[k - 1] == ' '))
        dst[--k] = '\0';
}

static void on_parse_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    struct parse_errors *pe = ctxt ? ctxt->_private : NULL;
    if (!pe || !e)
        return;
    if (e->level == XML_ERR_WARNING) {
        if (pe->warnings++ == 0) {
            pe->wline = e->line;
            keep_msg(pe->wmsg, sizeof pe->wmsg, e->message);
        }
    } else if (pe->errors++ == 0) {
        pe->line = e->line;
        keep_msg(pe->msg, sizeof pe->msg, e->message);
    }
}

/* The first element with local name name under x (x included), depth
 * first, not entering <meta> unless asked for and never another
 * document's (component, attachment). */
static xmlNode *find(xmlNode *x, const char *name, int in_meta, int depth)
{
    if (!x || x->type != XML_ELEMENT_NODE || depth > AKN_MAX_DEPTH)
        return NULL;
    if (akn_is(x, name))
        return x;
    if ((!in_meta && akn_is(x, "meta")) || akn_is(x, "components") || akn_is(x, "attachments") ||
        akn_is(x, "component") || akn_is(x, "attachment"))
        return NULL;
    for (xmlNode *c = x->children; c; c = c->next) {
        xmlNode *f = find(c, name, in_meta, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

static xmlNode *child(xmlNode *x, const char *name)
{
    for (xmlNode *c = x ? x->children : NULL; c; c = c->next)
        if (akn_is(c, name))
            return c;
    return NULL;
}

/* An element's text, white space collapsed, as metadata. */
static void meta_text(struct hx_doc *doc, const char *name, xmlNode *x)
{
    xmlChar *v = x ? xmlNodeGetContent(x) : NULL;
    struct hx_buf b = {0};
    int space = 1;
    for (const xmlChar *s = v; s && *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = 1;
            continue;
        }
        if (space && b.len)
            hx_buf_addc(&b, ' ');
        space = 0;
        hx_buf_addc(&b, (char)*s);
    }
    if (b.len)
        hx_meta_set(doc, name, b.data);
    hx_buf_free(&b);
    xmlFree(v);
}

static void meta_attr(struct hx_doc *doc, const char *name, xmlNode *x, const char *attr)
{
    xmlChar *v = x ? xmlGetProp(x, (const xmlChar *)attr) : NULL;
    if (v && *v)
        hx_meta_set(doc, name, (const char *)v);
    xmlFree(v);
}

/* Language and metadata of the main document (its own <meta>, not a
 * component's). */
static void read_meta(struct hx_doc *doc, xmlNode *docel)
{
    xmlNode *ident = child(child(docel, "meta"), "identification");
    xmlNode *expr = child(ident, "FRBRExpression");
    xmlNode *work = child(ident, "FRBRWork");
    xmlChar *v = NULL;
    const char *tag = NULL;
    xmlNode *fl = child(expr, "FRBRlanguage");
    if (fl && (v = xmlGetProp(fl, (const xmlChar *)"language")) && *v)
        tag = akn_lang_tag(doc, (const char *)v);
    xmlFree(v);
    if (!tag) {
        v = xmlNodeGetLang(docel);
        tag = v && *v ? akn_lang_tag(doc, (const char *)v) : NULL;
        xmlFree(v);
    }
    if (tag)
        doc->lang = tag;
    meta_text(doc, "symbol", find(docel, "docNumber", 0, 0));
    xmlNode *date = find(docel, "docDate", 0, 0);
    meta_attr(doc, "date", date, "date");
    xmlNode *fd = child(work, "FRBRdate");
    xmlChar *dn = fd ? xmlGetProp(fd, (const xmlChar *)"name") : NULL;
    if (!hx_meta_get(doc, "date") && !(dn && xmlStrcmp(dn, (const xmlChar *)"unknown") == 0))
        meta_attr(doc, "date", fd, "date"); /* not a placeholder for no date */
    xmlFree(dn);
    meta_text(doc, "title", find(docel, "docTitle", 0, 0));
    if (!hx_meta_get(doc, "title"))
        meta_text(doc, "title", find(docel, "longTitle", 0, 0));
    meta_text(doc, "session", find(docel, "session", 0, 0));
    meta_attr(doc, "uri", child(expr, "FRBRuri"), "value");
    hx_meta_set(doc, "akn-type", akn_name(docel));
}

/* libxml2 found a document type declaration, whatever the encoding: it is
 * refused before its declarations are used (the text check in read_akn
 * sees only UTF-8 prologs). */
static void on_internal_subset(void *data, const xmlChar *name, const xmlChar *ext_id,
                               const xmlChar *sys_id)
{
    xmlParserCtxtPtr ctxt = data;
    struct parse_errors *pe = ctxt->_private;
    pe->dtd_line = ctxt->input && ctxt->input->line > 0 ? ctxt->input->line : 1;
    xmlStopParser(ctxt);
}

static int read_akn(struct hx_stage *st, struct hx_doc *doc)
{
    int rc = -1;
    char *data = NULL;
    size_t len = 0;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr xd = NULL;
    struct parse_errors pe = {0};

    if (hx_xml_input(st, doc, "Akoma Ntoso input", &data, &len) != 0)
        goto out;
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        hx_error(st, doc, NULL, "out of memory creating the XML parser");
        goto out;
    }
    ctxt->_private = &pe;
    ctxt->sax->serror = on_parse_error;
    ctxt->sax->internalSubset = on_internal_subset;
    xd = xmlCtxtReadMemory(ctxt, data, (int)len, doc->path, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                               XML_PARSE_BIG_LINES);
    if (pe.dtd_line) {
        hx_error_at(st, doc, (unsigned)pe.dtd_line,
                    "a document type declaration is not allowed in Akoma "
                    "Ntoso input (no DTDs, no entities)");
        goto out;
    }
    if (pe.errors || !xd) {
        if (pe.errors > 1)
            hx_error_at(st, doc, pe.line > 0 ? (unsigned)pe.line : 0,
                        "XML: %s (and %d more problem%s)", pe.msg, pe.errors - 1,
                        pe.errors > 2 ? "s" : "");
        else
            hx_error_at(st, doc, pe.line > 0 ? (unsigned)pe.line : 0, "XML: %s",
                        pe.errors ? pe.msg : "cannot parse");
        goto out;
    }
    if (pe.warnings)
        hx_warn_at(st, doc, pe.wline > 0 ? (unsigned)pe.wline : 0, "XML: %s", pe.wmsg);
    xmlNode *root = xmlDocGetRootElement(xd);
    if (!root || !akn_is(root, "akomaNtoso")) {
        hx_error_at(st, doc, root ? (unsigned)xmlGetLineNo(root) : 0,
                    "not Akoma Ntoso: the root element is <%s>, not "
                    "<akomaNtoso>",
                    root ? akn_name(root) : "(none)");
        goto out;
    }
    const char *ns = root->ns && root->ns->href ? (const char *)root->ns->href : "";
    if (strncmp(ns, "http://docs.oasis-open.org/legaldocml/ns/akn/", 45) != 0 &&
        strncmp(ns, "http://www.akomantoso.org/", 26) != 0)
        hx_warn_at(st, doc, (unsigned)xmlGetLineNo(root),
                   "<akomaNtoso> in namespace \"%s\", not Akoma Ntoso's: read by element names",
                   ns);
    xmlNode *docel = root->children;
    while (docel && docel->type != XML_ELEMENT_NODE)
        docel = docel->next;
    if (!docel) {
        hx_error_at(st, doc, (unsigned)xmlGetLineNo(root), "no document inside <akomaNtoso>");
        goto out;
    }
    read_meta(doc, docel);
    struct akn_walk w = {.st = st, .doc = doc, .lang = doc->lang};
    w.resolution = akn_is_resolution(docel, hx_meta_get(doc, "uri"));
    akn_index_notes(&w, root);
    if (akn_walk_doc(&w, root) != 0)
        goto out;
    if (!doc->lang) {
        size_t tl;
        char *text = hx_node_text(doc, doc->root, &tl);
        const char *g = hx_lang_guess(text, tl);
        doc->lang = g && strcmp(g, "und") != 0 ? g : NULL;
    }
    if (!doc->root->first) {
        hx_error(st, doc, NULL, "no text in the Akoma Ntoso document");
        goto out;
    }
    const char *problem = hx_doc_check(doc);
    if (problem) {
        hx_error(st, doc, NULL, "the tree read is not sound: %s", problem);
        goto out;
    }
    rc = 0;
out:
    if (xd)
        xmlFreeDoc(xd);
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    free(data);
    return rc;
}

/* Markup whose first element (past a byte-order mark, the XML declaration,
 * comments and processing instructions) is akomaNtoso, with or without a
 * namespace prefix. */
static int sniff_akn(const unsigned char *head, size_t len)
{
    return hx_xml_root_is((const char *)head, len, "akomaNtoso", 1) ? 100 : 0;
}

/* Errors of a parse come through the reader's structured handler only. */
static int akn_open(struct hx_stage *st)
{
    hx_xml_quiet();
    return 0;
}

const struct hx_filter hx_read_akn = {
    .name = "akn",
    .kind = HX_READER,
    .summary = "Akoma Ntoso XML (3.0, 2.0): preface, preamble, body, "
               "<num> labels, notes, tables, attachments",
    .exts = "akn xml",
    .sniff = sniff_akn,
    .content = "XML whose root is <akomaNtoso> (3.0 or 2.0 namespace)",
    .gives = HX_HAS_TREE,
    .open = akn_open,
    .read = read_akn,
};
