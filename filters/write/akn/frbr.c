/* The Akoma Ntoso writer's identification metadata: FRBR Work, Expression
 * and Manifestation URIs after the Akoma Ntoso naming convention (OASIS
 * akn-nc 1.0, section 4):
 *
 *   Work           /akn/un/<type>/<name>/<date>/<number>
 *   Expression     <Work>/<language>@
 *   Manifestation  <Expression>.akn
 *   FRBRthis       <Work>/!<component>, <Expression>/!<component>,
 *                  <Expression>/!<component>.xml
 *
 * <type> is the document element (statement, doc, act), <name> its name
 * attribute (resolution, report…), <date> the document's date (its "date"
 * metadata, read in any of the six languages; 0001-01-01 marked "unknown"
 * when there is none), <number> its symbol lower-cased with every run of
 * other characters a hyphen ("A/76/540/Add.1" -> "a-76-540-add-1"), else
 * the input's file name less the codes of its language at the end
 * ("udhr--eng.html" -> "udhr"), and <language> the ISO 639-2/B code (eng, fre,
 * spa, rus, ara, chi). So the language versions of one document share the
 * Work and differ in the Expression; a component or attachment names the
 * Work of the document it is part of, with its own <component>. A document read from Akoma Ntoso
 * keeps the Expression URI it was read with (its "uri" metadata). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucasemap.h>

#include "akn.h"

extern const char *const hx_akn_languages[][3];
extern const size_t hx_akn_languages_rows, hx_akn_languages_cols;

const char *akn_lang_code(const char *tag)
{
    size_t n = tag ? strcspn(tag, "-_") : 0;
    for (size_t i = 0; i < hx_akn_languages_rows && n; i++)
        if (strlen(hx_akn_languages[i][0]) == n && strncmp(tag, hx_akn_languages[i][0], n) == 0)
            return hx_akn_languages[i][1];
    for (size_t i = 0; i < hx_akn_languages_rows && n == 3; i++)
        if (strncmp(tag, hx_akn_languages[i][1], 3) == 0)
            return hx_akn_languages[i][1];
    /* a language the table lacks keeps its BCP 47 tag ("ja-JP"), which
     * readers understand better than "und" */
    size_t ok =
        tag ? strspn(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") : 0;
    return n >= 2 && n <= 3 && tag[ok] == '\0' ? tag : "und";
}

/* The value of a run of digits of any script starting at s[*i]; *i past
 * it, *ndig its length. */
static int number_at(const char *s, size_t len, size_t *i, int *ndig)
{
    int v = 0;
    *ndig = 0;
    while (*i < len) {
        size_t j = *i;
        int d = hx_cp_digit(hx_utf8_next(s, len, &j));
        if (d < 0)
            break;
        if (v < 100000)
            v = v * 10 + d;
        (*ndig)++;
        *i = j;
    }
    return v;
}

/* Year, month and day of a dateline: numbers of any script, the month by
 * name (pipeline/data/months.tsv) or before 月 in Chinese, the day before 日 there. */
static int parse_date(const char *folded, int *y, int *m, int *d)
{
    size_t len = strlen(folded), i = 0;
    *y = *m = *d = 0;
    while (i < len) {
        size_t j = i;
        int32_t cp = hx_utf8_next(folded, len, &j);
        if (hx_cp_digit(cp) < 0) {
            i = j;
            continue;
        }
        int nd, v = number_at(folded, len, &i, &nd);
        size_t k = i;
        int32_t after = k < len ? hx_utf8_next(folded, len, &k) : 0;
        if (after == 0x6708 /* 月 */ && v >= 1 && v <= 12)
            *m = v;
        else if (nd == 4 && !*y)
            *y = v;
        else if ((after == 0x65E5 /* 日 */ || !*d) && nd <= 2 && v >= 1 && v <= 31)
            *d = v;
    }
    for (size_t r = 0; r < hx_months_rows && !*m; r++)
        if (strstr(folded, hx_months[r][2]))
            *m = (int)strtol(hx_months[r][1], NULL, 10);
    return *y >= 1000 && *m && *d;
}

const char *akn_iso_date(struct akn_writer *w)
{
    const char *v = hx_meta_get(w->doc, "date");
    int y, m, d;
    if (!v || !*v)
        return NULL;
    if (strlen(v) == 10 && v[4] == '-' && v[7] == '-' && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3)
        return v;
    UErrorCode err = U_ZERO_ERROR;
    UCaseMap *cm = ucasemap_open("", U_FOLD_CASE_DEFAULT, &err);
    size_t cap = strlen(v) * 3 + 1;
    char *folded = hx_alloc(w->doc->arena, cap);
    if (cm)
        ucasemap_utf8FoldCase(cm, folded, (int32_t)cap, v, -1, &err);
    ucasemap_close(cm);
    if (!cm || U_FAILURE(err))
        snprintf(folded, cap, "%s", v);
    if (!parse_date(folded, &y, &m, &d))
        return NULL;
    return hx_printf(w->doc->arena, "%04d-%02d-%02d", y, m, d);
}

/* A URI component: ASCII letters and digits lower-cased, every run of
 * anything else one hyphen. */
static const char *component(struct akn_writer *w, const char *s)
{
    struct hx_buf b = {0};
    int gap = 0;
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
            if (gap && b.len)
                hx_buf_addc(&b, '-');
            hx_buf_addc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            gap = 0;
        } else {
            gap = 1;
        }
    }
    const char *r = hx_strndup(w->doc->arena, b.data ? b.data : "", b.len);
    hx_buf_free(&b);
    return *r ? r : NULL;
}

/* Is word[0..len) one of the codes that name the document's language in a
 * file name (languages.tsv, file_codes)? */
static int lang_word(const struct akn_writer *w, const char *word, size_t len)
{
    const char *tag = w->doc->lang;
    size_t n = tag ? strcspn(tag, "-_") : 0;
    for (size_t i = 0; i < hx_akn_languages_rows && n; i++) {
        if (strlen(hx_akn_languages[i][0]) != n || strncmp(tag, hx_akn_languages[i][0], n) != 0)
            continue;
        for (const char *c = hx_akn_languages[i][2]; *c;) {
            size_t cl = strcspn(c, " ");
            if (cl == len && strncmp(c, word, len) == 0)
                return 1;
            c += cl + (c[cl] == ' ');
        }
    }
    return 0;
}

/* The document's number in its Work URI: its symbol, else its file name
 * less directory, extension and the codes of its language at the end
 * ("udhr--cmn_hans.html" -> "udhr"), so that its language versions share
 * it. */
static const char *work_number(struct akn_writer *w)
{
    const char *n = component(w, hx_meta_get(w->doc, "symbol"));
    if (n)
        return n;
    const char *path = w->doc->path ? w->doc->path : "";
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    n = component(w,
                  dot && dot > base ? hx_strndup(w->doc->arena, base, (size_t)(dot - base)) : base);
    if (!n)
        return "doc";
    size_t len = strlen(n);
    while (len) {
        size_t start = len;
        while (start > 0 && n[start - 1] != '-')
            start--;
        if (!lang_word(w, n + start, len - start))
            break;
        len = start ? start - 1 : 0;
    }
    return len ? hx_strndup(w->doc->arena, n, len) : "doc";
}

static void frbr(struct akn_writer *w, xmlNode *parent, const char *el, const char *value)
{
    akn_set(w, akn_el(w, parent, el), "value", value);
}

static void frbr_date(struct akn_writer *w, xmlNode *parent, const char *date, const char *name)
{
    xmlNode *d = akn_el(w, parent, "FRBRdate");
    akn_set(w, d, "date", date ? date : "0001-01-01");
    akn_set(w, d, "name", date ? name : "unknown");
}

static void author(struct akn_writer *w, xmlNode *parent, const char *href)
{
    akn_set(w, akn_el(w, parent, "FRBRauthor"), "href", href);
}

static void tlc(struct akn_writer *w, xmlNode *refs, const char *id, const char *show)
{
    xmlNode *o = akn_el(w, refs, "TLCOrganization");
    akn_eid(w, o, id);
    akn_set(w, o, "href", hx_printf(w->doc->arena, "/ontology/organization/%s", id));
    akn_set(w, o, "showAs", show);
}

void akn_meta(struct akn_writer *w, xmlNode *docel, const char *type, const char *name,
              const char *comp)
{
    struct hx_arena *a = w->doc->arena;
    const char *lang = akn_lang_code(w->doc->lang), *date = akn_iso_date(w);
    const char *work, *expr, *uri = hx_meta_get(w->doc, "uri");
    const char *at = uri && strncmp(uri, "/akn/", 5) == 0 ? strrchr(uri, '@') : NULL;
    const char *slash = at ? at : NULL;
    while (slash && slash > uri && *slash != '/')
        slash--;
    if (at && slash > uri) { /* read from Akoma Ntoso: its own names */
        expr = hx_strndup(a, uri, (size_t)(at + 1 - uri));
        work = hx_strndup(a, uri, (size_t)(slash - uri));
    } else {
        /* a component or attachment is part of the main document's Work */
        if (strcmp(comp, "main") == 0) {
            w->work_type = type;
            w->work_name = name;
        }
        work = hx_printf(a, "/akn/un/%s/%s/%s/%s", w->work_type ? w->work_type : type,
                         w->work_name ? w->work_name : name, date ? date : "0001-01-01",
                         work_number(w));
        expr = hx_printf(a, "%s/%s@", work, lang);
    }
    xmlNode *meta = akn_el(w, docel, "meta");
    xmlNode *id = akn_el(w, meta, "identification");
    akn_set(w, id, "source", "#hexaglot");
    xmlNode *fw = akn_el(w, id, "FRBRWork");
    frbr(w, fw, "FRBRthis", hx_printf(a, "%s/!%s", work, comp));
    frbr(w, fw, "FRBRuri", work);
    frbr_date(w, fw, date, "publication");
    author(w, fw, "#un");
    frbr(w, fw, "FRBRcountry", "un");
    const char *symbol = hx_meta_get(w->doc, "symbol");
    if (symbol && *symbol)
        frbr(w, fw, "FRBRnumber", symbol);
    xmlNode *fe = akn_el(w, id, "FRBRExpression");
    frbr(w, fe, "FRBRthis", hx_printf(a, "%s/!%s", expr, comp));
    frbr(w, fe, "FRBRuri", expr);
    frbr_date(w, fe, date, "publication");
    author(w, fe, "#un");
    akn_set(w, akn_el(w, fe, "FRBRlanguage"), "language", lang);
    xmlNode *fm = akn_el(w, id, "FRBRManifestation");
    frbr(w, fm, "FRBRthis", hx_printf(a, "%s/!%s.xml", expr, comp));
    frbr(w, fm, "FRBRuri", hx_printf(a, "%s.akn", expr));
    frbr_date(w, fm, date, "publication");
    author(w, fm, "#hexaglot");
    if (strcmp(comp, "main") == 0) {
        xmlNode *refs = akn_el(w, meta, "references");
        akn_set(w, refs, "source", "#hexaglot");
        tlc(w, refs, "un", "United Nations");
        tlc(w, refs, "hexaglot", "hexaglot");
    }
}
