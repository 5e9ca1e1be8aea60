/* Align: lines up the language versions of one document paragraph by
 * paragraph and checks each row across them. Within a part (the first
 * component of a key), every version is aligned against the pivot (the
 * version with the most paragraphs there): numbered keys are anchors;
 * between two anchors, paragraphs are paired by a dynamic programme on
 * length ratio (with a spread learnt from the anchors of that language
 * pair), shared tokens and lead-word classes, which can yield 1–0, 0–1,
 * 2–1 and 1–2 beads. Rows then get the cross-version checks; each
 * disagreement is a warning naming the languages and the evidence. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "stage.h"

/* ---- units ------------------------------------------------------------- */

static int is_anchor(const struct hx_node *n, const char *key)
{
    if (n->role == HX_ROLE_PREAMBULAR || n->role == HX_ROLE_PREAMBLE ||
        n->role == HX_ROLE_CONTINUED)
        return 0;
    /* Counted keys ("res1.pp.3", "pre.2", "body.4+1") say where a paragraph
     * is, not which one it is. */
    if (strstr(key, ".pp.") || strchr(key, '+'))
        return 0;
    /* Footnote keys follow the order markers were paired in, which a lost
     * marker shifts: their text, not their number, pairs them. */
    if (strncmp(key, "fn.", 3) == 0)
        return 0;
    if (strncmp(key, "pre.", 4) == 0 && key[4] >= '0' && key[4] <= '9')
        return 0;
    return 1;
}

/* A note marker shown where it stands, as superscript digits (which no
 * token counts); other markers are left out. */
static void add_marker(struct hx_buf *b, const char *label)
{
    static const int32_t sup[10] = {0x2070, 0xB9,   0xB2,   0xB3,   0x2074,
                                    0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
    size_t len = label ? strlen(label) : 0, at = b->len;
    for (size_t i = 0; i < len;) {
        int32_t cp = hx_utf8_next(label, len, &i);
        if (cp >= '0' && cp <= '9') {
            hx_buf_addcp(b, sup[cp - '0']);
        } else if (cp >= 0 && hx_cp_superscript_digit(cp) >= 0) {
            hx_buf_addcp(b, cp);
        } else {
            b->len = at; /* not a number: show nothing */
            if (b->data)
                b->data[at] = '\0';
            return;
        }
    }
}

/* Text of n without keyed blocks inside it (they are units of their own)
 * and without note contents, which go to nb; counts note references. */
static void gather(const struct hx_node *n, struct hx_buf *b, struct hx_buf *nb, int *notes)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c->key && !hx_type_is_inline(c->type))
            continue;
        switch (c->type) {
        case HX_TEXT: {
            int run = 0;
            for (size_t i = 0; i < c->len;) {
                int32_t cp = hx_utf8_next(c->text, c->len, &i);
                int sup = cp >= 0 && hx_cp_superscript_digit(cp) >= 0;
                *notes += sup && !run;
                run = sup;
            }
            hx_buf_add(b, c->text, c->len);
            break;
        }
        case HX_NOTE:
            (*notes)++;
            add_marker(b, c->label);
            if (nb) {
                int inner = 0;
                gather(c, nb, NULL, &inner);
                hx_buf_addc(nb, ' ');
            }
            break;
        case HX_NOTEREF:
            (*notes)++;
            add_marker(b, c->label);
            break;
        case HX_BREAK: hx_buf_addc(b, ' '); break;
        case HX_IMAGE: break;
        default:
            gather(c, b, nb, notes);
            if (!hx_type_is_inline(c->type))
                hx_buf_addc(b, ' ');
        }
    }
}

/* Bytes of a paragraph number the structure stage left in the text
 * ("12. ", "1 - ", "3) "), which is no number of the text itself. */
static size_t label_len(const char *s, size_t len)
{
    size_t i = 0, k, digits = 0;
    while (i < len) {
        k = i;
        int32_t cp = hx_utf8_next(s, len, &k);
        if (cp < 0 || hx_cp_digit(cp) < 0 || digits == 3)
            break;
        digits++;
        i = k;
    }
    if (!digits)
        return 0;
    while (i < len && s[i] == ' ')
        i++;
    if (i >= len || (s[i] != '.' && s[i] != '-' && s[i] != ')'))
        return 0;
    i++;
    return i < len && s[i] == ' ' ? i + 1 : 0;
}

static enum align_punct punct_of(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0) {
        int32_t cp = hx_utf8_prev(s, &i);
        if (cp >= 0 &&
            (hx_cp_is_space(cp) || cp == 0x201D || cp == 0x2019 || cp == '"' || cp == ')' ||
             cp == 0xFF09 || cp == 0x300D || hx_cp_superscript_digit(cp) >= 0))
            continue;
        switch (cp) {
        case ',':
        case 0xFF0C:
        case 0x060C: return P_COMMA;
        case ';':
        case 0xFF1B:
        case 0x061B: return P_SEMI;
        case '.':
        case 0x3002:
        case 0x06D4: return P_STOP;
        case ':':
        case 0xFF1A: return P_COLON;
        default: return P_NONE;
        }
    }
    return P_NONE;
}

static void version_collect(struct align_version *v)
{
    struct hx_doc *doc = v->doc;
    struct hx_buf b = {0}, nb = {0};
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter || !n->key || n->type == HX_SECTION || n->type == HX_DOC ||
            hx_type_is_inline(n->type))
            continue;
        hx_buf_reset(&b);
        hx_buf_reset(&nb);
        int notes = 0;
        gather(n, &b, &nb, &notes);
        if (!b.len && n->first && !notes)
            continue; /* a container whose content is keyed below it */
        if (v->n == v->cap) {
            v->cap = v->cap ? 2 * v->cap : 64;
            v->u = realloc(v->u, v->cap * sizeof *v->u);
            if (!v->u)
                hx_oom();
        }
        struct align_unit *u = &v->u[v->n++];
        memset(u, 0, sizeof *u);
        u->node = n;
        u->key = n->key;
        const char *dot = strchr(n->key, '.');
        u->part = dot ? hx_strndup(doc->arena, n->key, (size_t)(dot - n->key)) : n->key;
        u->anchor = is_anchor(n, n->key);
        u->bound =
            doc->format && (strcmp(doc->format, "docx") == 0 || strcmp(doc->format, "akn") == 0);
        u->notes = notes;
        for (const struct hx_node *c = n->first; c; c = c->next)
            u->emph += c->type == HX_STRONG || c->type == HX_EMPH;
        const char *s = b.data ? b.data : "";
        /* Collapse the spaces joining inlines and blocks. */
        struct hx_buf t = {0};
        if (n->label) {
            hx_buf_adds(&t, n->label);
            hx_buf_addc(&t, ' ');
        }
        int sp = 1;
        for (size_t i = 0; i < b.len; i++) {
            int isw = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
            if (isw && sp)
                continue;
            hx_buf_addc(&t, isw ? ' ' : s[i]);
            sp = isw;
        }
        while (t.len && t.data[t.len - 1] == ' ')
            t.data[--t.len] = '\0';
        u->text = hx_strdup(doc->arena, t.data ? t.data : "");
        hx_buf_free(&t);
        /* a job number line among the paragraphs is page furniture (text
         * taken from a PDF): each version has its own, in its own place */
        if (strcmp(u->part, "front") != 0 && align_per_version(u)) {
            v->n--;
            continue;
        }
        for (size_t i = 0; i < b.len;) {
            int32_t cp = hx_utf8_next(s, b.len, &i);
            u->len += cp >= 0 && !hx_cp_is_space(cp);
        }
        v->total += u->len;
        u->punct = punct_of(s, b.len);
        size_t skip = n->label ? 0 : label_len(s, b.len);
        align_toks_extract(doc->arena, s + skip, b.len - skip, &u->toks);
        if (nb.len)
            align_toks_extract(doc->arena, nb.data, nb.len, &u->ntoks);
    }
    hx_buf_free(&b);
    hx_buf_free(&nb);
}
/* ---- rows ---------------------------------------------------------------- */

static struct hx_align_row *row_new(struct align_ctx *cx, const char *part)
{
    if (cx->nrows == cx->cap) {
        cx->cap = cx->cap ? 2 * cx->cap : 128;
        cx->rows = realloc(cx->rows, cx->cap * sizeof *cx->rows);
        cx->ru = realloc(cx->ru, cx->cap * cx->nd * sizeof *cx->ru);
        if (!cx->rows || !cx->ru)
            hx_oom();
    }
    struct hx_align_row *r = &cx->rows[cx->nrows];
    memset(r, 0, sizeof *r);
    memset(cx->ru[cx->nrows * cx->nd], 0, cx->nd * sizeof *cx->ru);
    r->part = part;
    r->cells = hx_alloc(cx->set->arena, cx->nd * sizeof *r->cells);
    r->confidence = 1;
    cx->nrows++;
    return r;
}

static void cell_put(struct align_ctx *cx, size_t row, size_t d, struct align_unit *u,
                     enum hx_bead bead, double cost)
{
    struct hx_align_cell *c = &cx->rows[row].cells[d];
    c->bead = bead;
    if (u && c->n < 2) {
        cx->ru[row * cx->nd + d][c->n] = u;
        c->node[c->n++] = u->node;
        c->notes += u->notes;
        c->text = c->text ? hx_printf(cx->set->arena, "%s\n%s", c->text, u->text) : u->text;
    }
    if (cost < 0)
        cost = 0;
    double conf = 1 / (1 + cost / 2);
    if (conf < cx->rows[row].confidence)
        cx->rows[row].confidence = conf;
}

/* What one document does at each pivot paragraph of a part. */
struct slot {
    struct align_unit *u[2];
    int n;
    enum hx_bead bead;
    int merged_up;
    double cost;
};

static void align_part(struct align_ctx *cx, size_t pi)
{
    const char *part = cx->parts[pi];
    size_t nd = cx->nd, pivot = 0;
    struct align_unit ***lists = calloc(nd, sizeof *lists);
    size_t *cnt = &cx->counts[pi * nd];
    for (size_t d = 0; d < nd; d++) {
        lists[d] = malloc((cx->v[d].n + 1) * sizeof **lists);
        if (!lists[d])
            hx_oom();
        for (size_t i = 0; i < cx->v[d].n; i++)
            if (strcmp(cx->v[d].u[i].part, part) == 0)
                lists[d][cnt[d]++] = &cx->v[d].u[i];
        if (cnt[d] > cnt[pivot])
            pivot = d;
    }
    /* Rows keep the original's keys wherever it has the part. */
    if (cnt[cx->orig])
        pivot = cx->orig;
    size_t np = cnt[pivot];
    struct slot *slots = calloc(nd * (np + 1), sizeof *slots);
    /* Extras: the document's paragraphs before pivot paragraph s that the
     * pivot lacks (0–1), as a range (xfrom, xn) of xj. */
    size_t *xfrom = calloc(nd * (np + 1), sizeof *xfrom);
    size_t *xn = calloc(nd * (np + 1), sizeof *xn);
    size_t maxc = 0;
    for (size_t d = 0; d < nd; d++)
        maxc = cnt[d] > maxc ? cnt[d] : maxc;
    size_t *xj = calloc(nd * (maxc + 1), sizeof *xj); /* their indices */
    if (!slots || !xfrom || !xn || !xj)
        hx_oom();
    for (size_t d = 0; d < nd; d++) {
        struct slot *sl = &slots[d * (np + 1)];
        if (d == pivot) {
            for (size_t i = 0; i < np; i++)
                sl[i] = (struct slot){{lists[d][i], NULL}, 1, HX_BEAD_11, 0, 0};
            continue;
        }
        struct align_pair p = {
            lists[pivot], lists[d], np, cnt[d], align_version_ratio(cx, pivot, d), 0};
        struct align_beads bs = {0};
        if (strcmp(part, "fn") == 0)
            align_pair_notes(&p, &bs);
        else
            align_pair_run(&p, &bs);
        size_t done = 0, nx = 0; /* pivot paragraphs consumed, extras */
        for (size_t k = 0; k < bs.n; k++) {
            struct align_bead *b = &bs.v[k];
            size_t x = d * (np + 1);
            switch (b->type) {
            case HX_BEAD_11:
                sl[b->i] = (struct slot){{lists[d][b->j], NULL}, 1, HX_BEAD_11, 0, b->cost};
                done = b->i + 1;
                break;
            case HX_BEAD_10:
                sl[b->i] = (struct slot){{NULL, NULL}, 0, HX_BEAD_10, 0, b->cost};
                done = b->i + 1;
                break;
            case HX_BEAD_01:
                if (!xn[x + done])
                    xfrom[x + done] = nx;
                xj[d * (maxc + 1) + nx++] = b->j;
                xn[x + done]++;
                break;
            case HX_BEAD_21:
                sl[b->i] = (struct slot){{lists[d][b->j], NULL}, 1, HX_BEAD_21, 0, b->cost};
                sl[b->i + 1] = (struct slot){{NULL, NULL}, 0, HX_BEAD_21, 1, b->cost};
                done = b->i + 2;
                break;
            case HX_BEAD_12:
                sl[b->i] =
                    (struct slot){{lists[d][b->j], lists[d][b->j + 1]}, 2, HX_BEAD_12, 0, b->cost};
                done = b->i + 1;
                break;
            }
        }
        free(bs.v);
    }
    for (size_t s = 0; s <= np; s++) {
        size_t most = 0;
        for (size_t d = 0; d < nd; d++)
            if (xn[d * (np + 1) + s] > most)
                most = xn[d * (np + 1) + s];
        for (size_t k = 0; k < most; k++) {
            row_new(cx, part);
            size_t row = cx->nrows - 1;
            for (size_t d = 0; d < nd; d++) {
                size_t x = d * (np + 1) + s;
                if (k < xn[x])
                    cell_put(cx, row, d, lists[d][xj[d * (maxc + 1) + xfrom[x] + k]], HX_BEAD_01,
                             4.5);
            }
        }
        if (s == np)
            break;
        row_new(cx, part);
        size_t row = cx->nrows - 1;
        for (size_t d = 0; d < nd; d++) {
            struct slot *sl = &slots[d * (np + 1) + s];
            if (d != pivot && !sl->n && !sl->merged_up && sl->bead == HX_BEAD_11)
                sl->bead = HX_BEAD_10; /* the document has none of this part */
            cell_put(cx, row, d, sl->u[0], sl->bead, sl->cost);
            if (sl->n == 2)
                cell_put(cx, row, d, sl->u[1], sl->bead, sl->cost);
            cx->rows[row].cells[d].merged_up = sl->merged_up;
        }
        /* The pivot has every paragraph of the part, so its counted keys
         * (res1.pp.N) are the ones a deletion elsewhere did not shift. */
        cx->rows[row].key = lists[pivot][s]->key;
    }
    free(slots);
    free(xfrom);
    free(xn);
    free(xj);
    for (size_t d = 0; d < nd; d++)
        free(lists[d]);
    free(lists);
}

static void free_versions(struct align_ctx *cx)
{
    for (size_t d = 0; d < cx->nd; d++) {
        for (size_t i = 0; i < cx->v[d].n; i++) {
            align_toks_free(&cx->v[d].u[i].toks);
            align_toks_free(&cx->v[d].u[i].ntoks);
        }
        free(cx->v[d].u);
    }
    free(cx->v);
    cx->v = NULL;
}

/* The reviewer's list of flags already looked at, with a line break
 * before its first line so that every line can be found whole. */
static const char *read_accept(struct hx_stage *st, struct hx_set *set, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        hx_error(st, set->docs[0], NULL, "--accept %s: cannot read the file", path);
        return NULL;
    }
    struct hx_buf b = {0};
    hx_buf_addc(&b, '\n');
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        hx_buf_add(&b, chunk, got);
    fclose(fp);
    hx_buf_addc(&b, '\n');
    const char *text = hx_strdup(set->arena, b.data);
    hx_buf_free(&b);
    return text;
}

static const char *const align_no_choices[] = {NULL};

static const struct hx_opt align_opts_table[] = {
    {"original", HX_OPT_STR, offsetof(struct align_opts, original), "",
     "language of the original version (rows keep its keys); default: the version whose "
     "masthead says \"Original:\" in its own language, else the first",
     align_no_choices, 0, 0},
    {"accept", HX_OPT_STR, offsetof(struct align_opts, accept), "",
     "file of flags already looked at (KEY, CHECK, MESSAGE by tabs, one a line)", align_no_choices,
     0, 0},
    {0},
};

static int align_set(struct hx_stage *st, struct hx_set *set)
{
    size_t nd = set->ndocs;
    if (nd < 2 || nd > 6) {
        hx_error(st, nd ? set->docs[0] : NULL, NULL,
                 "align needs two to six versions of one document, not %zu", nd);
        return -1;
    }
    /* A version that could not be read would make every row a gap; its
     * own errors say enough, and no report is written without it. */
    for (size_t d = 0; d < nd; d++)
        if (set->docs[d]->failed)
            return 0;
    struct align_ctx cx = {.st = st, .set = set, .nd = nd};
    cx.v = calloc(nd, sizeof *cx.v);
    struct hx_align *al = hx_alloc(set->arena, sizeof *al);
    cx.al = al;
    al->ndocs = nd;
    al->langs = hx_alloc(set->arena, nd * sizeof *al->langs);
    al->tags = hx_alloc(set->arena, nd * sizeof *al->tags);
    for (size_t d = 0; d < nd; d++) {
        cx.v[d].doc = set->docs[d];
        if (!set->docs[d]->failed)
            version_collect(&cx.v[d]);
        al->tags[d] = hx_strdup(set->arena, align_doc_tag(set->docs[d], &cx.v[d]));
        int same = 0;
        for (size_t e = 0; e < d; e++)
            same += strcmp(al->tags[e], al->tags[d]) == 0;
        al->langs[d] = same ? hx_printf(set->arena, "%s#%d", al->tags[d], same + 1) : al->tags[d];
    }
    const struct align_opts *o = st->priv;
    cx.orig = align_find_original(&cx, o ? o->original : NULL);
    if (cx.orig == (size_t)-1) {
        hx_error(st, set->docs[0], NULL, "--original %s: no version in that language", o->original);
        free_versions(&cx);
        return -1;
    }
    al->original = cx.orig;
    if (o && o->accept && *o->accept && !(cx.accept = read_accept(st, set, o->accept))) {
        free_versions(&cx);
        return -1;
    }
    align_set_years(cx.v, nd);
    /* Parts in order of first appearance. */
    size_t maxparts = 0;
    for (size_t d = 0; d < nd; d++)
        maxparts += cx.v[d].n;
    cx.parts = calloc(maxparts + 1, sizeof *cx.parts);
    for (size_t d = 0; d < nd; d++)
        for (size_t i = 0; i < cx.v[d].n; i++) {
            size_t k = 0;
            while (k < cx.nparts && strcmp(cx.parts[k], cx.v[d].u[i].part) != 0)
                k++;
            if (k == cx.nparts)
                cx.parts[cx.nparts++] = cx.v[d].u[i].part;
        }
    cx.counts = calloc(cx.nparts * nd + 1, sizeof *cx.counts);
    for (size_t p = 0; p < cx.nparts; p++)
        align_part(&cx, p);
    for (size_t r = 0; r < cx.nrows; r++) {
        struct hx_align_row *row = &cx.rows[r];
        for (size_t d = 0; d < nd && !row->key; d++)
            if (row->cells[d].n)
                row->key = row->cells[d].node[0]->key;
        for (size_t d = 0; d < nd && !row->lead; d++)
            if (row->cells[d].n)
                row->lead = row->cells[d].node[0]->lead;
    }
    cx.quiet = calloc(cx.nrows * nd + 1, 1);
    if (!cx.quiet)
        hx_oom();
    align_check_story(&cx);
    for (size_t r = 0; r < cx.nrows; r++)
        align_check_row(&cx, r);
    align_check_lengths(&cx);
    al->nrows = cx.nrows;
    al->rows = hx_alloc(set->arena, (cx.nrows + 1) * sizeof *al->rows);
    if (cx.nrows)
        memcpy(al->rows, cx.rows, cx.nrows * sizeof *al->rows);
    for (size_t r = 0; r < cx.nrows; r++)
        al->flagged += al->rows[r].flags != 0;
    set->align = al;
    free_versions(&cx);
    free(cx.rows);
    free(cx.ru);
    free(cx.quiet);
    free(cx.parts);
    free(cx.counts);
    return 0;
}

const struct hx_filter hx_align = {
    .name = "align",
    .kind = HX_FILTER,
    .summary = "align language versions paragraph by paragraph and check "
               "numbers, symbols, dates, URLs, notes, punctuation, lead words",
    .needs = HX_HAS_STRUCTURE,
    .gives = HX_HAS_ALIGN,
    .set = align_set,
    .opts = align_opts_table,
    .priv_size = sizeof(struct align_opts),
};
