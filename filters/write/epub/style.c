/* The style sheet and the per-language words (labels.tsv). Script rules:
 * Chinese gets strict line breaking (the clreq "strict" level: small kana,
 * iteration marks and the like never open a line), 1/8 em Han–Latin
 * spacing from text-autospace where the reading system has it and from
 * margins on marked runs where it does not (see xhtml.c), and trimming of
 * full-width punctuation at line edges (GB/T 15834 §5.1.10) where
 * text-spacing-trim is supported; Arabic a taller line for its marks.
 * Every language gets the font stack of its script from the table. */
#include <string.h>

#include "epub.h"

extern const char *const hx_epub_labels[][8];
extern const size_t hx_epub_labels_rows, hx_epub_labels_cols;

struct epub_lang epub_lang_data(const char *tag)
{
    size_t r = 0;
    while (r < hx_epub_labels_rows && !hx_lang_is(tag, hx_epub_labels[r][0]))
        r++;
    const char *const *c = hx_epub_labels[r < hx_epub_labels_rows ? r : 0];
    return (struct epub_lang){c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]};
}

const char *epub_part_name(const struct epub_lang *l, const char *key)
{
    if (!key)
        return l->text;
    if (strncmp(key, "body", 4) == 0)
        return l->report;
    if (strncmp(key, "res", 3) == 0)
        return l->resolution;
    if (strncmp(key, "annex", 5) == 0)
        return l->annex;
    return l->text;
}

static const char css_base[] =
    "@charset \"UTF-8\";\n"
    "body { margin: 0 1em; line-height: 1.5; }\n"
    "h1, h2, h3, h4, h5, h6 { line-height: 1.3; margin: 1.2em 0 .6em; "
    "page-break-after: avoid; }\n"
    "h1 { font-size: 1.4em; } h2 { font-size: 1.25em; } h3 { font-size: 1.1em; }\n"
    "h4, h5, h6 { font-size: 1em; }\n"
    "p { margin: .6em 0; text-align: justify; }\n"
    ".masthead, .title { text-align: center; }\n"
    ".formula { font-style: italic; }\n"
    "span.label { font-weight: normal; }\n"
    "ul.list { list-style: none; padding-left: 1.5em; padding-right: 0; }\n"
    "[dir=\"rtl\"] ul.list { padding-left: 0; padding-right: 1.5em; }\n"
    "blockquote { margin: .6em 1.5em; }\n"
    "table { border-collapse: collapse; margin: .8em 0; }\n"
    "td, th { border: 1px solid #888; padding: .2em .4em; vertical-align: top; }\n"
    "th { font-weight: bold; }\n"
    "a.noteref { text-decoration: none; }\n"
    "a.noteref.raise { vertical-align: super; font-size: .75em; line-height: 0; }\n"
    "sup.orphan { color: #a00; }\n"
    "section.footnotes { border-top: 1px solid #888; margin-top: 2em; padding-top: .5em; "
    "font-size: .9em; }\n"
    "aside.footnote p { margin: .3em 0; text-align: left; }\n"
    "[dir=\"rtl\"] aside.footnote p { text-align: right; }\n"
    "a.backlink { text-decoration: none; }\n"
    ".image { font-style: italic; }\n"
    "del { color: #a00; } ins { color: #060; }\n"
    /* Chinese */
    ":lang(zh) { line-break: strict; -epub-line-break: strict; -webkit-line-break: strict; "
    "text-autospace: ideograph-alpha ideograph-numeric; "
    "text-spacing-trim: trim-start; text-spacing-trim: trim-both; }\n"
    ":lang(zh) p { text-align: justify; }\n"
    ".as-s { margin-left: .125em; }\n"
    ".as-e { margin-right: .125em; }\n"
    "@supports (text-autospace: ideograph-alpha) { .as-s, .as-e { margin: 0; } }\n"
    /* Arabic */
    ":lang(ar) { line-height: 1.8; }\n"
    /* the parallel edition: a row per key, a block per version */
    "div.row { margin: 1em 0; padding-top: .3em; border-top: 1px solid #ccc; }\n"
    "p.rowhead { font-family: monospace; font-size: .8em; color: #555; margin: 0; "
    "text-align: left; }\n"
    "div.row.flag { background: #fff6e0; }\n"
    "div.row.flag p.rowhead { color: #a11; }\n"
    "ul.issues { margin: .2em 0; font-size: .85em; color: #a11; }\n"
    "div.cell { margin: .3em 0 .3em 0; }\n"
    "div.cell h1, div.cell h2, div.cell h3, div.cell h4, div.cell h5, div.cell h6 "
    "{ margin: .2em 0; }\n"
    "div.cell.bad { border-left: 3px solid #d33; padding-left: .4em; }\n"
    "div.cell.bad[dir=\"rtl\"] { border-left: none; border-right: 3px solid #d33; "
    "padding-left: 0; padding-right: .4em; }\n"
    "p.vlinks { font-size: .75em; margin: 0; color: #555; }\n"
    "p.vlinks a { margin-right: .5em; }\n"
    "p.missing { color: #999; }\n";

const char *epub_css(const struct epub_book *bk)
{
    struct hx_buf b = {0};
    hx_buf_adds(&b, css_base);
    if (bk->font_faces)
        hx_buf_adds(&b, bk->font_faces);
    /* the fallback row's fonts for everything, then each language's; the
     * embedded families first */
    for (size_t r = 0; r < hx_epub_labels_rows; r++) {
        if (r == 0)
            hx_buf_addf(&b, "body { font-family: %s%s; }\n", epub_fonts_families(bk, ""),
                        hx_epub_labels[r][7]);
        hx_buf_addf(&b, ":lang(%s) { font-family: %s%s; }\n", hx_epub_labels[r][0],
                    epub_fonts_families(bk, hx_epub_labels[r][0]), hx_epub_labels[r][7]);
    }
    /* a language with embedded fonts and no row: its own stack, since
     * inheriting its parent's would name other families */
    for (size_t k = 0; k < bk->nfont_uses; k++) {
        const char *l = bk->font_uses[k].lang;
        int seen = !*l;
        for (size_t r = 0; r < hx_epub_labels_rows && !seen; r++)
            seen = hx_lang_is(l, hx_epub_labels[r][0]);
        for (size_t j = 0; j < k && !seen; j++)
            seen = !strcmp(bk->font_uses[j].lang, l);
        if (!seen)
            hx_buf_addf(&b, ":lang(%s) { font-family: %s%s; }\n", l, epub_fonts_families(bk, l),
                        epub_lang_data(l).fonts);
    }
    const char *css = hx_strdup(bk->a, b.data);
    hx_buf_free(&b);
    return css;
}
