/* epub: one language version as an EPUB 3.3 book (epubcheck-clean). A
 * content document per part of the document (front matter, report, each
 * resolution, annex), the navigation document from the parts and their
 * headings, the package document with the identifier (the undocs.org
 * address of the symbol's language version when the symbol is known, else
 * a UUID derived from the content), the modification time
 * (SOURCE_DATE_EPOCH, else the input's) and accessibility metadata.
 * Two runs on the same input give the same bytes.
 *
 * The files of this folder: epub.c (this stage), parallel.c (align-epub,
 * the parallel edition), xhtml.c (blocks, inlines, footnotes as XHTML),
 * book.c (the book's files and the frame of a content document), nav.c,
 * package.c (package document, archive), style.c (CSS, labels.tsv). */
#include <string.h>

#include "epub.h"

/* The book's title: the document's (masthead metadata), else its first
 * heading, else its file name. */
static const char *book_title(struct hx_doc *doc)
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

/* The undocs.org address of a symbol's version in one of the six
 * languages (the address the UN gives each language version), or NULL. */
static const char *symbol_address(struct hx_arena *a, const char *symbol, const char *lang)
{
    static const char *const six[] = {"ar", "zh", "en", "fr", "ru", "es"};
    const char *code = NULL;
    for (size_t k = 0; k < 6; k++)
        if (hx_lang_is(lang, six[k]))
            code = six[k];
    if (!code || !symbol || !*symbol)
        return NULL;
    for (const char *p = symbol; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '/' || *p == '.' || *p == '-'))
            return NULL;
    return hx_printf(a, "https://undocs.org/%s/%s", code, symbol);
}

/* The name of a part's file: its position and key ("p2-body.xhtml"). */
static const char *part_file(struct hx_arena *a, size_t i, const char *key)
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

/* A heading that names its whole part: the part's first block, with no
 * number of its own ("Annex", a resolution's title), not "I. Introduction". */
static const struct hx_node *part_heading(const struct hx_node *part)
{
    const struct hx_node *h = part->first;
    if (!h || h->type != HX_HEADING || (h->label && *h->label))
        return NULL;
    return h;
}

/* One part (a section of the root, or a run of other blocks from first up
 * to, not including, stop) as a content document. */
static int write_part(struct epub_book *b, struct hx_doc *doc, size_t i, const struct hx_node *first,
                      const struct hx_node *stop, const char *lang)
{
    const struct epub_lang *l = epub_lang_data(lang);
    int section = first->type == HX_SECTION;
    const char *key = section ? first->key : NULL;
    const char *file = part_file(b->a, i, key);
    const struct hx_node *head = section ? part_heading(first) : NULL;
    const char *title = key && strcmp(key, "front") == 0 ? b->title
                        : head ? epub_toc_text(b->a, doc, head)
                               : epub_part_name(l, key);
    if (!*title)
        title = epub_part_name(l, key);
    epub_book_toc(b, 0, file, title, NULL);
    struct epub_x x;
    if (epub_x_open(&x, b, doc, file, lang, title) < 0)
        return -1;
    x.toc_skip = head;
    if (section) {
        epub_x_block(&x, first);
    } else {
        for (const struct hx_node *n = first; n != stop; n = n->next)
            epub_x_block(&x, n);
    }
    return epub_x_close(&x);
}

static int write_epub(struct hx_stage *st, struct hx_doc *doc, struct hx_output *out)
{
    const char *lang = doc->lang && *doc->lang ? doc->lang : "und";
    struct epub_book b = {.st = st, .doc = doc, .a = doc->arena};
    b.langs = hx_alloc(b.a, sizeof *b.langs);
    b.langs[0] = lang;
    b.nlangs = 1;
    b.rtl = hx_lang_is_rtl(lang);
    b.title = book_title(doc);
    b.identifier = symbol_address(b.a, hx_meta_get(doc, "symbol"), lang);
    if (!b.identifier)
        b.identifier = epub_content_uuid(b.a, &doc, 1);
    b.when = epub_doc_time(st, doc);
    size_t i = 0;
    const struct hx_node *n = doc->root->first;
    while (n) {
        const struct hx_node *stop = n->next;
        if (n->type != HX_SECTION) /* a run of blocks outside any section */
            while (stop && stop->type != HX_SECTION)
                stop = stop->next;
        if (write_part(&b, doc, i++, n, stop, lang) < 0)
            return -1;
        n = stop;
    }
    if (i == 0 && write_part(&b, doc, 0, doc->root, NULL, lang) < 0)
        return -1; /* an empty document still makes a book of one part */
    return epub_book_finish(&b, out);
}

const struct hx_filter hx_write_epub = {
    .name = "epub",
    .kind = HX_WRITER,
    .summary = "EPUB 3.3 book: a file per part, keys as ids, labels as text, linked "
               "footnotes, navigation, accessibility metadata; byte-reproducible",
    .ext = "epub",
    .needs = HX_HAS_TREE,
    .write = write_epub,
};
