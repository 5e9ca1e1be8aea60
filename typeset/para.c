/* Setting one paragraph: bidi levels (ICU, UAX #9), items by level, font
 * and style with per-character font fallback, one HarfBuzz call per item,
 * line breaking through break.h measured in glyph advances, then each line
 * in visual order, justified. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "typeset/break.h"
#include "typeset/layout.h"

struct g {
    uint32_t gid, cluster, cend;
    double adv, dx, dy;
    int first; /* logically first glyph of its cluster */
};

struct item {
    size_t start, end;
    int level;
    struct hx_font *font;
    unsigned style;
    double size, rise;
    struct g *g;
    size_t n;
};

struct setter {
    struct hx_stage *st;
    struct hx_fonts *fonts;
    struct ts_para *p;
    const char *s;
    size_t len;
    struct item *items;
    size_t nitems;
    double *pre;      /* pre[i] = advance of s[0..i) */
    const char *copy; /* the text in the arena, for the runs */
    double *gap;      /* gap[i]: space after the character at byte i */
    int cjk;
};

double ts_leading(const char *lang, double size)
{
    if (hx_lang_is(lang, "zh"))
        return size * 1.5;
    if (hx_lang_is(lang, "ar"))
        return size * 1.55;
    return size * 1.2;
}

void ts_para_add(struct ts_para *p, const char *s, size_t len, unsigned style, const char *href,
                 struct hx_node *note)
{
    if (!len)
        return;
    struct ts_span *last = p->nspans ? &p->spans[p->nspans - 1] : NULL;
    if (last && last->style == style && last->href == href && !note && !last->note && !last->dest &&
        last->end == p->text.len) {
        hx_buf_add(&p->text, s, len);
        last->end = p->text.len;
        return;
    }
    if (p->nspans == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        p->spans = realloc(p->spans, p->cap * sizeof *p->spans);
        if (!p->spans)
            hx_oom();
    }
    struct ts_span *sp = &p->spans[p->nspans++];
    sp->start = p->text.len;
    hx_buf_add(&p->text, s, len);
    sp->end = p->text.len;
    sp->style = style;
    sp->href = href;
    sp->note = note;
    sp->dest = 0;
}

void ts_para_add_dest(struct ts_para *p, const char *s, size_t len, unsigned style, int dest)
{
    ts_para_add(p, s, len, style, NULL, NULL);
    if (p->nspans)
        p->spans[p->nspans - 1].dest = dest;
}

void ts_para_free(struct ts_para *p)
{
    hx_buf_free(&p->text);
    free(p->spans);
    p->spans = NULL;
    p->nspans = p->cap = 0;
}

static unsigned style_at(const struct ts_para *p, size_t i)
{
    for (size_t k = 0; k < p->nspans; k++)
        if (i >= p->spans[k].start && i < p->spans[k].end)
            return p->spans[k].style | p->style;
    return p->style;
}

/* Per-byte bidi levels (at each code point's first byte). */
static unsigned char *bidi_levels(struct setter *w)
{
    unsigned char *lv = calloc(w->len + 1, 1);
    UErrorCode status = U_ZERO_ERROR;
    int32_t n16 = 0;
    if (!lv)
        hx_oom();
    u_strFromUTF8(NULL, 0, &n16, w->s, (int32_t)w->len, &status);
    status = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
    UBiDi *bidi = ubidi_open();
    if (!u || !bidi)
        hx_oom();
    u_strFromUTF8(u, n16 + 1, NULL, w->s, (int32_t)w->len, &status);
    ubidi_setPara(bidi, u, n16, w->p->rtl ? 1 : 0, NULL, &status);
    const UBiDiLevel *levels = U_SUCCESS(status) ? ubidi_getLevels(bidi, &status) : NULL;
    if (levels && U_SUCCESS(status)) {
        int32_t k = 0;
        for (size_t i = 0; i < w->len;) {
            size_t at = i;
            int32_t cp = hx_utf8_next(w->s, w->len, &i);
            lv[at] = levels[k];
            k += cp > 0xFFFF ? 2 : 1;
        }
    } else {
        memset(lv, w->p->rtl, w->len);
    }
    ubidi_close(bidi);
    free(u);
    return lv;
}

static int sticks(int32_t cp)
{
    int8_t t = u_charType(cp);
    return cp == ' ' || t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK ||
           t == U_COMBINING_SPACING_MARK || t == U_FORMAT_CHAR;
}

static void shape_item(struct setter *w, struct item *it)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, w->s, (int)w->len, (unsigned)it->start, (int)(it->end - it->start));
    hb_buffer_set_direction(buf, it->level & 1 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_language(buf, hb_language_from_string(w->p->lang ? w->p->lang : "", -1));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(it->font->hb, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    double k = it->size / it->font->upem;
    it->g = hx_alloc(w->p->doc->arena, (n + 1) * sizeof *it->g);
    it->n = n;
    for (unsigned i = 0; i < n; i++) {
        struct g *g = &it->g[i];
        g->gid = info[i].codepoint;
        g->cluster = info[i].cluster;
        g->adv = pos[i].x_advance * k;
        g->dx = pos[i].x_offset * k;
        g->dy = pos[i].y_offset * k;
        if (g->gid)
            hb_set_add(it->font->base->used_glyphs, g->gid);
        w->pre[g->cluster + 1] += g->adv; /* summed into a prefix below */
    }
    /* Cluster ends and first glyphs, walking in logical order. */
    int rtl = it->level & 1;
    for (size_t j = n; j-- > 0;) {
        struct g *g = &it->g[rtl ? n - 1 - j : j];
        struct g *nx = j + 1 < n ? &it->g[rtl ? n - 2 - j : j + 1] : NULL;
        g->cend = !nx ? (uint32_t)it->end : nx->cluster == g->cluster ? nx->cend : nx->cluster;
    }
    for (size_t j = 0; j < n; j++) {
        struct g *g = &it->g[rtl ? n - 1 - j : j];
        struct g *pv = j ? &it->g[rtl ? n - j : j - 1] : NULL;
        g->first = !pv || pv->cluster != g->cluster;
    }
    hb_buffer_destroy(buf);
}

static void add_item(struct setter *w, size_t start, size_t end, int level, struct hx_font *f,
                     unsigned style, size_t *cap)
{
    w->items = hx_arena_grow(w->p->doc->arena, w->items, w->nitems, cap, sizeof *w->items, 8);
    struct item *it = &w->items[w->nitems++];
    it->start = start;
    it->end = end;
    it->level = level;
    it->font = f;
    it->style = style;
    it->size = style & TS_SUP ? w->p->size * 0.62 : w->p->size;
    it->rise = style & TS_SUP ? w->p->size * 0.36 : 0;
}

/* Items: maximal stretches of one level, font and style. */
static void itemise(struct setter *w)
{
    unsigned char *lv = bidi_levels(w);
    size_t cap = 0, start = 0;
    struct hx_font *cur = NULL;
    unsigned cur_style = 0;
    int cur_level = -1;
    for (size_t i = 0; i < w->len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(w->s, w->len, &i);
        unsigned style = style_at(w->p, at);
        struct hx_font *f = NULL;
        if (cur && sticks(cp) && cur_style == style && (cp == ' ' || hb_set_has(cur->cps, cp)))
            f = cur;
        else
            f = hx_fonts_pick(w->fonts, w->p->lang, style & 3, cp);
        if (!f) {
            if (w->p->missing && !hb_set_has(w->p->missing, (hb_codepoint_t)cp)) {
                hb_set_add(w->p->missing, (hb_codepoint_t)cp);
                if (hb_set_get_population(w->p->missing) <= TS_MISSING_NAMED)
                    hx_warn(w->st, w->p->doc, w->p->node,
                            "no font has U+%04X (%.*s): left out of the PDF", (unsigned)cp,
                            (int)(i - at), w->s + at);
            }
            f = cur ? cur : hx_fonts_main(w->fonts, w->p->lang, style & 3);
        } else if (cp > ' ') {
            hb_set_add(f->base->used_cps, (hb_codepoint_t)cp);
        }
        if (f != cur || style != cur_style || lv[at] != cur_level) {
            if (cur)
                add_item(w, start, at, cur_level, cur, cur_style, &cap);
            start = at;
            cur = f;
            cur_style = style;
            cur_level = lv[at];
        }
    }
    if (cur)
        add_item(w, start, w->len, cur_level, cur, cur_style, &cap);
    free(lv);
}

static int latin_or_digit(int32_t cp)
{
    return cp < 0x2B0 && (u_isalpha(cp) || u_isdigit(cp));
}

/* Chinese typesetting puts a quarter em between Han characters and Latin
 * letters or digits next to them (GB/T 15834 practice, the UN's Chinese
 * documents): as space drawn by the typesetter, never as characters. */
static void han_latin_gaps(struct setter *w)
{
    int32_t prev = 0;
    size_t prev_at = 0;
    for (size_t i = 0; i < w->len;) {
        size_t at = i;
        int32_t cp = hx_utf8_next(w->s, w->len, &i);
        if ((hx_cp_is_han(prev) && latin_or_digit(cp)) ||
            (latin_or_digit(prev) && hx_cp_is_han(cp)))
            w->gap[prev_at] = w->p->size * 0.25;
        prev = cp;
        prev_at = at;
    }
}

static double width_cb(void *ctx, size_t a, size_t z)
{
    const double *pre = ctx;
    return pre[z] - pre[a];
}

/* A piece of an item on a line. */
struct piece {
    struct item *it;
    size_t a, z;
};

/* UAX #9 L2: reverse every maximal sequence at level >= k, from the
 * highest level down to the lowest odd one. */
static void reorder(struct piece *v, size_t n)
{
    int hi = 0, lo = 255;
    for (size_t i = 0; i < n; i++) {
        if (v[i].it->level > hi)
            hi = v[i].it->level;
        if (v[i].it->level < lo)
            lo = v[i].it->level;
    }
    if (!(lo & 1))
        lo++;
    for (int k = hi; k >= lo; k--) {
        for (size_t i = 0; i < n;) {
            if (v[i].it->level < k) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n && v[j].it->level >= k)
                j++;
            for (size_t a = i, z = j - 1; a < z; a++, z--) {
                struct piece t = v[a];
                v[a] = v[z];
                v[z] = t;
            }
            i = j;
        }
    }
}

static int is_stretch(const char *s, uint32_t at, int cjk)
{
    return cjk ? 1 : s[at] == ' ';
}

/* Links and note markers of the line: their boxes from glyph positions. */
static void line_links(struct setter *w, struct ts_line *l, size_t a, size_t z)
{
    struct hx_arena *ar = w->p->doc->arena;
    size_t cap = 0;
    for (size_t k = 0; k < w->p->nspans; k++) {
        struct ts_span *sp = &w->p->spans[k];
        if ((!sp->href && !sp->note && !sp->dest) || sp->end <= a || sp->start >= z)
            continue;
        double x0 = 1e9, x1 = -1e9;
        for (struct hx_ts_run *r = l->runs; r; r = r->next)
            for (size_t i = 0; i < r->n; i++)
                if (r->g[i].at >= sp->start && r->g[i].at < sp->end) {
                    if (r->x + r->g[i].x < x0)
                        x0 = r->x + r->g[i].x;
                    if (r->x + r->g[i].x + r->size * 0.5 > x1)
                        x1 = r->x + r->g[i].x + r->size * 0.5;
                }
        if (sp->note) {
            l->notes = hx_arena_grow(ar, l->notes, l->nnotes, &cap, sizeof *l->notes, 4);
            l->notes[l->nnotes++] = sp->note;
        }
        if (x0 > x1)
            continue;
        struct hx_ts_link *lk = hx_alloc(ar, sizeof *lk);
        lk->x0 = x0;
        lk->x1 = x1;
        lk->y0 = -w->p->size * 0.25;
        lk->y1 = w->p->size * 0.9;
        lk->uri = sp->href;
        lk->page = -1;
        lk->note = sp->note; /* paginate.c resolves it to the note's place */
        lk->dest = sp->dest;
        lk->next = l->links;
        l->links = lk;
    }
}

/* Composes line s[a..z) (z without the spaces at the break). */
static struct ts_line *compose(struct setter *w, size_t a, size_t z, int last, double avail)
{
    struct hx_arena *ar = w->p->doc->arena;
    struct ts_line *l = hx_alloc(ar, sizeof *l);
    struct piece *pc = malloc((w->nitems + 1) * sizeof *pc);
    size_t np = 0, stretch = 0;
    if (!pc)
        hx_oom();
    for (size_t k = 0; k < w->nitems; k++) {
        struct item *it = &w->items[k];
        if (it->end <= a || it->start >= z)
            continue;
        pc[np].it = it;
        pc[np].a = it->start > a ? it->start : a;
        pc[np].z = it->end < z ? it->end : z;
        for (size_t i = 0; i < it->n; i++)
            if (it->g[i].first && it->g[i].cluster >= pc[np].a && it->g[i].cluster < pc[np].z)
                stretch += is_stretch(w->s, it->g[i].cluster, w->cjk);
        np++;
    }
    reorder(pc, np);
    double natural = w->pre[z] - w->pre[a], extra = 0;
    if (w->cjk && stretch)
        stretch--; /* gaps between characters, not after the last */
    if (w->p->align == TS_JUSTIFY && !last && stretch && avail > natural) {
        extra = (avail - natural) / (double)stretch;
        if (extra > w->p->size * (w->cjk ? 0.5 : 1.2))
            extra = 0; /* too loose: leave the line ragged */
    }
    double used = natural + extra * (double)stretch;
    double x = w->p->indent;
    if (w->p->align == TS_CENTER)
        x = (w->p->width - used) / 2;
    else if (w->p->rtl)
        x = w->p->width - w->p->indent - used;
    struct hx_ts_run **tail = &l->runs;
    size_t stretched = 0;
    for (size_t k = 0; k < np; k++) {
        struct item *it = pc[k].it;
        struct hx_ts_run *r = hx_alloc(ar, sizeof *r);
        r->font = it->font;
        r->size = it->size;
        r->x = x;
        r->y = it->rise;
        r->rtl = it->level & 1;
        r->text = w->copy;
        r->g = hx_alloc(ar, (it->n + 1) * sizeof *r->g);
        double pen = 0;
        for (size_t i = 0; i < it->n; i++) {
            struct g *g = &it->g[i];
            if (g->cluster < pc[k].a || g->cluster >= pc[k].z)
                continue;
            if (g->gid) {
                struct hx_ts_glyph *o = &r->g[r->n++];
                o->gid = g->gid;
                o->x = (float)(pen + g->dx);
                o->y = (float)g->dy;
                o->at = g->cluster;
                uint32_t cend = g->cend < pc[k].z ? g->cend : (uint32_t)pc[k].z;
                o->len = g->first ? (uint16_t)(cend - g->cluster) : 0;
            }
            pen += g->adv;
            if (!(it->level & 1) && (i + 1 == it->n || it->g[i + 1].cluster != g->cluster))
                pen += w->gap[g->cluster];
            if (extra > 0 && g->first && is_stretch(w->s, g->cluster, w->cjk) &&
                stretched < stretch) {
                pen += extra;
                stretched++;
            }
        }
        x += pen;
        *tail = r;
        tail = &r->next;
    }
    free(pc);
    line_links(w, l, a, z);
    l->height = ts_leading(w->p->lang, w->p->size);
    l->ascent = w->p->size * 0.9;
    return l;
}

static struct hx_ts_breaker *breaker_for(const char *lang)
{
    /* One per language for the process: ICU's line breaker is costly to
     * open and immutable once open. */
    static struct {
        char lang[16];
        struct hx_ts_breaker *b;
    } cache[16];
    static size_t n;
    const char *key = lang ? lang : "";
    for (size_t k = 0; k < n; k++)
        if (!strcmp(cache[k].lang, key))
            return cache[k].b;
    struct hx_ts_breaker *b = hx_ts_breaker_open(key, HX_TS_UN_RULES, NULL);
    if (b && n < sizeof cache / sizeof *cache && strlen(key) < sizeof cache[0].lang) {
        strcpy(cache[n].lang, key);
        cache[n++].b = b;
    }
    return b;
}

void ts_para_set(struct hx_stage *st, struct hx_fonts *fonts, struct ts_para *p,
                 struct ts_line ***tail)
{
    struct setter w = {.st = st,
                       .fonts = fonts,
                       .p = p,
                       .s = p->text.data ? p->text.data : "",
                       .len = p->text.len};
    w.cjk = hx_lang_is(p->lang, "zh");
    w.copy = hx_strndup(p->doc->arena, w.s, w.len);
    w.pre = calloc(w.len + 2, sizeof *w.pre);
    if (!w.pre)
        hx_oom();
    w.gap = calloc(w.len + 1, sizeof *w.gap);
    if (!w.gap)
        hx_oom();
    if (w.cjk)
        han_latin_gaps(&w);
    itemise(&w);
    for (size_t k = 0; k < w.nitems; k++)
        shape_item(&w, &w.items[k]);
    for (size_t i = 0; i < w.len; i++)
        w.pre[i + 1] += w.gap[i];
    for (size_t i = 1; i <= w.len; i++)
        w.pre[i] += w.pre[i - 1];
    double avail = p->width - p->indent;
    struct hx_ts_breaker *b = breaker_for(p->lang);
    size_t *pos = NULL, npos = 0, nl;
    struct hx_ts_line *lines;
    if (b)
        npos = hx_ts_breaks(b, w.s, w.len, &pos, NULL);
    if (!npos) { /* no breaker: one line per paragraph */
        free(pos);
        pos = malloc(sizeof *pos);
        if (!pos)
            hx_oom();
        pos[0] = w.len;
        npos = 1;
    }
    int optimal = p->align == TS_JUSTIFY && !w.cjk && !hx_lang_is(p->lang, "ar");
    double space = p->size * 0.25;
    nl = optimal ? hx_ts_fill_optimal(w.s, w.len, pos, npos, avail, avail, space, width_cb, w.pre,
                                      &lines)
                 : hx_ts_fill_greedy(w.s, w.len, pos, npos, avail, avail, width_cb, w.pre, &lines);
    for (size_t k = 0; k < nl; k++) {
        size_t z = lines[k].end;
        while (z > lines[k].start && (w.s[z - 1] == ' ' || w.s[z - 1] == '\n'))
            z--;
        struct ts_line *l = compose(&w, lines[k].start, z, k + 1 == nl, avail);
        l->first = k == 0;
        l->last = k + 1 == nl;
        **tail = l;
        *tail = &l->next;
    }
    free(lines);
    free(pos);
    free(w.pre);
    free(w.gap);
}
