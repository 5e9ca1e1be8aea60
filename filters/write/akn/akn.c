/* Writer for Akoma Ntoso 3.0 (OASIS LegalDocML), the XML the UN system
 * adopted for its documents (AKN4UN): the model with its structure made
 * explicit, valid against the OASIS schema (akomantoso30.xsd), and read
 * back by the akn reader to the same text, keys, notes and roles.
 *
 * The document element follows from the parts structure found:
 *   - an instrument (parts "pre", "art": the UDHR) is an <act>: the masthead
 *     its <preface>, "pre" its <preamble> (recitals, formula), the articles
 *     its <body>;
 *   - one resolution or decision and no report body is a <statement> named
 *     resolution, decision, draftResolution or draftDecision (a symbol with
 *     "/L." is a draft): the masthead, the part's heading and title its
 *     <preface>, the formula and the preambular paragraphs its <preamble>,
 *     the operative paragraphs its <mainBody>;
 *   - anything else is a <doc name="report"> (name "document" when it has
 *     no resolution and no rapporteur): the report's paragraphs its
 *     <mainBody>; each resolution or decision in it a <component> holding a
 *     <statement name="draftResolution"> (or draftDecision) built as above,
 *     and a <componentRef> where the report prints it, so the reader puts
 *     it back in place.
 * Every annex is an <attachment> holding a <doc name="annex">. Each
 * document element has its own FRBR identification (filters/write/akn/frbr.c).
 *
 * eIds (the naming convention's "__"-joined element_number steps) come
 * from the paragraph keys (README "Paragraph keys"); a document read from
 * Akoma Ntoso keeps the eIds it was read with (the reader leaves each in
 * node->pos.where). Inside a component or attachment every eId starts
 * with its container's ("cmp_1__", "att_1__"), as eIds are unique in a
 * file.
 *   key                      element                  eId
 *   body.11, annex.3         paragraph                para_11, para_3
 *   body.11.a, body.11.a.ii  point (in its paragraph) para_11__point_a,
 *                                                     para_11__point_a__point_ii
 *   body.4+1                 p in paragraph 4         para_4__p_2
 *   head.body.2, head.body.2.a  hcontainer (crossHeading)  hcont_2, hcont_2__hcont_a
 *   head.annex, head.body.u1 hcontainer               hcont_annex, hcont_u1
 *   resN.op.3, resN.op.3.a   paragraph, point         para_3, para_3__point_a
 *   resN.pp.2, pre.2         recital                  rec_2 (in recitals recs_1)
 *   resN.formula, pre.formula  formula                formula_1
 *   resN.title, front.title  longTitle                longTitle_1
 *   art.3, art.3.1, art.3.title  article, paragraph, heading  art_3, art_3__para_1,
 *                                                     art_3__heading
 *   fn.body.2, fn.res1.2     authorialNote (marker = printed marker)  authorialNote_2
 *   front.*                  p in the preface (docNumber, docDate, session)  none
 * Tables, lists and blocks without a key are table_N, list_N, tblock_N
 * (N counted in the file); a taken eId gets "-2", "-3".
 *
 * Blocks where only blocks may go: a paragraph is a <p> (in a <tblock> with
 * its <num> when labelled), a heading a <tblock> with <num> and <heading>,
 * a list a <blockList> of <item>s, a table a <table>, a quotation an
 * <embeddedStructure> in a <p>, a footnote text no marker calls (still in
 * the flow) a <block name="footnote"> in a <tblock> with its marker as
 * <num>. Inlines: <i>, <b>, <sup>, <sub>, <ref>,
 * <eol>, <span xml:lang>, <img>; a footnote an <authorialNote> with its
 * marker where it is referenced. */
#include <string.h>

#include "akn.h"

/* One part of the model: a section child of the root (or a run of blocks
 * outside sections, when no structure stage ran). */
struct part {
    const struct hx_node *first, *last;
    const char *key;
};

enum kind { K_FRONT, K_BODY, K_RES, K_DEC, K_ANNEX, K_PRE, K_ART };

static enum kind kind_of(const char *key)
{
    if (!key)
        return K_BODY;
    if (strcmp(key, "front") == 0)
        return K_FRONT;
    if (strncmp(key, "res", 3) == 0)
        return K_RES;
    if (strncmp(key, "dec", 3) == 0)
        return K_DEC;
    if (strncmp(key, "annex", 5) == 0)
        return K_ANNEX;
    if (strcmp(key, "pre") == 0)
        return K_PRE;
    if (strcmp(key, "art") == 0)
        return K_ART;
    return K_BODY;
}

static int has(const char *key, const char *s)
{
    return key && strstr(key, s) != NULL;
}

static int is_formula(const struct hx_node *n)
{
    size_t l = n->key ? strlen(n->key) : 0;
    return n->role == HX_ROLE_FORMULA || (l > 8 && strcmp(n->key + l - 8, ".formula") == 0);
}

static int is_pp(const struct hx_node *n)
{
    return n->role == HX_ROLE_PREAMBULAR || has(n->key, ".pp.") ||
           (n->key && strncmp(n->key, "pre.", 4) == 0 && n->key[4] >= '0' && n->key[4] <= '9');
}

static int is_op(const struct hx_node *n)
{
    return n->role == HX_ROLE_OPERATIVE || has(n->key, ".op.");
}

static int is_title(const struct hx_node *n)
{
    size_t l = n->key ? strlen(n->key) : 0;
    return n->type == HX_PARA || n->type == HX_HEADING
               ? (l > 6 && strcmp(n->key + l - 6, ".title") == 0 && !has(n->key, "art."))
               : 0;
}

/* A masthead line with the inline element that says what it is. */
static void preface_block(struct akn_writer *w, xmlNode *preface, const struct hx_node *n)
{
    const char *wrap = NULL, *k = n->key ? n->key : "";
    if (n->type == HX_PARA && !(n->label && *n->label)) {
        if (strcmp(k, "front.symbol") == 0)
            wrap = "docNumber";
        else if (strcmp(k, "front.date") == 0 && akn_iso_date(w))
            wrap = "docDate";
        else if (strcmp(k, "front.session") == 0)
            wrap = "session";
    }
    if (is_title(n) || (n->type == HX_PARA && strcmp(k, "front.title") == 0)) {
        xmlNode *lt = akn_el(w, preface, "longTitle");
        akn_eid(w, lt, akn_eid_for(w, n, "longTitle"));
        xmlNode *p = akn_inline_block(w, lt, "p", n);
        if (n->label && *n->label)
            akn_text(w, p, n->label, strlen(n->label)), akn_text(w, p, " ", 1);
        akn_inlines(w, akn_el(w, p, "docTitle"), n);
        return;
    }
    if (!wrap) {
        akn_block(w, preface, n);
        return;
    }
    xmlNode *p = akn_inline_block(w, preface, "p", n);
    xmlNode *x = akn_el(w, p, wrap);
    if (strcmp(wrap, "docDate") == 0)
        akn_set(w, x, "date", akn_iso_date(w));
    if (strcmp(wrap, "session") == 0)
        akn_set(w, x, "value", hx_meta_get(w->doc, "session"));
    akn_inlines(w, x, n);
}

/* The preambular blocks first..last: the formula, recitals (a sub-item a
 * recital of its own with its <num>, a continuation another <p> of the
 * recital before), other blocks as they are. */
static void preamble(struct akn_writer *w, xmlNode *pre, const struct hx_node *first,
                     const struct hx_node *last)
{
    xmlNode *recs = NULL, *rec = NULL;
    int groups = 0;
    for (const struct hx_node *n = first; n; n = n == last ? NULL : n->next) {
        if (is_formula(n) && n->type == HX_PARA) {
            xmlNode *f = akn_el(w, pre, "formula");
            akn_eid(w, f, akn_eid_for(w, n, "formula"));
            akn_set(w, f, "name", "enactingFormula");
            akn_block(w, f, n);
            recs = rec = NULL;
        } else if (is_pp(n) && n->type == HX_PARA) {
            if (rec && n->key && strchr(n->key, '+')) {
                akn_block(w, rec, n);
                continue;
            }
            if (!recs) {
                recs = akn_el(w, pre, "recitals");
                akn_eid(w, recs, hx_printf(w->doc->arena, "recs_%d", ++groups));
            }
            rec = akn_el(w, recs, "recital");
            akn_eid(w, rec, akn_eid_for(w, n, "rec"));
            if (n->label && *n->label)
                akn_num(w, rec, n->label);
            akn_inlines(w, akn_inline_block(w, rec, "p", n), n);
        } else if (rec && !n->key && n->type != HX_HEADING) {
            akn_block(w, rec, n); /* a table or list of the recital */
        } else {
            akn_block(w, pre, n);
            recs = rec = NULL;
        }
    }
}

/* A resolution or decision part into the statement docel: preface (with
 * the document's masthead front, if any), preamble, mainBody. */
static void statement(struct akn_writer *w, xmlNode *docel, const struct part *front,
                      const struct part *p)
{
    const struct hx_node *n = p->first, *stop = p->last ? p->last->next : NULL;
    const struct hx_node *f = NULL, *op = NULL, *pp = NULL;
    for (; n != stop; n = n->next) {
        if (!f && !op && is_formula(n))
            f = n;
        if (!pp && !op && is_pp(n))
            pp = n;
        if (!op && is_op(n))
            op = n;
    }
    const struct hx_node *pre_start = f ? f : pp ? pp : op ? op : stop;
    if (front || pre_start != p->first) {
        xmlNode *preface = akn_el(w, docel, "preface");
        for (n = front ? front->first : NULL; n; n = n == front->last ? NULL : n->next)
            preface_block(w, preface, n);
        for (n = p->first; n != pre_start; n = n->next)
            preface_block(w, preface, n);
    }
    if (pre_start != stop && pre_start != op) {
        xmlNode *pre = akn_el(w, docel, "preamble");
        const struct hx_node *end = op ? op->prev : p->last;
        preamble(w, pre, pre_start, end);
    }
    xmlNode *body = akn_el(w, docel, "mainBody");
    if (op)
        akn_hierarchy(w, body, op, p->last);
    else
        akn_el(w, body, "p"); /* no operative part: mainBody holds something */
}

/* Text of a part's heading or title, for a componentRef's showAs. */
static const char *part_title(struct akn_writer *w, const struct part *p)
{
    for (const struct hx_node *n = p->first; n; n = n == p->last ? NULL : n->next) {
        if (n->type == HX_HEADING || is_title(n)) {
            size_t len;
            const char *t = hx_node_text(w->doc, n, &len);
            if (len)
                return t;
        }
    }
    return p->key ? p->key : "component";
}

static void attachments(struct akn_writer *w, xmlNode *docel, const struct part *parts, size_t np)
{
    xmlNode *atts = NULL;
    int k = 0;
    for (size_t i = 0; i < np; i++) {
        if (kind_of(parts[i].key) != K_ANNEX)
            continue;
        if (!atts)
            atts = akn_el(w, docel, "attachments");
        xmlNode *att = akn_el(w, atts, "attachment");
        const char *id = akn_eid(w, att, hx_printf(w->doc->arena, "att_%d", ++k));
        xmlNode *d = akn_el(w, att, "doc");
        akn_set(w, d, "name", "annex");
        akn_meta(w, d, "doc", "annex", hx_printf(w->doc->arena, "annex_%d", k));
        w->prefix = hx_printf(w->doc->arena, "%s__", id);
        akn_hierarchy(w, akn_el(w, d, "mainBody"), parts[i].first, parts[i].last);
        w->prefix = "";
    }
}

/* A report: its body parts in mainBody, its resolutions and decisions as
 * components referenced where they stand. */
static void report(struct akn_writer *w, xmlNode *docel, const struct part *parts, size_t np)
{
    xmlNode *body = akn_el(w, docel, "mainBody");
    int k = 0;
    for (size_t i = 0; i < np; i++) {
        enum kind kd = kind_of(parts[i].key);
        if (kd == K_RES || kd == K_DEC) {
            xmlNode *ref = akn_el(w, body, "componentRef");
            akn_set(w, ref, "src", hx_printf(w->doc->arena, "#cmp_%d", ++k));
            akn_set(w, ref, "showAs", part_title(w, &parts[i]));
        } else if (kd != K_FRONT && kd != K_ANNEX) {
            akn_hierarchy(w, body, parts[i].first, parts[i].last);
        }
    }
    if (!body->children)
        akn_el(w, body, "p");
    attachments(w, docel, parts, np);
    xmlNode *comps = NULL;
    k = 0;
    for (size_t i = 0; i < np; i++) {
        enum kind kd = kind_of(parts[i].key);
        if (kd != K_RES && kd != K_DEC)
            continue;
        if (!comps)
            comps = akn_el(w, docel, "components");
        xmlNode *c = akn_el(w, comps, "component");
        const char *id = akn_eid(w, c, hx_printf(w->doc->arena, "cmp_%d", ++k));
        xmlNode *st = akn_el(w, c, "statement");
        const char *name = kd == K_RES ? "draftResolution" : "draftDecision";
        akn_set(w, st, "name", name);
        akn_meta(w, st, "statement", name, id);
        w->prefix = hx_printf(w->doc->arena, "%s__", id);
        statement(w, st, NULL, &parts[i]);
        w->prefix = "";
    }
}

/* An instrument: masthead, preamble, articles. */
static void act(struct akn_writer *w, xmlNode *docel, const struct part *parts, size_t np)
{
    const struct part *front = NULL;
    for (size_t i = 0; i < np; i++)
        if (kind_of(parts[i].key) == K_FRONT)
            front = &parts[i];
    if (front) {
        xmlNode *preface = akn_el(w, docel, "preface");
        for (const struct hx_node *n = front->first; n; n = n == front->last ? NULL : n->next)
            preface_block(w, preface, n);
    }
    for (size_t i = 0; i < np; i++)
        if (kind_of(parts[i].key) == K_PRE)
            preamble(w, akn_el(w, docel, "preamble"), parts[i].first, parts[i].last);
    xmlNode *body = akn_el(w, docel, "body");
    for (size_t i = 0; i < np; i++) {
        enum kind kd = kind_of(parts[i].key);
        if (kd != K_FRONT && kd != K_PRE && kd != K_ANNEX)
            akn_hierarchy(w, body, parts[i].first, parts[i].last);
    }
    if (!body->children)
        akn_set(w, akn_el(w, body, "hcontainer"), "name", "empty");
    attachments(w, docel, parts, np);
}

/* The model's parts, in order. */
static size_t collect(struct akn_writer *w, struct part **out)
{
    size_t n = 0, cap = 0;
    struct part *v = NULL;
    for (const struct hx_node *c = w->doc->root->first; c; c = c->next) {
        if (c->type == HX_SECTION && !c->first)
            continue;
        if (c->type != HX_SECTION && n && v[n - 1].key == NULL && v[n - 1].last == c->prev &&
            v[n - 1].last->type != HX_SECTION) {
            v[n - 1].last = c;
            continue;
        }
        v = hx_arena_grow(w->doc->arena, v, n, &cap, sizeof *v, 8);
        v[n].first = c->type == HX_SECTION ? c->first : c;
        v[n].last = c->type == HX_SECTION ? c->last : c;
        v[n++].key = c->type == HX_SECTION ? c->key : NULL;
    }
    *out = v;
    return n;
}

static int write_akn(struct hx_stage *st, struct hx_doc *doc, struct hx_output *out)
{
    struct akn_writer w = {.st = st, .doc = doc, .prefix = ""};
    struct part *parts;
    size_t np = collect(&w, &parts);
    int nres = 0, nbody = 0, instrument = 0;
    const struct part *front = NULL, *res = NULL;
    for (size_t i = 0; i < np; i++) {
        enum kind k = kind_of(parts[i].key);
        nres += k == K_RES || k == K_DEC;
        nbody += k == K_BODY;
        instrument |= k == K_PRE || k == K_ART;
        if (k == K_FRONT)
            front = &parts[i];
        if ((k == K_RES || k == K_DEC) && !res)
            res = &parts[i];
    }
    w.xd = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *root = xmlNewDocNode(w.xd, NULL, BAD_CAST "akomaNtoso", NULL);
    xmlDocSetRootElement(w.xd, root);
    xmlSetNs(root, xmlNewNs(root, BAD_CAST AKN_NS, NULL));
    const char *symbol = hx_meta_get(doc, "symbol");
    int draft = symbol && strstr(symbol, "/L.") != NULL;
    if (instrument) {
        xmlNode *d = akn_el(&w, root, "act");
        akn_set(&w, d, "name", "instrument");
        akn_meta(&w, d, "act", "instrument", "main");
        act(&w, d, parts, np);
    } else if (nres == 1 && nbody == 0) {
        const char *name = kind_of(res->key) == K_RES ? draft ? "draftResolution" : "resolution"
                           : draft                    ? "draftDecision"
                                                      : "decision";
        xmlNode *d = akn_el(&w, root, "statement");
        akn_set(&w, d, "name", name);
        akn_meta(&w, d, "statement", name, "main");
        statement(&w, d, front, res);
        attachments(&w, d, parts, np);
    } else {
        const char *name = nres || hx_meta_get(doc, "rapporteur") ? "report" : "document";
        xmlNode *d = akn_el(&w, root, "doc");
        akn_set(&w, d, "name", name);
        akn_meta(&w, d, "doc", name, "main");
        if (front) {
            xmlNode *preface = akn_el(&w, d, "preface");
            for (const struct hx_node *n = front->first; n; n = n == front->last ? NULL : n->next)
                preface_block(&w, preface, n);
        }
        report(&w, d, parts, np);
    }
    int rc = -1;
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpFormatMemoryEnc(w.xd, &mem, &len, "UTF-8", 1);
    if (!mem || len <= 0) {
        hx_error(st, doc, NULL, "the Akoma Ntoso writer failed");
    } else if (fwrite(mem, 1, (size_t)len, out->fp) != (size_t)len) {
        hx_error(st, doc, NULL, "cannot write %s", out->name);
    } else {
        rc = 0;
        if (w.replaced)
            hx_warn(st, doc, NULL, "%d characters XML cannot hold written as U+FFFD", w.replaced);
    }
    xmlFree(mem);
    xmlFreeDoc(w.xd);
    return rc;
}

const struct hx_filter hx_write_akn = {
    .name = "akn",
    .kind = HX_WRITER,
    .summary = "Akoma Ntoso 3.0 XML: statement, report (doc) or instrument (act), FRBR "
               "metadata, eIds from paragraph keys (read back by the akn reader)",
    .ext = "akn.xml",
    .exts = "akn",
    .needs = HX_HAS_TREE,
    .write = write_akn,
};
