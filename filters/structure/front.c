/* Front matter and note markers of the structure stage: the masthead lines
 * a UN document opens with (its key names the line, so versions whose
 * mastheads list the same lines in another order still pair), and the
 * parenthesised note markers of Arabic documents ("العامة(1)" or "(¹)"),
 * turned into the markers and footnote texts the notes stage pairs. */
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "structure.h"

/* Is folded f exactly one phrase of list (spaces and a closing colon or
 * comma aside)? */
static int whole(const struct phrase_list *list, const char *f, size_t flen)
{
    size_t k = structure_phrase_prefix(list, f, flen);
    if (!k)
        return 0;
    while (k < flen) {
        size_t j = k;
        int32_t c = hx_utf8_next(f, flen, &j);
        if (!(hx_cp_is_space(c) || c == ':' || c == ',' || c == 0xFF1A))
            return 0;
        k = j;
    }
    return 1;
}

int structure_is_issuer(const struct structure_tables *p, const char *f, size_t flen)
{
    return whole(p->issuer, f, flen);
}

/* The text after the first colon (ASCII or full width) of t, trimmed. */
static const char *after_colon(struct hx_doc *doc, const char *t, size_t len)
{
    /* folding changes these scripts' lengths, so cut the original */
    const char *colon = memchr(t, ':', len);
    const char *wide = strstr(t, "\xEF\xBC\x9A");
    const char *at = colon && (!wide || colon < wide) ? colon + 1
                     : wide && wide < t + len         ? wide + 3
                                                      : t + len;
    return structure_trimmed(doc, at, (size_t)(t + len - at));
}

/* Does a colon follow the phrase of length k at the start of folded f? */
static int colon_after(const char *f, size_t flen, size_t k)
{
    size_t i = structure_skip_spaces(f, flen, k), j = i;
    int32_t c = i < flen ? hx_utf8_next(f, flen, &j) : 0;
    return c == ':' || c == 0xFF1A;
}

/* Bits of *seen: lines a masthead has once. */
enum {
    M_TITLE = 1 << 0,
    M_AGENDA = 1 << 1,
    M_SESSION = 1 << 2,
    M_DATE = 1 << 3,
    M_ORGAN = 1 << 4,
    M_SYMBOL = 1 << 5,
    M_UN = 1 << 6,
    M_ISSUER = 1 << 7,
    M_DISTR = 1 << 8,
    M_ORIGINAL = 1 << 9,
    M_RAPPORTEUR = 1 << 10,
    M_JOB = 1 << 11,
    M_SPONSORS = 1 << 12,
    M_VENUE = 1 << 13
};

/* key the first time bit is met, else NULL (the line is counted from the
 * one before: a key names one block). */
static const char *once(unsigned *seen, unsigned bit, const char *key)
{
    if (*seen & bit)
        return NULL;
    *seen |= bit;
    return key;
}

/* A job number and what may follow it on its line: "21-18866 (E)",
 * "V.12-51096 (E)" (the rule is hx_job_number's). */
static int is_job(const char *s, size_t len)
{
    size_t i = hx_job_number(s, len);
    if (!i)
        return 0;
    while (i < len && s[i] == ' ')
        i++;
    if (i < len && s[i] == '(') {
        while (i < len && s[i] != ')')
            i++;
        i++;
    }
    return structure_skip_spaces(s, len, i) >= len;
}

/* Does folded block x speak of a session ("Fifty-fifth session")? */
static int is_session_line(struct hx_doc *doc, const struct structure_tables *p,
                           const struct hx_node *x)
{
    size_t len, flen;
    const char *t;
    char *f;
    int r;
    if (!x || x->type != HX_PARA)
        return 0;
    t = structure_text(doc, x, &len);
    if (len > 120 || !(f = structure_fold(t, len, &flen)))
        return 0;
    r = structure_phrase_within(p->session, f, flen);
    free(f);
    return r;
}

const char *structure_masthead(struct hx_doc *doc, const struct structure_tables *p,
                               struct hx_node *n, const char *t, size_t len, const char *f,
                               size_t flen, const struct hx_node *next, unsigned *seen)
{
    size_t k;
    n->role = HX_ROLE_MASTHEAD;
    if (structure_is_symbol(t, len)) {
        if (!(*seen & M_SYMBOL))
            hx_meta_set(doc, "symbol", structure_trimmed(doc, t, len));
        return once(seen, M_SYMBOL, "front.symbol");
    }
    if (is_job(t, len))
        return once(seen, M_JOB, "front.job");
    if ((k = structure_phrase_prefix(p->un, f, flen)) > 0) {
        /* "United Nations Economic and Social Council" on one line */
        size_t i = structure_skip_spaces(f, flen, k);
        if (i == flen || whole(p->issuer, f + i, flen - i))
            return once(seen, M_UN, "front.un");
    }
    if (whole(p->issuer, f, flen)) {
        hx_meta_set(doc, "issuer", structure_trimmed(doc, t, len));
        return once(seen, M_ISSUER, "front.issuer");
    }
    if (structure_phrase_prefix(p->distr, f, flen))
        return once(seen, M_DISTR, "front.distr");
    /* "Original: English", after the version's language ("Español") */
    k = structure_phrase_prefix(p->language, f, flen);
    k = k ? structure_skip_spaces(f, flen, k) : 0;
    if (structure_phrase_prefix(p->original, f + k, flen - k) &&
        colon_after(f, flen, k + structure_phrase_prefix(p->original, f + k, flen - k)))
        return once(seen, M_ORIGINAL, "front.original");
    if (whole(p->language, f, flen))
        return "front.language";
    /* once: a title may name a programme ("… del Programa 21") */
    if (!(*seen & M_AGENDA) && structure_phrase_within(p->agenda, f, flen) &&
        structure_number_in(doc, t, len)) {
        hx_meta_set(doc, "agenda", structure_number_in(doc, t, len));
        return once(seen, M_AGENDA, "front.agenda");
    }
    if (!(*seen & M_SESSION) && structure_phrase_within(p->session, f, flen) && len < 120) {
        const char *v = structure_number_in(doc, t, len);
        if (!v)
            v = structure_spelled_number(p, doc, hx_node_lang(doc, n), t, len);
        hx_meta_set(doc, "session", v ? v : structure_trimmed(doc, t, len));
        return once(seen, M_SESSION, "front.session");
    }
    if (structure_is_date(t, len)) {
        /* the second: where and when the session meets ("Vienna, 12-16
         * March 2012") */
        if (*seen & M_DATE)
            return once(seen, M_VENUE, "front.venue");
        hx_meta_set(doc, "date", structure_trimmed(doc, t, len));
        return once(seen, M_DATE, "front.date");
    }
    if ((k = structure_phrase_prefix(p->rapporteur, f, flen)) > 0 && colon_after(f, flen, k)) {
        hx_meta_set(doc, "rapporteur", after_colon(doc, t, len));
        return once(seen, M_RAPPORTEUR, "front.rapporteur");
    }
    if (structure_phrase_within(p->sponsor, f, flen))
        return once(seen, M_SPONSORS, "front.sponsors");
    {
        size_t zl = strlen(p->report_of_zh->text);
        if (len > zl && strcmp(t + len - zl, p->report_of_zh->text) == 0) {
            hx_meta_set(doc, "organ", structure_trimmed(doc, t, len - zl));
            return once(seen, M_ORGAN, "front.organ");
        }
    }
    if ((k = structure_phrase_prefix(p->report_of, f, flen)) > 0) {
        /* the folded prefix has the original's length in these scripts */
        size_t cut = k <= len ? k : len;
        hx_meta_set(doc, "organ", structure_trimmed(doc, t + cut, len - cut));
        return once(seen, M_ORGAN, "front.organ");
    }
    /* the organ named above its session ("Commission on Narcotic Drugs") */
    if (!(*seen & (M_ORGAN | M_SESSION)) && is_session_line(doc, p, next)) {
        hx_meta_set(doc, "organ", structure_trimmed(doc, t, len));
        return once(seen, M_ORGAN, "front.organ");
    }
    if (!(*seen & M_TITLE)) {
        n->role = HX_ROLE_TITLE;
        hx_meta_set(doc, "title", structure_trimmed(doc, t, len));
        return once(seen, M_TITLE, "front.title");
    }
    return NULL;
}

/* --- parenthesised note markers ------------------------------------------ */

static int is_note(const struct hx_node *n)
{
    return n && (n->type == HX_NOTEREF || n->type == HX_NOTE);
}

/* Drops the parentheses the Arabic style prints around a marker, "(¹)":
 * they are the marker's typography, not text. */
static void unwrap_markers(struct hx_doc *doc, struct hx_node *b)
{
    for (struct hx_node *c = b->first; c; c = c->next) {
        struct hx_node *x = c->prev, *y = c->next;
        if (!is_note(c) || !x || !y || x->type != HX_TEXT || y->type != HX_TEXT || !x->len ||
            !y->len || x->text[x->len - 1] != '(' || y->text[0] != ')')
            continue;
        hx_node_set_text(doc, x, x->text, x->len - 1);
        hx_node_set_text(doc, y, y->text + 1, y->len - 1);
        if (!x->len)
            hx_node_detach(x);
        if (!y->len)
            hx_node_detach(y);
    }
}

/* A "(N)" at s[i]: its value, the offset past ")" in *end; 0 if none. */
static int paren_number(const char *s, size_t len, size_t i, size_t *end)
{
    size_t k = i + 1;
    int v;
    if (i >= len || s[i] != '(')
        return 0;
    v = structure_digits(s, len, &k, 3);
    if (v <= 0 || k >= len || s[k] != ')')
        return 0;
    *end = k + 1;
    return v;
}

/* A "(N)" met in the text: a footnote text's opening when it starts a
 * block, else a marker glued to the word before it. */
struct cand {
    struct hx_node *block, *text;
    size_t at, end;
    int num, body, next;
};

/* What a candidate became (its body field, once paired). */
enum { C_MARKER = 0, C_TEXT = 1, C_TAKEN = 2, C_ORPHAN = 3, C_PENDING = -1 };

struct cands {
    struct cand *v;
    size_t n, cap;
};

static int cand_add(struct cands *cs, struct cand c)
{
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 32;
        struct cand *v;
        if (cap > 100000)
            return -1;
        v = realloc(cs->v, cap * sizeof *v);
        if (!v)
            return -1;
        cs->v = v;
        cs->cap = cap;
    }
    cs->v[cs->n++] = c;
    return 0;
}

static int collect(struct hx_node *b, struct cands *cs)
{
    int first = 1;
    for (struct hx_node *c = b->first; c; c = c->next) {
        size_t end;
        int v;
        if (c->type != HX_TEXT) {
            first = 0;
            continue;
        }
        if (first && !b->label && (v = paren_number(c->text, c->len, 0, &end)) && end < c->len &&
            hx_cp_is_space((unsigned char)c->text[end])) {
            if (cand_add(cs, (struct cand){b, c, 0, end, v, C_TEXT, -1}) != 0)
                return -1;
        }
        first = 0;
        for (size_t i = 1; i < c->len; i++) {
            size_t p = i;
            int32_t before;
            if (c->text[i] != '(' || !(v = paren_number(c->text, c->len, i, &end)))
                continue;
            before = hx_utf8_prev(c->text, &p);
            if (hx_cp_is_space(before) || before == '(')
                continue;
            if (cand_add(cs, (struct cand){b, c, i, end, v, C_MARKER, -1}) != 0)
                return -1;
        }
    }
    return 0;
}

/* A "(N)" marker becomes an HX_NOTEREF between two text nodes. */
static void make_ref(struct hx_doc *doc, const struct cand *c)
{
    struct hx_node *t = c->text, *r = hx_node_new(doc, HX_NOTEREF);
    r->label = hx_strndup(doc->arena, t->text + c->at + 1, c->end - c->at - 2);
    r->num = c->num;
    r->pos = t->pos.line ? t->pos : c->block->pos;
    if (c->end < t->len)
        hx_node_insert_after(t, hx_text_new(doc, t->text + c->end, t->len - c->end));
    hx_node_insert_after(t, r);
    hx_node_set_text(doc, t, t->text, c->at);
    if (!t->len)
        hx_node_detach(t);
}

static void make_body(struct hx_doc *doc, const struct cand *c)
{
    struct hx_node *t = c->text, *b = c->block;
    size_t skip = structure_skip_spaces(t->text, t->len, c->end);
    b->role = HX_ROLE_NOTE_BODY;
    b->label = hx_strndup(doc->arena, t->text + 1, c->end - 2);
    b->num = c->num;
    hx_node_set_text(doc, t, t->text + skip, t->len - skip);
    if (!t->len)
        hx_node_detach(t);
}

/* Does block x come where a part's paragraphs have ended: the end of the
 * document, a heading, a section heading's label ("ثانيا - ", "باء - "),
 * an annex, a draft's heading or a formula? */
static int ends_part(struct hx_doc *doc, const struct structure_tables *p, struct hx_node *x)
{
    size_t len, flen;
    const char *t;
    char *f;
    struct structure_label l;
    int r;
    if (!x || x->type == HX_HEADING)
        return 1;
    if (x->type != HX_PARA)
        return 0;
    t = structure_text(doc, x, &len);
    l = x->label ? structure_label_scan(x->label, strlen(x->label)) : structure_label_scan(t, len);
    if (l.kind == SL_ROMAN || l.kind == SL_ZH || l.kind == SL_LETTER)
        return 1;
    if (len > 200 || !(f = structure_fold(t, len, &flen)))
        return 0;
    r = structure_phrase_prefix(p->annex, f, flen) > 0 || structure_draft_heading(p, f, flen) ||
        structure_is_formula(p, f, flen);
    free(f);
    return r;
}

/* A footnote text whose marker was lost is still one where footnote texts
 * are: in a run of adjacent blocks opening "(N) " (notes sit together at
 * the foot of a page) that holds a footnote text, borders on one, or ends
 * its part's paragraphs. Arabic sub-items are letters, never "(2)", so
 * such a block is no sub-item; the notes stage reports it unpaired. */
static void orphans(struct hx_doc *doc, const struct structure_tables *p, struct cands *cs)
{
    size_t i = 0;
    while (i < cs->n) {
        size_t first = i, last = i, k;
        int with = 0, orphan = 0;
        if (cs->v[i].body != C_TEXT && cs->v[i].body != C_ORPHAN) {
            i++;
            continue;
        }
        /* the run: footnote text candidates in adjacent blocks (a marker
         * candidate inside one of them does not break it) */
        for (k = i; k < cs->n; k++) {
            const struct cand *c = &cs->v[k];
            if (c->body == C_TEXT || c->body == C_ORPHAN) {
                if (k > first && c->block != cs->v[last].block->next)
                    break;
                last = k;
                with |= c->body == C_TEXT;
                orphan |= c->body == C_ORPHAN;
            } else if (c->block != cs->v[last].block) {
                break;
            }
        }
        i = k;
        if (!orphan)
            continue;
        {
            const struct hx_node *before = cs->v[first].block->prev;
            const struct hx_node *after = cs->v[last].block->next;
            with |= (before && before->role == HX_ROLE_NOTE_BODY) ||
                    (after && after->role == HX_ROLE_NOTE_BODY);
        }
        if (!with && !ends_part(doc, p, cs->v[last].block->next))
            continue;
        for (k = first; k <= last; k++)
            if (cs->v[k].body == C_ORPHAN)
                cs->v[k].body = C_TEXT;
    }
}

/* Plain-text Arabic documents number notes "(1)" after the word and open
 * the footnote text with "(1) ". Such a pair is a note when the marker
 * comes before a text with its number; a "(1)" glued to a word with no
 * such text stays text (a citation), a "(1) " opening a block with no
 * marker is a footnote text where footnote texts are (orphans), else
 * text. */
static void paren_notes(struct hx_doc *doc, const struct structure_tables *p)
{
    struct cands cs = {0};
    int *pend = NULL;
    for (struct hx_node *b = doc->root->first; b; b = b->next)
        if (b->type == HX_PARA && b->role != HX_ROLE_NOTE_BODY &&
            hx_lang_is(hx_node_lang(doc, b), "ar") && collect(b, &cs) != 0)
            goto out;
    if (!cs.n || !(pend = malloc(1000 * sizeof *pend)))
        goto out;
    for (int k = 0; k < 1000; k++)
        pend[k] = -1;
    for (size_t i = 0; i < cs.n; i++) {
        struct cand *c = &cs.v[i];
        if (c->body == C_MARKER) {
            c->next = pend[c->num];
            pend[c->num] = (int)i;
            c->body = C_PENDING;
            continue;
        }
        if (pend[c->num] < 0) {
            c->body = C_ORPHAN; /* no marker calls it */
            continue;
        }
        for (int j = pend[c->num]; j >= 0; j = cs.v[j].next)
            cs.v[j].body = C_TAKEN;
        pend[c->num] = -1;
    }
    orphans(doc, p, &cs);
    /* backwards, so offsets into a text node stay valid */
    for (size_t i = cs.n; i-- > 0;) {
        if (cs.v[i].body == C_TAKEN)
            make_ref(doc, &cs.v[i]);
        else if (cs.v[i].body == C_TEXT)
            make_body(doc, &cs.v[i]);
    }
out:
    free(cs.v);
    free(pend);
}

void structure_note_markers(struct hx_doc *doc, const struct structure_tables *p)
{
    for (struct hx_node *b = doc->root->first; b; b = b->next) {
        if (b->type != HX_PARA)
            continue;
        unwrap_markers(doc, b);
        /* "(¹) text" at the foot of a page: a footnote text */
        if (b->role == HX_ROLE_NONE && !b->label && b->first && b->first->type == HX_NOTEREF &&
            b->first->next) {
            struct hx_node *r = b->first, *t = r->next;
            b->role = HX_ROLE_NOTE_BODY;
            b->label = r->label;
            b->num = r->num;
            hx_node_detach(r);
            if (t->type == HX_TEXT) {
                size_t skip = structure_skip_spaces(t->text, t->len, 0);
                hx_node_set_text(doc, t, t->text + skip, t->len - skip);
                if (!t->len)
                    hx_node_detach(t);
            }
        }
    }
    paren_notes(doc, p);
}
