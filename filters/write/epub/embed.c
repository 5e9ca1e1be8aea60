/* Embedded fonts (option fonts=embed, off by default): for each face the
 * book's text needs, a subset with the code points used, obfuscated as
 * EPUB OCF 3.3 §4.3 ("Font obfuscation") prescribes, declared with
 * @font-face ahead of the font stacks of style.css.
 *
 * Which face sets a character is the font map's choice (fonts/, the one
 * the PDF writer makes): the family is the first of the language's
 * regular chain that has the character, as a reading system walks a CSS
 * font-family list, so each language's stack names the embedded families
 * in chain order. Bold and italic text take the family's real bold or
 * italic face where it has one and the reading system's synthetic style
 * where it does not (the face is declared only for the styles it has).
 * The characters and their styles are read back from the content
 * documents as written (labels, note marks, navigation included), with
 * the styles the style sheet and the user agent give their elements. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <openssl/evp.h>

#include "epub.h"

enum { MAX_DEPTH = 256, KEY_LEN = 20, OBFUSCATED = 1040 };

/* The code points of one language in one style. */
struct use {
    const char *lang;
    unsigned style;
    hb_set_t *cps;
};

/* A font face the book embeds. */
struct face {
    struct hx_font *font; /* the base face */
    unsigned style;       /* its own style (HX_FONT_*): the CSS descriptors */
    const char *file;     /* "fonts/LiberationSerif-Bold.ttf" */
};

/* A family and style resolved to the face that sets it (cached: the
 * lookup asks fontconfig). */
struct styled {
    const struct hx_font *family;
    unsigned style;
    struct hx_font *face;
};

struct embed {
    struct epub_book *b;
    struct hx_fonts *fs;
    struct use *uses;
    size_t nuses, ucap;
    struct face *faces;
    size_t nfaces, fcap;
    struct styled *styled;
    size_t nstyled, scap;
};

int epub_fonts_open(struct hx_stage *st)
{
    struct epub_opts *o = st->priv;
    if (!o->fonts)
        return 0;
    const char *dir = getenv("HEXAGLOT_FONTS");
    const char *err = "?";
    if (!(o->fs = hx_fonts_open(dir, &err))) {
        hx_error(st, NULL, NULL, "fonts%s%s: %s", dir ? " in " : "", dir ? dir : "", err);
        return -1;
    }
    return 0;
}

void epub_fonts_close(struct hx_stage *st)
{
    struct epub_opts *o = st->priv;
    hx_fonts_close(o->fs);
    o->fs = NULL;
}

static hb_set_t *use_set(struct embed *e, const char *lang, unsigned style)
{
    for (size_t k = 0; k < e->nuses; k++)
        if (e->uses[k].style == style && !strcmp(e->uses[k].lang, lang))
            return e->uses[k].cps;
    e->uses = hx_arena_grow(e->b->a, e->uses, e->nuses, &e->ucap, sizeof *e->uses, 8);
    hb_set_t *s = hb_set_create();
    e->uses[e->nuses++] = (struct use){hx_strdup(e->b->a, lang), style, s};
    return s;
}

/* The state an element gives its text: language and style. */
struct scope {
    const char *lang;
    unsigned style;
    int hidden; /* head, or a hidden element: not drawn */
};

static int has_class(xmlTextReaderPtr r, const char *cls)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "class");
    int found = 0;
    size_t n = strlen(cls);
    for (const char *p = (const char *)v; p && *p && !found;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        found = len == n && !strncmp(p, cls, n);
        p += len;
    }
    xmlFree(v);
    return found;
}

/* The scope an element opens inside parent (styles as style.css and the
 * user agent's sheet give them). */
static struct scope element_scope(struct embed *e, xmlTextReaderPtr r, struct scope parent)
{
    struct scope s = parent;
    const char *el = (const char *)xmlTextReaderConstLocalName(r);
    xmlChar *lang = xmlTextReaderGetAttribute(r, BAD_CAST "lang");
    if (lang) {
        s.lang = hx_strdup(e->b->a, (const char *)lang);
        xmlFree(lang);
    }
    xmlChar *hidden = xmlTextReaderGetAttribute(r, BAD_CAST "hidden");
    if (hidden || !strcmp(el, "head"))
        s.hidden = 1;
    xmlFree(hidden);
    if ((el[0] == 'h' && el[1] >= '1' && el[1] <= '6' && !el[2]) || !strcmp(el, "th") ||
        !strcmp(el, "strong") || !strcmp(el, "b"))
        s.style |= HX_FONT_BOLD;
    if (!strcmp(el, "em") || !strcmp(el, "i") || !strcmp(el, "cite"))
        s.style |= HX_FONT_ITALIC;
    if (!strcmp(el, "span") && has_class(r, "label"))
        s.style &= ~(unsigned)HX_FONT_BOLD;
    if (has_class(r, "formula") || has_class(r, "image"))
        s.style |= HX_FONT_ITALIC;
    if (has_class(r, "rowhead")) /* monospace, the reader's own */
        s.hidden = 1;
    return s;
}

/* Records the characters of one content document by language and style. */
static int scan_file(struct embed *e, const struct epub_file *f)
{
    xmlTextReaderPtr r =
        xmlReaderForMemory(f->data, (int)f->len, f->name, "UTF-8", XML_PARSE_NONET);
    if (!r)
        return -1;
    struct scope stack[MAX_DEPTH];
    stack[0] = (struct scope){e->b->langs[0], 0, 0};
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        int depth = xmlTextReaderDepth(r);
        if (depth < 0 || depth + 1 >= MAX_DEPTH)
            continue;
        struct scope *in = &stack[depth];
        if (type == XML_READER_TYPE_ELEMENT) {
            stack[depth + 1] = element_scope(e, r, *in);
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   !in->hidden) {
            const char *s = (const char *)xmlTextReaderConstValue(r);
            size_t len = s ? strlen(s) : 0;
            hb_set_t *set = use_set(e, in->lang, in->style);
            for (size_t i = 0; i < len;) {
                int32_t cp = hx_utf8_next(s, len, &i);
                if (cp >= 0x20)
                    hb_set_add(set, (hb_codepoint_t)cp);
            }
        }
    }
    xmlFreeTextReader(r);
    return rc == 0 ? 0 : -1;
}

static struct hx_font *styled_face(struct embed *e, const struct hx_font *family, unsigned style)
{
    if (!style)
        return (struct hx_font *)family;
    for (size_t k = 0; k < e->nstyled; k++)
        if (e->styled[k].family == family && e->styled[k].style == style)
            return e->styled[k].face;
    struct hx_font *f = hx_fonts_style(e->fs, family, style);
    e->styled = hx_arena_grow(e->b->a, e->styled, e->nstyled, &e->scap, sizeof *e->styled, 8);
    e->styled[e->nstyled++] = (struct styled){family, style, f};
    return f;
}

static const char *const style_names[] = {"Regular", "Bold", "Italic", "BoldItalic"};

/* The embedded face for font f (a base) with its own style, added when new. */
static struct face *face_get(struct embed *e, struct hx_font *f, unsigned style)
{
    for (size_t k = 0; k < e->nfaces; k++)
        if (e->faces[k].font == f)
            return &e->faces[k];
    e->faces = hx_arena_grow(e->b->a, e->faces, e->nfaces, &e->fcap, sizeof *e->faces, 8);
    struct face *fc = &e->faces[e->nfaces++];
    fc->font = f;
    fc->style = style;
    struct hx_buf name = {0};
    hx_buf_adds(&name, "fonts/");
    for (const char *p = f->family; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            hx_buf_addc(&name, *p);
    hx_buf_addf(&name, "-%s", style_names[style & 3]);
    for (size_t k = 0; k + 1 < e->nfaces; k++) /* two families alike once cleaned */
        if (!strncmp(e->faces[k].file, name.data, name.len))
            hx_buf_addf(&name, "%zu", e->nfaces);
    hx_buf_adds(&name, ".ttf");
    fc->file = hx_strdup(e->b->a, name.data);
    hx_buf_free(&name);
    return fc;
}

/* Records that family sets text of lang (once a pair). */
static void use_family(struct epub_book *b, const char *lang, const struct hx_font *family)
{
    char primary[16];
    size_t n = 0;
    for (; lang[n] && lang[n] != '-' && lang[n] != '_' && n + 1 < sizeof primary; n++)
        primary[n] = (char)(lang[n] >= 'A' && lang[n] <= 'Z' ? lang[n] + 32 : lang[n]);
    primary[n] = 0;
    for (size_t k = 0; k < b->nfont_uses; k++)
        if (b->font_uses[k].family == family && !strcmp(b->font_uses[k].lang, primary))
            return;
    b->font_uses =
        hx_arena_grow(b->a, b->font_uses, b->nfont_uses, &b->ucap, sizeof *b->font_uses, 8);
    b->font_uses[b->nfont_uses++] = (struct epub_font_use){hx_strdup(b->a, primary), family};
}

/* Assigns every recorded character to the face that sets it. */
static void assign(struct embed *e)
{
    for (size_t u = 0; u < e->nuses; u++) {
        const struct use *us = &e->uses[u];
        for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(us->cps, &cp);) {
            struct hx_font *fam = hx_fonts_pick(e->fs, us->lang, 0, (int32_t)cp);
            if (!fam) /* no font has it: the reader's own fonts may */
                continue;
            struct hx_font *g = styled_face(e, fam, us->style);
            struct hx_font *face = fam;
            unsigned own = 0;
            if (g && hb_set_has(g->base->cps, cp)) {
                face = g->base;
                own = us->style & ~(unsigned)((g->fake_bold ? HX_FONT_BOLD : 0) |
                                              (g->fake_italic ? HX_FONT_ITALIC : 0));
            }
            face_get(e, face, own);
            hb_set_add(face->used_cps, cp);
            use_family(e->b, us->lang, fam);
        }
    }
}

/* OCF font obfuscation: the first 1040 bytes XORed with the SHA-1 of the
 * unique identifier stripped of white space (U+0020, 09, 0A, 0D). */
static int obfuscate(const char *identifier, unsigned char *data, size_t len)
{
    struct hx_buf id = {0};
    for (const char *p = identifier; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            hx_buf_addc(&id, *p);
    unsigned char key[EVP_MAX_MD_SIZE];
    unsigned klen = 0;
    int ok = EVP_Digest(id.data ? id.data : "", id.len, key, &klen, EVP_sha1(), NULL) == 1 &&
             klen == KEY_LEN;
    hx_buf_free(&id);
    if (!ok)
        return -1;
    for (size_t i = 0; i < len && i < OBFUSCATED; i++)
        data[i] ^= key[i % KEY_LEN];
    return 0;
}

/* Subsets, obfuscates and adds each face; builds the @font-face rules
 * and META-INF/encryption.xml. */
static int embed_faces(struct embed *e, struct hx_buf *css, struct hx_buf *enc)
{
    struct epub_book *b = e->b;
    for (size_t k = 0; k < e->nfaces; k++) {
        const struct face *fc = &e->faces[k];
        hb_blob_t *blob = NULL;
        if (hx_font_subset_text(fc->font, &blob) < 0) {
            hb_blob_destroy(blob);
            hx_error(b->st, b->doc, NULL, "cannot subset the font %s", fc->font->path);
            return -1;
        }
        unsigned len;
        const char *data = hb_blob_get_data(blob, &len);
        epub_book_add(b, fc->file, "font/ttf", data, len, 0);
        hb_blob_destroy(blob);
        struct epub_file *f = &b->files[b->nfiles - 1];
        if (obfuscate(b->identifier, (unsigned char *)f->data, f->len) < 0) {
            hx_error(b->st, b->doc, NULL, "cannot compute the SHA-1 key to obfuscate fonts");
            return -1;
        }
        hx_buf_addf(css,
                    "@font-face { font-family: \"hx-%s\"; font-weight: %s; font-style: %s; "
                    "src: url(\"%s\") format(\"truetype\"); }\n",
                    fc->font->family, fc->style & HX_FONT_BOLD ? "bold" : "normal",
                    fc->style & HX_FONT_ITALIC ? "italic" : "normal", fc->file);
        hx_buf_addf(enc,
                    "  <enc:EncryptedData>\n"
                    "    <enc:EncryptionMethod Algorithm=\"http://www.idpf.org/2008/embedding\"/>\n"
                    "    <enc:CipherData><enc:CipherReference URI=\"EPUB/%s\"/></enc:CipherData>\n"
                    "  </enc:EncryptedData>\n",
                    fc->file);
    }
    return 0;
}

const char *epub_fonts_families(const struct epub_book *b, const char *lang)
{
    if (!b->fs || !b->nfont_uses)
        return "";
    struct hx_font *const *v;
    size_t n = hx_fonts_chain(b->fs, lang, 0, &v);
    struct hx_buf s = {0};
    for (size_t k = 0; k < n; k++) {
        int in = 0;
        for (size_t j = 0; j < b->nfont_uses && !in; j++)
            in = b->font_uses[j].family == v[k]->base &&
                 (!*lang || hx_lang_is(lang, b->font_uses[j].lang));
        if (in)
            hx_buf_addf(&s, "\"hx-%s\", ", v[k]->family);
    }
    const char *r = hx_strdup(b->a, s.data ? s.data : "");
    hx_buf_free(&s);
    return r;
}

int epub_fonts_embed(struct epub_book *b)
{
    if (!b->fs)
        return 0;
    struct embed e = {.b = b, .fs = b->fs};
    struct hx_font **loaded;
    size_t nl = hx_fonts_loaded(b->fs, &loaded);
    for (size_t k = 0; k < nl; k++) /* the previous document's */
        hb_set_clear(loaded[k]->used_cps);
    int rc = 0;
    size_t nfiles = b->nfiles;
    for (size_t k = 0; k < nfiles && rc == 0; k++)
        if (!strcmp(b->files[k].media, "application/xhtml+xml") &&
            scan_file(&e, &b->files[k]) < 0) {
            hx_error(b->st, b->doc, NULL, "cannot read back %s", b->files[k].name);
            rc = -1;
        }
    struct hx_buf css = {0}, enc = {0};
    b->nfont_uses = 0;
    if (rc == 0) {
        assign(&e);
        rc = embed_faces(&e, &css, &enc);
    }
    for (size_t k = 0; k < e.nuses; k++)
        hb_set_destroy(e.uses[k].cps);
    if (rc == 0 && e.nfaces) {
        b->font_faces = hx_strdup(b->a, css.data);
        hx_buf_adds(&enc, "</encryption>\n");
        b->encryption =
            hx_printf(b->a,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
                      "xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\">\n%s",
                      enc.data);
    }
    hx_buf_free(&css);
    hx_buf_free(&enc);
    return rc;
}
