/* zh-norm's quote rule: straight quotation marks (" ' and their full-width
 * forms ＂ ＇) paired and turned into “ ” and ‘ ’ where Chinese is inside
 * or right around them (GB/T 15834-2011 4.8). Pairing runs over the whole
 * paragraph, across inline markup and note markers: curly quotes already
 * in place keep their direction, a straight one closes the innermost open
 * quote of its kind if there is one and opens one otherwise, so single
 * quotes nest inside double ones. Apostrophes ("don't", "countries'") are
 * no quotes. A straight quote left without a partner in Chinese context is
 * reported and left as it is. */
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "zh_norm.h"

struct open {
    size_t pos;
    int kind; /* 'd' or 's' */
};

static int ascii_letter(int32_t c)
{
    return c > 0 && c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int straight(int32_t c)
{
    return c == '"' || c == '\'' || c == 0xFF02 || c == 0xFF07;
}

static int kind_of(int32_t c)
{
    if (c == '"' || c == 0xFF02 || c == 0x201C || c == 0x201D)
        return 'd';
    if (c == '\'' || c == 0xFF07 || c == 0x2018 || c == 0x2019)
        return 's';
    return 0;
}

/* A single quote between Latin letters, or after one with no single quote
 * open ("countries' rights"), is an apostrophe. */
static int apostrophe(const struct para *p, size_t i, int single_open)
{
    int32_t prev = i ? p->cp[i - 1] : 0, next = i + 1 < p->n ? p->cp[i + 1] : 0;
    if (ascii_letter(prev) && ascii_letter(next))
        return 1;
    return !single_open && p->cp[i] != 0x2018 && ascii_letter(prev);
}

static void report(struct run *r, size_t i)
{
    struct para *p = &r->p;
    struct hx_buf b = {0};
    if (zh_lctx(p, i) != 'h' && zh_rctx(p, i) != 'h')
        return; /* in a Latin run: not ours to judge */
    zh_window(p, i, i + 1, &b);
    hx_warn(r->st, r->doc, r->block,
            "unpaired straight quote in Chinese text, left as it is (zh-norm rule %s): \"%s\"",
            zh_rule_names[kind_of(p->cp[i]) == 'd' ? R_QUOTE_DOUBLE : R_QUOTE_SINGLE], b.data);
    hx_buf_free(&b);
}

/* Converts the pair (a, b) when Chinese is inside or right around it. */
static void pair(struct run *r, size_t a, size_t b, int kind)
{
    struct para *p = &r->p;
    int han = zh_lctx(p, a) == 'h' || zh_rctx(p, b) == 'h';
    enum zh_rule rule = kind == 'd' ? R_QUOTE_DOUBLE : R_QUOTE_SINGLE;
    for (size_t k = a + 1; k < b && !han; k++)
        han = !p->del[k] && (p->cls[k] & ZC_HAN);
    if (!han || (!straight(p->cp[a]) && !straight(p->cp[b])))
        return;
    if (straight(p->cp[a]))
        zh_edit(r, rule, a, a + 1, kind == 'd' ? 0x201C : 0x2018, 0, straight(p->cp[b]));
    if (straight(p->cp[b]))
        zh_edit(r, rule, b, b + 1, kind == 'd' ? 0x201D : 0x2019, 0, 0);
}

void zh_rule_quotes(struct run *r)
{
    struct para *p = &r->p;
    struct open stack[64];
    size_t depth = 0;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        int kind = kind_of(c), open_same = -1, closes;
        if (!kind || p->del[i] || p->prot[i] || !p->zh[i])
            continue;
        for (size_t k = depth; k-- > 0 && open_same < 0;)
            if (stack[k].kind == kind)
                open_same = (int)k;
        if (kind == 's' && apostrophe(p, i, open_same >= 0))
            continue;
        closes = c == 0x201D || c == 0x2019 || (straight(c) && open_same >= 0);
        if (!closes) {
            if (depth < 64)
                stack[depth++] = (struct open){i, kind};
            continue;
        }
        if (open_same < 0) {
            if (straight(c))
                report(r, i);
            continue;
        }
        while (depth > (size_t)open_same + 1) {
            depth--;
            if (straight(p->cp[stack[depth].pos]))
                report(r, stack[depth].pos);
        }
        depth--;
        pair(r, stack[depth].pos, i, kind);
    }
    while (depth-- > 0)
        if (straight(p->cp[stack[depth].pos]))
            report(r, stack[depth].pos);
}
