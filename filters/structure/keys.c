/* The structure stage's keys and parts: starting a part, keying numbered
 * paragraphs, sub-items and the blocks counted after them, lead-word
 * classes; and the roles a reader set, which the walk in
 * filters/structure/structure.c takes as given (the contract is at enum hx_role in
 * pipeline/doc.h). */
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "structure.h"

/* --- keys --------------------------------------------------------------- */

/* Keys are made for every block: put together here rather than by
 * hx_printf, whose vsnprintf was a tenth of the stage. */
const char *structure_key_join(struct hx_doc *doc, const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *k = hx_alloc(doc->arena, na + nb + nc + 1);
    memcpy(k, a, na);
    memcpy(k + na, b, nb);
    memcpy(k + na + nb, c, nc);
    k[na + nb + nc] = '\0';
    return k;
}

const char *structure_key_num(struct hx_doc *doc, const char *a, const char *b, long num)
{
    char d[24], *q = d + sizeof d;
    unsigned long v = num < 0 ? 0ul - (unsigned long)num : (unsigned long)num;
    *--q = '\0';
    do
        *--q = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (num < 0)
        *--q = '-';
    return structure_key_join(doc, a, b, q);
}

/* Starts a new part; its section is appended to the detached list. */
void structure_new_part(struct structure_state *s, enum structure_part k, const char *name)
{
    struct hx_node *sec = hx_node_new(s->doc, HX_SECTION);
    if (s->part == P_BODY && s->sec) {
        s->body_last = s->last_num;
        s->body_head = s->head_num;
        s->body_heads_u = s->heads_u;
        s->body_seen = s->seen;
    }
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
    s->awaiting = 0;
    s->group = NULL;
    s->group_num = s->group_dup = s->group_run = 0;
    s->seen = (struct structure_seen){0};
}

/* The report goes on after a draft resolution ("28. The Committee also
 * recommends…", "IV. …"): a new section, keyed "body" again, whose
 * numbers continue the body's. */
void structure_resume_body(struct structure_state *s)
{
    structure_new_part(s, P_BODY, "body");
    s->last_num = s->body_last;
    s->head_num = s->body_head;
    s->heads_u = s->body_heads_u;
    s->seen = s->body_seen;
}

/* Sets the key of a block that others count from. */
void structure_key_base(struct structure_state *s, struct hx_node *n, const char *key)
{
    n->key = key;
    s->base = key;
    s->plus = 0;
}

void structure_key_plus(struct structure_state *s, struct hx_node *n)
{
    n->key = structure_key_num(s->doc, s->base, "+", ++s->plus);
}

/* The block unnumbered ones attach to from now on. */
void structure_set_parent(struct structure_state *s, const char *key)
{
    s->parent = key;
    s->cont = 0;
}

unsigned structure_seen_add(struct hx_doc *doc, struct structure_seen *t, int num)
{
    if (2 * (t->n + 1) > t->cap) { /* rehash into twice the room */
        size_t cap = t->cap ? 2 * t->cap : 64;
        struct structure_seen_slot *v = hx_alloc(doc->arena, cap * sizeof *v);
        for (size_t k = 0; k < t->cap; k++) {
            if (!t->v[k].num)
                continue;
            size_t h = (unsigned)t->v[k].num * 2654435761u % cap;
            while (v[h].num)
                h = (h + 1) % cap;
            v[h] = t->v[k];
        }
        t->v = v;
        t->cap = cap;
    }
    size_t h = (unsigned)num * 2654435761u % t->cap;
    while (t->v[h].num && t->v[h].num != num)
        h = (h + 1) % t->cap;
    if (!t->v[h].num) {
        t->v[h].num = num;
        t->n++;
    }
    return t->v[h].count++;
}

/* A numbered paragraph of the current part. */
void structure_numbered(struct structure_state *s, struct hx_node *n, const char *prefix, int num)
{
    const char *key = structure_key_num(s->doc, prefix, ".", num);
    unsigned before = 0;
    if (num > 0 && (before = structure_seen_add(s->doc, &s->seen, num)) > 0) {
        hx_warn(s->st, s->doc, n, "paragraph number %d used twice in %s", num, s->pname);
        key = structure_key_num(s->doc, key, "+dup", before);
    }
    if (s->last_num && num != s->last_num + 1 && (num <= 0 || before == 0))
        hx_warn(s->st, s->doc, n, "paragraph %d follows paragraph %d in %s", num, s->last_num,
                s->pname);
    s->last_num = num;
    n->num = num;
    structure_key_base(s, n, key);
    s->parent = key;
    s->cont = 0;
    s->nsub = s->nsub2 = 0;
    s->sub_last_letter = 0;
}

/* A sub-item: letters at the first level, roman numerals below.
 * Keys count positions, not the printed letters, which differ
 * between alphabets. */
void structure_subitem(struct structure_state *s, struct hx_node *n,
                       const struct structure_label *l)
{
    int level2 = l->roman && !(l->letter && s->nsub > 0 && l->num == s->sub_last_letter + 1);
    if (level2 && s->nsub == 0)
        level2 = 0;
    n->role = HX_ROLE_SUBITEM;
    n->num = level2 ? l->roman : l->num;
    if (!s->parent)
        structure_set_parent(s, s->base);
    if (level2) {
        s->nsub2++;
        structure_key_base(s, n,
                           hx_printf(s->doc->arena, "%s.%s.%s", s->parent,
                                     structure_key_letters(s->doc, s->nsub),
                                     structure_key_roman(s->doc, s->nsub2)));
    } else {
        s->nsub++;
        s->nsub2 = 0;
        s->sub_last_letter = l->num;
        structure_key_base(
            s, n,
            hx_printf(s->doc->arena, "%s.%s", s->parent, structure_key_letters(s->doc, s->nsub)));
    }
}

/* --- the walk ----------------------------------------------------------- */

const char *structure_lead_in(struct structure_state *s, const char *t, size_t len)
{
    size_t flen;
    const char *cls = NULL;
    char *f = structure_fold(t, len < 200 ? len : 200, &flen);
    if (f) {
        cls = structure_lead_of(s->p, f, flen, NULL);
        free(f);
    }
    /* derived class names live with the stage, the document longer */
    return cls ? hx_strdup(s->doc->arena, cls) : NULL;
}

/* An emphasised run that is no lead word ("*ad hoc*") leaves the search
 * to the paragraph's opening. */
void structure_set_lead(struct structure_state *s, struct hx_node *n)
{
    size_t len;
    const char *t = structure_lead_run(s->doc, n, &len);
    const char *cls;
    n->lead = NULL; /* what a reader said is found again, or not */
    if (t && (n->lead = structure_lead_in(s, t, len)) != NULL)
        return;
    if (s->folded_node == n) {
        /* the block's text, folded once when the walk came to it */
        cls = structure_lead_of(s->p, s->folded, s->folded_len, NULL);
        n->lead = cls ? hx_strdup(s->doc->arena, cls) : NULL;
    } else {
        t = structure_text(s->doc, n, &len);
        n->lead = structure_lead_in(s, t, len);
    }
}

void structure_make_heading(struct hx_node *n, int level)
{
    n->type = HX_HEADING;
    n->level = level;
}

const char *structure_part_name(struct structure_state *s, const char *stem, int count)
{
    return count <= 1 ? stem : hx_printf(s->doc->arena, "%s%d", stem, count);
}

/* Puts a block into the current part; list items stay in their item. */
void structure_place(struct structure_state *s, struct hx_node *n)
{
    if (!s->in_list)
        hx_node_append(s->sec, n);
    s->prev = n;
}

/* --- roles a reader set ------------------------------------------------- */

/* Does a key structure gave (model XML read back) say the block opens an
 * article ("art.3"), not that it is one of its blocks ("art.2.2", a
 * chapter heading inside article 2)? No key: a reader's role, as given. */
static int opens_article(const char *key)
{
    size_t i = 4;
    if (!key)
        return 1;
    if (strncmp(key, "art.", 4) != 0 || !key[i])
        return 0;
    while (key[i] >= '0' && key[i] <= '9')
        i++;
    return key[i] == '\0' && i > 4;
}

/* The roles a reader may set on a block for this stage to take as given
 * (the contract is documented at enum hx_role in pipeline/doc.h). */
int structure_given_role(const struct hx_node *n)
{
    switch (n->role) {
    case HX_ROLE_FORMULA:
    case HX_ROLE_PREAMBULAR:
    case HX_ROLE_OPERATIVE:
    case HX_ROLE_TITLE:
    case HX_ROLE_CONTINUED:
    case HX_ROLE_ANNEX: return 1;
    case HX_ROLE_ARTICLE: return n->type == HX_HEADING && opens_article(n->key);
    default: return 0;
    }
}

/* A printed number without the full stop a running text would need: a
 * reader's label "2", or "1 " opening the text of a paragraph the reader
 * marked operative (ITU's unnumbered markup of "1 to hold…"). */
static void bare_number(struct structure_state *s, struct hx_node *n, const char *t, size_t len,
                        struct structure_label *l)
{
    const char *src = n->label ? n->label : t;
    size_t slen = n->label ? strlen(n->label) : len, i = 0;
    int v = structure_digits(src, slen, &i, 3);
    if (l->kind != SL_NONE || v <= 0)
        return;
    if (n->label) {
        if (i != slen)
            return;
    } else {
        size_t k = structure_skip_spaces(src, slen, i);
        if (k == i || k == slen || src[i] != ' ')
            return;
        l->len = k;
        l->plen = i;
        l->kind = SL_NUM;
        l->num = v;
        structure_take_label(s->doc, n, l);
        return;
    }
    l->kind = SL_NUM;
    l->num = v;
}

/* The "4.1" of a point under paragraph 4 (a reader's label, or opening
 * the text): *major is 4, and the result 1; 0 when there is none. */
static int point_number(struct structure_state *s, struct hx_node *n, const char *t, size_t len,
                        int *major)
{
    const char *src = n->label ? n->label : t;
    size_t slen = n->label ? strlen(n->label) : len, i = 0, j;
    int a = structure_digits(src, slen, &i, 3), b;
    if (a <= 0 || i >= slen || src[i] != '.')
        return 0;
    j = i + 1;
    b = structure_digits(src, slen, &j, 3);
    if (b <= 0 || (n->label ? j != slen : (j >= slen || src[j] != ' ')))
        return 0;
    if (!n->label) {
        struct structure_label l = {SL_NUM, structure_skip_spaces(src, slen, j), j, b, 0, 0};
        structure_take_label(s->doc, n, &l);
    }
    *major = a;
    return b;
}

/* A preambular or operative paragraph a reader marked: keyed like one the
 * text showed, in a resolution part opened for it when none is. An
 * operative heading ("resolves", "instructs the Secretary-General", as ITU
 * prints them) is an operative paragraph whose own paragraphs, numbered
 * anew under each heading, are keyed under it: res1.op.2.1. */
void structure_given_paragraph(struct structure_state *s, struct hx_node *n, const char *t,
                               size_t len, struct structure_label *l)
{
    struct hx_doc *doc = s->doc;
    struct hx_node *before = s->prev;
    int op = n->role == HX_ROLE_OPERATIVE;
    if (s->part != P_RES) {
        s->nres++;
        structure_new_part(s, P_RES, hx_printf(doc->arena, "res%d", s->nres));
    }
    structure_place(s, n);
    if (l->kind == SL_SUB && s->parent) {
        structure_subitem(s, n, l);
        return;
    }
    if (!op && before && before->role == HX_ROLE_PREAMBULAR && before->key && s->parent &&
        strcmp(before->key, s->parent) == 0 && l->kind == SL_NONE) {
        /* ITU's "noting" alone, its text a recital after it */
        size_t plen;
        const char *pt = structure_text(doc, before, &plen);
        if (structure_ends_open(pt, plen) && hx_str_width(pt, plen) <= 40) {
            n->role = HX_ROLE_CONTINUED;
            n->key = structure_key_num(doc, s->parent, "+", ++s->cont);
            return;
        }
    }
    if (!op) {
        n->role = HX_ROLE_PREAMBULAR;
        structure_key_base(s, n, structure_key_num(doc, s->pname, ".pp.", ++s->pp));
        structure_set_parent(s, n->key);
        s->nsub = 0;
        structure_set_lead(s, n);
        return;
    }
    s->op_started = 1;
    if (n->type == HX_HEADING && l->kind == SL_NONE) {
        structure_numbered(s, n, structure_key_join(doc, s->pname, ".op", ""), s->last_num + 1);
        n->num = 0; /* nothing printed */
        s->group = n->key;
        s->group_num = s->group_run = 0;
        structure_set_lead(s, n);
        return;
    }
    int major = 0, minor = s->group && l->kind == SL_NONE ? point_number(s, n, t, len, &major) : 0;
    if (minor > 0 && major == s->group_num) {
        /* "4.1" under paragraph 4 of the group */
        n->role = HX_ROLE_SUBITEM;
        n->num = minor;
        structure_key_base(s, n, hx_printf(doc->arena, "%s.%d.%d", s->group, major, minor));
        return;
    }
    if (s->group)
        bare_number(s, n, t, len, l);
    else if (l->kind == SL_NONE && n->label)
        bare_number(s, n, t, len, l);
    if (s->group) {
        int m = l->kind == SL_NUM ? l->num : s->group_num + 1;
        const char *key = hx_printf(doc->arena, "%s.%d", s->group, m);
        if (m <= s->group_num) {
            /* a heading lost between them (a converted PDF): numbers
             * start again under the same one, and keep a mark of it */
            hx_warn(s->st, doc, n, "paragraph %d follows paragraph %d under %s", m, s->group_num,
                    s->group);
            s->group_run = ++s->group_dup;
        }
        if (s->group_run)
            key = hx_printf(doc->arena, "%s+dup%d", key, s->group_run);
        n->num = m;
        s->group_num = m;
        structure_key_base(s, n, key);
        structure_set_parent(s, n->key);
        s->nsub = s->nsub2 = 0;
        s->sub_last_letter = 0;
    } else if (l->kind == SL_NUM || !s->last_num) {
        structure_numbered(s, n, structure_key_join(doc, s->pname, ".op", ""),
                           l->kind == SL_NUM ? l->num : s->last_num + 1);
    } else {
        n->role = HX_ROLE_CONTINUED; /* the numbered paragraph goes on */
        n->key = structure_key_num(doc, s->parent ? s->parent : s->base, "+", ++s->cont);
        return;
    }
    structure_set_lead(s, n);
}

/* A title a reader marked, or a heading right under an article's heading:
 * the article's (annex's) own title, "art.3.title", so that it does not
 * take the key of the article's first paragraph. 0 when it is neither. */
int structure_part_title(struct structure_state *s, struct hx_node *n,
                         const struct structure_label *l)
{
    const struct hx_node *h = s->prev;
    if (l->kind != SL_NONE || !h || h->type != HX_HEADING ||
        !(n->role == HX_ROLE_TITLE || (n->type == HX_HEADING && n->role == HX_ROLE_NONE)))
        return 0;
    if (s->part == P_ART && h->role == HX_ROLE_ARTICLE && h->num == s->art && !s->art_para &&
        !s->art_numbered) {
        structure_place(s, n);
        structure_make_heading(n, 3);
        n->role = HX_ROLE_TITLE;
        structure_key_base(s, n, hx_printf(s->doc->arena, "art.%d.title", s->art));
        return 1;
    }
    if (s->part == P_ANNEX && h->role == HX_ROLE_ANNEX && n->role == HX_ROLE_TITLE) {
        structure_place(s, n);
        structure_make_heading(n, 2);
        structure_key_base(s, n, hx_printf(s->doc->arena, "%s.title", s->pname));
        return 1;
    }
    return 0;
}
