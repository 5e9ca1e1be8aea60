/* Tree edits and masthead helpers of the structure stage: moving a
 * label out of the text, splitting numbered paragraphs that ran together,
 * document symbols. */
#include <string.h>

#include "hx.h"
#include "structure.h"

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
void structure_take_label(struct hx_doc *doc, struct hx_node *n, const struct structure_label *l)
{
    struct hx_node *t = first_text(n);
    if (!t || t->len < l->len)
        return;
    n->label = hx_strndup(doc->arena, t->text, l->plen);
    hx_node_set_text(doc, t, t->text + l->len, t->len - l->len);
    if (t->len == 0)
        hx_node_detach(t);
}

int structure_is_terminal(int32_t c)
{
    return c == '.' || c == 0x3002 || c == 0xFF0E || c == ';' || c == 0xFF1B || c == ':' ||
           c == 0xFF1A || c == '!' || c == 0xFF01 || c == '?' || c == 0xFF1F || c == 0x061B ||
           c == 0x061F;
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
            int v = structure_digits(s, len, &k, 4);
            if (v == want && k < len) {
                size_t m = k;
                int32_t d = hx_utf8_next(s, len, &m);
                size_t q = m;
                int32_t e = m < len ? hx_utf8_next(s, len, &q) : -1;
                if ((d == '.' || d == 0xFF0E) && e >= 0 && hx_cp_digit(e) < 0)
                    return i;
            }
        }
        if (structure_is_terminal(c))
            after_end = 1;
        else if (!hx_cp_is_space(c))
            after_end = 0;
        i = j;
    }
    return (size_t)-1;
}

/* Splits block b where paragraph want begins, if it does: the rest becomes a
 * new block right after b. Returns the new block or NULL. */
struct hx_node *structure_split_numbered(struct hx_doc *doc, struct hx_node *b, int want)
{
    int at_start = 0;
    size_t len;
    for (struct hx_node *c = b->first; c; c = c->next) {
        if (c->type == HX_TEXT) {
            size_t cut = find_number(c->text, c->len, want, at_start);
            if (cut != (size_t)-1) {
                struct hx_node *nb = hx_node_new(doc, b->type);
                /* the rest keeps pointing into the arena copy (it ends in a
                 * NUL): copying it would make long runs quadratic */
                struct hx_node *rest = hx_node_new(doc, HX_TEXT);
                size_t keep = cut;
                rest->text = c->text + cut;
                rest->len = c->len - cut;
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
                at_start = structure_is_terminal(last) ||
                           (at_start && hx_cp_is_space(last) && c->len == 1);
            }
        } else if (c->type == HX_BREAK) {
            at_start = 1;
        } else if (c->type != HX_NOTEREF && c->type != HX_NOTE) {
            const char *t = structure_text(doc, c, &len);
            size_t i = len;
            if (len)
                at_start = structure_is_terminal(hx_utf8_prev(t, &i));
        }
    }
    return NULL;
}

/* --- the walk's helpers --------------------------------------------------- */

/* Does the text end without clause punctuation (a heading, a cut)? */
int structure_ends_open(const char *t, size_t len)
{
    size_t i = len;
    int32_t c;
    while (i > 0) {
        c = hx_utf8_prev(t, &i);
        if (!hx_cp_is_space(c))
            return !(structure_is_terminal(c) || c == ',' || c == 0xFF0C || c == 0x060C ||
                     c == 0x3001);
    }
    return 0;
}

/* The first strong or emphasised run near the start of n (operative
 * verbs are set bold in Chinese, italic in English, and need not come
 * first: "在这方面**确认**"), or NULL. */
const char *structure_lead_run(struct hx_doc *doc, struct hx_node *n, size_t *len)
{
    size_t before = 0;
    for (struct hx_node *c = n->first; c && before < 40; c = c->next) {
        if (c->type == HX_STRONG || c->type == HX_EMPH) {
            const char *t = structure_text(doc, c, len);
            if (*len)
                return t;
        }
        if (c->type == HX_TEXT)
            before += c->len;
    }
    return NULL;
}

/* The text a lead word is looked for in: that run, else the block. */
const char *structure_lead_source(struct hx_doc *doc, struct hx_node *n, size_t *len, int *whole)
{
    const char *t = structure_lead_run(doc, n, len);
    if (whole)
        *whole = !t;
    return t ? t : structure_text(doc, n, len);
}

/* Looks ahead: does the next block start a numbered unit or a heading? */
int structure_next_starts_unit(struct hx_doc *doc, struct hx_node *x)
{
    size_t len;
    const char *t;
    struct structure_label l;
    while (x && x->role == HX_ROLE_NOTE_BODY)
        x = x->next;
    if (!x)
        return 0;
    if (x->type == HX_HEADING)
        return 1;
    if (x->label) {
        l = structure_label_scan(structure_key_join(doc, x->label, " ", ""), strlen(x->label) + 1);
    } else {
        t = structure_text(doc, x, &len);
        l = structure_label_scan(t, len);
    }
    return l.kind == SL_NUM || l.kind == SL_ROMAN || l.kind == SL_ZH || l.kind == SL_LETTER;
}

/* The label of the list item whose first block n is, if any: an ordered
 * list's number is printed by the item ("1."), not by the paragraph. */
const char *structure_item_label(const struct hx_node *n)
{
    const struct hx_node *it = n->parent;
    if (!it || it->type != HX_ITEM || it->first != n)
        return NULL;
    if (it->label && *it->label)
        return it->label;
    return it->num > 0 ? "" : NULL;
}

/* Sections a reader made are dissolved: parts are this stage's business.
 * An annex part that opens with its text, not a heading (model XML read
 * back: structure keyed that paragraph as text), still opens there. */
void structure_flatten(struct hx_node *root)
{
    struct hx_node *c = root->first;
    while (c) {
        struct hx_node *next = c->next;
        if (c->type == HX_SECTION) {
            struct hx_node *first = c->first;
            if (c->role == HX_ROLE_ANNEX && first && first->type == HX_PARA &&
                first->role == HX_ROLE_NONE)
                first->role = HX_ROLE_ANNEX;
            while (c->first)
                hx_node_insert_before(c, c->first);
            hx_node_detach(c);
            next = first ? first : next;
        }
        c = next;
    }
}

/* Numbered paragraphs that ran into one block (lines without a blank line
 * between them) become blocks of their own before the walk, so the walk
 * takes each one's text once. */
void structure_split_runs(struct hx_doc *doc)
{
    for (struct hx_node *n = doc->root->first; n; n = n->next) {
        struct hx_node *t = n->first;
        struct structure_label l;
        if (n->type != HX_PARA || n->label || n->role == HX_ROLE_NOTE_BODY || !t ||
            t->type != HX_TEXT)
            continue;
        l = structure_label_scan(t->text, t->len);
        if (l.kind == SL_NUM)
            structure_split_numbered(doc, n, l.num + 1);
    }
}

/* --- masthead ----------------------------------------------------------- */

/* Is s a document symbol such as "A/C.2/76/L.56" or "E/2020/11"? */
int structure_is_symbol(const char *s, size_t len)
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
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '-' || c == ' ' || c == '(' || c == ')'))
            return 0;
    }
    return slashes > 0;
}

const char *structure_trimmed(struct hx_doc *doc, const char *s, size_t len)
{
    size_t a = structure_skip_spaces(s, len, 0), b = len;
    while (b > a) {
        size_t i = b;
        if (!hx_cp_is_space(hx_utf8_prev(s, &i)))
            break;
        b = i;
    }
    return hx_strndup(doc->arena, s + a, b - a);
}
