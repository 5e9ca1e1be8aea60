/* align-tmx: the alignment as a TMX 1.4b translation memory for CAT
 * tools: one <tu> per row (tuid = document symbol or name, a colon, the
 * key), one <tuv xml:lang> per version present, and props for part, key,
 * lead word, bead and flags; each disagreement is a <note>. */
#include <string.h>

#include "hx.h"

/* Version of this writer's output (TMX wants one; stages do not see the
 * program's). */
#define TMX_TOOL_VERSION "1"

/* Text as XML character data: markup escaped, characters XML 1.0 forbids
 * (C0 controls, malformed UTF-8) dropped, a paragraph break as a space. */
static void put_xml(FILE *fp, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE ||
            cp == 0xFFFF)
            continue;
        switch (cp) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\n': fputc(' ', fp); break;
        default: fwrite(s + at, 1, i - at, fp);
        }
    }
}

static void prop(FILE *fp, int indent, const char *type, const char *value)
{
    if (!value || !*value)
        return;
    fprintf(fp, "%*s<prop type=\"%s\">", indent, "", type);
    put_xml(fp, value);
    fputs("</prop>\n", fp);
}

/* The name tuids start with: the first version's symbol, else the set's. */
static const char *doc_name(const struct hx_set *set)
{
    const char *sym = set->ndocs ? hx_meta_get(set->docs[0], "symbol") : NULL;
    if (sym && *sym)
        return sym;
    const char *n = set->name ? set->name : "";
    const char *slash = strrchr(n, '/');
    return slash ? slash + 1 : n;
}

static int write_tmx(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    const struct hx_align *al = set->align;
    if (!al) {
        hx_error(st, NULL, NULL, "no alignment to write: put 'align' before it");
        return -1;
    }
    FILE *fp = out->fp;
    const char *name = doc_name(set);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n", fp);
    fputs("  <header creationtool=\"hexaglot\" creationtoolversion=\"" TMX_TOOL_VERSION
          "\" segtype=\"paragraph\" o-tmf=\"hexaglot\" adminlang=\"en\" srclang=\"",
          fp);
    put_xml(fp, al->ndocs ? al->tags[0] : "*all*");
    fputs("\" datatype=\"plaintext\">\n", fp);
    for (size_t d = 0; d < al->ndocs; d++) {
        fprintf(fp, "    <prop type=\"x-version-%zu\">", d + 1);
        put_xml(fp, al->langs[d]);
        fputs(" ", fp);
        put_xml(fp, set->docs[d]->path);
        fputs("</prop>\n", fp);
    }
    fputs("  </header>\n  <body>\n", fp);
    struct hx_buf b = {0};
    for (size_t r = 0; r < al->nrows; r++) {
        const struct hx_align_row *row = &al->rows[r];
        /* A key seen before (a paragraph only one version has, numbered like
         * its neighbour) gets a suffix so that tuids stay unique. */
        int seen = 0;
        for (size_t q = 0; q < r; q++)
            seen += row->key && al->rows[q].key && strcmp(row->key, al->rows[q].key) == 0;
        fputs("    <tu tuid=\"", fp);
        put_xml(fp, name);
        fputc(':', fp);
        put_xml(fp, row->key ? row->key : "?");
        if (seen)
            fprintf(fp, "~%d", seen + 1);
        fputs("\">\n", fp);
        for (const struct hx_align_issue *is = row->issues; is; is = is->next) {
            fputs("      <note>", fp);
            put_xml(fp, is->msg);
            fputs("</note>\n", fp);
        }
        prop(fp, 6, "x-part", row->part);
        prop(fp, 6, "x-key", row->key);
        prop(fp, 6, "x-lead", row->lead);
        prop(fp, 6, "x-bead", hx_bead_name(hx_align_row_bead(al, row)));
        hx_buf_reset(&b);
        for (unsigned bit = 1; bit && bit <= HX_AF_NOTE_TEXT; bit <<= 1)
            if (row->flags & bit) {
                if (b.len)
                    hx_buf_addc(&b, ' ');
                hx_buf_adds(&b, hx_align_flag_name(bit));
            }
        prop(fp, 6, "x-flags", b.data);
        for (size_t d = 0; d < al->ndocs; d++) {
            const struct hx_align_cell *c = &row->cells[d];
            if (!c->n)
                continue;
            fputs("      <tuv xml:lang=\"", fp);
            put_xml(fp, al->tags[d]);
            fputs("\">\n", fp);
            if (strcmp(al->tags[d], al->langs[d]) != 0)
                prop(fp, 8, "x-version", al->langs[d]);
            hx_buf_reset(&b);
            for (int k = 0; k < c->n; k++) {
                if (k)
                    hx_buf_addc(&b, ' ');
                hx_buf_adds(&b, c->node[k]->key);
            }
            prop(fp, 8, "x-key", b.data);
            fputs("        <seg>", fp);
            put_xml(fp, c->text);
            fputs("</seg>\n      </tuv>\n", fp);
        }
        fputs("    </tu>\n", fp);
    }
    hx_buf_free(&b);
    fputs("  </body>\n</tmx>\n", fp);
    if (ferror(fp)) {
        hx_error(st, NULL, NULL, "cannot write %s", out->name);
        return -1;
    }
    return 0;
}

const struct hx_filter hx_write_align_tmx = {
    .name = "align-tmx",
    .kind = HX_WRITER,
    .summary = "alignment as TMX 1.4b: a <tu> per row, a <tuv xml:lang> per version, props and notes",
    .ext = "tmx",
    .needs = HX_HAS_ALIGN,
    .write_set = write_tmx,
};
