/* The align stage on small hand-built versions: anchors, the bead
 * programme (1-0, 2-1, 1-2), footnotes paired by marker, the checks and
 * who gets blamed among three versions. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hx.h"

extern const struct hx_filter hx_align;

static struct hx_diags diags;

/* A paragraph keyed key with text; notes adds that many footnote
 * references. */
static struct hx_node *para(struct hx_doc *doc, const char *key, enum hx_role role,
                            const char *text, int notes)
{
    struct hx_node *p = hx_node_new(doc, HX_PARA);
    p->key = hx_strdup(doc->arena, key);
    p->role = role;
    hx_node_append(p, hx_text_new(doc, text, strlen(text)));
    for (int i = 0; i < notes; i++) {
        struct hx_node *n = hx_node_new(doc, HX_NOTEREF);
        n->label = "1";
        hx_node_append(p, n);
    }
    hx_node_append(doc->root, p);
    return p;
}

/* Text of about n characters, different for each seed. */
static const char *filler(struct hx_doc *doc, int seed, int n)
{
    static const char *const words[] = {
        "recalling ", "the outcome ", "of the summit ", "on the information society ",
        "and its ",   "follow-up ",   "in all regions "};
    struct hx_buf b = {0};
    for (int i = 0; (int)b.len < n; i++)
        hx_buf_adds(&b, words[(seed * 3 + i) % 7]);
    const char *s = hx_strdup(doc->arena, b.data);
    hx_buf_free(&b);
    return s;
}

static struct hx_set *set_of(size_t n)
{
    const char *paths[] = {"a.txt", "b.txt", "c.txt"};
    struct hx_set *set = hx_set_new(paths, n);
    for (size_t d = 0; d < n; d++)
        set->docs[d]->lang = "en";
    return set;
}

static const struct hx_align *run(struct hx_set *set)
{
    struct hx_stage st = {.f = &hx_align, .diags = &diags};
    hx_diags_free(&diags);
    CHECK_INT(hx_align.set(&st, set), 0);
    return set->align;
}

/* The row whose key is key (NULL if none). */
static const struct hx_align_row *row(const struct hx_align *al, const char *key)
{
    for (size_t r = 0; al && r < al->nrows; r++)
        if (al->rows[r].key && strcmp(al->rows[r].key, key) == 0)
            return &al->rows[r];
    return NULL;
}

/* Warnings whose key is key and message contains what. */
static int warned(const char *key, const char *what)
{
    int n = 0;
    for (size_t i = 0; i < diags.n; i++)
        n += diags.v[i].key && strcmp(diags.v[i].key, key) == 0 &&
             strstr(diags.v[i].msg, what) != NULL;
    return n;
}

static void test_identical(void)
{
    struct hx_set *set = set_of(2);
    for (size_t d = 0; d < 2; d++) {
        for (int i = 1; i <= 5; i++) {
            char key[32];
            snprintf(key, sizeof key, "body.%d", i);
            para(set->docs[d], key, HX_ROLE_NUMBERED, filler(set->docs[d], i, 40 * i), 0);
        }
    }
    const struct hx_align *al = run(set);
    CHECK_INT(al->nrows, 5);
    CHECK_INT(al->flagged, 0);
    CHECK_INT(diags.n, 0);
    for (size_t r = 0; r < al->nrows; r++)
        CHECK_INT(hx_align_row_bead(al, &al->rows[r]), HX_BEAD_11);
    hx_set_free(set);
}

/* b lacks the third preambular paragraph; its keys are renumbered. */
static void test_deleted(void)
{
    struct hx_set *set = set_of(2);
    int lens[] = {120, 60, 200, 90, 150, 70};
    for (int i = 0, k = 0; i < 6; i++) {
        for (size_t d = 0; d < 2; d++) {
            if (d == 1 && i == 2)
                continue;
            char key[32];
            snprintf(key, sizeof key, "res1.pp.%d", d == 1 && i > 2 ? i : i + 1);
            para(set->docs[d], key, HX_ROLE_PREAMBULAR, filler(set->docs[d], i, lens[i]), 0);
        }
        k++;
    }
    const struct hx_align *al = run(set);
    CHECK_INT(al->nrows, 6);
    const struct hx_align_row *r = row(al, "res1.pp.3");
    CHECK(r != NULL);
    if (r) {
        CHECK_INT(r->cells[1].n, 0);
        CHECK_INT(r->cells[1].bead, HX_BEAD_10);
        CHECK(r->flags & HX_AF_MISSING);
    }
    r = row(al, "res1.pp.4");
    CHECK(r && r->cells[1].n == 1 && strcmp(r->cells[1].node[0]->key, "res1.pp.3") == 0);
    CHECK_INT(warned("res1.pp.3", "paragraph missing in en#2"), 1);
    CHECK_INT(diags.n, 1);
    hx_set_free(set);
}

/* b merges operative paragraphs 2 and 3 (keeping 2's number); then c
 * splits paragraph 2 of a into two. */
static void test_merge_split(void)
{
    struct hx_set *set = set_of(2);
    int lens[] = {150, 110, 130, 160};
    for (int i = 0; i < 4; i++) {
        char key[32];
        snprintf(key, sizeof key, "res1.op.%d", i + 1);
        para(set->docs[0], key, HX_ROLE_OPERATIVE, filler(set->docs[0], i, lens[i]), 0);
        if (i == 2)
            continue;
        if (i == 1) {
            struct hx_buf b = {0};
            hx_buf_adds(&b, filler(set->docs[1], 1, lens[1]));
            hx_buf_adds(&b, filler(set->docs[1], 2, lens[2]));
            para(set->docs[1], key, HX_ROLE_OPERATIVE, b.data, 0);
            hx_buf_free(&b);
        } else {
            para(set->docs[1], key, HX_ROLE_OPERATIVE, filler(set->docs[1], i, lens[i]), 0);
        }
    }
    const struct hx_align *al = run(set);
    const struct hx_align_row *r = row(al, "res1.op.2");
    CHECK(r && r->cells[1].bead == HX_BEAD_21 && r->cells[1].n == 1);
    r = row(al, "res1.op.3");
    CHECK(r && r->cells[1].merged_up && r->cells[1].n == 0);
    CHECK_INT(warned("res1.op.2", "merged (2-1)"), 1);
    CHECK_INT(diags.n, 1);
    hx_set_free(set);

    set = set_of(2);
    for (int i = 0; i < 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "pre.%d", i + 1);
        para(set->docs[0], key, HX_ROLE_PREAMBLE, filler(set->docs[0], i, 100 + 80 * i), 0);
    }
    para(set->docs[1], "pre.1", HX_ROLE_PREAMBLE, filler(set->docs[1], 0, 100), 0);
    para(set->docs[1], "pre.2", HX_ROLE_PREAMBLE, filler(set->docs[1], 1, 90), 0);
    para(set->docs[1], "pre.3", HX_ROLE_PREAMBLE, filler(set->docs[1], 5, 90), 0);
    para(set->docs[1], "pre.4", HX_ROLE_PREAMBLE, filler(set->docs[1], 2, 260), 0);
    al = run(set);
    /* The pivot is the original (the first version: no masthead names
     * one), even with fewer paragraphs: rows keep its keys and b splits
     * its pre.2 in two. */
    CHECK_INT(al->nrows, 3);
    r = row(al, "pre.2");
    CHECK(r && r->cells[1].bead == HX_BEAD_12 && r->cells[1].n == 2);
    CHECK_INT(diags.n, 1);
    CHECK_INT(warned("pre.2", "has two paragraphs (pre.2, pre.3) for pre.2: split (1-2)"), 1);
    hx_set_free(set);
}

/* Three versions: the one that differs is blamed, with the evidence. */
static void test_checks(void)
{
    struct hx_set *set = set_of(3);
    const char *texts[3] = {"Notes that 87 per cent of the 2,500 schools in A/76/5 "
                            "were connected on 5 October 2021;",
                            "Note que 87 % des 2 500 écoles du document A/76/5 "
                            "étaient connectées le 5 octobre 2021 ;",
                            "注意到 A/76/5 所列 2,500 所学校中有百分之七十八在 2021 年 "
                            "10 月 5 日已连通；"};
    const char *langs[3] = {"en", "fr", "zh"};
    for (size_t d = 0; d < 3; d++) {
        set->docs[d]->lang = langs[d];
        para(set->docs[d], "res1.op.1", HX_ROLE_OPERATIVE, texts[d], d == 1 ? 0 : 1);
        para(set->docs[d], "res1.op.2", HX_ROLE_OPERATIVE,
             d == 1   ? "Décide de rester saisi de la question."
             : d == 2 ? "决定继续处理这个问题。"
                      : "Decides to remain seized of the matter.",
             0);
    }
    const struct hx_align *al = run(set);
    CHECK_INT(al->nrows, 2);
    CHECK_INT(warned("res1.op.1", "numbers differ: zh has 78%; en and fr have 87%"), 1);
    CHECK_INT(warned("res1.op.1", "footnote references differ: fr has 0; en and zh have 1"), 1);
    CHECK_INT(warned("res1.op.1", "dates"), 0);
    CHECK_INT(warned("res1.op.1", "symbols"), 0);
    CHECK_INT(warned("res1.op.1", "punctuation"), 0);
    /* "。" against ";" ends the second row differently only in punctuation
     * class: full stop everywhere. */
    CHECK_INT(warned("res1.op.2", ""), 0);
    CHECK_INT(diags.n, 2);
    for (size_t i = 0; i < diags.n; i++)
        CHECK(strcmp(diags.v[i].file, diags.v[i].msg[0] == 'n' ? "c.txt" : "b.txt") == 0);
    hx_set_free(set);
}

/* Footnote bodies pair by marker even when a lost marker reorders them. */
static void test_notes(void)
{
    struct hx_set *set = set_of(2);
    const char *body[2][2] = {{"³", "See A/C.2/76/SR.2–5."}, {"⁴", "See A/C.2/76/SR.9."}};
    for (size_t d = 0; d < 2; d++)
        for (int k = 0; k < 2; k++) {
            int at = d == 1 ? 1 - k : k;
            char key[32];
            snprintf(key, sizeof key, "fn.body.%d", k + 3);
            struct hx_node *p = para(set->docs[d], key, HX_ROLE_NOTE_BODY, body[at][1], 0);
            p->label = body[at][0];
        }
    const struct hx_align *al = run(set);
    CHECK_INT(al->nrows, 2);
    CHECK_INT(diags.n, 0);
    hx_set_free(set);
}

/* Degrees of one graded lead-word family (FAMILY:DEGREE, as the lexicon
 * names them) are a note; another family is a
 * warning; a third version's own value is named for it. */
static void test_graded(void)
{
    static const char *const leads[3][3] = {
        {"note.concern:deep", "welcome", "decide"},
        {"note.concern:great", "regret", "decide"},
        {"note.concern:deep", "welcome", "request"},
    };
    struct hx_set *set = set_of(3);
    for (size_t d = 0; d < 3; d++)
        for (int i = 0; i < 3; i++) {
            char key[32];
            snprintf(key, sizeof key, "res1.op.%d", i + 1);
            struct hx_node *p =
                para(set->docs[d], key, HX_ROLE_OPERATIVE, filler(set->docs[d], i, 120), 0);
            p->lead = leads[d][i];
        }
    const struct hx_align *al = run(set);
    const struct hx_align_row *r = row(al, "res1.op.1");
    CHECK(r && !(r->flags & HX_AF_LEAD) && (r->noted & HX_AF_LEAD));
    CHECK(r && r->issues && r->issues->note && r->issues->doc == 1);
    r = row(al, "res1.op.2");
    CHECK(r && (r->flags & HX_AF_LEAD));
    CHECK_INT(warned("res1.op.2", "lead verbs differ: en#2 has regret; en and en#3 have welcome"),
              1);
    CHECK_INT(warned("res1.op.3", "en#3 has request; en and en#2 have decide"), 1);
    size_t warnings = 0;
    for (size_t i = 0; i < diags.n; i++)
        warnings += diags.v[i].sev == HX_SEV_WARNING;
    CHECK_INT(warnings, 2);
    hx_set_free(set);
}

int main(void)
{
    test_identical();
    test_deleted();
    test_merge_split();
    test_checks();
    test_notes();
    test_graded();
    for (size_t i = 0; i < diags.n; i++)
        fprintf(stderr, "diag: %s:%u: %s: %s\n", diags.v[i].file, diags.v[i].line,
                diags.v[i].key ? diags.v[i].key : "-", diags.v[i].msg);
    hx_diags_free(&diags);
    return check_done();
}
