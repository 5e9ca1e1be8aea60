/* Fonts: which TrueType font sets a character of a language in a style,
 * found through fontconfig, with per-character fallback, and subsetting.
 *
 * Boundary: fonts/ knows languages (BCP 47 tags), styles, code points and
 * glyph ids; it never sees the document model nor a PDF library. The font
 * map is data (fontmap.tsv). Only TrueType outlines (a glyf table) are
 * used: libharu 2.3.0 cannot embed CFF (feasibility notes, Q1). A style
 * the family lacks is taken from its regular face and marked synthetic,
 * for the writer to embolden or slant. */
#ifndef HX_FONTS_H
#define HX_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

enum { HX_FONT_BOLD = 1, HX_FONT_ITALIC = 2 };

struct hx_font {
    const char *path; /* file, and face index in a collection */
    unsigned index;
    const char *family;
    hb_face_t *face;
    hb_font_t *hb; /* scale = upem: positions in font units */
    unsigned upem;
    double ascender, descender; /* in em (descender negative) */
    int fake_bold, fake_italic; /* the style was asked, the face lacks it */
    struct hx_font *base;       /* the face's own entry (itself when not
                                 * synthetic): what a writer embeds, and
                                 * where the used sets are kept */
    hb_set_t *cps;              /* code points the cmap maps */
    hb_set_t *used_glyphs;      /* filled by the user, for hx_font_subset */
    hb_set_t *used_cps;
    void *user; /* the writer's per-font state */
};

struct hx_fonts;

/* A font map over the system's fonts (dir NULL or "") or over the fonts
 * in dir only (the --fonts override). NULL with *err set (a static
 * message) when fontconfig fails or no font of the map is there. */
struct hx_fonts *hx_fonts_open(const char *dir, const char **err);
void hx_fonts_close(struct hx_fonts *fs);

/* The font that sets cp in text of lang in style (HX_FONT_* bits): the
 * first font of the language's chain that has cp, else of the fallback
 * chain; NULL when no font has it. Fonts live as long as fs. */
struct hx_font *hx_fonts_pick(struct hx_fonts *fs, const char *lang, unsigned style, int32_t cp);

/* The language's first font for style (for metrics of empty lines and of
 * space); never NULL once hx_fonts_open succeeded. */
struct hx_font *hx_fonts_main(struct hx_fonts *fs, const char *lang, unsigned style);

/* Every face loaded so far (bases only), in load order (stable for a
 * given input). */
size_t hx_fonts_loaded(struct hx_fonts *fs, struct hx_font ***v);

/* f's family (as the font map names it) in style: the face fontconfig
 * finds for it, marked synthetic where the family lacks the style; NULL
 * when the family has no face left. For a writer that picks a family per
 * character (the reading system styles the text itself). */
struct hx_font *hx_fonts_style(struct hx_fonts *fs, const struct hx_font *f, unsigned style);

/* The chain of lang in style, in order of preference (the language's
 * families, then the fallback chain's): what hx_fonts_pick walks. */
size_t hx_fonts_chain(struct hx_fonts *fs, const char *lang, unsigned style,
                      struct hx_font *const **v);

/* A subset of f with exactly its used_glyphs (and their components),
 * glyph ids renumbered: *blob gets the TrueType file, old2new (created by
 * the caller) maps old glyph ids to new. 0, or -1 when HarfBuzz fails. */
int hx_font_subset(struct hx_font *f, hb_blob_t **blob, hb_map_t *old2new);

/* A subset of f for a reader that shapes the text itself (an e-book):
 * the code points in used_cps with every glyph the font's layout tables
 * can reach from them (Arabic joining forms, ligatures), layout tables
 * kept. *blob gets the TrueType file. 0, or -1 when HarfBuzz fails. */
int hx_font_subset_text(struct hx_font *f, hb_blob_t **blob);

#endif
