/* Private to filters/write/epub/: the EPUB 3 book under construction,
 * shared by the single-language writer (epub.c) and the parallel edition
 * (parallel.c). A book is a list of files (content documents, the style
 * sheet) kept in memory, a table of contents recorded while the content
 * is written, and the package metadata; epub_book_finish turns it into a
 * deterministic archive. */
#ifndef HX_EPUB_H
#define HX_EPUB_H

#include <stddef.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "fonts/fonts.h"
#include "hx.h"

/* One file of the publication, under EPUB/ in the archive. */
struct epub_file {
    const char *name;  /* "body.xhtml" */
    const char *id;    /* manifest id */
    const char *media; /* media type */
    const char *data;
    size_t len;
    int spine; /* a content document in reading order */
};

/* One entry of the table of contents: a part (level 0) or a heading. */
struct epub_toc {
    int level;
    const char *href; /* "body.xhtml#head.body.1" */
    const char *text;
    const char *lang; /* of the text, NULL = the book's */
};

/* An embedded family that sets text of a language (its primary subtag,
 * lowercase). */
struct epub_font_use {
    const char *lang;
    const struct hx_font *family;
};

struct epub_book {
    struct hx_stage *st;
    const struct hx_doc *doc; /* diagnostics name it (NULL: the set) */
    struct hx_arena *a;
    struct epub_file *files;
    size_t nfiles, fcap;
    struct epub_toc *toc;
    size_t ntoc, tcap;
    /* package metadata */
    const char *identifier; /* dc:identifier, the unique one */
    const char *title;
    const char **langs; /* dc:language, first = the book's */
    size_t nlangs;
    const char *summary_extra; /* appended to the accessibility summary */
    time_t when;               /* dcterms:modified and archive timestamps */
    int rtl;                   /* page-progression-direction rtl */
    int failed;                /* a libxml2 call failed */
    /* embedded fonts (fonts=embed): fs when asked, then what embed.c made */
    struct hx_fonts *fs;
    struct epub_font_use *font_uses; /* which family sets which language */
    size_t nfont_uses, ucap;
    const char *font_faces; /* @font-face rules for style.css */
    const char *encryption; /* META-INF/encryption.xml, or NULL */
};

/* The options of the epub and align-epub writers (epub_font_opts). */
struct epub_opts {
    int fonts;           /* 0 none, 1 embed */
    struct hx_fonts *fs; /* opened once per chain when embedding */
};
extern const struct hx_opt epub_font_opts[];

/* Opens the fonts when embedding (open callback), and closes them. */
int epub_fonts_open(struct hx_stage *st);
void epub_fonts_close(struct hx_stage *st);

/* With b->fs: subsets the faces the content documents written so far
 * need, adds them obfuscated under fonts/, and sets b->font_uses,
 * font_faces and encryption. 0 (also without b->fs), or -1 after an
 * error diagnostic. */
int epub_fonts_embed(struct epub_book *b);

/* The embedded families to name ahead of lang's font stack: those that
 * set text of lang (of any language for ""), in the font map's order,
 * each quoted and followed by ", " ("" when none). */
const char *epub_fonts_families(const struct epub_book *b, const char *lang);

/* A per-language row of the data table labels.tsv: the words printed
 * around the text (nav title, notes, names of parts without a heading)
 * and the font stack of the language's script. */
struct epub_lang {
    const char *lang, *contents, *notes, *report, *resolution, *annex, *text, *fonts;
};

/* The row for tag's primary language (English's when not listed). */
struct epub_lang epub_lang_data(const char *tag);

/* The style sheet every content document links (style.css), in b's
 * arena, with its embedded fonts if any. */
const char *epub_css(const struct epub_book *b);

/* The name of a part for the table of contents when it opens with no
 * heading: by its key ("body" a report, "res1" a draft resolution…). */
const char *epub_part_name(const struct epub_lang *l, const char *key);

/* A footnote waiting for its aside: the note, the aside's id and the
 * href back to its reference. */
struct epub_note {
    const struct hx_node *node;
    const char *id, *back;
    const char *lang; /* of the version that references it, when not the file's */
};

/* A content document being written: an XHTML file. */
struct epub_x {
    struct epub_book *b;
    struct hx_doc *doc; /* whose nodes are written (lang, text) */
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    const char *file;   /* its name in the book */
    const char *lang;   /* of its <html> */
    const char *prefix; /* prepended to every id ("zh." in the parallel edition) */
    /* ids used in this file, an open-addressing set */
    const char **ids;
    size_t nids, icap;
    /* footnotes referenced in this file, written at its end */
    struct epub_note *notes;
    size_t nnotes, ncap;
    size_t in_link;                  /* inside <a>: note references wait */
    const struct hx_node **deferred; /* notes referenced inside a link */
    size_t ndeferred, dcap;
    unsigned counter; /* for ids of nodes without a key */
    /* parallel edition: where a note's text goes instead of this file's
     * end. Called with the note and the id of its reference here; returns
     * the href of its aside, or NULL to write it at this file's end. */
    const char *(*note_href)(void *ctx, struct epub_x *x, const struct hx_node *note,
                             const char *refid);
    void *ctx;
    int toc;                        /* record headings in the book's table of contents */
    const struct hx_node *toc_skip; /* a heading already there as its part's title */
    const char *label_pending;      /* an item's label, for its first paragraph */
    int skip_keyed; /* parallel edition: keyed blocks inside a block are rows of their own */
};

/* Adds a file to the book (data copied into the arena). */
void epub_book_add(struct epub_book *b, const char *name, const char *media, const char *data,
                   size_t len, int spine);

/* Adds a table-of-contents entry. */
void epub_book_toc(struct epub_book *b, int level, const char *href, const char *text,
                   const char *lang);

/* The document's time: SOURCE_DATE_EPOCH, else the input's modification
 * time, else 1980-01-01 (with a note). */
time_t epub_doc_time(struct hx_stage *st, const struct hx_doc *doc);

/* "urn:uuid:…" derived from the text and keys of the documents' trees
 * (an RFC 9562 version 8 UUID: a hash, so the same content gives the same
 * identifier on any machine). */
const char *epub_content_uuid(struct hx_arena *a, struct hx_doc *const *docs, size_t n);

/* Writes the book (nav.xhtml from the table of contents, package.opf,
 * container.xml, mimetype) as a deterministic archive to out. Returns 0,
 * or -1 after an error diagnostic. */
int epub_book_finish(struct epub_book *b, struct hx_output *out);

/* nav.xhtml from the book's table of contents, in the book's language. */
int epub_nav(struct epub_book *b);

/* Opens a content document: html with lang/xml:lang (and dir="rtl"), the
 * head linking style.css, and <body>. Returns 0 or -1. */
int epub_x_open(struct epub_x *x, struct epub_book *b, struct hx_doc *doc, const char *file,
                const char *lang, const char *title);

/* Writes the footnotes still pending, closes the document and adds it to
 * the book as a spine item. Returns 0 or -1. */
int epub_x_close(struct epub_x *x);

/* Releases the writer without adding anything (after a failure). */
void epub_x_abort(struct epub_x *x);

/* Writes a block node (and its subtree) as XHTML. */
void epub_x_block(struct epub_x *x, const struct hx_node *n);

/* Writes one inline node. */
void epub_x_inline(struct epub_x *x, const struct hx_node *n);

/* Writes a container's children: inlines in place, blocks as blocks
 * (keyed blocks left out when skip_keyed). */
void epub_x_content(struct epub_x *x, const struct hx_node *n);

/* Writes the reference to a footnote and queues its aside (or, with
 * note_href, points at where it is written). */
void epub_x_noteref(struct epub_x *x, const struct hx_node *note);

/* A fresh id from stem and a counter ("ref3"), for nodes with no key. */
const char *epub_x_auto_id(struct epub_x *x, const char *stem);

/* Writes n's inline children. */
void epub_x_inlines(struct epub_x *x, const struct hx_node *n);

/* The id a node gets in this file (its key, made safe and unique, with the
 * prefix), or NULL when it has no key. Same node, same id: call once. */
const char *epub_x_id(struct epub_x *x, const char *key);

/* Writes footnotes pending in x as asides: <section class="footnotes">. */
void epub_x_notes(struct epub_x *x);

/* Writes one footnote as <aside epub:type="footnote"> with id, its text
 * opening with a back-link to back; lang (NULL: inherited) marks it. */
void epub_x_aside(struct epub_x *x, const struct hx_node *note, const char *id, const char *back,
                  const char *lang);

/* Low-level helpers over x->w that record failures. */
void epub_x_start(struct epub_x *x, const char *el);
void epub_x_end(struct epub_x *x);
void epub_x_attr(struct epub_x *x, const char *name, const char *value);
void epub_x_text(struct epub_x *x, const char *s, size_t len);
void epub_x_nl(struct epub_x *x);

/* lang (and dir when right to left) of an element for language tag. */
void epub_x_lang(struct epub_x *x, const char *tag);

/* The book's title: the document's (masthead metadata), else its first
 * heading, else its file name. */
const char *epub_book_title(struct hx_doc *doc);

/* The title of a part (a section of the root, or NULL for blocks outside
 * any) in the table of contents: the book's for the front matter, the
 * part's opening heading when it names the part (*head is set to it), else
 * the word for such a part in lang. */
const char *epub_part_title(struct epub_book *b, struct hx_doc *doc, const struct hx_node *part,
                            const char *lang, const struct hx_node **head);

/* The name of part i's file: its position and key ("p2-body.xhtml"). */
const char *epub_part_file(struct hx_arena *a, size_t i, const char *key);

/* Plain text of a node for the table of contents (labels included),
 * spaces collapsed, in the arena. */
const char *epub_toc_text(struct hx_arena *a, struct hx_doc *doc, const struct hx_node *n);

#endif
