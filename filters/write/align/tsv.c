/* align-tsv: the alignment as a table for a spreadsheet: one row per key,
 * a column per language, then bead, confidence and flags. */
#include <string.h>

#include "hx.h"

/* A cell's text on one line: tabs and line breaks would split the table;
 * two paragraphs of one cell are joined by " ¶ ". */
static void put_field(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\n')
            fputs(" \xc2\xb6 ", fp);
        else if (*s == '\t' || *s == '\r')
            fputc(' ', fp);
        else
            fputc(*s, fp);
    }
}

static void put_flags(FILE *fp, unsigned flags)
{
    int first = 1;
    for (unsigned bit = 1; bit && bit <= HX_AF_MOVED; bit <<= 1)
        if (flags & bit) {
            fprintf(fp, "%s%s", first ? "" : ",", hx_align_flag_name(bit));
            first = 0;
        }
}

static int write_tsv(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    const struct hx_align *al = set->align;
    if (!al) {
        hx_error(st, NULL, NULL, "no alignment to write: put 'align' before it");
        return -1;
    }
    FILE *fp = out->fp;
    fputs("key\tpart", fp);
    for (size_t d = 0; d < al->ndocs; d++)
        fprintf(fp, "\t%s", al->langs[d]);
    fputs("\tbead\tconfidence\tflags\n", fp);
    for (size_t r = 0; r < al->nrows; r++) {
        const struct hx_align_row *row = &al->rows[r];
        put_field(fp, row->key);
        fputc('\t', fp);
        put_field(fp, row->part);
        for (size_t d = 0; d < al->ndocs; d++) {
            fputc('\t', fp);
            if (row->cells[d].merged_up)
                fputs("\xe2\x86\x91", fp); /* ↑: in the row above */
            else
                put_field(fp, row->cells[d].text);
        }
        fprintf(fp, "\t%s\t%.2f\t", hx_bead_name(hx_align_row_bead(al, row)), row->confidence);
        put_flags(fp, row->flags);
        fputc('\n', fp);
    }
    return hx_output_check(st, out);
}

const struct hx_filter hx_write_align_tsv = {
    .name = "align-tsv",
    .kind = HX_WRITER,
    .summary = "alignment report as TSV: key, part, a column per language, bead, confidence, flags",
    .ext = "tsv",
    .needs = HX_HAS_ALIGN,
    .write_set = write_tsv,
};
