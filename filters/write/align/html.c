/* align-html: a self-contained side-by-side page for revisers: one column
 * per language (lang and dir set), each row linkable by a unique id, rows
 * with disagreements highlighted with their evidence underneath in words
 * ("the English says 24 November 2021; the Chinese says 23 November
 * 2021"), the value at odds marked inside each cell, the cell of the
 * version at fault outlined, notes (information only) apart from warnings,
 * an index of the flagged rows on top, next/previous-flag keys (n, p), a
 * flagged-rows-only filter and an export of the flags ticked as looked at
 * (the --accept file). Only HTML 4 elements, so that any HTML checker
 * accepts it; the script only moves, hides and exports. */
#include <stdio.h>
#include <stdlib.h>
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
static void put_id(FILE *fp, const char *key, size_t row, int seen)
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
    else if (seen)
        fprintf(fp, "~%d", seen + 1); /* a key two rows share (a split) */
}

static size_t key_hash(const char *k)
{
    size_t h = 2166136261u;
    for (; k && *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

/* For each row, how many rows before it have its key: ids stay unique
 * when a version's extra paragraph or a split repeats a key. Linear: an
 * open-addressing table of the keys seen. */
static int *rows_seen(const struct hx_align *al)
{
    size_t slots = 16;
    while (slots < 2 * al->nrows + 2)
        slots *= 2;
    size_t *tab = calloc(slots, sizeof *tab);
    int *seen = calloc(al->nrows + 1, sizeof *seen), *count = calloc(al->nrows + 1, sizeof *count);
    if (!tab || !seen || !count)
        hx_oom();
    for (size_t r = 0; r < al->nrows; r++) {
        const char *k = al->rows[r].key;
        if (!k)
            continue;
        size_t h = key_hash(k) & (slots - 1);
        while (tab[h] && strcmp(al->rows[tab[h] - 1].key, k) != 0)
            h = (h + 1) & (slots - 1);
        if (!tab[h])
            tab[h] = r + 1;
        seen[r] = count[tab[h] - 1]++;
    }
    free(tab);
    free(count);
    return seen;
}

/* Marks in m the bytes of text that show value v: a number's digits
 * (group separators between them allowed, "1,000" for 1000), a date's day
 * or, for a month alone, its year, else v itself (a symbol, a URL). */
static void mark_value(const char *text, size_t len, unsigned char *m, const char *v, size_t vl)
{
    char want[48];
    size_t wl = 0;
    int y = 0, mo = 0, d = 0;
    if (vl >= 7 && vl < 16 && sscanf(v, "%4d-%2d-%2d", &y, &mo, &d) >= 2) {
        wl = (size_t)snprintf(want, sizeof want, "%d", d ? d : y);
    } else if (vl && v[0] >= '0' && v[0] <= '9') {
        for (size_t i = 0; i < vl && wl + 1 < sizeof want; i++)
            if (v[i] >= '0' && v[i] <= '9')
                want[wl++] = v[i];
    } else {
        for (size_t i = 0; vl && i + vl <= len; i++)
            if (memcmp(text + i, v, vl) == 0)
                memset(m + i, 1, vl);
        return;
    }
    if (!wl || (!d && !y && mo))
        return;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9' || (i && text[i - 1] >= '0' && text[i - 1] <= '9'))
            continue;
        size_t j = i, k = 0;
        while (j < len && k <= wl) {
            if (text[j] >= '0' && text[j] <= '9') {
                if (k == wl || text[j] != want[k])
                    break;
                k++;
                j++;
            } else if ((text[j] == ',' || text[j] == ' ' || text[j] == '.') && k && k < wl &&
                       j + 1 < len && text[j + 1] >= '0' && text[j + 1] <= '9') {
                j++;
            } else {
                break;
            }
        }
        if (k == wl && (j >= len || text[j] < '0' || text[j] > '9'))
            memset(m + i, 1, j - i);
    }
}

/* A cell's text as it stands, the values of the row's issues at odds for
 * this version marked. */
static void put_cell(FILE *fp, const struct hx_align_row *row, size_t d, const char *text)
{
    size_t len = strlen(text);
    unsigned char *m = calloc(len + 1, 1);
    if (!m)
        hx_oom();
    for (const struct hx_align_issue *is = row->issues; is; is = is->next) {
        const char *v = is->values ? is->values[d] : NULL;
        if (!v || strcmp(v, "none") == 0 || is->kind == HX_AF_LEAD || is->kind == HX_AF_NOTES)
            continue;
        for (const char *p = v; *p;) {
            size_t n = strcspn(p, ",");
            mark_value(text, len, m, p, n);
            p += n;
            while (*p == ',' || *p == ' ')
                p++;
        }
    }
    struct hx_buf b = {0};
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && m[e] == m[i])
            e++;
        hx_buf_reset(&b);
        hx_buf_add(&b, text + i, e - i);
        if (m[i])
            fputs("<span class=\"hit\">", fp);
        put_esc(fp, b.data, 1);
        if (m[i])
            fputs("</span>", fp);
        i = e;
    }
    hx_buf_free(&b);
    free(m);
}

static const char script[] =
    "(function(){\n"
    "var flags=[].slice.call(document.querySelectorAll('tr.flag')),at=-1;\n"
    "function go(k){if(!flags.length)return;var vis=flags.filter(function(r){"
    "return r.offsetParent!==null;});if(!vis.length)return;"
    "at=(at+k+vis.length)%vis.length;var r=vis[at];location.hash=r.id;"
    "document.getElementById('where').textContent=(at+1)+' of '+vis.length;}\n"
    "document.getElementById('next').onclick=function(){go(1);};\n"
    "document.getElementById('prev').onclick=function(){go(-1);};\n"
    "document.addEventListener('keydown',function(e){if(e.target.tagName==='INPUT')return;"
    "if(e.key==='n'||e.key==='j')go(1);if(e.key==='p'||e.key==='k')go(-1);});\n"
    "document.getElementById('only').onchange=function(){"
    "document.body.className=this.checked?'only':'';};\n"
    "document.getElementById('export').onclick=function(){var t='# hexaglot align "
    "--accept: flags looked at\\n';[].forEach.call(document.querySelectorAll("
    "'input.ok:checked'),function(c){t+=c.getAttribute('data-a')+'\\n';});"
    "var a=document.createElement('a');a.href='data:text/plain;charset=utf-8,'+"
    "encodeURIComponent(t);a.download='accepted.tsv';document.body.appendChild(a);"
    "a.click();a.parentNode.removeChild(a);};\n"
    "})();\n";

static const char style[] =
    "body{font-family:'Noto Sans','Noto Sans CJK SC','Noto Naskh Arabic',"
    "sans-serif;margin:1em;color:#222}\n"
    "h1{font-size:1.3em}\n"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}\n"
    "th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;"
    "font-size:.9em;line-height:1.45}\n"
    "th{background:#eef;position:sticky;top:2.4em;z-index:1}\n"
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
    ":target td{box-shadow:inset 0 0 0 2px #36c}\n"
    "span.hit{background:#fd5;padding:0 .1em;font-weight:bold}\n"
    "li.note{color:#557}\n"
    "li .raw{color:#888;font-size:.9em}\n"
    "div.nav{position:sticky;top:0;background:#fff;height:2.4em;box-sizing:border-box;padding:.3em "
    "0;z-index:2}\ntbody tr{scroll-margin-top:6em}\n"
    "body.only tbody tr{display:none}\n"
    "body.only tbody tr.flag,body.only tbody tr.issues{display:table-row}\n";

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
    fputs("<div class=\"nav\"><button type=\"button\" id=\"prev\" title=\"key p\">&larr; "
          "previous flag</button> <button type=\"button\" id=\"next\" title=\"key n\">next "
          "flag &rarr;</button> <span id=\"where\"></span> <label><input type=\"checkbox\" "
          "id=\"only\"> flagged rows only</label> <button type=\"button\" id=\"export\" "
          "title=\"the flags ticked as looked at, for align --accept\">export looked-at "
          "flags</button></div>\n",
          fp);
    int *seen = rows_seen(al);
    if (al->flagged) {
        fputs("<div class=\"index\">Flagged: ", fp);
        for (size_t r = 0; r < al->nrows; r++) {
            if (!al->rows[r].flags)
                continue;
            fputs("<a href=\"#", fp);
            put_id(fp, al->rows[r].key, r, seen[r]);
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
        put_id(fp, row->key, r, seen[r]);
        fprintf(fp, "\"%s><td class=\"key\"><a href=\"#", row->flags ? " class=\"flag\"" : "");
        put_id(fp, row->key, r, seen[r]);
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
                bad |= is->doc == d && !is->note;
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
                put_cell(fp, row, d, c->text);
            else
                fputs(c->merged_up ? "&uarr;" : "&mdash;", fp);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
        if (row->issues) {
            fprintf(fp, "<tr class=\"%s\"><td colspan=\"%zu\"><ul>",
                    row->flags ? "issues" : "notes", al->ndocs + 1);
            for (const struct hx_align_issue *is = row->issues; is; is = is->next) {
                fprintf(fp,
                        "<li class=\"%s\"><input type=\"checkbox\" class=\"ok\"%s "
                        "title=\"looked at\" data-a=\"",
                        is->note ? "note" : "warn", is->accepted ? " checked" : "");
                put_esc(fp, row->key ? row->key : "", 0);
                fputs("&#9;", fp);
                put_esc(fp, hx_align_flag_name(is->kind), 0);
                fputs("&#9;", fp);
                put_esc(fp, is->msg, 0);
                fprintf(fp, "\"> %s", is->note ? (is->accepted ? "accepted: " : "note: ") : "");
                put_esc(fp, is->say ? is->say : is->msg, 0);
                if (is->say) {
                    fputs(" <span class=\"raw\">(", fp);
                    put_esc(fp, is->msg, 0);
                    fputs(")</span>", fp);
                }
                fputs("</li>", fp);
            }
            fputs("</ul></td></tr>\n", fp);
        }
    }
    free(seen);
    fprintf(fp, "</tbody>\n</table>\n<script>\n%s</script>\n</body>\n</html>\n", script);
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
