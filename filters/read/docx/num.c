/* Word automatic numbering: numbering.xml read into abstract and concrete
 * definitions, then evaluated paragraph by paragraph into the label Word
 * displays. Counters belong to the abstract definition, so concrete
 * definitions sharing one continue each other's sequence; a startOverride
 * restarts the level the first time its definition is used.
 * The numeral systems a level's value is written in are in
 * num_fmt.c. */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

/* "001, 002, 003, ..." (w14 custom format) -> padding width, or 0. */
static int custom_pad(const char *f)
{
    int n = 0;
    if (!f)
        return 0;
    while (f[n] == '0')
        n++;
    if (n == 0 || f[n] != '1')
        return 0;
    return n + 1 <= 9 ? n + 1 : 0;
}

static int lvl_read(struct docx *dx, struct docx_xml *x, struct docx_lvl *l)
{
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc, custom = 0;

    memset(l, 0, sizeof *l);
    l->defined = 1;
    l->start = 1;
    l->restart = -1;
    while ((rc = docx_xml_child(dx, x, d, e)) > 0) {
        if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
            continue;
        /* mc:AlternateContent around numFmt: walk into Choice and Fallback;
         * a custom format we understand wins over the fallback. */
        if (docx_ns_of(x) == NS_MC)
            continue;
        if (docx_is(x, NS_W, "start"))
            l->start = docx_ival(docx_attr(x, NS_W, "val"), 1);
        else if (docx_is(x, NS_W, "numFmt")) {
            const char *v = docx_attr(x, NS_W, "val");
            if (v && strcmp(v, "custom") == 0) {
                int pad = custom_pad(docx_attr(x, NS_W, "format"));
                if (pad) {
                    l->fmt = NF_PADDED;
                    l->pad = pad;
                    custom = 1;
                }
            } else if (!custom) {
                l->fmt = docx_fmt_parse(v);
            }
        } else if (docx_is(x, NS_W, "lvlText"))
            l->text = docx_attr_dup(dx, x, NS_W, "val");
        else if (docx_is(x, NS_W, "lvlRestart"))
            l->restart = docx_ival(docx_attr(x, NS_W, "val"), -1);
        else if (docx_is(x, NS_W, "isLgl"))
            l->legal = docx_onoff(x);
        else if (docx_is(x, NS_W, "pStyle"))
            l->pstyle = docx_attr_dup(dx, x, NS_W, "val");
        else if (docx_is(x, NS_W, "rPr")) {
            struct docx_rpr rp = {0};
            if (docx_rpr_parse(dx, x, &rp) < 0)
                return -1;
            l->symbol = (rp.set & rp.val & RP_SYMBOL) != 0;
            continue;
        }
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    return rc;
}

static int abs_read(struct docx *dx, struct docx_xml *x, size_t *cap)
{
    struct docx_abs a;
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    memset(&a, 0, sizeof a);
    a.id = docx_ival(docx_attr(x, NS_W, "abstractNumId"), -1);
    while ((rc = docx_xml_child(dx, x, d, e)) > 0) {
        if (docx_is(x, NS_W, "lvl")) {
            int i = docx_ival(docx_attr(x, NS_W, "ilvl"), 0);
            struct docx_lvl l;
            if (lvl_read(dx, x, &l) < 0)
                return -1;
            if (i >= 0 && i < 9)
                a.lvl[i] = l;
            continue;
        }
        if (docx_is(x, NS_W, "numStyleLink"))
            a.num_style_link = docx_attr_dup(dx, x, NS_W, "val");
        else if (docx_is(x, NS_W, "styleLink"))
            a.style_link = docx_attr_dup(dx, x, NS_W, "val");
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    if (rc < 0)
        return -1;
    dx->num.abs =
        hx_arena_grow(dx->doc->arena, dx->num.abs, dx->num.nabs, cap, sizeof *dx->num.abs, 16);
    dx->num.abs[dx->num.nabs++] = a;
    return 0;
}

static int num_read(struct docx *dx, struct docx_xml *x, size_t *cap)
{
    struct docx_num n;
    int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
    int rc;

    memset(&n, 0, sizeof n);
    n.id = docx_ival(docx_attr(x, NS_W, "numId"), -1);
    n.abs_id = -1;
    for (int i = 0; i < 9; i++)
        n.ovr_start[i] = -1;
    while ((rc = docx_xml_child(dx, x, d, e)) > 0) {
        if (docx_is(x, NS_W, "abstractNumId")) {
            n.abs_id = docx_ival(docx_attr(x, NS_W, "val"), -1);
        } else if (docx_is(x, NS_W, "lvlOverride")) {
            int i = docx_ival(docx_attr(x, NS_W, "ilvl"), 0);
            int d2 = xmlTextReaderDepth(x->r);
            int e2 = xmlTextReaderIsEmptyElement(x->r);
            if (i < 0 || i > 8)
                i = 0;
            while ((rc = docx_xml_child(dx, x, d2, e2)) > 0) {
                if (docx_is(x, NS_W, "startOverride")) {
                    n.ovr_start[i] = docx_ival(docx_attr(x, NS_W, "val"), 1);
                } else if (docx_is(x, NS_W, "lvl")) {
                    if (lvl_read(dx, x, &n.ovr[i]) < 0)
                        return -1;
                    continue;
                }
                if (docx_xml_skip(dx, x) < 0)
                    return -1;
            }
            if (rc < 0)
                return -1;
            continue;
        }
        if (docx_xml_skip(dx, x) < 0)
            return -1;
    }
    if (rc < 0)
        return -1;
    dx->num.num =
        hx_arena_grow(dx->doc->arena, dx->num.num, dx->num.nnum, cap, sizeof *dx->num.num, 16);
    dx->num.num[dx->num.nnum++] = n;
    return 0;
}

/* Capacities of the two arrays numbering.xml fills. */
struct num_caps {
    size_t abs, num;
};

static int numbering_node(struct docx *dx, struct docx_xml *x, void *ud)
{
    struct num_caps *caps = ud;
    if (docx_is(x, NS_W, "abstractNum"))
        return abs_read(dx, x, &caps->abs) < 0 ? -1 : 0;
    if (docx_is(x, NS_W, "num"))
        return num_read(dx, x, &caps->num) < 0 ? -1 : 0;
    return 0;
}

int docx_numbering_read(struct docx *dx, const char *part)
{
    struct num_caps caps = {0, 0};
    return docx_cache_walk(dx, part, DOCX_CACHE_NUMBERING, numbering_node, &caps);
}

static struct docx_num *num_get(struct docx *dx, int id)
{
    for (size_t i = 0; i < dx->num.nnum; i++)
        if (dx->num.num[i].id == id)
            return &dx->num.num[i];
    return NULL;
}

static struct docx_abs *abs_get(struct docx *dx, int id)
{
    for (size_t i = 0; i < dx->num.nabs; i++)
        if (dx->num.abs[i].id == id)
            return &dx->num.abs[i];
    return NULL;
}

/* The abstract definition that holds the levels: a numStyleLink points
 * through a numbering style to another definition. */
static struct docx_abs *abs_resolve(struct docx *dx, struct docx_num *n)
{
    struct docx_abs *a = abs_get(dx, n->abs_id);
    for (int hop = 0; a && a->num_style_link && hop < 8; hop++) {
        struct docx_ppr pp;
        docx_style_ppr(dx, a->num_style_link, &pp);
        struct docx_num *n2 = pp.num_id > 0 ? num_get(dx, pp.num_id) : NULL;
        struct docx_abs *a2 = n2 ? abs_get(dx, n2->abs_id) : NULL;
        if (!a2 || a2 == a)
            break;
        a = a2;
    }
    return a;
}

static const struct docx_lvl *lvl_of(struct docx_num *n, struct docx_abs *a, int i)
{
    return n->ovr[i].defined ? &n->ovr[i] : &a->lvl[i];
}

/* Old single-level lists define level 0 only; a paragraph that asks for a
 * deeper level gets level 0. */
static int level_used(struct docx_num *n, struct docx_abs *a, int ilvl)
{
    if (lvl_of(n, a, ilvl)->defined)
        return ilvl;
    for (int i = 1; i < 9; i++)
        if (lvl_of(n, a, i)->defined)
            return ilvl;
    return 0;
}

int docx_num_style_level(struct docx *dx, int num_id, const char *style)
{
    struct docx_num *n = num_get(dx, num_id);
    struct docx_abs *a = n ? abs_resolve(dx, n) : NULL;
    for (int i = 0; a && style && i < 9; i++) {
        const struct docx_lvl *l = lvl_of(n, a, i);
        if (l->pstyle && strcmp(l->pstyle, style) == 0)
            return i;
    }
    return -1;
}

/* Bullets drawn from the Symbol and Wingdings fonts sit in the private use
 * area (or, for Symbol, at its own code points); show the character they
 * look like, and a plain bullet for the rest of the private use area. */
static void bullet_text(struct hx_buf *b, const char *t, int symbol)
{
    size_t i = 0, n = strlen(t);
    while (i < n) {
        int32_t cp = hx_utf8_next(t, n, &i);
        if (symbol && ((cp >= 0x20 && cp <= 0xFF) || (cp >= 0xF020 && cp <= 0xF0FF)))
            cp = docx_symbol_char(cp);
        switch (cp) {
        case 0xF0B7: cp = 0x2022; break; /* • */
        case 0xF0A7: cp = 0x25AA; break; /* ▪ */
        case 0xF0D8: cp = 0x27A2; break; /* ➢ */
        case 0xF076: cp = 0x2756; break; /* ❖ */
        case 0xF0FC: cp = 0x2714; break; /* ✔ */
        case 0xF06E: cp = 0x25A0; break; /* ■ */
        case 0xF06C: cp = 0x25CF; break; /* ● */
        case 0xF075: cp = 0x25C6; break; /* ◆ */
        case 0xF071: cp = 0x2751; break; /* ❑ */
        case 0xF06F: cp = 0x25A1; break; /* □ */
        case 0xF0A8: cp = 0x25A1; break; /* □ */
        case 0xF02D: cp = 0x2013; break; /* – */
        default:
            if (cp >= 0xE000 && cp <= 0xF8FF)
                cp = 0x2022;
            break;
        }
        hx_buf_addcp(b, cp);
    }
}

/* An instance's startOverride also applies when the level restarts. */
static int level_start(struct docx_num *n, struct docx_abs *a, int i)
{
    return n->ovr_start[i] >= 0 ? n->ovr_start[i] : lvl_of(n, a, i)->start;
}

const char *docx_number(struct docx *dx, int num_id, int ilvl, int *value)
{
    struct docx_num *n = num_get(dx, num_id);
    struct docx_abs *a = n ? abs_resolve(dx, n) : NULL;
    struct hx_buf b = {0};
    const char *res;

    *value = 0;
    if (!a)
        return NULL;
    if (ilvl < 0 || ilvl > 8)
        ilvl = 0;
    ilvl = level_used(n, a, ilvl);
    if (!n->applied) {
        n->applied = 1;
        for (int i = 0; i < 9; i++)
            if (n->ovr_start[i] >= 0)
                a->started[i] = 0;
    }
    if (a->started[ilvl]) {
        a->count[ilvl]++;
    } else {
        a->count[ilvl] = level_start(n, a, ilvl);
        a->started[ilvl] = 1;
    }
    for (int k = ilvl + 1; k < 9; k++) {
        int r = lvl_of(n, a, k)->restart;
        if (r < 0 || (r > 0 && ilvl < r))
            a->started[k] = 0;
    }
    const struct docx_lvl *l = lvl_of(n, a, ilvl);
    /* a bullet or an unnumbered level shows no value */
    *value = l->fmt == NF_BULLET || l->fmt == NF_NONE ? 0 : a->count[ilvl];
    if (!l->text) {
        res = "";
        goto done;
    }
    if (l->fmt == NF_BULLET) {
        bullet_text(&b, l->text, l->symbol);
    } else {
        for (const char *p = l->text; *p; p++) {
            if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
                int k = p[1] - '1';
                const struct docx_lvl *lk = lvl_of(n, a, k);
                int v = a->started[k] || k == ilvl ? a->count[k] : level_start(n, a, k);
                int fmt = lk->fmt;
                /* isLgl shows the other levels in Arabic numerals. */
                if (l->legal && k != ilvl && fmt != NF_NONE)
                    fmt = NF_DECIMAL;
                docx_fmt_value(&b, fmt, lk->pad, v);
                p++;
            } else {
                hx_buf_addc(&b, *p);
            }
        }
    }
    res = b.len ? hx_strndup(dx->doc->arena, b.data, b.len) : "";
done:
    hx_buf_free(&b);
    return res;
}

void docx_num_save(struct docx *dx, int **saved)
{
    size_t n = dx->num.nabs * 18 + dx->num.nnum;
    int *s = hx_alloc(dx->doc->arena, (n ? n : 1) * sizeof *s);
    size_t j = 0;
    for (size_t i = 0; i < dx->num.nabs; i++)
        for (int k = 0; k < 9; k++) {
            s[j++] = dx->num.abs[i].count[k];
            s[j++] = dx->num.abs[i].started[k];
        }
    for (size_t i = 0; i < dx->num.nnum; i++)
        s[j++] = dx->num.num[i].applied;
    *saved = s;
}

void docx_num_restore(struct docx *dx, int *s)
{
    size_t j = 0;
    for (size_t i = 0; i < dx->num.nabs; i++)
        for (int k = 0; k < 9; k++) {
            dx->num.abs[i].count[k] = s[j++];
            dx->num.abs[i].started[k] = (unsigned char)s[j++];
        }
    for (size_t i = 0; i < dx->num.nnum; i++)
        dx->num.num[i].applied = s[j++];
}
