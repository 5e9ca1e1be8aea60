/* Writer for PDF: the typesetting layer (typeset/) lays the document out
 * on pages, this stage draws them with libharu 2.3.0 in glyph mode (see
 * pdf.h): every language version with embedded subset TrueType fonts and
 * text that extracts exactly. It adds an outline from the headings, links
 * from note markers to their notes and from URLs, page labels, document
 * info and the catalog's /Lang; output is deterministic (no current time;
 * SOURCE_DATE_EPOCH, when set, is the creation date).
 *
 * Options: paper (a4, letter), size (body text, points), fonts (a
 * directory to take fonts from instead of the system's; the environment
 * variable HEXAGLOT_FONTS does the same). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_doc.h>

#include "config.h"
#include <hpdf_version.h>

#include "filters/write/pdf/pdf.h"
#include "typeset/typeset.h"

static const char *const papers[] = {"a4", "letter", NULL};

static const struct hx_opt pdf_opts[] = {
    {"paper", HX_OPT_ENUM, offsetof(struct pdf_opts, paper), "a4", "paper size", papers, 0, 0},
    {"size", HX_OPT_INT, offsetof(struct pdf_opts, size), "10", "body text size in points", NULL, 6,
     24},
    {"fonts", HX_OPT_STR, offsetof(struct pdf_opts, fonts), NULL,
     "take fonts from this directory only (default: fontconfig; env HEXAGLOT_FONTS)", NULL, 0, 0},
    {0},
};

struct writer {
    struct hx_stage *st;
    struct hx_doc *doc;
    HPDF_Doc pdf;
    struct pdf_font *pf;
    size_t npf;
    HPDF_STATUS err;
    double tc; /* the page's character spacing (Tc) now */
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct writer *w = user;
    (void)detail;
    if (!w->err)
        w->err = code;
}

int pdf_open(struct hx_stage *st)
{
    struct pdf_opts *o = st->priv;
    const char *dir = o->fonts ? o->fonts : getenv("HEXAGLOT_FONTS");
    const char *err = "?";
    o->fs = hx_fonts_open(dir, &err);
    if (!o->fs) {
        hx_error(st, NULL, NULL, "fonts%s%s: %s", dir ? " in " : "", dir ? dir : "", err);
        return -1;
    }
    return 0;
}

void pdf_close(struct hx_stage *st)
{
    struct pdf_opts *o = st->priv;
    hx_fonts_close(o->fs);
    o->fs = NULL;
}

static struct pdf_font *pdf_font_of(struct writer *w, struct hx_font *f)
{
    for (size_t k = 0; k < w->npf; k++)
        if (w->pf[k].font == f->base)
            return &w->pf[k];
    return NULL;
}

static void pdf_show(struct writer *w, HPDF_Page page, double x, double y, double cs, const char *s)
{
    if (cs - w->tc > 1e-4 || w->tc - cs > 1e-4) {
        HPDF_Page_SetCharSpace(page, (HPDF_REAL)cs);
        w->tc = cs;
    }
    HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
}

/* Draws one run: a TextOut per stretch of glyphs that sit where the
 * previous one's advance puts them, plus one constant spacing (Tc: a
 * justified Chinese line is one stretch); a kern, a mark or a space
 * stretched for justification starts a new one. */
static void pdf_run(struct writer *w, HPDF_Page page, const struct hx_ts_run *r)
{
    struct pdf_font *pf = pdf_font_of(w, r->font);
    struct hx_buf s = {0};
    double x0 = 0, y0 = 0, pen = 0, cs = 0;
    size_t n = 0;
    if (!pf || !r->n)
        return;
    HPDF_Page_SetFontAndSize(page, pf->hpdf, (HPDF_REAL)r->size);
    if (r->font->fake_bold) {
        HPDF_Page_SetTextRenderingMode(page, HPDF_FILL_THEN_STROKE);
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)(r->size * 0.03));
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct hx_ts_glyph *g = &r->g[i];
        unsigned cid = pdf_font_cid(pf, g->gid, r->text + g->at, g->len, r->rtl);
        if (!cid)
            continue;
        double x = r->x + g->x, y = r->y + g->y, d = x - pen;
        int same = n && y == y0 &&
                   (n == 1 ? d > -0.001 && d < r->size * 0.6 : d - cs < 0.001 && cs - d < 0.001);
        if (!same) {
            if (n)
                pdf_show(w, page, x0, y0, cs, s.data);
            hx_buf_reset(&s);
            x0 = pen = x;
            y0 = y;
            cs = 0;
            n = 0;
        } else if (n == 1) {
            cs = d < 0.001 ? 0 : d;
        }
        hx_buf_addcp(&s, (int32_t)cid);
        n++;
        pen = x + pf->cids[cid].width * r->size / 1000.0;
    }
    if (n)
        pdf_show(w, page, x0, y0, cs, s.data);
    if (r->font->fake_bold)
        HPDF_Page_SetTextRenderingMode(page, HPDF_FILL);
    hx_buf_free(&s);
}

static void pdf_page(struct writer *w, const struct hx_ts_doc *td, size_t p, HPDF_Page page,
                     HPDF_Page *pages)
{
    const struct hx_ts_page *tp = &td->pages[p];
    HPDF_Page_SetWidth(page, (HPDF_REAL)td->width);
    HPDF_Page_SetHeight(page, (HPDF_REAL)td->height);
    /* Rules first: shading and highlights lie under the text. */
    for (const struct hx_ts_rule *r = tp->rules; r; r = r->next) {
        HPDF_Page_SetGrayStroke(page, (HPDF_REAL)r->gray);
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)r->width);
        HPDF_Page_MoveTo(page, (HPDF_REAL)r->x0, (HPDF_REAL)r->y);
        HPDF_Page_LineTo(page, (HPDF_REAL)r->x1, (HPDF_REAL)r->y);
        HPDF_Page_Stroke(page);
    }
    w->tc = 0;
    HPDF_Page_BeginText(page);
    for (const struct hx_ts_run *r = tp->runs; r; r = r->next)
        pdf_run(w, page, r);
    HPDF_Page_EndText(page);
    for (const struct hx_ts_link *k = tp->links; k; k = k->next) {
        HPDF_Rect rect = {(HPDF_REAL)k->x0, (HPDF_REAL)k->y0, (HPDF_REAL)k->x1, (HPDF_REAL)k->y1};
        HPDF_Annotation a = NULL;
        if (k->uri) {
            a = HPDF_Page_CreateURILinkAnnot(page, rect, k->uri);
        } else if (k->page >= 0 && (size_t)k->page < td->npages) {
            HPDF_Destination d = HPDF_Page_CreateDestination(pages[k->page]);
            HPDF_Destination_SetFitH(d, (HPDF_REAL)k->y);
            a = HPDF_Page_CreateLinkAnnot(page, rect, d);
        }
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
}

/* The outline: a heading under the nearest one of a lower level. */
static void pdf_outline(struct writer *w, const struct hx_ts_doc *td, HPDF_Page *pages)
{
    HPDF_Outline parents[8] = {0};
    HPDF_Encoder enc = HPDF_GetEncoder(w->pdf, "UTF-8");
    for (size_t k = 0; k < td->nmarks; k++) {
        const struct hx_ts_mark *m = &td->marks[k];
        if (m->page < 0)
            continue;
        int lv = m->level < 1 ? 1 : m->level > 7 ? 7 : m->level;
        HPDF_Outline parent = NULL;
        for (int j = lv - 1; j >= 1 && !parent; j--)
            parent = parents[j];
        HPDF_Outline o = HPDF_CreateOutline(w->pdf, parent, m->title, enc);
        if (!o)
            continue;
        HPDF_Destination d = HPDF_Page_CreateDestination(pages[m->page]);
        HPDF_Destination_SetFitH(d, (HPDF_REAL)m->y);
        HPDF_Outline_SetDestination(o, d);
        parents[lv] = o;
        for (int j = lv + 1; j < 8; j++)
            parents[j] = NULL;
    }
}

static void pdf_info(struct writer *w, const struct hx_ts_doc *td)
{
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "hexaglot " HX_VERSION);
    /* Strings through the UTF-8 encoder come out as UTF-16BE text. */
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    if (td->title)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, td->title);
    if (td->symbol)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, td->symbol);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        time_t t = (time_t)strtoll(sde, NULL, 10);
        struct tm tm;
        if (gmtime_r(&t, &tm)) {
            HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                           tm.tm_sec,         'Z',           0,          0};
            HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d);
        }
    }
    if (td->lang)
        HPDF_Dict_Add(w->pdf->catalog, "Lang", HPDF_String_New(w->pdf->mmgr, td->lang, NULL));
    HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
}

static int pdf_save(struct writer *w, struct hx_output *out)
{
    if (HPDF_SaveToStream(w->pdf) != HPDF_OK)
        return -1;
    HPDF_ResetStream(w->pdf);
    HPDF_BYTE buf[65536];
    for (;;) {
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS rc = HPDF_ReadFromStream(w->pdf, buf, &n);
        if (n && fwrite(buf, 1, n, out->fp) != n)
            return -1;
        if (rc == HPDF_STREAM_EOF)
            return 0;
        if (rc != HPDF_OK)
            return -1;
    }
}

void pdf_fonts_reset(struct pdf_opts *o)
{
    struct hx_font **fonts;
    size_t nf = hx_fonts_loaded(o->fs, &fonts);
    for (size_t k = 0; k < nf; k++) {
        hb_set_clear(fonts[k]->used_glyphs);
        hb_set_clear(fonts[k]->used_cps);
    }
}

int pdf_render(struct hx_stage *st, struct hx_doc *doc, const struct hx_ts_doc *td,
               struct hx_output *out)
{
    struct pdf_opts *o = st->priv;
    struct writer w = {.st = st, .doc = doc};
    struct hx_font **fonts;
    size_t nf;
    int rc = -1;
    w.pdf = HPDF_New(on_error, &w);
    if (!w.pdf) {
        hx_error(st, doc, NULL, "libharu cannot start a document");
        return -1;
    }
    HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(w.pdf);
    nf = hx_fonts_loaded(o->fs, &fonts);
    w.pf = calloc(nf + 1, sizeof *w.pf);
    HPDF_Page *pages = calloc(td->npages + 1, sizeof *pages);
    if (!w.pf || !pages)
        hx_oom();
    for (size_t k = 0; k < nf; k++) {
        if (hb_set_is_empty(fonts[k]->used_glyphs))
            continue;
        if (pdf_font_load(st, doc, w.pdf, fonts[k], &w.pf[w.npf++]) < 0)
            goto out;
    }
    for (size_t p = 0; p < td->npages; p++)
        pages[p] = HPDF_AddPage(w.pdf);
    for (size_t p = 0; p < td->npages; p++)
        pdf_page(&w, td, p, pages[p], pages);
    pdf_outline(&w, td, pages);
    pdf_info(&w, td);
    for (size_t k = 0; k < w.npf; k++)
        if (pdf_font_patch(w.pdf, &w.pf[k]) < 0) {
            hx_error(st, doc, NULL, "cannot patch the font %s", w.pf[k].font->path);
            goto out;
        }
    if (w.err) {
        hx_error(st, doc, NULL, "libharu error 0x%04X", (unsigned)w.err);
        goto out;
    }
    if (pdf_save(&w, out) < 0 || w.err) {
        hx_error(st, doc, NULL, "cannot write %s (libharu 0x%04X)", out->name, (unsigned)w.err);
        goto out;
    }
    rc = hx_output_check(st, out);
out:
    for (size_t k = 0; k < w.npf; k++)
        pdf_font_free(&w.pf[k]);
    free(w.pf);
    free(pages);
    HPDF_Free(w.pdf);
    return rc;
}

static int write_pdf(struct hx_stage *st, struct hx_doc *doc, struct hx_output *out)
{
    struct pdf_opts *o = st->priv;
    struct hx_ts_doc td;
    struct hx_ts_opts to = {o->paper ? 612 : 595.276, o->paper ? 792 : 841.89, o->size, o->fs};
    pdf_fonts_reset(o);
    if (hx_ts_layout(st, doc, &to, &td) < 0)
        return -1;
    return pdf_render(st, doc, &td, out);
}

const struct hx_filter hx_write_pdf = {
    .name = "pdf",
    .kind = HX_WRITER,
    .summary = "PDF typeset on libharu and HarfBuzz: embedded subset TrueType fonts, exact text, "
               "hanging paragraph numbers, footnotes at the page foot, outline, links",
    .ext = "pdf",
    .needs = HX_HAS_TREE,
    .priv_size = sizeof(struct pdf_opts),
    .opts = pdf_opts,
    .open = pdf_open,
    .write = write_pdf,
    .close = pdf_close,
};
