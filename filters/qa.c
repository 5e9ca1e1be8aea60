/* qa: checks a document and reports what it finds; changes nothing.
 *
 *   latin    a lower-case Latin word between Han characters, an
 *            untranslated word ("对生活 and 生计"); acronyms and symbols
 *            (COVID-19, A/76/64) are at home in Chinese text and pass
 *   trad     Traditional characters in Simplified Chinese text, found by
 *            ICU's Hant-Hans transliterator (not for zh-Hant, -TW, -HK, -MO),
 *            except the few it maps that Simplified keeps in some words
 *   style    what zh-norm's rules (profile un) would still change, one
 *            warning per problem naming the rule: half-width , ; : ? ! and
 *            full stops in Han context, straight quotes next to Han,
 *            spaces next to Han or Chinese punctuation (U+3000 too, and
 *            before %), half-width parentheses around Han and full-width
 *            ones around Latin-only content
 *   symbol   two document symbols that differ only in a session number
 *            other than their last part ("A/C.2/76/L.1" and "A/C.2/75/L.1"
 *            for the same programme of work); differing last parts are
 *            different documents of a series (SR.2, SR.3) and pass
 *
 * The transliterator is opened once per chain, in open. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "hx.h"

struct priv {
    UTransliterator *t2s;
};

struct sym {
    const char *s;
    const struct hx_node *n;
};

struct syms {
    struct sym *v;
    size_t n, cap;
};

static int is_han(int32_t c)
{
    UErrorCode err = U_ZERO_ERROR;
    return c > 0 && uscript_getScript(c, &err) == USCRIPT_HAN;
}

/* Decoded paragraph text: code points with their byte offsets, and for
 * each the nearest character either side that is not white space or
 * punctuation (-1 at the edges), found in one pass each way so that
 * checks stay linear on long runs of punctuation. */
struct cps {
    int32_t *c, *left, *right;
    size_t *off;
    size_t n;
};

static int is_letterish(int32_t c)
{
    return c >= 0 && !u_isUWhiteSpace(c) && !u_ispunct(c);
}

static int decode(const char *s, size_t len, struct cps *o)
{
    int32_t near = -1;
    o->c = malloc((len + 1) * sizeof *o->c);
    o->left = malloc((len + 1) * sizeof *o->left);
    o->right = malloc((len + 1) * sizeof *o->right);
    o->off = malloc((len + 2) * sizeof *o->off);
    o->n = 0;
    if (!o->c || !o->left || !o->right || !o->off)
        return -1;
    for (size_t i = 0; i < len;) {
        o->off[o->n] = i;
        int32_t c = hx_utf8_next(s, len, &i);
        o->c[o->n++] = c;
    }
    o->off[o->n] = len;
    for (size_t k = 0; k < o->n; k++) {
        o->left[k] = near;
        if (is_letterish(o->c[k]))
            near = o->c[k];
    }
    near = -1;
    for (size_t k = o->n; k-- > 0;) {
        o->right[k] = near;
        if (is_letterish(o->c[k]))
            near = o->c[k];
    }
    return 0;
}

static void cps_free(struct cps *c)
{
    free(c->c);
    free(c->left);
    free(c->right);
    free(c->off);
}

/* Nearest non-space, non-punctuation character from k in direction dir. */
static int32_t letter_near(const struct cps *p, size_t k, int dir)
{
    return dir < 0 ? p->left[k] : p->right[k];
}

static const char *excerpt(struct hx_doc *doc, const char *s, const struct cps *p, size_t a,
                           size_t b)
{
    size_t from = a > 6 ? a - 6 : 0, to = b + 6 < p->n ? b + 6 : p->n;
    return hx_strndup(doc->arena, s + p->off[from], p->off[to] - p->off[from]);
}

static void check_latin(struct hx_stage *st, struct hx_doc *doc, const struct hx_node *b,
                        const char *s, const struct cps *p)
{
    for (size_t i = 0; i < p->n; i++) {
        size_t j = i;
        int lower = 1;
        if (!(p->c[i] < 0x80 && u_isalpha(p->c[i])))
            continue;
        while (j < p->n && p->c[j] < 0x80 &&
               (u_isalnum(p->c[j]) || p->c[j] == '-' || p->c[j] == '/' || p->c[j] == '.' ||
                p->c[j] == ':'))
            j++;
        for (size_t k = i; k < j; k++)
            lower &= p->c[k] >= 'a' && p->c[k] <= 'z';
        if (lower && j - i >= 2 && is_han(letter_near(p, i, -1)) &&
            is_han(letter_near(p, j - 1, +1)))
            hx_warn(st, doc, b, "Latin word \"%.*s\" inside Chinese text: \"%s\"",
                    (int)(p->off[j] - p->off[i]), s + p->off[i], excerpt(doc, s, p, i, j));
        i = j - 1 < i ? i : j - 1;
    }
}

/* Wide or full-width punctuation (， 。 （ 《 …): East Asian width W or F. */
static int is_wide_punct(int32_t c)
{
    int w;
    if (c < 0x3000 || !u_ispunct(c))
        return 0;
    w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

static int is_gap(int32_t c)
{
    return c == ' ' || c == 0xA0 || (c >= 0x2002 && c <= 0x200A) || c == 0x202F || c == 0x3000;
}

static int ascii_alnum(int32_t c)
{
    return c > 0 && c < 0x80 && u_isalnum(c);
}

/* One problem: what is left, the zh-norm rule that would have fixed it. */
static void style_warn(struct hx_stage *st, struct hx_doc *doc, const struct hx_node *b,
                       const char *s, const struct cps *p, size_t a, size_t e, const char *what,
                       const char *rule)
{
    hx_warn(st, doc, b, "%s in Chinese text (zh-norm rule %s): \"%s\"", what, rule,
            excerpt(doc, s, p, a, e));
}

static int zh_numeral(int32_t c)
{
    static const char numerals[] = "〇一二三四五六七八九十百";
    size_t i = 0, n = sizeof numerals - 1;
    while (i < n)
        if (hx_utf8_next(numerals, n, &i) == c)
            return 1;
    return 0;
}

/* The end of a label typed at the paragraph's start and followed by a
 * space ("1.", "(a)", "一.", "[1]"), 0 when none, as zh-norm sees it. */
static size_t label_end(const struct cps *p)
{
    size_t i = 0;
    while (i < p->n && i < 8 && ((p->c[i] > ' ' && p->c[i] < 0x7F) || zh_numeral(p->c[i])))
        i++;
    if (i == 0 || i >= p->n || !is_gap(p->c[i]) ||
        (p->c[i - 1] != '.' && p->c[i - 1] != ')' && p->c[i - 1] != ']'))
        return 0;
    return i;
}

/* Is the "." at i a Chinese full stop left in ASCII (after Han or a
 * Chinese closing mark, or after a number, symbol or Latin token that
 * follows Han, with Han or the end after it)? */
static int stray_stop(const struct cps *p, size_t i)
{
    int32_t next = i + 1 < p->n ? p->c[i + 1] : 0, prev = i ? p->c[i - 1] : 0;
    size_t t = i;
    if (ascii_alnum(next) || next == '.' || next == '/' || next == '-' || next == '@' ||
        prev == '.' || !i || i < label_end(p))
        return 0;
    if (is_han(prev) || prev == 0x201D || prev == 0x2019 ||
        (is_wide_punct(prev) && prev != 0x3001 && prev != 0xFF0C && prev != 0xFF08 &&
         prev != 0x300A))
        return 1; /* after Han or a closing mark (not 、 ， （ 《), as zh-norm */
    while (t > 0 && p->c[t - 1] > ' ' && p->c[t - 1] < 0x7F && p->c[t - 1] != '"' &&
           p->c[t - 1] != '\'')
        t--;
    if (t == i)
        return 0;
    while (t > 0 && is_gap(p->c[t - 1]))
        t--;
    if (t == 0 || !(is_han(p->c[t - 1]) || is_wide_punct(p->c[t - 1])))
        return 0;
    return letter_near(p, i, +1) < 0 || is_han(letter_near(p, i, +1));
}

/* Gaps zh-norm removes: next to Han or Chinese punctuation (a quote when
 * Han is beyond it), U+3000 at the paragraph's edges, before "%". */
static const char *stray_gap(const struct cps *p, size_t i, size_t j)
{
    int32_t l = i ? p->c[i - 1] : -1, r = j < p->n ? p->c[j] : -1;
    if (i && i == label_end(p))
        return NULL; /* after a label typed at the start: "1. ", "[1] " */
    int lz = l >= 0 && (is_han(l) || is_wide_punct(l) ||
                        ((l == 0x201D || l == 0x2019) && is_han(letter_near(p, i - 1, -1))));
    int rz = r >= 0 && (is_han(r) || is_wide_punct(r) ||
                        ((r == 0x201C || r == 0x2018) && is_han(letter_near(p, j, +1))));
    for (size_t k = i; k < j; k++)
        if (p->c[k] == 0x3000 && (lz || rz))
            return "space-ideographic";
    if (lz || rz)
        return "space";
    if (l >= '0' && l <= '9' && (r == '%' || r == 0xFF05)) {
        size_t t = i;
        while (t > 0 && ((p->c[t - 1] >= '0' && p->c[t - 1] <= '9') || p->c[t - 1] == '.' ||
                         p->c[t - 1] == ','))
            t--;
        if (is_han(letter_near(p, t, -1)) || is_han(letter_near(p, j, +1)))
            return "space-percent";
    }
    return NULL;
}

/* Parentheses: half width around Han, full width around Latin only. */
static void check_parens(struct hx_stage *st, struct hx_doc *doc, const struct hx_node *b,
                         const char *s, const struct cps *p)
{
    size_t stack[64], depth = 0;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->c[i];
        if (c == '(' || c == 0xFF08) {
            if (depth < 64)
                stack[depth++] = i;
        } else if ((c == ')' || c == 0xFF09) && depth) {
            size_t a = stack[--depth];
            int han = 0, latin = 0;
            for (size_t k = a + 1; k < i; k++) {
                han |= is_han(p->c[k]);
                latin |= u_isalnum(p->c[k]) && !is_han(p->c[k]);
            }
            if (han && (p->c[a] == '(' || c == ')'))
                style_warn(st, doc, b, s, p, a, i + 1, "half-width parentheses around Chinese",
                           "paren-han");
            else if (!han && latin && (p->c[a] == 0xFF08 || c == 0xFF09))
                style_warn(st, doc, b, s, p, a, i + 1,
                           "full-width parentheses around Latin content", "paren-latin");
        }
    }
}

/* What zh-norm's rules would still change: half-width punctuation,
 * straight quotes and stray spaces in Han context, one warning each. */
static void check_style(struct hx_stage *st, struct hx_doc *doc, const struct hx_node *b,
                        const char *s, const struct cps *p)
{
    static const char marks[] = ",;:?!";
    static const char *const rules[] = {"comma", "semicolon", "colon", "question", "exclamation"};
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->c[i];
        const char *m = c > 0 && c < 0x80 ? strchr(marks, (int)c) : NULL;
        if (m && *m) {
            if ((is_han(letter_near(p, i, -1)) || is_han(letter_near(p, i, +1))) &&
                !(c == ':' && i + 1 < p->n && p->c[i + 1] == '/'))
                style_warn(st, doc, b, s, p, i, i + 1, "half-width punctuation", rules[m - marks]);
        } else if (c == '.') {
            if (stray_stop(p, i))
                style_warn(st, doc, b, s, p, i, i + 1, "half-width full stop", "stop");
        } else if (c == '"' || c == 0xFF02 || c == '\'' || c == 0xFF07) {
            int32_t prev = i ? p->c[i - 1] : 0;
            int single = c == '\'' || c == 0xFF07;
            if (single && prev > 0 && prev < 0x80 && u_isalpha(prev))
                continue; /* an apostrophe */
            if (is_han(letter_near(p, i, -1)) || is_han(letter_near(p, i, +1)))
                style_warn(st, doc, b, s, p, i, i + 1, "straight quote",
                           single ? "quote-single" : "quote-double");
        } else if (is_gap(c)) {
            size_t j = i;
            while (j < p->n && is_gap(p->c[j]))
                j++;
            const char *rule = stray_gap(p, i, j);
            if (rule)
                style_warn(st, doc, b, s, p, i, j, "space", rule);
            i = j - 1;
        }
    }
    check_parens(st, doc, b, s, p);
}

/* Is the paragraph Chinese: by its tag, else by the document's language,
 * else (a paragraph in a document in another language but Japanese and
 * Korean) by having no kana or Hangul and a Han character for every three
 * lower-case Latin letters, as zh-norm decides. */
static int para_is_zh(const struct hx_doc *doc, const struct hx_node *b, const char *guess,
                      const struct cps *p)
{
    size_t han = 0, lower = 0;
    const char *lang = NULL;
    int kana = 0;
    for (const struct hx_node *n = b; n && !lang; n = n->parent)
        lang = n->lang;
    if (!lang)
        lang = doc->lang ? doc->lang : guess;
    if (hx_lang_is(lang, "zh"))
        return 1;
    if (hx_lang_is(lang, "ja") || hx_lang_is(lang, "ko"))
        return 0;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->c[i];
        han += is_han(c);
        lower += c >= 'a' && c <= 'z';
        kana |= (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || (c >= 0x31F0 && c <= 0x31FF) ||
                (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0xAC00 && c <= 0xD7AF);
    }
    return !kana && han && han * 3 >= lower;
}

/* Characters Hant-Hans maps although the Simplified standard keeps them
 * in some words: 显著, 乾坤, 瞭望, 覆盖, 慰藉, 宫商角徵羽. */
static const char simplified_too[] = "著乾瞭覆藉徵";

static int in_list(int32_t c)
{
    size_t i = 0, n = sizeof simplified_too - 1;
    while (i < n)
        if (hx_utf8_next(simplified_too, n, &i) == c)
            return 1;
    return 0;
}

static void check_trad(struct hx_stage *st, struct hx_doc *doc, const struct hx_node *b,
                       const struct cps *p, UTransliterator *t2s)
{
    UChar buf[2 * 8], seen[64];
    size_t nseen = 0;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->c[i], len = 0, limit, cap = 16;
        UErrorCode err = U_ZERO_ERROR;
        UBool bad = 0;
        if (!is_han(c) || in_list(c))
            continue;
        U16_APPEND(buf, len, cap, c, bad);
        if (bad)
            continue;
        limit = len;
        utrans_transUChars(t2s, buf, &len, cap, 0, &limit, &err);
        if (U_FAILURE(err))
            continue;
        int32_t k = 0, s;
        U16_NEXT(buf, k, len, s);
        if (k != len || s == c)
            continue;
        int dup = 0;
        for (size_t q = 0; q < nseen; q++)
            dup |= seen[q] == (UChar)c;
        if (dup)
            continue;
        if (nseen < 64)
            seen[nseen++] = (UChar)c;
        struct hx_buf m = {0};
        hx_buf_addcp(&m, c);
        hx_buf_adds(&m, "\" (Simplified \"");
        hx_buf_addcp(&m, s);
        hx_warn(st, doc, b, "Traditional character \"%s\") in Simplified text", m.data);
        hx_buf_free(&m);
    }
}

/* Document symbols of a paragraph; a joint symbol ("A/75/62-E/2020/11")
 * is one, so its E part is not compared with another joint symbol's. */
static int collect_symbols(struct hx_doc *doc, const struct hx_node *b, const char *s, size_t len,
                           struct syms *out)
{
    for (size_t i = 0; i < len; i++) {
        char prev = i ? s[i - 1] : ' ';
        size_t j = i, slash = 0;
        if (!(s[i] >= 'A' && s[i] <= 'Z') ||
            (prev > 0 && (prev == '/' || prev == '.' || (prev >= '0' && prev <= '9') ||
                          ((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z'))))
            continue;
        while (j < len && s[j] >= 'A' && s[j] <= 'Z')
            j++;
        while (j < len &&
               ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z') ||
                (s[j] >= '0' && s[j] <= '9') || s[j] == '/' || s[j] == '.' || s[j] == '-')) {
            slash += s[j] == '/';
            j++;
        }
        while (j > i && (s[j - 1] == '.' || s[j - 1] == '-'))
            j--;
        if (slash) {
            if (out->n == out->cap) {
                size_t cap = out->cap ? out->cap * 2 : 32;
                struct sym *v = realloc(out->v, cap * sizeof *v);
                if (!v)
                    return -1;
                out->v = v;
                out->cap = cap;
            }
            out->v[out->n++] = (struct sym){hx_strndup(doc->arena, s + i, j - i), b};
        }
        i = j;
    }
    return 0;
}

/* Do a and b differ in exactly one part, a number that is not the last? */
static int session_clash(const char *a, const char *b, const char **pa, const char **pb,
                         size_t *plen_a, size_t *plen_b)
{
    int diffs = 0, last_diff = 0;
    for (;;) {
        size_t la = strcspn(a, "/"), lb = strcspn(b, "/");
        int enda = a[la] == '\0', endb = b[lb] == '\0';
        if (la != lb || memcmp(a, b, la) != 0) {
            if (strspn(a, "0123456789") != la || strspn(b, "0123456789") != lb || !la || !lb)
                return 0;
            diffs++;
            *pa = a;
            *pb = b;
            *plen_a = la;
            *plen_b = lb;
            last_diff = enda || endb;
        }
        if (enda || endb)
            return enda && endb && diffs == 1 && !last_diff;
        a += la + 1;
        b += lb + 1;
    }
}

static void check_symbols(struct hx_stage *st, struct hx_doc *doc, const struct syms *y)
{
    for (size_t i = 0; i < y->n; i++) {
        for (size_t j = 0; j < i; j++) {
            const char *pa = "", *pb = "";
            size_t la = 0, lb = 0;
            int dup = 0;
            if (strcmp(y->v[i].s, y->v[j].s) == 0)
                break; /* reported (or not) at its first occurrence */
            if (!session_clash(y->v[j].s, y->v[i].s, &pa, &pb, &la, &lb))
                continue;
            for (size_t k = 0; k < j && !dup; k++)
                dup = strcmp(y->v[k].s, y->v[j].s) == 0;
            if (dup)
                continue;
            hx_warn(st, doc, y->v[i].n, "symbol %s differs from %s (%s) only in session %.*s/%.*s",
                    y->v[i].s, y->v[j].s, y->v[j].n->key ? y->v[j].n->key : "?", (int)lb, pb,
                    (int)la, pa);
        }
    }
}

static int qa_doc(struct hx_stage *st, struct hx_doc *doc)
{
    struct priv *p = st->priv;
    struct syms y = {0};
    int rc = 0;
    const char *guess = NULL;
    if (!doc->lang) {
        size_t len;
        char *all = hx_node_text(doc, doc->root, &len);
        guess = hx_lang_guess(all, len);
    }
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        const struct hx_node *b = it.node;
        size_t len;
        struct cps c = {0};
        if (!it.enter || hx_type_is_inline(b->type) || !hx_node_has_inlines(b))
            continue;
        const char *s = hx_node_text(doc, b, &len);
        const char *lang = hx_node_lang(doc, b);
        if (!lang)
            lang = guess;
        if (decode(s, len, &c) != 0 || collect_symbols(doc, b, s, len, &y) != 0) {
            cps_free(&c);
            hx_error(st, doc, b, "out of memory");
            rc = -1;
            break;
        }
        if (para_is_zh(doc, b, guess, &c)) {
            check_latin(st, doc, b, s, &c);
            check_style(st, doc, b, s, &c);
            if (!lang || hx_lang_is(lang, "zh") == 0)
                lang = "zh"; /* Chinese by its letters: Simplified unless tagged */
            if (!strstr(lang, "Hant") && !strstr(lang, "TW") && !strstr(lang, "HK") &&
                !strstr(lang, "MO"))
                check_trad(st, doc, b, &c, p->t2s);
        }
        cps_free(&c);
    }
    if (rc == 0)
        check_symbols(st, doc, &y);
    free(y.v);
    return rc;
}

static int qa_open(struct hx_stage *st)
{
    struct priv *p = st->priv;
    UErrorCode err = U_ZERO_ERROR;
    static const UChar id[] = {'H', 'a', 'n', 't', '-', 'H', 'a', 'n', 's', 0};
    p->t2s = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
    if (U_FAILURE(err) || !p->t2s) {
        hx_error(st, NULL, NULL, "ICU has no Hant-Hans transliterator: %s", u_errorName(err));
        return -1;
    }
    return 0;
}

static void qa_close(struct hx_stage *st)
{
    struct priv *p = st->priv;
    if (p->t2s)
        utrans_close(p->t2s);
}

const struct hx_filter hx_qa = {
    .name = "qa",
    .kind = HX_FILTER,
    .summary = "report Latin words in Han text, Traditional characters, "
               "half-width punctuation, straight quotes and spaces left in Chinese, "
               "inconsistent symbols (changes nothing)",
    .needs = HX_HAS_TREE,
    .priv_size = sizeof(struct priv),
    .open = qa_open,
    .doc = qa_doc,
    .close = qa_close,
};
