/* Rejoin: repairs paragraphs a page break cut in two. Once the notes stage
 * has moved footnote texts out of the flow, the two halves are adjacent
 * blocks of one part; they are joined when the first does not end with
 * clause or sentence punctuation (every UN paragraph does: "，" or "," in a
 * preamble, "；" or ";" in operative paragraphs, "。" or "." elsewhere) and
 * the second does not start a unit of its own: no label, no lead word, not
 * a heading, and in a cased script not a capital letter. The join has no
 * space when either side is a wide (CJK) character and one space otherwise,
 * as CSS joins a segment break. Each join is reported, and the keys counted
 * by position in the part (res1.pp.N, pre.N, "<key>+N") are renumbered so
 * they stay consecutive. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "hx.h"

static int is_end_punct(int32_t c)
{
    switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case 0x3002:
    case 0xFF0C:
    case 0xFF1B:
    case 0xFF1A:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF0E:
    case 0x3001:
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x2026: return 1;
    default: return 0;
    }
}

/* Roles of a block that can be the first half of a split paragraph. */
static int can_continue(const struct hx_node *n)
{
    switch (n->role) {
    case HX_ROLE_NONE:
    case HX_ROLE_NUMBERED:
    case HX_ROLE_SUBITEM:
    case HX_ROLE_CONTINUED:
    case HX_ROLE_PREAMBULAR:
    case HX_ROLE_OPERATIVE:
    case HX_ROLE_ARTICLE:
    case HX_ROLE_PREAMBLE: return n->type == HX_PARA;
    default: return 0;
    }
}

/* Can n be the second half: an unlabelled paragraph that starts nothing? */
static int is_tail(struct hx_doc *doc, const struct hx_node *n)
{
    size_t len, i = 0;
    char *t;
    int32_t c = -1;
    if (n->type != HX_PARA || n->label || n->lead)
        return 0;
    if (n->role != HX_ROLE_NONE && n->role != HX_ROLE_CONTINUED && n->role != HX_ROLE_PREAMBULAR &&
        n->role != HX_ROLE_PREAMBLE && n->role != HX_ROLE_ARTICLE)
        return 0;
    t = hx_node_text(doc, n, &len);
    while (i < len) {
        c = hx_utf8_next(t, len, &i);
        if (!hx_cp_is_space(c))
            break;
    }
    return len > 0 && !u_isupper(c) && !u_istitle(c);
}

static int32_t last_char(const char *t, size_t len)
{
    size_t i = len;
    while (i > 0) {
        int32_t c = hx_utf8_prev(t, &i);
        if (!hx_cp_is_space(c))
            return c;
    }
    return -1;
}

static struct hx_node *last_text(struct hx_node *n)
{
    for (struct hx_node *c = n->last; c; c = c->prev) {
        if (c->type == HX_TEXT)
            return c;
        if (c->type == HX_NOTE || c->type == HX_NOTEREF || c->type == HX_BREAK)
            return NULL;
        if (c->first) {
            struct hx_node *t = last_text(c);
            if (t)
                return t;
        }
    }
    return NULL;
}

/* Short excerpts either side of the join, for the report. */
static const char *excerpt(struct hx_doc *doc, const char *t, size_t len, int tail)
{
    size_t a = 0, b = len, i;
    int k = 0;
    if (tail) {
        i = len;
        while (i > 0 && k < 8) {
            hx_utf8_prev(t, &i);
            k++;
        }
        a = i;
    } else {
        i = 0;
        while (i < len && k < 8) {
            hx_utf8_next(t, len, &i);
            k++;
        }
        b = i;
    }
    return hx_strndup(doc->arena, t + a, b - a);
}

/* The last text node of n's flow (notes skipped) that holds more than
 * white space: where a paragraph's last character is, found without
 * building the text of a block that may have grown by many joins. */
static const struct hx_node *tail_text(const struct hx_node *n)
{
    for (const struct hx_node *c = n->last; c; c = c->prev) {
        if (c->type == HX_NOTE || c->type == HX_NOTEREF)
            continue;
        if (c->type == HX_TEXT) {
            if (last_char(c->text, c->len) >= 0)
                return c;
        } else if (c->first) {
            const struct hx_node *t = tail_text(c);
            if (t)
                return t;
        }
    }
    return NULL;
}

static void join(struct hx_doc *doc, struct hx_node *a, struct hx_node *b, int32_t ca, int32_t cb)
{
    struct hx_node *t = last_text(a);
    if (!(hx_cp_width(ca) == 2 || hx_cp_width(cb) == 2) &&
        !(t && t->len && hx_cp_is_space((unsigned char)t->text[t->len - 1]))) {
        if (t && t == a->last) {
            char *s = hx_printf(doc->arena, "%s ", t->text);
            hx_node_set_text(doc, t, s, t->len + 1);
        } else {
            hx_node_append(a, hx_text_new(doc, " ", 1));
        }
    }
    while (b->first)
        hx_node_append(a, b->first);
    a->flags |= HX_F_JOINED;
    hx_node_detach(b);
}

/* Keys counted by position: "<part>.pp.N", "pre.N" and "<base>+N"; the
 * count of each base goes on across blocks with other keys (sub-items). */
static void renumber(struct hx_doc *doc, struct hx_node *sec)
{
    int pp = 0, pre = 0;
    struct {
        const char *base;
        size_t len;
        int n;
    } bases[64];
    size_t nbases = 0;
    for (struct hx_node *n = sec->first; n; n = n->next) {
        const char *k = n->key, *q, *plus_at;
        if (!k)
            continue;
        if ((q = strstr(k, ".pp.")) && strspn(q + 4, "0123456789") == strlen(q + 4)) {
            n->key = hx_printf(doc->arena, "%.*s.pp.%d", (int)(q - k), k, ++pp);
            continue;
        }
        if (strncmp(k, "pre.", 4) == 0 && k[4] && strspn(k + 4, "0123456789") == strlen(k + 4)) {
            n->key = hx_printf(doc->arena, "pre.%d", ++pre);
            continue;
        }
        plus_at = strrchr(k, '+');
        if (plus_at && plus_at[1] && strspn(plus_at + 1, "0123456789") == strlen(plus_at + 1)) {
            size_t bl = (size_t)(plus_at - k), b = 0;
            while (b < nbases && !(bases[b].len == bl && strncmp(bases[b].base, k, bl) == 0))
                b++;
            if (b == nbases) {
                if (nbases == sizeof bases / sizeof bases[0])
                    nbases--; /* forget the oldest base but one */
                b = nbases++;
                bases[b].base = k;
                bases[b].len = bl;
                bases[b].n = 0;
            }
            n->key = hx_printf(doc->arena, "%.*s+%d", (int)bl, k, ++bases[b].n);
        }
    }
}

struct rejoin {
    int always;
};

static const struct hx_opt opts[] = {
    {"always", HX_OPT_BOOL, offsetof(struct rejoin, always), "no",
     "join in documents from every reader, not only plain text", NULL, 0, 0},
    {0},
};

static int rejoin_doc(struct hx_stage *st, struct hx_doc *doc)
{
    const struct rejoin *o = st->priv;
    int joins = 0;
    /* Only plain text carries page breaks as blank lines; a paragraph of a
     * DOCX or HTML file is whole even when it ends without punctuation. */
    if (!o->always && (!doc->format || strcmp(doc->format, "text") != 0))
        return 0;
    for (struct hx_node *sec = doc->root; sec;
         sec = sec == doc->root ? doc->root->first : sec->next) {
        int here = 0;
        struct hx_node *box = sec == doc->root ? doc->root : sec;
        if (sec != doc->root && sec->type != HX_SECTION)
            continue;
        for (struct hx_node *a = box->first; a && a->next;) {
            struct hx_node *b = a->next;
            const struct hx_node *ta_node;
            size_t lb;
            char *tb;
            int32_t ca, cb = -1;
            if (!can_continue(a) || !is_tail(doc, b)) {
                a = b;
                continue;
            }
            ta_node = tail_text(a);
            ca = ta_node ? last_char(ta_node->text, ta_node->len) : -1;
            if (ca < 0 || is_end_punct(ca)) {
                a = b;
                continue;
            }
            tb = hx_node_text(doc, b, &lb);
            for (size_t i = 0; i < lb;) {
                cb = hx_utf8_next(tb, lb, &i);
                if (!hx_cp_is_space(cb))
                    break;
            }
            hx_note(st, doc, a, "joined a paragraph split by a page break: \"…%s\" + \"%s…\"",
                    excerpt(doc, ta_node->text, ta_node->len, 1), excerpt(doc, tb, lb, 0));
            join(doc, a, b, ca, cb);
            here++;
        }
        if (here && sec != doc->root)
            renumber(doc, sec);
        joins += here;
    }
    (void)joins;
    return 0;
}

const struct hx_filter hx_rejoin = {
    .name = "rejoin",
    .kind = HX_FILTER,
    .summary = "join paragraphs split by page breaks (no terminal "
               "punctuation, next block starts nothing); renumber keys",
    .needs = HX_HAS_STRUCTURE | HX_HAS_NOTES,
    .gives = HX_HAS_JOINED,
    .priv_size = sizeof(struct rejoin),
    .opts = opts,
    .doc = rejoin_doc,
};
