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

enum part_kind { P_FRONT, P_BODY, P_RES, P_ANNEX, P_PRE, P_ART };

/* Where the walk is: the part being filled and the counters that make
 * keys. */
struct state {
    struct hx_stage *st;
    struct structure_tables *p;
    struct hx_doc *doc;
    struct hx_node *sections, *sec; /* detached list of parts, current part */
    enum part_kind part;
    const char *pname;       /* "body", "res1", "annex2"… */
    int nres, nannex, nbody; /* parts of each kind so far */
    const char *parent;      /* key of the numbered block children attach to */
    const char *base;        /* key the next unnumbered block counts from */
    int plus;                /* blocks counted from base so far */
    int nsub, nsub2;         /* sub-items under parent */
    int cont;                /* unnumbered children of parent so far */
    int sub_last_letter;     /* value of the last letter sub-item label */
    int pp, op_started, last_num, heads_u, head_num, head_letter;
    int art, art_para, art_numbered;
    unsigned char seen[1000]; /* paragraph numbers used in this part */
    struct hx_node *prev;     /* last block placed, for a title */
    unsigned front_title;     /* masthead lines met (structure_masthead's bits; 1 title) */
    int in_list;              /* walking the items of a list: blocks stay where they are */
    int ndec;                 /* draft decisions so far (parts "dec1"…) */
    int awaiting;             /* a resolution part opened by its heading: 1 before
                                 its title, 2 before its formula */
    const char *group; /* key of a reader's operative heading ("resolves") whose
                          paragraphs are numbered under it, or NULL */
    int group_num;     /* last paragraph number under group */
    int group_dup;     /* numbers under groups that came again */
    int group_run;     /* group_dup of the run of numbers now, 0 = the first */
    int body_last, body_head, body_heads_u; /* the body when left */
    unsigned char body_seen[1000];
};

/* --- keys --------------------------------------------------------------- */

/* Starts a new part; its section is appended to the detached list. */
static void new_part(struct state *s, enum part_kind k, const char *name)
{
    struct hx_node *sec = hx_node_new(s->doc, HX_SECTION);
    if (s->part == P_BODY && s->sec) {
        s->body_last = s->last_num;
        s->body_head = s->head_num;
        s->body_heads_u = s->heads_u;
        memcpy(s->body_seen, s->seen, sizeof s->seen);
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
    memset(s->seen, 0, sizeof s->seen);
}

/* The report goes on after a draft resolution ("28. The Committee also
 * recommends…", "IV. …"): a new section, keyed "body" again, whose
 * numbers continue the body's. */
static void resume_body(struct state *s)
{
    new_part(s, P_BODY, "body");
    s->last_num = s->body_last;
    s->head_num = s->body_head;
    s->heads_u = s->body_heads_u;
    memcpy(s->seen, s->body_seen, sizeof s->seen);
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

/* The block unnumbered ones attach to from now on. */
static void set_parent(struct state *s, const char *key)
{
    s->parent = key;
    s->cont = 0;
}

/* A numbered paragraph of the current part. */
static void numbered(struct state *s, struct hx_node *n, const char *prefix, int num)
{
    const char *key = hx_printf(s->doc->arena, "%s.%d", prefix, num);
    if (num > 0 && num < (int)sizeof s->seen) {
        if (s->seen[num]) {
            hx_warn(s->st, s->doc, n, "paragraph number %d used twice in %s", num, s->pname);
            key = hx_printf(s->doc->arena, "%s+dup%d", key, s->seen[num]);
        }
        if (s->seen[num] < 255)
            s->seen[num]++;
    }
    if (s->last_num && num != s->last_num + 1 &&
        (num <= 0 || num >= (int)sizeof s->seen || s->seen[num] == 1))
        hx_warn(s->st, s->doc, n, "paragraph %d follows paragraph %d in %s", num, s->last_num,
                s->pname);
    s->last_num = num;
    n->num = num;
    key_base(s, n, key);
    s->parent = key;
    s->cont = 0;
    s->nsub = s->nsub2 = 0;
    s->sub_last_letter = 0;
}

/* A sub-item: structure_key_letters at the first level, roman numerals below.
 * Keys count positions, not the printed structure_key_letters, which differ
 * between alphabets. */
static void subitem(struct state *s, struct hx_node *n, const struct structure_label *l)
{
    int level2 = l->roman && !(l->letter && s->nsub > 0 && l->num == s->sub_last_letter + 1);
    if (level2 && s->nsub == 0)
        level2 = 0;
    n->role = HX_ROLE_SUBITEM;
    n->num = level2 ? l->roman : l->num;
    if (!s->parent)
        set_parent(s, s->base);
    if (level2) {
        s->nsub2++;
        key_base(s, n,
                 hx_printf(s->doc->arena, "%s.%s.%s", s->parent,
                           structure_key_letters(s->doc, s->nsub),
                           structure_key_roman(s->doc, s->nsub2)));
    } else {
        s->nsub++;
        s->nsub2 = 0;
        s->sub_last_letter = l->num;
        key_base(
            s, n,
            hx_printf(s->doc->arena, "%s.%s", s->parent, structure_key_letters(s->doc, s->nsub)));
    }
}

/* --- the walk ----------------------------------------------------------- */

static const char *lead_in(struct state *s, const char *t, size_t len)
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
static void set_lead(struct state *s, struct hx_node *n)
{
    size_t len;
    char *t = structure_lead_source(s->doc, n, &len);
    n->lead = lead_in(s, t, len);
    if (!n->lead) {
        t = hx_node_text(s->doc, n, &len);
        n->lead = lead_in(s, t, len);
    }
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

/* Puts a block into the current part; list items stay in their item. */
static void place(struct state *s, struct hx_node *n)
{
    if (!s->in_list)
        hx_node_append(s->sec, n);
    s->prev = n;
}

static void block(struct state *s, struct hx_node *n);

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

/* Makes the block before a resolution's formula (or the one after its
 * heading) its title, when it can be one. */
static void take_title(struct state *s, struct hx_node *title)
{
    if (!title || title->role == HX_ROLE_NOTE_BODY || title->label || title->type == HX_LIST ||
        title->role == HX_ROLE_FORMULA ||
        !(title->role == HX_ROLE_NONE || title->role == HX_ROLE_TITLE ||
          title->role == HX_ROLE_CONTINUED || title->role == HX_ROLE_MASTHEAD))
        return;
    place(s, title);
    make_heading(title, 2);
    title->role = HX_ROLE_TITLE;
    title->key = hx_printf(s->doc->arena, "%s.title", s->pname);
}

/* Is folded f a decision's text, a formula followed by its verb ("The
 * General Assembly takes note of"), right under a title? */
static int decision_text(struct state *s, const char *f, size_t flen)
{
    const struct structure_tables *p = s->p;
    size_t k, len;
    char *t;
    if ((s->part != P_BODY && !(s->part == P_RES && s->op_started)) || !s->prev ||
        s->prev->type != HX_PARA || s->prev->label || s->prev->role == HX_ROLE_NOTE_BODY)
        return 0;
    t = hx_node_text(s->doc, s->prev, &len);
    if (!len || !structure_ends_open(t, len) || hx_str_width(t, len) > 200)
        return 0;
    size_t m;
    k = structure_phrase_prefix(p->formula_pre, f, flen);
    m = structure_phrase_prefix(p->formulas, f + k, flen - k);
    k += m;
    if (!m || k == flen)
        return 0;
    k = structure_skip_spaces(f, flen, k);
    return structure_lead_of(p, f + k, flen - k, NULL) != NULL;
}

/* Does a numbered block in a resolution continue the report instead
 * ("28. The Committee also recommends…")? Its number follows the
 * report's last one, it has no lead word, and the paragraph before it
 * (footnote texts aside) closed the resolution with a full stop, where an
 * operative paragraph that goes on ends with a semicolon. */
static int body_again(struct state *s, const struct structure_label *l, const char *t, size_t len)
{
    struct hx_node *x = s->prev;
    size_t plen, i;
    char *pt;
    int32_t c = 0;
    while (x && x->role == HX_ROLE_NOTE_BODY)
        x = x->prev;
    if (!s->body_last || l->num != s->body_last + 1 || !s->op_started || !x ||
        !(x->role == HX_ROLE_OPERATIVE || x->role == HX_ROLE_SUBITEM ||
          x->role == HX_ROLE_CONTINUED))
        return 0;
    pt = hx_node_text(s->doc, x, &plen);
    i = plen;
    while (i > 0 && hx_cp_is_space(c = hx_utf8_prev(pt, &i)))
        c = 0;
    if (c != '.' && c != 0x3002 && c != 0x06D4)
        return 0;
    return lead_in(s, t, len) == NULL;
}

/* Does block x (footnote texts skipped) open with a lead word? */
static int leads_next(struct state *s, struct hx_node *x)
{
    size_t len;
    char *t;
    while (x && x->role == HX_ROLE_NOTE_BODY)
        x = x->next;
    if (!x || x->type != HX_PARA)
        return 0;
    t = structure_lead_source(s->doc, x, &len);
    if (lead_in(s, t, len))
        return 1;
    t = hx_node_text(s->doc, x, &len);
    return lead_in(s, t, len) != NULL;
}


/* --- roles a reader set ------------------------------------------------- */

/* The roles a reader may set on a block for this stage to take as given
 * (the contract is documented at enum hx_role in pipeline/doc.h). */
static int given_role(const struct hx_node *n)
{
    switch (n->role) {
    case HX_ROLE_FORMULA:
    case HX_ROLE_PREAMBULAR:
    case HX_ROLE_OPERATIVE:
    case HX_ROLE_TITLE:
    case HX_ROLE_CONTINUED:
    case HX_ROLE_ANNEX: return 1;
    case HX_ROLE_ARTICLE: return n->type == HX_HEADING;
    default: return 0;
    }
}

/* A printed number without the full stop a running text would need: a
 * reader's label "2", or "1 " opening the text of a paragraph the reader
 * marked operative (ITU's unnumbered markup of "1 to hold…"). */
static void bare_number(struct state *s, struct hx_node *n, const char *t, size_t len,
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
static int point_number(struct state *s, struct hx_node *n, const char *t, size_t len, int *major)
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
static void given_paragraph(struct state *s, struct hx_node *n, const char *t, size_t len,
                            struct structure_label *l)
{
    struct hx_doc *doc = s->doc;
    struct hx_node *before = s->prev;
    int op = n->role == HX_ROLE_OPERATIVE;
    if (s->part != P_RES) {
        s->nres++;
        new_part(s, P_RES, hx_printf(doc->arena, "res%d", s->nres));
    }
    place(s, n);
    if (l->kind == SL_SUB && s->parent) {
        subitem(s, n, l);
        return;
    }
    if (!op && before && before->role == HX_ROLE_PREAMBULAR && before->key && s->parent &&
        strcmp(before->key, s->parent) == 0 && l->kind == SL_NONE) {
        /* ITU's "noting" alone, its text a recital after it */
        size_t plen;
        char *pt = hx_node_text(doc, before, &plen);
        if (structure_ends_open(pt, plen) && hx_str_width(pt, plen) <= 40) {
            n->role = HX_ROLE_CONTINUED;
            n->key = hx_printf(doc->arena, "%s+%d", s->parent, ++s->cont);
            return;
        }
    }
    if (!op) {
        n->role = HX_ROLE_PREAMBULAR;
        key_base(s, n, hx_printf(doc->arena, "%s.pp.%d", s->pname, ++s->pp));
        set_parent(s, n->key);
        s->nsub = 0;
        set_lead(s, n);
        return;
    }
    s->op_started = 1;
    if (n->type == HX_HEADING && l->kind == SL_NONE) {
        numbered(s, n, hx_printf(doc->arena, "%s.op", s->pname), s->last_num + 1);
        n->num = 0; /* nothing printed */
        s->group = n->key;
        s->group_num = s->group_run = 0;
        set_lead(s, n);
        return;
    }
    int major = 0, minor = s->group && l->kind == SL_NONE ? point_number(s, n, t, len, &major) : 0;
    if (minor > 0 && major == s->group_num) {
        /* "4.1" under paragraph 4 of the group */
        n->role = HX_ROLE_SUBITEM;
        n->num = minor;
        key_base(s, n, hx_printf(doc->arena, "%s.%d.%d", s->group, major, minor));
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
        key_base(s, n, key);
        set_parent(s, n->key);
        s->nsub = s->nsub2 = 0;
        s->sub_last_letter = 0;
    } else if (l->kind == SL_NUM || !s->last_num) {
        numbered(s, n, hx_printf(doc->arena, "%s.op", s->pname),
                 l->kind == SL_NUM ? l->num : s->last_num + 1);
    } else {
        n->role = HX_ROLE_CONTINUED; /* the numbered paragraph goes on */
        n->key = hx_printf(doc->arena, "%s+%d", s->parent ? s->parent : s->base, ++s->cont);
        return;
    }
    set_lead(s, n);
}

/* A title a reader marked, or a heading right under an article's heading:
 * the article's (annex's) own title, "art.3.title", so that it does not
 * take the key of the article's first paragraph. 0 when it is neither. */
static int part_title(struct state *s, struct hx_node *n, const struct structure_label *l)
{
    const struct hx_node *h = s->prev;
    if (l->kind != SL_NONE || !h || h->type != HX_HEADING ||
        !(n->role == HX_ROLE_TITLE || (n->type == HX_HEADING && n->role == HX_ROLE_NONE)))
        return 0;
    if (s->part == P_ART && h->role == HX_ROLE_ARTICLE && h->num == s->art && !s->art_para &&
        !s->art_numbered) {
        place(s, n);
        make_heading(n, 3);
        n->role = HX_ROLE_TITLE;
        key_base(s, n, hx_printf(s->doc->arena, "art.%d.title", s->art));
        return 1;
    }
    if (s->part == P_ANNEX && h->role == HX_ROLE_ANNEX && n->role == HX_ROLE_TITLE) {
        place(s, n);
        make_heading(n, 2);
        key_base(s, n, hx_printf(s->doc->arena, "%s.title", s->pname));
        return 1;
    }
    return 0;
}

static void block(struct state *s, struct hx_node *n)
{
    struct hx_doc *doc = s->doc;
    const struct structure_tables *p = s->p;
    size_t len, flen = 0;
    char *t, *f;
    struct structure_label l;
    struct hx_node *after = n->next; /* before place() moves n */
    int art, k;
    /* a role the reader set, taken as given (pipeline/doc.h) */
    enum hx_role given = given_role(n) ? n->role : HX_ROLE_NONE;
    if (given == HX_ROLE_CONTINUED && !(s->part == P_RES && s->parent))
        given = HX_ROLE_NONE; /* elsewhere the text shows what it goes on */

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
    l = structure_label_scan(t, len);
    if (n->label || (l.kind == SL_NONE && structure_item_label(n))) {
        /* the number is printed by the reader's label, not in the text */
        const char *lab = n->label ? n->label : structure_item_label(n);
        /* a label stands alone: the space that ends it in running text is
         * added, so "IV." or "B." reads as in "IV. Title" */
        l = structure_label_scan(hx_printf(doc->arena, "%s ", lab), strlen(lab) + 1);
        if (l.kind == SL_NONE && !n->label && n->parent->num > 0) {
            l.kind = SL_NUM;
            l.num = n->parent->num;
        }
        l.len = l.plen = 0;
    }
    /* "I." after "H." is a letter, not one */
    if (l.kind == SL_ROMAN && l.plen == 2 && s->head_letter &&
        structure_letter_pos((unsigned char)t[0]) == s->head_letter + 1) {
        l.kind = SL_LETTER;
        l.num = structure_letter_pos((unsigned char)t[0]);
    }
    f = structure_fold(t + l.len, len - l.len < 400 ? len - l.len : 400, &flen);
    if (!f) {
        f = malloc(1);
        if (!f) {
            place(s, n);
            return;
        }
        f[0] = '\0';
        flen = 0;
    }
    if (l.kind != SL_NONE && l.len)
        structure_take_label(doc, n, &l);

    if (given == HX_ROLE_ANNEX && n->type != HX_HEADING &&
        (hx_str_width(t, len) > 80 || !structure_ends_open(t, len))) {
        /* an attachment that opens with its text, not a heading (the
         * Italian bill's report): the annex starts there, keyed as text */
        s->nannex++;
        new_part(s, P_ANNEX, part_name(s, "annex", s->nannex));
        n->role = HX_ROLE_NONE;
        given = HX_ROLE_NONE;
    }
    /* parts that start whatever came before */
    if (given == HX_ROLE_ANNEX ||
        (!given && l.kind == SL_NONE && structure_phrase_prefix(p->annex, f, flen) &&
         structure_skip_spaces(f, flen, structure_phrase_prefix(p->annex, f, flen)) + 12 >= flen &&
         len < 60)) {
        s->nannex++;
        new_part(s, P_ANNEX, part_name(s, "annex", s->nannex));
        place(s, n);
        make_heading(n, 1);
        n->role = HX_ROLE_ANNEX;
        key_base(s, n, hx_printf(doc->arena, "head.%s", s->pname));
        goto out;
    }
    if (!given && l.kind == SL_NONE && structure_phrase_prefix(p->preamble, f, flen) == flen &&
        flen) {
        new_part(s, P_PRE, "pre");
        place(s, n);
        make_heading(n, 2);
        n->role = HX_ROLE_PREAMBLE;
        key_base(s, n, "head.pre");
        goto out;
    }
    art = 0;
    if (given == HX_ROLE_ARTICLE) {
        /* the reader knows it opens an article: its number as printed, in
         * the text or the label, else the next */
        art = l.kind == SL_NONE ? structure_article_number(p, t, len, f, flen) : 0;
        if (art <= 0 && n->label) {
            const char *lab = n->label;
            art = structure_article_number(p, lab, strlen(lab), lab, strlen(lab));
        }
        if (art <= 0)
            art = l.kind == SL_NUM ? l.num : s->art + 1;
    } else if (!given && l.kind == SL_NONE) {
        art = structure_article_number(p, t, len, f, flen);
    }
    if (art > 0) {
        if (s->part != P_ART)
            new_part(s, P_ART, "art");
        place(s, n);
        make_heading(n, 2);
        n->role = HX_ROLE_ARTICLE;
        n->num = art;
        s->art = art;
        s->art_para = s->art_numbered = 0;
        key_base(s, n, hx_printf(doc->arena, "art.%d", art));
        set_parent(s, n->key);
        s->nsub = 0;
        goto out;
    }
    if (!given && l.kind == SL_NONE && (k = structure_draft_heading(p, f, flen)) != 0) {
        /* "Draft resolution II", "Draft decision": a part of its own */
        int *count = k == 2 ? &s->ndec : &s->nres;
        ++*count;
        new_part(s, P_RES, hx_printf(doc->arena, "%s%d", k == 2 ? "dec" : "res", *count));
        s->awaiting = 1;
        place(s, n);
        make_heading(n, 2);
        key_base(s, n, hx_printf(doc->arena, "head.%s", s->pname));
        goto out;
    }
    /* a formula the reader called a preambular paragraph (Akoma Ntoso
     * without <formula>) is still read as one */
    if ((given == HX_ROLE_FORMULA && s->part != P_PRE) ||
        ((!given || (given == HX_ROLE_PREAMBULAR && !(s->part == P_RES && s->pp))) &&
         l.kind == SL_NONE && s->part != P_PRE &&
         (structure_is_formula(p, f, flen) ||
          (structure_is_organ_formula(p, f, flen) && leads_next(s, after))) &&
         !(s->part == P_FRONT && structure_is_issuer(p, f, flen)))) {
        if (!(s->part == P_RES && s->awaiting)) {
            struct hx_node *title = s->prev;
            s->nres++;
            new_part(s, P_RES, hx_printf(doc->arena, "res%d", s->nres));
            take_title(s, title);
        }
        s->awaiting = 0;
        place(s, n);
        n->role = HX_ROLE_FORMULA;
        key_base(s, n, hx_printf(doc->arena, "%s.formula", s->pname));
        goto out;
    }
    if (l.kind == SL_NONE && s->part == P_RES && s->awaiting == 1 &&
        (!given || given == HX_ROLE_TITLE)) {
        s->awaiting = 2;
        place(s, n);
        take_title(s, n);
        goto out;
    }
    if (given == HX_ROLE_CONTINUED) {
        place(s, n);
        n->key = hx_printf(doc->arena, "%s+%d", s->parent, ++s->cont);
        goto out;
    }
    if ((given == HX_ROLE_PREAMBULAR || given == HX_ROLE_OPERATIVE) && s->part != P_PRE) {
        given_paragraph(s, n, t, len, &l);
        goto out;
    }
    if ((!given || given == HX_ROLE_TITLE) && part_title(s, n, &l))
        goto out;
    if (!given && l.kind == SL_NONE && decision_text(s, f, flen)) {
        /* "The General Assembly takes note of …" under its title: a draft
         * decision without a heading */
        struct hx_node *title = s->prev;
        s->ndec++;
        new_part(s, P_RES, hx_printf(doc->arena, "dec%d", s->ndec));
        take_title(s, title);
    }
    if (s->part == P_FRONT && ((l.kind != SL_NONE && l.kind != SL_SUB) ||
                               structure_phrase_prefix(p->known_heads, f, flen) == flen)) {
        s->nbody++;
        new_part(s, P_BODY, "body");
    }
    if (s->part == P_RES && (l.kind == SL_ROMAN || l.kind == SL_ZH ||
                             (l.kind == SL_NUM && body_again(s, &l, t + l.len, len - l.len))))
        resume_body(s);
    place(s, n);

    switch (s->part) {
    case P_FRONT: {
        const char *key;
        if ((n->type == HX_HEADING || given == HX_ROLE_TITLE) && !(s->front_title & 1)) {
            s->front_title |= 1;
            n->role = HX_ROLE_TITLE;
            hx_meta_set(doc, "title", structure_trimmed(doc, t, len));
            key_base(s, n, "front.title");
        } else if ((key = structure_masthead(doc, p, n, t, len, f, flen, after, &s->front_title)) !=
                   NULL) {
            key_base(s, n, key);
        } else {
            key_plus(s, n);
        }
        break;
    }
    case P_PRE:
        if (given == HX_ROLE_FORMULA || structure_is_formula(p, f, flen)) {
            n->role = HX_ROLE_FORMULA;
            key_base(s, n, "pre.formula");
            s->op_started = 1;
        } else {
            size_t i = structure_skip_intro(p, f, flen);
            const char *cls = structure_lead_of(p, f + i, flen - i, NULL);
            n->role = HX_ROLE_PREAMBLE;
            if (i == flen && i > 0) {
                key_base(s, n, "pre.transition");
            } else if ((cls && strcmp(cls, "proclaim") == 0) ||
                       (s->op_started && !strstr(s->base, "pre.op"))) {
                n->lead = cls ? hx_strdup(doc->arena, cls) : NULL;
                s->op_started = 1;
                key_base(s, n, "pre.op");
            } else if (s->op_started) {
                key_plus(s, n);
            } else {
                n->lead = cls ? hx_strdup(doc->arena, cls) : NULL;
                key_base(s, n, hx_printf(doc->arena, "pre.%d", ++s->pp));
            }
        }
        break;
    case P_ART:
        n->role = HX_ROLE_ARTICLE;
        if (l.kind == SL_SUB) {
            subitem(s, n, &l);
        } else if (l.kind == SL_NUM) {
            n->num = l.num;
            s->art_numbered = l.num;
            key_base(s, n, hx_printf(doc->arena, "art.%d.%d", s->art, l.num));
            set_parent(s, n->key);
            s->nsub = 0;
        } else if (s->art_numbered) {
            n->role = HX_ROLE_CONTINUED;
            key_plus(s, n);
        } else {
            key_base(s, n, hx_printf(doc->arena, "art.%d.%d", s->art, ++s->art_para));
        }
        break;
    default: /* body, resolution, annex */
        if (l.kind == SL_ROMAN || l.kind == SL_ZH) {
            make_heading(n, 1);
            n->num = l.num;
            s->head_num = l.num;
            s->head_letter = 0;
            s->parent = NULL;
            key_base(s, n, hx_printf(doc->arena, "head.%s.%d", s->pname, l.num));
        } else if (l.kind == SL_LETTER) {
            make_heading(n, 2);
            n->num = l.num;
            s->head_letter = l.num;
            s->parent = NULL;
            key_base(s, n,
                     s->head_num ? hx_printf(doc->arena, "head.%s.%d.%s", s->pname, s->head_num,
                                             structure_key_letters(doc, l.num))
                                 : hx_printf(doc->arena, "head.%s.%s", s->pname,
                                             structure_key_letters(doc, l.num)));
        } else if (l.kind == SL_NUM) {
            if (s->part == P_RES) {
                n->role = HX_ROLE_OPERATIVE;
                s->op_started = 1;
                numbered(s, n, hx_printf(doc->arena, "%s.op", s->pname), l.num);
                set_lead(s, n);
            } else {
                n->role = HX_ROLE_NUMBERED;
                numbered(s, n, s->pname, l.num);
            }
        } else if (l.kind == SL_SUB) {
            subitem(s, n, &l);
        } else if (n->type == HX_HEADING ||
                   (s->part != P_RES &&
                    (structure_phrase_prefix(p->known_heads, f, flen) == flen ||
                     (hx_str_width(t, len) <= 40 && structure_ends_open(t, len) &&
                      structure_next_starts_unit(doc, after))))) {
            make_heading(n, s->head_num ? 2 : 1);
            s->parent = NULL;
            key_base(s, n, hx_printf(doc->arena, "head.%s.u%d", s->pname, ++s->heads_u));
        } else if (s->part == P_RES && !s->op_started) {
            n->role = HX_ROLE_PREAMBULAR;
            key_base(s, n, hx_printf(doc->arena, "%s.pp.%d", s->pname, ++s->pp));
            set_parent(s, n->key);
            s->nsub = 0;
            set_lead(s, n);
        } else if (s->parent) {
            /* after sub-items too, the text belongs to the numbered one */
            n->role = HX_ROLE_CONTINUED;
            n->key = hx_printf(doc->arena, "%s+%d", s->parent, ++s->cont);
        } else {
            key_plus(s, n);
        }
        break;
    }
out:
    free(f);
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
    structure_flatten(doc->root);
    structure_note_markers(doc);
    structure_split_runs(doc);
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

static int structure_open(struct hx_stage *st)
{
    if (structure_tables_load(st->priv) != 0) {
        hx_error(st, NULL, NULL, "cannot prepare the phrase tables (ICU)");
        return -1;
    }
    return 0;
}

static void structure_close(struct hx_stage *st)
{
    structure_tables_free(st->priv);
}

const struct hx_filter hx_structure = {
    .name = "structure",
    .kind = HX_FILTER,
    .summary = "UN document structure: parts, labels, roles, lead words, "
               "paragraph keys, masthead metadata",
    .needs = HX_HAS_TREE,
    .gives = HX_HAS_STRUCTURE,
    .priv_size = sizeof(struct structure_tables),
    .open = structure_open,
    .doc = structure_doc,
    .close = structure_close,
};
