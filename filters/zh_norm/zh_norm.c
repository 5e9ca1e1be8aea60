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
 * (a Chinese paragraph in an English report; see zh_gather in collect.c);
 * only Chinese paragraphs are edited, and in them text tagged in another
 * language only at its edges. Nothing inside a document symbol, URL or
 * e-mail address is edited. profile=off keeps the punctuation rules from
 * running. No character is lost except the removed spaces and the dots
 * an ellipsis is made of, and a second run finds nothing to do.
 *
 * Cost (a batch worker, callgrind): a paragraph with no character from
 * U+2E80 on is dropped after a scan of its bytes; a Chinese one holding
 * none of the marks a rule acts on after a scan that skips runs of
 * ideographs; the others are decoded once, run only the rules whose marks
 * they hold, and get back only the bytes around an edit. About 1 M
 * instructions for the 12-page Chinese seed as DOCX (4.9 M before), 80 K
 * for an English document of the same length. */
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

/* Writes c as UTF-8 at o, returning the byte count (c is a scalar value:
 * decoded text maps invalid bytes to U+FFFD). */
static inline size_t put(char *o, int32_t c)
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

/* Writes the edited code points back into the text nodes a rule edited,
 * as the bytes before and after the edited places as they were and those
 * places encoded anew; -1 out of memory. */
static int scatter(struct run *r)
{
    struct para *p = &r->p;
    for (size_t s = 0; s < p->nsegs; s++) {
        struct hx_node *t = p->segs[s];
        struct seg *g = &p->sinfo[s];
        size_t lo = g->lo, hi = g->hi, len, tail;
        if (t->type != HX_TEXT || !g->dirty)
            continue; /* a note marker, or text no rule edited */
        if (g->bad) { /* what was read as U+FFFD is written so: all of it */
            lo = g->first;
            while (hi + 1 < p->n && p->seg[hi + 1] == (int)s)
                hi++;
        }
        tail = hi + 1 < p->n && p->seg[hi + 1] == (int)s ? p->off[hi + 1] : t->len;
        size_t need = t->len + (hi - lo + 1) * 8 + 1;
        if (p->outcap < need) {
            char *o = realloc(p->out, need);
            if (!o)
                return -1;
            p->out = o;
            p->outcap = need;
        }
        char *out = p->out;
        len = p->off[lo];
        memcpy(out, t->text, len);
        for (size_t i = lo; i <= hi;) {
            if (!p->ed[i] && !g->bad) { /* unedited: its bytes as they were */
                size_t j = i + 1;
                while (j <= hi && !p->ed[j])
                    j++;
                size_t to = j <= hi ? p->off[j] : tail;
                memcpy(out + len, t->text + p->off[i], to - p->off[i]);
                len += to - p->off[i];
                i = j;
                continue;
            }
            if (!p->del[i]) {
                len += put(out + len, p->cp[i]);
                if (p->cp2[i])
                    len += put(out + len, p->cp2[i]);
            }
            i++;
        }
        memcpy(out + len, t->text + tail, t->len - tail);
        len += t->len - tail;
        if (len != t->len || memcmp(out, t->text, len) != 0)
            hx_node_set_text(r->doc, t, out, len);
    }
    return 0;
}

/* Runs the rules over one gathered paragraph, each only when the
 * paragraph holds what it acts on (p->feat, found by zh_gather): no rule
 * makes a mark a later rule acts on but the full stop ("." to "。", which
 * ZF_ELLIPSIS allows for). The rules ask for the nearest letters around
 * their marks (zh_lctx, zh_rctx) as they need them. */
static void normalise(struct run *r)
{
    unsigned f = r->p.feat;
    if (f & ZF_WIDTH)
        zh_rule_width(r);
    if (f & ZF_ADDRESS)
        zh_protect(&r->p);
    if (r->o->profile != PROFILE_OFF) {
        if (f & ZF_PUNCT)
            zh_rule_punct(r);
        if (f & ZF_QUOTE)
            zh_rule_quotes(r);
        if (f & ZF_DOT)
            zh_rule_stop(r);
        if ((f & ZF_POPEN) && (f & ZF_PCLOSE))
            zh_rule_paren(r);
        if (f & ZF_ELLIPSIS)
            zh_rule_ellipsis(r);
        if (f & ZF_DASH)
            zh_rule_dash(r);
    }
    if (f & ZF_SPACE)
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
    free(p->ed);
    free(p->zh);
    free(p->lctx);
    free(p->rctx);
    free(p->segs);
    free(p->off);
    free(p->sinfo);
    free(p->out);
}

/* Gathers, normalises and writes back block b; -1 when out of memory.
 * *any is set once Chinese text is met. */
static int norm_block(struct run *r, struct hx_node *b, const char *doc_lang, int *any)
{
    r->block = b;
    int rc = zh_gather(r, b, doc_lang);
    if (rc < 0)
        return -1;
    *any |= r->p.has_zh; /* edges() only marks separators next to Chinese */
    if (rc > 0)
        return 0;
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
    return zh_has_wide(all, len) ? hx_lang_guess(all, len) : "und";
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
