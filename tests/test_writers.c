/* The per-document writers (txt, xml) and the four align reports (tsv,
 * tmx, html, json) through their callbacks on models built here, without
 * a reader or the align stage: what each writes for labels, keys, notes,
 * lists, tables, quotes, breaks, flags and escaping, and for rows, beads,
 * confidence, flags and diagnostics of an alignment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "check.h"
#include "hx.h"

static struct hx_diags diags;

/* Runs writer spec ("txt:ids") over doc, or over set when doc is NULL;
 * returns what it wrote (malloc'd), NULL when it failed. */
static char *run(const char *spec, struct hx_doc *doc, struct hx_set *set)
{
    char name[32], err[256];
    const char *colon = strchr(spec, ':');
    size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
    snprintf(name, sizeof name, "%.*s", (int)n, spec);
    const struct hx_filter *f = hx_filter_find(name, HX_WRITER);
    if (!f) {
        fprintf(stderr, "no writer %s\n", name);
        exit(1);
    }
    struct hx_arena *a = hx_arena_new();
    void *priv = calloc(1, f->priv_size ? f->priv_size : 1);
    if (!priv || hx_opts_parse(f, priv, colon ? colon + 1 : "", a, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", spec, err);
        exit(1);
    }
    struct hx_stage st = {f, priv, &diags};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    struct hx_output out = {.fp = fp, .path = "unused", .name = "out"};
    int rc = f->open ? f->open(&st) : 0;
    if (rc == 0)
        rc = doc ? f->write(&st, doc, &out) : f->write_set(&st, set, &out);
    if (f->close)
        f->close(&st);
    fclose(fp);
    free(priv);
    hx_arena_free(a);
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static struct hx_node *add(struct hx_doc *doc, struct hx_node *parent, enum hx_type t,
                           const char *key)
{
    struct hx_node *n = hx_node_new(doc, t);
    n->key = key;
    hx_node_append(parent, n);
    return n;
}

static struct hx_node *text(struct hx_doc *doc, struct hx_node *parent, const char *s)
{
    struct hx_node *t = hx_text_new(doc, s, strlen(s));
    hx_node_append(parent, t);
    return t;
}

/* A small document: a heading, a labelled paragraph with emphasis, a link,
 * a paired note and a line break, a list, a table and a quote. */
static struct hx_doc *sample(void)
{
    struct hx_doc *doc = hx_doc_new("in/sample.txt");
    doc->lang = "en";
    hx_meta_set(doc, "symbol", "A/RES/1");
    struct hx_node *root = doc->root;
    struct hx_node *h = add(doc, root, HX_HEADING, "head.body.1");
    h->label = "I.";
    h->level = 1;
    text(doc, h, "Introduction");
    struct hx_node *p = add(doc, root, HX_PARA, "body.1");
    p->label = "1.";
    p->num = 1;
    p->role = HX_ROLE_NUMBERED;
    p->pos.line = 7;
    struct hx_node *e = add(doc, p, HX_EMPH, NULL);
    text(doc, e, "Notes");
    text(doc, p, " the <report> & ");
    struct hx_node *l = add(doc, p, HX_LINK, NULL);
    l->href = "https://www.un.org/";
    text(doc, l, "site");
    struct hx_node *note = add(doc, p, HX_NOTE, "fn.body.1");
    note->label = "1";
    note->num = 1;
    struct hx_node *nb = add(doc, note, HX_PARA, "fn.body.1");
    nb->role = HX_ROLE_NOTE_BODY;
    text(doc, nb, "See A/76/1.");
    text(doc, p, ".");
    add(doc, p, HX_BREAK, NULL);
    text(doc, p, "Second line.");
    struct hx_node *list = add(doc, root, HX_LIST, NULL);
    struct hx_node *it = add(doc, list, HX_ITEM, "body.1.a");
    it->label = "(a)";
    text(doc, add(doc, it, HX_PARA, NULL), "first item;");
    struct hx_node *t = add(doc, root, HX_TABLE, "body.1+1");
    struct hx_node *row = add(doc, t, HX_ROW, NULL);
    row->flags = HX_F_HEADER;
    text(doc, add(doc, add(doc, row, HX_CELL, NULL), HX_PARA, NULL), "Year");
    text(doc, add(doc, add(doc, row, HX_CELL, NULL), HX_PARA, NULL), "Total");
    struct hx_node *q = add(doc, root, HX_QUOTE, NULL);
    text(doc, add(doc, q, HX_PARA, "body.1+2"), "Quoted text.");
    const char *bad = hx_doc_check(doc);
    if (bad) {
        fprintf(stderr, "sample model: %s\n", bad);
        exit(1);
    }
    return doc;
}

static void test_txt(void)
{
    struct hx_doc *doc = sample();
    char *s = run("txt", doc, NULL);
    CHECK_STR(s, "I. Introduction\n"
                 "\n"
                 "1. Notes the <report> & site[1].\n"
                 "Second line.\n"
                 "\n"
                 "(a) first item;\n"
                 "\n"
                 "Year | Total\n"
                 "\n"
                 "    Quoted text.\n"
                 "\n"
                 "[1] See A/76/1.\n");
    free(s);
    s = run("txt:ids", doc, NULL);
    CHECK_STR(s, "head.body.1\tI. Introduction\n"
                 "\n"
                 "body.1\t1. Notes the <report> & site[1]. Second line.\n"
                 "\n"
                 "body.1.a\t(a) first item;\n"
                 "\n"
                 "body.1+1\tYear | Total\n"
                 "\n"
                 "body.1+2\t    Quoted text.\n"
                 "\n"
                 "fn.body.1\t[1] See A/76/1.\n");
    free(s);
    /* wrap=12 breaks at spaces, never inside a word */
    struct hx_doc *w = hx_doc_new("w.txt");
    text(w, add(w, w->root, HX_PARA, "body.2"), "alpha beta gamma delta");
    s = run("txt:wrap=12", w, NULL);
    CHECK_STR(s, "alpha beta\ngamma delta\n");
    free(s);
    s = run("txt:ids,wrap=12", w, NULL);
    CHECK_STR(s, "body.2\talpha beta\n\tgamma delta\n");
    free(s);
    hx_doc_free(w);
    hx_doc_free(doc);
}

static void test_xml(void)
{
    struct hx_doc *doc = sample();
    char *s = run("xml", doc, NULL);
    CHECK(s && strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    CHECK(s && strstr(s, "<hexaglot version=\"1\" source=\"in/sample.txt\" lang=\"en\">\n"
                         "  <meta name=\"symbol\" value=\"A/RES/1\"/>\n"
                         "  <doc>\n"
                         "    <heading label=\"I.\" key=\"head.body.1\" level=\"1\">\n"
                         "      <text>Introduction</text>\n"
                         "    </heading>\n"
                         "    <para role=\"numbered\" label=\"1.\" key=\"body.1\" num=\"1\" "
                         "line=\"7\">\n"
                         "      <emph>\n"
                         "        <text>Notes</text>\n"
                         "      </emph>\n"
                         "      <text> the &lt;report&gt; &amp; </text>\n"
                         "      <link href=\"https://www.un.org/\">\n"));
    CHECK(s && strstr(s, "<note label=\"1\" key=\"fn.body.1\" num=\"1\">\n"
                         "        <para role=\"note-body\" key=\"fn.body.1\">\n"
                         "          <text>See A/76/1.</text>\n"));
    CHECK(s && strstr(s, "<row flags=\"header\">"));
    CHECK(s && strstr(s, "      <break/>\n"));
    /* a control character cannot be written: U+FFFD and a warning */
    struct hx_doc *c = hx_doc_new("c.txt");
    text(c, add(c, c->root, HX_PARA, NULL), "a\x01z");
    size_t before = diags.n;
    char *t = run("xml", c, NULL);
    CHECK(t && strstr(t, "<text>a\xEF\xBF\xBDz</text>"));
    CHECK_INT(diags.n, before + 1);
    CHECK(diags.n > before && diags.v[diags.n - 1].sev == HX_SEV_WARNING);
    free(t);
    hx_doc_free(c);
    free(s);
    hx_doc_free(doc);
}

/* An alignment of two versions, built by hand: a clean 1-1 row, a row
 * whose numbers differ (flagged, one issue blamed on the Arabic version),
 * and a paragraph the Arabic version lacks. */
static struct hx_set *align_set(void)
{
    const char *paths[] = {"v/en.txt", "v/ar.txt"};
    struct hx_set *set = hx_set_new(paths, 2);
    struct hx_arena *a = set->arena;
    set->name = "A/RES/1";
    struct hx_align *al = hx_alloc(a, sizeof *al);
    memset(al, 0, sizeof *al);
    al->ndocs = 2;
    al->langs = hx_alloc(a, 2 * sizeof *al->langs);
    al->tags = hx_alloc(a, 2 * sizeof *al->tags);
    al->langs[0] = "en", al->langs[1] = "ar";
    al->tags[0] = "en", al->tags[1] = "ar";
    al->nrows = 3;
    al->rows = hx_alloc(a, 3 * sizeof *al->rows);
    memset(al->rows, 0, 3 * sizeof *al->rows);
    static const char *const keys[] = {"body.1", "body.2", "body.3"};
    static const char *const texts[3][2] = {
        {"One & \"two\".", "واحد."}, {"It rose 5%.", "ارتفع 7%."}, {"Only here.", NULL}};
    for (size_t r = 0; r < 3; r++) {
        struct hx_align_row *row = &al->rows[r];
        row->key = keys[r];
        row->part = "body";
        row->confidence = r == 0 ? 1.0 : r == 1 ? 0.875 : 0.5;
        row->cells = hx_alloc(a, 2 * sizeof *row->cells);
        memset(row->cells, 0, 2 * sizeof *row->cells);
        for (size_t d = 0; d < 2; d++) {
            struct hx_align_cell *c = &row->cells[d];
            c->text = texts[r][d];
            if (!c->text) {
                c->bead = HX_BEAD_10;
                continue;
            }
            struct hx_doc *doc = set->docs[d];
            c->node[0] = add(doc, doc->root, HX_PARA, keys[r]);
            c->n = 1;
        }
    }
    al->rows[0].lead = "recalls";
    struct hx_align_issue *is = hx_alloc(a, sizeof *is);
    *is = (struct hx_align_issue){
        .kind = HX_AF_NUMBERS, .doc = 1, .line = 12, .msg = "numbers differ: ar has 7%"};
    al->rows[1].flags = HX_AF_NUMBERS;
    al->rows[1].issues = is;
    is = hx_alloc(a, sizeof *is);
    *is = (struct hx_align_issue){
        .kind = HX_AF_MISSING, .doc = 1, .line = 14, .msg = "paragraph missing in ar"};
    al->rows[2].flags = HX_AF_MISSING;
    al->rows[2].issues = is;
    al->flagged = 2;
    set->align = al;
    return set;
}

static void test_align_reports(void)
{
    struct hx_set *set = align_set();
    char *s = run("align-tsv", NULL, set);
    CHECK_STR(s, "key\tpart\ten\tar\tbead\tconfidence\tflags\n"
                 "body.1\tbody\tOne & \"two\".\tواحد.\t1-1\t1.00\t\n"
                 "body.2\tbody\tIt rose 5%.\tارتفع 7%.\t1-1\t0.88\tnumbers\n"
                 "body.3\tbody\tOnly here.\t\t1-0\t0.50\tmissing\n");
    free(s);

    s = run("align-json", NULL, set);
    CHECK(s && strstr(s, "\"name\": \"A/RES/1\""));
    CHECK(s && strstr(s, "{\"name\": \"ar\", \"lang\": \"ar\", \"file\": \"v/ar.txt\"}"));
    CHECK(s && strstr(s, "\"summary\": {\"rows\": 3, \"flagged\": 2}"));
    CHECK(s && strstr(s, "{\"key\": \"body.1\", \"part\": \"body\", \"lead\": \"recalls\", "
                         "\"bead\": \"1-1\", \"confidence\": 1.000, \"flags\": []"));
    CHECK(s && strstr(s, "\"confidence\": 0.875, \"flags\": [\"numbers\"]"));
    CHECK(s && strstr(s, "\"text\": \"One & \\\"two\\\".\""));
    CHECK(s && strstr(s, "{\"bead\": \"1-0\", \"keys\": [], \"merged_up\": false, "
                         "\"notes\": 0, \"text\": null}"));
    CHECK(s && strstr(s, "{\"file\": \"v/ar.txt\", \"line\": 12, \"key\": \"body.2\", "
                         "\"version\": \"ar\", \"kind\": \"numbers\", \"severity\": \"warning\", "
                         "\"message\": \"numbers differ: ar has 7%\"}"));
    free(s);

    s = run("align-html", NULL, set);
    CHECK(s && strstr(s, "<th lang=\"ar\" dir=\"rtl\">"));
    CHECK(s && strstr(s, "<td lang=\"ar\" dir=\"auto\">واحد.</td>"));
    CHECK(s && strstr(s, "<td lang=\"en\">One &amp; &quot;two&quot;.</td>"));
    CHECK(s && strstr(s, "<tr id=\"k-body.2\" class=\"flag\">"));
    CHECK(s && strstr(s, "<li class=\"warn\"><input type=\"checkbox\" class=\"ok\" "
                         "title=\"looked at\" data-a=\"body.2&#9;numbers&#9;numbers differ: ar "
                         "has 7%\"> numbers differ: ar has 7%</li>"));
    CHECK(s && strstr(s, "<td lang=\"ar\" dir=\"auto\" class=\"miss bad\">&mdash;</td>"));
    CHECK(s && strstr(s, "title=\"bead, confidence\">1-1 0.88</span>"));
    free(s);

    s = run("align-tmx", NULL, set);
    CHECK(s && strstr(s, "<tmx version=\"1.4\">"));
    CHECK(s && strstr(s, "segtype=\"paragraph\""));
    CHECK(s && strstr(s, "<tuv xml:lang=\"ar\">\n"
                         "        <prop type=\"x-key\">body.1</prop>\n"
                         "        <seg>واحد.</seg>\n"
                         "      </tuv>\n"));
    CHECK(s && strstr(s, "<seg>One &amp; &quot;two&quot;.</seg>"));
    CHECK(s && strstr(s, "<prop type=\"x-flags\">numbers</prop>"));
    /* the row the Arabic version lacks is no unit (a CAT tool would take
     * a one-language unit for a pairing); the header counts it */
    CHECK(s && !strstr(s, "A/RES/1:body.3"));
    CHECK(s && strstr(s, "<prop type=\"x-partial-rows\">1 rows"));
    free(s);
    hx_set_free(set);

    /* Without the align stage the reports refuse, with an error. */
    const char *one[] = {"x.txt"};
    struct hx_set *bare = hx_set_new(one, 1);
    size_t errors = diags.errors;
    CHECK(run("align-json", NULL, bare) == NULL);
    CHECK(run("align-tsv", NULL, bare) == NULL);
    CHECK(diags.errors == errors + 2);
    hx_set_free(bare);
}

int main(void)
{
    test_txt();
    test_xml();
    test_align_reports();
    hx_diags_free(&diags);
    return check_done();
}
