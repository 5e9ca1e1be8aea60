/* The HTML reader on small documents, then on the Universal Declaration in
 * six languages (from HX_SHARED; that part is skipped when it is absent). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "hx.h"

extern const struct hx_filter hx_read_html;

static struct hx_diags diags;

/* Reads the HTML at path into a new document (NULL when the reader failed). */
static struct hx_doc *read_path(const char *path)
{
    struct hx_doc *doc = hx_doc_new(path);
    struct hx_stage st = {.f = &hx_read_html, .priv = NULL, .diags = &diags};
    if (hx_read_html.read(&st, doc) < 0) {
        hx_doc_free(doc);
        return NULL;
    }
    return doc;
}

static struct hx_doc *read_string(const char *html)
{
    char path[] = "/tmp/hx-html-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    size_t n = strlen(html);
    int ok = write(fd, html, n) == (ssize_t)n;
    close(fd);
    struct hx_doc *doc = ok ? read_path(path) : NULL;
    unlink(path);
    return doc;
}

static int count(struct hx_node *root, enum hx_type t)
{
    int n = 0;
    struct hx_iter it = hx_iter_start(root);
    while (hx_iter_next(&it))
        n += it.enter && it.node->type == t;
    return n;
}

static const char *text(struct hx_doc *doc, struct hx_node *n)
{
    return n ? hx_node_text(doc, n, NULL) : "(none)";
}

static void test_small(void)
{
    struct hx_doc *doc =
        read_string("<!DOCTYPE html><html lang=\"fr\"><head><title>T</title>"
                    "<style>p{}</style></head><body>\n"
                    "<h2>  Titre   <em>un</em> </h2>\n"
                    "<p>Un <b>gras</b>\n et <a href=\"http://x.org/\">lien</a>"
                    "<sup>1</sup>.</p>\n"
                    "loose <i>text</i>\n"
                    "<div><p lang=\"ar\" dir=\"rtl\">نص</p></div>\n"
                    "<ol start=\"3\"><li>trois</li><li><p>quatre</p></li></ol>\n"
                    "<ul><li>x<ul><li>y</li></ul></li></ul>\n"
                    "<table><thead><tr><th>h</th></tr></thead>"
                    "<tr><td colspan=\"2\">c<br>d</td></tr></table>\n"
                    "<blockquote><p>q</p></blockquote>"
                    "<article data-number=\"7\"><h3>Art</h3><p>a &amp; b</p></article>"
                    "<p><img alt=\"pic\" src=\"x.png\"> <script>bad()</script></p>"
                    "<p>   </p></body></html>");
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK(hx_doc_check(doc) == NULL);
    CHECK_STR(doc->lang, "fr");
    struct hx_node *n = doc->root->first;
    CHECK_INT(n->type, HX_HEADING);
    CHECK_INT(n->level, 2);
    CHECK_STR(text(doc, n), "Titre un");
    n = n->next;
    CHECK_INT(n->type, HX_PARA);
    CHECK_STR(text(doc, n), "Un gras et lien1.");
    CHECK_INT(count(n, HX_STRONG), 1);
    CHECK_INT(count(n, HX_LINK), 1);
    CHECK_INT(count(n, HX_SUP), 1);
    n = n->next; /* the loose inline run becomes a paragraph */
    CHECK_INT(n->type, HX_PARA);
    CHECK_STR(text(doc, n), "loose text");
    n = n->next;
    CHECK_INT(n->type, HX_PARA);
    CHECK_STR(n->lang, "ar");
    CHECK(n->flags & HX_F_RTL);
    n = n->next;
    CHECK_INT(n->type, HX_LIST);
    CHECK_INT(count(n, HX_ITEM), 2);
    CHECK_STR(n->first->label, "3.");
    CHECK_INT(n->first->num, 3);
    CHECK_STR(n->last->label, "4.");
    CHECK_INT(n->first->first->type, HX_PARA);
    n = n->next;
    CHECK_INT(n->type, HX_LIST);
    CHECK(n->first->label == NULL);
    CHECK_INT(count(n, HX_LIST), 2);
    n = n->next;
    CHECK_INT(n->type, HX_TABLE);
    CHECK_INT(count(n, HX_ROW), 2);
    CHECK(n->first->flags & HX_F_HEADER);
    CHECK_INT(n->last->first->span[0], 2);
    CHECK_INT(count(n, HX_BREAK), 1);
    n = n->next;
    CHECK_INT(n->type, HX_QUOTE);
    n = n->next;
    CHECK_INT(n->type, HX_SECTION);
    CHECK_INT(n->num, 7);
    CHECK_STR(text(doc, n->last), "a & b");
    n = n->next;
    CHECK_INT(n->type, HX_PARA);
    CHECK_INT(count(n, HX_IMAGE), 1);
    CHECK_STR(n->first->text, "pic");
    CHECK(n->next == NULL); /* the blank paragraph is dropped */
    hx_doc_free(doc);

    /* Hostile input: junk gives a tree, not a crash; nesting past the
     * parser's limit (which drops everything after it) is an error on the
     * document, not a silently empty tree (issue 9, defect 11). */
    struct hx_buf b = {0};
    for (int i = 0; i < 100; i++)
        hx_buf_adds(&b, i % 2 ? "<div>" : "<span>");
    hx_buf_adds(&b, "deep</p></td><<>>&#0;\x01");
    doc = read_string(b.data);
    CHECK(doc != NULL);
    if (doc) {
        CHECK(hx_doc_check(doc) == NULL);
        hx_doc_free(doc);
    }
    hx_buf_reset(&b);
    for (int i = 0; i < 5000; i++)
        hx_buf_adds(&b, i % 2 ? "<div>" : "<span>");
    hx_buf_adds(&b, "deep");
    doc = read_string(b.data);
    hx_buf_free(&b);
    CHECK(doc == NULL);
    hx_doc_free(doc);
}

/* Every language of the Declaration: a preamble section, then 30 article
 * sections numbered 1..30 whose paragraphs (list items included) are the
 * same in number across languages. */
static int test_udhr(const char *shared)
{
    static const char *const langs[] = {"arb", "cmn_hans", "eng", "fra", "rus", "spa"};
    int paras[6][31] = {{0}};
    for (int l = 0; l < 6; l++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/udhr/udhr--%s.html", shared, langs[l]);
        if (access(path, R_OK) != 0)
            return 0;
        struct hx_doc *doc = read_path(path);
        CHECK(doc != NULL);
        if (!doc)
            continue;
        CHECK(hx_doc_check(doc) == NULL);
        CHECK(doc->lang != NULL);
        CHECK_INT(hx_lang_is_rtl(doc->lang), l == 0);
        CHECK_INT(!!(doc->root->flags & HX_F_RTL), l == 0);
        int sections = 0, articles = 0;
        for (struct hx_node *s = doc->root->first; s; s = s->next) {
            if (s->type != HX_SECTION)
                continue;
            if (sections == 0) {
                CHECK_INT(s->num, 0);
                CHECK_INT(s->first->type, HX_HEADING);
                CHECK(count(s, HX_PARA) >= 8);
            } else {
                articles++;
                CHECK_INT(s->num, articles);
                CHECK_INT(s->first->type, HX_HEADING);
                if (s->num >= 1 && s->num <= 30)
                    paras[l][s->num] = count(s, HX_PARA);
            }
            sections++;
        }
        CHECK_INT(articles, 30);
        hx_doc_free(doc);
    }
    for (int a = 1; a <= 30; a++)
        for (int l = 1; l < 6; l++)
            if (paras[l][a] != paras[0][a]) {
                fprintf(stderr, "article %d: %s has %d paragraphs, %s %d\n", a, langs[l],
                        paras[l][a], langs[0], paras[0][a]);
                CHECK(0);
            }
    return 1;
}

int main(void)
{
    test_small();
    const char *shared = getenv("HX_SHARED");
    int did = shared && test_udhr(shared);
    if (!did)
        fprintf(stderr, "UDHR part skipped: HX_SHARED/corpus/udhr absent\n");
    for (size_t i = 0; i < diags.n; i++)
        fprintf(stderr, "diag: %s:%u: %s\n", diags.v[i].file ? diags.v[i].file : "",
                diags.v[i].line, diags.v[i].msg);
    hx_diags_free(&diags);
    return check_done();
}
