/* The rules of zh-norm over one paragraph (see filters/zh_norm/zh_norm.c for what
 * each does and why context is judged by letters only). */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "hx.h"
#include "zh_norm.h"

const char *const zh_rule_names[R_COUNT] = {"nfc",      "width", "punct", "paren",
                                            "ellipsis", "dash",  "space"};

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
void zh_context(struct para *p)
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
static void edit(struct run *r, int rule, size_t a, size_t b, int32_t c1, int32_t c2)
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
        hx_note(r->st, r->doc, r->block, "%s: \"%s\" -> \"%s\"", zh_rule_names[rule],
                before.data ? before.data : "", after.data ? after.data : "");
    }
    hx_buf_free(&before);
    hx_buf_free(&after);
}

/* Protects document symbols and URLs: no rule edits inside them. */
void zh_protect(struct para *p)
{
    static const char *const schemes[] = {"https://", "http://", "ftp://", "mailto:", "www."};
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
                while (m < p->n && p->cp[m] > ' ' && p->cp[m] < 0x7F && p->cp[m] != '<' &&
                       p->cp[m] != '>' && p->cp[m] != '"')
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
                   (u_isalnum(p->cp[m]) || p->cp[m] == '/' || p->cp[m] == '.' || p->cp[m] == '-')) {
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
void zh_rule_width(struct run *r)
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
            hx_note(r->st, r->doc, r->block, "width: \"%s\" -> \"%s\"", before.data, after.data);
        }
        hx_buf_free(&before);
        hx_buf_free(&after);
        i = j - 1;
    }
}

void zh_rule_punct(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i], to;
        switch (c) {
        case ',': to = 0xFF0C; break;
        case ':': to = 0xFF1A; break;
        case ';': to = 0xFF1B; break;
        case '?': to = 0xFF1F; break;
        case '!': to = 0xFF01; break;
        default: continue;
        }
        if (!editable(p, i))
            continue;
        if (ctx(p, i, -1) == 'h' || ctx(p, i, +1) == 'h')
            edit(r, R_PUNCT, i, i + 1, to, 0);
    }
}

void zh_rule_paren(struct run *r)
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
            if (inner ||
                (r->o->profile == PROFILE_GBT && (ctx(p, a, -1) == 'h' || ctx(p, i, +1) == 'h'))) {
                edit(r, R_PAREN, a, a + 1, 0xFF08, 0);
                r->counts[R_PAREN]--; /* a pair is one edit */
                edit(r, R_PAREN, i, i + 1, 0xFF09, 0);
            }
        }
    }
}

void zh_rule_ellipsis(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        size_t j = i;
        if (!editable(p, i) || (c != '.' && c != 0x2026 && c != 0x3002 && c != 0x22EF))
            continue;
        while (j < p->n && p->cp[j] == c && editable(p, j) && !p->cp2[j])
            j++;
        size_t n = j - i;
        int want = (c == '.' && n >= 3) || (c == 0x3002 && n >= 3) || (c == 0x2026 && n != 2) ||
                   (c == 0x22EF && n >= 2);
        if (want && (ctx(p, i, -1) == 'h' || ctx(p, j - 1, +1) == 'h'))
            edit(r, R_ELLIPSIS, i, j, 0x2026, 0x2026);
        i = j - 1;
    }
}

void zh_rule_dash(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        size_t j = i;
        if (!editable(p, i) || (c != 0x2014 && c != '-' && c != 0x2015 && c != 0xFF0D))
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

void zh_rule_space(struct run *r)
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
        if (is_han(p->cp[L]) || is_han(p->cp[R]) || cjk_side(p, L, -1) || cjk_side(p, R, +1))
            edit(r, R_SPACE, i, j, -1, 0);
        i = j - 1;
    }
}
