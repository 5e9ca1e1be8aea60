/* Writer align-pdf: the reviser's proof of an alignment (`hexaglot align
 * A B [C] -o PROOF.pdf`), laid out by typeset/ (hx_ts_layout_proof) and
 * drawn like the single-language PDF (pdf.c). Lives beside it because it
 * is the other user of the glyph-mode drawing, and this folder is the only
 * place that includes libharu.
 *
 * Options: paper (a4, letter), orientation (auto: landscape from three
 * versions on; portrait; landscape), size (text, points), fonts (a
 * directory of fonts to use instead of the system's). */
#include "filters/write/pdf/pdf.h"

static const char *const papers[] = {"a4", "letter", NULL};
static const char *const orientations[] = {"auto", "portrait", "landscape", NULL};

static const struct hx_opt proof_opts[] = {
    {"paper", HX_OPT_ENUM, offsetof(struct pdf_opts, paper), "a4", "paper size", papers, 0, 0},
    {"orientation", HX_OPT_ENUM, offsetof(struct pdf_opts, orientation), "auto",
     "auto (landscape for three or more versions), portrait or landscape", orientations, 0, 0},
    {"size", HX_OPT_INT, offsetof(struct pdf_opts, size), "9", "text size in points", NULL, 6, 24},
    {"fonts", HX_OPT_STR, offsetof(struct pdf_opts, fonts), NULL,
     "take fonts from this directory only (default: fontconfig; env HEXAGLOT_FONTS)", NULL, 0, 0},
    {0},
};

static int write_proof(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    struct pdf_opts *o = st->priv;
    const struct hx_align *al = set->align;
    if (!al || !set->ndocs) {
        hx_error(st, NULL, NULL, "no alignment to print");
        return -1;
    }
    double w = o->paper ? 612 : 595.276, h = o->paper ? 792 : 841.89;
    int landscape = o->orientation == 2 || (o->orientation == 0 && al->ndocs >= 3);
    struct hx_ts_opts to = {landscape ? h : w, landscape ? w : h, o->size, o->fs};
    struct hx_ts_doc td;
    pdf_fonts_reset(o);
    if (hx_ts_layout_proof(st, set, al, &to, &td) < 0) {
        hx_error(st, set->docs[0], NULL, "cannot lay the proof out");
        return -1;
    }
    return pdf_render(st, set->docs[0], &td, out);
}

const struct hx_filter hx_write_align_pdf = {
    .name = "align-pdf",
    .kind = HX_WRITER,
    .summary = "alignment as a reviser's proof PDF: versions side by side in columns, flags in the "
               "margin and listed with links on page 1",
    .ext = "pdf",
    .needs = HX_HAS_ALIGN,
    .priv_size = sizeof(struct pdf_opts),
    .opts = proof_opts,
    .open = pdf_open,
    .write_set = write_proof,
    .close = pdf_close,
};
