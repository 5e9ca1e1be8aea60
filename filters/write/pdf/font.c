/* Glyph mode: subset, load, CID allocation and the patch of libharu's font
 * objects (see pdf.h). Relies on libharu 2.3.0's internal structures,
 * pinned at configure time (meson.build) and exercised by the PDF tests. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "filters/write/pdf/pdf.h"

int pdf_font_load(struct hx_stage *st, const struct hx_doc *doc, HPDF_Doc pdf, struct hx_font *f,
                  struct pdf_font *pf)
{
    hb_blob_t *blob = NULL;
    memset(pf, 0, sizeof *pf);
    pf->font = f;
    pf->old2new = hb_map_create();
    if (hx_font_subset(f, &blob, pf->old2new) < 0) {
        hx_error(st, doc, NULL, "cannot subset the font %s", f->path);
        return -1;
    }
    const char *dir = getenv("TMPDIR");
    snprintf(pf->tmp, sizeof pf->tmp, "%s/hexaglot-font-XXXXXX",
             dir && *dir && strlen(dir) < 30 ? dir : "/tmp");
    int fd = mkstemp(pf->tmp);
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    int ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    hb_blob_destroy(blob);
    if (!ok) {
        if (fd >= 0)
            unlink(pf->tmp);
        pf->tmp[0] = 0;
        hx_error(st, doc, NULL, "cannot write a temporary font file");
        return -1;
    }
    const char *name = HPDF_LoadTTFontFromFile(pdf, pf->tmp, HPDF_TRUE);
    pf->hpdf = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    if (!pf->hpdf) {
        hx_error(st, doc, NULL, "libharu cannot load the font %s (error 0x%04X)", f->path,
                 (unsigned)HPDF_GetError(pdf));
        return -1;
    }
    return 0;
}

static size_t hash(uint32_t gid, const char *t, size_t len)
{
    size_t h = gid * 2654435761u;
    for (size_t i = 0; i < len; i++)
        h = h * 31 + (unsigned char)t[i];
    return h;
}

unsigned pdf_font_cid(struct pdf_font *pf, uint32_t gid, const char *text, size_t len, int rtl)
{
    uint32_t ngid = hb_map_get(pf->old2new, gid);
    if (ngid == HB_MAP_VALUE_INVALID)
        return 0;
    if (!pf->nhash) {
        pf->nhash = 4096;
        pf->hash = calloc(pf->nhash, sizeof *pf->hash);
        if (!pf->hash)
            hx_oom();
    }
    size_t h = hash(ngid, text, len) % pf->nhash;
    for (struct pdf_cid *c = pf->hash[h]; c; c = c->chain)
        if (c->gid == ngid && c->rtl == rtl && strlen(c->text) == len &&
            !memcmp(c->text, text, len))
            return (unsigned)(c - pf->cids);
    if (pf->ncids + 1 >= 0xD800) /* CIDs travel as UTF-8 through libharu */
        return 0;
    if (pf->ncids + 2 > pf->cap) {
        /* Entries move: rebuild the chains afterwards. */
        pf->cap = pf->cap ? 2 * pf->cap : 256;
        pf->cids = realloc(pf->cids, pf->cap * sizeof *pf->cids);
        if (!pf->cids)
            hx_oom();
        memset(pf->hash, 0, pf->nhash * sizeof *pf->hash);
        for (size_t k = 1; k <= pf->ncids; k++) {
            struct pdf_cid *c = &pf->cids[k];
            size_t hk = hash(c->gid, c->text, strlen(c->text)) % pf->nhash;
            c->chain = pf->hash[hk];
            pf->hash[hk] = c;
        }
    }
    struct pdf_cid *c = &pf->cids[++pf->ncids];
    c->gid = ngid;
    c->rtl = rtl;
    c->text = malloc(len + 1);
    if (!c->text)
        hx_oom();
    memcpy(c->text, text, len);
    c->text[len] = 0;
    c->width = hb_font_get_glyph_h_advance(pf->font->hb, gid) * 1000.0 / pf->font->upem;
    c->chain = pf->hash[h];
    pf->hash[h] = c;
    return (unsigned)pf->ncids;
}

/* Appends text as UTF-16BE hex, code points reversed when rtl. */
static void utf16_hex(struct hx_buf *b, const char *text, int rtl)
{
    size_t len = strlen(text), n = 0;
    int32_t cps[64];
    for (size_t i = 0; i < len && n < 64;)
        cps[n++] = hx_utf8_next(text, len, &i);
    for (size_t k = 0; k < n; k++) {
        int32_t cp = cps[rtl ? n - 1 - k : k];
        if (cp < 0)
            cp = 0xFFFD;
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            hx_buf_addf(b, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            hx_buf_addf(b, "%04X", (unsigned)cp);
        }
    }
}

static HPDF_STATUS write_tounicode(HPDF_Stream s, const struct pdf_font *pf)
{
    struct hx_buf b = {0};
    hx_buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t k = 1;
    while (k <= pf->ncids) {
        size_t n = 0, j = k;
        for (; j <= pf->ncids && n < 100; j++)
            n += pf->cids[j].text[0] != 0;
        if (n) {
            hx_buf_addf(&b, "%zu beginbfchar\n", n);
            for (size_t i = k; i < j; i++) {
                if (!pf->cids[i].text[0])
                    continue;
                hx_buf_addf(&b, "<%04X> <", (unsigned)i);
                utf16_hex(&b, pf->cids[i].text, pf->cids[i].rtl);
                hx_buf_adds(&b, ">\n");
            }
            hx_buf_adds(&b, "endbfchar\n");
        }
        k = j;
    }
    hx_buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_STATUS rc = HPDF_Stream_Write(s, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    hx_buf_free(&b);
    return rc;
}

int pdf_font_patch(HPDF_Doc pdf, struct pdf_font *pf)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)pf->hpdf->attr;
    HPDF_TTFontDefAttr def = (HPDF_TTFontDefAttr)attr->fontdef->attr;
    HPDF_MMgr mm = pdf->mmgr;
    if (!attr->map_stream || !attr->cmap_stream || !attr->descendant_font)
        return -1;
    /* CIDToGIDMap: CID -> glyph of the subset. */
    HPDF_MemStream_FreeData(attr->map_stream->stream);
    for (size_t k = 0; k <= pf->ncids; k++) {
        uint32_t g = k ? pf->cids[k].gid : 0;
        HPDF_BYTE be[2] = {(HPDF_BYTE)(g >> 8), (HPDF_BYTE)g};
        if (HPDF_Stream_Write(attr->map_stream->stream, be, 2) != HPDF_OK)
            return -1;
    }
    /* W: the real advances, not libharu's integers per code point. */
    HPDF_Array w = HPDF_Array_New(mm), ws = HPDF_Array_New(mm);
    if (!w || !ws || HPDF_Array_AddNumber(w, 1) != HPDF_OK || HPDF_Array_Add(w, ws) != HPDF_OK)
        return -1;
    for (size_t k = 1; k <= pf->ncids; k++)
        if (HPDF_Array_AddReal(ws, (HPDF_REAL)pf->cids[k].width) != HPDF_OK)
            return -1;
    if (HPDF_Dict_Add(attr->descendant_font, "W", w) != HPDF_OK ||
        HPDF_Dict_AddNumber(attr->descendant_font, "DW", 0) != HPDF_OK)
        return -1;
    /* ToUnicode: a real one (libharu writes a CID CMap there). */
    HPDF_MemStream_FreeData(attr->cmap_stream->stream);
    if (write_tounicode(attr->cmap_stream->stream, pf) != HPDF_OK)
        return -1;
    /* Embed every glyph of the subset (it holds only what is drawn, with
     * composite components: libharu's own walk misses some, notes Q1). */
    for (HPDF_UINT16 g = 0; g < def->num_glyphs; g++)
        def->glyph_tbl.flgs[g] = 1;
    return 0;
}

void pdf_font_free(struct pdf_font *pf)
{
    if (pf->tmp[0])
        unlink(pf->tmp);
    pf->tmp[0] = 0;
    for (size_t k = 1; k <= pf->ncids; k++)
        free(pf->cids[k].text);
    free(pf->cids);
    free(pf->hash);
    hb_map_destroy(pf->old2new);
    memset(pf, 0, sizeof *pf);
}
