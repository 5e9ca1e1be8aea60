/* The cross-version checks of the align stage, one row at a time: a
 * paragraph with no counterpart, a merge or split, then numbers, symbols,
 * dates, URLs, footnotes, punctuation and lead verbs. Each disagreement is
 * blamed on the version(s) at odds with the most others (on a tie, not the
 * first version), recorded in the row and reported as a warning at the
 * row's key, in the file and at the line of the version blamed. */
#include <stdio.h>
#include <string.h>

#include "stage.h"

static const char *const punct_names[] = {"none", "comma", "semicolon", "full stop", "colon"};

enum check {
    C_NUMBERS,
    C_SYMBOLS,
    C_DATES,
    C_URLS,
    C_NOTE_TEXT,
    C_NOTES,
    C_PUNCT,
    C_LEAD,
    C_COUNT
};

static const struct {
    unsigned flag;
    const char *what;
} checks[C_COUNT] = {
    {HX_AF_NUMBERS, "numbers differ"},
    {HX_AF_SYMBOLS, "document symbols differ"},
    {HX_AF_DATES, "dates differ"},
    {HX_AF_URLS, "URLs differ"},
    {HX_AF_NOTE_TEXT, "footnote symbols or URLs differ"},
    {HX_AF_NOTES, "footnote references differ"},
    {HX_AF_PUNCT, "terminal punctuation differs"},
    {HX_AF_LEAD, "lead verbs differ"},
};

/* Do units x and y disagree on check c? Evidence into ex, ey. */
static int differ(enum check c, const struct align_unit *x, const struct align_unit *y,
                  struct hx_buf *ex, struct hx_buf *ey)
{
    switch (c) {
    case C_NUMBERS: return align_toks_differ(&x->toks, &y->toks, ALIGN_G_NUMBERS, ex, ey);
    case C_SYMBOLS: return align_toks_differ(&x->toks, &y->toks, ALIGN_G_SYMBOLS, ex, ey);
    case C_DATES: return align_toks_differ(&x->toks, &y->toks, ALIGN_G_DATES, ex, ey);
    case C_URLS: return align_toks_differ(&x->toks, &y->toks, ALIGN_G_URLS, ex, ey);
    case C_NOTE_TEXT:
        if (align_toks_differ(&x->ntoks, &y->ntoks, ALIGN_G_SYMBOLS, ex, ey))
            return 1;
        return align_toks_differ(&x->ntoks, &y->ntoks, ALIGN_G_URLS, ex, ey);
    case C_NOTES:
        if (x->notes == y->notes)
            return 0;
        if (ex)
            hx_buf_addf(ex, "%d", x->notes), hx_buf_addf(ey, "%d", y->notes);
        return 1;
    case C_PUNCT: {
        enum hx_role r = x->node->role;
        if ((r != HX_ROLE_PREAMBULAR && r != HX_ROLE_OPERATIVE) || x->punct == y->punct)
            return 0;
        if (ex)
            hx_buf_adds(ex, punct_names[x->punct]), hx_buf_adds(ey, punct_names[y->punct]);
        return 1;
    }
    case C_LEAD: {
        /* The verb and its manner count ("Noting with concern" is not
         * "Noting with appreciation"); a trailing "also" or "further" does
         * not: translations add or drop it (the Spanish Declaration's
         * "Considerando también" where the others say "Whereas"); nor does
         * a rendering that stands for several classes (hx_lead_compare);
         * a degree of one graded family ("deep" or "grave" concern) is
         * information, a note. A version that found no lead word has
         * nothing to compare. */
        const char *a = x->node->lead, *b = y->node->lead;
        if (!a || !b || hx_lead_compare(a, b) <= HX_LEAD_MODIFIER)
            return 0; /* a degree is told, as a note (blame) */
        if (ex)
            hx_buf_adds(ex, a), hx_buf_adds(ey, b);
        return 1;
    }
    default: return 0;
    }
}

/* The line of the nearest paragraph of document d at or before row, else
 * of its first one after it (a paragraph missing before its first). */
static unsigned line_near(const struct align_ctx *cx, size_t row, size_t d)
{
    for (size_t r = row + 1; r-- > 0;)
        if (cx->rows[r].cells[d].n)
            return cx->rows[r].cells[d].node[0]->pos.line;
    for (size_t r = row + 1; r < cx->nrows; r++)
        if (cx->rows[r].cells[d].n)
            return cx->rows[r].cells[d].node[0]->pos.line;
    return 0;
}

/* Is this flag in the reviewer's list ("KEY<TAB>CHECK<TAB>MESSAGE" lines,
 * as the HTML report exports them)? */
static int accepted(const struct align_ctx *cx, const char *key, unsigned flag, const char *msg)
{
    if (!cx->accept)
        return 0;
    struct hx_buf b = {0};
    hx_buf_addf(&b, "\n%s\t%s\t%s\n", key ? key : "", hx_align_flag_name(flag), msg);
    int hit = strstr(cx->accept, b.data) != NULL;
    hx_buf_free(&b);
    return hit;
}

void align_report(struct align_ctx *cx, size_t row, size_t d, unsigned flag, int note,
                  const char *msg)
{
    struct hx_align_row *r = &cx->rows[row];
    struct hx_align_issue *is = hx_alloc(cx->set->arena, sizeof *is);
    is->kind = flag;
    is->doc = d;
    is->line = line_near(cx, row, d);
    is->msg = hx_strdup(cx->set->arena, msg);
    is->accepted = accepted(cx, r->key, flag, msg);
    is->note = note || is->accepted;
    struct hx_align_issue **tail = &r->issues;
    while (*tail)
        tail = &(*tail)->next;
    *tail = is;
    if (is->note)
        r->noted |= flag;
    else
        r->flags |= flag;
    hx_diags_add(cx->st->diags, is->note ? HX_SEV_NOTE : HX_SEV_WARNING, cx->v[d].doc->path,
                 is->line, cx->st->f->name, r->key, "%s%s", msg, is->accepted ? " (accepted)" : "");
    /* for --diagnostics json: what was checked, the version blamed and
     * every version of the row */
    struct hx_buf vs = {0};
    for (size_t k = 0; k < cx->nd; k++)
        hx_buf_addf(&vs, "%s%s", k ? "," : "", cx->al->langs[k]);
    hx_detail(cx->st, "check", hx_align_flag_name(flag));
    hx_detail(cx->st, "version", cx->al->langs[d]);
    hx_detail(cx->st, "versions", vs.data);
    hx_buf_free(&vs);
}

static void report(struct align_ctx *cx, size_t row, size_t d, unsigned flag, const char *msg)
{
    align_report(cx, row, d, flag, 0, msg);
}

static void add_names(struct hx_buf *b, const struct align_ctx *cx, const size_t *ds, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            hx_buf_adds(b, k + 1 == n ? " and " : ", ");
        hx_buf_adds(b, cx->al->langs[ds[k]]);
    }
}

/* "(res1: zh 44 paragraphs, zh#2 43)" */
static void add_counts(struct hx_buf *b, const struct align_ctx *cx, const char *part)
{
    size_t pi = 0;
    while (pi < cx->nparts && strcmp(cx->parts[pi], part) != 0)
        pi++;
    if (pi == cx->nparts)
        return;
    hx_buf_addf(b, " (%s:", part);
    for (size_t d = 0; d < cx->nd; d++)
        hx_buf_addf(b, "%s %s %zu", d ? "," : "", cx->al->langs[d], cx->counts[pi * cx->nd + d]);
    hx_buf_adds(b, " paragraphs)");
}

/* Which paragraph a presence flag is about, so that a reviser finds it:
 * for a footnote its marker, for any paragraph its opening words
 * (": footnote 3, \"See A/C.2/76/SR.9.\""). */
static void add_which(struct hx_buf *b, const struct align_ctx *cx, size_t row, size_t d)
{
    if (!cx->rows[row].cells[d].n)
        return;
    const struct align_unit *u = cx->ru[row * cx->nd + d][0];
    const struct hx_node *n = u->node;
    const struct hx_node *note = n->parent && n->parent->type == HX_NOTE ? n->parent : NULL;
    const char *label = note ? note->label : n->label;
    hx_buf_adds(b, ": ");
    if (strcmp(cx->rows[row].part, "fn") == 0)
        hx_buf_addf(b, "footnote %s, ", label && *label ? label : "without a marker");
    hx_buf_adds(b, "\"");
    const char *t = u->text;
    size_t len = strlen(t), i = 0, chars = 0;
    while (i < len && chars < 48) {
        hx_utf8_next(t, len, &i);
        chars++;
    }
    hx_buf_add(b, t, i);
    hx_buf_adds(b, i < len ? "\u2026\"" : "\"");
}

/* Is row a footnote whose call was already flagged against version d
 * ("footnote references differ") in the row of the paragraph calling it
 * in version h? A lost marker takes its note with it (Word drops a note
 * nothing calls): one defect, told once, where the marker was. */
static int call_flagged(const struct align_ctx *cx, size_t row, size_t h, size_t d)
{
    if (strcmp(cx->rows[row].part, "fn") != 0 || !cx->rows[row].cells[h].n)
        return 0;
    const struct hx_node *n = cx->rows[row].cells[h].node[0]->parent;
    if (!n || n->type != HX_NOTE)
        return 0;
    while (n && (hx_type_is_inline(n->type) || !n->key))
        n = n->parent;
    for (size_t r = 0; n && r < cx->nrows; r++) {
        const struct hx_align_cell *c = &cx->rows[r].cells[h];
        if (c->n && c->node[0] == n)
            for (const struct hx_align_issue *is = cx->rows[r].issues; is; is = is->next)
                if (is->kind == HX_AF_NOTES && is->doc == d)
                    return 1;
    }
    return 0;
}

static void check_presence(struct align_ctx *cx, size_t row)
{
    struct hx_align_row *r = &cx->rows[row];
    size_t have[8], lack[8], nh = 0, nl = 0;
    for (size_t d = 0; d < cx->nd && d < 8; d++) {
        if (cx->quiet[row * cx->nd + d] & 3)
            return; /* a moved paragraph: said once already */
        if (r->cells[d].n || r->cells[d].merged_up)
            have[nh++] = d;
        else
            lack[nl++] = d;
    }
    if (!nl || !nh)
        return;
    /* The minority is at fault; on a tie, whoever differs from the first
     * document. */
    int blame_lack = nl < nh || (nl == nh && r->cells[cx->orig].n);
    struct hx_buf b = {0};
    if (blame_lack) {
        for (size_t k = 0; k < nl; k++) {
            /* A version without any paragraph of the part is told once, at
             * the part's first row, not at every row. */
            size_t pi = 0, pivot_n = 0;
            while (pi < cx->nparts && strcmp(cx->parts[pi], r->part) != 0)
                pi++;
            for (size_t d = 0; pi < cx->nparts && d < cx->nd; d++)
                if (cx->counts[pi * cx->nd + d] > pivot_n)
                    pivot_n = cx->counts[pi * cx->nd + d];
            if (pi < cx->nparts && !cx->counts[pi * cx->nd + lack[k]] && pivot_n > 1) {
                if (row > 0 && strcmp(cx->rows[row - 1].part, r->part) == 0)
                    continue;
                hx_buf_reset(&b);
                hx_buf_addf(&b, "%s has none of the %zu paragraphs of part '%s'",
                            cx->al->langs[lack[k]], pivot_n, r->part);
                report(cx, row, lack[k], HX_AF_MISSING, b.data);
                continue;
            }
            if (call_flagged(cx, row, have[0], lack[k]))
                continue; /* its lost marker was flagged where it was called */
            hx_buf_reset(&b);
            hx_buf_addf(&b, "paragraph missing in %s: ", cx->al->langs[lack[k]]);
            add_names(&b, cx, have, nh);
            hx_buf_adds(&b, nh > 1 ? " have it" : " has it");
            add_counts(&b, cx, r->part);
            add_which(&b, cx, row, have[0]);
            report(cx, row, lack[k], HX_AF_MISSING, b.data);
        }
    } else {
        for (size_t k = 0; k < nh; k++) {
            hx_buf_reset(&b);
            hx_buf_addf(&b, "%s has a paragraph with no counterpart in ", cx->al->langs[have[k]]);
            add_names(&b, cx, lack, nl);
            add_counts(&b, cx, r->part);
            add_which(&b, cx, row, have[k]);
            report(cx, row, have[k], HX_AF_MISSING, b.data);
        }
    }
    hx_buf_free(&b);
}

static void check_merges(struct align_ctx *cx, size_t row)
{
    struct hx_align_row *r = &cx->rows[row];
    struct hx_buf b = {0};
    for (size_t d = 0; d < cx->nd; d++) {
        const struct hx_align_cell *c = &r->cells[d];
        if (c->bead == HX_BEAD_21 && c->n && row + 1 < cx->nrows) {
            hx_buf_reset(&b);
            hx_buf_addf(&b, "%s has one paragraph (%s) for %s and %s: merged (2-1)",
                        cx->al->langs[d], c->node[0]->key, r->key, cx->rows[row + 1].key);
            report(cx, row, d, HX_AF_MERGED, b.data);
        } else if (c->bead == HX_BEAD_12 && c->n == 2) {
            hx_buf_reset(&b);
            hx_buf_addf(&b, "%s has two paragraphs (%s, %s) for %s: split (1-2)", cx->al->langs[d],
                        c->node[0]->key, c->node[1]->key, r->key);
            report(cx, row, d, HX_AF_MERGED, b.data);
        }
    }
    hx_buf_free(&b);
}

/* English names of the six languages, for evidence in a reviser's words. */
static const char *lang_word(const char *tag)
{
    static const char *const names[][2] = {{"en", "English"}, {"fr", "French"},  {"es", "Spanish"},
                                           {"ru", "Russian"}, {"zh", "Chinese"}, {"ar", "Arabic"}};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strncmp(tag, names[k][0], 2) == 0 && (!tag[2] || tag[2] == '-'))
            return names[k][1];
    return tag;
}

/* Values as a reviser reads them: dates in words ("24 November 2021",
 * "May 2021"), "none" as "nothing"; others as they are. */
static void say_values(struct hx_buf *b, enum check c, const char *vals)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    if (strcmp(vals, "none") == 0) {
        hx_buf_adds(b, "nothing");
        return;
    }
    if (c != C_DATES) {
        hx_buf_adds(b, vals);
        return;
    }
    for (const char *p = vals; *p;) {
        size_t n = strcspn(p, ",");
        int y = 0, m = 0, d = 0;
        if (n >= 7 && sscanf(p, "%4d-%2d-%2d", &y, &m, &d) >= 2 && m >= 1 && m <= 12) {
            if (d)
                hx_buf_addf(b, "%d ", d);
            hx_buf_adds(b, months[m - 1]);
            if (y)
                hx_buf_addf(b, " %d", y);
        } else {
            hx_buf_add(b, p, n);
        }
        p += n;
        if (*p == ',') {
            hx_buf_adds(b, p[1] && strchr(p + 1, ',') ? ", " : " and ");
            p++;
            while (*p == ' ')
                p++;
        }
    }
}

/* Text of n's inline subtree into b. */
static void inline_text(struct hx_buf *b, const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next)
        if (c->type == HX_TEXT)
            hx_buf_add(b, c->text, c->len);
        else if (hx_type_is_inline(c->type) && c->type != HX_NOTE)
            inline_text(b, c);
}

/* The lead words of u as printed: its first emphasised run, else its
 * opening words (at most four, after the paragraph number). */
static void lead_words(struct hx_buf *b, const struct align_unit *u)
{
    for (const struct hx_node *c = u->node->first; c; c = c->next)
        if (c->type == HX_STRONG || c->type == HX_EMPH) {
            size_t at = b->len;
            inline_text(b, c);
            if (b->len > at)
                return;
        }
    const char *t = u->text;
    if (u->node->label && strncmp(t, u->node->label, strlen(u->node->label)) == 0)
        t += strlen(u->node->label);
    while (*t == ' ')
        t++;
    size_t i = 0, words = 0, len = strlen(t);
    while (i < len && words < 4 && i < 60) {
        if (t[i] == ' ')
            words++;
        if (words < 4)
            i++;
    }
    hx_buf_add(b, t, i);
}

/* Reports version ds[x] at odds on check c with the versions marked in odd:
 * each other version's own values (grouped when equal), and the same in
 * words on the issue ("the English says 24 November 2021; the Chinese
 * says 23 November 2021"). A graded lead word is a note. */
static void blame(struct align_ctx *cx, size_t row, enum check c, const size_t *ds, size_t n,
                  size_t x, const int *odd, struct hx_buf *ex, struct hx_buf *ey,
                  struct hx_buf *msg)
{
    const struct align_unit *ux = cx->ru[row * cx->nd + ds[x]][0];
    char *vals[8] = {0};
    for (size_t y = 0; y < n; y++) {
        if (!odd[y])
            continue;
        hx_buf_reset(ex);
        hx_buf_reset(ey);
        differ(c, ux, cx->ru[row * cx->nd + ds[y]][0], ex, ey);
        vals[y] = hx_strdup(cx->set->arena, ey->len ? ey->data : "none");
    }
    size_t first = 0;
    while (first < n && !odd[first])
        first++;
    hx_buf_reset(ex);
    hx_buf_reset(ey);
    differ(c, ux, cx->ru[row * cx->nd + ds[first]][0], ex, ey);
    char *mine = hx_strdup(cx->set->arena, ex->len ? ex->data : "none");
    hx_buf_reset(msg);
    hx_buf_addf(msg, "%s: %s has %s", checks[c].what, cx->al->langs[ds[x]], mine);
    struct hx_buf say = {0};
    hx_buf_addf(&say, "the %s says ", lang_word(cx->al->tags[ds[x]]));
    say_values(&say, c, mine);
    int done[8] = {0};
    for (size_t y = 0; y < n; y++) {
        if (!odd[y] || done[y])
            continue;
        size_t same[8], ns = 0;
        for (size_t z = y; z < n; z++)
            if (odd[z] && !done[z] && strcmp(vals[z], vals[y]) == 0)
                same[ns++] = ds[z], done[z] = 1;
        hx_buf_adds(msg, "; ");
        add_names(msg, cx, same, ns);
        hx_buf_addf(msg, " %s %s", ns > 1 ? "have" : "has", vals[y]);
        hx_buf_adds(&say, "; the ");
        for (size_t k = 0; k < ns; k++)
            hx_buf_addf(&say, "%s%s", k ? (k + 1 == ns ? " and " : ", ") : "",
                        lang_word(cx->al->tags[same[k]]));
        hx_buf_addf(&say, " %s ", ns > 1 ? "say" : "says");
        say_values(&say, c, vals[y]);
    }
    if (c == C_LEAD) {
        /* lead words as printed, not their classes */
        hx_buf_reset(&say);
        hx_buf_addf(&say, "the %s opens with \u201C", lang_word(cx->al->tags[ds[x]]));
        lead_words(&say, ux);
        hx_buf_adds(&say, "\u201D");
        for (size_t y = 0; y < n; y++)
            if (odd[y]) {
                hx_buf_addf(&say, "; the %s with \u201C", lang_word(cx->al->tags[ds[y]]));
                lead_words(&say, cx->ru[row * cx->nd + ds[y]][0]);
                hx_buf_adds(&say, "\u201D");
            }
    }
    int note = 0;
    if (c == C_LEAD) {
        const char *a = ux->node->lead, *b = cx->ru[row * cx->nd + ds[first]][0]->node->lead;
        note = hx_lead_compare(a, b) == HX_LEAD_DEGREE;
    }
    align_report(cx, row, ds[x], checks[c].flag, note, msg->data);
    struct hx_align_issue *is = cx->rows[row].issues;
    while (is->next)
        is = is->next;
    is->say = hx_strdup(cx->set->arena, say.data);
    is->values = hx_alloc(cx->set->arena, cx->nd * sizeof *is->values);
    memset(is->values, 0, cx->nd * sizeof *is->values);
    is->values[ds[x]] = mine;
    for (size_t y = 0; y < n; y++)
        if (odd[y])
            is->values[ds[y]] = vals[y];
    /* the diagnostic align_report added last: its values, per version */
    hx_detail(cx->st, "evidence", is->say);
    for (size_t k = 0; k < cx->nd; k++)
        if (is->values[k]) {
            char name[64];
            snprintf(name, sizeof name, "value.%s", cx->al->langs[k]);
            hx_detail(cx->st, name, is->values[k]);
        }
    hx_buf_free(&say);
}

static void check_content(struct align_ctx *cx, size_t row)
{
    struct hx_align_row *r = &cx->rows[row];
    size_t ds[8], n = 0;
    for (size_t d = 0; d < cx->nd && d < 8; d++) {
        const struct hx_align_cell *c = &r->cells[d];
        /* A merged or split cell holds different text by construction. */
        if (c->n == 1 && c->bead != HX_BEAD_21 && c->bead != HX_BEAD_12)
            ds[n++] = d;
    }
    if (n < 2)
        return;
    struct hx_buf ex = {0}, ey = {0}, msg = {0};
    for (int c = 0; c < C_COUNT; c++) {
        int odd[8][8] = {{0}}, odds[8] = {0}, most = 0;
        if (c == C_NOTES && (cx->quiet[row * cx->nd] & 4))
            continue; /* a moved marker: said once already */
        for (size_t x = 0; x < n; x++)
            for (size_t y = x + 1; y < n; y++)
                if (differ((enum check)c, cx->ru[row * cx->nd + ds[x]][0],
                           cx->ru[row * cx->nd + ds[y]][0], NULL, NULL)) {
                    odd[x][y] = odd[y][x] = 1;
                    odds[x]++;
                    odds[y]++;
                }
        for (size_t x = 0; x < n; x++)
            if (odds[x] > most)
                most = odds[x];
        if (!most)
            continue;
        size_t nb = 0;
        for (size_t x = 0; x < n; x++)
            nb += odds[x] == most;
        for (size_t x = 0; x < n; x++) {
            /* On a tie the original is the reference, not the culprit. */
            if (odds[x] != most || (ds[x] == cx->orig && nb > 1))
                continue;
            blame(cx, row, (enum check)c, ds, n, x, odd[x], &ex, &ey, &msg);
        }
    }
    hx_buf_free(&ex);
    hx_buf_free(&ey);
    hx_buf_free(&msg);
}

void align_check_row(struct align_ctx *cx, size_t row)
{
    /* A row of per-version lines alone is no disagreement; one paired with
     * anything else still is (a line lost or misread around it). */
    int own = 0, other = 0;
    for (size_t d = 0; d < cx->nd; d++)
        for (int k = 0; k < cx->rows[row].cells[d].n; k++) {
            if (align_per_version(cx->ru[row * cx->nd + d][k]))
                own++;
            else
                other++;
        }
    if (own && !other)
        return;
    check_presence(cx, row);
    check_merges(cx, row);
    check_content(cx, row);
}
