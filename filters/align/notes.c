/* Footnote paragraphs of the align stage, paired across two versions
 * (align_pair_notes): by the paragraph that calls them where the file ties
 * a note to its call (DOCX, Akoma Ntoso), else by scope and printed
 * number, else in order within the scope. Apart from dp.c because notes
 * are not aligned by the bead programme. */
#include <stdlib.h>
#include <string.h>

#include "stage.h"

/* The number a note marker prints ("3", "³", "(3)", "[3]", "٣"), or 0 when
 * it is no number ("*", "a"). */
static int marker_number(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    int v = 0, digits = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        int d = cp < 0 ? -1 : hx_cp_digit(cp);
        if (d < 0 && cp >= 0)
            d = hx_cp_superscript_digit(cp);
        if (d >= 0) {
            if (++digits > 4)
                return 0;
            v = 10 * v + d;
        } else if (cp != '(' && cp != ')' && cp != '[' && cp != ']' && cp != 0xFF08 &&
                   cp != 0xFF09 && cp != '.' && !(cp >= 0 && hx_cp_is_space(cp))) {
            return 0;
        }
    }
    return v;
}

/* Which footnote paragraph a unit is: its scope (the key up to its last
 * dot, "fn.body": notes are counted per part), the note's printed number
 * (0 if it has none) and which paragraph of the note it is. */
struct note_id {
    size_t scope;
    int num, sub;
    const char *caller; /* key of the paragraph that calls the note, or NULL */
    int ord;            /* which of that paragraph's notes (0-based) */
};

/* Counts the notes of n's subtree before `stop`; 1 when it was found. */
static int notes_before(const struct hx_node *n, const struct hx_node *stop, int *ord)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c == stop)
            return 1;
        if (c->type == HX_NOTE || c->type == HX_NOTEREF)
            (*ord)++;
        else if (notes_before(c, stop, ord))
            return 1;
    }
    return 0;
}

static struct note_id note_id(const struct align_unit *u)
{
    struct note_id id = {0, 0, 0, NULL, 0};
    const char *dot = strrchr(u->key, '.');
    id.scope = dot ? (size_t)(dot - u->key) : 0;
    const struct hx_node *n = u->node;
    const struct hx_node *note = n->parent && n->parent->type == HX_NOTE ? n->parent : NULL;
    if (note) {
        for (const struct hx_node *c = note->first; c && c != n; c = c->next)
            id.sub++;
        id.num = marker_number(note->label);
        /* the paragraph that calls it: a marker lost before it shifts
         * every later printed number (Word counts 1–22 through a
         * document), not its caller */
        const struct hx_node *p = note->parent;
        while (p && (hx_type_is_inline(p->type) || !p->key))
            p = p->parent;
        /* only where the file ties a note to its call: in plain text the
         * notes stage pairs them by number, which the caller would repeat */
        if (u->bound && p && p->type != HX_DOC && p->type != HX_SECTION) {
            id.caller = p->key;
            notes_before(p, note, &id.ord);
        }
    } else {
        /* a footnote text whose marker was lost stays a paragraph */
        id.num = marker_number(n->label);
    }
    if (!id.num && !id.sub && n->num > 0)
        id.num = n->num;
    return id;
}

/* Do two footnote paragraphs stand for the same note? Same scope, then the
 * same calling paragraph and place among its notes when both are called,
 * else the same printed number ("1", "¹", "(1)", "١" alike), so that a marker lost
 * elsewhere shifts nothing; when either has no number, the same place in
 * the order of the scope's notes (the key). */
static int same_note(const struct align_unit *a, const struct note_id *ia,
                     const struct align_unit *b, const struct note_id *ib)
{
    if (ia->scope != ib->scope || strncmp(a->key, b->key, ia->scope) != 0)
        return 0;
    if (ia->caller && ib->caller)
        return strcmp(ia->caller, ib->caller) == 0 && ia->ord == ib->ord && ia->sub == ib->sub;
    if (ia->num && ib->num)
        return ia->num == ib->num && ia->sub == ib->sub;
    return strcmp(a->key, b->key) == 0;
}

void align_pair_notes(const struct align_pair *p, struct align_beads *out)
{
    unsigned char *used = calloc(p->nb + 1, 1);
    size_t *match = malloc((p->na + 1) * sizeof *match);
    struct note_id *ia = malloc((p->na + 1) * sizeof *ia), *ib = malloc((p->nb + 1) * sizeof *ib);
    if (!used || !match || !ia || !ib)
        hx_oom();
    for (size_t i = 0; i < p->na; i++)
        ia[i] = note_id(p->a[i]);
    for (size_t j = 0; j < p->nb; j++)
        ib[j] = note_id(p->b[j]);
    for (size_t i = 0; i < p->na; i++) {
        size_t j = 0;
        while (j < p->nb && (used[j] || !same_note(p->a[i], &ia[i], p->b[j], &ib[j])))
            j++;
        match[i] = j;
        if (j < p->nb)
            used[j] = 1;
    }
    /* Notes left on both sides of one scope are numbered differently (one
     * version counts through the document, the other per part): they pair
     * in order. */
    for (size_t i = 0; i < p->na; i++) {
        if (match[i] < p->nb)
            continue;
        size_t j = 0;
        while (j < p->nb && (used[j] || ia[i].scope != ib[j].scope || ia[i].sub != ib[j].sub ||
                             strncmp(p->a[i]->key, p->b[j]->key, ia[i].scope) != 0))
            j++;
        if (j < p->nb) {
            match[i] = j;
            used[j] = 1;
        }
    }
    for (size_t i = 0; i < p->na; i++) {
        if (match[i] < p->nb)
            align_bead_add(out, HX_BEAD_11, i, match[i], 0);
        else
            align_bead_add(out, HX_BEAD_10, i, 0, ALIGN_COST_SKIP);
    }
    for (size_t j = 0; j < p->nb; j++)
        if (!used[j])
            align_bead_add(out, HX_BEAD_01, 0, j, ALIGN_COST_SKIP);
    free(used);
    free(match);
    free(ia);
    free(ib);
}
