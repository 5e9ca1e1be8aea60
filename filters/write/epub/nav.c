/* The navigation document: the table of contents recorded while the
 * content was written (parts at level 0, headings below them by level),
 * as nested lists, and landmarks for the contents and the start of the
 * text. */
#include <string.h>

#include "epub.h"

struct open_li {
    int level;
    int has_ol;
};

static void nav_link(struct epub_x *x, const struct epub_toc *t)
{
    epub_x_start(x, "a");
    epub_x_attr(x, "href", t->href);
    if (t->lang)
        epub_x_lang(x, t->lang);
    /* a link without text is an error in the navigation document */
    const char *text = t->text && *t->text ? t->text : t->href;
    epub_x_text(x, text, strlen(text));
    epub_x_end(x);
}

/* The entries as nested <ol>: an entry deeper than the one before opens a
 * list inside its <li>; one at the same level or above closes back. */
static void nav_toc(struct epub_x *x, const struct epub_book *b)
{
    struct open_li *stack = hx_alloc(b->a, (b->ntoc + 1) * sizeof *stack);
    size_t sp = 0;
    epub_x_start(x, "ol");
    epub_x_nl(x);
    for (size_t k = 0; k < b->ntoc; k++) {
        const struct epub_toc *t = &b->toc[k];
        while (sp && stack[sp - 1].level >= t->level) {
            if (stack[sp - 1].has_ol)
                epub_x_end(x);
            epub_x_end(x);
            epub_x_nl(x);
            sp--;
        }
        if (sp && !stack[sp - 1].has_ol) {
            epub_x_start(x, "ol");
            epub_x_nl(x);
            stack[sp - 1].has_ol = 1;
        }
        epub_x_start(x, "li");
        nav_link(x, t);
        stack[sp++] = (struct open_li){t->level, 0};
    }
    while (sp) {
        if (stack[sp - 1].has_ol)
            epub_x_end(x);
        epub_x_end(x);
        epub_x_nl(x);
        sp--;
    }
    epub_x_end(x);
    epub_x_nl(x);
}

int epub_nav(struct epub_book *b)
{
    struct epub_lang lang_data = epub_lang_data(b->langs[0]);
    const struct epub_lang *l = &lang_data;
    struct epub_x x;
    /* the writer of a content document, without a document to read */
    if (epub_x_open(&x, b, NULL, "nav.xhtml", b->langs[0], l->contents) < 0)
        return -1;
    epub_x_start(&x, "nav");
    epub_x_attr(&x, "epub:type", "toc");
    epub_x_attr(&x, "role", "doc-toc");
    epub_x_attr(&x, "id", "toc");
    epub_x_nl(&x);
    epub_x_start(&x, "h1");
    epub_x_text(&x, l->contents, strlen(l->contents));
    epub_x_end(&x);
    epub_x_nl(&x);
    nav_toc(&x, b);
    epub_x_end(&x);
    epub_x_nl(&x);
    /* the text starts after the front matter (the masthead) */
    const char *first = NULL;
    for (size_t k = 0; k < b->nfiles; k++)
        if (b->files[k].spine && (!first || strstr(first, "-front.")) &&
            strcmp(b->files[k].name, "nav.xhtml") != 0)
            first = b->files[k].name;
    /* landmarks may point at spine items only, not at this document: the
     * start of the text */
    if (first) {
        epub_x_start(&x, "nav");
        epub_x_attr(&x, "epub:type", "landmarks");
        epub_x_attr(&x, "aria-label", "landmarks");
        epub_x_attr(&x, "hidden", "hidden");
        epub_x_start(&x, "ol");
        epub_x_start(&x, "li");
        epub_x_start(&x, "a");
        epub_x_attr(&x, "epub:type", "bodymatter");
        epub_x_attr(&x, "href", first);
        epub_x_text(&x, b->title, strlen(b->title));
        epub_x_end(&x);
        epub_x_end(&x);
        epub_x_end(&x);
        epub_x_end(&x);
        epub_x_nl(&x);
    }
    /* not in the spine: readers show it as their contents menu */
    if (epub_x_close(&x) < 0)
        return -1;
    b->files[b->nfiles - 1].spine = 0;
    return 0;
}
