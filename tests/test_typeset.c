/* typeset/: a model laid out on pages: no heading alone at a page foot, a
 * hanging paragraph number left of
 * its text, a note at the foot of the page that references it (also when
 * that is page 3), a link from the marker to the note, an outline mark per
 * heading, right-to-left paragraphs set against the right margin, and
 * Chinese lines that keep the prohibition rules. Skips (77) without the
 * fonts of scripts/setup. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "hx.h"
#include "typeset/typeset.h"

static struct hx_node *add_para(struct hx_doc *d, struct hx_node *parent, enum hx_type t,
                                const char *label, const char *text)
{
    struct hx_node *p = hx_node_new(d, t);
    p->label = label;
    hx_node_append(parent, p);
    hx_node_append(p, hx_text_new(d, text, strlen(text)));
    return p;
}

/* The page and the run holding text s (its first glyph's cluster). */
static const struct hx_ts_run *find(const struct hx_ts_doc *td, const char *s, size_t *page)
{
    for (size_t p = 0; p < td->npages; p++)
        for (const struct hx_ts_run *r = td->pages[p].runs; r; r = r->next)
            for (size_t i = 0; i < r->n; i++)
                if (r->g[i].len && !strncmp(r->text + r->g[i].at, s, strlen(s))) {
                    *page = p;
                    return r;
                }
    return NULL;
}

int main(void)
{
    const char *err = NULL;
    struct hx_fonts *fs = hx_fonts_open(NULL, &err);
    if (!fs) {
        printf("SKIP: %s\n", err);
        return 77;
    }
    struct hx_ts_opts o = {595.276, 841.89, 10, fs};
    struct hx_stage st = {0};
    struct hx_diags diags = {0};
    st.diags = &diags;

    struct hx_doc *d = hx_doc_new("t.txt");
    d->lang = "en";
    struct hx_node *sec = hx_node_new(d, HX_SECTION);
    hx_node_append(d->root, sec);
    struct hx_node *h = add_para(d, sec, HX_HEADING, NULL, "Introduction");
    h->level = 1;
    for (int k = 1; k <= 120; k++) {
        char buf[400];
        if (k % 7 == 0) { /* headings among them, never alone at a page foot */
            snprintf(buf, sizeof buf, "Heading %d", k);
            add_para(d, sec, HX_HEADING, NULL, buf)->level = 2;
        }
        snprintf(buf, sizeof buf,
                 "Paragraph%d says what the General Assembly decided at its seventy-sixth "
                 "session about information and communications technologies for development, "
                 "recalling its earlier resolutions on the subject and the reports before it.",
                 k);
        struct hx_node *p = add_para(d, sec, HX_PARA, k == 1 ? "1." : NULL, buf);
        if (k == 100) {
            struct hx_node *note = hx_node_new(d, HX_NOTE);
            note->num = 7;
            hx_node_append(p, note);
            add_para(d, note, HX_PARA, NULL, "Footnotetext of note seven.")->role =
                HX_ROLE_NOTE_BODY;
        }
    }
    struct hx_ts_doc td;
    CHECK_INT(hx_ts_layout(&st, d, &o, &td), 0);
    CHECK(td.npages >= 3);
    CHECK_INT(td.nmarks, 1 + 120 / 7);
    for (size_t p = 0; p + 1 < td.npages; p++) {
        const struct hx_ts_run *low = NULL;
        for (const struct hx_ts_run *r = td.pages[p].runs; r; r = r->next)
            if (r->size >= 10 && r->y > 60 && (!low || r->y < low->y))
                low = r;
        CHECK(low && strncmp(low->text, "Heading", 7) != 0);
    }
    CHECK_STR(td.marks[0].title, "Introduction");
    CHECK_INT(td.marks[0].page, 0);
    size_t pl = 99, pt = 99, pn = 99, pm = 99;
    const struct hx_ts_run *label = find(&td, "1.", &pl), *text = find(&td, "Paragraph1 ", &pt);
    CHECK(label && text && pl == 0 && pt == 0);
    if (label && text)
        CHECK(label->x < text->x);
    /* The note sits on the page of paragraph 100, below every body line. */
    const struct hx_ts_run *note = find(&td, "Footnotetext", &pn);
    const struct hx_ts_run *body = find(&td, "Paragraph100", &pm);
    CHECK(note && body && pn == pm && pn >= 2);
    for (const struct hx_ts_run *r = note ? td.pages[pn].runs : NULL; r; r = r->next)
        if (r->size == 10 && r->y > 60)
            CHECK(r->y > note->y);
    /* The marker links to the note's place, the note's number back. */
    int links = 0, back = 0;
    for (const struct hx_ts_link *k = note ? td.pages[pm].links : NULL; k; k = k->next) {
        if (!k->uri && k->page == (int)pn && k->y0 > note->y + 5)
            links++;
        if (!k->uri && k->page == (int)pm && k->y1 >= note->y - 1 && k->y0 < note->y)
            back++;
    }
    CHECK_INT(links, 1);
    CHECK_INT(back, 1);
    /* No widow, no orphan: each three-line paragraph stays on one page (its
     * runs share the paragraph's text). */
    int split = 0;
    for (size_t p = 1; p < td.npages; p++)
        for (const struct hx_ts_run *r = td.pages[p].runs; r; r = r->next)
            for (const struct hx_ts_run *q = td.pages[p - 1].runs; q; q = q->next)
                split += r->text == q->text && !strncmp(r->text, "Paragraph", 9);
    CHECK_INT(split, 0);
    /* Every glyph lies on the paper. */
    for (size_t p = 0; p < td.npages; p++)
        for (const struct hx_ts_run *r = td.pages[p].runs; r; r = r->next)
            for (size_t i = 0; i < r->n; i++) {
                CHECK(r->x + r->g[i].x >= 0 && r->x + r->g[i].x < o.width);
                CHECK(r->y + r->g[i].y > 0 && r->y + r->g[i].y < o.height);
            }
    hx_doc_free(d);

    /* A long table: its header row atop every page. */
    d = hx_doc_new("t.html");
    d->lang = "en";
    struct hx_node *t = hx_node_new(d, HX_TABLE);
    hx_node_append(d->root, t);
    for (int k = 0; k <= 150; k++) {
        struct hx_node *row = hx_node_new(d, HX_ROW);
        hx_node_append(t, row);
        if (!k)
            row->flags |= HX_F_HEADER;
        for (int j = 0; j < 2; j++) {
            struct hx_node *cell = hx_node_new(d, HX_CELL);
            hx_node_append(row, cell);
            char buf[64];
            snprintf(buf, sizeof buf, k ? "Row%d cell%d" : "Heading%d", k ? k : j, j);
            add_para(d, cell, HX_PARA, NULL, buf);
        }
    }
    CHECK_INT(hx_ts_layout(&st, d, &o, &td), 0);
    CHECK(td.npages >= 3);
    for (size_t p = 0; p < td.npages; p++) {
        int heads = 0;
        for (const struct hx_ts_run *r = td.pages[p].runs; r; r = r->next)
            for (size_t i = 0; i < r->n; i++)
                heads += r->g[i].len && !strncmp(r->text + r->g[i].at, "Heading", 7);
        CHECK_INT(heads, 2);
    }
    hx_doc_free(d);

    /* Arabic: set against the right margin. */
    d = hx_doc_new("a.txt");
    d->lang = "ar";
    add_para(d, d->root, HX_PARA, NULL, "لكل شخص الحق في الحياة");
    CHECK_INT(hx_ts_layout(&st, d, &o, &td), 0);
    size_t pa;
    const struct hx_ts_run *ar = find(&td, "لكل", &pa);
    CHECK(ar && ar->rtl);
    double right = 0;
    for (const struct hx_ts_run *r = td.pages[0].runs; r; r = r->next)
        if (r->rtl)
            for (size_t i = 0; i < r->n; i++)
                if (r->x + r->g[i].x > right)
                    right = r->x + r->g[i].x;
    CHECK(right > o.width - 72 - 20 && right <= o.width - 72);
    hx_doc_free(d);

    /* Chinese: no line starts with a comma, at any measure. */
    d = hx_doc_new("z.txt");
    d->lang = "zh";
    add_para(d, d->root, HX_PARA, NULL,
             "大会，回顾其第70/1号决议（题为“变革我们的世界：2030年可持续发展议程”），"
             "并注意到秘书长的报告。大会，回顾其第70/1号决议，并注意到秘书长的报告。"
             "大会，回顾其第70/1号决议，并注意到秘书长的报告。大会，回顾其决议，并注意到报告。");
    CHECK_INT(hx_ts_layout(&st, d, &o, &td), 0);
    double last_y = 1e9;
    for (const struct hx_ts_run *r = td.pages[0].runs; r; r = r->next)
        for (size_t i = 0; i < r->n; i++)
            if (r->y < last_y - 1 && r->y > 60) { /* the first glyph of a line */
                last_y = r->y;
                CHECK(strncmp(r->text + r->g[i].at, "，", 3) != 0);
                CHECK(strncmp(r->text + r->g[i].at, "）", 3) != 0);
            }
    hx_doc_free(d);
    hx_fonts_close(fs);
    return check_done();
}
