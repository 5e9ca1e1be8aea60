/* Writer for the model as XML: the whole document tree, every field of
 * every node, in the project's own vocabulary, read back by the "xml"
 * reader (filters/read/xml.c) so that `xml | xml` is byte-identical.
 *
 * The vocabulary (version 1):
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <hexaglot version="1" source="samples/seed-zh.txt" lang="zh">
 *     <meta name="symbol" value="A/76/533/Add.2"/>
 *     <doc>
 *       <para role="note-body" label="¹" num="1" line="23">
 *         <text>可查阅：</text>
 *         <link href="https://www.un.org/"><text>…</text></link>
 *       </para>
 *     </doc>
 *   </hexaglot>
 *
 * - <hexaglot>: the root. version="1"; source = the file the model was
 *   first read from (the document's path, or its "source" metadata when it
 *   was itself read from XML); lang = the document language, if known.
 * - <meta name= value=/>: one per metadata entry, in order (except
 *   "source", which is the root's attribute).
 * - One element per node, named by hx_type_name: doc (exactly one, the
 *   tree's root, after the meta elements), section, heading, para, list,
 *   item, table, row, cell, quote, text, emph, strong, sup, sub, link,
 *   noteref, note, break, span, image. Children are child elements in
 *   order.
 * - Node fields as attributes, each omitted when empty/zero, always in this
 *   order: role (hx_role_name: masthead, title, numbered, subitem,
 *   continued, formula, preambular, operative, article, preamble, annex,
 *   note-body), lang, label, key, lead, style, num, level, colspan,
 *   rowspan (node->span[0], [1]), flags (space-separated: header rtl
 *   inserted deleted endnote joined; unknown bits as one decimal number),
 *   line, where (node->pos), href, text (node->text of a non-text node,
 *   such as an image's alt text).
 * - <text>: the content of an HX_TEXT node is the element's character data,
 *   exactly, white space included; <text/> is empty text. White space
 *   between other elements is indentation and means nothing.
 * Characters XML 1.0 cannot hold (controls other than TAB, LF, CR; U+FFFE,
 * U+FFFF) and invalid UTF-8 are written as U+FFFD, with a warning. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "hx.h"

struct xml_writer {
    struct hx_stage *st;
    struct hx_doc *doc;
    xmlTextWriterPtr w;
    int replaced; /* characters replaced by U+FFFD */
    int failed;
};

static const char *const flag_names[] = {"header",  "rtl",     "inserted",
                                         "deleted", "endnote", "joined"};

/* s[0..len) as text XML can hold: s itself when it already is, else a copy
 * in the arena with U+FFFD for each bad sequence or forbidden character. */
static const char *xml_clean(struct xml_writer *x, const char *s, size_t len)
{
    size_t i = 0;
    int bad = 0;
    while (i < len && !bad) {
        int32_t cp = hx_utf8_next(s, len, &i);
        bad = cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
              cp == 0xFFFF;
    }
    if (!bad && strlen(s) == len)
        return s;
    struct hx_buf b = {0};
    for (i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
            cp == 0xFFFF) {
            cp = 0xFFFD;
            x->replaced++;
        }
        hx_buf_addcp(&b, cp);
    }
    const char *r = hx_strndup(x->doc->arena, b.data ? b.data : "", b.len);
    hx_buf_free(&b);
    return r;
}

static void attr(struct xml_writer *x, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    value = xml_clean(x, value, strlen(value));
    if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
        x->failed = 1;
}

static void attr_int(struct xml_writer *x, const char *name, long v)
{
    char num[32];
    if (v == 0)
        return;
    snprintf(num, sizeof num, "%ld", v);
    attr(x, name, num);
}

static void write_node(struct xml_writer *x, const struct hx_node *n)
{
    if (xmlTextWriterStartElement(x->w, BAD_CAST hx_type_name(n->type)) < 0)
        x->failed = 1;
    if (n->role != HX_ROLE_NONE)
        attr(x, "role", hx_role_name(n->role));
    attr(x, "lang", n->lang);
    attr(x, "label", n->label);
    attr(x, "key", n->key);
    attr(x, "lead", n->lead);
    attr(x, "style", n->style);
    attr_int(x, "num", n->num);
    attr_int(x, "level", n->level);
    attr_int(x, "colspan", n->span[0]);
    attr_int(x, "rowspan", n->span[1]);
    if (n->flags) {
        struct hx_buf b = {0};
        unsigned rest = n->flags;
        for (size_t k = 0; k < sizeof flag_names / sizeof *flag_names; k++) {
            if (n->flags & (1u << k)) {
                hx_buf_addf(&b, "%s%s", b.len ? " " : "", flag_names[k]);
                rest &= ~(1u << k);
            }
        }
        if (rest)
            hx_buf_addf(&b, "%s%u", b.len ? " " : "", rest);
        attr(x, "flags", b.data);
        hx_buf_free(&b);
    }
    attr_int(x, "line", (long)n->pos.line);
    attr(x, "where", n->pos.where);
    attr(x, "href", n->href);
    if (n->type == HX_TEXT) {
        if (n->text && n->len &&
            xmlTextWriterWriteString(x->w, BAD_CAST xml_clean(x, n->text, n->len)) < 0)
            x->failed = 1;
    } else {
        if (n->text)
            attr(x, "text", n->text);
        for (const struct hx_node *c = n->first; c; c = c->next)
            write_node(x, c);
    }
    if (xmlTextWriterEndElement(x->w) < 0)
        x->failed = 1;
}

static int write_xml(struct hx_stage *st, struct hx_doc *doc, struct hx_output *out)
{
    int rc = -1;
    struct xml_writer x = {st, doc, NULL, 0, 0};
    xmlBufferPtr buf = xmlBufferCreate();
    const char *source = hx_meta_get(doc, "source");
    if (!buf || !(x.w = xmlNewTextWriterMemory(buf, 0))) {
        hx_error(st, doc, NULL, "cannot create an XML writer");
        goto out;
    }
    xmlTextWriterSetIndent(x.w, 1);
    xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElement(x.w, BAD_CAST "hexaglot") < 0)
        x.failed = 1;
    attr(&x, "version", "1");
    attr(&x, "source", source ? source : doc->path);
    attr(&x, "lang", doc->lang);
    for (const struct hx_meta *m = doc->meta; m; m = m->next) {
        if (strcmp(m->name, "source") == 0)
            continue;
        if (xmlTextWriterStartElement(x.w, BAD_CAST "meta") < 0)
            x.failed = 1;
        attr(&x, "name", m->name);
        /* An empty value is still a value: write it even then. */
        if (xmlTextWriterWriteAttribute(x.w, BAD_CAST "value",
                                        BAD_CAST xml_clean(&x, m->value ? m->value : "",
                                                           m->value ? strlen(m->value) : 0)) < 0 ||
            xmlTextWriterEndElement(x.w) < 0)
            x.failed = 1;
    }
    write_node(&x, doc->root);
    if (xmlTextWriterEndDocument(x.w) < 0)
        x.failed = 1;
    xmlFreeTextWriter(x.w); /* flushes into buf */
    x.w = NULL;
    if (x.failed) {
        hx_error(st, doc, NULL, "the XML writer failed");
        goto out;
    }
    if (x.replaced)
        hx_warn(st, doc, NULL, "%d characters XML cannot hold written as U+FFFD", x.replaced);
    size_t len = (size_t)xmlBufferLength(buf);
    if (fwrite(xmlBufferContent(buf), 1, len, out->fp) != len) {
        hx_error(st, doc, NULL, "cannot write %s", out->name);
        goto out;
    }
    rc = 0;
out:
    if (x.w)
        xmlFreeTextWriter(x.w);
    if (buf)
        xmlBufferFree(buf);
    return rc;
}

const struct hx_filter hx_write_xml = {
    .name = "xml",
    .kind = HX_WRITER,
    .summary = "the whole document model in hexaglot's XML vocabulary "
               "(read back by the xml reader)",
    .ext = "xml",
    .needs = HX_HAS_TREE,
    .write = write_xml,
};
