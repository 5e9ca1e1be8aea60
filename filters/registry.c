/* The one list of stages. A new stage: one file in filters/, one extern
 * line and one entry below, one line in filters/meson.build. */
#include "config.h"
#include "hx.h"

/* readers */
extern const struct hx_filter hx_read_akn;
extern const struct hx_filter hx_read_docx;
extern const struct hx_filter hx_read_html;
extern const struct hx_filter hx_read_text;
extern const struct hx_filter hx_read_xml;
/* filters */
extern const struct hx_filter hx_align;
extern const struct hx_filter hx_notes;
extern const struct hx_filter hx_qa;
extern const struct hx_filter hx_rejoin;
extern const struct hx_filter hx_structure;
extern const struct hx_filter hx_zh_norm;
/* writers */
extern const struct hx_filter hx_write_align_epub;
extern const struct hx_filter hx_write_align_html;
extern const struct hx_filter hx_write_align_json;
extern const struct hx_filter hx_write_align_tmx;
extern const struct hx_filter hx_write_align_tsv;
extern const struct hx_filter hx_write_epub;
#if HX_HAVE_PDF
extern const struct hx_filter hx_write_pdf;
extern const struct hx_filter hx_write_align_pdf;
#endif
extern const struct hx_filter hx_write_akn;
extern const struct hx_filter hx_write_txt;
extern const struct hx_filter hx_write_xml;

const struct hx_filter *const hx_registry[] = {
    /* readers */
    &hx_read_akn,
    &hx_read_docx,
    &hx_read_html,
    &hx_read_text,
    &hx_read_xml,
    /* filters */
    &hx_structure,
    &hx_notes,
    &hx_rejoin,
    &hx_zh_norm,
    &hx_qa,
    &hx_align,
    /* writers */
    &hx_write_align_epub,
    &hx_write_align_html,
    &hx_write_align_json,
    &hx_write_align_tmx,
    &hx_write_align_tsv,
    &hx_write_epub,
#if HX_HAVE_PDF
    &hx_write_pdf,
    &hx_write_align_pdf,
#endif
    &hx_write_akn,
    &hx_write_txt,
    &hx_write_xml,
    NULL,
};

/* What `-t FMT` runs between the reader and the writer FMT. */
const char hx_standard_filters[] = "structure | notes | rejoin | zh-norm";
