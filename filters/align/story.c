/* What happened, said once at one key, before the row checks: a range of
 * numbered paragraphs one version numbers differently (after a merge or a
 * deletion: "en res1.op.31–46 are zh res1.op.32–47"), and a paragraph that
 * stands elsewhere in one version (two swapped), which the rows show as a
 * paragraph missing here and one with no counterpart there, and a
 * footnote marker moved to a nearby paragraph. The rows so explained are
 * not reported again (quiet: 1 and 2 presence, 4 footnote counts). */
#include <stdlib.h>
#include <string.h>

#include "stage.h"

/* The unit of row r that holds the row's key (the pivot's), or NULL. */
static const struct align_unit *key_unit(const struct align_ctx *cx, size_t r, size_t *who)
{
    const struct hx_align_row *row = &cx->rows[r];
    for (size_t e = 0; row->key && e < cx->nd; e++)
        if (row->cells[e].n == 1 && strcmp(cx->ru[r * cx->nd + e][0]->key, row->key) == 0) {
            *who = e;
            return cx->ru[r * cx->nd + e][0];
        }
    return NULL;
}

/* Does version d's paragraph in row r carry another number than the
 * row's own? */
static int shifted(const struct align_ctx *cx, size_t r, size_t d, size_t *who)
{
    const struct hx_align_cell *c = &cx->rows[r].cells[d];
    if (c->n != 1 || c->bead != HX_BEAD_11)
        return 0;
    const struct align_unit *u = cx->ru[r * cx->nd + d][0], *k = key_unit(cx, r, who);
    return k && *who != d && u->anchor && k->anchor && strcmp(u->key, k->key) != 0 &&
           strcmp(u->part, k->part) == 0;
}

/* "res1.op.31" and "res1.op.46" as "res1.op.31–46". */
static void add_range(struct hx_buf *b, const char *first, const char *last)
{
    const char *d1 = strrchr(first, '.'), *d2 = strrchr(last, '.');
    hx_buf_adds(b, first);
    if (strcmp(first, last) == 0)
        return;
    if (d1 && d2 && d1 - first == d2 - last && strncmp(first, last, (size_t)(d1 - first)) == 0)
        hx_buf_addf(b, "\xE2\x80\x93%s", d2 + 1);
    else
        hx_buf_addf(b, "\xE2\x80\x93%s", last);
}

static void renumbered_ranges(struct align_ctx *cx)
{
    struct hx_buf b = {0};
    for (size_t d = 0; d < cx->nd; d++)
        for (size_t r = 0; r < cx->nrows;) {
            size_t who = 0, w2 = 0;
            if (!shifted(cx, r, d, &who)) {
                r++;
                continue;
            }
            size_t e = r;
            while (e + 1 < cx->nrows && shifted(cx, e + 1, d, &w2) && w2 == who &&
                   strcmp(cx->rows[e + 1].part, cx->rows[r].part) == 0)
                e++;
            hx_buf_reset(&b);
            hx_buf_addf(&b, "renumbered: %s ", cx->al->langs[d]);
            add_range(&b, cx->ru[r * cx->nd + d][0]->key, cx->ru[e * cx->nd + d][0]->key);
            hx_buf_addf(&b, " %s %s ", r == e ? "is" : "are", cx->al->langs[who]);
            add_range(&b, cx->rows[r].key, cx->rows[e].key);
            hx_buf_adds(&b, " (the numbering shifted; the paragraphs are paired by content)");
            align_report(cx, r, d, HX_AF_RENUMBERED, 0, b.data);
            r = e + 1;
        }
    hx_buf_free(&b);
}

/* Is u (one version's) the same paragraph as v (another's)? The same
 * number, or the same lead-word class, or the same hard tokens (at least
 * one, all shared). */
static int same_para(const struct align_unit *u, const struct align_unit *v)
{
    if (u->anchor && v->anchor)
        return strcmp(u->key, v->key) == 0;
    if (u->node->lead && v->node->lead)
        return strcmp(u->node->lead, v->node->lead) == 0 && u->punct == v->punct;
    size_t hard = 0;
    for (int side = 0; side < 2; side++) {
        const struct align_toks *x = side ? &v->toks : &u->toks, *y = side ? &u->toks : &v->toks;
        for (size_t i = 0; i < x->n; i++) {
            if (!x->v[i].hard || x->v[i].worded)
                continue;
            int found = 0;
            for (size_t k = 0; k < y->n && !found; k++)
                found = x->v[i].kind == y->v[k].kind && strcmp(x->v[i].val, y->v[k].val) == 0;
            if (!found)
                return 0;
            hard++;
        }
    }
    return hard >= 2;
}

/* Rows where version d alone lacks (lack = 1) or alone has (lack = 0) a
 * paragraph. */
static int alone(const struct align_ctx *cx, size_t r, size_t d, int lack)
{
    const struct hx_align_row *row = &cx->rows[r];
    if (lack ? row->cells[d].n || row->cells[d].merged_up : row->cells[d].n != 1)
        return 0;
    for (size_t e = 0; e < cx->nd; e++)
        if (e != d && (lack ? !row->cells[e].n : row->cells[e].n || row->cells[e].merged_up))
            return 0;
    return 1;
}

#define MOVE_REACH 4 /* rows a moved paragraph may travel */

static void moved(struct align_ctx *cx)
{
    struct hx_buf b = {0};
    for (size_t d = 0; d < cx->nd; d++)
        for (size_t r = 0; r < cx->nrows && d != cx->orig; r++) {
            size_t who = 0;
            const struct align_unit *k = alone(cx, r, d, 1) ? key_unit(cx, r, &who) : NULL;
            if (!k || cx->quiet[r * cx->nd + d])
                continue;
            size_t lo = r > MOVE_REACH ? r - MOVE_REACH : 0;
            for (size_t q = lo; q < cx->nrows && q <= r + MOVE_REACH; q++) {
                if (q == r || cx->quiet[q * cx->nd + d] || !alone(cx, q, d, 0) ||
                    strcmp(cx->rows[q].part, cx->rows[r].part) != 0 ||
                    !same_para(cx->ru[q * cx->nd + d][0], k))
                    continue;
                /* the row next to where it stands now, to say where */
                size_t near = q < r ? q + 1 : q - 1;
                hx_buf_reset(&b);
                hx_buf_addf(&b, "moved: %s has %s's %s %s %s (paragraphs swapped or moved)",
                            cx->al->langs[d], cx->al->langs[who], k->key,
                            q < r ? "before" : "after",
                            cx->rows[near].key ? cx->rows[near].key : "its neighbour");
                align_report(cx, r, d, HX_AF_MOVED, 0, b.data);
                cx->quiet[r * cx->nd + d] = cx->quiet[q * cx->nd + d] = 1;
                for (size_t e = 0; e < cx->nd; e++)
                    cx->quiet[r * cx->nd + e] |= e != d ? 2 : 0,
                        cx->quiet[q * cx->nd + e] |= e != d ? 2 : 0;
                break;
            }
        }
    hx_buf_free(&b);
}

/* Footnote calls in row r: version d's minus the original's (0 when
 * either has no single paragraph there). */
static int notes_off(const struct align_ctx *cx, size_t r, size_t d)
{
    const struct hx_align_cell *c = &cx->rows[r].cells[d], *o = &cx->rows[r].cells[cx->orig];
    if (c->n != 1 || o->n != 1 || c->bead != HX_BEAD_11)
        return 0;
    return c->notes - o->notes;
}

/* A footnote marker one version has in a nearby paragraph instead: one
 * flag where the original calls the note, not two count mismatches. */
static void moved_markers(struct align_ctx *cx)
{
    struct hx_buf b = {0};
    for (size_t d = 0; d < cx->nd; d++)
        for (size_t r = 0; r < cx->nrows && d != cx->orig; r++) {
            int off = notes_off(cx, r, d);
            if (off >= 0 || (cx->quiet[r * cx->nd + d] & 4))
                continue;
            size_t lo = r > MOVE_REACH ? r - MOVE_REACH : 0;
            for (size_t q = lo; q < cx->nrows && q <= r + MOVE_REACH; q++) {
                if (q == r || notes_off(cx, q, d) != -off || (cx->quiet[q * cx->nd + d] & 4) ||
                    strcmp(cx->rows[q].part, cx->rows[r].part) != 0)
                    continue;
                hx_buf_reset(&b);
                hx_buf_addf(&b,
                            "footnote marker moved: %s calls %d footnote%s in %s that %s "
                            "calls in %s",
                            cx->al->langs[d], -off, off < -1 ? "s" : "",
                            cx->rows[q].key ? cx->rows[q].key : "another paragraph",
                            cx->al->langs[cx->orig], cx->rows[r].key ? cx->rows[r].key : "here");
                align_report(cx, r, d, HX_AF_NOTES, 0, b.data);
                for (size_t e = 0; e < cx->nd; e++)
                    cx->quiet[r * cx->nd + e] |= 4, cx->quiet[q * cx->nd + e] |= 4;
                break;
            }
        }
    hx_buf_free(&b);
}

void align_check_story(struct align_ctx *cx)
{
    renumbered_ranges(cx);
    moved(cx);
    moved_markers(cx);
}
