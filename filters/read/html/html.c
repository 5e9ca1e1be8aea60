/* Reader for general HTML: libxml2's forgiving HTML parser builds a tree,
 * which is walked once into the model. HTML mixes inline content and blocks
 * freely; the model does not, so stray inline runs inside containers become
 * implicit paragraphs, and white space is collapsed as a browser would.
 * This file holds the stage: sniffing, the parser's setup and its errors;
 * the block walk is in block.c, inline content and white space in
 * inline.c, the table of elements by kind and the node helpers both walks
 * use in element.c (private header html.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html.h"

static int sniff_html(const unsigned char *head, size_t len)
{
    size_t i = 0;
    if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < len && isspace(head[i]))
        i++;
    static const char *const starts[] = {"<!doctype html", "<html", "<head",
                                         "<body",          "<meta", "<!--"};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t n = strlen(starts[k]);
        if (len - i >= n && strncasecmp((const char *)head + i, starts[k], n) == 0)
            return k < 2 ? 90 : k == 5 ? 20 : 60;
    }
    return 0;
}

/* What the parser reported, gathered by its error handler. */
struct parse_errors {
    int n;
    int line;
    char msg[200];
    /* A limit of the parser's that drops content (nesting past 256, a
     * text node over 10 MB): not a repair but a loss, so an error. */
    int lost_line;
    char lost[200];
};

/* libxml2 2.9 knows only HTML 4: an HTML5 element (article, header…) is
 * "invalid" to it but fine to us, so that message is not kept. */
static void on_parse_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    struct parse_errors *pe = ctxt ? ctxt->_private : NULL;
    if (!pe || !e || e->code == XML_HTML_UNKNOWN_TAG)
        return;
    if ((e->code == XML_ERR_INTERNAL_ERROR || e->code == XML_ERR_NO_MEMORY) && !pe->lost[0]) {
        pe->lost_line = e->line > 0 ? e->line : 1;
        snprintf(pe->lost, sizeof pe->lost, "%s", e->message ? e->message : "?");
        size_t k = strlen(pe->lost);
        while (k && pe->lost[k - 1] == '\n')
            pe->lost[--k] = '\0';
    }
    if (pe->n++ == 0) {
        pe->line = e->line;
        snprintf(pe->msg, sizeof pe->msg, "%s", e->message ? e->message : "?");
        size_t k = strlen(pe->msg);
        while (k && pe->msg[k - 1] == '\n')
            pe->msg[--k] = '\0';
    }
}

static int read_html(struct hx_stage *st, struct hx_doc *doc)
{
    char *data = NULL;
    size_t len = 0;
    htmlParserCtxtPtr ctxt = NULL;
    htmlDocPtr hd = NULL;
    int rc = -1;

    if (hx_file_slurp(st, doc, hx_limit_input(), &data, &len) < 0)
        goto out;
    if (len > (size_t)INT32_MAX) {
        hx_error_at(st, doc, 0, "file too large for the HTML parser");
        goto out;
    }
    /* Without a declared charset libxml2 2.9 may guess Latin-1; text that
     * is valid UTF-8 is taken as UTF-8. */
    size_t bad;
    const char *enc = hx_utf8_check(data, len, &bad) == 0 ? "UTF-8" : NULL;
    ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        hx_error_at(st, doc, 0, "out of memory creating the HTML parser");
        goto out;
    }
    /* Errors reach the structured handler only, never stderr. */
    struct parse_errors pe = {0};
    ctxt->_private = &pe;
    ctxt->sax->serror = on_parse_error;
    /* libxml2 2.9 consults serror only on a handler marked as SAX2; the
     * HTML parser itself calls the same SAX1 callbacks either way. */
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    hd = htmlCtxtReadMemory(ctxt, data, (int)len, doc->path, enc,
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (pe.lost[0]) {
        hx_error_at(st, doc, (unsigned)pe.lost_line,
                    "the HTML parser gave up here (%s): the content from here on would be "
                    "lost; nothing written",
                    pe.lost);
        goto out;
    }
    if (pe.n)
        hx_warn_at(st, doc, pe.line > 0 ? (unsigned)pe.line : 0,
                   "HTML not well formed, repaired as a browser would (%d "
                   "problem%s; the first: %s)",
                   pe.n, pe.n > 1 ? "s" : "", pe.msg);
    xmlNode *root = hd ? xmlDocGetRootElement(hd) : NULL;
    if (!root) {
        hx_error_at(st, doc, 0, "no HTML content");
        goto out;
    }

    struct html_walk w = {.st = st, .doc = doc, .space = 1};
    if (is_name(root, "html")) {
        xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
        if (lang && *lang)
            doc->lang = hx_strdup(doc->arena, (const char *)lang);
        xmlFree(lang);
        xmlChar *dir = xmlGetProp(root, (const xmlChar *)"dir");
        if (dir && strcmp((const char *)dir, "rtl") == 0)
            doc->root->flags |= HX_F_RTL;
        xmlFree(dir);
        html_walk_blocks(&w, root->children, doc->root, 1, 0);
    } else {
        html_walk_blocks(&w, root, doc->root, 1, 0);
    }
    rc = 0;
out:
    if (hd)
        xmlFreeDoc(hd);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    free(data);
    return rc;
}

/* Errors of a parse come through the reader's structured handler only. */
static int html_open(struct hx_stage *st)
{
    hx_xml_quiet();
    return 0;
}

const struct hx_filter hx_read_html = {
    .name = "html",
    .kind = HX_READER,
    .summary = "HTML (headings, paragraphs, lists, tables, sections, lang/dir)",
    .exts = "html htm xhtml",
    .sniff = sniff_html,
    .content = "markup opening with <!DOCTYPE html>, <html>, <head>, <body>, <meta> or a comment",
    .gives = HX_HAS_TREE,
    .open = html_open,
    .read = read_html,
};
