/* Structure: turns a flat run of blocks into a UN document. Each block gets
 * a role, its printed label (moved out of the text), a number, a lead-word
 * class and a paragraph key that does not depend on the language; blocks
 * are grouped into parts (HX_SECTION children of the root, keyed "front",
 * "body", "res1", "annex", "pre", "art"…). Masthead fields become metadata.
 * The key scheme is described in README.md ("Paragraph keys"); the words it
 * recognises are data in filters/structure_data.c.
 *
 * Works on whatever a reader produced: labels already in node->label (DOCX
 * automatic numbering) are taken as they are; otherwise a label at the start
 * of the text is recognised and removed from it. Sections a reader made
 * (HTML <article>) are dissolved first, because parts are this stage's
 * business. Several numbered paragraphs run together in one block (lines
 * without blank lines between them) are split at the next number. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "hx.h"
#include "structure.h"

/* A phrase list folded once at open: '|'-separated, like the source. */
struct lead_phrase {
    char *text;
    size_t len;
    const char *cls;
};

struct priv {
    char *formulas, *formula_pre, *transitions, *annex, *preamble, *article,
        *article_first, *known_heads, *session, *agenda, *rapporteur,
        *report_of;
    struct lead_phrase *leads;
    size_t nleads;
};

enum part_kind { P_FRONT, P_BODY, P_RES, P_ANNEX, P_PRE, P_ART };

enum lab { L_NONE, L_NUM, L_ROMAN, L_ZH, L_LETTER, L_SUB };

struct label {
    enum lab kind;
    size_t len;  /* bytes of the label and the spaces after it */
    size_t plen; /* bytes of the printed label */
    int num;     /* its value (letters: a = 1) */
    int roman;   /* L_SUB: value when the token is also a roman numeral */
    int letter;  /* L_SUB: 1 when the token is a single letter */
};

/* Where the walk is: the part being filled and the counters that make
 * keys. */
struct state {
    struct hx_stage *st;
    struct priv *p;
    struct hx_doc *doc;
    struct hx_node *sections, *sec; /* detached list of parts, current part */
    enum part_kind part;
    const char *pname;       /* "body", "res1", "annex2"… */
    int nres, nannex, nbody; /* parts of each kind so far */
    const char *parent;      /* key of the numbered block children attach to */
    const char *base;        /* key the next unnumbered block counts from */
    int plus;                /* blocks counted from base so far */
    int nsub, nsub2;         /* sub-items under parent */
    int sub_last_letter;     /* value of the last letter sub-item label */
    int pp, op_started, last_num, heads_u, head_num, head_letter;
    int art, art_para, art_numbered;
    unsigned char seen[1000];       /* paragraph numbers used in this part */
    struct hx_node *prev;           /* last block placed, for a title */
    int front_title;
    int in_list; /* walking the items of a list: blocks stay where they are */
};

/* --- folding and phrase matching ---------------------------------------- */

/* Case-folded copy of s[0..len) in malloc'd memory, with U+2019 read as an
 * apostrophe; NULL when ICU refuses the text. */
static char *fold(const char *s, size_t len, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0, flen = 0, blen = 0;
    UChar *u = NULL, *f = NULL;
    char *b = NULL, *ret = NULL;
    if (len > 1u << 20)
        len = 1u << 20;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto out;
    err = U_ZERO_ERROR;
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    f = malloc(((size_t)ulen * 3 + 1) * sizeof *f);
    if (!u || !f)
        goto out;
    u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)len, &err);
    if (U_FAILURE(err))
        goto out;
    flen = u_strFoldCase(f, ulen * 3 + 1, u, ulen, U_FOLD_CASE_DEFAULT, &err);
    if (U_FAILURE(err))
        goto out;
    for (int32_t i = 0; i < flen; i++)
        if (f[i] == 0x2019)
            f[i] = '\'';
    u_strToUTF8(NULL, 0, &blen, f, flen, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        goto out;
    err = U_ZERO_ERROR;
    b = malloc((size_t)blen + 1);
    if (!b)
        goto out;
    u_strToUTF8(b, blen + 1, NULL, f, flen, &err);
    if (U_FAILURE(err))
        goto out;
    b[blen] = '\0';
    *out_len = (size_t)blen;
    ret = b;
    b = NULL;
out:
    free(u);
    free(f);
    free(b);
    return ret;
}

static char *fold_z(const char *s)
{
    size_t n;
    return fold(s, strlen(s), &n);
}

/* Does a phrase of length n match at the start of s (len bytes) and end at
 * a word boundary? Phrases ending in a Han character need no boundary. */
static int match_at(const char *s, size_t len, const char *ph, size_t n)
{
    size_t i = n, j = n;
    int32_t last, next;
    if (n == 0 || n > len || memcmp(s, ph, n) != 0)
        return 0;
    if (n == len)
        return 1;
    last = hx_utf8_prev(ph, &j);
    if (hx_cp_is_han(last) || !u_isalnum(last))
        return 1;
    next = hx_utf8_next(s, len, &i);
    return next < 0 || !(u_isalnum(next) || u_hasBinaryProperty(next, UCHAR_DIACRITIC));
}

/* Length of the longest phrase of list found at the start of s, else 0. */
static size_t phrase_prefix(const char *list, const char *s, size_t len)
{
    size_t best = 0;
    if (!list)
        return 0;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, '|');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > best && match_at(s, len, p, n))
            best = n;
        p += n + (e != NULL);
    }
    return best;
}

/* Does s contain one of the phrases anywhere? */
static int phrase_within(const char *list, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (s[i] & 0xC0) == 0x80)
            continue;
        if (phrase_prefix(list, s + i, len - i))
            return 1;
    }
    return 0;
}

/* The lead-word class of folded s, or NULL; *used gets the matched bytes. */
static const char *lead_of(const struct priv *p, const char *s, size_t len,
                           size_t *used)
{
    size_t best = 0;
    const char *cls = NULL;
    for (size_t k = 0; k < p->nleads; k++) {
        const struct lead_phrase *l = &p->leads[k];
        if (l->len > best && match_at(s, len, l->text, l->len)) {
            best = l->len;
            cls = l->cls;
        }
    }
    if (used)
        *used = best;
    return cls;
}

/* --- labels ------------------------------------------------------------- */

static int zh_digit(int32_t c)
{
    static const int32_t d[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 零一…九 */
    if (c == 0x3007)
        return 0;
    if (c == 0x4E24) /* 两 */
        return 2;
    for (int k = 0; k < 10; k++)
        if (d[k] == c)
            return k;
    return -1;
}

static int zh_unit(int32_t c)
{
    return c == 0x5341 ? 10 : c == 0x767E ? 100 : c == 0x5343 ? 1000 : 0;
}

/* Value of the Chinese numeral at s[*i] ("九十九", "一百零五"), advancing
 * *i past it; -1 when there is none. */
static int zh_number(const char *s, size_t len, size_t *i)
{
    int total = 0, cur = -1, any = 0;
    while (*i < len) {
        size_t j = *i;
        int32_t c = hx_utf8_next(s, len, &j);
        int d = zh_digit(c), u = zh_unit(c);
        if (d >= 0) {
            cur = d;
        } else if (u) {
            total += (cur < 0 ? 1 : cur) * u;
            cur = -1;
        } else {
            break;
        }
        any = 1;
        *i = j;
        if (total > 100000)
            return -1;
    }
    if (!any)
        return -1;
    return total + (cur < 0 ? 0 : cur);
}

/* Decimal digits of any script at s[*i]; -1 when there are none. */
static int digits(const char *s, size_t len, size_t *i, int max_digits)
{
    int v = 0, n = 0;
    while (*i < len && n < max_digits) {
        size_t j = *i;
        int d = hx_cp_digit(hx_utf8_next(s, len, &j));
        if (d < 0)
            break;
        v = v * 10 + d;
        n++;
        *i = j;
    }
    return n ? v : -1;
}

static int roman_value(int32_t c)
{
    switch (c | 0x20) {
    case 'i': return 1;
    case 'v': return 5;
    case 'x': return 10;
    case 'l': return 50;
    case 'c': return 100;
    case 'd': return 500;
    case 'm': return 1000;
    default: return 0;
    }
}

/* Value of s[0..n) as a roman numeral of one case, 0 when it is not one. */
static int roman(const char *s, size_t n)
{
    int v = 0;
    if (n == 0 || n > 8)
        return 0;
    for (size_t k = 0; k < n; k++) {
        int a = roman_value((unsigned char)s[k]);
        int b = k + 1 < n ? roman_value((unsigned char)s[k + 1]) : 0;
        if (!a || (s[k] >= 'a') != (s[0] >= 'a'))
            return 0;
        v += a < b ? -a : a;
    }
    return v > 0 && v < 4000 ? v : 0;
}

static int is_lower_letter(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x44F) ||
           (c >= 0x621 && c <= 0x64A);
}

static int is_upper_letter(int32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x410 && c <= 0x42F);
}

/* Position of a letter in its alphabet (a = 1), for "(b)" or Cyrillic "б)". */
static int letter_pos(int32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 1;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 1;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x430 + 1;
    if (c >= 0x410 && c <= 0x42F)
        return c - 0x410 + 1;
    return 1;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t j = i;
        if (!hx_cp_is_space(hx_utf8_next(s, len, &j)))
            break;
        i = j;
    }
    return i;
}

/* A sub-item token between "(" and ")": letters, roman numerals, Chinese
 * numerals or digits. Returns 0 when the token is none of them. */
static int sub_token(const char *s, size_t a, size_t b, struct label *l)
{
    size_t i = a, n = 0;
    int32_t first = -1;
    if (b <= a || b - a > 16)
        return 0;
    {
        size_t j = a;
        int v = digits(s, b, &j, 3);
        if (v > 0 && j == b) {
            l->num = v;
            return 1;
        }
        j = a;
        v = zh_number(s, b, &j);
        if (v > 0 && j == b) {
            l->num = v;
            return 1;
        }
    }
    while (i < b) {
        int32_t c = hx_utf8_next(s, b, &i);
        if (!is_lower_letter(c))
            return 0;
        if (first < 0)
            first = c;
        n++;
    }
    if (n > 4)
        return 0;
    l->roman = roman(s + a, b - a);
    l->letter = n == 1 || (n == 2 && hx_utf8_next(s, b, &(size_t){a}) == first);
    l->num = letter_pos(first) + (n == 2 && l->letter ? 26 : 0);
    return l->letter || l->roman;
}

/* Recognises the printed label at the start of s. */
static struct label scan_label(const char *s, size_t len)
{
    struct label l = {L_NONE, 0, 0, 0, 0, 0};
    size_t i = 0, j;
    int32_t c;
    if (len == 0)
        return l;
    j = 0;
    c = hx_utf8_next(s, len, &j);
    if (c == '(' || c == 0xFF08) {
        size_t a = j;
        for (size_t k = j; k < len && k < j + 20;) {
            size_t k0 = k;
            int32_t d = hx_utf8_next(s, len, &k);
            if (d == ')' || d == 0xFF09) {
                if (sub_token(s, a, k0, &l)) {
                    l.kind = L_SUB;
                    l.plen = k;
                    l.len = skip_spaces(s, len, k);
                }
                return l;
            }
        }
        return l;
    }
    /* "a)", "б)", "أ)" */
    if (is_lower_letter(c)) {
        size_t k = j;
        while (k < len && k < j + 12) {
            size_t k0 = k;
            int32_t d = hx_utf8_next(s, len, &k);
            if (d == ')') {
                if (sub_token(s, 0, k0, &l)) {
                    l.kind = L_SUB;
                    l.plen = k;
                    l.len = skip_spaces(s, len, k);
                }
                return l;
            }
            if (!is_lower_letter(d))
                break;
        }
        return l;
    }
    i = 0;
    {
        int v = digits(s, len, &i, 4);
        if (v >= 0 && i < len) {
            size_t k = i;
            int32_t d = hx_utf8_next(s, len, &k);
            size_t m = k;
            int32_t e = k < len ? hx_utf8_next(s, len, &m) : ' ';
            if ((d == '.' || d == 0xFF0E) && hx_cp_digit(e) < 0) {
                l.kind = L_NUM;
                l.num = v;
                l.plen = k;
                l.len = skip_spaces(s, len, k);
            }
            return l;
        }
    }
    i = 0;
    {
        int v = zh_number(s, len, &i);
        if (v > 0 && i < len) {
            size_t k = i;
            int32_t d = hx_utf8_next(s, len, &k);
            if (d == '.' || d == 0xFF0E || d == 0x3001) {
                l.kind = L_ZH;
                l.num = v;
                l.plen = k;
                l.len = skip_spaces(s, len, k);
            }
            return l;
        }
    }
    if (is_upper_letter(c)) {
        size_t k = 0;
        while (k < len && s[k] >= 'A' && s[k] <= 'Z' && k < 8)
            k++;
        if (k > 0 && k + 1 < len && s[k] == '.' && s[k + 1] == ' ') {
            int v = roman(s, k);
            if (v) {
                l.kind = L_ROMAN;
                l.num = v;
            } else if (k == 1) {
                l.kind = L_LETTER;
                l.num = letter_pos(c);
            } else {
                return l;
            }
            l.plen = k + 1;
            l.len = skip_spaces(s, len, k + 1);
            return l;
        }
        if (c >= 0x410 && j + 1 < len && s[j] == '.' && s[j + 1] == ' ') {
            l.kind = L_LETTER;
            l.num = letter_pos(c);
            l.plen = j + 1;
            l.len = skip_spaces(s, len, j + 1);
        }
    }
    return l;
}

/* --- tree edits --------------------------------------------------------- */

static struct hx_node *first_text(struct hx_node *n)
{
    struct hx_iter it = hx_iter_start(n);
    while (hx_iter_next(&it)) {
        if (!it.enter)
            continue;
        if (it.node->type == HX_NOTE || it.node->type == HX_NOTEREF)
            return NULL;
        if (it.node->type == HX_TEXT && it.node->len)
            return it.node;
    }
    return NULL;
}

/* Moves the label (and following spaces) from the block's text into
 * node->label; leaves the text alone when it is not where expected. */
static void take_label(struct hx_doc *doc, struct hx_node *n,
                       const struct label *l)
{
    struct hx_node *t = first_text(n);
    if (!t || t->len < l->len)
        return;
    n->label = hx_strndup(doc->arena, t->text, l->plen);
    hx_node_set_text(doc, t, t->text + l->len, t->len - l->len);
    if (t->len == 0)
        hx_node_detach(t);
}

static int is_terminal(int32_t c)
{
    return c == '.' || c == 0x3002 || c == 0xFF0E || c == ';' || c == 0xFF1B ||
           c == ':' || c == 0xFF1A || c == '!' || c == 0xFF01 || c == '?' ||
           c == 0xFF1F || c == 0x061B || c == 0x061F;
}

/* Where, in text t of a numbered block, the paragraph numbered want begins
 * (just after a sentence end), else (size_t)-1. at_start: t follows a note
 * marker or line break that itself follows a sentence end. */
static size_t find_number(const char *s, size_t len, int want, int at_start)
{
    int after_end = at_start;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        int32_t c = hx_utf8_next(s, len, &j);
        if (after_end && hx_cp_digit(c) >= 0) {
            size_t k = i;
            int v = digits(s, len, &k, 4);
            if (v == want && k < len) {
                size_t m = k;
                int32_t d = hx_utf8_next(s, len, &m);
                size_t q = m;
                int32_t e = m < len ? hx_utf8_next(s, len, &q) : -1;
                if ((d == '.' || d == 0xFF0E) && e >= 0 && hx_cp_digit(e) < 0)
                    return i;
            }
        }
        if (is_terminal(c))
            after_end = 1;
        else if (!hx_cp_is_space(c))
            after_end = 0;
        i = j;
    }
    return (size_t)-1;
}

/* Splits block b where paragraph want begins, if it does: the rest becomes a
 * new block right after b. Returns the new block or NULL. */
static struct hx_node *split_numbered(struct hx_doc *doc, struct hx_node *b,
                                      int want)
{
    int at_start = 0;
    size_t len;
    for (struct hx_node *c = b->first; c; c = c->next) {
        if (c->type == HX_TEXT) {
            size_t cut = find_number(c->text, c->len, want, at_start);
            if (cut != (size_t)-1) {
                struct hx_node *nb = hx_node_new(doc, b->type);
                struct hx_node *rest =
                    hx_text_new(doc, c->text + cut, c->len - cut);
                size_t keep = cut;
                nb->pos = b->pos;
                nb->lang = b->lang;
                nb->style = b->style;
                while (c->next)
                    hx_node_append(nb, c->next);
                hx_node_insert_after(b, nb);
                if (nb->first)
                    hx_node_insert_before(nb->first, rest);
                else
                    hx_node_append(nb, rest);
                while (keep > 0 && c->text[keep - 1] == ' ')
                    keep--;
                hx_node_set_text(doc, c, c->text, keep);
                if (c->len == 0)
                    hx_node_detach(c);
                return nb;
            }
            if (c->len) {
                size_t i = c->len;
                int32_t last = hx_utf8_prev(c->text, &i);
                at_start = is_terminal(last) ||
                           (at_start && hx_cp_is_space(last) && c->len == 1);
            }
        } else if (c->type == HX_BREAK) {
            at_start = 1;
        } else if (c->type != HX_NOTEREF && c->type != HX_NOTE) {
            char *t = hx_node_text(doc, c, &len);
            size_t i = len;
            if (len)
                at_start = is_terminal(hx_utf8_prev(t, &i));
        }
    }
    return NULL;
}

/* --- keys --------------------------------------------------------------- */

static const char *letters(struct hx_doc *doc, int pos)
{
    char buf[8];
    size_t n = 0;
    if (pos < 1)
        pos = 1;
    while (pos > 0 && n < 6) {
        buf[n++] = (char)('a' + (pos - 1) % 26);
        pos = (pos - 1) / 26;
    }
    for (size_t k = 0; k < n / 2; k++) {
        char t = buf[k];
        buf[k] = buf[n - 1 - k];
        buf[n - 1 - k] = t;
    }
    return hx_strndup(doc->arena, buf, n);
}

static const char *romans(struct hx_doc *doc, int v)
{
    static const struct { int v; const char *s; } t[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
        {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
        {5, "v"},    {4, "iv"},   {1, "i"}};
    struct hx_buf b = {0};
    const char *r;
    if (v < 1 || v > 3999)
        v = 1;
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
        while (v >= t[k].v) {
            hx_buf_adds(&b, t[k].s);
            v -= t[k].v;
        }
    r = hx_strdup(doc->arena, b.data);
    hx_buf_free(&b);
    return r;
}

/* Starts a new part; its section is appended to the detached list. */
static void new_part(struct state *s, enum part_kind k, const char *name)
{
    struct hx_node *sec = hx_node_new(s->doc, HX_SECTION);
    sec->key = name;
    sec->role = k == P_FRONT   ? HX_ROLE_MASTHEAD
                : k == P_ANNEX ? HX_ROLE_ANNEX
                : k == P_PRE   ? HX_ROLE_PREAMBLE
                : k == P_ART   ? HX_ROLE_ARTICLE
                               : HX_ROLE_NONE;
    hx_node_append(s->sections, sec);
    s->sec = sec;
    s->part = k;
    s->pname = name;
    s->parent = NULL;
    s->base = name;
    s->plus = 0;
    s->nsub = s->nsub2 = 0;
    s->pp = s->op_started = s->last_num = s->heads_u = 0;
    s->head_num = s->head_letter = 0;
    s->art = s->art_para = s->art_numbered = 0;
    memset(s->seen, 0, sizeof s->seen);
}

/* Sets the key of a block that others count from. */
static void key_base(struct state *s, struct hx_node *n, const char *key)
{
    n->key = key;
    s->base = key;
    s->plus = 0;
}

static void key_plus(struct state *s, struct hx_node *n)
{
    n->key = hx_printf(s->doc->arena, "%s+%d", s->base, ++s->plus);
}

/* A numbered paragraph of the current part. */
static void numbered(struct state *s, struct hx_node *n, const char *prefix,
                     int num)
{
    const char *key = hx_printf(s->doc->arena, "%s.%d", prefix, num);
    if (num > 0 && num < (int)sizeof s->seen) {
        if (s->seen[num]) {
            hx_warn(s->st, s->doc, n, "paragraph number %d used twice in %s",
                    num, s->pname);
            key = hx_printf(s->doc->arena, "%s+dup%d", key, s->seen[num]);
        }
        if (s->seen[num] < 255)
            s->seen[num]++;
    }
    if (s->last_num && num != s->last_num + 1 && s->seen[num] == 1)
        hx_warn(s->st, s->doc, n, "paragraph %d follows paragraph %d in %s",
                num, s->last_num, s->pname);
    s->last_num = num;
    n->num = num;
    key_base(s, n, key);
    s->parent = key;
    s->nsub = s->nsub2 = 0;
    s->sub_last_letter = 0;
}

/* A sub-item: letters at the first level, roman numerals below. Keys count
 * positions, not the printed letters, which differ between alphabets. */
static void subitem(struct state *s, struct hx_node *n, const struct label *l)
{
    int level2 = l->roman && !(l->letter && s->nsub > 0 &&
                               l->num == s->sub_last_letter + 1);
    if (level2 && s->nsub == 0)
        level2 = 0;
    n->role = HX_ROLE_SUBITEM;
    n->num = level2 ? l->roman : l->num;
    if (!s->parent)
        s->parent = s->base;
    if (level2) {
        s->nsub2++;
        key_base(s, n, hx_printf(s->doc->arena, "%s.%s.%s", s->parent,
                                 letters(s->doc, s->nsub),
                                 romans(s->doc, s->nsub2)));
    } else {
        s->nsub++;
        s->nsub2 = 0;
        s->sub_last_letter = l->num;
        key_base(s, n, hx_printf(s->doc->arena, "%s.%s", s->parent,
                                 letters(s->doc, s->nsub)));
    }
}

/* --- masthead ----------------------------------------------------------- */

/* Is s a document symbol such as "A/C.2/76/L.56" or "E/2020/11"? */
static int is_symbol(const char *s, size_t len)
{
    size_t i = 0;
    int slashes = 0;
    while (i < len && s[i] >= 'A' && s[i] <= 'Z')
        i++;
    if (i == 0)
        return 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '/')
            slashes++;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                   (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ' ' ||
                   c == '(' || c == ')'))
            return 0;
    }
    return slashes > 0;
}

static const char *trimmed(struct hx_doc *doc, const char *s, size_t len)
{
    size_t a = skip_spaces(s, len, 0), b = len;
    while (b > a) {
        size_t i = b;
        if (!hx_cp_is_space(hx_utf8_prev(s, &i)))
            break;
        b = i;
    }
    return hx_strndup(doc->arena, s + a, b - a);
}

/* The first number in s (any digits, else a Chinese numeral), as text. */
static const char *number_in(struct hx_doc *doc, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t j = i;
        int32_t c = hx_utf8_next(s, len, &j);
        if (hx_cp_digit(c) >= 0 || (zh_digit(c) > 0 || zh_unit(c))) {
            size_t k = i;
            int v = hx_cp_digit(c) >= 0 ? digits(s, len, &k, 6)
                                        : zh_number(s, len, &k);
            if (v >= 0)
                return hx_printf(doc->arena, "%d", v);
        }
        i = j;
    }
    return NULL;
}

/* A masthead block: metadata when recognised, else the title or a line
 * counted from the last one. */
static void masthead(struct state *s, struct hx_node *n, const char *t,
                     size_t len, const char *f, size_t flen)
{
    struct hx_doc *doc = s->doc;
    size_t k;
    n->role = HX_ROLE_MASTHEAD;
    if (is_symbol(t, len)) {
        hx_meta_set(doc, "symbol", trimmed(doc, t, len));
        key_base(s, n, "front.symbol");
    } else if (phrase_within(s->p->agenda, f, flen) && number_in(doc, t, len)) {
        hx_meta_set(doc, "agenda", number_in(doc, t, len));
        key_base(s, n, "front.agenda");
    } else if (phrase_within(s->p->session, f, flen) && len < 120) {
        const char *v = number_in(doc, t, len);
        hx_meta_set(doc, "session", v ? v : trimmed(doc, t, len));
        key_base(s, n, "front.session");
    } else if ((k = phrase_prefix(s->p->rapporteur, f, flen)) > 0) {
        size_t i = skip_spaces(f, flen, k), j = i;
        int32_t c = i < flen ? hx_utf8_next(f, flen, &j) : 0;
        if (c == ':' || c == 0xFF1A) {
            /* folding keeps the length of these scripts' rapporteur lines
             * only approximately, so cut the original at its colon */
            const char *colon = strstr(t, ":");
            const char *wide = strstr(t, "\xEF\xBC\x9A");
            const char *at = colon && (!wide || colon < wide) ? colon + 1
                             : wide                          ? wide + 3
                                                             : t + len;
            hx_meta_set(doc, "rapporteur",
                        trimmed(doc, at, (size_t)(t + len - at)));
            key_base(s, n, "front.rapporteur");
        } else {
            goto other;
        }
    } else if ((len > strlen(hx_report_of_zh) &&
                strcmp(t + len - strlen(hx_report_of_zh), hx_report_of_zh) ==
                    0) ||
               (k = phrase_prefix(s->p->report_of, f, flen)) > 0) {
        size_t zl = strlen(hx_report_of_zh);
        if (len > zl && strcmp(t + len - zl, hx_report_of_zh) == 0) {
            hx_meta_set(doc, "organ", trimmed(doc, t, len - zl));
        } else {
            /* the folded prefix has the original's length in these scripts */
            size_t cut = k <= len ? k : len;
            hx_meta_set(doc, "organ", trimmed(doc, t + cut, len - cut));
        }
        key_base(s, n, "front.organ");
    } else {
    other:
        if (!s->front_title) {
            s->front_title = 1;
            n->role = HX_ROLE_TITLE;
            hx_meta_set(doc, "title", trimmed(doc, t, len));
            key_base(s, n, "front.title");
        } else {
            key_plus(s, n);
        }
    }
}

/* --- the walk ----------------------------------------------------------- */

static int ends_open(const char *t, size_t len)
{
    size_t i = len;
    int32_t c;
    while (i > 0) {
        c = hx_utf8_prev(t, &i);
        if (!hx_cp_is_space(c))
            return !(is_terminal(c) || c == ',' || c == 0xFF0C || c == 0x060C ||
                     c == 0x3001);
    }
    return 0;
}

/* The text a lead word is looked for in: the first strong or emphasised
 * run near the start (operative verbs are set bold in Chinese, italic in
 * English, and need not come first: "在这方面**确认**"), else the block. */
static char *lead_source(struct hx_doc *doc, struct hx_node *n, size_t *len)
{
    size_t before = 0;
    for (struct hx_node *c = n->first; c && before < 40; c = c->next) {
        if (c->type == HX_STRONG || c->type == HX_EMPH) {
            char *t = hx_node_text(doc, c, len);
            if (*len)
                return t;
        }
        if (c->type == HX_TEXT)
            before += c->len;
    }
    return hx_node_text(doc, n, len);
}

static void set_lead(struct state *s, struct hx_node *n)
{
    size_t len, flen;
    char *t = lead_source(s->doc, n, &len);
    char *f = fold(t, len < 200 ? len : 200, &flen);
    if (f) {
        n->lead = lead_of(s->p, f, flen, NULL);
        free(f);
    }
}

/* Article number of a heading "Article 12" / "Article premier" / "第十二条" /
 * "المادة 12", or 0. */
static int article_number(const struct priv *p, const char *t, size_t len,
                          const char *f, size_t flen)
{
    size_t k, i;
    if (phrase_prefix(p->article_first, f, flen) == flen && flen)
        return 1;
    if (len > 6 && memcmp(t, "\xE7\xAC\xAC", 3) == 0) { /* 第 */
        i = 3;
        int v = zh_number(t, len, &i);
        if (v < 0) {
            i = 3;
            v = digits(t, len, &i, 4);
        }
        if (v > 0 && i + 3 == len && memcmp(t + i, "\xE6\x9D\xA1", 3) == 0)
            return v; /* 条 */
        return 0;
    }
    if ((k = phrase_prefix(p->article, f, flen)) > 0) {
        i = skip_spaces(f, flen, k);
        int v = digits(f, flen, &i, 4);
        if (v > 0 && skip_spaces(f, flen, i) == flen)
            return v;
    }
    return 0;
}

/* Is the folded text one of the formulas ("The General Assembly,")? */
static int is_formula(const struct priv *p, const char *f, size_t flen)
{
    size_t k = phrase_prefix(p->formula_pre, f, flen), m, i;
    m = phrase_prefix(p->formulas, f + k, flen - k);
    if (!m)
        return 0;
    i = k + m;
    while (i < flen) {
        size_t j = i;
        int32_t c = hx_utf8_next(f, flen, &j);
        if (!(hx_cp_is_space(c) || c == ',' || c == 0xFF0C || c == 0x060C ||
              c == ':' || c == 0xFF1A))
            return 0;
        i = j;
    }
    return 1;
}

/* Skips a transition ("Now, therefore,") and a formula at the start of an
 * instrument's closing paragraph, returning the offset of what follows. */
static size_t skip_intro(const struct priv *p, const char *f, size_t flen)
{
    size_t i = 0, k;
    for (int round = 0; round < 2; round++) {
        k = phrase_prefix(p->transitions, f + i, flen - i);
        if (!k) {
            size_t a = phrase_prefix(p->formula_pre, f + i, flen - i);
            k = phrase_prefix(p->formulas, f + i + a, flen - i - a);
            if (k)
                k += a;
        }
        if (!k)
            break;
        i += k;
        while (i < flen) {
            size_t j = i;
            int32_t c = hx_utf8_next(f, flen, &j);
            if (!(hx_cp_is_space(c) || c == ',' || c == 0xFF0C || c == 0x060C))
                break;
            i = j;
        }
    }
    return i;
}

static void make_heading(struct hx_node *n, int level)
{
    n->type = HX_HEADING;
    n->level = level;
}

static const char *part_name(struct state *s, const char *stem, int count)
{
    return count <= 1 ? stem : hx_printf(s->doc->arena, "%s%d", stem, count);
}

/* Looks ahead: does the next block start a numbered unit or a heading? */
static int next_starts_unit(struct hx_doc *doc, struct hx_node *n)
{
    struct hx_node *x = n->next;
    size_t len;
    char *t;
    struct label l;
    while (x && x->role == HX_ROLE_NOTE_BODY)
        x = x->next;
    if (!x)
        return 0;
    if (x->type == HX_HEADING)
        return 1;
    if (x->label) {
        l = scan_label(x->label, strlen(x->label));
    } else {
        t = hx_node_text(doc, x, &len);
        l = scan_label(t, len);
    }
    return l.kind == L_NUM || l.kind == L_ROMAN || l.kind == L_ZH ||
           l.kind == L_LETTER;
}

/* Puts a block into the current part; list items stay in their item. */
static void place(struct state *s, struct hx_node *n)
{
    if (!s->in_list)
        hx_node_append(s->sec, n);
    s->prev = n;
}

static void block(struct state *s, struct hx_node *n);

/* The label of the list item whose first block n is, if any: an ordered
 * list's number is printed by the item ("1."), not by the paragraph. */
static const char *item_label(const struct hx_node *n)
{
    const struct hx_node *it = n->parent;
    if (!it || it->type != HX_ITEM || it->first != n)
        return NULL;
    if (it->label && *it->label)
        return it->label;
    return it->num > 0 ? "" : NULL;
}

/* A list: its items are units of their own, numbered by their labels (or
 * positions when the list is ordered but unlabelled). */
static void list(struct state *s, struct hx_node *n)
{
    int pos = 0;
    place(s, n);
    for (struct hx_node *it = n->first; it; it = it->next) {
        struct hx_node *c = it->first;
        pos++;
        if (!c)
            continue;
        s->in_list++;
        for (; c; c = c->next)
            block(s, c);
        s->in_list--;
    }
    s->prev = n;
}

static void block(struct state *s, struct hx_node *n)
{
    struct hx_doc *doc = s->doc;
    const struct priv *p = s->p;
    size_t len, flen = 0;
    char *t, *f;
    struct label l;
    int art;

    if (n->type == HX_LIST) {
        list(s, n);
        return;
    }
    if (n->role == HX_ROLE_NOTE_BODY) {
        place(s, n); /* the notes stage keys and moves it */
        return;
    }
    if (n->type != HX_PARA && n->type != HX_HEADING) {
        place(s, n);
        key_plus(s, n);
        return;
    }
    t = hx_node_text(doc, n, &len);
    l = scan_label(t, len);
    if (n->label || (l.kind == L_NONE && item_label(n))) {
        /* the number is printed by the reader's label, not in the text */
        const char *lab = n->label ? n->label : item_label(n);
        l = scan_label(lab, strlen(lab));
        if (l.kind == L_NONE && !n->label && n->parent->num > 0) {
            l.kind = L_NUM;
            l.num = n->parent->num;
        }
        l.len = l.plen = 0;
    }
    /* "I." after "H." is a letter, not one */
    if (l.kind == L_ROMAN && l.plen == 2 && s->head_letter &&
        letter_pos((unsigned char)t[0]) == s->head_letter + 1) {
        l.kind = L_LETTER;
        l.num = letter_pos((unsigned char)t[0]);
    }
    f = fold(t + l.len, len - l.len < 400 ? len - l.len : 400, &flen);
    if (!f) {
        f = malloc(1);
        if (!f) {
            place(s, n);
            return;
        }
        f[0] = '\0';
        flen = 0;
    }
    if (l.kind != L_NONE && l.len)
        take_label(doc, n, &l);
    /* later paragraphs run into this one without a blank line: the rest
     * becomes the next block, still to be walked */
    if (l.kind == L_NUM)
        split_numbered(doc, n, l.num + 1);

    /* parts that start whatever came before */
    if (l.kind == L_NONE && phrase_prefix(p->annex, f, flen) &&
        skip_spaces(f, flen, phrase_prefix(p->annex, f, flen)) + 12 >= flen &&
        len < 60) {
        s->nannex++;
        new_part(s, P_ANNEX, part_name(s, "annex", s->nannex));
        place(s, n);
        make_heading(n, 1);
        n->role = HX_ROLE_ANNEX;
        key_base(s, n, hx_printf(doc->arena, "head.%s", s->pname));
        goto out;
    }
    if (l.kind == L_NONE && phrase_prefix(p->preamble, f, flen) == flen &&
        flen) {
        new_part(s, P_PRE, "pre");
        place(s, n);
        make_heading(n, 2);
        n->role = HX_ROLE_PREAMBLE;
        key_base(s, n, "head.pre");
        goto out;
    }
    if (l.kind == L_NONE && (art = article_number(p, t, len, f, flen)) > 0) {
        if (s->part != P_ART)
            new_part(s, P_ART, "art");
        place(s, n);
        make_heading(n, 2);
        n->role = HX_ROLE_ARTICLE;
        n->num = art;
        s->art = art;
        s->art_para = s->art_numbered = 0;
        key_base(s, n, hx_printf(doc->arena, "art.%d", art));
        s->parent = n->key;
        s->nsub = 0;
        goto out;
    }
    if (l.kind == L_NONE && is_formula(p, f, flen) && s->part != P_PRE) {
        struct hx_node *title = s->prev;
        s->nres++;
        new_part(s, P_RES, hx_printf(doc->arena, "res%d", s->nres));
        if (title && title->role != HX_ROLE_NOTE_BODY && !title->label &&
            title->type != HX_LIST && title->role != HX_ROLE_FORMULA &&
            (title->role == HX_ROLE_NONE || title->role == HX_ROLE_TITLE ||
             title->role == HX_ROLE_CONTINUED || title->role == HX_ROLE_MASTHEAD)) {
            place(s, title);
            make_heading(title, 2);
            title->role = HX_ROLE_TITLE;
            title->key = hx_printf(doc->arena, "%s.title", s->pname);
        }
        place(s, n);
        n->role = HX_ROLE_FORMULA;
        key_base(s, n, hx_printf(doc->arena, "%s.formula", s->pname));
        goto out;
    }
    if (s->part == P_FRONT &&
        (l.kind != L_NONE || phrase_prefix(p->known_heads, f, flen) == flen)) {
        s->nbody++;
        new_part(s, P_BODY, "body");
    }
    if (s->part == P_RES && (l.kind == L_ROMAN || l.kind == L_ZH)) {
        s->nbody++;
        new_part(s, P_BODY, "body");
    }
    place(s, n);

    switch (s->part) {
    case P_FRONT:
        if (n->type == HX_HEADING && !s->front_title) {
            s->front_title = 1;
            n->role = HX_ROLE_TITLE;
            hx_meta_set(doc, "title", trimmed(doc, t, len));
            key_base(s, n, "front.title");
        } else {
            masthead(s, n, t, len, f, flen);
        }
        break;
    case P_PRE:
        if (is_formula(p, f, flen)) {
            n->role = HX_ROLE_FORMULA;
            key_base(s, n, "pre.formula");
            s->op_started = 1;
        } else {
            size_t i = skip_intro(p, f, flen);
            const char *cls = lead_of(p, f + i, flen - i, NULL);
            n->role = HX_ROLE_PREAMBLE;
            if (i == flen && i > 0) {
                key_base(s, n, "pre.transition");
            } else if ((cls && strcmp(cls, "proclaim") == 0) ||
                       (s->op_started && !strstr(s->base, "pre.op"))) {
                n->lead = cls;
                s->op_started = 1;
                key_base(s, n, "pre.op");
            } else if (s->op_started) {
                key_plus(s, n);
            } else {
                n->lead = cls;
                key_base(s, n, hx_printf(doc->arena, "pre.%d", ++s->pp));
            }
        }
        break;
    case P_ART:
        n->role = HX_ROLE_ARTICLE;
        if (l.kind == L_SUB) {
            subitem(s, n, &l);
        } else if (l.kind == L_NUM) {
            n->num = l.num;
            s->art_numbered = l.num;
            key_base(s, n, hx_printf(doc->arena, "art.%d.%d", s->art, l.num));
            s->parent = n->key;
            s->nsub = 0;
        } else if (s->art_numbered) {
            n->role = HX_ROLE_CONTINUED;
            key_plus(s, n);
        } else {
            key_base(s, n, hx_printf(doc->arena, "art.%d.%d", s->art,
                                     ++s->art_para));
        }
        break;
    default: /* body, resolution, annex */
        if (l.kind == L_ROMAN || l.kind == L_ZH) {
            make_heading(n, 1);
            n->num = l.num;
            s->head_num = l.num;
            s->head_letter = 0;
            s->parent = NULL;
            key_base(s, n, hx_printf(doc->arena, "head.%s.%d", s->pname, l.num));
        } else if (l.kind == L_LETTER) {
            make_heading(n, 2);
            n->num = l.num;
            s->head_letter = l.num;
            s->parent = NULL;
            key_base(s, n,
                     s->head_num
                         ? hx_printf(doc->arena, "head.%s.%d.%s", s->pname,
                                     s->head_num, letters(doc, l.num))
                         : hx_printf(doc->arena, "head.%s.%s", s->pname,
                                     letters(doc, l.num)));
        } else if (l.kind == L_NUM) {
            if (s->part == P_RES) {
                n->role = HX_ROLE_OPERATIVE;
                s->op_started = 1;
                numbered(s, n, hx_printf(doc->arena, "%s.op", s->pname), l.num);
                set_lead(s, n);
            } else {
                n->role = HX_ROLE_NUMBERED;
                numbered(s, n, s->pname, l.num);
            }
        } else if (l.kind == L_SUB) {
            subitem(s, n, &l);
        } else if (n->type == HX_HEADING ||
                   (s->part != P_RES &&
                    (phrase_prefix(p->known_heads, f, flen) == flen ||
                     (hx_str_width(t, len) <= 40 && ends_open(t, len) &&
                      next_starts_unit(doc, n))))) {
            make_heading(n, s->head_num ? 2 : 1);
            s->parent = NULL;
            key_base(s, n, hx_printf(doc->arena, "head.%s.u%d", s->pname,
                                     ++s->heads_u));
        } else if (s->part == P_RES && !s->op_started) {
            n->role = HX_ROLE_PREAMBULAR;
            key_base(s, n, hx_printf(doc->arena, "%s.pp.%d", s->pname, ++s->pp));
            s->parent = n->key;
            s->nsub = 0;
            set_lead(s, n);
        } else if (s->parent) {
            n->role = HX_ROLE_CONTINUED;
            key_plus(s, n);
        } else {
            key_plus(s, n);
        }
        break;
    }
out:
    free(f);
}

static void flatten(struct hx_node *root)
{
    struct hx_node *c = root->first;
    while (c) {
        struct hx_node *next = c->next;
        if (c->type == HX_SECTION) {
            struct hx_node *first = c->first;
            while (c->first)
                hx_node_insert_before(c, c->first);
            hx_node_detach(c);
            next = first ? first : next;
        }
        c = next;
    }
}

static int structure_doc(struct hx_stage *st, struct hx_doc *doc)
{
    struct state *s = calloc(1, sizeof *s);
    if (!s) {
        hx_error(st, doc, NULL, "out of memory");
        return -1;
    }
    s->st = st;
    s->p = st->priv;
    s->doc = doc;
    s->sections = hx_node_new(doc, HX_SECTION);
    flatten(doc->root);
    new_part(s, P_FRONT, "front");
    for (struct hx_node *n = doc->root->first; n; n = doc->root->first)
        block(s, n);
    while (s->sections->first) {
        struct hx_node *sec = s->sections->first;
        if (sec->first)
            hx_node_append(doc->root, sec);
        else
            hx_node_detach(sec);
    }
    free(s);
    return 0;
}

/* --- open/close ---------------------------------------------------------- */

static void add_leads(struct priv *p, const char *cls, const char *forms,
                      size_t *cap)
{
    for (const char *q = forms; q && *q;) {
        const char *e = strchr(q, '|');
        size_t n = e ? (size_t)(e - q) : strlen(q), flen;
        char *f = fold(q, n, &flen);
        if (f) {
            if (p->nleads == *cap) {
                size_t nc = *cap ? *cap * 2 : 64;
                struct lead_phrase *v = realloc(p->leads, nc * sizeof *v);
                if (!v) {
                    free(f);
                    return;
                }
                p->leads = v;
                *cap = nc;
            }
            p->leads[p->nleads++] = (struct lead_phrase){f, flen, cls};
        }
        q += n + (e != NULL);
    }
}

static int structure_open(struct hx_stage *st)
{
    struct priv *p = st->priv;
    size_t cap = 0;
    p->formulas = fold_z(hx_formulas);
    p->formula_pre = fold_z(hx_formula_pre);
    p->transitions = fold_z(hx_transitions);
    p->annex = fold_z(hx_annex_words);
    p->preamble = fold_z(hx_preamble_words);
    p->article = fold_z(hx_article_words);
    p->article_first = fold_z(hx_article_first);
    p->known_heads = fold_z(hx_known_heads);
    p->session = fold_z(hx_session_words);
    p->agenda = fold_z(hx_agenda_words);
    p->rapporteur = fold_z(hx_rapporteur_words);
    p->report_of = fold_z(hx_report_of);
    for (const struct hx_lead *l = hx_leads; l->cls; l++) {
        add_leads(p, l->cls, l->zh, &cap);
        add_leads(p, l->cls, l->en, &cap);
        add_leads(p, l->cls, l->fr, &cap);
        add_leads(p, l->cls, l->es, &cap);
        add_leads(p, l->cls, l->ru, &cap);
        add_leads(p, l->cls, l->ar, &cap);
    }
    if (!p->formulas || !p->formula_pre || !p->transitions || !p->annex ||
        !p->preamble || !p->article || !p->article_first || !p->known_heads ||
        !p->session || !p->agenda || !p->rapporteur || !p->report_of ||
        !p->nleads) {
        hx_error(st, NULL, NULL, "cannot prepare the phrase tables (ICU)");
        return -1;
    }
    return 0;
}

static void structure_close(struct hx_stage *st)
{
    struct priv *p = st->priv;
    free(p->formulas);
    free(p->formula_pre);
    free(p->transitions);
    free(p->annex);
    free(p->preamble);
    free(p->article);
    free(p->article_first);
    free(p->known_heads);
    free(p->session);
    free(p->agenda);
    free(p->rapporteur);
    free(p->report_of);
    for (size_t k = 0; k < p->nleads; k++)
        free(p->leads[k].text);
    free(p->leads);
}

const struct hx_filter hx_structure = {
    .name = "structure",
    .kind = HX_FILTER,
    .summary = "UN document structure: parts, labels, roles, lead words, "
               "paragraph keys, masthead metadata",
    .needs = HX_HAS_TREE,
    .gives = HX_HAS_STRUCTURE,
    .priv_size = sizeof(struct priv),
    .open = structure_open,
    .doc = structure_doc,
    .close = structure_close,
};
