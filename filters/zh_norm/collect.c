/* zh-norm's gathering of a block into a paragraph of code points (struct
 * para): which blocks are Chinese, NFC where needed, the classes of every
 * character and what the paragraph holds that a rule acts on (ZF_*).
 *
 * This runs over every character of every document, Chinese or not, so
 * it is written for speed: blocks without a character from U+2E80 on are
 * dropped after a scan of their bytes, sixteen at a time; the rest are
 * decoded in one pass with the common cases (ASCII, three-byte UTF-8, the
 * unified ideographs) classified by table and range, without calls. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "zh_norm.h"

void zh_run_tables(struct run *r)
{
    static const enum zh_rule rows[] = {R_COMMA, R_COLON, R_SEMICOLON, R_QUESTION, R_EXCLAMATION};
    for (int c = 0; c < 128; c++) {
        r->acls[c] = (unsigned char)zh_class(c);
        r->afeat[c] =
            (unsigned short)((r->acls[c] & ZC_SPACE ? ZF_SPACE : 0) |
                             (c == '"' || c == '\'' ? ZF_QUOTE : 0) | (c == '.' ? ZF_DOT : 0) |
                             (c == '(' ? ZF_POPEN : 0) | (c == ')' ? ZF_PCLOSE : 0) |
                             (c == '.' || c == ':' || c == '/' || c == '@' ? ZF_ADDRESS : 0));
        r->punct_to[c] = 0;
        r->punct_rule[c] = 0;
    }
    r->tables = 1;
    for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
        const char *from = hx_zh_rules[rows[k]][1], *dst = hx_zh_rules[rows[k]][2];
        size_t i = 0, n = strlen(dst);
        if ((unsigned char)from[0] < 0x80 && from[0] && !from[1]) {
            unsigned char c = (unsigned char)from[0];
            r->punct_to[c] = hx_utf8_next(dst, n, &i);
            r->punct_rule[c] = (unsigned char)rows[k];
            if (r->punct_to[c])
                r->afeat[c] |= ZF_PUNCT;
        }
    }
}

/* Makes room for cap places in every per-character array of p; -1 out of
 * memory (the arrays that did grow are kept). */
static int reserve(struct para *p, size_t need)
{
    if (need <= p->cap)
        return 0;
    size_t cap = p->cap ? p->cap : 256;
    while (cap < need)
        cap *= 2;
    int32_t *cp = realloc(p->cp, cap * sizeof *cp);
    if (cp)
        p->cp = cp;
    int32_t *cp2 = realloc(p->cp2, cap * sizeof *cp2);
    if (cp2)
        p->cp2 = cp2;
    int *seg = realloc(p->seg, cap * sizeof *seg);
    if (seg)
        p->seg = seg;
    size_t *off = realloc(p->off, cap * sizeof *off);
    if (off)
        p->off = off;
    unsigned char **bytes[] = {&p->cls, &p->prot, &p->del, &p->zh, &p->ed, &p->lctx, &p->rctx};
    int ok = cp && cp2 && seg && off;
    for (size_t k = 0; k < sizeof bytes / sizeof *bytes; k++) {
        unsigned char *v = realloc(*bytes[k], cap);
        if (v)
            *bytes[k] = v;
        ok = ok && v;
    }
    if (!ok)
        return -1;
    p->cap = cap;
    return 0;
}

/* A marker or line break (c < 0) in the paragraph's sequence. */
static int push_mark(struct para *p, int32_t c, int seg)
{
    if (reserve(p, p->n + 1) != 0)
        return -1;
    p->cp[p->n] = c;
    p->cp2[p->n] = 0;
    p->seg[p->n] = seg;
    p->cls[p->n] = 0;
    p->prot[p->n] = 1;
    p->del[p->n] = 0;
    p->ed[p->n] = 0;
    p->zh[p->n] = 0;
    p->n++;
    return 0;
}

/* The code point at s[*i], advancing *i: ASCII and well-formed
 * three-byte sequences (all of Chinese text but rare characters) here,
 * the rest by hx_utf8_next. */
static inline int32_t decode(const char *s, size_t len, size_t *i)
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

/* decode for the scanning loops: invalid bytes as U+FFFD, and *i never
 * handed on, so that it can live in a register. */
static inline int32_t next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    if (u[0] < 0x80) {
        (*i)++;
        return u[0];
    }
    if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && len - *i >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        *i += 3;
        return ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    size_t j = *i;
    int32_t c = hx_utf8_next(s, len, &j);
    *i = j;
    return c < 0 ? 0xFFFD : c;
}

/* The ideograph from U+4E00 to U+9FFF (Han, NFC-inert, no rule's mark:
 * most of a Chinese text) encoded at s[i], or 0 for anything else. */
static inline int32_t han3(const unsigned char *s, size_t len, size_t i)
{
    unsigned b = s[i];
    if (b - 0xE4u > 5u || len - i < 3)
        return 0;
    unsigned b1 = s[i + 1], b2 = s[i + 2];
    if (((b1 ^ 0x80u) | (b2 ^ 0x80u)) >= 0x40u)
        return 0;
    int32_t c = (int32_t)((b & 0x0Fu) << 12 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu));
    return c >= 0x4E00 ? c : 0;
}

/* Code points that are NFC on their own and combine with nothing before
 * them (quick check Yes, combining class 0): a table for ASCII, Latin-1,
 * general punctuation, CJK punctuation and ideographs and full-width
 * forms, ICU for the rest. Text made of them needs no trip through
 * UTF-16 and the normaliser. */
static inline int nfc_inert(int32_t c)
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
        struct seg *g = realloc(p->sinfo, cap * sizeof *g);
        if (g)
            p->sinfo = g;
        if (!v || !g)
            return -1;
        p->segcap = cap;
    }
    p->sinfo[p->nsegs] = (struct seg){p->n, 0, 0, 0, 0};
    p->segs[p->nsegs++] = t;
    return 0;
}

/* Does s hold a code point from U+2E80 on (CJK radicals, punctuation,
 * ideographs, full-width forms)? Bytes only, sixteen at a time while
 * they are ASCII: most text has none. */
int zh_has_wide(const char *s, size_t len)
{
    const uint64_t high = 0x8080808080808080u;
    size_t i = 0;
    while (i < len) {
        if (i + 16 <= len) {
            uint64_t w, v;
            memcpy(&w, s + i, sizeof w);
            memcpy(&v, s + i + 8, sizeof v);
            if (!((w | v) & high)) {
                i += 16;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE3 || (c == 0xE2 && i + 1 < len && (unsigned char)s[i + 1] >= 0xBA))
            return 1;
        i++;
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

/* What collect counts over a block. */
struct tally {
    size_t han, lower;
    int nfc, kana;
    unsigned feat;
    int32_t prev; /* the code point before, for ZF_ELLIPSIS and ZF_DASH */
};

/* The ZF_* bits a character other than ASCII and Han sets, given the one
 * before it: the marks of the rules, and for ellipsis and dash the pairs
 * a run of them starts with. The full stop rule turns "." into "。"
 * before the ellipsis rule runs, so any two of . 。 ⋯ side by side count. */
static inline unsigned wide_feat(int32_t c, unsigned cls, int32_t prev)
{
    unsigned f = cls & ZC_SPACE ? ZF_SPACE : 0;
    switch (c) {
    case 0x2026: return f | ZF_ELLIPSIS;
    case 0x3002:
    case 0x22EF: return f | (prev == '.' || prev == 0x3002 || prev == 0x22EF ? ZF_ELLIPSIS : 0);
    case 0x2014: return f | ZF_DASH;
    case 0x2015:
    case 0xFF0D: return f | (prev == c ? ZF_DASH : 0);
    case 0xFF02:
    case 0xFF07: return f | ZF_QUOTE;
    case 0xFF08: return f | ZF_POPEN;
    case 0xFF09: return f | ZF_PCLOSE;
    default: break;
    }
    if (c >= 0xFF10 && c <= 0xFF5A && (cls & ZC_LATIN))
        f |= ZF_WIDTH;
    return f;
}

/* Appends text node n (seg its segment, zh whether it is Chinese) to r->p,
 * classifying and tallying as it goes; -1 out of memory. */
static int collect_text(struct run *r, const struct hx_node *n, int seg, int zh, struct tally *t)
{
    struct para *p = &r->p;
    if (!n->len)
        return 0;
    if (reserve(p, p->n + n->len) != 0)
        return -1;
    const unsigned char *s = (const unsigned char *)n->text;
    const size_t len = n->len;
    int32_t *cp = p->cp, prev = t->prev;
    unsigned char *cls = p->cls;
    int *segs = p->seg;
    size_t *off = p->off;
    size_t k = p->n, han = 0, lower = 0;
    unsigned feat = 0;
    int nfc = 0, kana = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        int32_t c = han3(s, len, i);
        unsigned cl, b = s[i];
        if (c) { /* a run of ideographs: nothing to note but their count */
            size_t k0 = k;
            do {
                segs[k] = seg;
                off[k] = i;
                cp[k] = c;
                cls[k] = ZC_HAN | ZC_WIDE;
                k++;
                i += 3;
            } while (i < len && (c = han3(s, len, i)) != 0);
            han += k - k0;
            prev = cp[k - 1];
            continue;
        }
        segs[k] = seg;
        off[k] = i;
        if (b < 0x80) {
            c = (int32_t)b;
            i++;
            cl = r->acls[b];
            feat |= r->afeat[b];
            lower += b - 'a' < 26u;
            if (b == '.' && (prev == '.' || prev == 0x3002 || prev == 0x22EF))
                feat |= ZF_ELLIPSIS;
            else if (b == '-' && prev == '-')
                feat |= ZF_DASH;
        } else {
            c = next_cp(n->text, len, &i);
            bad |= c == 0xFFFD;
            cl = zh_class(c);
            han += (cl & ZC_HAN) != 0;
            feat |= wide_feat(c, cl, prev);
            kana |= (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || (c >= 0x31F0 && c <= 0x31FF) ||
                    (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0xAC00 && c <= 0xD7AF);
            nfc |= zh && !nfc_inert(c);
        }
        cp[k] = c;
        cls[k] = (unsigned char)cl;
        prev = c;
        k++;
    }
    size_t from = p->n, m = k - from;
    memset(p->cp2 + from, 0, m * sizeof *p->cp2);
    memset(p->prot + from, 0, m);
    memset(p->del + from, 0, m);
    memset(p->ed + from, 0, m);
    memset(p->zh + from, zh, m);
    p->n = k;
    p->sinfo[seg].bad = (unsigned char)bad;
    p->foreign |= !zh && m;
    p->has_zh |= zh && m;
    t->han += han;
    t->lower += lower;
    t->feat |= feat;
    t->nfc |= nfc;
    t->kana |= kana;
    t->prev = prev;
    return 0;
}

/* Collects the inline content of block b (notes excluded: their blocks
 * are paragraphs of their own) into r->p, with what t tallies: Han
 * characters, lower-case Latin letters, kana and Hangul, whether some
 * Chinese text may change under NFC, and the ZF_* bits (in p->feat too).
 * Text tagged in another language inside the block is not Chinese (zh 0). */
static int collect(struct run *r, struct hx_node *b, struct tally *t)
{
    struct hx_iter it = hx_iter_start(b);
    struct para *p = &r->p;
    p->n = p->nsegs = 0;
    p->foreign = p->has_zh = p->ctx = 0;
    memset(t, 0, sizeof *t);
    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter || n == b)
            continue;
        if (n->type == HX_NOTE || n->type == HX_NOTEREF) {
            if (seg_add(p, n) != 0 || push_mark(p, MARK, (int)p->nsegs - 1) != 0)
                return -1;
            t->prev = MARK;
            if (n->type == HX_NOTE)
                hx_iter_skip(&it);
        } else if (n->type == HX_BREAK || !hx_type_is_inline(n->type)) {
            if (push_mark(p, STOP, -1) != 0)
                return -1;
            t->prev = STOP;
            if (!hx_type_is_inline(n->type))
                hx_iter_skip(&it);
        } else if (n->type == HX_TEXT) {
            const char *lang = tagged(n, b);
            int zh = lang ? hx_lang_is(lang, "zh") : 1;
            if (seg_add(p, n) != 0 || collect_text(r, n, (int)p->nsegs - 1, zh, t) != 0)
                return -1;
        }
    }
    p->feat = t->feat;
    return 0;
}

/* What a text's bytes show without decoding it into the paragraph: the
 * ZF_* bits (as collect_text finds them, prev the code point before) and,
 * for Chinese text (zh), whether it may change under NFC. Runs of the
 * ideographs U+4E00-U+9FFF (han3) are skipped three bytes at a time.
 * Stops early (returns 1) at the first thing a rule acts on. */
static int scan_text(const struct run *r, const struct hx_node *n, int zh, int32_t *prev)
{
    const unsigned char *s = (const unsigned char *)n->text;
    const size_t len = n->len;
    int32_t pc = *prev;
    for (size_t i = 0; i < len;) {
        unsigned b = s[i];
        int32_t c;
        if (b < 0x80) {
            if (r->afeat[b] || (b == '.' && (pc == '.' || pc == 0x3002 || pc == 0x22EF)) ||
                (b == '-' && pc == '-'))
                return 1;
            pc = (int32_t)b;
            i++;
            continue;
        }
        if (han3(s, len, i)) {
            do /* a run of ideographs: no mark of any rule */
                i += 3;
            while (i < len && han3(s, len, i));
            pc = 0x5000;
            continue;
        }
        c = next_cp(n->text, len, &i);
        if ((c < 0x4E00 || c > 0x9FFF) && (wide_feat(c, zh_class(c), pc) || (zh && !nfc_inert(c))))
            return 1;
        pc = c;
    }
    *prev = pc;
    return 0;
}

/* Does block b, as collect would gather it, hold nothing any rule acts on
 * and nothing NFC would change? Sets *zh_text when it holds Chinese text. */
static int nothing_to_do(const struct run *r, struct hx_node *b, int *zh_text)
{
    struct hx_iter it = hx_iter_start(b);
    int32_t prev = 0;
    *zh_text = 0;
    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter || n == b)
            continue;
        if (n->type == HX_NOTE || n->type == HX_NOTEREF || n->type == HX_BREAK ||
            !hx_type_is_inline(n->type)) {
            prev = MARK;
            if (n->type == HX_NOTE || !hx_type_is_inline(n->type))
                hx_iter_skip(&it);
        } else if (n->type == HX_TEXT) {
            const char *lang = tagged(n, b);
            int zh = lang ? hx_lang_is(lang, "zh") : 1;
            if (scan_text(r, n, zh, &prev))
                return 0;
            *zh_text |= zh && n->len;
        }
    }
    return 1;
}

/* A paragraph is Chinese by its tag or, untagged, the document's
 * language; in another language but Japanese and Korean, by its letters:
 * no kana or Hangul, and a Han character for every three lower-case Latin
 * letters or fewer (acronyms and symbols do not count): a Chinese
 * paragraph in an English report, not "typeface="宋体"" in one. One with
 * no character from U+2E80 on is not, found from its bytes alone. */
int zh_gather(struct run *r, struct hx_node *b, const char *doc_lang)
{
    struct hx_iter it = hx_iter_start(b);
    struct tally t;
    int wide = 0;
    r->p.has_zh = 0;
    while (hx_iter_next(&it) && !wide)
        if (it.enter && it.node->type == HX_TEXT)
            wide = zh_has_wide(it.node->text, it.node->len);
    if (!wide)
        return 1;
    if (!r->tables) /* at the first paragraph that may be Chinese */
        zh_run_tables(r);
    const char *lang = tagged(b, NULL);
    int chinese = hx_lang_is(lang ? lang : doc_lang, "zh");
    if (chinese && nothing_to_do(r, b, &r->p.has_zh))
        return 1; /* Chinese (has_zh tells), but no rule would edit it */
    if (collect(r, b, &t) != 0)
        return -1;
    if (!chinese &&
        (hx_lang_is(lang ? lang : doc_lang, "ja") || hx_lang_is(lang ? lang : doc_lang, "ko") ||
         t.kana || !t.han || t.han * 3 < t.lower)) {
        r->p.has_zh = 0;
        return 1;
    }
    if (t.nfc) {
        for (size_t s = 0; s < r->p.nsegs; s++) {
            struct hx_node *n = r->p.segs[s];
            const char *tl = n->type == HX_TEXT ? tagged(n, b) : "und";
            if (!tl || hx_lang_is(tl, "zh"))
                nfc_text(r, n);
        }
        if (collect(r, b, &t) != 0)
            return -1;
    }
    if (r->p.foreign)
        edges(&r->p);
    return 0;
}
