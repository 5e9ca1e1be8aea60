/* The package: the package document (metadata, manifest, spine), the
 * container, and the archive itself. The archive is deterministic: the
 * entries in one fixed order (mimetype first and stored, as OCF requires;
 * then container, package document, navigation, style sheet, content in
 * reading order), every entry with the same timestamp (the document's
 * time, see epub_doc_time) and the same attributes, built in memory and
 * written to the output in one piece. Deflate level 1: a tenth larger
 * than level 9 and a quarter of the time (the archive is most of what
 * the writer spends). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zip.h>

#include "epub.h"

/* 1980-01-01T00:00:00Z and 2107-12-31T23:59:58Z, the times a ZIP entry
 * can carry. */
#define EPUB_TIME_MIN 315532800
#define EPUB_TIME_MAX 4354819198LL

time_t epub_doc_time(struct hx_stage *st, const struct hx_doc *doc)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (!*end && !errno && v >= 0)
            return v < EPUB_TIME_MIN   ? EPUB_TIME_MIN
                   : v > EPUB_TIME_MAX ? (time_t)EPUB_TIME_MAX
                                       : (time_t)v;
        hx_warn(st, doc, NULL, "SOURCE_DATE_EPOCH '%s' is not a number of seconds; ignored", sde);
    }
    const char *file = doc->source ? doc->source : doc->path;
    struct stat sb;
    if (strcmp(doc->path, "<stdin>") != 0 && stat(file, &sb) == 0)
        return sb.st_mtime < EPUB_TIME_MIN   ? EPUB_TIME_MIN
               : sb.st_mtime > EPUB_TIME_MAX ? (time_t)EPUB_TIME_MAX
                                             : sb.st_mtime;
    hx_note(st, doc, NULL,
            "no modification time for standard input: dated 1980-01-01 (set "
            "SOURCE_DATE_EPOCH to choose)");
    return EPUB_TIME_MIN;
}

/* --- content identifier --------------------------------------------------- */

struct hash {
    uint64_t h[2];
};

static void hash_add(struct hash *hs, const void *p, size_t len)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < len; i++)
        for (int k = 0; k < 2; k++)
            hs->h[k] = (hs->h[k] ^ s[i]) * 0x100000001b3ull;
}

static void hash_str(struct hash *hs, const char *s)
{
    size_t len = s ? strlen(s) + 1 : 0; /* the NUL separates fields */
    hash_add(hs, s ? s : "", s ? len : 1);
}

const char *epub_content_uuid(struct hx_arena *a, struct hx_doc *const *docs, size_t n)
{
    /* two FNV-1a lanes from different offsets make 128 bits */
    struct hash hs = {{0xcbf29ce484222325ull, 0x84222325cbf29ce4ull}};
    for (size_t d = 0; d < n; d++) {
        hash_str(&hs, docs[d]->lang);
        struct hx_iter it = hx_iter_start(docs[d]->root);
        while (hx_iter_next(&it)) {
            const struct hx_node *nd = it.node;
            if (!it.enter)
                continue;
            unsigned char t = (unsigned char)nd->type;
            hash_add(&hs, &t, 1);
            hash_str(&hs, nd->key);
            hash_str(&hs, nd->label);
            if (nd->type == HX_TEXT)
                hash_add(&hs, nd->text, nd->len);
            hash_str(&hs, nd->href);
        }
    }
    unsigned char b[16];
    for (int k = 0; k < 16; k++)
        b[k] = (unsigned char)(hs.h[k / 8] >> (8 * (k % 8)));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x80); /* version 8: custom (RFC 9562) */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* variant 10 */
    return hx_printf(a,
                     "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                     "%02x%02x%02x%02x%02x%02x",
                     b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                     b[12], b[13], b[14], b[15]);
}

/* --- package document ------------------------------------------------------- */

static void w_el(xmlTextWriterPtr w, int *bad, const char *el, const char *text)
{
    if (xmlTextWriterWriteElement(w, BAD_CAST el, BAD_CAST text) < 0)
        *bad = 1;
}

static void w_attr(xmlTextWriterPtr w, int *bad, const char *name, const char *value)
{
    if (value && xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value) < 0)
        *bad = 1;
}

static void w_start(xmlTextWriterPtr w, int *bad, const char *el)
{
    if (xmlTextWriterStartElement(w, BAD_CAST el) < 0)
        *bad = 1;
}

static void w_end(xmlTextWriterPtr w, int *bad)
{
    if (xmlTextWriterEndElement(w) < 0)
        *bad = 1;
}

static void w_meta(xmlTextWriterPtr w, int *bad, const char *property, const char *value)
{
    w_start(w, bad, "meta");
    w_attr(w, bad, "property", property);
    if (xmlTextWriterWriteString(w, BAD_CAST value) < 0)
        *bad = 1;
    w_end(w, bad);
}

/* EPUB Accessibility 1.1 discovery metadata. Everything the writer puts
 * in a book is text (an image in the source is given by its description),
 * navigable by headings, the table of contents and paragraph ids. */
static void package_a11y(xmlTextWriterPtr w, int *bad, const struct epub_book *b)
{
    w_meta(w, bad, "schema:accessMode", "textual");
    w_meta(w, bad, "schema:accessModeSufficient", "textual");
    w_meta(w, bad, "schema:accessibilityFeature", "structuralNavigation");
    w_meta(w, bad, "schema:accessibilityFeature", "tableOfContents");
    w_meta(w, bad, "schema:accessibilityFeature", "readingOrder");
    w_meta(w, bad, "schema:accessibilityHazard", "none");
    char summary[512];
    snprintf(summary, sizeof summary,
             "Text only: headings, numbered paragraphs and a table of contents for "
             "navigation; every footnote reference links to its note and back; the "
             "language of each part is marked.%s%s",
             b->summary_extra ? " " : "", b->summary_extra ? b->summary_extra : "");
    w_start(w, bad, "meta");
    w_attr(w, bad, "property", "schema:accessibilitySummary");
    w_attr(w, bad, "xml:lang", "en");
    if (xmlTextWriterWriteString(w, BAD_CAST summary) < 0)
        *bad = 1;
    w_end(w, bad);
}

static void package_metadata(xmlTextWriterPtr w, int *bad, const struct epub_book *b)
{
    w_start(w, bad, "metadata");
    w_attr(w, bad, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    w_start(w, bad, "dc:identifier");
    w_attr(w, bad, "id", "uid");
    if (xmlTextWriterWriteString(w, BAD_CAST b->identifier) < 0)
        *bad = 1;
    w_end(w, bad);
    w_el(w, bad, "dc:title", b->title);
    for (size_t k = 0; k < b->nlangs; k++)
        w_el(w, bad, "dc:language", b->langs[k]);
    struct tm tm;
    char when[32];
    gmtime_r(&b->when, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    w_meta(w, bad, "dcterms:modified", when);
    package_a11y(w, bad, b);
    w_end(w, bad);
}

/* package.opf into buf. */
static int package_opf(struct epub_book *b, xmlBufferPtr buf)
{
    int bad = 0;
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    if (!w)
        return -1;
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0)
        bad = 1;
    w_start(w, &bad, "package");
    w_attr(w, &bad, "xmlns", "http://www.idpf.org/2007/opf");
    w_attr(w, &bad, "version", "3.0"); /* EPUB 3.3 keeps "3.0" here */
    w_attr(w, &bad, "unique-identifier", "uid");
    w_attr(w, &bad, "xml:lang", b->langs[0]);
    if (b->rtl)
        w_attr(w, &bad, "dir", "rtl");
    package_metadata(w, &bad, b);
    w_start(w, &bad, "manifest");
    w_start(w, &bad, "item");
    w_attr(w, &bad, "id", "nav");
    w_attr(w, &bad, "href", "nav.xhtml");
    w_attr(w, &bad, "media-type", "application/xhtml+xml");
    w_attr(w, &bad, "properties", "nav");
    w_end(w, &bad);
    for (size_t k = 0; k < b->nfiles; k++) {
        const struct epub_file *f = &b->files[k];
        if (strcmp(f->name, "nav.xhtml") == 0)
            continue;
        w_start(w, &bad, "item");
        w_attr(w, &bad, "id", f->id);
        w_attr(w, &bad, "href", f->name);
        w_attr(w, &bad, "media-type", f->media);
        w_end(w, &bad);
    }
    w_end(w, &bad);
    w_start(w, &bad, "spine");
    if (b->rtl)
        w_attr(w, &bad, "page-progression-direction", "rtl");
    for (size_t k = 0; k < b->nfiles; k++) {
        if (!b->files[k].spine)
            continue;
        w_start(w, &bad, "itemref");
        w_attr(w, &bad, "idref", b->files[k].id);
        w_end(w, &bad);
    }
    w_end(w, &bad);
    if (xmlTextWriterEndDocument(w) < 0)
        bad = 1;
    xmlFreeTextWriter(w);
    return bad ? -1 : 0;
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"EPUB/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

/* --- archive ------------------------------------------------------------------- */

/* Adds one entry with the archive's fixed time and attributes. Entries
 * under 4 KB are stored: deflating them saves a few hundred bytes and
 * costs a compressor set up for each. */
static int zip_put(zip_t *za, const char *name, const char *data, size_t len, int store,
                   const struct tm *tm)
{
    store |= len < 4096;
    zip_source_t *src = zip_source_buffer(za, data, len, 0);
    if (!src)
        return -1;
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return -1;
    }
    zip_uint16_t dtime = (zip_uint16_t)((tm->tm_hour << 11) | (tm->tm_min << 5) | (tm->tm_sec / 2));
    zip_uint16_t ddate =
        (zip_uint16_t)(((tm->tm_year - 80) << 9) | ((tm->tm_mon + 1) << 5) | tm->tm_mday);
    if (zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 1) <
            0 ||
        zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) < 0 ||
        zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX, 0100644u << 16) <
            0)
        return -1;
    return 0;
}

/* The archive's bytes, from a buffer source kept past zip_close. */
static int zip_bytes(zip_source_t *src, FILE *fp)
{
    zip_stat_t zs;
    int rc = -1;
    if (zip_source_open(src) < 0)
        return -1;
    if (zip_source_stat(src, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE)) {
        char chunk[65536];
        zip_uint64_t left = zs.size;
        rc = 0;
        while (left && rc == 0) {
            zip_int64_t n = zip_source_read(src, chunk, left < sizeof chunk ? left : sizeof chunk);
            if (n <= 0 || fwrite(chunk, 1, (size_t)n, fp) != (size_t)n)
                rc = -1;
            else
                left -= (zip_uint64_t)n;
        }
    }
    zip_source_close(src);
    return rc;
}

static int book_zip(struct epub_book *b, const char *opf, size_t opflen, struct hx_output *out)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = NULL;
    int rc = -1;
    if (!src)
        goto out;
    zip_source_keep(src); /* zip_close would free it; its bytes are wanted after */
    if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))
        goto out;
    struct tm tm;
    gmtime_r(&b->when, &tm);
    int bad = zip_put(za, "mimetype", "application/epub+zip", 20, 1, &tm) < 0 ||
              zip_put(za, "META-INF/container.xml", container_xml, sizeof container_xml - 1, 0,
                      &tm) < 0 ||
              (b->encryption && zip_put(za, "META-INF/encryption.xml", b->encryption,
                                        strlen(b->encryption), 0, &tm) < 0) ||
              zip_put(za, "EPUB/package.opf", opf, opflen, 0, &tm) < 0;
    for (size_t k = 0; k < b->nfiles && !bad; k++)
        bad = zip_put(za, hx_printf(b->a, "EPUB/%s", b->files[k].name), b->files[k].data,
                      b->files[k].len, 0, &tm) < 0;
    if (bad || zip_close(za) < 0) {
        hx_error(b->st, b->doc, NULL, "cannot build the archive: %s", zip_strerror(za));
        zip_discard(za);
        za = NULL;
        goto done;
    }
    za = NULL;
    if (zip_bytes(src, out->fp) < 0) {
        hx_error(b->st, b->doc, NULL, "cannot write %s", out->name);
        goto done;
    }
    rc = hx_output_check(b->st, out);
    goto done;
out:
    hx_error(b->st, b->doc, NULL, "cannot build the archive: %s", zip_error_strerror(&ze));
done:
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}

int epub_book_finish(struct epub_book *b, struct hx_output *out)
{
    if (epub_nav(b) < 0)
        return -1;
    /* the fonts and then the style sheet go right after the navigation
     * document */
    if (epub_fonts_embed(b) < 0)
        return -1;
    const char *css = epub_css(b);
    epub_book_add(b, "style.css", "text/css", css, strlen(css), 0);
    /* archive order: nav and css before content, whatever the order of adding */
    struct epub_file *sorted = hx_alloc(b->a, b->nfiles * sizeof *sorted);
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < b->nfiles; k++)
            if (!b->files[k].spine == !pass)
                sorted[n++] = b->files[k];
    b->files = sorted;
    xmlBufferPtr buf = xmlBufferCreate();
    if (!buf || package_opf(b, buf) < 0) {
        hx_error(b->st, b->doc, NULL, "cannot write the package document");
        if (buf)
            xmlBufferFree(buf);
        return -1;
    }
    int rc = book_zip(b, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf), out);
    xmlBufferFree(buf);
    return rc;
}
