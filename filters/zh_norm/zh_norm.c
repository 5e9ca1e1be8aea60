/* zh-norm: normalises Chinese text in the model to the UN Chinese house
 * style, leaving typesetting to the writers. The rules are one table,
 * filters/zh_norm/rules.tsv: each row names a rule, what it replaces,
 * where (Han before, Han after, paragraph end, never inside a Latin run)
 * and its source (GB/T 15834-2011, GB/T 15835-2011, UN editorial practice
 * as the seed shows it); explain=yes reports every edit with its rule and
 * source. In the order they run on each paragraph:
 *
 *   nfc, width              NFC; full-width letters and digits to half width
 *   comma … exclamation     , : ; ? ! to ， ： ； ？ ！ between Han text
 *   quote-double/-single    straight quotes paired into “ ” ‘ ’ (quotes.c)
 *   stop                    . to 。 ending Chinese ("…辩论.", "见A/76/62.")
 *   paren-han/-latin/-gbt   （ ） around Han content, ( ) around Latin only
 *   ellipsis, dash          …… and ——
 *   space, space-*          spaces between Han and Latin, digits or
 *                           Chinese punctuation; U+3000; "87 %"
 *
 * A paragraph is Chinese when it is tagged so, or, untagged, when the
 * document is Chinese, or when it is mostly Han and not Japanese or Korean
 * (a Chinese paragraph in an English report; see gather); only Chinese
 * paragraphs are edited, and in them text tagged in another language only
 * at its edges. A paragraph with no character from U+2E80 on is skipped
 * at once. Nothing inside a document symbol, URL or e-mail address is
 * edited. profile=off keeps the punctuation rules from running. No
 * character is lost except the removed spaces and the dots an ellipsis is
 * made of, and a second run finds nothing to do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "zh_norm.h"

static const char *const profiles[] = {"un", "gbt15834", "off", NULL};

static const struct hx_opt zh_opts[] = {
    {"profile", HX_OPT_ENUM, offsetof(struct opts, profile), "un",
     "punctuation style: un (UN Chinese house style), gbt15834, off", profiles, 0, 0},
    {"explain", HX_OPT_BOOL, offsetof(struct opts, explain), "no",
     "list every edit as a note: key, rule and its source, before -> after", NULL, 0, 1},
    {0},
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
    unsigned char *cls = realloc(p->cls, cap), *prot = NULL, *del = NULL, *zh = NULL;
    if (cls)
        p->cls = cls;
    prot = realloc(p->prot, cap);
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
    if (!cp || !cp2 || !seg || !cls || !prot || !del || !zh || !lc || !rc)
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
    p->cls[p->n] = (unsigned char)zh_class(c);
    p->prot[p->n] = c < 0;
    p->del[p->n] = 0;
    p->zh[p->n] = (unsigned char)zh;
    p->n++;
    return 0;
}

/* --- paragraphs ------------------------------------------------------------
 */

/* The code point at s[*i], advancing *i: ASCII and well-formed
 * three-byte sequences (all of Chinese text but rare characters) here,
 * the rest by hx_utf8_next. */
static int32_t decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = len - *i;
    if (u[0] < 0x80) {
        (*i)++;
        return u[0];
    }
    if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && left >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        *i += 3;
        return ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    return hx_utf8_next(s, len, i);
}

/* Code points that are NFC on their own and combine with nothing before
 * them (quick check Yes, combining class 0): a table for ASCII, Latin-1,
 * general punctuation, CJK punctuation and ideographs and full-width
 * forms, ICU for the rest. Text made of them needs no trip through
 * UTF-16 and the normaliser. */
static int nfc_inert(int32_t c)
{
    if (c < 0x300 || (c >= 0x2010 && c <= 0x205E) || (c >= 0x3000 && c <= 0x3029) ||
        (c >= 0x3030 && c <= 0x3098) || (c >= 0x309B && c <= 0x9FFF) ||
        (c >= 0xFF00 && c <= 0xFFEF))
        return 1;
    return c > 0 && u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
           u_getCombiningClass(c) == 0;
}

/* NFC of one text node's content, in place. */
static void nfc_text(struct run *r, struct hx_node *t)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0, nlen, blen = 0;
    UChar *u = NULL, *v = NULL;
    char *b = NULL;
    size_t i = 0;
    int inert = 1;
    if (!t->len || t->len > (1u << 24))
        return;
    while (i < t->len && inert)
        inert = nfc_inert(decode(t->text, t->len, &i));
    if (inert)
        return;
    u_strFromUTF8(NULL, 0, &ulen, t->text, (int32_t)t->len, &err);
    err = U_ZERO_ERROR;
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    v = malloc(((size_t)ulen * 3 + 1) * sizeof *v);
    if (!u || !v)
        goto out;
    u_strFromUTF8(u, ulen + 1, NULL, t->text, (int32_t)t->len, &err);
    if (U_FAILURE(err) || unorm2_isNormalized(r->nfc, u, ulen, &err) || U_FAILURE(err))
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
        hx_note(r->st, r->doc, r->block, "nfc (%s): \"%s\" -> \"%s\"", hx_zh_rules[R_NFC][4],
                t->text, b);
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
        if (v)
            p->segs = v;
        unsigned char *d = realloc(p->dirty, cap);
        if (d)
            p->dirty = d;
        if (!v || !d)
            return -1;
        p->segcap = cap;
    }
    p->dirty[p->nsegs] = 0;
    p->segs[p->nsegs++] = t;
    return 0;
}

/* Does s hold a code point from U+2E80 on (CJK radicals, punctuation,
 * ideographs, full-width forms)? Bytes only: most text has none. */
static int has_wide(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE3 || (c == 0xE2 && i + 1 < len && (unsigned char)s[i + 1] >= 0xBA))
            return 1;
    }
    return 0;
}

/* The language tag of n or its nearest tagged ancestor below stop (NULL
 * for the document's root: the whole ancestry), NULL when none. */
static const char *tagged(const struct hx_node *n, const struct hx_node *stop)
{
    for (; n && n != stop; n = n->parent)
        if (n->lang)
            return n->lang;
    return NULL;
}

/* Separators a run in another language shares with the Chinese text
 * around it: spaces, quotes, parentheses, a comma. */
static int separator(int32_t c)
{
    return (zh_class(c) & ZC_SPACE) || c == '"' || c == '\'' || c == '(' || c == ')' || c == ',' ||
           c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0xFF02 || c == 0xFF07 ||
           c == 0xFF08 || c == 0xFF09;
}

/* Text tagged in another language inside Chinese text (Word tags Latin
 * runs of Chinese paragraphs en-US) keeps its own punctuation; but the
 * separators at its edges, between its first or last letter and the
 * Chinese next to it ("NANDrive |微型", "|"Connecting the Unconnected"|的"),
 * belong to the Chinese sentence and follow its rules. */
static void edges(struct para *p)
{
    for (size_t a = 0; a < p->n;) {
        size_t b = a;
        if (p->zh[a] || p->cp[a] < 0) {
            a++;
            continue;
        }
        while (b < p->n && !p->zh[b] && p->cp[b] >= 0)
            b++;
        if (a > 0 && p->zh[a - 1])
            for (size_t k = a; k < b && separator(p->cp[k]); k++)
                p->zh[k] = 1;
        if (b < p->n && p->zh[b])
            for (size_t k = b; k > a && separator(p->cp[k - 1]); k--)
                p->zh[k - 1] = 1;
        a = b;
    }
}

/* Collects the inline content of block b (notes excluded: their blocks
 * are paragraphs of their own) into r->p, counting Han characters and
 * lower-case Latin letters, noting kana and Hangul (*kana); text tagged in another language inside
 * the block is not Chinese (zh 0). Sets *nfc when some text may change under NFC. */
static int collect(struct run *r, struct hx_node *b, size_t *han, size_t *lower, int *nfc,
                   int *kana)
{
    struct hx_iter it = hx_iter_start(b);
    struct para *p = &r->p;
    p->n = p->nsegs = 0;
    *han = *lower = 0;
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
            const char *lang = tagged(n, b);
            int zh = lang ? hx_lang_is(lang, "zh") : 1;
            if (seg_add(p, n) != 0)
                return -1;
            for (size_t i = 0; i < n->len;) {
                int32_t c = decode(n->text, n->len, &i);
                if (push(p, c < 0 ? 0xFFFD : c, (int)p->nsegs - 1, zh) != 0)
                    return -1;
                *han += (p->cls[p->n - 1] & ZC_HAN) != 0;
                *lower += c >= 'a' && c <= 'z';
                *kana |= (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) ||
                         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F) ||
                         (c >= 0xAC00 && c <= 0xD7AF);
                *nfc |= zh && !nfc_inert(c);
            }
        }
    }
    return 0;
}

/* Gathers block b into r->p when it is a Chinese paragraph: 0 when it
 * is, 1 when not (nothing to do), -1 out of memory. A paragraph is
 * Chinese by its tag or, untagged, the document's language; in another
 * language but Japanese and Korean, by its letters: no kana or Hangul,
 * and a Han character for every three lower-case Latin letters or fewer
 * (acronyms and symbols do not count): a Chinese paragraph in an English
 * report, not "typeface="宋体"" in one. One with no character from
 * U+2E80 on is not, found from its bytes alone. */
static int gather(struct run *r, struct hx_node *b, const char *doc_lang)
{
    struct hx_iter it = hx_iter_start(b);
    size_t han, lower;
    int wide = 0, nfc = 0, kana = 0;
    while (hx_iter_next(&it) && !wide)
        if (it.enter && it.node->type == HX_TEXT)
            wide = has_wide(it.node->text, it.node->len);
    if (!wide)
        return 1;
    if (collect(r, b, &han, &lower, &nfc, &kana) != 0)
        return -1;
    const char *lang = tagged(b, NULL);
    if (!lang)
        lang = doc_lang;
    if (!hx_lang_is(lang, "zh") &&
        (hx_lang_is(lang, "ja") || hx_lang_is(lang, "ko") || kana || !han || han * 3 < lower))
        return 1;
    if (nfc) {
        for (size_t s = 0; s < r->p.nsegs; s++) {
            struct hx_node *t = r->p.segs[s];
            const char *tl = t->type == HX_TEXT ? tagged(t, b) : "und";
            if (!tl || hx_lang_is(tl, "zh"))
                nfc_text(r, t);
        }
        if (collect(r, b, &han, &lower, &nfc, &kana) != 0)
            return -1;
    }
    edges(&r->p);
    return 0;
}

/* Writes c as UTF-8 at o, returning the byte count (c is a scalar value:
 * decoded text maps invalid bytes to U+FFFD). */
static size_t put(char *o, int32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Writes the edited code points back into the text nodes a rule edited;
 * -1 out of memory. */
static int scatter(struct run *r)
{
    struct para *p = &r->p;
    char *out = malloc(p->n * 8 + 1);
    size_t i = 0;
    if (!out)
        return -1;
    for (size_t s = 0; s < p->nsegs; s++) {
        struct hx_node *t = p->segs[s];
        size_t len = 0;
        if (t->type != HX_TEXT || !p->dirty[s])
            continue; /* a note marker, or text no rule edited */
        while (i < p->n && p->seg[i] != (int)s)
            i++;
        for (; i < p->n && p->seg[i] == (int)s; i++) {
            if (p->del[i])
                continue;
            len += put(out + len, p->cp[i]);
            if (p->cp2[i])
                len += put(out + len, p->cp2[i]);
        }
        if (len != t->len || memcmp(out, t->text, len) != 0)
            hx_node_set_text(r->doc, t, out, len);
    }
    free(out);
    return 0;
}

/* Runs the rules over one gathered paragraph. */
static void normalise(struct run *r)
{
    zh_rule_width(r);
    zh_protect(&r->p);
    zh_context(&r->p);
    if (r->o->profile != PROFILE_OFF) {
        zh_rule_punct(r);
        zh_rule_quotes(r);
        zh_rule_stop(r);
        zh_rule_paren(r);
        zh_rule_ellipsis(r);
        zh_rule_dash(r);
    }
    zh_rule_space(r);
}

/* One note per document: the rules that edited, with their counts. */
static void summary(struct run *r)
{
    struct hx_buf b = {0};
    for (int k = 0; k < R_COUNT; k++)
        if (r->counts[k]) {
            char num[24];
            snprintf(num, sizeof num, " %d", r->counts[k]);
            if (b.len)
                hx_buf_adds(&b, ", ");
            hx_buf_adds(&b, zh_rule_names[k]);
            hx_buf_adds(&b, num);
        }
    hx_note(r->st, r->doc, NULL, "edits by rule: %s", b.data ? b.data : "none");
    hx_buf_free(&b);
}

static void para_free(struct para *p)
{
    free(p->cp);
    free(p->cp2);
    free(p->seg);
    free(p->cls);
    free(p->prot);
    free(p->del);
    free(p->zh);
    free(p->lctx);
    free(p->rctx);
    free(p->segs);
    free(p->dirty);
}

/* Gathers, normalises and writes back block b; -1 when out of memory.
 * *any is set once Chinese text is met. */
static int norm_block(struct run *r, struct hx_node *b, const char *doc_lang, int *any)
{
    r->block = b;
    int rc = gather(r, b, doc_lang);
    if (rc < 0)
        return -1;
    if (rc > 0)
        return 0;
    for (size_t i = 0; i < r->p.n && !*any; i++)
        *any = r->p.zh[i];
    normalise(r);
    return scatter(r) != 0 ? -1 : 0;
}

/* The document's language, or the one its text suggests. */
static const char *doc_language(struct hx_doc *doc)
{
    if (doc->lang)
        return doc->lang;
    size_t len;
    char *all = hx_node_text(doc, doc->root, &len);
    return has_wide(all, len) ? hx_lang_guess(all, len) : "und";
}

static int zh_doc(struct hx_stage *st, struct hx_doc *doc)
{
    struct run r;
    const char *doc_lang = NULL;
    int any = 0;
    memset(&r, 0, sizeof r);
    r.st = st;
    r.doc = doc;
    r.o = st->priv;
    {
        UErrorCode err = U_ZERO_ERROR;
        r.nfc = unorm2_getNFCInstance(&err);
        if (U_FAILURE(err)) {
            hx_error(st, doc, NULL, "ICU has no NFC data: %s", u_errorName(err));
            return -1;
        }
    }
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        struct hx_node *b = it.node;
        if (it.enter || hx_type_is_inline(b->type) || !hx_node_has_inlines(b))
            continue;
        if (!doc_lang)
            doc_lang = doc_language(doc);
        if (norm_block(&r, b, doc_lang, &any) != 0) {
            r.oom = 1;
            break;
        }
    }
    /* Metadata taken from the masthead before this stage ran (structure's
     * "rapporteur", "title") get the same rules, so that they agree with
     * the text and a second run changes nothing; the summary counts edits
     * of the text only. */
    int text_counts[R_COUNT], meta_any = 0;
    memcpy(text_counts, r.counts, sizeof text_counts);
    for (struct hx_meta *m = doc->meta; m && !r.oom; m = m->next) {
        if (!doc_lang)
            doc_lang = doc_language(doc);
        struct hx_node *b = hx_node_new(doc, HX_PARA);
        hx_node_append(b, hx_text_new(doc, m->value, strlen(m->value)));
        if (norm_block(&r, b, doc_lang, &meta_any) != 0)
            r.oom = 1;
        else
            m->value = b->first && b->first->type == HX_TEXT ? b->first->text : "";
    }
    memcpy(r.counts, text_counts, sizeof text_counts);
    para_free(&r.p);
    if (r.oom) {
        hx_error(st, doc, NULL, "out of memory");
        return -1;
    }
    if (any)
        summary(&r);
    return 0;
}

static int zh_open(struct hx_stage *st)
{
    const char *bad = zh_rules_check();
    if (bad) {
        hx_error(st, NULL, NULL, "rules.tsv and the code disagree at rule %s", bad);
        return -1;
    }
    return 0;
}

const struct hx_filter hx_zh_norm = {
    .name = "zh-norm",
    .kind = HX_FILTER,
    .summary = "Chinese text to the UN house style (rules.tsv): NFC, widths, "
               "punctuation, quotes, full stops, parentheses by content, ellipsis, "
               "dashes, spaces; symbols, URLs, e-mail untouched",
    .needs = HX_HAS_TREE,
    .gives = HX_HAS_NORM,
    .priv_size = sizeof(struct opts),
    .opts = zh_opts,
    .open = zh_open,
    .doc = zh_doc,
};
