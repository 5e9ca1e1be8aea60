/* XHTML content documents: the model's blocks and inlines as EPUB 3
 * XHTML. Paragraph keys become ids, labels are written as text (a reader
 * that drops CSS still shows "11."), footnotes become a noteref link at
 * their point of reference (notes.c writes both ends). */
#include <string.h>

#include "epub.h"

/* --- low-level writing ------------------------------------------------ */

/* s[0..len) without what XML cannot hold (controls, U+FFFE/F, bad UTF-8),
 * each replaced by U+FFFD. */
static const char *x_clean(struct epub_x *x, const char *s, size_t len)
{
    size_t i = 0;
    int bad = 0;
    while (i < len && !bad) {
        int32_t cp = hx_utf8_next(s, len, &i);
        bad = cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF;
    }
    if (!bad && s[len] == '\0')
        return s;
    struct hx_buf buf = {0};
    for (i = 0; i < len;) {
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD;
        hx_buf_addcp(&buf, cp);
    }
    const char *r = hx_strndup(x->b->a, buf.data ? buf.data : "", buf.len);
    hx_buf_free(&buf);
    return r;
}

void epub_x_start(struct epub_x *x, const char *el)
{
    if (xmlTextWriterStartElement(x->w, BAD_CAST el) < 0)
        x->b->failed = 1;
}

void epub_x_end(struct epub_x *x)
{
    if (xmlTextWriterEndElement(x->w) < 0)
        x->b->failed = 1;
}

void epub_x_attr(struct epub_x *x, const char *name, const char *value)
{
    if (!value)
        return;
    if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
                                    BAD_CAST x_clean(x, value, strlen(value))) < 0)
        x->b->failed = 1;
}

static void x_raw(struct epub_x *x, const char *s, size_t len)
{
    if (len && xmlTextWriterWriteRawLen(x->w, BAD_CAST s, (int)len) < 0)
        x->b->failed = 1;
}

/* <span class="cls">text</span> with text (not empty) escaped: the tags of
 * the commonest inline element written whole (cls is one of our constant
 * class names), which costs the writer a tenth of an element and an
 * attribute; WriteRaw closes a start tag left open first, as any content
 * does. */
static void x_class_span(struct epub_x *x, const char *cls, const char *text, size_t len)
{
    char open[64];
    int n = snprintf(open, sizeof open, "<span class=\"%s\">", cls);
    x_raw(x, open, (size_t)n);
    epub_x_text(x, text, len);
    x_raw(x, "</span>", 7);
}

/* Character data, escaped here in the same pass that replaces what XML
 * cannot hold (the bulk of a book: one pass instead of libxml2's check,
 * copy and escape). */
void epub_x_text(struct epub_x *x, const char *s, size_t len)
{
    size_t run = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t next = i + 1;
        if (c < 0x80) {
            rep = c == '&'                             ? "&amp;"
                  : c == '<'                           ? "&lt;"
                  : c == '>'                           ? "&gt;"
                  : c == '\r'                          ? "\n"
                  : c < 0x20 && c != '\t' && c != '\n' ? "\xEF\xBF\xBD"
                                                       : NULL;
        } else {
            next = i;
            int32_t cp = hx_utf8_next(s, len, &next);
            if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF)
                rep = "\xEF\xBF\xBD";
        }
        if (rep) {
            x_raw(x, s + run, i - run);
            x_raw(x, rep, strlen(rep));
            run = next;
        }
        i = next;
    }
    x_raw(x, s + run, len - run);
}

void epub_x_nl(struct epub_x *x)
{
    if (xmlTextWriterWriteRaw(x->w, BAD_CAST "\n") < 0)
        x->b->failed = 1;
}

void epub_x_lang(struct epub_x *x, const char *tag)
{
    epub_x_attr(x, "lang", tag);
    epub_x_attr(x, "xml:lang", tag);
    if (hx_lang_is_rtl(tag))
        epub_x_attr(x, "dir", "rtl");
}

/* --- ids ---------------------------------------------------------------- */

static size_t str_hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Adds id to the file's set; 0 when it was already there. */
static int ids_add(struct epub_x *x, const char *id)
{
    if (2 * (x->nids + 1) > x->icap) {
        size_t cap = x->icap ? 2 * x->icap : 256;
        const char **t = hx_alloc(x->b->a, cap * sizeof *t);
        for (size_t k = 0; k < x->icap; k++) {
            if (!x->ids[k])
                continue;
            size_t h = str_hash(x->ids[k]) & (cap - 1);
            while (t[h])
                h = (h + 1) & (cap - 1);
            t[h] = x->ids[k];
        }
        x->ids = t;
        x->icap = cap;
    }
    size_t h = str_hash(id) & (x->icap - 1);
    for (; x->ids[h]; h = (h + 1) & (x->icap - 1))
        if (strcmp(x->ids[h], id) == 0)
            return 0;
    x->ids[h] = id;
    x->nids++;
    return 1;
}

/* An XML name from a key: letters, digits, '.', '-' and '_' kept, any
 * other character (the '+' of "body.4+1") as '_'; a key that does not
 * start with a letter gets a "k" in front. Unique within the file. */
const char *epub_x_id(struct epub_x *x, const char *key)
{
    if (!key || !*key)
        return NULL;
    struct hx_buf b = {0};
    hx_buf_adds(&b, x->prefix ? x->prefix : "");
    if (!b.len && !((*key >= 'a' && *key <= 'z') || (*key >= 'A' && *key <= 'Z')))
        hx_buf_addc(&b, 'k');
    for (const char *p = key; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
        hx_buf_addc(&b, ok ? c : '_');
    }
    size_t stem = b.len;
    for (int n = 2; !ids_add(x, hx_strndup(x->b->a, b.data, b.len)); n++) {
        b.len = stem;
        hx_buf_addf(&b, "_%d", n);
    }
    const char *id = hx_strndup(x->b->a, b.data, b.len);
    hx_buf_free(&b);
    return id;
}

/* An id for a node without a key (a heading the toc must reach). */
const char *epub_x_auto_id(struct epub_x *x, const char *stem)
{
    char key[48];
    snprintf(key, sizeof key, "%s%u", stem, ++x->counter);
    return epub_x_id(x, key);
}

/* --- inlines ------------------------------------------------------------ */

static int is_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Chinese text with each run of Latin letters or digits that touches a
 * Han character in a span whose margin gives the 1/8 em spacing CSS
 * text-autospace would add (the style sheet zeroes the margin where the
 * reading system supports text-autospace itself). The literal spaces the
 * source had there are gone (zh-norm); this puts the spacing back at
 * layout, not in the text. */
static void x_text_zh(struct epub_x *x, const char *s, size_t len)
{
    size_t done = 0, i = 0;
    int32_t prev = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = hx_utf8_next(s, len, &i);
        if (cp < 0x21 || cp > 0x7E) {
            prev = cp;
            continue;
        }
        size_t end = i, last = at; /* the run of printable ASCII */
        while (end < len && (unsigned char)s[end] >= 0x21 && (unsigned char)s[end] <= 0x7E)
            last = end++;
        size_t j = end;
        int32_t next = end < len ? hx_utf8_next(s, len, &j) : 0;
        int start = hx_cp_is_han(prev) && is_alnum(cp);
        int stop = hx_cp_is_han(next) && is_alnum((unsigned char)s[last]);
        if (start || stop) {
            epub_x_text(x, s + done, at - done);
            x_class_span(x,
                         start && stop ? "as-s as-e"
                         : start       ? "as-s"
                                       : "as-e",
                         s + at, end - at);
            done = end;
        }
        prev = (unsigned char)s[last];
        i = end;
    }
    epub_x_text(x, s + done, len - done);
}

/* Only links a reader can follow out of the book: an absolute URI with a
 * scheme, no spaces or controls. Dead links ("#", the source's own
 * bookmarks, relative paths) would be broken references in the package;
 * their text is kept without the link. */
static int href_ok(const char *h)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:", "ftp://"};
    int known = 0;
    for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++)
        known |= strncmp(h, schemes[k], strlen(schemes[k])) == 0;
    if (!known || strlen(h) < 8)
        return 0;
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        if (*p <= 0x20 || *p >= 0x7F || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
            *p == '^' || *p == '`' || *p == '{' || *p == '|' || *p == '}')
            return 0;
    return 1;
}

static void x_wrap(struct epub_x *x, const char *el, const struct hx_node *n)
{
    epub_x_start(x, el);
    epub_x_inlines(x, n);
    epub_x_end(x);
}

static void x_link(struct epub_x *x, const struct hx_node *n)
{
    if (x->in_link || !n->href || !href_ok(n->href)) {
        epub_x_inlines(x, n);
        return;
    }
    epub_x_start(x, "a");
    epub_x_attr(x, "href", n->href);
    x->in_link++;
    epub_x_inlines(x, n);
    x->in_link--;
    epub_x_end(x);
    /* a note referenced inside the link follows it: links do not nest */
    size_t nd = x->ndeferred;
    x->ndeferred = 0;
    for (size_t k = 0; k < nd; k++)
        epub_x_noteref(x, x->deferred[k]);
}

static void x_span(struct epub_x *x, const struct hx_node *n)
{
    const char *el = n->flags & HX_F_DELETED            ? "del"
                     : n->flags & HX_F_INSERTED         ? "ins"
                     : n->lang || (n->flags & HX_F_RTL) ? "span"
                                                        : NULL;
    if (!el) {
        epub_x_inlines(x, n);
        return;
    }
    epub_x_start(x, el);
    if (n->lang)
        epub_x_lang(x, n->lang);
    if ((n->flags & HX_F_RTL) && !hx_lang_is_rtl(n->lang))
        epub_x_attr(x, "dir", "rtl");
    epub_x_inlines(x, n);
    epub_x_end(x);
}

void epub_x_inline(struct epub_x *x, const struct hx_node *n)
{
    switch (n->type) {
    case HX_TEXT:
        if (hx_lang_is(hx_node_lang(x->doc, n), "zh"))
            x_text_zh(x, n->text, n->len);
        else
            epub_x_text(x, n->text, n->len);
        break;
    case HX_EMPH: x_wrap(x, "em", n); break;
    case HX_STRONG: x_wrap(x, "strong", n); break;
    case HX_SUP: x_wrap(x, "sup", n); break;
    case HX_SUB: x_wrap(x, "sub", n); break;
    case HX_LINK: x_link(x, n); break;
    case HX_SPAN: x_span(x, n); break;
    case HX_BREAK:
        epub_x_start(x, "br");
        epub_x_end(x);
        break;
    case HX_NOTEREF: /* a marker no text was found for: shown as printed */
        epub_x_start(x, "sup");
        epub_x_attr(x, "class", "orphan");
        if (n->label)
            epub_x_text(x, n->label, strlen(n->label));
        epub_x_end(x);
        break;
    case HX_NOTE:
        if (x->in_link) {
            x->deferred =
                hx_arena_grow(x->b->a, x->deferred, x->ndeferred, &x->dcap, sizeof *x->deferred, 8);
            x->deferred[x->ndeferred++] = n;
        } else {
            epub_x_noteref(x, n);
        }
        break;
    case HX_IMAGE: /* no image data in the model: its description */
        epub_x_start(x, "span");
        epub_x_attr(x, "class", "image");
        if (n->text)
            epub_x_text(x, n->text, strlen(n->text));
        epub_x_end(x);
        break;
    default: epub_x_block(x, n); break;
    }
}

void epub_x_inlines(struct epub_x *x, const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next)
        epub_x_inline(x, c);
}

/* --- blocks --------------------------------------------------------------- */

static void x_label(struct epub_x *x, const char *label)
{
    if (!label || !*label)
        return;
    x_class_span(x, "label", label, strlen(label));
    epub_x_text(x, " ", 1);
}

/* Children of a container block: inlines in place, blocks as blocks. */
void epub_x_content(struct epub_x *x, const struct hx_node *n)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (x->skip_keyed && c->key && !hx_type_is_inline(c->type))
            continue;
        if (hx_type_is_inline(c->type))
            epub_x_inline(x, c);
        else
            epub_x_block(x, c);
    }
}

/* Attributes every block may have: id from its key, class from its role,
 * lang and direction where they differ from its parent's. */
static const char *x_block_attrs(struct epub_x *x, const struct hx_node *n, const char *cls)
{
    const char *id = epub_x_id(x, n->key);
    epub_x_attr(x, "id", id);
    if (n->role != HX_ROLE_NONE)
        cls = cls ? hx_printf(x->b->a, "%s %s", cls, hx_role_name(n->role)) : hx_role_name(n->role);
    epub_x_attr(x, "class", cls);
    if (n->lang)
        epub_x_lang(x, n->lang);
    if ((n->flags & HX_F_RTL) && !hx_lang_is_rtl(hx_node_lang(x->doc, n)))
        epub_x_attr(x, "dir", "rtl");
    return id;
}

static void x_heading(struct epub_x *x, const struct hx_node *n)
{
    int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
    char el[4] = {'h', (char)('0' + level), 0};
    epub_x_start(x, el);
    const char *id = x_block_attrs(x, n, NULL);
    if (!id) {
        id = epub_x_auto_id(x, "h");
        epub_x_attr(x, "id", id);
    }
    x_label(x, n->label);
    epub_x_content(x, n);
    epub_x_end(x);
    if (x->toc && n != x->toc_skip) {
        const char *lang = hx_node_lang(x->doc, n);
        epub_book_toc(x->b, level, hx_printf(x->b->a, "%s#%s", x->file, id),
                      epub_toc_text(x->b->a, x->doc, n),
                      lang && x->b->nlangs && strcmp(lang, x->b->langs[0]) ? lang : NULL);
    }
}

static void x_para(struct epub_x *x, const struct hx_node *n)
{
    int blocks = 0;
    for (const struct hx_node *c = n->first; c; c = c->next)
        blocks |= !hx_type_is_inline(c->type);
    epub_x_start(x, blocks ? "div" : "p");
    x_block_attrs(x, n, NULL);
    x_label(x, x->label_pending);
    x->label_pending = NULL;
    x_label(x, n->label);
    epub_x_content(x, n);
    epub_x_end(x);
}

/* A child of a list, table or row that is not what the element may hold
 * is wrapped in the element that may. */
static void x_children_as(struct epub_x *x, const struct hx_node *n, enum hx_type want,
                          const char *wrap)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (x->skip_keyed && c->key && !hx_type_is_inline(c->type))
            continue;
        if (c->type == want) {
            epub_x_block(x, c);
            continue;
        }
        epub_x_start(x, wrap);
        if (want == HX_CELL || strcmp(wrap, "tr") != 0) {
            hx_type_is_inline(c->type) ? epub_x_inline(x, c) : epub_x_block(x, c);
        } else {
            epub_x_start(x, "td");
            hx_type_is_inline(c->type) ? epub_x_inline(x, c) : epub_x_block(x, c);
            epub_x_end(x);
        }
        epub_x_end(x);
        epub_x_nl(x);
    }
}

static void x_cell(struct epub_x *x, const struct hx_node *n)
{
    int head = (n->flags & HX_F_HEADER) || (n->parent && (n->parent->flags & HX_F_HEADER));
    epub_x_start(x, head ? "th" : "td");
    x_block_attrs(x, n, NULL);
    char num[16];
    if (n->span[0] > 1) {
        snprintf(num, sizeof num, "%d", n->span[0]);
        epub_x_attr(x, "colspan", num);
    }
    if (n->span[1] > 1) {
        snprintf(num, sizeof num, "%d", n->span[1]);
        epub_x_attr(x, "rowspan", num);
    }
    epub_x_content(x, n);
    epub_x_end(x);
}

void epub_x_block(struct epub_x *x, const struct hx_node *n)
{
    switch (n->type) {
    case HX_DOC:
    case HX_SECTION:
        epub_x_start(x, "section");
        x_block_attrs(x, n, NULL);
        if (n->key && strncmp(n->key, "annex", 5) == 0) {
            epub_x_attr(x, "epub:type", "appendix");
            epub_x_attr(x, "role", "doc-appendix");
        }
        epub_x_nl(x);
        epub_x_content(x, n);
        epub_x_end(x);
        break;
    case HX_HEADING: x_heading(x, n); break;
    case HX_PARA: x_para(x, n); break;
    case HX_LIST:
        epub_x_start(x, "ul");
        x_block_attrs(x, n, "list");
        epub_x_nl(x);
        x_children_as(x, n, HX_ITEM, "li");
        epub_x_end(x);
        break;
    case HX_ITEM:
        epub_x_start(x, n->parent && n->parent->type == HX_LIST ? "li" : "div");
        x_block_attrs(x, n, "item");
        /* "1." on the line of its text, not on a line of its own */
        if (n->first && n->first->type == HX_PARA)
            x->label_pending = n->label;
        else
            x_label(x, n->label);
        epub_x_content(x, n);
        x->label_pending = NULL;
        epub_x_end(x);
        break;
    case HX_TABLE:
        epub_x_start(x, "table");
        x_block_attrs(x, n, NULL);
        epub_x_nl(x);
        x_children_as(x, n, HX_ROW, "tr");
        epub_x_end(x);
        break;
    case HX_ROW:
        epub_x_start(x, "tr");
        x_block_attrs(x, n, NULL);
        x_children_as(x, n, HX_CELL, "td");
        epub_x_end(x);
        break;
    case HX_CELL: x_cell(x, n); break;
    case HX_QUOTE:
        epub_x_start(x, "blockquote");
        x_block_attrs(x, n, NULL);
        epub_x_content(x, n);
        epub_x_end(x);
        break;
    default: /* an inline where a block belongs */
        epub_x_start(x, "p");
        epub_x_inline(x, n);
        epub_x_end(x);
        break;
    }
    epub_x_nl(x);
}
