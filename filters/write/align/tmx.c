/* align-tmx: the alignment as a TMX 1.4b translation memory for CAT
 * tools: one <tu> per row (tuid = document symbol or name, a colon, the
 * key), one <tuv xml:lang> per version present, and props for part, key,
 * lead word, bead and flags; each disagreement is a <note>. With
 * segtype=sentence, a row whose versions split into as many ICU sentences
 * gives a <tu> per sentence (tuid suffix "#i", prop x-sentence "i/n"). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

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

/* The sentences of text (ICU sentence break for lang), trimmed, as
 * malloc'd strings in *out; returns how many (0 on any failure). */
static size_t sentences(const char *text, const char *lang, char ***out)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = NULL;
    UBreakIterator *bi = NULL;
    size_t n = 0;
    *out = NULL;
    u_strFromUTF8(NULL, 0, &ulen, text, -1, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto out;
    err = U_ZERO_ERROR;
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u)
        goto out;
    u_strFromUTF8(u, ulen + 1, NULL, text, -1, &err);
    if (U_FAILURE(err))
        goto out;
    /* CLDR's own abbreviation list ("Mr.", "e.g.") on top of ours */
    char loc[64];
    snprintf(loc, sizeof loc, "%s@ss=standard", lang);
    bi = ubrk_open(UBRK_SENTENCE, loc, u, ulen, &err);
    if (U_FAILURE(err))
        goto out;
    *out = calloc((size_t)ulen + 1, sizeof **out);
    if (!*out)
        goto out;
    for (int32_t from = ubrk_first(bi), to; (to = ubrk_next(bi)) != UBRK_DONE; from = to) {
        int32_t a = from, b = to, blen = 0;
        while (a < b && (u[a] == ' ' || u[a] == 0x3000 || u[a] == 0xA0))
            a++;
        while (b > a && (u[b - 1] == ' ' || u[b - 1] == 0x3000 || u[b - 1] == 0xA0))
            b--;
        if (a == b)
            continue;
        err = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &blen, u + a, b - a, &err);
        err = U_ZERO_ERROR;
        char *s8 = malloc((size_t)blen + 1);
        if (!s8)
            goto out;
        u_strToUTF8(s8, blen + 1, NULL, u + a, b - a, &err);
        if (U_FAILURE(err)) {
            free(s8);
            goto out;
        }
        (*out)[n++] = s8;
    }
out:
    if (bi)
        ubrk_close(bi);
    free(u);
    if (U_FAILURE(err) && *out) {
        for (size_t k = 0; k < n; k++)
            free((*out)[k]);
        n = 0;
    }
    return n;
}

static void free_sentences(char **v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(v[k]);
    free(v);
}

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

/* A note marker ("³") that ICU put at the start of a sentence belongs to
 * the end of the one before; a sentence that was only a marker goes. */
static void glue_markers(char **v, size_t *n)
{
    for (size_t k = 1; k < *n; k++) {
        const char *s = v[k];
        size_t len = strlen(s), i = 0, end = 0;
        while (i < len) {
            size_t at = i;
            int32_t cp = hx_utf8_next(s, len, &i);
            if (cp < 0 || hx_cp_superscript_digit(cp) < 0) {
                i = at;
                break;
            }
            end = i;
        }
        if (!end)
            continue;
        size_t lp = strlen(v[k - 1]);
        char *joined = malloc(lp + end + 1);
        if (!joined)
            abort();
        memcpy(joined, v[k - 1], lp);
        memcpy(joined + lp, s, end);
        joined[lp + end] = '\0';
        free(v[k - 1]);
        v[k - 1] = joined;
        while (end < len && (s[end] == ' '))
            end++;
        memmove(v[k], s + end, len - end + 1);
        if (!v[k][0]) {
            free(v[k]);
            memmove(&v[k], &v[k + 1], (*n - k - 1) * sizeof *v);
            (*n)--;
            k--;
        }
    }
}

/* Abbreviations after which ICU sees a sentence end that UN text does
 * not have ("para. 5", "No. 3", "A/RES/70/1, annex, sect. II"), from the
 * UN editorial manual's list, in the six languages' Latin and Cyrillic
 * forms; a sentence ending in one joins the next. */
static const char *const un_abbrev[] = {
    "para", "paras", "No",   "Nos", "no",  "art",   "arts", "sect", "chap",  "vol",
    "p",    "pp",    "Corr", "Rev", "Add", "Suppl", "Mr",   "Ms",   "Mrs",   "Dr",
    "e.g",  "i.e",   "cf",   "etc", "Inc", "Ltd",   "Co",   "St",   "annex", "al",
    "párr", "núm",   "Sr",   "Sra", "M",   "Mme",   "MM",   "pt",   "p. ex", "ss",
    "п",    "ст",    "г",    "гг",  "см",  "т",     "стр",  "г-н",  "г-жа",  "т.е",
};

/* Does v end with an abbreviation and its full stop? */
static int ends_abbrev(const char *v)
{
    size_t len = strlen(v);
    while (len && v[len - 1] == ' ')
        len--;
    if (!len || v[len - 1] != '.')
        return 0;
    for (size_t k = 0; k < sizeof un_abbrev / sizeof *un_abbrev; k++) {
        size_t al = strlen(un_abbrev[k]);
        if (al + 1 <= len && strncmp(v + len - 1 - al, un_abbrev[k], al) == 0 &&
            (al + 1 == len || v[len - 2 - al] == ' ' || v[len - 2 - al] == '('))
            return 1;
    }
    return 0;
}

/* Joins a sentence to the next when it ends with an abbreviation or the
 * next opens with a lower-case letter or a digit (no sentence does). */
static void join_abbrev(char **v, size_t *n)
{
    for (size_t k = 0; k + 1 < *n;) {
        unsigned char c = (unsigned char)v[k + 1][0];
        if (!ends_abbrev(v[k]) && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
            k++;
            continue;
        }
        size_t l0 = strlen(v[k]), l1 = strlen(v[k + 1]);
        char *j = malloc(l0 + l1 + 2);
        if (!j)
            abort();
        memcpy(j, v[k], l0);
        j[l0] = ' ';
        memcpy(j + l0 + 1, v[k + 1], l1 + 1);
        free(v[k]);
        free(v[k + 1]);
        v[k] = j;
        memmove(&v[k + 1], &v[k + 2], (*n - k - 2) * sizeof *v);
        (*n)--;
    }
}

/* Sentences of every version present in a row, when each version is one
 * paragraph with the same number (above one) of them; 0 otherwise. */
static size_t row_sentences(const struct hx_align *al, const struct hx_align_row *row, char ***sv,
                            size_t *ns)
{
    size_t count = 0;
    int ok = 1;
    for (size_t d = 0; d < al->ndocs; d++) {
        const struct hx_align_cell *c = &row->cells[d];
        if (!c->n)
            continue;
        if (c->n != 1 || !ok) {
            ok = 0;
            continue;
        }
        ns[d] = sentences(c->text, al->tags[d], &sv[d]);
        glue_markers(sv[d], &ns[d]);
        join_abbrev(sv[d], &ns[d]);
        /* The printed label ("12.", "I.") is no sentence of its own. */
        const char *label = c->node[0]->label;
        if (ns[d] >= 2 && label && strcmp(sv[d][0], label) == 0) {
            size_t l0 = strlen(sv[d][0]), l1 = strlen(sv[d][1]);
            char *j = malloc(l0 + l1 + 2);
            if (!j)
                abort();
            memcpy(j, sv[d][0], l0);
            j[l0] = ' ';
            memcpy(j + l0 + 1, sv[d][1], l1 + 1);
            free(sv[d][0]);
            free(sv[d][1]);
            sv[d][0] = j;
            memmove(&sv[d][1], &sv[d][2], (ns[d] - 2) * sizeof *sv[d]);
            ns[d]--;
        }
        if (!ns[d] || (count && ns[d] != count))
            ok = 0;
        count = ns[d];
    }
    return ok && count > 1 ? count : 0;
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
        abort();
    struct hx_buf *joined = calloc(al->ndocs + 1, sizeof *joined);
    if (!joined)
        abort();
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
            o && o->segtype == SEG_SENTENCE && last == r ? row_sentences(al, row, sv, ns) : 0;
        for (size_t i = n ? 1 : 0; i <= n; i++) {
            for (size_t d = 0; d < al->ndocs; d++)
                segs[d] = n ? sv[d][i - 1] : joined[d].data;
            put_tu(fp, al, row, name, seen, i, n, segs, &b);
        }
        for (size_t d = 0; d < al->ndocs; d++) {
            free_sentences(sv[d], ns[d]);
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
