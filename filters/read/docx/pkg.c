/* The DOCX package: parts read from the ZIP within limits, relationships,
 * the main part, and a safe streaming XML reader over a part. */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

static const struct {
    const char *uri;
    enum docx_ns ns;
} ns_table[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", NS_W},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", NS_W},
    {"http://schemas.openxmlformats.org/officeDocument/2006/relationships", NS_R},
    {"http://purl.oclc.org/ooxml/officeDocument/relationships", NS_R},
    {"http://schemas.openxmlformats.org/officeDocument/2006/math", NS_M},
    {"http://purl.oclc.org/ooxml/officeDocument/math", NS_M},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", NS_MC},
    {"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", NS_WP},
    {"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", NS_WP},
    {"http://schemas.openxmlformats.org/drawingml/2006/main", NS_A},
    {"http://purl.oclc.org/ooxml/drawingml/main", NS_A},
    {"urn:schemas-microsoft-com:vml", NS_V},
    {"http://schemas.openxmlformats.org/package/2006/relationships", NS_PKG},
    {"http://schemas.openxmlformats.org/package/2006/content-types", NS_PKG},
    {"http://www.w3.org/XML/1998/namespace", NS_XML},
};

static enum docx_ns ns_class(const xmlChar *uri)
{
    if (!uri)
        return NS_OTHER;
    for (size_t i = 0; i < sizeof ns_table / sizeof ns_table[0]; i++)
        if (strcmp((const char *)uri, ns_table[i].uri) == 0)
            return ns_table[i].ns;
    return NS_OTHER;
}

static int part_locate(struct docx *dx, const char *name, zip_int64_t *idx)
{
    if (name[0] == '/')
        name++;
    *idx = zip_name_locate(dx->zip, name, ZIP_FL_NOCASE);
    return *idx >= 0;
}

int docx_part_read(struct docx *dx, const char *name, char **data, size_t *len)
{
    zip_int64_t idx;
    zip_stat_t zs;
    zip_file_t *zf = NULL;
    char *buf = NULL;
    size_t got = 0;
    int rc = -1;

    *data = NULL;
    *len = 0;
    if (!part_locate(dx, name, &idx))
        return 0;
    zip_stat_init(&zs);
    if (zip_stat_index(dx->zip, (zip_uint64_t)idx, 0, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE)) {
        hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: cannot read entry %s", name);
        goto out;
    }
    /* Ordinary XML compresses up to ~50:1; far beyond that is a bomb. */
    if ((zs.valid & ZIP_STAT_COMP_SIZE) && zs.size > (1u << 20) &&
        zs.size / (zs.comp_size ? zs.comp_size : 1) > DOCX_MAX_RATIO) {
        hx_error(dx->st, dx->doc, NULL, "suspicious DOCX (zip bomb?): %s expands %llu:1", name,
                 (unsigned long long)(zs.size / (zs.comp_size ? zs.comp_size : 1)));
        goto out;
    }
    if (zs.size > DOCX_MAX_PART || dx->total + zs.size > DOCX_MAX_TOTAL) {
        hx_error(dx->st, dx->doc, NULL, "DOCX too large: %s would unpack to %llu bytes (limit %zu)",
                 name, (unsigned long long)zs.size,
                 zs.size > DOCX_MAX_PART ? DOCX_MAX_PART : DOCX_MAX_TOTAL);
        goto out;
    }
    zf = zip_fopen_index(dx->zip, (zip_uint64_t)idx, 0);
    if (!zf) {
        zip_error_t *ze = zip_get_error(dx->zip);
        hx_error(dx->st, dx->doc, NULL, "%s DOCX: cannot open %s: %s",
                 zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
                         zip_error_code_zip(ze) == ZIP_ER_ENCRNOTSUPP
                     ? "encrypted"
                     : "corrupt",
                 name, zip_error_strerror(ze));
        goto out;
    }
    buf = malloc((size_t)zs.size + 1);
    if (!buf) {
        hx_error(dx->st, dx->doc, NULL, "out of memory reading %s", name);
        goto out;
    }
    while (got < zs.size) {
        zip_int64_t n = zip_fread(zf, buf + got, (zip_uint64_t)(zs.size - got));
        if (n < 0) {
            hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: %s: %s", name,
                     zip_error_strerror(zip_file_get_error(zf)));
            goto out;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    if (got != zs.size) {
        hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: %s is truncated (%zu of %llu bytes)", name,
                 got, (unsigned long long)zs.size);
        goto out;
    }
    /* libzip checks an entry's CRC only when a read reaches its end: one
     * more read, which must find nothing, or a corrupted part would be
     * read as text. */
    char more;
    zip_int64_t extra = zip_fread(zf, &more, 1);
    if (extra != 0) {
        hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: %s: %s", name,
                 extra < 0 ? zip_error_strerror(zip_file_get_error(zf))
                           : "longer than its entry says");
        goto out;
    }
    buf[got] = '\0';
    dx->total += got;
    *data = buf;
    *len = got;
    buf = NULL;
    rc = 1;
out:
    if (zf)
        zip_fclose(zf);
    free(buf);
    return rc;
}

/* libxml2 2.12 made the error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *docx_xml_err;
#else
typedef xmlErrorPtr docx_xml_err;
#endif

static void xml_error(void *arg, docx_xml_err e)
{
    struct docx_xml *x = arg;

    if (!e || e->level < XML_ERR_ERROR || x->failed)
        return;
    x->failed = e->line > 0 ? e->line : 1;
    snprintf(x->err, sizeof x->err, "%s", e->message ? e->message : "?");
    size_t n = strlen(x->err);
    while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
        x->err[--n] = '\0';
}

int docx_xml_open(struct docx *dx, struct docx_xml *x, const char *part, const char *data,
                  size_t len)
{
    memset(x, 0, sizeof *x);
    x->part = part;
    if (len > (size_t)0x7fffffff) {
        hx_error(dx->st, dx->doc, NULL, "%s: part too large", part);
        return -1;
    }
    /* No NOENT, DTDLOAD or DTDATTR: entities stay unexpanded and nothing is
     * fetched; a DOCTYPE is refused outright in docx_xml_read. */
    x->r = xmlReaderForMemory(data, (int)len, part, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x->r) {
        hx_error(dx->st, dx->doc, NULL, "%s: cannot start the XML parser", part);
        return -1;
    }
    xmlTextReaderSetStructuredErrorHandler(x->r, xml_error, x);
    return 0;
}

void docx_xml_close(struct docx_xml *x)
{
    if (x->r)
        xmlFreeTextReader(x->r);
    x->r = NULL;
}

int docx_xml_read(struct docx *dx, struct docx_xml *x)
{
    int rc = xmlTextReaderRead(x->r);
    unsigned line = (unsigned)xmlTextReaderGetParserLineNumber(x->r);

    if (rc < 0 || x->failed) {
        hx_error_at(dx->st, dx->doc, x->failed ? (unsigned)x->failed : line,
                    "%s: malformed XML: %s", x->part, x->err[0] ? x->err : "parse error");
        return -1;
    }
    if (rc == 0)
        return 0;
    int type = xmlTextReaderNodeType(x->r);
    if (type == XML_READER_TYPE_ELEMENT && docx_is(x, NS_W, "p"))
        x->npara++;
    /* A part whose root is in a namespace this reader does not know (a
     * misspelt WordprocessingML URI) would be skipped element by element:
     * an empty output and no word. */
    if (type == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(x->r) == 0 &&
        ns_class(xmlTextReaderConstNamespaceUri(x->r)) == NS_OTHER) {
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(x->r);
        hx_error_at(dx->st, dx->doc, line,
                    "%s: the root element <%s> is in namespace '%s', which this reader does "
                    "not know: its content would be lost",
                    x->part, (const char *)xmlTextReaderConstLocalName(x->r),
                    uri ? (const char *)uri : "(none)");
        return -1;
    }
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
        hx_error_at(dx->st, dx->doc, line, "%s: a DOCTYPE is not allowed in a DOCX part", x->part);
        return -1;
    }
    if (xmlTextReaderDepth(x->r) > DOCX_MAX_DEPTH) {
        hx_error_at(dx->st, dx->doc, line, "%s: XML nested deeper than %d levels", x->part,
                    DOCX_MAX_DEPTH);
        return -1;
    }
    if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
        type == XML_READER_TYPE_CDATA) {
        const xmlChar *v = xmlTextReaderConstValue(x->r);
        if (v && strlen((const char *)v) > DOCX_MAX_TEXT) {
            hx_error_at(dx->st, dx->doc, line, "%s: text node longer than %zu bytes", x->part,
                        DOCX_MAX_TEXT);
            return -1;
        }
    }
    return 1;
}

int docx_xml_child(struct docx *dx, struct docx_xml *x, int depth, int empty)
{
    if (empty)
        return 0;
    int rc = docx_xml_read(dx, x);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        hx_error_at(dx->st, dx->doc, (unsigned)xmlTextReaderGetParserLineNumber(x->r),
                    "%s: XML ends inside an element", x->part);
        return -1;
    }
    if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_END_ELEMENT &&
        xmlTextReaderDepth(x->r) == depth)
        return 0;
    return 1;
}

int docx_xml_w_child(struct docx *dx, struct docx_xml *x, int depth, int empty)
{
    int rc;
    while ((rc = docx_xml_child(dx, x, depth, empty)) > 0) {
        if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (docx_ns_of(x) == NS_W)
            return 1;
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    return rc;
}

int docx_xml_skip(struct docx *dx, struct docx_xml *x)
{
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
        return 0;
    while ((rc = docx_xml_child(dx, x, d, e)) > 0)
        ;
    return rc;
}

/* ns_class through the reader's table of interned URIs. */
static enum docx_ns ns_interned(struct docx_xml *x, const xmlChar *uri)
{
    if (!uri)
        return NS_OTHER;
    for (int i = 0; i < x->nns; i++)
        if (x->ns_uri[i] == uri)
            return (enum docx_ns)x->ns_cls[i];
    enum docx_ns ns = ns_class(uri);
    if (x->nns < (int)(sizeof x->ns_uri / sizeof x->ns_uri[0])) {
        x->ns_uri[x->nns] = uri;
        x->ns_cls[x->nns++] = (int)ns;
    }
    return ns;
}

enum docx_ns docx_ns_of(struct docx_xml *x)
{
    return ns_interned(x, xmlTextReaderConstNamespaceUri(x->r));
}

int docx_is(struct docx_xml *x, enum docx_ns ns, const char *local)
{
    if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
        return 0;
    const xmlChar *l = xmlTextReaderConstLocalName(x->r);
    return l && strcmp((const char *)l, local) == 0 && docx_ns_of(x) == ns;
}

/* Moves to the attribute; the caller moves back to the element. */
static int attr_find(struct docx_xml *x, enum docx_ns ns, const char *local)
{
    if (xmlTextReaderMoveToFirstAttribute(x->r) != 1)
        return 0;
    do {
        const xmlChar *l = xmlTextReaderConstLocalName(x->r);
        if (l && strcmp((const char *)l, local) == 0 &&
            ns_interned(x, xmlTextReaderConstNamespaceUri(x->r)) == ns)
            return 1;
    } while (xmlTextReaderMoveToNextAttribute(x->r) == 1);
    xmlTextReaderMoveToElement(x->r);
    return 0;
}

const char *docx_attr(struct docx_xml *x, enum docx_ns ns, const char *local)
{
    if (!attr_find(x, ns, local))
        return NULL;
    const xmlChar *v = xmlTextReaderConstValue(x->r);
    size_t n = v ? strnlen((const char *)v, sizeof x->abuf - 1) : 0;
    if (n)
        memcpy(x->abuf, v, n); /* cut like snprintf would, at sizeof abuf - 1 */
    x->abuf[n] = 0;
    xmlTextReaderMoveToElement(x->r);
    return x->abuf;
}

const char *docx_attr_dup(struct docx *dx, struct docx_xml *x, enum docx_ns ns, const char *local)
{
    if (!attr_find(x, ns, local))
        return NULL;
    const xmlChar *v = xmlTextReaderConstValue(x->r);
    const char *s = hx_strdup(dx->doc->arena, v ? (const char *)v : "");
    xmlTextReaderMoveToElement(x->r);
    return s;
}

int docx_onoff(struct docx_xml *x)
{
    const char *v = docx_attr(x, NS_W, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* Resolves target against the folder of part, inside the package only:
 * NULL when it climbs out of the root. */
static const char *resolve(struct docx *dx, const char *part, const char *target)
{
    struct hx_buf b = {0};
    const char *s = target, *res = NULL;
    size_t keep;

    if (target[0] == '/') {
        s = target + 1;
    } else {
        const char *slash = strrchr(part, '/');
        if (slash)
            hx_buf_add(&b, part, (size_t)(slash - part + 1));
    }
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (b.len == 0)
                goto out;
            keep = b.len - 1; /* drop "dir/" */
            while (keep > 0 && b.data[keep - 1] != '/')
                keep--;
            b.len = keep;
            b.data[keep] = '\0';
        } else if (!(n == 1 && s[0] == '.') && n > 0) {
            hx_buf_add(&b, s, n);
            if (e)
                hx_buf_addc(&b, '/');
        }
        s = e ? e + 1 : s + n;
    }
    if (b.len)
        res = hx_strndup(dx->doc->arena, b.data, b.len);
out:
    hx_buf_free(&b);
    return res;
}

/* "word/document.xml" -> "word/_rels/document.xml.rels" */
static char *rels_name(struct docx *dx, const char *part)
{
    const char *slash = strrchr(part, '/');
    if (!slash)
        return hx_printf(dx->doc->arena, "_rels/%s.rels", part);
    return hx_printf(dx->doc->arena, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
}

int docx_rels_read(struct docx *dx, const char *part, struct docx_rels *rels)
{
    struct docx_xml x = {0};
    char *data = NULL;
    size_t len, cap = 0;
    const char *name = part ? rels_name(dx, part) : "_rels/.rels";
    int rc;

    rels->v = NULL;
    rels->n = 0;
    rc = docx_part_read(dx, name, &data, &len);
    if (rc <= 0)
        return rc;
    rc = -1;
    if (docx_xml_open(dx, &x, name, data, len) < 0)
        goto out;
    int r;
    while ((r = docx_xml_read(dx, &x)) > 0) {
        if (!docx_is(&x, NS_PKG, "Relationship"))
            continue;
        const char *id = docx_attr_dup(dx, &x, NS_OTHER, "Id");
        const char *type = docx_attr_dup(dx, &x, NS_OTHER, "Type");
        const char *target = docx_attr_dup(dx, &x, NS_OTHER, "Target");
        const char *mode = docx_attr(&x, NS_OTHER, "TargetMode");
        if (!id || !target)
            continue;
        rels->v = hx_arena_grow(dx->doc->arena, rels->v, rels->n, &cap, sizeof *rels->v, 16);
        struct docx_rel *rel = &rels->v[rels->n++];
        rel->id = id;
        rel->type = type ? type : "";
        rel->external = mode && strcmp(mode, "External") == 0;
        rel->target = rel->external ? target : resolve(dx, part ? part : "", target);
    }
    if (r < 0)
        goto out;
    rc = 0;
out:
    docx_xml_close(&x);
    free(data);
    return rc;
}

const struct docx_rel *docx_rel_get(const struct docx_rels *rels, const char *id)
{
    for (size_t i = 0; id && i < rels->n; i++)
        if (strcmp(rels->v[i].id, id) == 0)
            return &rels->v[i];
    return NULL;
}

const char *docx_rel_find(const struct docx_rels *rels, const char *suffix)
{
    size_t sl = strlen(suffix);
    for (size_t i = 0; i < rels->n; i++) {
        size_t tl = strlen(rels->v[i].type);
        if (!rels->v[i].external && rels->v[i].target && tl >= sl &&
            strcmp(rels->v[i].type + tl - sl, suffix) == 0)
            return rels->v[i].target;
    }
    return NULL;
}

/* The main part named by [Content_Types].xml, or NULL. */
static int content_types_main(struct docx *dx, const char **main)
{
    struct docx_xml x = {0};
    char *data = NULL;
    size_t len;
    int rc = docx_part_read(dx, "[Content_Types].xml", &data, &len);

    *main = NULL;
    if (rc <= 0)
        return rc;
    rc = -1;
    if (docx_xml_open(dx, &x, "[Content_Types].xml", data, len) < 0)
        goto out;
    int r;
    while ((r = docx_xml_read(dx, &x)) > 0) {
        if (!docx_is(&x, NS_PKG, "Override"))
            continue;
        const char *ct = docx_attr(&x, NS_OTHER, "ContentType");
        if (ct && strstr(ct, "wordprocessingml.") && strstr(ct, ".main+xml")) {
            const char *pn = docx_attr_dup(dx, &x, NS_OTHER, "PartName");
            if (pn && !*main)
                *main = resolve(dx, "", pn);
        }
    }
    rc = r < 0 ? -1 : 1;
out:
    docx_xml_close(&x);
    free(data);
    return rc;
}

int docx_find_main(struct docx *dx)
{
    struct docx_rels root;
    const char *ct_main = NULL;
    int ct = content_types_main(dx, &ct_main);

    if (ct < 0)
        return -1;
    if (docx_rels_read(dx, NULL, &root) < 0)
        return -1;
    dx->main = docx_rel_find(&root, "/officeDocument");
    if (!dx->main)
        dx->main = ct_main;
    if (dx->main) {
        zip_int64_t idx;
        if (part_locate(dx, dx->main, &idx))
            return 0;
    }
    zip_int64_t idx;
    if (part_locate(dx, "word/document.xml", &idx)) {
        dx->main = "word/document.xml";
        return 0;
    }
    if (ct == 0 && root.n == 0)
        hx_error(dx->st, dx->doc, NULL,
                 "not a DOCX: a ZIP archive without [Content_Types].xml or "
                 "word/document.xml");
    else if (dx->main)
        hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: the main part %s is missing", dx->main);
    else
        hx_error(dx->st, dx->doc, NULL, "not a DOCX: the package has no Word main document part");
    return -1;
}

int docx_ival(const char *s, int def)
{
    if (!s || !*s)
        return def;
    char *end;
    long v = strtol(s, &end, 10);
    if (v < -1000000 || v > 1000000)
        return def;
    return (int)v;
}

int docx_data_walk(struct docx *dx, const char *part, const char *data, size_t len,
                   int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud)
{
    struct docx_xml x = {0};
    int rc = -1;
    if (docx_xml_open(dx, &x, part, data, len) < 0)
        goto out;
    int r, done = 0;
    while (!done && (r = docx_xml_read(dx, &x)) > 0)
        if ((done = on_node(dx, &x, ud)) < 0)
            goto out;
    rc = !done && r < 0 ? -1 : 0;
out:
    docx_xml_close(&x);
    return rc;
}

int docx_part_walk(struct docx *dx, const char *part,
                   int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud)
{
    char *data = NULL;
    size_t len;
    int rc = part ? docx_part_read(dx, part, &data, &len) : 0;

    if (rc <= 0)
        return rc;
    rc = docx_data_walk(dx, part, data, len, on_node, ud);
    free(data);
    return rc;
}
