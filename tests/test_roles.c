/* The structure stage on trees whose reader set roles (the contract at
 * enum hx_role in pipeline/doc.h), built in memory as the Akoma Ntoso
 * reader builds them: a formula no phrase list names, preambular
 * paragraphs with lettered recitals, operative headings with paragraphs
 * numbered under each, an organ's formula marked preambular, article
 * headings and titles, an annex whose opening block says nothing of
 * "Annex". The same blocks without roles show what the text alone gives,
 * and a second run over a structured tree gives the same keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>

#include "check.h"
#include "hx.h"

extern const struct hx_filter hx_structure;

static struct hx_diags diags;

/* One block: 'H' heading or 'P' paragraph, its role, a reader's label
 * (NULL = none) and its text. */
struct blk {
    char type;
    enum hx_role role;
    const char *label, *text;
};

static struct hx_doc *doc_of(const struct blk *b, int roles)
{
    struct hx_doc *doc = hx_doc_new("test.akn");
    doc->lang = "en";
    doc->format = "akn";
    for (unsigned i = 0; b[i].text; i++) {
        struct hx_node *p = hx_node_new(doc, b[i].type == 'H' ? HX_HEADING : HX_PARA);
        p->pos.line = i + 1;
        p->level = 1;
        p->role = roles ? b[i].role : HX_ROLE_NONE;
        p->label = b[i].label ? hx_strdup(doc->arena, b[i].label) : NULL;
        hx_node_append(p, hx_text_new(doc, b[i].text, strlen(b[i].text)));
        hx_node_append(doc->root, p);
    }
    return doc;
}

static void run(struct hx_doc *doc)
{
    void *priv = calloc(1, hx_structure.priv_size);
    struct hx_stage st = {&hx_structure, priv, &diags};
    CHECK(priv != NULL);
    if (!priv)
        return;
    CHECK_INT(hx_structure.open(&st), 0);
    CHECK_INT(hx_structure.doc(&st, doc), 0);
    hx_structure.close(&st);
    free(priv);
    CHECK(hx_doc_check(doc) == NULL);
}

/* The keys of the blocks in order, '|'-separated, sections skipped. */
static const char *keys(struct hx_doc *doc)
{
    static char buf[2048];
    size_t n = 0;
    buf[0] = '\0';
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        struct hx_node *x = it.node;
        if (!it.enter || x->type == HX_SECTION || x->type == HX_DOC || hx_type_is_inline(x->type))
            continue;
        int w = snprintf(buf + n, sizeof buf - n, "%s%s", n ? "|" : "", x->key ? x->key : "-");
        if (w < 0 || (size_t)w >= sizeof buf - n)
            break;
        n += (size_t)w;
    }
    return buf;
}

static struct hx_node *by_key(struct hx_doc *doc, const char *key)
{
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it))
        if (it.enter && it.node->key && it.node->type != HX_SECTION &&
            strcmp(it.node->key, key) == 0)
            return it.node;
    return NULL;
}

static const char *lead(struct hx_doc *doc, const char *key)
{
    struct hx_node *n = by_key(doc, key);
    return n ? n->lead ? n->lead : "(none)" : "(no such key)";
}

/* ITU's resolution as the reader marks it. */
static const struct blk itu[] = {
    {'P', HX_ROLE_TITLE, NULL, "World telecommunication policy forum"},
    {'P', HX_ROLE_FORMULA, NULL,
     "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),"},
    {'P', HX_ROLE_PREAMBULAR, NULL, "considering"},
    {'P', HX_ROLE_PREAMBULAR, NULL, "a) relevant resolutions of the General Assembly;"},
    {'P', HX_ROLE_PREAMBULAR, "b)", "the WSIS+10 statement,"},
    {'P', HX_ROLE_PREAMBULAR, NULL, "conscious"},
    {'P', HX_ROLE_PREAMBULAR, NULL, "a) that the purposes of the Union are,"},
    {'P', HX_ROLE_PREAMBULAR, NULL, "noting"},
    {'P', HX_ROLE_PREAMBULAR, NULL, "Resolution 151 (Rev. Dubai, 2018) of this conference,"},
    {'H', HX_ROLE_OPERATIVE, NULL, "resolves"},
    {'P', HX_ROLE_OPERATIVE, NULL, "1 to hold the forum back to back with the WSIS Forum;"},
    {'P', HX_ROLE_OPERATIVE, "2", "that the forum shall be maintained;"},
    {'H', HX_ROLE_OPERATIVE, NULL, "instructs the Secretary-General"},
    {'P', HX_ROLE_OPERATIVE, NULL, "to make the necessary preparations,"},
    {'H', HX_ROLE_OPERATIVE, NULL, "instructs the ITU Council"},
    {'P', HX_ROLE_OPERATIVE, "1", "to decide on the date;"},
    {'P', HX_ROLE_OPERATIVE, "2", "to adopt a procedure."},
    {0, 0, NULL, NULL},
};

static void test_itu(void)
{
    struct hx_doc *doc = doc_of(itu, 1);
    run(doc);
    CHECK_STR(
        keys(doc),
        "res1.title|res1.formula|res1.pp.1|res1.pp.1.a|res1.pp.1.b|res1.pp.2|"
        "res1.pp.2.a|res1.pp.3|res1.pp.3+1|res1.op.1|res1.op.1.1|res1.op.1.2|res1.op.2|res1.op.2.1|"
        "res1.op.3|res1.op.3.1|res1.op.3.2");
    struct hx_node *n = by_key(doc, "res1.formula");
    CHECK(n && n->role == HX_ROLE_FORMULA);
    n = by_key(doc, "res1.pp.1.b");
    CHECK(n && n->role == HX_ROLE_SUBITEM);
    n = by_key(doc, "res1.pp.1.a");
    CHECK_STR(n ? n->label : NULL, "a)");
    /* "1 " opening the text is the printed number, moved to the label */
    n = by_key(doc, "res1.op.1.1");
    CHECK_STR(n ? n->label : NULL, "1");
    CHECK_STR(n ? hx_node_text(doc, n, NULL) : NULL,
              "to hold the forum back to back with the WSIS Forum;");
    n = by_key(doc, "res1.op.2");
    CHECK(n && n->type == HX_HEADING && n->role == HX_ROLE_OPERATIVE && n->num == 0);
    n = by_key(doc, "res1.pp.1");
    CHECK_STR(n ? n->lead : NULL, "whereas");
    n = by_key(doc, "res1.title");
    CHECK(n && n->type == HX_HEADING && n->role == HX_ROLE_TITLE);
    CHECK_STR(doc->root->first ? doc->root->first->key : NULL, "res1");

    /* the structured tree again (as the model reader brings it back):
     * the roles structure set are taken as given, the keys stay */
    char before[2048];
    snprintf(before, sizeof before, "%s", keys(doc));
    run(doc);
    CHECK_STR(keys(doc), before);
    hx_doc_free(doc);

    /* without the roles the text alone names no formula: no resolution */
    doc = doc_of(itu, 0);
    run(doc);
    CHECK(by_key(doc, "res1.formula") == NULL);
    CHECK(by_key(doc, "res1.op.1.1") == NULL);
    hx_doc_free(doc);
}

/* The CND draft in Akoma Ntoso 2.0: no <formula>, the organ's formula is
 * the preamble's first paragraph; points numbered "1." with a paragraph
 * going on after one. */
static void test_cnd(void)
{
    static const struct blk b[] = {
        {'P', HX_ROLE_NONE, NULL, "E/CN.7/2012/L.2"},
        {'P', HX_ROLE_NONE, NULL, "Promoting international cooperation"},
        {'P', HX_ROLE_PREAMBULAR, NULL, "The Commission on Narcotic Drugs,"},
        {'P', HX_ROLE_PREAMBULAR, NULL, "Concerned that new psychoactive substances are marketed,"},
        {'P', HX_ROLE_PREAMBULAR, NULL, "Acknowledging the dynamic nature of that market,"},
        {'P', HX_ROLE_OPERATIVE, "1.", "Encourages Member States to monitor trends;"},
        {'P', HX_ROLE_OPERATIVE, "2.", "Urges Member States to share that information:"},
        {'P', HX_ROLE_OPERATIVE, NULL, "with the Office on Drugs and Crime;"},
        {'P', HX_ROLE_OPERATIVE, "3.", "Requests the Office to report."},
        {0, 0, NULL, NULL},
    };
    struct hx_doc *doc = doc_of(b, 1);
    run(doc);
    CHECK_STR(keys(doc), "front.symbol|res1.title|res1.formula|res1.pp.1|res1.pp.2|res1.op.1|"
                         "res1.op.2|res1.op.2+1|res1.op.3");
    struct hx_node *n = by_key(doc, "res1.op.2+1");
    CHECK(n && n->role == HX_ROLE_CONTINUED);
    CHECK_STR(lead(doc, "res1.op.2"), "urge");
    CHECK_STR(lead(doc, "res1.pp.2"), "recognize");
    hx_doc_free(doc);
}

/* Articles whose heading a reader marked (the Italian "Art. 1." no list
 * names; a heading that prints no number), titles under them, and a title
 * as a plain heading under "Article 3" (no role: DOCX, HTML). */
static void test_articles(void)
{
    static const struct blk b[] = {
        {'H', HX_ROLE_ARTICLE, NULL, "Art. 1."},
        {'H', HX_ROLE_TITLE, NULL, "(Modifiche al sistema elettorale)"},
        {'P', HX_ROLE_NONE, NULL, "1. Al testo unico sono apportate le seguenti modificazioni:"},
        {'P', HX_ROLE_NONE, NULL, "a) l'articolo 1 è sostituito;"},
        {'H', HX_ROLE_ARTICLE, NULL, "Entrata in vigore"},
        {'P', HX_ROLE_NONE, NULL, "La presente legge entra in vigore il giorno successivo."},
        {'H', HX_ROLE_NONE, NULL, "Article 3"},
        {'H', HX_ROLE_NONE, NULL, "Definitions"},
        {'P', HX_ROLE_NONE, NULL, "For the purpose of this Regulation:"},
        {'H', HX_ROLE_NONE, NULL, "Article 4"},
        {'P', HX_ROLE_NONE, NULL, "Scope"},
        {0, 0, NULL, NULL},
    };
    struct hx_doc *doc = doc_of(b, 1);
    run(doc);
    CHECK_STR(keys(doc), "art.1|art.1.title|art.1.1|art.1.1.a|art.2|art.2.1|art.3|art.3.title|"
                         "art.3.1|art.4|art.4.1");
    struct hx_node *n = by_key(doc, "art.1.title");
    CHECK(n && n->type == HX_HEADING && n->role == HX_ROLE_TITLE);
    n = by_key(doc, "art.2");
    CHECK(n && n->role == HX_ROLE_ARTICLE && n->num == 2);
    hx_doc_free(doc);

    /* without roles "Art. 1." is no article heading, and its title took
     * the place of paragraph 1 before */
    doc = doc_of(b, 0);
    run(doc);
    CHECK(by_key(doc, "art.1") == NULL);
    CHECK(by_key(doc, "art.3.title") != NULL);
    hx_doc_free(doc);
}

/* An attachment's first block opens an annex whatever it says; its title
 * after it; a year in parentheses dates nothing. */
static void test_annex_date(void)
{
    static const struct blk b[] = {
        {'P', HX_ROLE_NONE, NULL, "RESOLUTION 2 (REV. DUBAI, 2018)"},
        {'P', HX_ROLE_NONE, NULL, "20 November 2026"},
        {'P', HX_ROLE_NONE, NULL, "1. The report begins."},
        {'P', HX_ROLE_ANNEX, NULL, "Principles"},
        {'P', HX_ROLE_TITLE, NULL, "Principles of multilingual publication"},
        {'P', HX_ROLE_NONE, NULL, "1. Every language version is an original."},
        {0, 0, NULL, NULL},
    };
    struct hx_doc *doc = doc_of(b, 1);
    run(doc);
    CHECK_STR(keys(doc), "front.title|front.date|body.1|head.annex|annex.title|annex.1");
    CHECK_STR(hx_meta_get(doc, "date"), "20 November 2026");
    struct hx_node *n = by_key(doc, "head.annex");
    CHECK(n && n->type == HX_HEADING && n->role == HX_ROLE_ANNEX);
    hx_doc_free(doc);

    /* an attachment opening with its text: an annex, the text no heading */
    static const struct blk c[] = {
        {'P', HX_ROLE_NONE, NULL, "1. The report begins."},
        {'P', HX_ROLE_ANNEX, NULL,
         "Onorevoli Senatori. -- Il presente disegno di legge riproduce."},
        {'P', HX_ROLE_NONE, NULL, "Nel corso degli ultimi anni."},
        {'P', HX_ROLE_ANNEX, NULL, "Annex II"},
        {0, 0, NULL, NULL},
    };
    doc = doc_of(c, 1);
    run(doc);
    CHECK_STR(keys(doc), "body.1|annex+1|annex+2|head.annex2");
    n = by_key(doc, "annex+1");
    CHECK(n && n->type == HX_PARA && n->role == HX_ROLE_NONE);
    hx_doc_free(doc);
}

int main(void)
{
    test_itu();
    test_cnd();
    test_articles();
    test_annex_date();
    hx_diags_free(&diags);
    u_cleanup(); /* ICU's caches, so leak checkers see none */
    return check_done();
}
