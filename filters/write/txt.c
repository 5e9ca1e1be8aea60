/* Writer for plain text: one block per paragraph, blocks separated by a
 * blank line, printed labels kept ("11. text"), inline markup dropped,
 * links as their text.
 *
 * Notes: a paired footnote (HX_NOTE) is written as "[n]" where it is
 * referenced and its body at the end of its part (the HX_SECTION that is a
 * child of the root, else the whole document) as "[n] text"; an unpaired
 * HX_NOTEREF is "[n]" too, and a footnote-body paragraph still in the flow
 * is "[n] text" in place (n = the note number, else its printed marker).
 * Headings are plain paragraphs; a list item is its label (or "-") and its
 * text, nested content indented; a table is one block, a row per line,
 * cells separated by " | "; a quote is indented by four spaces; a line
 * break inside a paragraph is a newline.
 *
 * Options: "ids" prefixes each block with its paragraph key and a TAB ("-"
 * when it has none; line breaks become spaces so a block stays one line);
 * "wrap=N" wraps at N columns of East Asian width, at the line-break
 * opportunities of ICU (between CJK characters, at spaces), never inside a
 * word; with ids, continuation lines start with a TAB. The filling is the
 * typesetting layer's (typeset/break.h), measured in columns here. */
#include <stdlib.h>
#include <string.h>

#include "hx.h"
#include "typeset/break.h"

struct txt_opts {
    int ids;
    int wrap;
};

static const struct hx_opt txt_opts[] = {
    {"ids", HX_OPT_BOOL, offsetof(struct txt_opts, ids), "no",
     "prefix each block with its paragraph key and a TAB", NULL, 0, 1},
    {"wrap", HX_OPT_INT, offsetof(struct txt_opts, wrap), "0",
     "wrap lines at N columns (East Asian width); 0 = no wrapping", NULL, 0, 100000},
    {0},
};

/* Notes waiting for the end of their part. */
struct queue {
    struct hx_node **v;
    size_t n, cap;
};

struct writer {
    struct hx_stage *st;
    struct hx_doc *doc;
    const struct txt_opts *o;
    struct hx_buf out;
    size_t blocks;
    struct queue *notes;       /* the queue of the current part */
    struct hx_ts_breaker *brk; /* only when wrapping */
    int brk_failed;
    /* scratch of write_para and emit, kept from block to block rather
     * than allocated for each */
    struct hx_buf text, pre, head, cont;
};

/* Empties b, keeping its memory (and a NUL at its start). */
static void buf_reset(struct hx_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void queue_add(struct queue *q, struct hx_node *n)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? 2 * q->cap : 16;
        q->v = realloc(q->v, q->cap * sizeof *q->v);
        if (!q->v)
            hx_oom();
    }
    q->v[q->n++] = n;
}

/* "[n]" for a note, a reference or a body paragraph. */
static void add_marker(struct hx_buf *b, const struct hx_node *n)
{
    hx_buf_addc(b, '[');
    if (n->num > 0) {
        char d[16], *q = d + sizeof d;
        unsigned v = (unsigned)n->num;
        do
            *--q = (char)('0' + v % 10);
        while ((v /= 10) != 0);
        hx_buf_add(b, q, (size_t)(d + sizeof d - q));
    } else {
        hx_buf_adds(b, n->label ? n->label : "");
    }
    hx_buf_addc(b, ']');
}

/* Appends the plain text of the inlines first..last (siblings) to b. */
static void inline_text(struct writer *w, struct hx_node *first, const struct hx_node *last,
                        struct hx_buf *b)
{
    for (struct hx_node *c = first; c; c = c == last ? NULL : c->next) {
        switch (c->type) {
        case HX_TEXT: hx_buf_add(b, c->text, c->len); break;
        case HX_IMAGE:
            if (c->text)
                hx_buf_add(b, c->text, c->len);
            break;
        case HX_BREAK: hx_buf_addc(b, w->o->ids ? ' ' : '\n'); break;
        case HX_NOTEREF: add_marker(b, c); break;
        case HX_NOTE:
            add_marker(b, c);
            queue_add(w->notes, c);
            break;
        default:
            if (!hx_type_is_inline(c->type)) {
                /* A block inside an inline (a table cell's paragraphs):
                 * keep its words apart. */
                if (b->len && b->data[b->len - 1] != ' ')
                    hx_buf_addc(b, ' ');
            }
            inline_text(w, c->first, c->last, b);
            break;
        }
    }
}

/* East Asian columns of line[start..end): the txt writer's width for the
 * typesetting layer's line filling. */
static double txt_width(void *ctx, size_t start, size_t end)
{
    return (double)hx_str_width((const char *)ctx + start, end - start);
}

/* Appends line[0..len) wrapped; the current output line already holds
 * `col` columns; continuation lines start with cont. */
static void wrap_line(struct writer *w, const char *line, size_t len, size_t col, const char *cont)
{
    size_t width = (size_t)w->o->wrap, cont_w = hx_str_width(cont, strlen(cont));
    size_t *pos, npos, nlines;
    struct hx_ts_line *lines;
    const char *err = NULL;
    if (col + hx_str_width(line, len) <= width || !w->brk) {
        hx_buf_add(&w->out, line, len);
        return;
    }
    npos = hx_ts_breaks(w->brk, line, len, &pos, &err);
    if (!npos) {
        if (!w->brk_failed++)
            hx_warn(w->st, w->doc, NULL, "cannot wrap lines: %s", err ? err : "?");
        hx_buf_add(&w->out, line, len);
        return;
    }
    nlines = hx_ts_fill_greedy(line, len, pos, npos, (double)width - (double)col,
                               (double)width - (double)cont_w, txt_width, (void *)line, &lines);
    for (size_t k = 0; k < nlines; k++) {
        if (k) {
            hx_buf_addc(&w->out, '\n');
            hx_buf_adds(&w->out, cont);
        }
        hx_buf_add(&w->out, line + lines[k].start, lines[k].end - lines[k].start);
    }
    free(lines);
    free(pos);
}

/* Writes one block: key column, prefix (a label or marker, followed by a
 * space when there is text), then the text, wrapped if asked. Continuation
 * lines are indented by indent columns, plus the prefix when hang. */
static void emit(struct writer *w, const char *key, size_t indent, const char *prefix, int hang,
                 const char *text, size_t len, int raw)
{
    struct hx_buf head = w->head, cont = w->cont;
    size_t i = 0;
    buf_reset(&head);
    buf_reset(&cont);
    if (w->blocks++)
        hx_buf_addc(&w->out, '\n');
    if (w->o->ids) {
        hx_buf_adds(&w->out, key && *key ? key : "-");
        hx_buf_addc(&w->out, '\t');
        hx_buf_addc(&cont, '\t');
    }
    for (size_t k = 0; k < indent; k++)
        hx_buf_addc(&head, ' ');
    if (prefix && *prefix) {
        hx_buf_adds(&head, prefix);
        if (len)
            hx_buf_addc(&head, ' ');
    }
    for (size_t k = 0; k < indent; k++)
        hx_buf_addc(&cont, ' ');
    if (hang && prefix && *prefix) {
        for (size_t k = hx_str_width(prefix, strlen(prefix)) + 1; k > 0; k--)
            hx_buf_addc(&cont, ' ');
    }
    const char *cont_s = cont.data ? cont.data : "";
    if (head.len)
        hx_buf_add(&w->out, head.data, head.len);
    while (i <= len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (i > 0) {
            hx_buf_addc(&w->out, '\n');
            hx_buf_adds(&w->out, cont_s);
        }
        if (w->o->wrap > 0 && !raw)
            wrap_line(w, text + i, end - i,
                      i == 0 ? hx_str_width(head.data ? head.data : "", head.len)
                             : hx_str_width(cont_s, cont.len),
                      cont_s);
        else
            hx_buf_add(&w->out, text + i, end - i);
        if (!nl)
            break;
        i = end + 1;
    }
    hx_buf_addc(&w->out, '\n');
    w->head = head;
    w->cont = cont;
}

static void write_blocks(struct writer *w, const struct hx_node *first, const struct hx_node *last,
                         size_t indent);

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len;)
        if (!hx_cp_is_space(hx_utf8_next(s, len, &i)))
            return 0;
    return 1;
}

/* A paragraph or heading; marker overrides its label (note bodies). */
static void write_para(struct writer *w, const struct hx_node *n, size_t indent, const char *key,
                       const char *prefix, int hang)
{
    struct hx_buf text = w->text, pre = w->pre;
    /* taken out while in use: a call made from here would start its own */
    w->text = w->pre = (struct hx_buf){0};
    buf_reset(&text);
    buf_reset(&pre);
    inline_text(w, n->first, n->last, &text);
    if (w->o->ids) {
        for (size_t i = 0; i < text.len; i++) {
            if (text.data[i] == '\n' || text.data[i] == '\r')
                text.data[i] = ' ';
        }
    }
    if (prefix)
        hx_buf_adds(&pre, prefix);
    if (n->role == HX_ROLE_NOTE_BODY && !prefix) {
        add_marker(&pre, n);
    } else if (n->label && *n->label && n->role != HX_ROLE_NOTE_BODY) {
        if (pre.len)
            hx_buf_addc(&pre, ' ');
        hx_buf_adds(&pre, n->label);
    }
    /* Word documents use empty paragraphs as spacing; in plain text they
     * would only be stray blank-looking blocks. */
    if (pre.len || !is_blank(text.data, text.len))
        emit(w, key ? key : n->key, indent, pre.data, hang, text.data ? text.data : "", text.len,
             0);
    hx_buf_free(&w->text);
    hx_buf_free(&w->pre);
    w->text = text;
    w->pre = pre;
}

static void write_item(struct writer *w, const struct hx_node *item, size_t indent)
{
    const char *bullet = item->label && *item->label ? item->label : "-";
    size_t sub = indent + hx_str_width(bullet, strlen(bullet)) + 1;
    const struct hx_node *c = item->first;
    if (c && (c->type == HX_PARA || c->type == HX_HEADING)) {
        write_para(w, c, indent, c->key ? c->key : item->key, bullet, 1);
        c = c->next;
    } else {
        emit(w, item->key, indent, bullet, 0, "", 0, 0);
    }
    if (c)
        write_blocks(w, c, item->last, sub);
}

static void write_table(struct writer *w, const struct hx_node *t, size_t indent)
{
    struct hx_buf text = {0};
    for (const struct hx_node *r = t->first; r; r = r->next) {
        if (r->type != HX_ROW)
            continue;
        if (text.len) {
            hx_buf_addc(&text, '\n');
            for (size_t k = 0; k < indent && !w->o->ids; k++)
                hx_buf_addc(&text, ' ');
        }
        for (const struct hx_node *c = r->first; c; c = c->next) {
            struct hx_buf cell = {0};
            inline_text(w, c->first, c->last, &cell);
            if (c != r->first)
                hx_buf_adds(&text, " | ");
            /* Cell paragraphs start with a separating space: drop it. */
            size_t skip = cell.len && cell.data[0] == ' ';
            for (size_t i = skip; i < cell.len; i++)
                hx_buf_addc(&text, cell.data[i] == '\n' ? ' ' : cell.data[i]);
            hx_buf_free(&cell);
        }
    }
    if (w->o->ids) {
        for (size_t i = 0; i < text.len; i++) {
            if (text.data[i] == '\n')
                text.data[i] = ' ';
        }
    }
    emit(w, t->key, indent, NULL, 0, text.data ? text.data : "", text.len, 1);
    hx_buf_free(&text);
}

/* Writes the blocks first..last (siblings). */
static void write_blocks(struct writer *w, const struct hx_node *first, const struct hx_node *last,
                         size_t indent)
{
    for (const struct hx_node *c = first; c; c = c == last ? NULL : c->next) {
        switch (c->type) {
        case HX_SECTION:
        case HX_QUOTE:
            write_blocks(w, c->first, c->last, indent + (c->type == HX_QUOTE ? 4 : 0));
            break;
        case HX_LIST:
            for (const struct hx_node *i = c->first; i; i = i->next) {
                if (i->type == HX_ITEM)
                    write_item(w, i, indent);
                else
                    write_blocks(w, i, i, indent);
            }
            break;
        case HX_ITEM: write_item(w, c, indent); break;
        case HX_TABLE: write_table(w, c, indent); break;
        case HX_PARA:
        case HX_HEADING: write_para(w, c, indent, NULL, NULL, 0); break;
        default:
            if (hx_type_is_inline(c->type)) {
                /* An inline that strayed among blocks: its own paragraph. */
                struct hx_buf text = {0};
                inline_text(w, (struct hx_node *)c, c, &text);
                emit(w, c->key, indent, NULL, 0, text.data ? text.data : "", text.len, 0);
                hx_buf_free(&text);
            } else {
                /* Rows or cells out of a table, the root: their content. */
                write_blocks(w, c->first, c->last, indent);
            }
            break;
        }
    }
}

/* Writes the bodies of the queued notes (and of notes inside them). */
static void flush_notes(struct writer *w, struct queue *q)
{
    struct queue *saved = w->notes;
    w->notes = q;
    for (size_t k = 0; k < q->n; k++) {
        const struct hx_node *note = q->v[k];
        struct hx_buf marker = {0};
        add_marker(&marker, note);
        const struct hx_node *c = note->first;
        if (c && (c->type == HX_PARA || c->type == HX_HEADING)) {
            write_para(w, c, 0, c->key ? c->key : note->key, marker.data, 0);
            c = c->next;
        } else {
            emit(w, note->key, 0, marker.data, 0, "", 0, 0);
        }
        if (c)
            write_blocks(w, c, note->last, 0);
        hx_buf_free(&marker);
    }
    q->n = 0;
    w->notes = saved;
}

static int write_txt(struct hx_stage *st, struct hx_doc *doc, struct hx_output *out)
{
    int rc = -1;
    struct queue doc_notes = {0}, part_notes = {0};
    struct writer w = {.st = st, .doc = doc, .o = st->priv, .notes = &doc_notes};
    if (w.o->wrap > 0) {
        const char *err = "?";
        w.brk = hx_ts_breaker_open(hx_node_lang(doc, doc->root), 0, &err);
        if (!w.brk) {
            hx_error(st, doc, NULL, "cannot open the ICU line breaker: %s", err);
            goto out;
        }
    }
    for (const struct hx_node *c = doc->root->first; c; c = c->next) {
        if (c->type == HX_SECTION) {
            w.notes = &part_notes;
            write_blocks(&w, c->first, c->last, 0);
            flush_notes(&w, &part_notes);
            w.notes = &doc_notes;
        } else {
            write_blocks(&w, c, c, 0);
        }
    }
    flush_notes(&w, &doc_notes);
    if (w.out.len && fwrite(w.out.data, 1, w.out.len, out->fp) != w.out.len) {
        hx_error(st, doc, NULL, "cannot write %s", out->name);
        goto out;
    }
    rc = 0;
out:
    hx_ts_breaker_close(w.brk);
    hx_buf_free(&w.out);
    hx_buf_free(&w.text);
    hx_buf_free(&w.pre);
    hx_buf_free(&w.head);
    hx_buf_free(&w.cont);
    free(doc_notes.v);
    free(part_notes.v);
    return rc;
}

const struct hx_filter hx_write_txt = {
    .name = "txt",
    .kind = HX_WRITER,
    .summary = "plain text: a block per paragraph, labels kept, notes as [n] "
               "at the end of their part",
    .ext = "txt",
    .needs = HX_HAS_TREE,
    .priv_size = sizeof(struct txt_opts),
    .opts = txt_opts,
    .write = write_txt,
};
