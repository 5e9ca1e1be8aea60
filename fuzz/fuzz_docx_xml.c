/* Structure-aware libFuzzer harness for the docx reader (see
 * fuzz/README.md). fuzz_docx mutates the ZIP's raw bytes, so nearly every
 * mutant dies at the CRC or the central directory; here the input is the
 * package's XML parts separated by NUL bytes (document.xml, styles.xml,
 * numbering.xml, footnotes.xml, endnotes.xml, document.xml.rels), packed
 * into a valid ZIP for each run, so the mutations reach the reader's
 * WordprocessingML handling. An empty or missing part is left out (the
 * relationships then list the usual parts). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char content_types[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char root_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

#define REL(id, type, target)                                                                      \
    "<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"    \
    "relationships/" type "\" Target=\"" target "\"/>"
static const char doc_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" REL(
        "rId1", "styles", "styles.xml") REL("rId2", "numbering", "numbering.xml")
        REL("rId3", "footnotes", "footnotes.xml") REL("rId4", "endnotes", "endnotes.xml")
            REL("rId5", "hyperlink", "https://undocs.org/") "</Relationships>";

static const char *const part_names[] = {
    "word/document.xml",  "word/styles.xml",   "word/numbering.xml",
    "word/footnotes.xml", "word/endnotes.xml", "word/_rels/document.xml.rels",
};

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *src = zip_source_buffer(z, p, n, 0);
    if (!src)
        return -1;
    if (zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(src);
        return -1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char zpath[64];
    if (!zpath[0]) {
        snprintf(zpath, sizeof zpath, "/tmp/hx-fuzz-docx-%ld.zip", (long)getpid());
    }
    int err = 0;
    zip_t *z = zip_open(zpath, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        abort();
    int have_rels = 0;
    const uint8_t *p = data, *end = data + size;
    for (size_t k = 0; k < sizeof part_names / sizeof *part_names && p <= end; k++) {
        const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
        size_t n = nul ? (size_t)(nul - p) : (size_t)(end - p);
        if (n && add(z, part_names[k], p, n) < 0)
            abort();
        have_rels |= n && k == 5;
        p += n + 1;
        if (!nul)
            break;
    }
    if (add(z, "[Content_Types].xml", content_types, sizeof content_types - 1) < 0 ||
        add(z, "_rels/.rels", root_rels, sizeof root_rels - 1) < 0 ||
        (!have_rels && add(z, "word/_rels/document.xml.rels", doc_rels, sizeof doc_rels - 1) < 0) ||
        zip_close(z) < 0)
        abort();
    FILE *fp = fopen(zpath, "rb");
    if (!fp)
        abort();
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    rewind(fp);
    uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf || fread(buf, 1, (size_t)len, fp) != (size_t)len)
        abort();
    fclose(fp);
    unlink(zpath);
    hx_fuzz_run("docx", "docx", buf, (size_t)len);
    free(buf);
    return 0;
}
