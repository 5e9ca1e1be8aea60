/* Reader for Word documents (DOCX, Transitional and Strict): the package is
 * opened with libzip from memory, its XML parts are read with libxml2's
 * streaming reader (the other files of filters/read/docx/), and the tree gets the labels Word
 * displays for automatic numbering and notes, and node languages from
 * w:lang. Paragraph keys are left to the structure stages. */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

struct docx_opts {
    int changes;
};

static const char *const change_modes[] = {"accept", "reject", "all", NULL};

static const struct hx_opt docx_opts[] = {
    {"changes", HX_OPT_ENUM, offsetof(struct docx_opts, changes), "accept",
     "tracked changes: accept, reject, or all (kept and flagged)", change_modes, 0, 0},
    {0},
};

static const unsigned char ole2_sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static int mem_has(const unsigned char *h, size_t len, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(h + i, s, n) == 0)
            return 1;
    return 0;
}

static int docx_sniff(const unsigned char *head, size_t len)
{
    if (len >= 8 && memcmp(head, ole2_sig, 8) == 0)
        return 60; /* claimed only to say clearly what it is */
    if (len < 4 || memcmp(head, "PK\3\4", 4) != 0)
        return 0;
    if (mem_has(head, len, "application/epub") || mem_has(head, len, "application/vnd.oasis"))
        return 0;
    if (mem_has(head, len, "[Content_Types].xml") || mem_has(head, len, "word/"))
        return 90;
    return 30;
}

/* Languages weighed by bytes of text. */
struct weights {
    const char *lang[16];
    size_t w[16];
    size_t n;
};

static void weigh(struct weights *ws, const char *lang, size_t w)
{
    if (!lang)
        return;
    for (size_t i = 0; i < ws->n; i++)
        if (strcmp(ws->lang[i], lang) == 0) {
            ws->w[i] += w;
            return;
        }
    if (ws->n < 16) {
        ws->lang[ws->n] = lang;
        ws->w[ws->n++] = w;
    }
}

static const char *heaviest(const struct weights *ws)
{
    const char *best = NULL;
    size_t bw = 0;
    for (size_t i = 0; i < ws->n; i++)
        if (ws->w[i] > bw) {
            bw = ws->w[i];
            best = ws->lang[i];
        }
    return best;
}

static int is_block_with_inlines(const struct hx_node *n)
{
    return n->type == HX_PARA || n->type == HX_HEADING;
}

static void block_weights(struct hx_node *n, const char *lang, struct weights *ws)
{
    for (struct hx_node *c = n->first; c; c = c->next) {
        if (c->type == HX_NOTE)
            continue;
        if (c->type == HX_TEXT)
            weigh(ws, lang, c->len);
        else
            block_weights(c, c->lang ? c->lang : lang, ws);
    }
}

/* Moves a span's children before it and drops it. */
static void unwrap(struct hx_node *s)
{
    while (s->first)
        hx_node_insert_before(s, s->first);
    hx_node_detach(s);
}

static void drop_lang(struct hx_node *n, const char *lang)
{
    struct hx_node *c = n->first;
    while (c) {
        struct hx_node *next = c->next;
        if (c->type != HX_NOTE) {
            drop_lang(c, lang);
            if (c->type == HX_SPAN && c->lang && strcmp(c->lang, lang) == 0) {
                c->lang = NULL;
                if (!c->flags)
                    unwrap(c);
            }
        }
        c = next;
    }
}

static int same_inline(const struct hx_node *a, const struct hx_node *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case HX_EMPH:
    case HX_STRONG:
    case HX_SUP:
    case HX_SUB: return 1;
    case HX_SPAN:
        return a->flags == b->flags &&
               (a->lang == b->lang || (a->lang && b->lang && strcmp(a->lang, b->lang) == 0));
    default: return 0;
    }
}

/* Joins adjacent texts and adjacent equal wrappers left by unwrapping. */
static void merge_inlines(struct hx_doc *doc, struct hx_node *n)
{
    struct hx_node *c = n->first;
    while (c) {
        struct hx_node *next = c->next;
        if (next && c->type == HX_TEXT && next->type == HX_TEXT) {
            char *s = hx_alloc(doc->arena, c->len + next->len + 1);
            memcpy(s, c->text, c->len);
            memcpy(s + c->len, next->text, next->len);
            hx_node_set_text(doc, c, s, c->len + next->len);
            hx_node_detach(next);
            continue;
        }
        if (next && same_inline(c, next)) {
            while (next->first)
                hx_node_append(c, next->first);
            hx_node_detach(next);
            continue;
        }
        if (c->first)
            merge_inlines(doc, c);
        c = next;
    }
}

static void languages(struct hx_doc *doc)
{
    struct weights all = {0};
    struct hx_iter it = hx_iter_start(doc->root);

    while (hx_iter_next(&it)) {
        struct hx_node *n = it.node;
        if (!it.enter || !is_block_with_inlines(n))
            continue;
        struct weights ws = {0};
        block_weights(n, NULL, &ws);
        const char *best = heaviest(&ws);
        for (size_t i = 0; i < ws.n; i++)
            weigh(&all, ws.lang[i], ws.w[i]);
        if (best) {
            n->lang = best;
            drop_lang(n, best);
        }
    }
    /* The tags Word wrote win; --lang (already in doc->lang) comes next,
     * then a guess from the text. */
    const char *best = heaviest(&all);
    if (best)
        doc->lang = best;
    if (!doc->lang) {
        size_t len;
        const char *text = hx_node_text(doc, doc->root, &len);
        const char *g = hx_lang_guess(text, len);
        doc->lang = g && strcmp(g, "und") != 0 ? g : NULL;
    }
    it = hx_iter_start(doc->root);
    while (hx_iter_next(&it))
        if (it.enter && is_block_with_inlines(it.node) && it.node->lang && doc->lang &&
            strcmp(it.node->lang, doc->lang) == 0)
            it.node->lang = NULL;
    merge_inlines(doc, doc->root);
}

/* Removes what the leaves from *at on hold up to *off bytes in: the mark
 * found at the start of a note, and the inlines it leaves empty. */
static void cut_leaves(struct hx_doc *doc, struct hx_node *note, struct hx_node **leaf,
                       size_t nleaf, size_t last_off)
{
    for (size_t i = 0; i < nleaf; i++) {
        struct hx_node *t = leaf[i];
        size_t cut = i + 1 < nleaf ? t->len : last_off;
        if (cut < t->len) {
            hx_node_set_text(doc, t, t->text + cut, t->len - cut);
            continue;
        }
        struct hx_node *up = t->parent;
        hx_node_detach(t);
        while (up && up != note && !up->first && hx_type_is_inline(up->type)) {
            struct hx_node *gone = up;
            up = up->parent;
            hx_node_detach(gone);
        }
    }
}

/* Does the mark stand at v[pos] in the text of the leaves? */
static int mark_at(const struct hx_buf *v, size_t pos, const char *mark, size_t mlen)
{
    return pos + mlen <= v->len && memcmp(v->data + pos, mark, mlen) == 0;
}

/* Does a leaf end at pos (end[] holds where each ends)? */
static int leaf_ends(const size_t *end, size_t n, size_t pos)
{
    for (size_t i = 0; i < n; i++)
        if (end[i] == pos)
            return 1;
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* With customMarkFollows Word has no footnoteRef in the note: the author
 * types the mark again at the start of the note's text. It is the note's
 * label, not its text, so it goes, with the space or tab after it. The
 * mark must end at a space or where its run ends ("1" before "990 was"
 * in one run is text). LibreOffice, saving such a document, writes its own
 * copy of the mark before the typed one ("22" in a run of its own, "(2)"
 * then "(", "2", ")" in runs of their own): further copies go too when
 * they end where a run does. */
static void custom_mark_strip(struct hx_doc *doc, struct hx_node *note, const char *mark)
{
    struct hx_node *leaf[8];
    size_t end[8], nleaf = 0, mlen = strlen(mark), pos = 0;
    struct hx_buf v = {0};
    struct hx_iter it = hx_iter_start(note);

    /* the first leaves of the note's first paragraph */
    while (mlen && nleaf < 8 && v.len < 256 && hx_iter_next(&it)) {
        struct hx_node *t = it.node;
        if (t == note || (!it.enter && t->type != HX_PARA))
            continue;
        if (!it.enter || t->type == HX_NOTE)
            break; /* the first paragraph ends, or a nested note */
        if (t->type != HX_TEXT)
            continue;
        leaf[nleaf] = t;
        hx_buf_add(&v, t->text, t->len);
        end[nleaf++] = v.len;
    }
    while (pos < v.len && is_blank(v.data[pos]))
        pos++;
    if (!mlen || !mark_at(&v, pos, mark, mlen))
        goto out;
    pos += mlen;
    /* "22": copies in the run of the mark up to its end */
    for (size_t i = 0; i < nleaf; i++) {
        if (end[i] < pos)
            continue;
        size_t k = pos;
        while (k < end[i] && mark_at(&v, k, mark, mlen) && k + mlen <= end[i])
            k += mlen;
        if (k == end[i])
            pos = k;
        break;
    }
    if (pos < v.len && !is_blank(v.data[pos]) && !leaf_ends(end, nleaf, pos))
        goto out;
    while (leaf_ends(end, nleaf, pos) && mark_at(&v, pos, mark, mlen) &&
           leaf_ends(end, nleaf, pos + mlen))
        pos += mlen;
    while (pos < v.len && is_blank(v.data[pos]))
        pos++;
    for (size_t i = 0; i < nleaf; i++) {
        size_t start = i ? end[i - 1] : 0;
        if (pos <= end[i]) {
            cut_leaves(doc, note, leaf, i + 1, pos - start);
            break;
        }
    }
out:
    hx_buf_free(&v);
}

static void note_labels(struct docx *dx)
{
    int count[2] = {0, 0}, section[2] = {0, 0};

    for (size_t i = 0; i < dx->nplaced; i++) {
        struct docx_placed *pl = &dx->placed[i];
        int en = (pl->note->flags & HX_F_ENDNOTE) != 0;
        const struct docx_notepr *np = en ? &dx->enpr : &dx->fnpr;
        if (np->restart && pl->section != section[en])
            count[en] = 0;
        section[en] = pl->section;
        if (pl->custom) {
            pl->note->label = pl->custom;
            custom_mark_strip(dx->doc, pl->note, pl->custom);
            continue;
        }
        int v = np->start + count[en]++;
        struct hx_buf b = {0};
        docx_fmt_value(&b, np->fmt, 0, v);
        pl->note->label = hx_strndup(dx->doc->arena, b.data ? b.data : "", b.len);
        pl->note->num = v;
        hx_buf_free(&b);
    }
}

static int docx_read(struct hx_stage *st, struct hx_doc *doc)
{
    const struct docx_opts *o = st->priv;
    struct docx *dx = calloc(1, sizeof *dx);
    char *data = NULL;
    size_t len = 0;
    zip_source_t *src = NULL;
    zip_error_t ze;
    int rc = -1;

    zip_error_init(&ze);
    if (!dx) {
        hx_error(st, doc, NULL, "out of memory");
        goto out;
    }
    dx->st = st;
    dx->doc = doc;
    dx->changes = o ? o->changes : 0;
    dx->fnpr.fmt = NF_DECIMAL;
    dx->fnpr.start = 1;
    dx->enpr.fmt = NF_LOWER_ROMAN; /* Word's default for endnotes */
    dx->enpr.start = 1;
    if (hx_file_slurp(st, doc, DOCX_MAX_PART, &data, &len) < 0)
        goto out;
    if (len == 0) {
        hx_error(st, doc, NULL, "empty file, not a DOCX");
        goto out;
    }
    if (len >= 8 && memcmp(data, ole2_sig, 8) == 0) {
        hx_error(st, doc, NULL, "encrypted or legacy .doc (OLE2 container), not a DOCX");
        goto out;
    }
    if (len < 4 || memcmp(data, "PK\3\4", 4) != 0) {
        hx_error(st, doc, NULL, "not a DOCX: not a ZIP archive");
        goto out;
    }
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (src)
        dx->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!dx->zip) {
        hx_error(st, doc, NULL, "corrupt or truncated DOCX (ZIP): %s", zip_error_strerror(&ze));
        goto out;
    }
    src = NULL; /* the archive owns it now */
    if (docx_find_main(dx) < 0)
        goto out;
    /* the part the positions of diagnostics count in unless they name
     * another (a footnote's paragraph) */
    doc->root->pos.where = hx_strdup(doc->arena, dx->main);
    struct docx_rels rels;
    if (docx_rels_read(dx, dx->main, &rels) < 0)
        goto out;
    if (docx_styles_read(dx, docx_rel_find(&rels, "/styles")) < 0 ||
        docx_numbering_read(dx, docx_rel_find(&rels, "/numbering")) < 0 ||
        docx_settings_read(dx, docx_rel_find(&rels, "/settings")) < 0)
        goto out;
    const char *fn = docx_rel_find(&rels, "/footnotes");
    const char *en = docx_rel_find(&rels, "/endnotes");
    if ((fn && docx_notes_read(dx, fn, 0) < 0) || (en && docx_notes_read(dx, en, 1) < 0))
        goto out;
    if (docx_body_read(dx, dx->main) < 0)
        goto out;
    note_labels(dx);
    languages(doc);
    rc = 0;
out:
    if (dx && dx->zip)
        zip_discard(dx->zip);
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    free(dx);
    free(data);
    return rc;
}

/* Errors of a parse come through the reader's structured handler only. */
static int docx_open(struct hx_stage *st)
{
    hx_xml_quiet();
    return 0;
}

const struct hx_filter hx_read_docx = {
    .name = "docx",
    .kind = HX_READER,
    .summary = "Word DOCX: styles, numbering labels, notes, tables, changes",
    .exts = "docx dotx docm",
    .sniff = docx_sniff,
    .content = "a ZIP package (not EPUB or ODF) with [Content_Types].xml or word/ parts; "
               "an OLE2 file, to refuse it clearly",
    .gives = HX_HAS_TREE | HX_HAS_NOTES,
    .priv_size = sizeof(struct docx_opts),
    .opts = docx_opts,
    .open = docx_open,
    .read = docx_read,
};
