/* DOCX styles (with basedOn inheritance), run and paragraph properties, and
 * the note numbering settings. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"

static const char *const fmt_names[] = {
    [NF_DECIMAL] = "decimal",
    [NF_DECIMAL_ZERO] = "decimalZero",
    [NF_UPPER_LETTER] = "upperLetter",
    [NF_LOWER_LETTER] = "lowerLetter",
    [NF_UPPER_ROMAN] = "upperRoman",
    [NF_LOWER_ROMAN] = "lowerRoman",
    [NF_ORDINAL] = "ordinal",
    [NF_CARDINAL_TEXT] = "cardinalText",
    [NF_ORDINAL_TEXT] = "ordinalText",
    [NF_CHINESE_COUNTING] = "chineseCounting",
    [NF_CHINESE_THOUSAND] = "chineseCountingThousand",
    [NF_CHINESE_LEGAL] = "chineseLegalSimplified",
    [NF_IDEOGRAPH_TRAD] = "ideographTraditional",
    [NF_IDEOGRAPH_ZODIAC] = "ideographZodiac",
    [NF_IDEOGRAPH_DIGITAL] = "ideographDigital",
    [NF_DECIMAL_FULL] = "decimalFullWidth",
    [NF_DECIMAL_HALF] = "decimalHalfWidth",
    [NF_JAPANESE_COUNTING] = "japaneseCounting",
    [NF_ARABIC_ALPHA] = "arabicAlpha",
    [NF_ARABIC_ABJAD] = "arabicAbjad",
    [NF_HINDI_NUMBERS] = "hindiNumbers",
    [NF_HINDI_VOWELS] = "hindiVowels",
    [NF_HINDI_CONSONANTS] = "hindiConsonants",
    [NF_HINDI_COUNTING] = "hindiCounting",
    [NF_ENCLOSED_CIRCLE] = "decimalEnclosedCircle",
    [NF_ENCLOSED_FULLSTOP] = "decimalEnclosedFullstop",
    [NF_ENCLOSED_PAREN] = "decimalEnclosedParen",
    [NF_RUSSIAN_LOWER] = "russianLower",
    [NF_RUSSIAN_UPPER] = "russianUpper",
    [NF_THAI_NUMBERS] = "thaiNumbers",
    [NF_BULLET] = "bullet",
    [NF_NONE] = "none",
};

int docx_fmt_parse(const char *s)
{
    if (!s)
        return NF_DECIMAL;
    for (size_t i = 0; i < sizeof fmt_names / sizeof fmt_names[0]; i++)
        if (fmt_names[i] && strcmp(s, fmt_names[i]) == 0)
            return (int)i;
    /* Close relatives Word draws the same way. */
    if (strcmp(s, "decimalEnclosedCircleChinese") == 0 || strcmp(s, "ideographEnclosedCircle") == 0)
        return NF_ENCLOSED_CIRCLE;
    if (strcmp(s, "japaneseDigitalTenThousand") == 0 || strcmp(s, "taiwaneseDigital") == 0)
        return NF_IDEOGRAPH_DIGITAL;
    if (strcmp(s, "taiwaneseCounting") == 0 || strcmp(s, "taiwaneseCountingThousand") == 0 ||
        strcmp(s, "japaneseLegal") == 0)
        return NF_CHINESE_COUNTING;
    if (strcmp(s, "chineseLegalSimplified") == 0)
        return NF_CHINESE_LEGAL;
    return NF_DECIMAL;
}

static const char *lang_dup(struct docx *dx, const char *v)
{
    if (!v || !*v || strcmp(v, "x-none") == 0 || strcmp(v, "zxx") == 0)
        return NULL;
    return hx_strdup(dx->doc->arena, v);
}

static void bit(struct docx_rpr *rp, unsigned b, int on)
{
    rp->set |= b;
    if (on)
        rp->val |= b;
    else
        rp->val &= ~b;
}

int docx_rpr_parse(struct docx *dx, struct docx_xml *x, struct docx_rpr *rp)
{
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    while ((rc = docx_xml_w_child(dx, x, d, e)) > 0) {
        const char *n = (const char *)xmlTextReaderConstLocalName(x->r);
        if (strcmp(n, "b") == 0)
            bit(rp, RP_B, docx_onoff(x));
        else if (strcmp(n, "i") == 0)
            bit(rp, RP_I, docx_onoff(x));
        else if (strcmp(n, "rtl") == 0)
            bit(rp, RP_RTL, docx_onoff(x));
        else if (strcmp(n, "cs") == 0)
            bit(rp, RP_CS, docx_onoff(x));
        else if (strcmp(n, "rFonts") == 0) {
            const char *v = docx_attr(x, NS_W, "ascii");
            if (v)
                bit(rp, RP_SYMBOL, strcmp(v, "Symbol") == 0);
        } else if (strcmp(n, "vertAlign") == 0) {
            const char *v = docx_attr(x, NS_W, "val");
            rp->vert = !v                              ? 0
                       : strcmp(v, "superscript") == 0 ? 2
                       : strcmp(v, "subscript") == 0   ? 3
                                                       : 1;
        } else if (strcmp(n, "lang") == 0) {
            const char *v;
            if ((v = docx_attr(x, NS_W, "val")))
                rp->lang = lang_dup(dx, v);
            if ((v = docx_attr(x, NS_W, "eastAsia")))
                rp->lang_ea = lang_dup(dx, v);
            if ((v = docx_attr(x, NS_W, "bidi")))
                rp->lang_bidi = lang_dup(dx, v);
        } else if (strcmp(n, "rStyle") == 0) {
            rp->style = docx_attr_dup(dx, x, NS_W, "val");
        } else if (strcmp(n, "ins") == 0 || strcmp(n, "moveTo") == 0) {
            rp->mark_ins = 1;
        } else if (strcmp(n, "del") == 0 || strcmp(n, "moveFrom") == 0) {
            rp->mark_del = 1;
        }
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    return rc;
}

int docx_sectpr_parse(struct docx *dx, struct docx_xml *x)
{
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    while ((rc = docx_xml_child(dx, x, d, e)) > 0) {
        struct docx_notepr *np = NULL;
        if (docx_is(x, NS_W, "footnotePr"))
            np = &dx->fnpr;
        else if (docx_is(x, NS_W, "endnotePr"))
            np = &dx->enpr;
        if (!np) {
            if (docx_xml_skip(dx, x) < 0)
                return -1;
            continue;
        }
        int d2 = xmlTextReaderDepth(x->r);
        int e2 = xmlTextReaderIsEmptyElement(x->r);
        while ((rc = docx_xml_child(dx, x, d2, e2)) > 0) {
            if (docx_is(x, NS_W, "numFmt"))
                np->fmt = docx_fmt_parse(docx_attr(x, NS_W, "val"));
            else if (docx_is(x, NS_W, "numStart"))
                np->start = docx_ival(docx_attr(x, NS_W, "val"), 1);
            else if (docx_is(x, NS_W, "numRestart")) {
                const char *v = docx_attr(x, NS_W, "val");
                /* Pages are unknown here: eachPage counts on. */
                np->restart = v && strcmp(v, "eachSect") == 0;
            }
            if (docx_xml_skip(dx, x) < 0)
                return -1;
        }
        if (rc < 0)
            return -1;
    }
    return rc;
}

int docx_ppr_parse(struct docx *dx, struct docx_xml *x, struct docx_ppr *pp)
{
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    while ((rc = docx_xml_w_child(dx, x, d, e)) > 0) {
        const char *n = (const char *)xmlTextReaderConstLocalName(x->r);
        if (strcmp(n, "pStyle") == 0) {
            pp->style = docx_attr_dup(dx, x, NS_W, "val");
        } else if (strcmp(n, "numPr") == 0) {
            int d2 = xmlTextReaderDepth(x->r);
            int e2 = xmlTextReaderIsEmptyElement(x->r);
            while ((rc = docx_xml_child(dx, x, d2, e2)) > 0) {
                if (docx_is(x, NS_W, "ilvl"))
                    pp->ilvl = docx_ival(docx_attr(x, NS_W, "val"), 0);
                else if (docx_is(x, NS_W, "numId"))
                    pp->num_id = docx_ival(docx_attr(x, NS_W, "val"), 0);
                if (docx_xml_skip(dx, x) < 0)
                    return -1;
            }
            if (rc < 0)
                return -1;
            continue;
        } else if (strcmp(n, "outlineLvl") == 0) {
            pp->outline = docx_ival(docx_attr(x, NS_W, "val"), 9);
        } else if (strcmp(n, "bidi") == 0) {
            pp->bidi = docx_onoff(x);
        } else if (strcmp(n, "rPr") == 0) {
            struct docx_rpr rp = {0};
            if (docx_rpr_parse(dx, x, &rp) < 0)
                return -1;
            pp->mark_ins |= rp.mark_ins;
            pp->mark_del |= rp.mark_del;
            continue;
        } else if (strcmp(n, "sectPr") == 0) {
            pp->sect = 1;
            if (docx_sectpr_parse(dx, x) < 0)
                return -1;
            continue;
        }
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    return rc;
}

void docx_rpr_apply(struct docx_rpr *dst, const struct docx_rpr *src)
{
    dst->val = (dst->val & ~src->set) | (src->val & src->set);
    dst->set |= src->set;
    if (src->vert)
        dst->vert = src->vert;
    if (src->lang)
        dst->lang = src->lang;
    if (src->lang_ea)
        dst->lang_ea = src->lang_ea;
    if (src->lang_bidi)
        dst->lang_bidi = src->lang_bidi;
}

static void ppr_init(struct docx_ppr *pp)
{
    memset(pp, 0, sizeof *pp);
    pp->num_id = pp->ilvl = pp->outline = pp->bidi = -1;
}

static int style_read(struct docx *dx, struct docx_xml *x, size_t *cap)
{
    struct docx_style s;
    const char *type = docx_attr(x, NS_W, "type");
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    memset(&s, 0, sizeof s);
    ppr_init(&s.ppr);
    s.type = !type || strcmp(type, "paragraph") == 0 ? ST_PARA
             : strcmp(type, "character") == 0        ? ST_CHAR
             : strcmp(type, "table") == 0            ? ST_TABLE
                                                     : ST_NUMBERING;
    s.id = docx_attr_dup(dx, x, NS_W, "styleId");
    const char *def = docx_attr(x, NS_W, "default");
    int is_default = def && (strcmp(def, "1") == 0 || strcmp(def, "true") == 0);
    while ((rc = docx_xml_child(dx, x, d, e)) > 0) {
        if (docx_is(x, NS_W, "name"))
            s.name = docx_attr_dup(dx, x, NS_W, "val");
        else if (docx_is(x, NS_W, "basedOn"))
            s.based = docx_attr_dup(dx, x, NS_W, "val");
        else if (docx_is(x, NS_W, "pPr")) {
            if (docx_ppr_parse(dx, x, &s.ppr) < 0)
                return -1;
            continue;
        } else if (docx_is(x, NS_W, "rPr")) {
            if (docx_rpr_parse(dx, x, &s.rpr) < 0)
                return -1;
            continue;
        }
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    if (rc < 0 || !s.id)
        return rc;
    if (is_default && s.type == ST_PARA)
        dx->styles.def_para = s.id;
    dx->styles.v =
        hx_arena_grow(dx->doc->arena, dx->styles.v, dx->styles.n, cap, sizeof *dx->styles.v, 64);
    dx->styles.v[dx->styles.n++] = s;
    return 0;
}

static int styles_node(struct docx *dx, struct docx_xml *x, void *ud)
{
    size_t *cap = ud;
    if (docx_is(x, NS_W, "style"))
        return style_read(dx, x, cap) < 0 ? -1 : 0;
    if (docx_is(x, NS_W, "rPrDefault")) {
        int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r), r;
        while ((r = docx_xml_child(dx, x, d, e)) > 0)
            if (docx_is(x, NS_W, "rPr") && docx_rpr_parse(dx, x, &dx->styles.defaults) < 0)
                return -1;
        return r < 0 ? -1 : 0;
    }
    return 0;
}

int docx_styles_read(struct docx *dx, const char *part)
{
    size_t cap = 0;
    return docx_cache_walk(dx, part, DOCX_CACHE_STYLES, styles_node, &cap);
}

/* settings' footnotePr/endnotePr look like a section's. */
static int settings_node(struct docx *dx, struct docx_xml *x, void *ud)
{
    (void)ud;
    if (!docx_is(x, NS_W, "settings"))
        return 0;
    return docx_sectpr_parse(dx, x) < 0 ? -1 : 1;
}

int docx_settings_read(struct docx *dx, const char *part)
{
    return docx_part_walk(dx, part, settings_node, NULL);
}

const struct docx_style *docx_style_get(const struct docx *dx, const char *id)
{
    for (size_t i = 0; id && i < dx->styles.n; i++)
        if (strcmp(dx->styles.v[i].id, id) == 0)
            return &dx->styles.v[i];
    return NULL;
}

/* Applies the chain root first; depth-limited against basedOn loops. */
static void rpr_chain(struct docx *dx, const char *id, struct docx_rpr *out, int depth)
{
    const struct docx_style *s = docx_style_get(dx, id);
    if (!s || depth > 32)
        return;
    if (s->based && strcmp(s->based, id) != 0)
        rpr_chain(dx, s->based, out, depth + 1);
    docx_rpr_apply(out, &s->rpr);
}

void docx_style_rpr(struct docx *dx, const char *id, struct docx_rpr *out)
{
    rpr_chain(dx, id, out, 0);
}

static void ppr_chain(struct docx *dx, const char *id, struct docx_ppr *out, int depth)
{
    const struct docx_style *s = docx_style_get(dx, id);
    if (!s || depth > 32)
        return;
    if (s->based && strcmp(s->based, id) != 0)
        ppr_chain(dx, s->based, out, depth + 1);
    if (s->ppr.num_id >= 0)
        out->num_id = s->ppr.num_id;
    if (s->ppr.ilvl >= 0)
        out->ilvl = s->ppr.ilvl;
    if (s->ppr.outline >= 0)
        out->outline = s->ppr.outline;
    if (s->ppr.bidi >= 0)
        out->bidi = s->ppr.bidi;
}

void docx_style_ppr(struct docx *dx, const char *id, struct docx_ppr *out)
{
    ppr_init(out);
    ppr_chain(dx, id, out, 0);
}

static int name_heading(const char *name)
{
    if (!name)
        return 0;
    char low[16];
    size_t n = strlen(name);
    if (n != 9)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[n] = '\0';
    if (strncmp(low, "heading ", 8) == 0 && low[8] >= '1' && low[8] <= '9')
        return low[8] - '0';
    return 0;
}

int docx_style_heading(struct docx *dx, const char *id)
{
    const struct docx_style *s = docx_style_get(dx, id);
    for (int depth = 0; s && depth < 32; depth++) {
        int h = name_heading(s->name);
        /* producers that name the style in the UI language keep the
         * built-in id "Heading1" */
        if (!h && s->id && strlen(s->id) == 8 && strncmp(s->id, "Heading", 7) == 0 &&
            s->id[7] >= '1' && s->id[7] <= '9')
            h = s->id[7] - '0';
        if (h)
            return h;
        if (!s->based)
            break;
        s = docx_style_get(dx, s->based);
    }
    struct docx_ppr pp;
    docx_style_ppr(dx, id, &pp);
    return pp.outline >= 0 && pp.outline < 9 ? pp.outline + 1 : 0;
}
