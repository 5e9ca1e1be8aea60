/* Footnotes: a noteref link at the point of reference, an aside at the
 * end of the file opened by a back-link. The order that keeps Kindle
 * conversions from running notes together (the back-link first, each
 * note a block of its own) and pop-ups working in Apple Books (no <sup>
 * inside the link: a marker that is not already a superscript digit is
 * raised by CSS); the asides sit together at the end, where Kobo, which
 * shows asides in the text, shows them as endnotes of the part. */
#include <string.h>

#include "epub.h"

/* The printed marker of a note: its label, else its number. */
static const char *note_label(struct epub_x *x, const struct hx_node *note)
{
    if (note->label && *note->label)
        return note->label;
    return note->num ? hx_printf(x->b->a, "%d", note->num) : "*";
}

/* A marker already raised (superscript digits) needs no CSS raise. */
static int label_is_raised(const char *s)
{
    size_t i = 0, len = strlen(s);
    while (i < len)
        if (hx_cp_superscript_digit(hx_utf8_next(s, len, &i)) < 0)
            return 0;
    return len > 0;
}

void epub_x_noteref(struct epub_x *x, const struct hx_node *note)
{
    struct epub_note nt = {note, NULL, NULL, NULL};
    /* in the parallel edition a file holds every version's notes */
    const char *lang = hx_node_lang(x->doc, note);
    if (lang && (!x->lang || strcmp(lang, x->lang) != 0))
        nt.lang = lang;
    const char *refid = epub_x_auto_id(x, "ref");
    const char *href = x->note_href ? x->note_href(x->ctx, x, note, refid) : NULL;
    if (!href) {
        nt.id = note->key ? epub_x_id(x, note->key) : epub_x_auto_id(x, "fn");
        nt.back = hx_printf(x->b->a, "#%s", refid);
        href = hx_printf(x->b->a, "#%s", nt.id);
        x->notes = hx_arena_grow(x->b->a, x->notes, x->nnotes, &x->ncap, sizeof *x->notes, 16);
        x->notes[x->nnotes++] = nt;
    }
    const char *label = note_label(x, note);
    epub_x_start(x, "a");
    epub_x_attr(x, "id", refid);
    epub_x_attr(x, "href", href);
    epub_x_attr(x, "class", label_is_raised(label) ? "noteref" : "noteref raise");
    epub_x_attr(x, "epub:type", "noteref");
    epub_x_attr(x, "role", "doc-noteref");
    epub_x_text(x, label, strlen(label));
    epub_x_end(x);
}

void epub_x_aside(struct epub_x *x, const struct hx_node *note, const char *id, const char *back,
                  const char *lang)
{
    const char *label = note_label(x, note);
    epub_x_start(x, "aside");
    epub_x_attr(x, "id", id);
    epub_x_attr(x, "class", "footnote");
    epub_x_attr(x, "epub:type", "footnote");
    epub_x_attr(x, "role", "doc-footnote");
    if (lang)
        epub_x_lang(x, lang);
    int first = 1;
    for (const struct hx_node *c = note->first; c; c = c->next) {
        if (!(first && c->type == HX_PARA)) {
            hx_type_is_inline(c->type) ? epub_x_inline(x, c) : epub_x_block(x, c);
            continue;
        }
        /* the first paragraph opens with the back-link, which is the
         * note's marker; the paragraph's own copy of it is left out, and
         * so is its key, which is the note's (the aside's id) */
        epub_x_start(x, "p");
        epub_x_start(x, "a");
        epub_x_attr(x, "href", back);
        epub_x_attr(x, "class", "backlink");
        epub_x_attr(x, "role", "doc-backlink");
        epub_x_text(x, label, strlen(label));
        epub_x_end(x);
        epub_x_text(x, " ", 1);
        epub_x_content(x, c);
        epub_x_end(x);
        first = 0;
    }
    if (first) { /* a note with no paragraph: the back-link alone */
        epub_x_start(x, "p");
        epub_x_start(x, "a");
        epub_x_attr(x, "href", back);
        epub_x_attr(x, "role", "doc-backlink");
        epub_x_text(x, label, strlen(label));
        epub_x_end(x);
        epub_x_end(x);
    }
    epub_x_end(x);
    epub_x_nl(x);
}

void epub_x_notes(struct epub_x *x)
{
    if (!x->nnotes)
        return;
    struct epub_lang lang_data = epub_lang_data(hx_node_lang(x->doc, x->doc->root));
    const struct epub_lang *l = &lang_data;
    epub_x_start(x, "section");
    epub_x_attr(x, "class", "footnotes");
    epub_x_attr(x, "epub:type", "footnotes");
    epub_x_attr(x, "aria-label", l->notes);
    epub_x_nl(x);
    /* a note's text may itself reference a note: the list grows meanwhile */
    for (size_t k = 0; k < x->nnotes; k++)
        epub_x_aside(x, x->notes[k].node, x->notes[k].id, x->notes[k].back, x->notes[k].lang);
    epub_x_end(x);
    epub_x_nl(x);
    x->nnotes = 0;
}
