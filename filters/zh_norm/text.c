/* zh-norm's view of a paragraph: character classes from fixed tables,
 * nearest-letter context, protected ranges, and the one editing function
 * every rule goes through (so that every edit is counted and explained
 * with its rule and source). */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "hx.h"
#include "zh_norm.h"

const char *const zh_rule_names[R_COUNT] = {
    "nfc",         "width",    "comma",        "colon",        "semicolon",         "question",
    "exclamation", "stop",     "quote-double", "quote-single", "paren-han",         "paren-latin",
    "paren-gbt",   "ellipsis", "dash",         "space",        "space-ideographic", "space-percent",
};

const char *zh_rules_check(void)
{
    if (hx_zh_rules_rows != R_COUNT || hx_zh_rules_cols != 5)
        return "rules.tsv has another number of rows or columns than the code";
    for (size_t k = 0; k < R_COUNT; k++)
        if (strcmp(hx_zh_rules[k][0], zh_rule_names[k]) != 0)
            return zh_rule_names[k];
    return NULL;
}

/* --- character classes ---------------------------------------------------- */

struct range {
    int32_t lo, hi;
};

/* Script Han (UAX #24): radicals, 々 〇 〡-〩 〸-〻, the unified and
 * compatibility ideographs of every plane, old Chinese marks (checked
 * against ICU by tests/test_zh_norm.c). */
static const struct range han[] = {
    {0x2E80, 0x2E99},   {0x2E9B, 0x2EF3},   {0x2F00, 0x2FD5},   {0x3005, 0x3005},
    {0x3007, 0x3007},   {0x3021, 0x3029},   {0x3038, 0x303B},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xF900, 0xFA6D},   {0xFA70, 0xFAD9},   {0x16FE3, 0x16FE3},
    {0x16FF0, 0x16FF1}, {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x2F800, 0x2FA1F},
    {0x30000, 0x323AF},
};

/* Punctuation (general category P*) of East Asian width W or F. */
static const struct range cjkp[] = {
    {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F}, {0x3030, 0x3030},   {0x303D, 0x303D},
    {0x30A0, 0x30A0}, {0x30FB, 0x30FB}, {0xFE10, 0xFE19}, {0xFE30, 0xFE52},   {0xFE54, 0xFE61},
    {0xFE63, 0xFE63}, {0xFE68, 0xFE68}, {0xFE6A, 0xFE6B}, {0xFF01, 0xFF03},   {0xFF05, 0xFF0A},
    {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D},   {0xFF3F, 0xFF3F},
    {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D}, {0xFF5F, 0xFF60}, {0x16FE2, 0x16FE2},
};

static int in(const struct range *t, size_t n, int32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < t[mid].lo)
            hi = mid;
        else if (c > t[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* The class from the range tables and ICU: for what the block tables
 * below do not cover. */
static unsigned class_of(int32_t c)
{
    if (c < 0x80) {
        if (c < 0)
            return 0;
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return ZC_LATIN;
        return c == ' ' ? ZC_SPACE : 0;
    }
    if (c == 0xA0 || (c >= 0x2002 && c <= 0x200A) || c == 0x202F)
        return ZC_SPACE;
    if (c >= 0x2E80) {
        if (c == 0x3000)
            return ZC_SPACE | ZC_WIDE;
        if (in(han, sizeof han / sizeof *han, c))
            return ZC_HAN | ZC_WIDE;
        if (in(cjkp, sizeof cjkp / sizeof *cjkp, c))
            return ZC_CJKP | ZC_WIDE;
        if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
            (c >= 0xFF41 && c <= 0xFF5A))
            return ZC_LATIN | ZC_WIDE;
        return ZC_WIDE | (u_isalnum(c) ? ZC_LATIN : 0);
    }
    return u_isalnum(c) ? ZC_LATIN : 0;
}

/* class_of for the blocks Chinese punctuation comes from, U+3000-U+303F
 * (、。〈〉《》「」【】〔〕 and the ideographic space) and U+FF00-U+FF5F
 * (full-width ASCII: ，：；？！（）), as a table (tests/test_zh_norm.c
 * checks zh_class against ICU on every code point): 16 wide, +1 Han,
 * +2 letter or digit, +4 punctuation, +8 space. */
static const unsigned char cjk_3000[64] = {
    24, 20, 20, 20, 16, 17, 18, 17, 20, 20, 20, 20, 20, 20, 20, 20, /* U+3000 */
    20, 20, 16, 16, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, /* U+3010 */
    16, 17, 17, 17, 17, 17, 17, 17, 17, 17, 16, 16, 16, 16, 16, 16, /* U+3020 */
    20, 18, 18, 18, 18, 18, 16, 16, 17, 17, 17, 17, 18, 20, 16, 16, /* U+3030 */
};
static const unsigned char full_ff00[96] = {
    16, 20, 20, 20, 16, 20, 20, 20, 20, 20, 20, 16, 20, 20, 20, 20, /* U+FF00 */
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 20, 20, 16, 16, 16, 20, /* U+FF10 */
    20, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, /* U+FF20 */
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 20, 20, 20, 16, 20, /* U+FF30 */
    16, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, /* U+FF40 */
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 20, 16, 20, 16, 20, /* U+FF50 */
};

unsigned zh_class(int32_t c)
{
    if (c >= 0x4E00 && c <= 0x9FFF)
        return ZC_HAN | ZC_WIDE; /* the common case first */
    if (c >= 0x3000 && c < 0x3040)
        return cjk_3000[c - 0x3000];
    if (c >= 0xFF00 && c < 0xFF60)
        return full_ff00[c - 0xFF00];
    if (c >= 0x2010 && c <= 0x205E)
        return c == 0x202F ? ZC_SPACE : 0; /* dashes, quotes, …: no letters */
    return class_of(c);
}

/* --- context -------------------------------------------------------------- */

/* For every position, the class of the nearest letter on either side.
 * Punctuation, spaces and markers are looked through, a line break stops.
 * Letters are never edited after the width rule, so one pass serves all
 * the punctuation rules, in linear time. */
void zh_context(struct para *p)
{
    /* letter() by class: Han 'h', else letter or digit 'l' */
    static const unsigned char of[32] = {
        0, 'h', 'l', 'h', 0, 'h', 'l', 'h', 0, 'h', 'l', 'h', 0, 'h', 'l', 'h',
        0, 'h', 'l', 'h', 0, 'h', 'l', 'h', 0, 'h', 'l', 'h', 0, 'h', 'l', 'h',
    };
    const int32_t *cp = p->cp;
    const unsigned char *cls = p->cls;
    unsigned char *lctx = p->lctx, *rctx = p->rctx, cur = 0;
    const size_t n = p->n;
    for (size_t i = 0; i < n; i++) {
        unsigned char l = of[cls[i] & 31];
        lctx[i] = cur;
        if (cp[i] == STOP)
            cur = 0;
        else if (l)
            cur = l;
    }
    cur = 0;
    for (size_t i = n; i-- > 0;) {
        unsigned char l = of[cls[i] & 31];
        rctx[i] = cur;
        if (cp[i] == STOP)
            cur = 0;
        else if (l)
            cur = l;
    }
    p->ctx = 1;
}

/* How far zh_lctx and zh_rctx look before they fill the whole
 * paragraph's context instead (which bounds a paragraph's lookups to
 * linear time however many marks sit far from a letter). */
#define NEAR_LOOK 16

static unsigned char letter_at(const struct para *p, size_t k)
{
    return p->cls[k] & ZC_HAN ? 'h' : p->cls[k] & ZC_LATIN ? 'l' : 0;
}

unsigned char zh_lctx(struct para *p, size_t i)
{
    if (!p->ctx) {
        for (size_t k = i, steps = 0; steps < NEAR_LOOK; steps++) {
            if (k-- == 0 || p->cp[k] == STOP)
                return 0;
            if (letter_at(p, k))
                return letter_at(p, k);
        }
        zh_context(p);
    }
    return p->lctx[i];
}

unsigned char zh_rctx(struct para *p, size_t i)
{
    if (!p->ctx) {
        for (size_t k = i, steps = 0; steps < NEAR_LOOK; steps++) {
            if (++k >= p->n || p->cp[k] == STOP)
                return 0;
            if (letter_at(p, k))
                return letter_at(p, k);
        }
        zh_context(p);
    }
    return p->rctx[i];
}

ptrdiff_t zh_near(const struct para *p, size_t i, int dir, int marks)
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
        if (p->del[k] || (p->cls[k] & ZC_SPACE) || (marks && p->cp[k] == MARK))
            continue;
        return (ptrdiff_t)k;
    }
}

/* --- labels -------------------------------------------------------------- */

static int numeral(int32_t c)
{
    static const int32_t zh[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E}; /* 〇一二…十百 */
    for (size_t k = 0; k < sizeof zh / sizeof *zh; k++)
        if (c == zh[k])
            return 1;
    return 0;
}

size_t zh_label_end(const struct para *p)
{
    size_t i = 0;
    while (i < p->n && i < 8 && ((p->cp[i] > ' ' && p->cp[i] < 0x7F) || numeral(p->cp[i])))
        i++;
    if (i == 0 || i >= p->n || !(p->cls[i] & ZC_SPACE) ||
        (p->cp[i - 1] != '.' && p->cp[i - 1] != ')' && p->cp[i - 1] != ']'))
        return 0;
    return i;
}

/* --- protected ranges ----------------------------------------------------- */

static int ascii_alnum(int32_t c)
{
    return c > 0 && c < 0x80 && (zh_class(c) & ZC_LATIN);
}

static size_t protect_url(const struct para *p, size_t i)
{
    static const char *const schemes[] = {"https://", "http://", "ftp://", "mailto:", "www."};
    for (size_t s = 0; s < sizeof schemes / sizeof *schemes; s++) {
        size_t k = 0, m = i;
        const char *sc = schemes[s];
        while (sc[k] && m < p->n && p->cp[m] == (unsigned char)sc[k]) {
            k++;
            m++;
        }
        if (sc[k])
            continue;
        while (m < p->n && p->cp[m] > ' ' && p->cp[m] < 0x7F && p->cp[m] != '<' &&
               p->cp[m] != '>' && p->cp[m] != '"')
            m++;
        /* a sentence's full stop or comma after the address is not part of it */
        while (m > i + k && (p->cp[m - 1] == '.' || p->cp[m - 1] == ','))
            m--;
        return m;
    }
    return i;
}

/* "A/C.2/76/L.56", "E/CN.16/2018/CRP.3": capitals, then letters, digits
 * and / . - with at least one slash. Sets *skip when a capitalised run
 * that is no symbol ends at it (no symbol starts inside it either). */
static size_t protect_symbol(const struct para *p, size_t i, size_t *skip)
{
    int32_t prev = i ? p->cp[i - 1] : 0;
    size_t m = i, slash = 0;
    if (!(p->cp[i] >= 'A' && p->cp[i] <= 'Z') || ascii_alnum(prev) || prev == '/')
        return i;
    while (m < p->n && p->cp[m] >= 'A' && p->cp[m] <= 'Z')
        m++;
    while (m < p->n &&
           (ascii_alnum(p->cp[m]) || p->cp[m] == '/' || p->cp[m] == '.' || p->cp[m] == '-')) {
        slash += p->cp[m] == '/';
        m++;
    }
    while (m > i && (p->cp[m - 1] == '.' || p->cp[m - 1] == '-'))
        m--;
    if (slash)
        return m;
    if (m > i + 1)
        *skip = m - 1;
    return i;
}

/* "info@un.org": the local part before the @, the domain after it. */
static size_t protect_email(struct para *p, size_t i)
{
    size_t a = i, m = i + 1;
    if (p->cp[i] != '@' || !i || m >= p->n || !ascii_alnum(p->cp[i - 1]) || !ascii_alnum(p->cp[m]))
        return i;
    while (a > 0 && (ascii_alnum(p->cp[a - 1]) || strchr("._%+-", (int)p->cp[a - 1])) &&
           p->cp[a - 1] > 0)
        a--;
    while (m < p->n && p->cp[m] > 0 &&
           (ascii_alnum(p->cp[m]) || p->cp[m] == '.' || p->cp[m] == '-'))
        m++;
    while (m > i && p->cp[m - 1] == '.')
        m--;
    for (size_t k = a; k < i; k++)
        p->prot[k] = 1;
    return m;
}

void zh_protect(struct para *p)
{
    for (size_t i = 0; i < p->n; i++) {
        size_t skip = i, j = i;
        int32_t c = p->cp[i];
        if (c <= ' ' || c >= 0x7F)
            continue;
        /* each kind only where it can start: a scheme's first letter, a
         * capital, an @ */
        if (c == 'h' || c == 'f' || c == 'm' || c == 'w')
            j = protect_url(p, i);
        if (j == i && c >= 'A' && c <= 'Z')
            j = protect_symbol(p, i, &skip);
        if (j == i && c == '@')
            j = protect_email(p, i);
        for (size_t k = i; k < j; k++)
            p->prot[k] = 1;
        if (j > i)
            i = j - 1;
        else if (skip > i)
            i = skip;
    }
}

/* --- editing -------------------------------------------------------------- */

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
void zh_window(const struct para *p, size_t a, size_t b, struct hx_buf *out)
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
    if (!out->data)
        hx_buf_adds(out, "");
}

/* Applies an edit to [a, b): c1 >= 0 replaces a by c1 (and c2) and deletes
 * the rest; c1 < 0 deletes them all; shift, when not 0, is subtracted from
 * every code point instead. */
static void apply(struct para *p, size_t a, size_t b, int32_t c1, int32_t c2, int32_t shift)
{
    for (size_t i = a; i < b; i++)
        if (p->seg[i] >= 0) {
            struct seg *g = &p->sinfo[p->seg[i]];
            p->ed[i] = 1;
            if (!g->dirty) {
                g->dirty = 1;
                g->lo = g->hi = i;
            } else if (i < g->lo) {
                g->lo = i;
            } else if (i > g->hi) {
                g->hi = i;
            }
        }
    if (shift) {
        for (size_t i = a; i < b; i++) {
            p->cp[i] -= shift;
            p->cls[i] = (unsigned char)zh_class(p->cp[i]);
        }
    } else if (c1 < 0) {
        for (size_t i = a; i < b; i++)
            p->del[i] = 1;
    } else {
        p->cp[a] = c1;
        p->cp2[a] = c2;
        p->cls[a] = (unsigned char)zh_class(c1);
        for (size_t i = a + 1; i < b; i++)
            p->del[i] = 1;
    }
}

static void edit(struct run *r, enum zh_rule rule, size_t a, size_t b, int32_t c1, int32_t c2,
                 int32_t shift, int quiet)
{
    struct para *p = &r->p;
    struct hx_buf before = {0}, after = {0};
    if (!r->o->explain) {
        apply(p, a, b, c1, c2, shift);
        r->counts[rule] += !quiet;
        return;
    }
    if (r->o->explain)
        zh_window(p, a, b, &before);
    apply(p, a, b, c1, c2, shift);
    if (!quiet)
        r->counts[rule]++;
    if (r->o->explain) {
        zh_window(p, a, b, &after);
        hx_note(r->st, r->doc, r->block, "%s (%s): \"%s\" -> \"%s\"", zh_rule_names[rule],
                hx_zh_rules[rule][4], before.data, after.data);
    }
    hx_buf_free(&before);
    hx_buf_free(&after);
}

void zh_edit(struct run *r, enum zh_rule rule, size_t a, size_t b, int32_t c1, int32_t c2,
             int quiet)
{
    edit(r, rule, a, b, c1, c2, 0, quiet);
}

void zh_edit_shift(struct run *r, enum zh_rule rule, size_t a, size_t b, int32_t shift)
{
    edit(r, rule, a, b, 0, 0, shift, 0);
}
