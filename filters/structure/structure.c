/* Structure: turns a flat run of blocks into a UN document. Each block gets
 * a role, its printed label (moved out of the text), a number, a lead-word
 * class and a paragraph key that does not depend on the language; blocks
 * are grouped into parts (HX_SECTION children of the root, keyed "front",
 * "body", "res1", "annex", "pre", "art"…). Masthead fields become metadata.
 * The key scheme is described in README.md ("Paragraph keys"); the words it
 * recognises are data in filters/structure/data/ (lexicon.c loads them).
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

static void block(struct structure_state *s, struct hx_node *n);

/* A list: its items are units of their own, numbered by their labels (or
 * positions when the list is ordered but unlabelled). */
static void list(struct structure_state *s, struct hx_node *n)
{
    int pos = 0;
    structure_place(s, n);
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
static void take_title(struct structure_state *s, struct hx_node *title)
{
    if (!title || title->role == HX_ROLE_NOTE_BODY || title->label || title->type == HX_LIST ||
        title->role == HX_ROLE_FORMULA ||
        !(title->role == HX_ROLE_NONE || title->role == HX_ROLE_TITLE ||
          title->role == HX_ROLE_CONTINUED || title->role == HX_ROLE_MASTHEAD))
        return;
    structure_place(s, title);
    structure_make_heading(title, 2);
    title->role = HX_ROLE_TITLE;
    title->key = structure_key_join(s->doc, s->pname, ".title", "");
}

/* Is folded f a decision's text, a formula followed by its verb ("The
 * General Assembly takes note of"), right under a title? */
static int decision_text(struct structure_state *s, const char *f, size_t flen)
{
    const struct structure_tables *p = s->p;
    size_t k, len;
    const char *t;
    if ((s->part != P_BODY && !(s->part == P_RES && s->op_started)) || !s->prev ||
        s->prev->type != HX_PARA || s->prev->label || s->prev->role == HX_ROLE_NOTE_BODY)
        return 0;
    t = structure_text(s->doc, s->prev, &len);
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

/* Does t open with a lead word that is not followed by an organ as its
 * subject ("وتوصي اللجنة", "the Committee recommends": report prose)? */
static int opens_resolution_verb(struct structure_state *s, const char *t, size_t len)
{
    size_t flen, used = 0, i;
    char *f = structure_fold(t, len < 200 ? len : 200, &flen);
    int r = 0;
    if (f && structure_lead_of(s->p, f, flen, &used)) {
        i = structure_skip_spaces(f, flen, used);
        r = !structure_phrase_prefix(s->p->report_subject, f + i, flen - i);
    }
    free(f);
    return r;
}

/* Does a numbered block in a resolution continue the report instead
 * ("28. The Committee also recommends…")? Its number follows the
 * report's last one, it has no lead word, and the paragraph before it
 * (footnote texts aside) closed the resolution with a full stop, where an
 * operative paragraph that goes on ends with a semicolon. */
static int body_again(struct structure_state *s, const struct structure_label *l, const char *t,
                      size_t len)
{
    struct hx_node *x = s->prev;
    size_t plen, i;
    const char *pt;
    int32_t c = 0;
    while (x && x->role == HX_ROLE_NOTE_BODY)
        x = x->prev;
    if (!s->body_last || l->num != s->body_last + 1 || !s->op_started || !x ||
        !(x->role == HX_ROLE_OPERATIVE || x->role == HX_ROLE_SUBITEM ||
          x->role == HX_ROLE_CONTINUED))
        return 0;
    pt = structure_text(s->doc, x, &plen);
    i = plen;
    while (i > 0 && hx_cp_is_space(c = hx_utf8_prev(pt, &i)))
        c = 0;
    if (c != '.' && c != 0x3002 && c != 0x06D4)
        return 0;
    return !opens_resolution_verb(s, t, len);
}

/* Does block x (footnote texts skipped) open with a lead word? */
static int leads_next(struct structure_state *s, struct hx_node *x)
{
    size_t len;
    const char *t;
    while (x && x->role == HX_ROLE_NOTE_BODY)
        x = x->next;
    if (!x || x->type != HX_PARA)
        return 0;
    t = structure_lead_source(s->doc, x, &len, NULL);
    if (structure_lead_in(s, t, len))
        return 1;
    t = structure_text(s->doc, x, &len);
    return structure_lead_in(s, t, len) != NULL;
}

/* One block as the walk sees it. */
struct blk {
    struct hx_node *n;
    struct hx_node *after; /* the block after it, before it is moved */
    const char *t;         /* its text */
    char *f;               /* the start of it folded (malloc'd) */
    size_t len, flen;
    struct structure_label l; /* its label, taken out of the text */
    enum hx_role given;       /* a role the reader set, taken as given */
};

/* Reads block n's text and label (the reader's, else the one printed at
 * the start of its text, then taken out of it) and folds its start; -1
 * when there is no memory for that (n is then placed as it is). */
static int blk_read(struct structure_state *s, struct hx_node *n, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    size_t len, flen = 0;
    const char *t;
    char *f;
    struct structure_label l;
    const char *printed; /* where the label is printed: text or label */
    size_t plen;
    t = structure_text(doc, n, &len);
    l = structure_label_scan(t, len);
    printed = t;
    if (n->label || (l.kind == SL_NONE && structure_item_label(n))) {
        /* the number is printed by the reader's label, not in the text */
        const char *lab = n->label ? n->label : structure_item_label(n);
        /* a label stands alone: the space that ends it in running text is
         * added, so "IV." or "B." reads as in "IV. Title" */
        l = structure_label_scan(structure_key_join(doc, lab, " ", ""), strlen(lab) + 1);
        if (l.kind == SL_NONE && !n->label && n->parent->num > 0) {
            l.kind = SL_NUM;
            l.num = n->parent->num;
        }
        printed = lab;
        plen = l.plen;
        l.len = l.plen = 0;
    } else {
        plen = l.plen;
    }
    /* "I." after "H." is a letter, not one (the label as printed: in the
     * text, or a reader's) */
    if (l.kind == SL_ROMAN && plen == 2 && s->head_letter &&
        structure_letter_pos((unsigned char)printed[0]) == s->head_letter + 1) {
        l.kind = SL_LETTER;
        l.num = structure_letter_pos((unsigned char)printed[0]);
    }
    f = structure_fold(t + l.len, len - l.len < 400 ? len - l.len : 400, &flen);
    if (!f) {
        f = malloc(1);
        if (!f) {
            structure_place(s, n);
            return -1;
        }
        f[0] = '\0';
        flen = 0;
    }
    if (l.kind != SL_NONE && l.len)
        structure_take_label(doc, n, &l);
    b->t = t;
    b->f = f;
    b->len = len;
    b->flen = flen;
    b->l = l;
    return 0;
}

/* Parts that start whatever came before: an annex, a preamble, an
 * article, a draft's heading. 1 when b was one (placed and keyed). */
static int part_opening(struct structure_state *s, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    const struct structure_tables *p = s->p;
    struct hx_node *n = b->n;
    const char *t = b->t, *f = b->f;
    size_t len = b->len, flen = b->flen;
    struct structure_label l = b->l;
    enum hx_role given = b->given;
    int art, k;

    if (given == HX_ROLE_ANNEX && n->type != HX_HEADING &&
        (hx_str_width(t, len) > 80 || !structure_ends_open(t, len))) {
        /* an attachment that opens with its text, not a heading (the
         * Italian bill's report): the annex starts there, keyed as text */
        s->nannex++;
        structure_new_part(s, P_ANNEX, structure_part_name(s, "annex", s->nannex));
        n->role = HX_ROLE_NONE;
        given = b->given = HX_ROLE_NONE;
    }
    /* parts that start whatever came before */
    if (given == HX_ROLE_ANNEX ||
        (!given && l.kind == SL_NONE && structure_phrase_prefix(p->annex, f, flen) &&
         structure_skip_spaces(f, flen, structure_phrase_prefix(p->annex, f, flen)) + 12 >= flen &&
         len < 60)) {
        s->nannex++;
        structure_new_part(s, P_ANNEX, structure_part_name(s, "annex", s->nannex));
        structure_place(s, n);
        structure_make_heading(n, 1);
        n->role = HX_ROLE_ANNEX;
        structure_key_base(s, n, structure_key_join(doc, "head.", s->pname, ""));
        return 1;
    }
    if (!given && l.kind == SL_NONE && structure_phrase_prefix(p->preamble, f, flen) == flen &&
        flen) {
        structure_new_part(s, P_PRE, "pre");
        structure_place(s, n);
        structure_make_heading(n, 2);
        n->role = HX_ROLE_PREAMBLE;
        structure_key_base(s, n, "head.pre");
        return 1;
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
            structure_new_part(s, P_ART, "art");
        structure_place(s, n);
        structure_make_heading(n, 2);
        n->role = HX_ROLE_ARTICLE;
        n->num = art;
        s->art = art;
        s->art_para = s->art_numbered = 0;
        structure_key_base(s, n, hx_printf(doc->arena, "art.%d", art));
        structure_set_parent(s, n->key);
        s->nsub = 0;
        return 1;
    }
    if (!given && l.kind == SL_NONE && (k = structure_draft_heading(p, f, flen)) != 0) {
        /* "Draft resolution II", "Draft decision": a part of its own */
        int *count = k == 2 ? &s->ndec : &s->nres;
        ++*count;
        structure_new_part(s, P_RES, hx_printf(doc->arena, "%s%d", k == 2 ? "dec" : "res", *count));
        s->awaiting = 1;
        structure_place(s, n);
        structure_make_heading(n, 2);
        structure_key_base(s, n, structure_key_join(doc, "head.", s->pname, ""));
        return 1;
    }
    return 0;
}

/* A resolution's formula, title or reader-marked paragraph, an article's
 * title: 1 when b was one (placed and keyed). Otherwise the part b opens
 * (a decision, the body, the report again) is started, and 0. */
static int resolution_opening(struct structure_state *s, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    const struct structure_tables *p = s->p;
    struct hx_node *n = b->n;
    const char *t = b->t, *f = b->f;
    size_t len = b->len, flen = b->flen;
    struct structure_label l = b->l;
    enum hx_role given = b->given;
    struct hx_node *after = b->after;

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
            structure_new_part(s, P_RES, hx_printf(doc->arena, "res%d", s->nres));
            take_title(s, title);
        }
        s->awaiting = 0;
        structure_place(s, n);
        n->role = HX_ROLE_FORMULA;
        structure_key_base(s, n, hx_printf(doc->arena, "%s.formula", s->pname));
        return 1;
    }
    if (l.kind == SL_NONE && s->part == P_RES && s->awaiting == 1 &&
        (!given || given == HX_ROLE_TITLE)) {
        s->awaiting = 2;
        structure_place(s, n);
        take_title(s, n);
        return 1;
    }
    if (given == HX_ROLE_CONTINUED) {
        structure_place(s, n);
        n->key = structure_key_num(doc, s->parent, "+", ++s->cont);
        return 1;
    }
    if ((given == HX_ROLE_PREAMBULAR || given == HX_ROLE_OPERATIVE) && s->part != P_PRE) {
        structure_given_paragraph(s, n, t, len, &l);
        return 1;
    }
    if ((!given || given == HX_ROLE_TITLE) && structure_part_title(s, n, &l))
        return 1;
    if (!given && l.kind == SL_NONE && decision_text(s, f, flen)) {
        /* "The General Assembly takes note of …" under its title: a draft
         * decision without a heading */
        struct hx_node *title = s->prev;
        s->ndec++;
        structure_new_part(s, P_RES, hx_printf(doc->arena, "dec%d", s->ndec));
        take_title(s, title);
    }
    if (s->part == P_FRONT && ((l.kind != SL_NONE && l.kind != SL_SUB) ||
                               structure_phrase_prefix(p->known_heads, f, flen) == flen)) {
        s->nbody++;
        structure_new_part(s, P_BODY, "body");
    }
    if (s->part == P_RES && (l.kind == SL_ROMAN || l.kind == SL_ZH ||
                             (l.kind == SL_NUM && body_again(s, &l, t + l.len, len - l.len))))
        structure_resume_body(s);
    return 0;
}

/* A masthead line (or the title) of the front matter. */
static void place_front(struct structure_state *s, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    const struct structure_tables *p = s->p;
    struct hx_node *n = b->n;
    const char *t = b->t, *f = b->f;
    size_t len = b->len, flen = b->flen;
    enum hx_role given = b->given;
    const char *key;
    if ((n->type == HX_HEADING || given == HX_ROLE_TITLE) && !(s->front_title & 1)) {
        s->front_title |= 1;
        n->role = HX_ROLE_TITLE;
        hx_meta_set(doc, "title", structure_trimmed(doc, t, len));
        structure_key_base(s, n, "front.title");
    } else if ((key = structure_masthead(doc, p, n, t, len, f, flen, b->after, &s->front_title)) !=
               NULL) {
        structure_key_base(s, n, key);
    } else {
        structure_key_plus(s, n);
    }
}

/* A block of an instrument's preamble: its formula, transition, lead-word
 * paragraphs and the proclaiming one. */
static void place_pre(struct structure_state *s, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    const struct structure_tables *p = s->p;
    struct hx_node *n = b->n;
    const char *f = b->f;
    size_t flen = b->flen;
    enum hx_role given = b->given;
    if (given == HX_ROLE_FORMULA || structure_is_formula(p, f, flen)) {
        n->role = HX_ROLE_FORMULA;
        structure_key_base(s, n, "pre.formula");
        s->op_started = 1;
    } else {
        size_t i = structure_skip_intro(p, f, flen);
        const char *cls = structure_lead_of(p, f + i, flen - i, NULL);
        n->role = HX_ROLE_PREAMBLE;
        if (i == flen && i > 0) {
            structure_key_base(s, n, "pre.transition");
        } else if (hx_lead_has(cls, "proclaim") || (s->op_started && !strstr(s->base, "pre.op"))) {
            n->lead = cls ? hx_strdup(doc->arena, cls) : NULL;
            s->op_started = 1;
            structure_key_base(s, n, "pre.op");
        } else if (s->op_started) {
            structure_key_plus(s, n);
        } else {
            n->lead = cls ? hx_strdup(doc->arena, cls) : NULL;
            structure_key_base(s, n, hx_printf(doc->arena, "pre.%d", ++s->pp));
        }
    }
}

/* A paragraph of an article: numbered, a sub-item, or counted. */
static void place_art(struct structure_state *s, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    struct hx_node *n = b->n;
    struct structure_label l = b->l;
    n->role = HX_ROLE_ARTICLE;
    if (l.kind == SL_SUB) {
        structure_subitem(s, n, &l);
    } else if (l.kind == SL_NUM) {
        n->num = l.num;
        s->art_numbered = l.num;
        structure_key_base(s, n, hx_printf(doc->arena, "art.%d.%d", s->art, l.num));
        structure_set_parent(s, n->key);
        s->nsub = 0;
    } else if (s->art_numbered) {
        n->role = HX_ROLE_CONTINUED;
        structure_key_plus(s, n);
    } else {
        structure_key_base(s, n, hx_printf(doc->arena, "art.%d.%d", s->art, ++s->art_para));
    }
}

/* A block of the body, a resolution or an annex: heading, numbered or
 * operative paragraph, sub-item, preambular paragraph, continuation. */
static void place_body(struct structure_state *s, struct blk *b)
{
    struct hx_doc *doc = s->doc;
    const struct structure_tables *p = s->p;
    struct hx_node *n = b->n;
    const char *t = b->t, *f = b->f;
    size_t len = b->len, flen = b->flen;
    struct structure_label l = b->l;
    if (l.kind == SL_ROMAN || l.kind == SL_ZH) {
        structure_make_heading(n, 1);
        n->num = l.num;
        s->head_num = l.num;
        s->head_letter = 0;
        s->parent = NULL;
        structure_key_base(
            s, n,
            structure_key_num(doc, structure_key_join(doc, "head.", s->pname, ""), ".", l.num));
    } else if (l.kind == SL_LETTER) {
        structure_make_heading(n, 2);
        n->num = l.num;
        s->head_letter = l.num;
        s->parent = NULL;
        structure_key_base(s, n,
                           s->head_num ? hx_printf(doc->arena, "head.%s.%d.%s", s->pname,
                                                   s->head_num, structure_key_letters(doc, l.num))
                                       : hx_printf(doc->arena, "head.%s.%s", s->pname,
                                                   structure_key_letters(doc, l.num)));
    } else if (l.kind == SL_NUM) {
        if (s->part == P_RES) {
            n->role = HX_ROLE_OPERATIVE;
            s->op_started = 1;
            structure_numbered(s, n, structure_key_join(doc, s->pname, ".op", ""), l.num);
            structure_set_lead(s, n);
        } else {
            n->role = HX_ROLE_NUMBERED;
            structure_numbered(s, n, s->pname, l.num);
        }
    } else if (l.kind == SL_SUB) {
        structure_subitem(s, n, &l);
    } else if (n->type == HX_HEADING ||
               /* a short open block before a unit is a heading, unless it
                * has a key already: structure read it before (model XML)
                * and left it a paragraph, though the block after it may now
                * be a heading it made */
               (s->part != P_RES &&
                (structure_phrase_prefix(p->known_heads, f, flen) == flen ||
                 (!n->key && hx_str_width(t, len) <= 40 && structure_ends_open(t, len) &&
                  structure_next_starts_unit(doc, b->after))))) {
        structure_make_heading(n, s->head_num ? 2 : 1);
        s->parent = NULL;
        structure_key_base(s, n,
                           structure_key_num(doc, structure_key_join(doc, "head.", s->pname, ""),
                                             ".u", ++s->heads_u));
    } else if (s->part == P_RES && !s->op_started) {
        n->role = HX_ROLE_PREAMBULAR;
        structure_key_base(s, n, structure_key_num(doc, s->pname, ".pp.", ++s->pp));
        structure_set_parent(s, n->key);
        s->nsub = 0;
        structure_set_lead(s, n);
    } else if (s->parent) {
        /* after sub-items too, the text belongs to the numbered one */
        n->role = HX_ROLE_CONTINUED;
        n->key = structure_key_num(doc, s->parent, "+", ++s->cont);
    } else {
        structure_key_plus(s, n);
    }
}

static void block(struct structure_state *s, struct hx_node *n)
{
    struct blk b = {.n = n, .after = n->next}; /* before structure_place() moves n */
    /* a role the reader set, taken as given (pipeline/doc.h) */
    b.given = structure_given_role(n) ? n->role : HX_ROLE_NONE;
    /* a block structure left going on a numbered one (model XML read
     * back) still does, though its neighbours may read differently now
     * (a short one before a block made a heading would become a heading
     * itself); in an article or before any numbered block the text shows
     * what it goes on */
    if (b.given == HX_ROLE_CONTINUED &&
        !((s->part == P_RES || s->part == P_BODY || s->part == P_ANNEX) && s->parent))
        b.given = HX_ROLE_NONE;
    /* a "4.1" structure made a sub-item of a reader-marked operative
     * paragraph (model XML read back) is read as that paragraph again */
    if (n->role == HX_ROLE_SUBITEM && s->part == P_RES && s->group &&
        (n->type == HX_PARA || n->type == HX_HEADING)) {
        n->role = HX_ROLE_OPERATIVE;
        b.given = HX_ROLE_OPERATIVE;
    }

    if (n->type == HX_LIST) {
        list(s, n);
        return;
    }
    if (n->role == HX_ROLE_NOTE_BODY) {
        structure_place(s, n); /* the notes stage keys and moves it */
        return;
    }
    if (n->type != HX_PARA && n->type != HX_HEADING) {
        structure_place(s, n);
        structure_key_plus(s, n);
        return;
    }
    if (blk_read(s, n, &b) != 0)
        return;
    s->folded_node = n;
    s->folded = b.f;
    s->folded_len = b.flen;
    if (!part_opening(s, &b) && !resolution_opening(s, &b)) {
        structure_place(s, n);
        switch (s->part) {
        case P_FRONT: place_front(s, &b); break;
        case P_PRE: place_pre(s, &b); break;
        case P_ART: place_art(s, &b); break;
        default: place_body(s, &b); break; /* body, resolution, annex */
        }
    }
    s->folded_node = NULL;
    free(b.f);
}

static int structure_doc(struct hx_stage *st, struct hx_doc *doc)
{
    struct structure_state *s = calloc(1, sizeof *s);
    if (!s) {
        hx_error(st, doc, NULL, "out of memory");
        return -1;
    }
    s->st = st;
    s->p = st->priv;
    s->doc = doc;
    s->sections = hx_node_new(doc, HX_SECTION);
    structure_flatten(doc->root);
    structure_note_markers(doc, s->p);
    structure_split_runs(doc);
    structure_new_part(s, P_FRONT, "front");
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
    const char *why = NULL;
    if (structure_tables_load(st->priv, &why) != 0) {
        hx_error(st, NULL, NULL, "cannot prepare the phrase tables: %s", why);
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
