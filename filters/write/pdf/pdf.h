/* Private to the PDF writers (pdf.c for documents, proof.c for the
 * alignment proof): shared drawing, and a font in "glyph mode" (feasibility notes,
 * Q2): a HarfBuzz subset embedded through libharu's TrueType loader, then
 * drawn by CID, each CID standing for one (glyph, text) pair, with the
 * CIDToGIDMap, widths and ToUnicode libharu made replaced by ours. */
#ifndef HX_WRITE_PDF_H
#define HX_WRITE_PDF_H

#include <hpdf.h>

#include "fonts/fonts.h"
#include "hx.h"
#include "typeset/typeset.h"

/* The options of both PDF writers (pdf, align-pdf). */
struct pdf_opts {
    int paper;
    int size;
    const char *fonts;
    int orientation;     /* align-pdf: auto, portrait, landscape */
    struct hx_fonts *fs; /* opened once per chain */
};

/* Opens the fonts (open callback of both writers) and closes them. */
int pdf_open(struct hx_stage *st);
void pdf_close(struct hx_stage *st);

/* Forgets which glyphs the previous document used. */
void pdf_fonts_reset(struct pdf_opts *o);

/* Draws laid-out pages td into out (pdf.c); doc is for diagnostics. */
int pdf_render(struct hx_stage *st, struct hx_doc *doc, const struct hx_ts_doc *td,
               struct hx_output *out);

struct pdf_cid {
    uint32_t gid; /* in the subset */
    char *text;   /* UTF-8 the glyph stands for ("" = none), logical order */
    int rtl;      /* from a right-to-left run: ToUnicode gets it reversed */
    double width; /* advance, 1/1000 em */
    struct pdf_cid *chain;
};

struct pdf_font {
    struct hx_font *font; /* the base face */
    HPDF_Font hpdf;
    char tmp[64]; /* the subset's temporary file, removed after saving */
    hb_map_t *old2new;
    struct pdf_cid *cids; /* cids[1..ncids]; 0 is .notdef */
    size_t ncids, cap;
    struct pdf_cid **hash;
    size_t nhash;
};

/* Subsets f's used glyphs into a temporary TrueType file and loads it
 * into pdf. 0, or -1 after an error diagnostic. */
int pdf_font_load(struct hx_stage *st, const struct hx_doc *doc, HPDF_Doc pdf, struct hx_font *f,
                  struct pdf_font *pf);

/* The CID for old glyph gid standing for text[0..len) (reversed when rtl,
 * as poppler reads right-to-left clusters). */
unsigned pdf_font_cid(struct pdf_font *pf, uint32_t gid, const char *text, size_t len, int rtl);

/* Replaces libharu's CIDToGIDMap, W and ToUnicode with ours and marks
 * every glyph of the subset for embedding. 0, or -1. */
int pdf_font_patch(HPDF_Doc pdf, struct pdf_font *pf);

/* Removes the temporary file, frees the tables. */
void pdf_font_free(struct pdf_font *pf);

#endif
