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
 * the parallel edition), xhtml.c (blocks and inlines as XHTML), notes.c
 * (footnotes: noteref and aside),
 * book.c (the book's files and the frame of a content document), nav.c,
 * package.c (package document, archive), style.c (CSS, labels.tsv),
 * embed.c (fonts=embed: subset fonts, obfuscated). */
#include <string.h>

#include "epub.h"

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

/* One part (a section of the root, or a run of other blocks from first up
 * to, not including, stop) as a content document. */
static int write_part(struct epub_book *b, struct hx_doc *doc, size_t i,
                      const struct hx_node *first, const struct hx_node *stop, const char *lang)
{
    int section = first->type == HX_SECTION;
    const char *key = section ? first->key : NULL;
    const char *file = epub_part_file(b->a, i, key);
    const struct hx_node *head = NULL;
    const char *title = epub_part_title(b, doc, section ? first : NULL, lang, &head);
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

static const char *const font_choices[] = {"none", "embed", NULL};

const struct hx_opt epub_font_opts[] = {
    {"fonts", HX_OPT_ENUM, offsetof(struct epub_opts, fonts), "none",
     "embed: subset fonts of the font map for the text, obfuscated (env HEXAGLOT_FONTS: "
     "from that directory only)",
     font_choices, 0, 0},
    {0},
};

static int write_epub(struct hx_stage *st, struct hx_doc *doc, struct hx_output *out)
{
    const char *lang = doc->lang && *doc->lang ? doc->lang : "und";
    struct epub_book b = {.st = st, .doc = doc, .a = doc->arena};
    b.langs = hx_alloc(b.a, sizeof *b.langs);
    b.langs[0] = lang;
    b.nlangs = 1;
    b.rtl = hx_lang_is_rtl(lang);
    b.title = epub_book_title(doc);
    b.identifier = symbol_address(b.a, hx_meta_get(doc, "symbol"), lang);
    if (!b.identifier)
        b.identifier = epub_content_uuid(b.a, &doc, 1);
    b.when = epub_doc_time(st, doc);
    b.fs = ((struct epub_opts *)st->priv)->fs;
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
    .priv_size = sizeof(struct epub_opts),
    .opts = epub_font_opts,
    .open = epub_fonts_open,
    .write = write_epub,
    .close = epub_fonts_close,
};
