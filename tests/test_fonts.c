/* fonts/: the font map through fontconfig, per-character fallback,
 * synthetic styles, subsetting, and the fonts-directory override. Skips
 * (77) when the Debian fonts of scripts/setup are not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fonts/fonts.h"

static const char *family(struct hx_fonts *fs, const char *lang, unsigned style, int32_t cp)
{
    struct hx_font *f = hx_fonts_pick(fs, lang, style, cp);
    return f ? f->family : NULL;
}

int main(void)
{
    const char *err = NULL;
    struct hx_fonts *fs = hx_fonts_open(NULL, &err);
    if (!fs) {
        printf("SKIP: %s\n", err);
        return 77;
    }
    /* The map's first choices. */
    CHECK_STR(family(fs, "en", 0, 'A'), "Liberation Serif");
    CHECK_STR(family(fs, "ru", HX_FONT_BOLD, 0x0416), "Liberation Serif");
    CHECK_STR(family(fs, "zh", 0, 0x4E2D), "AR PL UMing CN");
    CHECK_STR(family(fs, "zh-Hans", HX_FONT_BOLD, 0x4E2D), "WenQuanYi Zen Hei");
    CHECK_STR(family(fs, "ar", 0, 0x0639), "Noto Naskh Arabic");
    /* Latin in Chinese text comes from the Chinese face when it has it. */
    CHECK_STR(family(fs, "zh", 0, 'A'), "AR PL UMing CN");
    /* Fallback per character: Han in English text, Arabic in French. */
    CHECK(family(fs, "en", 0, 0x4E2D) != NULL);
    CHECK(family(fs, "fr", 0, 0x0639) != NULL);
    /* Nobody has a plane-16 private-use character. */
    CHECK(hx_fonts_pick(fs, "en", 0, 0x10FFFD) == NULL);
    /* A real bold face, and a synthetic one where the family has none. */
    struct hx_font *b = hx_fonts_pick(fs, "en", HX_FONT_BOLD, 'A');
    CHECK(b && !b->fake_bold && strstr(b->path, "Bold"));
    struct hx_font *zi = hx_fonts_pick(fs, "zh", HX_FONT_ITALIC, 0x4E2D);
    CHECK(zi && zi->fake_italic && zi->base != zi);
    CHECK(hx_fonts_main(fs, "xx", 0) != NULL);

    /* Subsetting keeps the used glyphs, renumbered. */
    struct hx_font *f = hx_fonts_pick(fs, "en", 0, 'A');
    hb_codepoint_t ga = 0, gz = 0;
    CHECK(hb_font_get_nominal_glyph(f->hb, 'A', &ga));
    CHECK(hb_font_get_nominal_glyph(f->hb, 'z', &gz));
    hb_set_add(f->used_glyphs, ga);
    hb_set_add(f->used_glyphs, gz);
    hb_set_add(f->used_cps, 'A');
    hb_set_add(f->used_cps, 'z');
    hb_blob_t *blob = NULL;
    hb_map_t *map = hb_map_create();
    CHECK_INT(hx_font_subset(f, &blob, map), 0);
    hb_face_t *sub = hb_face_create(blob, 0);
    CHECK(hb_face_get_glyph_count(sub) <= 4);
    CHECK(hb_face_get_glyph_count(hb_font_get_face(f->hb)) > 100);
    CHECK(hb_map_has(map, ga) && hb_map_has(map, gz));
    CHECK(hb_map_get(map, ga) != hb_map_get(map, gz));
    hb_face_destroy(sub);
    hb_blob_destroy(blob);
    hb_map_destroy(map);
    struct hx_font **all;
    CHECK(hx_fonts_loaded(fs, &all) >= 4);
    hx_fonts_close(fs);

    /* The directory override: only what is there. */
    char dir[] = "/tmp/hx-fonts-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    CHECK(hx_fonts_open(dir, &err) == NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/serif.ttf", dir);
    FILE *in = fopen("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "rb");
    FILE *out = fopen(path, "wb");
    char buf[65536];
    size_t n;
    while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    fs = hx_fonts_open(dir, &err);
    CHECK(fs != NULL);
    if (fs) {
        CHECK_STR(family(fs, "en", 0, 'A'), "Liberation Serif");
        CHECK(hx_fonts_pick(fs, "zh", 0, 0x4E2D) == NULL);
        hx_fonts_close(fs);
    }
    unlink(path);
    rmdir(dir);
    return check_done();
}
