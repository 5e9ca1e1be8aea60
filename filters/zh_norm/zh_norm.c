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
#include "zh_norm.h"

static const char *const profiles[] = {"un", "gbt15834", "off", NULL};

static const struct hx_opt zh_opts[] = {
    {"profile", HX_OPT_ENUM, offsetof(struct opts, profile), "un",
     "punctuation style: un (UN Chinese house style), gbt15834, off", profiles, 0, 0},
    {"explain", HX_OPT_BOOL, offsetof(struct opts, explain), "no",
     "list every edit as a note: key, rule, before -> after", NULL, 0, 1},
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
            hx_error(st, doc, NULL, "ICU has no NFC data: %s", u_errorName(err));
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
        if (it.enter || hx_type_is_inline(b->type) || !hx_node_has_inlines(b))
            continue;
        r.block = b;
        if (gather(&r, b, guess) != 0) {
            r.oom = 1;
            break;
        }
        zh_protect(&r.p);
        zh_rule_width(&r);
        zh_context(&r.p);
        if (r.o->profile != PROFILE_OFF) {
            zh_rule_punct(&r);
            zh_rule_paren(&r);
            zh_rule_ellipsis(&r);
            zh_rule_dash(&r);
        }
        zh_rule_space(&r);
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
            hx_note(st, doc, NULL, "rule %s: %d edit%s", zh_rule_names[k], r.counts[k],
                    r.counts[k] == 1 ? "" : "s");
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
