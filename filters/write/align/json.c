/* align-json: the alignment for programs: the versions, every row with
 * its cells, bead, confidence and flags, and the disagreements found as a
 * flat list of diagnostics (file, line, key, language, kind, message). */
#include <string.h>

#include "hx.h"

/* A JSON string; malformed UTF-8 becomes U+FFFD. */
static void put_str(FILE *fp, const char *s)
{
    if (!s) {
        fputs("null", fp);
        return;
    }
    fputc('"', fp);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0)
            fputs("\xef\xbf\xbd", fp);
        else if (cp == '"' || cp == '\\')
            fprintf(fp, "\\%c", (char)cp);
        else if (cp == '\n')
            fputs("\\n", fp);
        else if (cp < 0x20)
            fprintf(fp, "\\u%04x", (unsigned)cp);
        else
            fwrite(s + at, 1, i - at, fp);
    }
    fputc('"', fp);
}

static void put_flags(FILE *fp, unsigned flags)
{
    fputc('[', fp);
    int n = 0;
    for (unsigned bit = 1; bit && bit <= HX_AF_MOVED; bit <<= 1)
        if (flags & bit) {
            fputs(n++ ? ", " : "", fp);
            put_str(fp, hx_align_flag_name(bit));
        }
    fputc(']', fp);
}

static int write_json(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    const struct hx_align *al = set->align;
    if (!al) {
        hx_error(st, NULL, NULL, "no alignment to write: put 'align' before it");
        return -1;
    }
    FILE *fp = out->fp;
    fputs("{\n  \"name\": ", fp);
    put_str(fp, set->name);
    fputs(",\n  \"versions\": [", fp);
    for (size_t d = 0; d < al->ndocs; d++) {
        fputs(d ? ",\n    {" : "\n    {", fp);
        fputs("\"name\": ", fp);
        put_str(fp, al->langs[d]);
        fputs(", \"lang\": ", fp);
        put_str(fp, al->tags[d]);
        fputs(", \"file\": ", fp);
        put_str(fp, set->docs[d]->path);
        fputc('}', fp);
    }
    fprintf(fp,
            "\n  ],\n  \"summary\": {\"rows\": %zu, \"flagged\": %zu},\n"
            "  \"rows\": [",
            al->nrows, al->flagged);
    for (size_t r = 0; r < al->nrows; r++) {
        const struct hx_align_row *row = &al->rows[r];
        fputs(r ? ",\n    {" : "\n    {", fp);
        fputs("\"key\": ", fp);
        put_str(fp, row->key);
        fputs(", \"part\": ", fp);
        put_str(fp, row->part);
        fputs(", \"lead\": ", fp);
        put_str(fp, row->lead);
        fputs(", \"bead\": ", fp);
        put_str(fp, hx_bead_name(hx_align_row_bead(al, row)));
        fprintf(fp, ", \"confidence\": %.3f, \"flags\": ", row->confidence);
        put_flags(fp, row->flags);
        fputs(",\n     \"cells\": [", fp);
        for (size_t d = 0; d < al->ndocs; d++) {
            const struct hx_align_cell *c = &row->cells[d];
            fputs(d ? ", " : "", fp);
            fputs("{\"bead\": ", fp);
            put_str(fp, hx_bead_name(c->bead));
            fputs(", \"keys\": [", fp);
            for (int k = 0; k < c->n; k++) {
                fputs(k ? ", " : "", fp);
                put_str(fp, c->node[k]->key);
            }
            fprintf(fp, "], \"merged_up\": %s, \"notes\": %d, \"text\": ",
                    c->merged_up ? "true" : "false", c->notes);
            put_str(fp, c->n ? c->text : NULL);
            fputc('}', fp);
        }
        fputs("]}", fp);
    }
    fputs("\n  ],\n  \"diagnostics\": [", fp);
    int n = 0;
    for (size_t r = 0; r < al->nrows; r++)
        for (const struct hx_align_issue *is = al->rows[r].issues; is; is = is->next) {
            fputs(n++ ? ",\n    {" : "\n    {", fp);
            fputs("\"file\": ", fp);
            put_str(fp, set->docs[is->doc]->path);
            fprintf(fp, ", \"line\": %u, \"key\": ", is->line);
            put_str(fp, al->rows[r].key);
            fputs(", \"version\": ", fp);
            put_str(fp, al->langs[is->doc]);
            fputs(", \"kind\": ", fp);
            put_str(fp, hx_align_flag_name(is->kind));
            /* a note is information (a graded lead word, a flag accepted) */
            fprintf(fp, ", \"severity\": \"%s\"", is->note ? "note" : "warning");
            if (is->accepted)
                fputs(", \"accepted\": true", fp);
            fputs(", \"message\": ", fp);
            put_str(fp, is->msg);
            fputc('}', fp);
        }
    fputs("\n  ]\n}\n", fp);
    return hx_output_check(st, out);
}

const struct hx_filter hx_write_align_json = {
    .name = "align-json",
    .kind = HX_WRITER,
    .summary = "alignment as JSON: versions, rows with cells, beads, flags, and diagnostics",
    .ext = "json",
    .needs = HX_HAS_ALIGN,
    .write_set = write_json,
};
