/* Font lookup through fontconfig by the font map (fontmap.tsv), per-
 * character fallback, and subsetting with hb-subset (see fonts.h). */
#include "fonts/fonts.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>

/* Only the arena's header, for hx_oom (out of memory is the document's
 * error, not a crash); never hx.h: fonts/ does not see the model. */
#include "pipeline/arena.h"

extern const char *const hx_fontmap[][3];
extern const size_t hx_fontmap_rows;

#define MAX_CHAIN 16

struct chain {
    char lang[16];
    unsigned style;
    struct hx_font *v[MAX_CHAIN];
    size_t n;
};

struct hx_fonts {
    FcConfig *fc;
    struct hx_font **fonts; /* every entry, synthetic ones too */
    size_t nfonts, cap;
    struct hx_font **bases;
    size_t nbases, bcap;
    struct chain *chains;
    size_t nchains;
};

static const char *const style_names[] = {"regular", "bold", "italic", "bolditalic"};

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? 2 * *cap : 16;
    v = realloc(v, *cap * size);
    if (!v)
        hx_oom();
    return v;
}

static struct hx_font *font_load(const char *path, unsigned index, const char *family)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, index);
    hb_blob_destroy(blob);
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (!glyf_len) { /* CFF or bitmap only: libharu cannot embed it */
        hb_face_destroy(face);
        return NULL;
    }
    struct hx_font *f = calloc(1, sizeof *f);
    if (!f)
        hx_oom();
    f->path = strdup(path);
    f->family = strdup(family);
    f->index = index;
    f->face = face;
    f->upem = hb_face_get_upem(face);
    f->hb = hb_font_create(face);
    hb_font_set_scale(f->hb, (int)f->upem, (int)f->upem);
    hb_font_extents_t ext;
    hb_font_get_h_extents(f->hb, &ext);
    f->ascender = (double)ext.ascender / f->upem;
    f->descender = (double)ext.descender / f->upem;
    f->cps = hb_set_create();
    hb_face_collect_unicodes(face, f->cps);
    f->used_glyphs = hb_set_create();
    f->used_cps = hb_set_create();
    f->base = f;
    return f;
}

static void font_free(struct hx_font *f)
{
    if (f->base == f) {
        hb_font_destroy(f->hb);
        hb_face_destroy(f->face);
        hb_set_destroy(f->cps);
        hb_set_destroy(f->used_glyphs);
        hb_set_destroy(f->used_cps);
        free((char *)f->path);
        free((char *)f->family);
    }
    free(f);
}

/* The loaded entry for file/index with the given synthetic flags. */
static struct hx_font *font_get(struct hx_fonts *fs, const char *path, unsigned index,
                                const char *family, int fake_bold, int fake_italic)
{
    struct hx_font *base = NULL;
    for (size_t k = 0; k < fs->nbases && !base; k++)
        if (fs->bases[k]->index == index && !strcmp(fs->bases[k]->path, path))
            base = fs->bases[k];
    if (!base) {
        if (!(base = font_load(path, index, family)))
            return NULL;
        fs->bases = grow(fs->bases, &fs->bcap, fs->nbases, sizeof *fs->bases);
        fs->bases[fs->nbases++] = base;
        fs->fonts = grow(fs->fonts, &fs->cap, fs->nfonts, sizeof *fs->fonts);
        fs->fonts[fs->nfonts++] = base;
    }
    if (!fake_bold && !fake_italic)
        return base;
    for (size_t k = 0; k < fs->nfonts; k++) {
        struct hx_font *f = fs->fonts[k];
        if (f->base == base && f->fake_bold == fake_bold && f->fake_italic == fake_italic)
            return f;
    }
    struct hx_font *f = malloc(sizeof *f);
    if (!f)
        hx_oom();
    *f = *base;
    f->fake_bold = fake_bold;
    f->fake_italic = fake_italic;
    f->base = base;
    fs->fonts = grow(fs->fonts, &fs->cap, fs->nfonts, sizeof *fs->fonts);
    fs->fonts[fs->nfonts++] = f;
    return f;
}

/* The face of family closest to style: exact when there is one, else the
 * most regular face with the missing part synthetic. Ties go to the
 * smaller file name, so the choice does not depend on fontconfig's order. */
static struct hx_font *family_find(struct hx_fonts *fs, const char *family, unsigned style)
{
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os =
        FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_FONTFORMAT, (char *)NULL);
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcFontSet *set = FcFontList(fs->fc, pat, os);
    const char *best = NULL;
    int best_score = -1, best_index = 0, best_bold = 0, best_italic = 0;
    for (int k = 0; set && k < set->nfont; k++) {
        FcChar8 *file, *format;
        int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
        if (FcPatternGetString(set->fonts[k], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (FcPatternGetString(set->fonts[k], FC_FONTFORMAT, 0, &format) == FcResultMatch &&
            strcmp((const char *)format, "TrueType"))
            continue;
        FcPatternGetInteger(set->fonts[k], FC_INDEX, 0, &index);
        FcPatternGetInteger(set->fonts[k], FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(set->fonts[k], FC_SLANT, 0, &slant);
        int bold = weight >= FC_WEIGHT_DEMIBOLD, italic = slant != FC_SLANT_ROMAN;
        int regularish = weight >= FC_WEIGHT_LIGHT && weight <= FC_WEIGHT_MEDIUM;
        int score = 0;
        if (bold == !!(style & HX_FONT_BOLD) && italic == !!(style & HX_FONT_ITALIC))
            score = 100;
        else if (!bold && !italic)
            score = 50;
        else if (!(style & HX_FONT_ITALIC) == !italic && !bold)
            score = 40;
        else
            continue;
        score += regularish || bold;
        if (score > best_score || (score == best_score && strcmp((const char *)file, best) < 0)) {
            best = (const char *)file;
            best_score = score;
            best_index = index;
            best_bold = bold;
            best_italic = italic;
        }
    }
    struct hx_font *f = NULL;
    if (best)
        f = font_get(fs, best, (unsigned)best_index, family, (style & HX_FONT_BOLD) && !best_bold,
                     (style & HX_FONT_ITALIC) && !best_italic);
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return f;
}

static void chain_add_families(struct hx_fonts *fs, struct chain *c, const char *lang)
{
    for (size_t r = 0; r < hx_fontmap_rows; r++) {
        if (strcmp(hx_fontmap[r][0], lang) || strcmp(hx_fontmap[r][1], style_names[c->style]))
            continue;
        char *list = strdup(hx_fontmap[r][2]), *save = NULL;
        for (char *fam = strtok_r(list, ",", &save); fam; fam = strtok_r(NULL, ",", &save)) {
            struct hx_font *f = family_find(fs, fam, c->style);
            int dup = !f;
            for (size_t k = 0; k < c->n && !dup; k++)
                dup = c->v[k]->base == f->base;
            if (!dup && c->n < MAX_CHAIN)
                c->v[c->n++] = f;
        }
        free(list);
    }
}

/* The chain of lang's primary subtag ("zh" for "zh-Hans") and style. */
static struct chain *chain_get(struct hx_fonts *fs, const char *lang, unsigned style)
{
    char key[16] = "";
    size_t i = 0;
    for (; lang && lang[i] && lang[i] != '-' && lang[i] != '_' && i + 1 < sizeof key; i++)
        key[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
    key[i] = 0;
    style &= 3;
    for (size_t k = 0; k < fs->nchains; k++)
        if (fs->chains[k].style == style && !strcmp(fs->chains[k].lang, key))
            return &fs->chains[k];
    struct chain *v = realloc(fs->chains, (fs->nchains + 1) * sizeof *v);
    if (!v)
        hx_oom();
    fs->chains = v;
    struct chain *c = &v[fs->nchains++];
    memset(c, 0, sizeof *c);
    strcpy(c->lang, key);
    c->style = style;
    if (*key)
        chain_add_families(fs, c, key);
    chain_add_families(fs, c, "*");
    return c;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the font files of dir file by file, in name order: adding the
 * directory would make fontconfig want a cache directory to write. */
static int add_dir(FcConfig *fc, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 ||
            (strcasecmp(e->d_name + len - 4, ".ttf") && strcasecmp(e->d_name + len - 4, ".ttc")))
            continue;
        names = grow(names, &cap, n, sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, name_cmp);
    for (size_t k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        FcConfigAppFontAddFile(fc, (const FcChar8 *)path);
        free(names[k]);
    }
    free(names);
    return 0;
}

struct hx_fonts *hx_fonts_open(const char *dir, const char **err)
{
    struct hx_fonts *fs = calloc(1, sizeof *fs);
    if (!fs)
        hx_oom();
    if (dir && *dir) {
        fs->fc = FcConfigCreate();
        if (!fs->fc || add_dir(fs->fc, dir) < 0) {
            *err = "cannot read the fonts directory";
            hx_fonts_close(fs);
            return NULL;
        }
    } else {
        fs->fc = FcInitLoadConfigAndFonts();
        if (!fs->fc) {
            *err = "fontconfig cannot load its configuration";
            hx_fonts_close(fs);
            return NULL;
        }
    }
    if (!chain_get(fs, "", 0)->n) {
        *err = "no TrueType font of the font map is installed (fonts-liberation2, "
               "fonts-arphic-uming, fonts-noto-core)";
        hx_fonts_close(fs);
        return NULL;
    }
    return fs;
}

void hx_fonts_close(struct hx_fonts *fs)
{
    if (!fs)
        return;
    for (size_t k = 0; k < fs->nfonts; k++)
        if (fs->fonts[k]->base != fs->fonts[k])
            font_free(fs->fonts[k]);
    for (size_t k = 0; k < fs->nbases; k++)
        font_free(fs->bases[k]);
    free(fs->fonts);
    free(fs->bases);
    free(fs->chains);
    if (fs->fc)
        FcConfigDestroy(fs->fc);
    free(fs);
}

struct hx_font *hx_fonts_pick(struct hx_fonts *fs, const char *lang, unsigned style, int32_t cp)
{
    struct chain *c = chain_get(fs, lang, style);
    for (size_t k = 0; k < c->n; k++)
        if (hb_set_has(c->v[k]->cps, (hb_codepoint_t)cp))
            return c->v[k];
    return NULL;
}

struct hx_font *hx_fonts_main(struct hx_fonts *fs, const char *lang, unsigned style)
{
    struct chain *c = chain_get(fs, lang, style);
    return c->n ? c->v[0] : chain_get(fs, "", 0)->v[0];
}

struct hx_font *hx_fonts_style(struct hx_fonts *fs, const struct hx_font *f, unsigned style)
{
    return family_find(fs, f->family, style & 3);
}

size_t hx_fonts_chain(struct hx_fonts *fs, const char *lang, unsigned style,
                      struct hx_font *const **v)
{
    struct chain *c = chain_get(fs, lang, style);
    *v = c->v;
    return c->n;
}

size_t hx_fonts_loaded(struct hx_fonts *fs, struct hx_font ***v)
{
    *v = fs->bases;
    return fs->nbases;
}

int hx_font_subset(struct hx_font *f, hb_blob_t **blob, hb_map_t *old2new)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return -1;
    f = f->base;
    hb_set_union(hb_subset_input_glyph_set(in), f->used_glyphs);
    hb_set_union(hb_subset_input_unicode_set(in), f->used_cps);
    /* The PDF is drawn by glyph id: layout tables are dead weight. */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const hb_tag_t tags[] = {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
                                    HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
                                    HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'),
                                    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H')};
    for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
        hb_set_add(drop, tags[k]);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!plan)
        return -1;
    const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
    for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(f->used_glyphs, &g);)
        if (hb_map_has(map, g))
            hb_map_set(old2new, g, hb_map_get(map, g));
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    hb_subset_plan_destroy(plan);
    if (!sub)
        return -1;
    *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    return hb_blob_get_length(*blob) ? 0 : -1;
}

int hx_font_subset_text(struct hx_font *f, hb_blob_t **blob)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return -1;
    f = f->base;
    /* By code point: hb-subset keeps GSUB/GPOS/GDEF and adds the glyphs
     * their lookups reach, so the reader's shaper finds every form. */
    hb_set_union(hb_subset_input_unicode_set(in), f->used_cps);
    /* Reading systems draw at screen resolutions with their own
     * rasterisers: hinting instructions are most of a CJK face's bytes. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return -1;
    *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    return hb_blob_get_length(*blob) ? 0 : -1;
}
