/* align-tmx: the alignment as a TMX 1.4b translation memory for CAT
 * tools: one <tu> per row (tuid = document symbol or name, a colon, the
 * key) with a <tuv xml:lang> (BCP 47) for every version, and props for
 * part, key, lead word, bead and flags; each disagreement is a <note>.
 * A 2-1 merge is one unit; a row some version lacks is left out (counted
 * in the header's x-partial-rows), so that no unit teaches a pairing that
 * does not exist; segments hold no note markers. With segtype=sentence, a
 * row gives a <tu> per group of sentences that align across all versions
 * (tmx_sentences.c; tuid suffix "#i", prop x-sentence "i/n"). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "tmx_sentences.h"

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
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF)
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

/* A segment: its text without note markers (superscript digits the align
 * stage shows where a note is called), which a translation memory would
 * offer as words. */
static void put_seg(FILE *fp, const char *s)
{
    struct hx_buf b = {0};
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp >= 0 && hx_cp_superscript_digit(cp) >= 0)
            continue;
        hx_buf_add(&b, s + at, i - at);
    }
    /* a note paragraph's text starts where its marker was */
    const char *t = b.data ? b.data : "";
    while (*t == ' ')
        t++;
    size_t tl = strlen(t);
    while (tl && t[tl - 1] == ' ')
        tl--;
    if (b.data)
        b.data[(size_t)(t - b.data) + tl] = '\0';
    put_xml(fp, t);
    hx_buf_free(&b);
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

enum { SEG_PARAGRAPH, SEG_SENTENCE };

struct opts {
    int segtype;
};

static const char *const segtypes[] = {"paragraph", "sentence", NULL};

static const struct hx_opt tmx_opts[] = {
    {"segtype", HX_OPT_ENUM, offsetof(struct opts, segtype), "paragraph",
     "paragraph: a tu per row; sentence: a tu per sentence (ICU) in rows where "
     "every version has as many sentences, a tu per row elsewhere",
     segtypes, 0, 0},
    {0},
};

/* Is row the second half of a merge (2-1): some version's paragraph for
 * it is in the row before? It joins that row's unit. */
static int merged_row(const struct hx_align *al, const struct hx_align_row *row)
{
    for (size_t d = 0; d < al->ndocs; d++)
        if (row->cells[d].merged_up)
            return 1;
    return 0;
}

/* A merge (2-1) is one unit: the rows after r that some version merged
 * up join it. The last row of the unit starting at r. */
static size_t unit_end(const struct hx_align *al, size_t r)
{
    while (r + 1 < al->nrows && merged_row(al, &al->rows[r + 1]))
        r++;
    return r;
}

/* Does every version have text in rows r..last? */
static int unit_complete(const struct hx_align *al, size_t r, size_t last)
{
    for (size_t d = 0; d < al->ndocs; d++) {
        int any = 0;
        for (size_t q = r; q <= last; q++)
            any |= al->rows[q].cells[d].n > 0;
        if (!any)
            return 0;
    }
    return 1;
}

/* One <tu>: a row, or sentence i (1-based) of n of it; segs[d] is what
 * version d contributes (NULL = nothing). */
static void put_tu(FILE *fp, const struct hx_align *al, const struct hx_align_row *row,
                   const char *name, int seen, size_t i, size_t n, const char *const *segs,
                   struct hx_buf *b)
{
    fputs("    <tu tuid=\"", fp);
    put_xml(fp, name);
    fputc(':', fp);
    put_xml(fp, row->key ? row->key : "?");
    /* A key seen before (a paragraph only one version has, numbered like
     * its neighbour) gets a suffix so that tuids stay unique. */
    if (seen)
        fprintf(fp, "~%d", seen + 1);
    if (n)
        fprintf(fp, "#%zu", i);
    fputs("\">\n", fp);
    for (const struct hx_align_issue *is = row->issues; is && i <= 1; is = is->next) {
        fputs("      <note>", fp);
        put_xml(fp, is->msg);
        fputs("</note>\n", fp);
    }
    prop(fp, 6, "x-part", row->part);
    prop(fp, 6, "x-key", row->key);
    prop(fp, 6, "x-lead", row->lead);
    prop(fp, 6, "x-bead", hx_bead_name(hx_align_row_bead(al, row)));
    hx_buf_reset(b);
    for (unsigned bit = 1; bit && bit <= HX_AF_MOVED; bit <<= 1)
        if (row->flags & bit) {
            if (b->len)
                hx_buf_addc(b, ' ');
            hx_buf_adds(b, hx_align_flag_name(bit));
        }
    prop(fp, 6, "x-flags", b->data);
    if (n) {
        hx_buf_reset(b);
        hx_buf_addf(b, "%zu/%zu", i, n);
        prop(fp, 6, "x-sentence", b->data);
    }
    for (size_t d = 0; d < al->ndocs; d++) {
        const struct hx_align_cell *c = &row->cells[d];
        if (!segs[d])
            continue;
        fputs("      <tuv xml:lang=\"", fp);
        put_xml(fp, al->tags[d]);
        fputs("\">\n", fp);
        if (strcmp(al->tags[d], al->langs[d]) != 0)
            prop(fp, 8, "x-version", al->langs[d]);
        hx_buf_reset(b);
        for (int k = 0; k < c->n; k++) {
            if (k)
                hx_buf_addc(b, ' ');
            hx_buf_adds(b, c->node[k]->key);
        }
        /* the rows merged into this unit (2-1): their keys too */
        for (const struct hx_align_row *m = row + 1; m < al->rows + al->nrows && merged_row(al, m);
             m++)
            for (int k = 0; k < m->cells[d].n; k++) {
                hx_buf_addc(b, ' ');
                hx_buf_adds(b, m->cells[d].node[k]->key);
            }
        prop(fp, 8, "x-key", b->data);
        fputs("        <seg>", fp);
        put_seg(fp, segs[d]);
        fputs("</seg>\n      </tuv>\n", fp);
    }
    fputs("    </tu>\n", fp);
}

static int write_tmx(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    const struct hx_align *al = set->align;
    const struct opts *o = st->priv;
    if (!al) {
        hx_error(st, NULL, NULL, "no alignment to write: put 'align' before it");
        return -1;
    }
    FILE *fp = out->fp;
    const char *name = doc_name(set);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n", fp);
    fprintf(fp,
            "  <header creationtool=\"hexaglot\" creationtoolversion=\"" TMX_TOOL_VERSION
            "\" segtype=\"%s\" o-tmf=\"hexaglot\" adminlang=\"en\" srclang=\"",
            segtypes[o ? o->segtype : SEG_PARAGRAPH]);
    put_xml(fp, al->ndocs ? al->tags[al->original] : "*all*");
    fputs("\" datatype=\"plaintext\">\n", fp);
    for (size_t d = 0; d < al->ndocs; d++) {
        fprintf(fp, "    <prop type=\"x-version-%zu\">", d + 1);
        put_xml(fp, al->langs[d]);
        fputs(" ", fp);
        put_xml(fp, set->docs[d]->path);
        fputs("</prop>\n", fp);
    }
    size_t partial = 0;
    for (size_t r = 0; r < al->nrows; r = unit_end(al, r) + 1)
        partial += !unit_complete(al, r, unit_end(al, r));
    if (partial)
        fprintf(fp,
                "    <prop type=\"x-partial-rows\">%zu rows that some version lacks are left "
                "out (see the alignment report)</prop>\n",
                partial);
    fputs("  </header>\n  <body>\n", fp);
    struct hx_buf b = {0};
    const char **segs = calloc(al->ndocs + 1, sizeof *segs);
    char ***sv = calloc(al->ndocs + 1, sizeof *sv);
    size_t *ns = calloc(al->ndocs + 1, sizeof *ns);
    if (!segs || !sv || !ns)
        hx_oom();
    struct hx_buf *joined = calloc(al->ndocs + 1, sizeof *joined);
    if (!joined)
        hx_oom();
    for (size_t r = 0; r < al->nrows; r++) {
        const struct hx_align_row *row = &al->rows[r];
        size_t last = unit_end(al, r);
        int all = 1;
        for (size_t d = 0; d < al->ndocs; d++) {
            hx_buf_reset(&joined[d]);
            for (size_t q = r; q <= last; q++)
                if (al->rows[q].cells[d].n) {
                    if (joined[d].len)
                        hx_buf_addc(&joined[d], ' ');
                    hx_buf_adds(&joined[d], al->rows[q].cells[d].text);
                }
            all &= joined[d].len > 0;
        }
        /* A unit some version lacks would teach a CAT tool a pairing
         * that does not exist (it takes the first <tuv> as the source):
         * it is left out and counted in the header's x-partial-rows. */
        if (!all) {
            r = last;
            continue;
        }
        int seen = 0;
        for (size_t q = 0; q < r; q++)
            seen += row->key && al->rows[q].key && strcmp(row->key, al->rows[q].key) == 0;
        size_t n =
            o && o->segtype == SEG_SENTENCE && last == r ? tmx_row_sentences(al, row, sv, ns) : 0;
        for (size_t i = n ? 1 : 0; i <= n; i++) {
            for (size_t d = 0; d < al->ndocs; d++)
                segs[d] = n ? sv[d][i - 1] : joined[d].data;
            put_tu(fp, al, row, name, seen, i, n, segs, &b);
        }
        for (size_t d = 0; d < al->ndocs; d++) {
            tmx_free_sentences(sv[d], ns[d]);
            sv[d] = NULL;
            ns[d] = 0;
        }
        r = last;
    }
    for (size_t d = 0; d < al->ndocs; d++)
        hx_buf_free(&joined[d]);
    free(joined);
    free(segs);
    free(sv);
    free(ns);
    hx_buf_free(&b);
    fputs("  </body>\n</tmx>\n", fp);
    return hx_output_check(st, out);
}

const struct hx_filter hx_write_align_tmx = {
    .name = "align-tmx",
    .kind = HX_WRITER,
    .summary =
        "alignment as TMX 1.4b: a <tu> per row, a <tuv xml:lang> per version, props and notes",
    .ext = "tmx",
    .needs = HX_HAS_ALIGN,
    .priv_size = sizeof(struct opts),
    .opts = tmx_opts,
    .write_set = write_tmx,
};
