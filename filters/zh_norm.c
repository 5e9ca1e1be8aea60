/* zh-norm: normalises Chinese text in the model, leaving typesetting to the
 * writers. It acts only on text whose effective language is Chinese and
 * never inside a document symbol ("A/C.2/76/L.56", "A/75/62-E/2020/11") or
 * a URL. Rules, in the order they run on each paragraph:
 *
 *   nfc       Unicode NFC (never NFKC, which would fold full-width
 *             punctuation to ASCII)
 *   width     full-width ASCII letters and digits to half width ("２０２１")
 *   punct     , : ; ? ! to full width when the nearest letter either side is
 *             a Han character ("生计, 最" → "生计， 最"); "1,000" stays
 *   paren     a pair ( ) to （ ） when it encloses Han text ("(尼泊尔)");
 *             with profile=gbt15834 also when Han text is right outside
 *             ("冠状病毒病(COVID-19)"); profile=un (default) keeps those
 *             half width, the UN Chinese house style
 *   ellipsis  "...", "。。。", a lone "…" or "⋯⋯" in Chinese text to "……"
 *   dash      a lone "—", "--", "――" or "－－" between Han text to "——"
 *   space     literal spaces between Han and Latin letters or digits, and
 *             next to Chinese punctuation or quotes, removed: the 1/4 em
 *             gap is the typesetter's job ("2021 年" → "2021年"); note
 *             markers are looked through ("文件，¹ 核准" → "文件，¹核准")
 *
 * profile=off keeps punct, paren, ellipsis and dash from running. Context
 * is judged by letters only (punctuation and spaces are looked through),
 * so a second run finds nothing to do; and no character is lost except the
 * removed spaces and the dots an ellipsis is made of. Every edit is counted
 * per rule (a note per rule and document); explain lists each edit. */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "hx.h"

enum { PROFILE_UN, PROFILE_GBT, PROFILE_OFF };
enum { R_NFC, R_WIDTH, R_PUNCT, R_PAREN, R_ELLIPSIS, R_DASH, R_SPACE, R_COUNT };

static const char *const rule_names[R_COUNT] = {
    "nfc", "width", "punct", "paren", "ellipsis", "dash", "space"};

static const char *const profiles[] = {"un", "gbt15834", "off", NULL};

struct opts {
    int profile;
    int explain;
};

static const struct hx_opt zh_opts[] = {
    {"profile", HX_OPT_ENUM, offsetof(struct opts, profile), "un",
     "punctuation style: un (UN Chinese house style), gbt15834, off", profiles,
     0, 0},
    {"explain", HX_OPT_BOOL, offsetof(struct opts, explain), "no",
     "list every edit as a note: key, rule, before -> after", NULL, 0, 1},
    {0},
};

/* Markers and line breaks take a place in the paragraph's sequence of
 * characters so context can be looked through or stopped at them. */
#define MARK (-2)
#define STOP (-3)

/* One paragraph as code points: each keeps the text node it came from, a
 * second code point when a rule doubles it, and whether it is protected
 * (symbol, URL) or deleted. */
struct para {
    int32_t *cp, *cp2;
    int *seg;
    unsigned char *prot, *del, *zh;
    unsigned char *lctx, *rctx; /* nearest letter's class either side */
    size_t n, cap;
    struct hx_node **segs;
    size_t nsegs, segcap;
};

struct run {
    struct hx_stage *st;
    struct hx_doc *doc;
    const struct opts *o;
    const UNormalizer2 *nfc;
    struct para p;
    struct hx_node *block;
    int counts[R_COUNT];
    int any_zh;
    int oom;
};

static int grow(struct para *p)
{
    size_t cap = p->cap ? p->cap * 2 : 256;
    int32_t *cp = realloc(p->cp, cap * sizeof *cp);
    if (cp)
        p->cp = cp;
    int32_t *cp2 = realloc(p->cp2, cap * sizeof *cp2);
    if (cp2)
        p->cp2 = cp2;
    int *seg = realloc(p->seg, cap * sizeof *seg);
    if (seg)
        p->seg = seg;
    unsigned char *prot = realloc(p->prot, cap), *del = NULL, *zh = NULL;
    if (prot)
        p->prot = prot;
    del = realloc(p->del, cap);
    if (del)
        p->del = del;
    zh = realloc(p->zh, cap);
    if (zh)
        p->zh = zh;
    unsigned char *lc = realloc(p->lctx, cap), *rc = NULL;
    if (lc)
        p->lctx = lc;
    rc = realloc(p->rctx, cap);
    if (rc)
        p->rctx = rc;
    if (!cp || !cp2 || !seg || !prot || !del || !zh || !lc || !rc)
        return -1;
    p->cap = cap;
    return 0;
}

static int push(struct para *p, int32_t c, int seg, int zh)
{
    if (p->n == p->cap && grow(p) != 0)
        return -1;
    p->cp[p->n] = c;
    p->cp2[p->n] = 0;
    p->seg[p->n] = seg;
    p->prot[p->n] = c < 0;
    p->del[p->n] = 0;
    p->zh[p->n] = (unsigned char)zh;
    p->n++;
    return 0;
}

/* --- character classes (ICU) ---------------------------------------------- */

static int is_han(int32_t c)
{
    UErrorCode err = U_ZERO_ERROR;
    return c > 0 && uscript_getScript(c, &err) == USCRIPT_HAN;
}

static int is_space(int32_t c)
{
    return c == ' ' || c == 0xA0 || (c >= 0x2002 && c <= 0x200A) || c == 0x202F;
}

/* Wide or full-width punctuation: "，", "。", "《", "（"… */
static int is_cjk_punct(int32_t c)
{
    int w;
    if (c <= 0 || !u_ispunct(c))
        return 0;
    w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

static int is_quote(int32_t c)
{
    return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
}

static int letter_class(int32_t c)
{
    if (is_han(c))
        return 'h';
    if (c > 0 && u_isalnum(c))
        return 'l';
    return 0;
}

/* For every position, the class of the nearest letter on either side: 'h'
 * a Han character, 'l' another letter or digit, 0 none (paragraph edge or
 * line break). Punctuation, spaces and markers are looked through. Letters
 * are never edited after the width rule, so one pass before the
 * punctuation rules serves them all, in linear time. */
static void context(struct para *p)
{
    unsigned char cls = 0;
    for (size_t i = 0; i < p->n; i++) {
        p->lctx[i] = cls;
        if (p->cp[i] == STOP)
            cls = 0;
        else if (letter_class(p->cp[i]))
            cls = (unsigned char)letter_class(p->cp[i]);
    }
    cls = 0;
    for (size_t i = p->n; i-- > 0;) {
        p->rctx[i] = cls;
        if (p->cp[i] == STOP)
            cls = 0;
        else if (letter_class(p->cp[i]))
            cls = (unsigned char)letter_class(p->cp[i]);
    }
}

static int ctx(const struct para *p, size_t i, int dir)
{
    return dir < 0 ? p->lctx[i] : p->rctx[i];
}

/* The neighbour of position i (skipping deleted places, spaces and, when
 * marks is set, note markers) in direction dir; -1 at an edge. */
static ssize_t near(const struct para *p, size_t i, int dir, int marks)
{
    for (size_t k = i;;) {
        if (dir < 0) {
            if (k == 0)
                return -1;
            k--;
        } else {
            if (k + 1 >= p->n)
                return -1;
            k++;
        }
        if (p->del[k] || is_space(p->cp[k]) || (marks && p->cp[k] == MARK))
            continue;
        return (ssize_t)k;
    }
}

/* --- editing ------------------------------------------------------------- */

static void add_cp(const struct para *p, size_t i, int32_t c, struct hx_buf *b)
{
    if (c == MARK) {
        const struct hx_node *m = p->seg[i] >= 0 ? p->segs[p->seg[i]] : NULL;
        hx_buf_adds(b, m && m->label ? m->label : "*");
    } else if (c > 0) {
        hx_buf_addcp(b, c);
    }
}

/* The text around [a, b), as it is now, for explain. */
static void window(const struct para *p, size_t a, size_t b, struct hx_buf *out)
{
    size_t from = a, to = b;
    for (int k = 0; k < 4 && from > 0; k++)
        from--;
    for (int k = 0; k < 4 && to < p->n; k++)
        to++;
    for (size_t i = from; i < to; i++) {
        if (p->del[i] || p->cp[i] == STOP)
            continue;
        add_cp(p, i, p->cp[i], out);
        if (p->cp2[i])
            add_cp(p, i, p->cp2[i], out);
    }
}

/* Replaces positions [a, b) by c1 (and c2) at a, deleting the rest. */
static void edit(struct run *r, int rule, size_t a, size_t b, int32_t c1,
                 int32_t c2)
{
    struct para *p = &r->p;
    struct hx_buf before = {0}, after = {0};
    if (r->o->explain)
        window(p, a, b, &before);
    if (c1 < 0) {
        for (size_t i = a; i < b; i++)
            p->del[i] = 1;
    } else {
        p->cp[a] = c1;
        p->cp2[a] = c2;
        for (size_t i = a + 1; i < b; i++)
            p->del[i] = 1;
    }
    r->counts[rule]++;
    if (r->o->explain) {
        window(p, a, b, &after);
        hx_note(r->st, r->doc, r->block, "%s: \"%s\" -> \"%s\"",
                rule_names[rule], before.data ? before.data : "",
                after.data ? after.data : "");
    }
    hx_buf_free(&before);
    hx_buf_free(&after);
}

/* Protects document symbols and URLs: no rule edits inside them. */
static void protect(struct para *p)
{
    static const char *const schemes[] = {"https://", "http://", "ftp://",
                                          "mailto:", "www."};
    for (size_t i = 0; i < p->n; i++) {
        size_t j = i;
        int32_t prev = i ? p->cp[i - 1] : 0;
        for (size_t s = 0; s < sizeof schemes / sizeof *schemes; s++) {
            size_t k = 0, m = i;
            const char *sc = schemes[s];
            while (sc[k] && m < p->n && p->cp[m] == (unsigned char)sc[k]) {
                k++;
                m++;
            }
            if (!sc[k]) {
                while (m < p->n && p->cp[m] > ' ' && p->cp[m] < 0x7F &&
                       p->cp[m] != '<' && p->cp[m] != '>' && p->cp[m] != '"')
                    m++;
                j = m;
                break;
            }
        }
        if (j == i && p->cp[i] >= 'A' && p->cp[i] <= 'Z' &&
            !(prev > 0 && prev < 0x7F && (u_isalnum(prev) || prev == '/'))) {
            size_t m = i, slash = 0;
            while (m < p->n && p->cp[m] >= 'A' && p->cp[m] <= 'Z')
                m++;
            while (m < p->n && p->cp[m] > 0 && p->cp[m] < 0x7F &&
                   (u_isalnum(p->cp[m]) || p->cp[m] == '/' || p->cp[m] == '.' ||
                    p->cp[m] == '-')) {
                slash += p->cp[m] == '/';
                m++;
            }
            while (m > i && (p->cp[m - 1] == '.' || p->cp[m - 1] == '-'))
                m--;
            if (slash)
                j = m;
            else if (m > i + 1)
                i = m - 1; /* no symbol starts later in this run either */
        }
        for (size_t k = i; k < j; k++)
            p->prot[k] = 1;
        if (j > i)
            i = j - 1;
    }
}

static int editable(const struct para *p, size_t i)
{
    return p->zh[i] && !p->prot[i] && !p->del[i];
}

static int fullwidth_alnum(const struct para *p, size_t i)
{
    int32_t c = p->cp[i];
    return editable(p, i) && c >= 0xFF10 && c <= 0xFF5A && u_isalnum(c) &&
           u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_FULLWIDTH;
}

/* A run of full-width letters and digits ("２０２１") is one edit. */
static void rule_width(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        size_t j = i;
        struct hx_buf before = {0}, after = {0};
        if (!fullwidth_alnum(p, i))
            continue;
        while (j < p->n && fullwidth_alnum(p, j))
            j++;
        if (r->o->explain)
            window(p, i, j, &before);
        for (size_t k = i; k < j; k++)
            p->cp[k] -= 0xFEE0;
        r->counts[R_WIDTH]++;
        if (r->o->explain) {
            window(p, i, j, &after);
            hx_note(r->st, r->doc, r->block, "width: \"%s\" -> \"%s\"",
                    before.data, after.data);
        }
        hx_buf_free(&before);
        hx_buf_free(&after);
        i = j - 1;
    }
}

static void rule_punct(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i], to;
        switch (c) {
        case ',':
            to = 0xFF0C;
            break;
        case ':':
            to = 0xFF1A;
            break;
        case ';':
            to = 0xFF1B;
            break;
        case '?':
            to = 0xFF1F;
            break;
        case '!':
            to = 0xFF01;
            break;
        default:
            continue;
        }
        if (!editable(p, i))
            continue;
        if (ctx(p, i, -1) == 'h' || ctx(p, i, +1) == 'h')
            edit(r, R_PUNCT, i, i + 1, to, 0);
    }
}

static void rule_paren(struct run *r)
{
    struct para *p = &r->p;
    size_t stack[64], depth = 0, overflow = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->del[i] || p->prot[i])
            continue;
        if (p->cp[i] == '(') {
            if (depth < 64)
                stack[depth++] = i;
            else
                overflow++;
        } else if (p->cp[i] == ')') {
            if (overflow) {
                overflow--;
                continue;
            }
            if (!depth)
                continue;
            size_t a = stack[--depth];
            int inner = 0;
            for (size_t k = a + 1; k < i && !inner; k++)
                inner = !p->del[k] && is_han(p->cp[k]);
            if (!p->zh[a] || !p->zh[i])
                continue;
            if (inner || (r->o->profile == PROFILE_GBT &&
                          (ctx(p, a, -1) == 'h' || ctx(p, i, +1) == 'h'))) {
                edit(r, R_PAREN, a, a + 1, 0xFF08, 0);
                r->counts[R_PAREN]--; /* a pair is one edit */
                edit(r, R_PAREN, i, i + 1, 0xFF09, 0);
            }
        }
    }
}

static void rule_ellipsis(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        size_t j = i;
        if (!editable(p, i) ||
            (c != '.' && c != 0x2026 && c != 0x3002 && c != 0x22EF))
            continue;
        while (j < p->n && p->cp[j] == c && editable(p, j) && !p->cp2[j])
            j++;
        size_t n = j - i;
        int want = (c == '.' && n >= 3) || (c == 0x3002 && n >= 3) ||
                   (c == 0x2026 && n != 2) || (c == 0x22EF && n >= 2);
        if (want && (ctx(p, i, -1) == 'h' || ctx(p, j - 1, +1) == 'h'))
            edit(r, R_ELLIPSIS, i, j, 0x2026, 0x2026);
        i = j - 1;
    }
}

static void rule_dash(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        size_t j = i;
        if (!editable(p, i) ||
            (c != 0x2014 && c != '-' && c != 0x2015 && c != 0xFF0D))
            continue;
        while (j < p->n && p->cp[j] == c && editable(p, j) && !p->cp2[j])
            j++;
        size_t n = j - i;
        int want = (c == 0x2014 && n == 1) || (c != 0x2014 && n == 2);
        if (want && ctx(p, i, -1) == 'h' && ctx(p, j - 1, +1) == 'h')
            edit(r, R_DASH, i, j, 0x2014, 0x2014);
        i = j - 1;
    }
}

/* Is the neighbour at k Chinese punctuation (a quote counts when the text
 * it encloses, on the side away from the space, is Han)? */
static int cjk_side(const struct para *p, ssize_t k, int away)
{
    if (k < 0)
        return 0;
    if (is_cjk_punct(p->cp[k]))
        return 1;
    if (is_quote(p->cp[k])) {
        ssize_t q = near(p, (size_t)k, away, 1);
        return q >= 0 && (is_han(p->cp[q]) || is_cjk_punct(p->cp[q]));
    }
    return 0;
}

static void rule_space(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        if (!editable(p, i) || !is_space(p->cp[i]))
            continue;
        size_t j = i;
        while (j < p->n && (p->del[j] || is_space(p->cp[j])) && editable(p, j))
            j++;
        ssize_t L = near(p, i, -1, 1), R = near(p, j - 1, +1, 1);
        if (L < 0 || R < 0 || p->cp[L] == STOP || p->cp[R] == STOP) {
            i = j - 1;
            continue;
        }
        if (is_han(p->cp[L]) || is_han(p->cp[R]) || cjk_side(p, L, -1) ||
            cjk_side(p, R, +1))
            edit(r, R_SPACE, i, j, -1, 0);
        i = j - 1;
    }
}

/* --- paragraphs ------------------------------------------------------------
 */

/* NFC of one text node's content, in place. */
static void nfc_text(struct run *r, struct hx_node *t)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0, nlen, blen = 0;
    UChar *u = NULL, *v = NULL;
    char *b = NULL;
    if (!t->len || t->len > (1u << 24))
        return;
    u_strFromUTF8(NULL, 0, &ulen, t->text, (int32_t)t->len, &err);
    err = U_ZERO_ERROR;
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    v = malloc(((size_t)ulen * 3 + 1) * sizeof *v);
    if (!u || !v)
        goto out;
    u_strFromUTF8(u, ulen + 1, NULL, t->text, (int32_t)t->len, &err);
    if (U_FAILURE(err) || unorm2_isNormalized(r->nfc, u, ulen, &err) ||
        U_FAILURE(err))
        goto out;
    nlen = unorm2_normalize(r->nfc, u, ulen, v, ulen * 3 + 1, &err);
    if (U_FAILURE(err))
        goto out;
    u_strToUTF8(NULL, 0, &blen, v, nlen, &err);
    err = U_ZERO_ERROR;
    b = malloc((size_t)blen + 1);
    if (!b)
        goto out;
    u_strToUTF8(b, blen + 1, NULL, v, nlen, &err);
    if (U_FAILURE(err))
        goto out;
    if (r->o->explain)
        hx_note(r->st, r->doc, r->block, "nfc: \"%s\" -> \"%s\"", t->text, b);
    hx_node_set_text(r->doc, t, b, (size_t)blen);
    r->counts[R_NFC]++;
out:
    free(u);
    free(v);
    free(b);
}

static int seg_add(struct para *p, struct hx_node *t)
{
    if (p->nsegs == p->segcap) {
        size_t cap = p->segcap ? p->segcap * 2 : 16;
        struct hx_node **v = realloc(p->segs, cap * sizeof *v);
        if (!v)
            return -1;
        p->segs = v;
        p->segcap = cap;
    }
    p->segs[p->nsegs++] = t;
    return 0;
}

/* Collects the inline content of block b (notes excluded: their blocks
 * are paragraphs of their own) into r->p. */
static int gather(struct run *r, struct hx_node *b, const char *guess)
{
    struct hx_iter it = hx_iter_start(b);
    struct para *p = &r->p;
    p->n = p->nsegs = 0;
    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter || n == b)
            continue;
        if (n->type == HX_NOTE || n->type == HX_NOTEREF) {
            if (seg_add(p, n) != 0 || push(p, MARK, (int)p->nsegs - 1, 0) != 0)
                return -1;
            if (n->type == HX_NOTE)
                hx_iter_skip(&it);
        } else if (n->type == HX_BREAK || !hx_type_is_inline(n->type)) {
            if (push(p, STOP, -1, 0) != 0)
                return -1;
            if (!hx_type_is_inline(n->type))
                hx_iter_skip(&it);
        } else if (n->type == HX_TEXT) {
            const char *lang = hx_node_lang(r->doc, n);
            int zh = hx_lang_is(lang ? lang : guess, "zh");
            if (zh) {
                r->any_zh = 1;
                nfc_text(r, n);
            }
            if (seg_add(p, n) != 0)
                return -1;
            for (size_t i = 0; i < n->len;) {
                int32_t c = hx_utf8_next(n->text, n->len, &i);
                if (push(p, c < 0 ? 0xFFFD : c, (int)p->nsegs - 1, zh) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* Writes the edited code points back into their text nodes. */
static void scatter(struct run *r)
{
    struct para *p = &r->p;
    struct hx_buf b = {0};
    size_t i = 0;
    for (size_t s = 0; s < p->nsegs; s++) {
        struct hx_node *t = p->segs[s];
        int changed = 0;
        if (t->type != HX_TEXT)
            continue; /* a note marker */
        hx_buf_reset(&b);
        while (i < p->n && p->seg[i] != (int)s)
            i++;
        for (; i < p->n && p->seg[i] == (int)s; i++) {
            if (p->del[i]) {
                changed = 1;
                continue;
            }
            hx_buf_addcp(&b, p->cp[i]);
            if (p->cp2[i])
                hx_buf_addcp(&b, p->cp2[i]);
        }
        if (b.len != t->len || (b.len && memcmp(b.data, t->text, b.len) != 0))
            changed = 1;
        if (changed)
            hx_node_set_text(r->doc, t, b.data ? b.data : "", b.len);
    }
    hx_buf_free(&b);
}

static int has_inlines(const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next)
        if (hx_type_is_inline(c->type))
            return 1;
    return 0;
}

static int zh_doc(struct hx_stage *st, struct hx_doc *doc)
{
    struct run r;
    const char *guess = NULL;
    memset(&r, 0, sizeof r);
    r.st = st;
    r.doc = doc;
    r.o = st->priv;
    {
        UErrorCode err = U_ZERO_ERROR;
        r.nfc = unorm2_getNFCInstance(&err);
        if (U_FAILURE(err)) {
            hx_error(st, doc, NULL, "ICU has no NFC data: %s",
                     u_errorName(err));
            return -1;
        }
    }
    if (!doc->lang) {
        size_t len;
        char *all = hx_node_text(doc, doc->root, &len);
        guess = hx_lang_guess(all, len);
    }
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        struct hx_node *b = it.node;
        if (it.enter || hx_type_is_inline(b->type) || !has_inlines(b))
            continue;
        r.block = b;
        if (gather(&r, b, guess) != 0) {
            r.oom = 1;
            break;
        }
        protect(&r.p);
        rule_width(&r);
        context(&r.p);
        if (r.o->profile != PROFILE_OFF) {
            rule_punct(&r);
            rule_paren(&r);
            rule_ellipsis(&r);
            rule_dash(&r);
        }
        rule_space(&r);
        scatter(&r);
    }
    free(r.p.cp);
    free(r.p.cp2);
    free(r.p.seg);
    free(r.p.prot);
    free(r.p.del);
    free(r.p.zh);
    free(r.p.lctx);
    free(r.p.rctx);
    free(r.p.segs);
    if (r.oom) {
        hx_error(st, doc, NULL, "out of memory");
        return -1;
    }
    if (r.any_zh)
        for (int k = 0; k < R_COUNT; k++)
            hx_note(st, doc, NULL, "rule %s: %d edit%s", rule_names[k],
                    r.counts[k], r.counts[k] == 1 ? "" : "s");
    return 0;
}

const struct hx_filter hx_zh_norm = {
    .name = "zh-norm",
    .kind = HX_FILTER,
    .summary = "Chinese text: NFC, widths, punctuation (profile=un|gbt15834|"
               "off), ellipsis, dashes, spaces; symbols and URLs untouched",
    .needs = HX_HAS_TREE,
    .gives = HX_HAS_NORM,
    .priv_size = sizeof(struct opts),
    .opts = zh_opts,
    .doc = zh_doc,
};
