/* The rules of zh-norm over one paragraph, but quotes (quotes.c): each
 * names its row of rules.tsv (what it does, where, and on whose authority)
 * when it edits. Context is judged by letters (punctuation and spaces are
 * looked through), so a second run finds nothing to do. */
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "zh_norm.h"

static int ascii_alnum(int32_t c)
{
    return c > 0 && c < 0x80 && (zh_class(c) & ZC_LATIN);
}

static int is_han(const struct para *p, ptrdiff_t k)
{
    return k >= 0 && (p->cls[k] & ZC_HAN);
}

static int fullwidth_alnum(const struct para *p, size_t i)
{
    return p->cp[i] >= 0xFF10 && p->cp[i] <= 0xFF5A && (p->cls[i] & ZC_LATIN) && zh_editable(p, i);
}

/* A run of full-width letters and digits ("２０２１") is one edit. */
void zh_rule_width(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        size_t j = i;
        if (!fullwidth_alnum(p, i))
            continue;
        while (j < p->n && fullwidth_alnum(p, j))
            j++;
        zh_edit_shift(r, R_WIDTH, i, j, 0xFEE0);
        i = j - 1;
    }
}

/* , : ; ? ! to the full-width mark rules.tsv gives, when the nearest
 * letter either side is Han ("1,000", "10:30" and "Hello, world" stay). */
void zh_rule_punct(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        if (c <= 0 || c >= 0x80 || !r->punct_to[c] || !zh_editable(p, i))
            continue;
        if (zh_lctx(p, i) == 'h' || zh_rctx(p, i) == 'h')
            zh_edit(r, (enum zh_rule)r->punct_rule[c], i, i + 1, r->punct_to[c], 0, 0);
    }
}

/* Abbreviations that end in a full stop in Latin text. */
static int abbreviation(const struct para *p, size_t a, size_t b)
{
    static const char *const abbr[] = {"Mr",   "Mrs",   "Ms",  "Dr",  "Prof", "No",  "Nos",  "Vol",
                                       "para", "paras", "p",   "pp",  "Rev",  "Add", "Corr", "etc",
                                       "e.g",  "i.e",   "Inc", "Ltd", "Co",   "Jr",  "Sr",   "St",
                                       "H.E",  "art",   "Art", "ch",  "cf",   "vs",  "al"};
    for (size_t k = 0; k < sizeof abbr / sizeof *abbr; k++) {
        size_t n = strlen(abbr[k]), m = 0;
        if (n != b - a)
            continue;
        while (m < n && p->cp[a + m] == (unsigned char)abbr[k][m])
            m++;
        if (m == n)
            return 1;
    }
    return 0;
}

static int closing_cjk(int32_t c)
{
    return c == 0x201D || c == 0x2019 ||
           ((zh_class(c) & ZC_CJKP) && c != 0x3001 && c != 0xFF0C && c != 0xFF08 && c != 0x300A);
}

/* Is the "." at i a Chinese full stop typed in ASCII? */
static int stop_wanted(struct para *p, size_t i)
{
    int32_t next = i + 1 < p->n ? p->cp[i + 1] : 0;
    if (ascii_alnum(next) || next == '.' || next == '/' || next == '-' || next == '@' ||
        (i > 0 && p->cp[i - 1] == '.') || i < zh_label_end(p))
        return 0; /* 3.5, 10.30, D.C., a run of dots, a label "一. " */
    ptrdiff_t k = zh_near(p, i, -1, 1);
    if (k < 0 || p->cp[k] == STOP)
        return 0;
    if (is_han(p, k) || closing_cjk(p->cp[k]))
        return 1; /* "…辩论." */
    if (p->cp[k] <= ' ' || p->cp[k] >= 0x7F)
        return 0;
    /* a token of Latin, digits, symbols ("A/76/62", "COVID-19", "87%",
     * "(COVID-19)"): a stop when it follows Chinese (spaces between
     * looked through) and Chinese or the paragraph's end follows; after
     * a Latin word, in a Latin run, not */
    size_t e = (size_t)k + 1, t = e;
    while (t > 0 && p->cp[t - 1] > ' ' && p->cp[t - 1] < 0x7F && p->cp[t - 1] != '"' &&
           p->cp[t - 1] != '\'' && !p->del[t - 1])
        t--;
    if (abbreviation(p, t, e))
        return 0;
    while (t > 0 && ((p->cls[t - 1] & ZC_SPACE) || p->del[t - 1]))
        t--; /* "见 A/76/62.": spaces after Chinese, not between Latin words */
    if (t == 0 || !(is_han(p, (ptrdiff_t)t - 1) || (p->cls[t - 1] & ZC_CJKP) ||
                    p->cp[t - 1] == 0x201C || p->cp[t - 1] == 0x2018))
        return 0;
    return zh_rctx(p, i) != 'l';
}

void zh_rule_stop(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++)
        if (p->cp[i] == '.' && zh_editable(p, i) && stop_wanted(p, i))
            zh_edit(r, R_STOP, i, i + 1, 0x3002, 0, 0);
}

/* Parentheses by content, one rule for the whole document: Han inside,
 * full width; Latin letters or digits only, half width (profile un). With
 * profile gbt15834, Han right outside makes them full width too. */
void zh_rule_paren(struct run *r)
{
    struct para *p = &r->p;
    size_t stack[64], depth = 0, overflow = 0;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        if (p->del[i] || p->prot[i] || (c != '(' && c != ')' && c != 0xFF08 && c != 0xFF09))
            continue;
        if (c == '(' || c == 0xFF08) {
            if (depth < 64)
                stack[depth++] = i;
            else
                overflow++;
            continue;
        }
        if (overflow) {
            overflow--;
            continue;
        }
        if (!depth)
            continue;
        size_t a = stack[--depth];
        int han = 0, latin = 0;
        for (size_t k = a + 1; k < i && !han; k++) {
            han |= !p->del[k] && (p->cls[k] & ZC_HAN);
            latin |= !p->del[k] && (p->cls[k] & ZC_LATIN);
        }
        if (!p->zh[a] || !p->zh[i])
            continue;
        int full = han, half = !han && latin;
        enum zh_rule rule = han ? R_PAREN_HAN : R_PAREN_LATIN;
        if (r->o->profile == PROFILE_GBT && !han &&
            (zh_lctx(p, a) == 'h' || zh_rctx(p, i) == 'h')) {
            full = 1;
            half = 0;
            rule = R_PAREN_GBT;
        }
        if ((full && p->cp[a] == 0xFF08 && c == 0xFF09) || (half && p->cp[a] == '(' && c == ')') ||
            (!full && !half))
            continue;
        zh_edit(r, rule, a, a + 1, full ? 0xFF08 : '(', 0, 1); /* a pair is one edit */
        zh_edit(r, rule, i, i + 1, full ? 0xFF09 : ')', 0, 0);
    }
}

void zh_rule_ellipsis(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        size_t j = i;
        if ((c != '.' && c != 0x2026 && c != 0x3002 && c != 0x22EF) || !zh_editable(p, i))
            continue;
        while (j < p->n && p->cp[j] == c && zh_editable(p, j) && !p->cp2[j])
            j++;
        size_t n = j - i;
        int want = (c == '.' && n >= 3) || (c == 0x3002 && n >= 3) || (c == 0x2026 && n != 2) ||
                   (c == 0x22EF && n >= 2);
        if (want && (zh_lctx(p, i) == 'h' || zh_rctx(p, j - 1) == 'h'))
            zh_edit(r, R_ELLIPSIS, i, j, 0x2026, 0x2026, 0);
        i = j - 1;
    }
}

void zh_rule_dash(struct run *r)
{
    struct para *p = &r->p;
    for (size_t i = 0; i < p->n; i++) {
        int32_t c = p->cp[i];
        size_t j = i;
        if ((c != 0x2014 && c != '-' && c != 0x2015 && c != 0xFF0D) || !zh_editable(p, i))
            continue;
        while (j < p->n && p->cp[j] == c && zh_editable(p, j) && !p->cp2[j])
            j++;
        size_t n = j - i;
        int want = (c == 0x2014 && n == 1) || (c != 0x2014 && n == 2);
        if (want && zh_lctx(p, i) == 'h' && zh_rctx(p, j - 1) == 'h')
            zh_edit(r, R_DASH, i, j, 0x2014, 0x2014, 0);
        i = j - 1;
    }
}

static int is_quote(int32_t c)
{
    return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
}

/* Is the neighbour at k Chinese punctuation (a quote counts when the text
 * it encloses, on the side away from the space, is Han)? */
static int cjk_side(const struct para *p, ptrdiff_t k, int away)
{
    if (k < 0)
        return 0;
    if (p->cls[k] & ZC_CJKP)
        return 1;
    if (is_quote(p->cp[k])) {
        ptrdiff_t q = zh_near(p, (size_t)k, away, 1);
        return q >= 0 && (is_han(p, q) || (p->cls[q] & ZC_CJKP));
    }
    return 0;
}

/* Spaces between a number right after Han and "%" ("占 87 %" -> "占87%"). */
static int percent_gap(struct para *p, size_t i, size_t j)
{
    size_t t = i;
    if (j >= p->n || (p->cp[j] != '%' && p->cp[j] != 0xFF05) || !i || p->cp[i - 1] > '9' ||
        p->cp[i - 1] < '0')
        return 0;
    while (t > 0 &&
           ((p->cp[t - 1] >= '0' && p->cp[t - 1] <= '9') || p->cp[t - 1] == '.' ||
            p->cp[t - 1] == ',') &&
           !p->del[t - 1])
        t--;
    return zh_lctx(p, t) == 'h' || zh_rctx(p, j) == 'h';
}

void zh_rule_space(struct run *r)
{
    struct para *p = &r->p;
    size_t label = zh_label_end(p);
    for (size_t i = 0; i < p->n; i++) {
        if (!(p->cls[i] & ZC_SPACE))
            continue; /* first: most places (the label ends at a space) */
        if (i == label && label) {
            while (i + 1 < p->n && (p->cls[i + 1] & ZC_SPACE))
                i++;
            continue;
        }
        if (!zh_editable(p, i))
            continue;
        size_t j = i;
        int ideo = 0;
        while (j < p->n && (p->del[j] || (p->cls[j] & ZC_SPACE)) && zh_editable(p, j))
            ideo |= p->cp[j++] == 0x3000;
        ptrdiff_t L = zh_near(p, i, -1, 1), R = zh_near(p, j - 1, +1, 1);
        int lstop = L < 0 || p->cp[L] == STOP, rstop = R < 0 || p->cp[R] == STOP;
        int lcjk = !lstop && (is_han(p, L) || cjk_side(p, L, -1));
        int rcjk = !rstop && (is_han(p, R) || cjk_side(p, R, +1));
        if ((!lstop && !rstop && (lcjk || rcjk)) || (lstop && rcjk) || (rstop && lcjk))
            zh_edit(r, ideo ? R_SPACE_IDEO : R_SPACE, i, j, -1, 0, 0); /* edges: an indent */
        else if (!lstop && !rstop && percent_gap(p, i, j))
            zh_edit(r, R_SPACE_PERCENT, i, j, -1, 0, 0);
        i = j - 1;
    }
}
