/* The book's files and table of contents, and the frame of a content
 * document (prolog, head, body) around what xhtml.c writes. */
#include <string.h>

#include "epub.h"

void epub_book_add(struct epub_book *b, const char *name, const char *media, const char *data,
                   size_t len, int spine)
{
    b->files = hx_arena_grow(b->a, b->files, b->nfiles, &b->fcap, sizeof *b->files, 8);
    struct epub_file *f = &b->files[b->nfiles++];
    f->name = hx_strdup(b->a, name);
    /* manifest ids are XML names: "f" and the file's number */
    f->id = hx_printf(b->a, "f%zu", b->nfiles);
    f->media = media;
    f->data = hx_strndup(b->a, data, len);
    f->len = len;
    f->spine = spine;
}

void epub_book_toc(struct epub_book *b, int level, const char *href, const char *text,
                   const char *lang)
{
    b->toc = hx_arena_grow(b->a, b->toc, b->ntoc, &b->tcap, sizeof *b->toc, 32);
    b->toc[b->ntoc++] = (struct epub_toc){level, href, text, lang};
}

const char *epub_toc_text(struct hx_arena *a, struct hx_doc *doc, const struct hx_node *n)
{
    size_t len;
    const char *s = hx_node_text(doc, n, &len);
    struct hx_buf b = {0};
    if (n->label && *n->label) {
        hx_buf_adds(&b, n->label);
        hx_buf_addc(&b, ' ');
    }
    int space = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0)
            continue;
        if (hx_cp_is_space(cp) || cp < 0x20) {
            space = b.len > 0;
            continue;
        }
        if (space)
            hx_buf_addc(&b, ' ');
        space = 0;
        hx_buf_add(&b, s + at, i - at);
    }
    const char *r = hx_strdup(a, b.data ? b.data : "");
    hx_buf_free(&b);
    return r;
}

/* The book's title: the document's (masthead metadata), else its first
 * heading, else its file name. */
const char *epub_book_title(struct hx_doc *doc)
{
    const char *t = hx_meta_get(doc, "title");
    if (t && *t)
        return t;
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it))
        if (it.enter && it.node->type == HX_HEADING) {
            t = epub_toc_text(doc->arena, doc, it.node);
            if (*t)
                return t;
        }
    const char *base = strrchr(doc->path, '/');
    base = base ? base + 1 : doc->path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? hx_strndup(doc->arena, base, (size_t)(dot - base)) : base;
}

/* A heading that names its whole part: the part's first block, with no
 * number of its own ("Annex", a resolution's title), not "I. Introduction"
 * nor "Article 1". */
static const struct hx_node *part_heading(const struct hx_node *part)
{
    const struct hx_node *h = part->first;
    if (!h || h->type != HX_HEADING || (h->label && *h->label) || h->role == HX_ROLE_ARTICLE)
        return NULL;
    return h;
}

const char *epub_part_title(struct epub_book *b, struct hx_doc *doc, const struct hx_node *part,
                            const char *lang, const struct hx_node **head)
{
    struct epub_lang lang_data = epub_lang_data(lang);
    const struct epub_lang *l = &lang_data;
    const char *key = part ? part->key : NULL;
    *head = part ? part_heading(part) : NULL;
    const char *title = key && strcmp(key, "front") == 0 ? b->title
                        : *head                          ? epub_toc_text(b->a, doc, *head)
                                                         : epub_part_name(l, key);
    return *title ? title : epub_part_name(l, key);
}

/* The name of a part's file: its position and key ("p2-body.xhtml"). */
const char *epub_part_file(struct hx_arena *a, size_t i, const char *key)
{
    struct hx_buf b = {0};
    hx_buf_addf(&b, "p%zu", i + 1);
    if (key && *key) {
        hx_buf_addc(&b, '-');
        for (const char *p = key; *p; p++) {
            char c = *p;
            int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '.' || c == '-';
            hx_buf_addc(&b, ok ? c : '_');
        }
    }
    hx_buf_adds(&b, ".xhtml");
    const char *r = hx_strdup(a, b.data);
    hx_buf_free(&b);
    return r;
}

int epub_x_open(struct epub_x *x, struct epub_book *b, struct hx_doc *doc, const char *file,
                const char *lang, const char *title)
{
    memset(x, 0, sizeof *x);
    x->b = b;
    x->doc = doc;
    x->file = hx_strdup(b->a, file);
    x->lang = lang;
    x->toc = 1;
    if (!(x->buf = xmlBufferCreate()) || !(x->w = xmlNewTextWriterMemory(x->buf, 0))) {
        hx_error(b->st, b->doc, NULL, "cannot create an XML writer");
        epub_x_abort(x);
        return -1;
    }
    if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterWriteRaw(x->w, BAD_CAST "<!DOCTYPE html>\n") < 0)
        b->failed = 1;
    epub_x_start(x, "html");
    epub_x_attr(x, "xmlns", "http://www.w3.org/1999/xhtml");
    epub_x_attr(x, "xmlns:epub", "http://www.idpf.org/2007/ops");
    epub_x_lang(x, lang);
    epub_x_nl(x);
    epub_x_start(x, "head");
    epub_x_nl(x);
    epub_x_start(x, "meta");
    epub_x_attr(x, "charset", "utf-8");
    epub_x_end(x);
    epub_x_nl(x);
    epub_x_start(x, "title");
    epub_x_text(x, title && *title ? title : b->title, strlen(title && *title ? title : b->title));
    epub_x_end(x);
    epub_x_nl(x);
    epub_x_start(x, "link");
    epub_x_attr(x, "rel", "stylesheet");
    epub_x_attr(x, "type", "text/css");
    epub_x_attr(x, "href", "style.css");
    epub_x_end(x);
    epub_x_nl(x);
    epub_x_end(x); /* head */
    epub_x_nl(x);
    epub_x_start(x, "body");
    epub_x_nl(x);
    return 0;
}

int epub_x_close(struct epub_x *x)
{
    epub_x_notes(x);
    if (xmlTextWriterEndDocument(x->w) < 0) /* closes body and html */
        x->b->failed = 1;
    xmlFreeTextWriter(x->w); /* flushes into buf */
    x->w = NULL;
    if (x->b->failed) {
        hx_error(x->b->st, x->b->doc, NULL, "the XML writer failed on %s", x->file);
        epub_x_abort(x);
        return -1;
    }
    epub_book_add(x->b, x->file, "application/xhtml+xml", (const char *)xmlBufferContent(x->buf),
                  (size_t)xmlBufferLength(x->buf), 1);
    epub_x_abort(x);
    return 0;
}

void epub_x_abort(struct epub_x *x)
{
    if (x->w)
        xmlFreeTextWriter(x->w);
    if (x->buf)
        xmlBufferFree(x->buf);
    x->w = NULL;
    x->buf = NULL;
}
