#include "check.h"
#include "hx.h"

/* Types of the nodes met on entering, as one string, to test the walk. */
static void walk(struct hx_node *root, char *out, size_t len)
{
    size_t u = 0;
    struct hx_iter it = hx_iter_start(root);
    out[0] = 0;
    while (hx_iter_next(&it) && u < len)
        u += (size_t)snprintf(out + u, len - u, "%s%s ", it.enter ? "" : "/",
                              hx_type_name(it.node->type));
}

int main(void)
{
    struct hx_doc *doc = hx_doc_new("x.txt");
    struct hx_node *p = hx_node_new(doc, HX_PARA), *e = hx_node_new(doc, HX_EMPH);
    struct hx_node *t1 = hx_text_new(doc, "Recalling ", 10), *t2 = hx_text_new(doc, "its", 3);
    struct hx_node *note = hx_node_new(doc, HX_NOTE), *np = hx_node_new(doc, HX_PARA);
    hx_node_append(doc->root, p);
    hx_node_append(p, e);
    hx_node_append(e, t1);
    hx_node_append(p, t2);
    hx_node_append(p, note);
    hx_node_append(note, np);
    hx_node_append(np, hx_text_new(doc, "See A/76/1.", 11));
    CHECK(hx_doc_check(doc) == NULL);
    /* A paragraph holds inlines; the document and a note hold blocks. */
    CHECK(hx_node_has_inlines(p));
    CHECK(hx_node_has_inlines(np));
    CHECK(!hx_node_has_inlines(doc->root));
    CHECK(!hx_node_has_inlines(note));
    CHECK(!hx_node_has_inlines(hx_node_new(doc, HX_PARA)));

    char buf[512];
    walk(doc->root, buf, sizeof buf);
    CHECK_STR(buf, "doc para emph text /emph text note para text /para /note /para /doc ");
    /* hx_iter_skip skips the children and the exit of the node entered. */
    struct hx_iter it = hx_iter_start(doc->root);
    int texts = 0;
    while (hx_iter_next(&it)) {
        if (it.enter && it.node->type == HX_NOTE)
            hx_iter_skip(&it);
        else if (it.enter && it.node->type == HX_TEXT)
            texts++;
    }
    CHECK_INT(texts, 2);

    size_t len;
    CHECK_STR(hx_node_text(doc, p, &len), "Recalling its");
    CHECK_INT(len, 13);
    CHECK_STR(hx_node_text(doc, note, NULL), "See A/76/1.");

    /* Edits keep links sound. */
    struct hx_node *t0 = hx_text_new(doc, "«", 2);
    hx_node_insert_before(e, t0);
    CHECK(p->first == t0);
    hx_node_insert_after(note, hx_text_new(doc, "»", 2));
    CHECK(p->last->type == HX_TEXT);
    hx_node_detach(e);
    CHECK(t0->next == t2);
    CHECK(hx_doc_check(doc) == NULL);
    hx_node_append(doc->root, e); /* an inline directly under the root */
    CHECK(hx_doc_check(doc) != NULL);
    hx_node_detach(e);

    /* Pruning: the emptied wrappers go, up to the block. */
    struct hx_node *pp = hx_node_new(doc, HX_PARA), *em = hx_node_new(doc, HX_EMPH);
    struct hx_node *st = hx_node_new(doc, HX_STRONG), *sp = hx_text_new(doc, " ", 1);
    hx_node_append(doc->root, pp);
    hx_node_append(pp, hx_text_new(doc, "x", 1));
    hx_node_append(pp, em);
    hx_node_append(em, st);
    hx_node_append(st, sp);
    hx_node_detach_pruning(sp, pp);
    CHECK(pp->first == pp->last && pp->first->type == HX_TEXT);
    CHECK(em->parent == NULL && st->parent == NULL);
    hx_node_detach(pp);

    /* Language is inherited. */
    doc->lang = "zh";
    CHECK_STR(hx_node_lang(doc, t2), "zh");
    p->lang = "en";
    CHECK_STR(hx_node_lang(doc, t2), "en");

    CHECK(hx_type_can_contain(HX_LIST, HX_ITEM));
    CHECK(!hx_type_can_contain(HX_PARA, HX_PARA));
    CHECK(hx_type_can_contain(HX_PARA, HX_NOTE));
    CHECK(hx_type_can_contain(HX_NOTE, HX_PARA));
    for (int t = 0; t < HX_TYPE_COUNT; t++)
        CHECK_INT(hx_type_from_name(hx_type_name((enum hx_type)t)), t);
    for (int r = 0; r < HX_ROLE_COUNT; r++)
        CHECK_INT(hx_role_from_name(hx_role_name((enum hx_role)r)), r);
    CHECK_INT(hx_type_from_name("nope"), -1);

    hx_meta_set(doc, "symbol", "A/76/1");
    hx_meta_set(doc, "date", "1 May");
    hx_meta_set(doc, "symbol", "A/76/2");
    CHECK_STR(hx_meta_get(doc, "symbol"), "A/76/2");
    CHECK_STR(doc->meta->next->name, "date");
    CHECK(hx_meta_get(doc, "none") == NULL);
    hx_doc_free(doc);

    const char *paths[] = {"a.txt", "b.txt"};
    struct hx_set *set = hx_set_new(paths, 2);
    CHECK_INT(set->ndocs, 2);
    CHECK_STR(set->docs[1]->path, "b.txt");
    CHECK(set->docs[0]->root->type == HX_DOC);
    hx_set_free(set);
    return check_done();
}
