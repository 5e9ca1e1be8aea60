/* align-html: a self-contained side-by-side page for revisers: one column
 * per language (lang and dir set), each row linkable by its key, rows with
 * disagreements highlighted with their evidence underneath, the cell of
 * the version at fault marked, and an index of the flagged rows on top.
 * Only HTML 4 elements, so that any HTML checker accepts it. */
#include <string.h>

#include "hx.h"

static void put_esc(FILE *fp, const char *s, int breaks)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n'))
            continue;
        switch (cp) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\n': fputs(breaks ? "<br>" : " ", fp); break;
        default: fwrite(s + at, 1, i - at, fp);
        }
    }
}

/* An id from a key: keys are made of letters, digits, dots, '+' and
 * '-'; anything else becomes '_'. */
static void put_id(FILE *fp, const char *key, size_t row)
{
    fputs("k-", fp);
    for (const char *p = key; p && *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '+';
        fputc(ok ? c : '_', fp);
    }
    if (!key)
        fprintf(fp, "row%zu", row);
}

static const char style[] =
    "body{font-family:'Noto Sans','Noto Sans CJK SC','Noto Naskh Arabic',"
    "sans-serif;margin:1em;color:#222}\n"
    "h1{font-size:1.3em}\n"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}\n"
    "th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;"
    "font-size:.9em;line-height:1.45}\n"
    "th{background:#eef;position:sticky;top:0}\n"
    "td.key{width:8em;font-family:monospace;font-size:.8em;color:#555}\n"
    "td.key a{color:#225;text-decoration:none}\n"
    "tr.flag td{background:#fff6e0}\n"
    "td.bad{background:#ffd9d4!important;outline:2px solid #d33}\n"
    "td.miss{background:#eee!important;color:#999;text-align:center}\n"
    "tr.issues td{background:#fff;border-top:none;color:#a11;font-size:.85em}\n"
    "tr.issues ul{margin:0;padding-left:1.2em}\n"
    ".bead{display:inline-block;margin-top:.3em;padding:0 .3em;"
    "background:#ddd;border-radius:3px}\n"
    ".bead.odd{background:#f4a}\n"
    "span.part{color:#999}\n"
    "div.index{margin:.5em 0 1em;font-size:.85em}\n"
    "div.index a{margin-right:.6em}\n"
    ":target td{box-shadow:inset 0 0 0 2px #36c}\n";

static int write_html(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    const struct hx_align *al = set->align;
    if (!al) {
        hx_error(st, NULL, NULL, "no alignment to write: put 'align' before it");
        return -1;
    }
    FILE *fp = out->fp;
    const char *name = set->ndocs ? hx_meta_get(set->docs[0], "symbol") : NULL;
    if (!name || !*name) {
        name = set->name ? set->name : "";
        const char *slash = strrchr(name, '/');
        name = slash ? slash + 1 : name;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>Alignment: ",
          fp);
    put_esc(fp, name, 0);
    fprintf(fp,
            "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>Alignment of "
            "%zu versions: ",
            style, al->ndocs);
    put_esc(fp, name, 0);
    fprintf(fp,
            "</h1>\n<p>%zu rows, %zu with disagreements. A highlighted row has "
            "its evidence underneath; the cell of the version at fault is "
            "outlined; a grey cell has no counterpart; &uarr; means the text "
            "is in the row above (merged paragraphs).</p>\n",
            al->nrows, al->flagged);
    if (al->flagged) {
        fputs("<div class=\"index\">Flagged: ", fp);
        for (size_t r = 0; r < al->nrows; r++) {
            if (!al->rows[r].flags)
                continue;
            fputs("<a href=\"#", fp);
            put_id(fp, al->rows[r].key, r);
            fputs("\">", fp);
            put_esc(fp, al->rows[r].key ? al->rows[r].key : "?", 0);
            fputs("</a>", fp);
        }
        fputs("</div>\n", fp);
    }
    fputs("<table>\n<thead><tr><th style=\"width:8em\">key</th>", fp);
    for (size_t d = 0; d < al->ndocs; d++) {
        fputs("<th lang=\"", fp);
        put_esc(fp, al->tags[d], 0);
        fprintf(fp, "\"%s>", hx_lang_is_rtl(al->tags[d]) ? " dir=\"rtl\"" : "");
        put_esc(fp, al->langs[d], 0);
        fputs("<br><small>", fp);
        const char *p = set->docs[d]->path, *slash = strrchr(p, '/');
        put_esc(fp, slash ? slash + 1 : p, 0);
        fputs("</small></th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t r = 0; r < al->nrows; r++) {
        const struct hx_align_row *row = &al->rows[r];
        enum hx_bead bead = hx_align_row_bead(al, row);
        fputs("<tr id=\"", fp);
        put_id(fp, row->key, r);
        fprintf(fp, "\"%s><td class=\"key\"><a href=\"#", row->flags ? " class=\"flag\"" : "");
        put_id(fp, row->key, r);
        fputs("\">", fp);
        put_esc(fp, row->key ? row->key : "?", 0);
        fprintf(fp,
                "</a><br><span class=\"bead%s\" title=\"bead, confidence\">%s "
                "%.2f</span></td>",
                bead != HX_BEAD_11 ? " odd" : "", hx_bead_name(bead), row->confidence);
        for (size_t d = 0; d < al->ndocs; d++) {
            const struct hx_align_cell *c = &row->cells[d];
            int bad = 0;
            for (const struct hx_align_issue *is = row->issues; is; is = is->next)
                bad |= is->doc == d;
            fputs("<td lang=\"", fp);
            put_esc(fp, al->tags[d], 0);
            fputc('"', fp);
            /* auto, not rtl: a Latin-only line of an Arabic version (a date
             * or symbol in the masthead) must not be reordered by the bidi
             * algorithm; Arabic text still runs right to left. */
            if (hx_lang_is_rtl(al->tags[d]))
                fputs(" dir=\"auto\"", fp);
            const char *cls = c->n ? (bad ? "bad" : NULL) : (bad ? "miss bad" : "miss");
            if (cls)
                fprintf(fp, " class=\"%s\"", cls);
            fputc('>', fp);
            if (c->n)
                put_esc(fp, c->text, 1);
            else
                fputs(c->merged_up ? "&uarr;" : "&mdash;", fp);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
        if (row->issues) {
            fprintf(fp, "<tr class=\"issues\"><td colspan=\"%zu\"><ul>", al->ndocs + 1);
            for (const struct hx_align_issue *is = row->issues; is; is = is->next) {
                fputs("<li>", fp);
                put_esc(fp, is->msg, 0);
                fputs("</li>", fp);
            }
            fputs("</ul></td></tr>\n", fp);
        }
    }
    fputs("</tbody>\n</table>\n</body>\n</html>\n", fp);
    return hx_output_check(st, out);
}

const struct hx_filter hx_write_align_html = {
    .name = "align-html",
    .kind = HX_WRITER,
    .summary = "alignment as a self-contained side-by-side HTML page, flags highlighted",
    .ext = "html",
    .needs = HX_HAS_ALIGN,
    .write_set = write_html,
};
