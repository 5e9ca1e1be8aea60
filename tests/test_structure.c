/* The structure, notes and rejoin stages on small trees built in memory:
 * labels in the six languages (digits of any script, roman and Chinese
 * numerals, letters of three alphabets), parts, roles, keys, lead words,
 * masthead metadata, list items, instruments; note pairing; joins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>

#include "chain.h"
#include "check.h"
#include "hx.h"

extern const struct hx_filter hx_structure;
extern const struct hx_filter hx_notes;
extern const struct hx_filter hx_rejoin;

static struct hx_diags diags;

/* A document of one paragraph per string; a string starting with "^N "
 * becomes a footnote text numbered N, "^N" inside one a marker. */
static struct hx_doc *doc_of(const char *lang, const char *const *paras)
{
    struct hx_doc *doc = hx_doc_new("test.txt");
    doc->lang = lang;
    doc->format = "text"; /* as the plain-text reader leaves it: rejoin acts */
    for (unsigned i = 0; paras[i]; i++) {
        struct hx_node *p = hx_node_new(doc, HX_PARA);
        const char *s = paras[i];
        p->pos.line = i + 1;
        if (s[0] == '^') {
            p->role = HX_ROLE_NOTE_BODY;
            p->num = atoi(s + 1);
            p->label = hx_printf(doc->arena, "%d", p->num);
            s = strchr(s, ' ') + 1;
        }
        while (*s) {
            const char *m = strchr(s, '^');
            size_t n = m ? (size_t)(m - s) : strlen(s);
            if (n)
                hx_node_append(p, hx_text_new(doc, s, n));
            if (!m)
                break;
            struct hx_node *r = hx_node_new(doc, HX_NOTEREF);
            r->num = atoi(m + 1);
            r->label = hx_printf(doc->arena, "%d", r->num);
            hx_node_append(p, r);
            s = m + 1;
            while (*s >= '0' && *s <= '9')
                s++;
        }
        hx_node_append(doc->root, p);
    }
    return doc;
}

static void run(const struct hx_filter *f, struct hx_doc *doc, const char *opts)
{
    void *priv = calloc(1, f->priv_size ? f->priv_size : 1);
    struct hx_stage st = {f, priv, &diags};
    char err[200];
    if (f->opts)
        CHECK_INT(hx_opts_parse(f, priv, opts, doc->arena, err, sizeof err), 0);
    if (f->open)
        CHECK_INT(f->open(&st), 0);
    CHECK_INT(f->doc(&st, doc), 0);
    if (f->close)
        f->close(&st);
    free(priv);
    CHECK(hx_doc_check(doc) == NULL);
}

/* The n-th block with a key (depth first; sections and notes, which
 * carry their body's key, skipped). */
static struct hx_node *nth(struct hx_doc *doc, int n)
{
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        struct hx_node *x = it.node;
        if (it.enter && x->key && x->type != HX_SECTION && !hx_type_is_inline(x->type) && n-- == 0)
            return x;
    }
    return NULL;
}

/* "key|label|text" of the n-th keyed block. */
static const char *row(struct hx_doc *doc, int n)
{
    static char buf[512];
    struct hx_node *x = nth(doc, n);
    if (!x)
        return "(none)";
    snprintf(buf, sizeof buf, "%s|%s|%s", x->key, x->label ? x->label : "",
             hx_node_text(doc, x, NULL));
    return buf;
}

static const char *lead(struct hx_doc *doc, const char *key)
{
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it))
        if (it.enter && it.node->key && strcmp(it.node->key, key) == 0)
            return it.node->lead ? it.node->lead : "(none)";
    return "(no such key)";
}

static void test_zh(void)
{
    const char *const p[] = {"第七十六届会议",
                             "议程项目 17",
                             "信息和通信技术促进可持续发展",
                             "第二委员会的报告",
                             "报告员：普拉特玛·乌普雷蒂女士(尼泊尔)",
                             "一. 引言",
                             "1. 大会决定。",
                             "(a) 第一项；",
                             "(b) 第二项：",
                             "(i) 细项；",
                             "(ii) 细项。",
                             "二、 建议",
                             "11. 委员会建议通过以下决议草案：",
                             "决议标题",
                             "大会，",
                             "回顾其决议，",
                             "又回顾",
                             "其他决议，",
                             "1. 在这方面**确认**进展；",
                             "附件",
                             "一般性讨论",
                             "1. 第一段。2. 第二段。",
                             NULL};
    struct hx_doc *doc = doc_of("zh", p);
    /* bold as the text reader gives it */
    struct hx_node *op = doc->root->first;
    for (int k = 0; k < 18; k++)
        op = op->next;
    struct hx_node *t = op->first, *b = hx_node_new(doc, HX_STRONG);
    hx_node_set_text(doc, t, "1. 在这方面", strlen("1. 在这方面"));
    hx_node_append(b, hx_text_new(doc, "确认", strlen("确认")));
    hx_node_insert_after(t, b);
    hx_node_insert_after(b, hx_text_new(doc, "进展；", strlen("进展；")));
    run(&hx_structure, doc, "");
    CHECK_STR(row(doc, 0), "front.session||第七十六届会议");
    CHECK_STR(row(doc, 1), "front.agenda||议程项目 17");
    CHECK_STR(row(doc, 2), "front.title||信息和通信技术促进可持续发展");
    CHECK_STR(row(doc, 3), "front.organ||第二委员会的报告");
    CHECK_STR(row(doc, 4), "front.rapporteur||报告员：普拉特玛·乌普雷蒂女士(尼泊尔)");
    CHECK_STR(hx_meta_get(doc, "session"), "76");
    CHECK_STR(hx_meta_get(doc, "agenda"), "17");
    CHECK_STR(hx_meta_get(doc, "organ"), "第二委员会");
    CHECK_STR(hx_meta_get(doc, "rapporteur"), "普拉特玛·乌普雷蒂女士(尼泊尔)");
    CHECK_STR(row(doc, 5), "head.body.1|一.|引言");
    CHECK_INT(nth(doc, 5)->type, HX_HEADING);
    CHECK_STR(row(doc, 6), "body.1|1.|大会决定。");
    CHECK_STR(row(doc, 7), "body.1.a|(a)|第一项；");
    CHECK_INT(nth(doc, 7)->role, HX_ROLE_SUBITEM);
    CHECK_STR(row(doc, 8), "body.1.b|(b)|第二项：");
    CHECK_STR(row(doc, 9), "body.1.b.i|(i)|细项；");
    CHECK_STR(row(doc, 10), "body.1.b.ii|(ii)|细项。");
    CHECK_STR(row(doc, 11), "head.body.2|二、|建议");
    CHECK_STR(row(doc, 12), "body.11|11.|委员会建议通过以下决议草案：");
    CHECK_STR(row(doc, 13), "res1.title||决议标题");
    CHECK_STR(row(doc, 14), "res1.formula||大会，");
    CHECK_STR(row(doc, 15), "res1.pp.1||回顾其决议，");
    CHECK_STR(lead(doc, "res1.pp.1"), "recall");
    CHECK_STR(row(doc, 16), "res1.pp.2||又回顾");
    CHECK_STR(lead(doc, "res1.pp.2"), "recall.also");
    CHECK_STR(row(doc, 17), "res1.pp.3||其他决议，");
    CHECK_STR(row(doc, 18), "res1.op.1|1.|在这方面确认进展；");
    CHECK_STR(lead(doc, "res1.op.1"), "confirm|recognize"); /* 确认: both */
    CHECK_STR(row(doc, 19), "head.annex||附件");
    CHECK_STR(row(doc, 20), "head.annex.u1||一般性讨论");
    CHECK_STR(row(doc, 21), "annex.1|1.|第一段。");
    CHECK_STR(row(doc, 22), "annex.2|2.|第二段。");
    /* parts are sections of the root */
    const char *parts[] = {"front", "body", "res1", "annex"};
    int k = 0;
    for (struct hx_node *s = doc->root->first; s; s = s->next, k++) {
        CHECK_INT(s->type, HX_SECTION);
        if (k < 4)
            CHECK_STR(s->key, parts[k]);
    }
    CHECK_INT(k, 4);
    /* rejoin: "又回顾" + "其他决议，" is one paragraph; pp keys renumbered */
    run(&hx_notes, doc, "");
    run(&hx_rejoin, doc, "");
    CHECK_STR(row(doc, 16), "res1.pp.2||又回顾其他决议，");
    CHECK(nth(doc, 16)->flags & HX_F_JOINED);
    CHECK_STR(row(doc, 17), "res1.op.1|1.|在这方面确认进展；");
    hx_doc_free(doc);
}

static void test_en(void)
{
    const char *const p[] = {"A/C.2/76/L.56",
                             "17 December 2021",
                             "Seventy-sixth session",
                             "Agenda item 17",
                             "Information and communications technologies",
                             "Report of the Second Committee",
                             "Rapporteur: Ms. Pratima Upreti (Nepal)",
                             "I. Introduction",
                             "A. Background",
                             "1. The Assembly decided.",
                             "(a) first;",
                             "(h) eighth;",
                             "(i) ninth, a letter after (h);",
                             "Unnumbered continuation of paragraph 1.",
                             "B. Second subsection",
                             "2. Text.",
                             "II. Recommendation",
                             "The General Assembly,",
                             "Recalling its resolution 75/202,",
                             "Further recalling its resolutions,",
                             "1. Decides to continue;",
                             "2. Also decides to act.",
                             "Annex",
                             "1. Annex text.",
                             NULL};
    struct hx_doc *doc = doc_of("en", p);
    run(&hx_structure, doc, "");
    CHECK_STR(hx_meta_get(doc, "symbol"), "A/C.2/76/L.56");
    CHECK_STR(hx_meta_get(doc, "agenda"), "17");
    CHECK_STR(hx_meta_get(doc, "organ"), "Second Committee");
    CHECK_STR(hx_meta_get(doc, "rapporteur"), "Ms. Pratima Upreti (Nepal)");
    CHECK_STR(hx_meta_get(doc, "title"), "Information and communications technologies");
    CHECK_STR(row(doc, 0), "front.symbol||A/C.2/76/L.56");
    CHECK_STR(row(doc, 1), "front.date||17 December 2021");
    CHECK_STR(hx_meta_get(doc, "date"), "17 December 2021");
    CHECK_STR(row(doc, 2), "front.session||Seventy-sixth session");
    CHECK_STR(hx_meta_get(doc, "session"), "76");
    CHECK_STR(row(doc, 7), "head.body.1|I.|Introduction");
    CHECK_STR(row(doc, 8), "head.body.1.a|A.|Background");
    CHECK_INT(nth(doc, 8)->level, 2);
    CHECK_STR(row(doc, 9), "body.1|1.|The Assembly decided.");
    CHECK_STR(row(doc, 10), "body.1.a|(a)|first;");
    CHECK_STR(row(doc, 11), "body.1.b|(h)|eighth;");
    CHECK_STR(row(doc, 12), "body.1.c|(i)|ninth, a letter after (h);");
    CHECK_STR(row(doc, 13), "body.1+1||Unnumbered continuation of paragraph 1.");
    CHECK_INT(nth(doc, 13)->role, HX_ROLE_CONTINUED);
    CHECK_STR(row(doc, 14), "head.body.1.b|B.|Second subsection");
    CHECK_STR(row(doc, 16), "head.body.2|II.|Recommendation");
    /* no title block before the formula: the heading stays a heading */
    CHECK_STR(row(doc, 17), "res1.formula||The General Assembly,");
    CHECK_STR(lead(doc, "res1.pp.1"), "recall");
    CHECK_STR(lead(doc, "res1.pp.2"), "recall.further");
    CHECK_STR(row(doc, 20), "res1.op.1|1.|Decides to continue;");
    CHECK_STR(lead(doc, "res1.op.1"), "decide");
    CHECK_STR(lead(doc, "res1.op.2"), "decide.also");
    CHECK_STR(row(doc, 23), "annex.1|1.|Annex text.");
    hx_doc_free(doc);
}

/* Sessions spelled out as ordinals, parsed by ICU in each language. */
static void test_sessions(void)
{
    static const char *const cases[][2] = {
        {"fr", "Soixante-seizième session"},
        {"es", "Septuagésimo sexto período de sesiones"},
        {"ru", "Семьдесят шестая сессия"},
        {"ar", "الدورة السادسة والسبعون"},
        {"zh", "第七十六届会议"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *const p[] = {cases[k][1], "1. x", NULL};
        struct hx_doc *doc = doc_of(cases[k][0], p);
        run(&hx_structure, doc, "");
        CHECK_STR(nth(doc, 0)->key, "front.session");
        CHECK_STR(hx_meta_get(doc, "session"), "76");
        hx_doc_free(doc);
    }
}

static void test_instrument(const char *lang, const char *const *p, const char *art1,
                            const char *art2)
{
    struct hx_doc *doc = doc_of(lang, p);
    run(&hx_structure, doc, "");
    CHECK_STR(row(doc, 0), "front.title||T");
    CHECK_STR(nth(doc, 1)->key, "head.pre");
    CHECK_STR(nth(doc, 2)->key, "pre.1");
    /* "Considérant" and "Considerando" also render "Considering"
     * ("consider") and, in French, "Recognizing" */
    CHECK_STR(lead(doc, "pre.1"), hx_lang_is(lang, "fr")   ? "consider|recognize|whereas"
                                  : hx_lang_is(lang, "es") ? "consider|whereas"
                                                           : "whereas");
    CHECK_STR(nth(doc, 3)->key, "pre.formula");
    CHECK_STR(nth(doc, 4)->key, "pre.op");
    CHECK_STR(lead(doc, "pre.op"), "proclaim");
    CHECK_STR(row(doc, 5), art1);
    CHECK_INT(nth(doc, 5)->type, HX_HEADING);
    CHECK_STR(nth(doc, 6)->key, "art.1.1");
    CHECK_STR(row(doc, 7), art2);
    CHECK_STR(nth(doc, 8)->key, "art.2.1");
    CHECK_STR(nth(doc, 9)->key, "art.2.2");
    CHECK_INT(nth(doc, 9)->num, 2);
    CHECK_STR(nth(doc, 10)->key, "art.2.2.a");
    hx_doc_free(doc);
}

static void test_instruments(void)
{
    const char *const fr[] = {"T",
                              "Préambule",
                              "Considérant que la paix,",
                              "L’Assemblée générale",
                              "Proclame la présente Déclaration.",
                              "Article premier",
                              "Tous les êtres humains.",
                              "Article 2",
                              "1. Chacun.",
                              "2. Nul.",
                              "a) sous-point.",
                              NULL};
    const char *const es[] = {"T",
                              "Preámbulo",
                              "Considerando que la libertad;",
                              "La Asamblea General,",
                              "Proclama la presente Declaración.",
                              "Artículo 1",
                              "Todos los seres humanos.",
                              "Artículo 2",
                              "1. Toda persona.",
                              "2. Nadie.",
                              "(a) subpárrafo.",
                              NULL};
    const char *const ru[] = {"T",
                              "ПРЕАМБУЛА",
                              "Принимая во внимание, что признание,",
                              "Генеральная Ассамблея,",
                              "провозглашает настоящую Декларацию.",
                              "Статья 1",
                              "Все люди.",
                              "Статья 2",
                              "1. Каждый.",
                              "2. Никто.",
                              "а) подпункт.",
                              NULL};
    const char *const ar[] = {"T",
                              "الديباجة",
                              "لمّا كان الاعتراف،",
                              "فإن الجمعية العامة",
                              "تنادي بهذا الإعلان",
                              "المادة 1",
                              "يولد جميع الناس.",
                              "المادة ٢",
                              "١. لكل فرد.",
                              "٢. لا يجوز.",
                              "(أ) بند.",
                              NULL};
    const char *const zh[] = {"T",
                              "序言",
                              "鉴于对人类家庭,",
                              "大会,",
                              "因此现在,大会,发布这一世界人权宣言。",
                              "第一条",
                              "人人生而自由。",
                              "第二条",
                              "1. 人人。",
                              "2. 任何人。",
                              "(一) 子项。",
                              NULL};
    test_instrument("fr", fr, "art.1||Article premier", "art.2||Article 2");
    test_instrument("es", es, "art.1||Artículo 1", "art.2||Artículo 2");
    test_instrument("ru", ru, "art.1||Статья 1", "art.2||Статья 2");
    test_instrument("ar", ar, "art.1||المادة 1", "art.2||المادة ٢");
    test_instrument("zh", zh, "art.1||第一条", "art.2||第二条");
    /* Arabic-Indic digits are numbers; the label keeps them as printed */
    struct hx_doc *doc = doc_of("ar", ar);
    run(&hx_structure, doc, "");
    CHECK_STR(row(doc, 8), "art.2.1|١.|لكل فرد.");
    CHECK_STR(row(doc, 10), "art.2.2.a|(أ)|بند.");
    hx_doc_free(doc);
}

static void test_notes(void)
{
    const char *const p[] = {"1. One^1 and two^2.",
                             "^1 Note one.",
                             "2. Three^3, repeated^3, missing^5.",
                             "^2 Note two.",
                             "^3 Note three.",
                             "^4 Nobody calls me.",
                             "Annex",
                             "1. Restart^1.",
                             "^1 Annex note.",
                             NULL};
    struct hx_doc *doc = doc_of("en", p);
    size_t before = diags.warnings;
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    /* 1, 2 and the first 3 paired; the second 3 and 5 stay markers */
    int notes = 0, refs = 0;
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it)) {
        if (!it.enter)
            continue;
        if (it.node->type == HX_NOTE) {
            notes++;
            CHECK(it.node->first && it.node->first->role == HX_ROLE_NOTE_BODY);
        }
        refs += it.node->type == HX_NOTEREF;
    }
    CHECK_INT(notes, 4);
    CHECK_INT(refs, 2);
    /* bodies sit in their notes, inside the paragraphs that call them */
    CHECK_STR(row(doc, 0), "body.1|1.|One and two.");
    CHECK_STR(row(doc, 1), "fn.body.1|1|Note one.");
    CHECK_STR(row(doc, 2), "fn.body.2|2|Note two.");
    CHECK_STR(row(doc, 3), "body.2|2.|Three, repeated, missing.");
    CHECK_STR(row(doc, 4), "fn.body.3|3|Note three.");
    CHECK_STR(row(doc, 5), "fn.body.x4|4|Nobody calls me.");
    CHECK_STR(row(doc, 8), "fn.annex.1|1|Annex note.");
    CHECK_INT(nth(doc, 1)->parent->type, HX_NOTE);
    CHECK_STR(nth(doc, 1)->parent->key, "fn.body.1");
    CHECK_INT(nth(doc, 5)->parent->type, HX_SECTION);
    /* repeated 3, no text for 3 (again) and 5, no marker for 4 */
    CHECK(diags.warnings - before >= 4);
    hx_doc_free(doc);
}

/* A page break split a paragraph and put a footnote text between the
 * halves: notes moves the text out, rejoin joins (no space in Chinese, one
 * in English), and a next block with a capital or a label is left alone. */
static void test_rejoin(void)
{
    const char *const zh[] = {
        "大会，", "回顾其决议^1以及许多", "^1 注。", "努力，", "又回顾决议，", "1. 决定；", NULL};
    const char *const en[] = {
        "The General Assembly,",       "Recalling the many", "^1 Note.",
        "efforts^1, including",        "its work,",          "Noting with concern",
        "Further recalling its work,", "1. Decides;",        NULL};
    struct hx_doc *doc = doc_of("zh", zh);
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    run(&hx_rejoin, doc, "");
    CHECK_STR(row(doc, 1), "res1.pp.1||回顾其决议以及许多努力，");
    CHECK_STR(row(doc, 2), "fn.res1.1|1|注。");
    CHECK_STR(row(doc, 3), "res1.pp.2||又回顾决议，");
    CHECK_STR(row(doc, 4), "res1.op.1|1.|决定；");
    hx_doc_free(doc);
    doc = doc_of("en", en);
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    run(&hx_rejoin, doc, "");
    CHECK_STR(row(doc, 1), "res1.pp.1||Recalling the many efforts, including its work,");
    /* "Noting with concern" lacks its comma but the next starts a unit */
    CHECK_STR(row(doc, 3), "res1.pp.2||Noting with concern");
    CHECK_STR(row(doc, 4), "res1.pp.3||Further recalling its work,");
    hx_doc_free(doc);
    /* A Word paragraph is whole whatever its last character: no join
     * unless asked for with always. */
    doc = doc_of("zh", zh);
    doc->format = "docx";
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    run(&hx_rejoin, doc, "");
    CHECK_STR(row(doc, 1), "res1.pp.1||回顾其决议以及许多");
    hx_doc_free(doc);
    doc = doc_of("zh", zh);
    doc->format = "docx";
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    run(&hx_rejoin, doc, "always");
    CHECK_STR(row(doc, 1), "res1.pp.1||回顾其决议以及许多努力，");
    hx_doc_free(doc);
}

/* The forms of the six languages' UN documents: Arabic "12 - ", ordinal
 * and letter-name headings, abjad sub-items and "’1‘", Russian Cyrillic
 * letters, lead words with "also"/"further" before or after the verb. */
static void test_forms(void)
{
    const char *const ar[] = {
        "أولا - مقدمة",   "ألف - معلومات أساسية", "12 - نص الفقرة:",  "(أ) بند؛", "’1‘ بند فرعي؛",
        "(هـ) بند خامس.", "١٣ – فقرة أخرى.",      "ثاني عشر - عنوان", NULL};
    struct hx_doc *doc = doc_of("ar", ar);
    run(&hx_structure, doc, "");
    CHECK_STR(row(doc, 0), "head.body.1|أولا -|مقدمة");
    CHECK_STR(row(doc, 1), "head.body.1.a|ألف -|معلومات أساسية");
    CHECK_STR(row(doc, 2), "body.12|12 -|نص الفقرة:");
    CHECK_STR(row(doc, 3), "body.12.a|(أ)|بند؛");
    CHECK_STR(row(doc, 4), "body.12.a.i|’1‘|بند فرعي؛");
    CHECK_STR(row(doc, 5), "body.12.b|(هـ)|بند خامس.");
    CHECK_INT(nth(doc, 5)->num, 5);
    CHECK_STR(row(doc, 6), "body.13|١٣ –|فقرة أخرى.");
    CHECK_STR(row(doc, 7), "head.body.12|ثاني عشر -|عنوان");
    hx_doc_free(doc);

    const char *const ru[] = {"1. Текст:", "а) первый;", "б) второй.", NULL};
    doc = doc_of("ru", ru);
    run(&hx_structure, doc, "");
    CHECK_STR(row(doc, 1), "body.1.a|а)|первый;");
    CHECK_STR(row(doc, 2), "body.1.b|б)|второй.");
    hx_doc_free(doc);

    static const char *const leads[][3] = {
        {"en", "Reaffirming further its resolution,", "reaffirm.further"},
        {"en", "Recalling also its resolution,", "recall.also"},
        {"en", "Noting with appreciation the work,", "note.appreciation"},
        {"en", "Expressing concern at the loss,", "concern"},
        {"fr", "Réaffirmant en outre sa résolution,", "reaffirm.further"},
        {"fr", "Rappelant également sa résolution,", "recall.also"},
        {"es", "Reafirmando además su resolución,", "reaffirm.further"},
        {"es", "Recordando también su resolución,", "recall.also"},
        {"ru", "ссылаясь также на свою резолюцию,", "recall.also"},
        {"ru", "вновь подтверждая свою резолюцию,", "reaffirm"},
        {"ar", "وإذ تشير أيضا إلى قرارها،", "recall.also"},
        {"ar", "وإذ تؤكد من جديد قرارها،", "reaffirm|reiterate"},
        {"ar", "وإذ تؤكد من جديد كذلك قرارها،", "reaffirm.further|reiterate.further"},
        {"zh", "还重申其决议，", "reaffirm.further"},
        /* lead_words.tsv: renderings of UN usage the table once lacked,
         * shared renderings standing for every class they render, and
         * the degrees of the graded family "concern" */
        {"fr", "Considère que la situation,", "consider"},
        {"fr", "Salue les efforts,", "commend|welcome"},
        {"en", "Is aware of the challenges,", "aware"},
        {"fr", "Considérant que la dignité,", "consider|recognize|whereas"},
        {"zh", "非常关切这一局势，", "concern:great"},
        {"zh", "极为关切这一局势，", "concern:grave"},
        {"zh", "严重关切这一局势，", "concern:grave|concern:serious"},
        {"zh", "非常关切地注意到这一局势，", "note.concern:great"},
        {"en", "Expressing serious concern at the situation,", "concern:serious"},
        {"en", "Gravely concerned by the situation,", "concern:grave"},
        {"fr", "Exprimant sa vive inquiétude face à la situation,", "concern:deep|concern:grave"},
        {"fr", "Notant avec une grande préoccupation la situation,", "note.concern:great"},
        {"fr", "Se déclare vivement préoccupée par la situation,",
         "concern:grave|concern:great|concern:serious"},
        {"fr", "Se déclarant sérieusement préoccupée par la situation,", "concern:serious"},
        {"es", "Expresa su grave preocupación por la situación,", "concern:grave"},
        {"ru", "Выражая серьезную обеспокоенность положением,", "concern:grave|concern:serious"},
        {"ar", "وإذ يساورها بالغ القلق إزاء الحالة،", "concern:deep"},
        {"zh", "请秘书长提交报告，", "invite|request"},
        {"es", "Exhorta a los Estados,", "callupon|urge"},
        {"fr", "Félicite le Secrétaire général,", "commend|congratulate"},
        {"en", "Also welcomes the report,", "welcome.also"},
        {"fr", "Salue également les efforts,", "commend.also|welcome.also"},
    };
    for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++) {
        const char *const p[] = {"The General Assembly,", leads[k][1], NULL};
        doc = doc_of(leads[k][0], p);
        run(&hx_structure, doc, "");
        CHECK_STR(lead(doc, "res1.pp.1"), leads[k][2]);
        hx_doc_free(doc);
    }
    static const char *const ops[][3] = {
        {"en", "1. Decides to act;", "decide"},
        {"en", "2. Also decides to act;", "decide.also"},
        {"fr", "1. Décide en outre d'agir ;", "decide.further"},
        {"es", "1. Decide también actuar;", "decide.also"},
        {"ru", "1. постановляет также действовать;", "decide.also"},
        {"ar", "1 - تقرر أيضا أن تعمل؛", "decide.also"},
        {"zh", "1. 又决定采取行动；", "decide.also"},
    };
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        const char *const p[] = {"The General Assembly,", ops[k][1], NULL};
        doc = doc_of(ops[k][0], p);
        run(&hx_structure, doc, "");
        CHECK_STR(lead(doc, nth(doc, 1)->key), ops[k][2]);
        hx_doc_free(doc);
    }
}

/* Masthead lines in the six languages: each named, in any order; the
 * issuing organ is no formula; a sub-item letter in the front matter
 * starts no body. */
static void test_masthead(void)
{
    static const char *const cases[][8] = {
        {"fr", "Nations Unies", "Assemblée générale", "Distr. générale", "9 décembre 2021",
         "Original : anglais", "Point 20 a) de l’ordre du jour", "Rapporteuse : Mme X (Népal)"},
        {"es", "Naciones Unidas", "Asamblea General", "Distr. general", "9 de diciembre de 2021",
         "Original: inglés", "Tema 20 a) del programa", "Relatora: Sra. X (Nepal)"},
        {"ru", "Организация Объединенных Наций", "Генеральная Ассамблея", "Distr.: General",
         "9 December 2021", "Original: English", "Пункт 20 a) повестки дня",
         "Докладчик: г-жа X (Непал)"},
        {"ar", "الأمم المتحدة", "الجمعية العامة", "Distr.: General", "9 December 2021",
         "Original: English", "البند 20 (أ) من جدول الأعمال", "المقررة: السيدة X (نيبال)"},
        {"zh", "联合国", "大会", "Distr.: General", "9 December 2021", "Original: English",
         "议程项目20(a)", "报告员：X女士(尼泊尔)"},
    };
    static const char *const keys[] = {"front.un",        "front.issuer",   "front.distr",
                                       "front.date",      "front.original", "front.agenda",
                                       "front.rapporteur"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *const p[] = {cases[k][1], cases[k][2], cases[k][3], cases[k][4],
                                 cases[k][5], cases[k][6], cases[k][7], "(b) Sub-item title",
                                 "I. X",      NULL};
        struct hx_doc *doc = doc_of(cases[k][0], p);
        run(&hx_structure, doc, "");
        for (int i = 0; i < 7; i++)
            CHECK_STR(nth(doc, i)->key, keys[i]);
        CHECK_STR(hx_meta_get(doc, "agenda"), "20");
        CHECK_STR(nth(doc, 7)->key, "front.title");
        CHECK_STR(nth(doc, 8)->key, "head.body.1");
        CHECK_STR(doc->root->first->key, "front");
        CHECK_STR(doc->root->first->next->key, "body");
        hx_doc_free(doc);
    }
}

/* A version's language line in its own spelling and "Original: X" in each
 * language's form (a no-break or narrow no-break space before the French
 * colon), whatever the order; the six languages' names in the six languages
 * are language lines, but a title that opens with one is a title. */
static void test_language_lines(void)
{
    static const char *const cases[][3] = {
        {"ar", "العربية", "الأصل: بالإنكليزية"},
        {"ar", "عربي", "الأصل: الإنجليزية"},
        {"zh", "中文", "原文：英文"},
        {"ru", "Русский", "Подлинный текст: английский"},
        {"es", "Español", "Original: inglés"},
        {"fr", "Français", "Original\u00a0: anglais"},
        {"fr", "Français", "Original\u202f: anglais"},
        {"fr", "Français", "Original : anglais"},
    };
    static const char *const names[] = {
        "Arabic",   "Chinese",   "English",    "French",      "Russian",  "Spanish",
        "Arabe",    "Chinois",   "Anglais",    "Français",    "Russe",    "Espagnol",
        "Árabe",    "Chino",     "Inglés",     "Francés",     "Ruso",     "Español",
        "Арабский", "Китайский", "Английский", "Французский", "Русский",  "Испанский",
        "阿拉伯文", "中文",      "英文",       "法文",        "俄文",     "西班牙文",
        "العربية",  "الصينية",   "الإنكليزية", "الإنجليزية",  "الفرنسية", "الروسية",
        "الإسبانية"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        for (int swap = 0; swap < 2; swap++) {
            const char *const p[] = {"A/76/540/Add.1", cases[k][1 + swap], cases[k][2 - swap],
                                     "Title",          "1. Text.",         NULL};
            struct hx_doc *doc = doc_of(cases[k][0], p);
            run(&hx_structure, doc, "");
            CHECK_STR(nth(doc, 1 + swap)->key, "front.language");
            CHECK_STR(nth(doc, 2 - swap)->key, "front.original");
            CHECK_STR(nth(doc, 3)->key, "front.title");
            CHECK_STR(hx_meta_get(doc, "title"), "Title");
            hx_doc_free(doc);
        }
    }
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const char *const p[] = {"A/76/540/Add.1", names[k], "Title", "1. Text.", NULL};
        struct hx_doc *doc = doc_of("en", p);
        run(&hx_structure, doc, "");
        if (strcmp(nth(doc, 1)->key, "front.language") != 0)
            printf("not a language line: %s\n", names[k]);
        CHECK_STR(nth(doc, 1)->key, "front.language");
        CHECK_STR(nth(doc, 2)->key, "front.title");
        hx_doc_free(doc);
    }
    const char *const t[] = {"A/76/540/Add.1", "العربية لغة رسمية", "1 - نص.", NULL};
    struct hx_doc *doc = doc_of("ar", t);
    run(&hx_structure, doc, "");
    CHECK_STR(nth(doc, 1)->key, "front.title");
    hx_doc_free(doc);
}

/* A subsidiary organ's draft (E/CN.7/2012/L.2): job number, organ above
 * its session, meeting place and dates, sponsors, the organ's own formula
 * before a lead word; Chinese names the organ last. */
static void test_organ(void)
{
    const char *const p[] = {"E/CN.7/2012/L.2",
                             "United Nations Economic and Social Council",
                             "V.12-51096 (E)",
                             "22 February 2012",
                             "Commission on Narcotic Drugs",
                             "Fifty-fifth session",
                             "Vienna, 12-16 March 2012",
                             "Item 4 of the provisional agenda",
                             "Implementation of the treaties",
                             "Australia and Japan: draft resolution",
                             "The Commission on Narcotic Drugs,",
                             "Deeply concerned about reports,",
                             "1. Encourages Member States;",
                             NULL};
    static const char *const keys[] = {
        "front.symbol",  "front.un",    "front.job",    "front.date",  "front.organ",
        "front.session", "front.venue", "front.agenda", "front.title", "res1.title",
        "res1.formula",  "res1.pp.1",   "res1.op.1"};
    struct hx_doc *doc = doc_of("en", p);
    run(&hx_structure, doc, "");
    for (int i = 0; i < 13; i++)
        CHECK_STR(nth(doc, i)->key, keys[i]);
    CHECK_STR(hx_meta_get(doc, "organ"), "Commission on Narcotic Drugs");
    CHECK_STR(lead(doc, "res1.pp.1"), "concern:deep");
    hx_doc_free(doc);
    const char *const zh[] = {"标题", "麻醉药品委员会，", "深为关切，", NULL};
    doc = doc_of("zh", zh);
    run(&hx_structure, doc, "");
    CHECK_STR(nth(doc, 1)->key, "res1.formula");
    hx_doc_free(doc);
    /* without a lead word after it, such a line is no formula */
    const char *const no[] = {"1. Text.", "The Committee on Information,", "2. Text.", NULL};
    doc = doc_of("en", no);
    run(&hx_structure, doc, "");
    CHECK_STR(nth(doc, 1)->key, "body.1+1");
    hx_doc_free(doc);
}

/* Two draft resolutions under their headings, a draft decision without a
 * formula, the report going on after them, an article "1er". */
static void test_parts(void)
{
    const char *const p[] = {"1. Text^1.",
                             "^1 First note.",
                             "2. The Committee recommends the following:",
                             "Draft resolution I",
                             "Title one",
                             "The General Assembly,",
                             "Recalling its resolution,",
                             "1. Decides to act.",
                             "Draft resolution II",
                             "Title two",
                             "The General Assembly,",
                             "1. Decides to act;",
                             "2. Requests a report on:",
                             "(a) one thing.",
                             "3. The Committee also recommends the following draft decision:^2",
                             "^2 Second note of the report.",
                             "Title three",
                             "The General Assembly takes note of the report.",
                             "Annex",
                             "Article 1er",
                             NULL};
    struct hx_doc *doc = doc_of("en", p);
    static const char *const keys[] = {
        "body.1",      "body.2",    "head.res1",  "res1.title",   "res1.formula", "res1.pp.1",
        "res1.op.1",   "head.res2", "res2.title", "res2.formula", "res2.op.1",    "res2.op.2",
        "res2.op.2.a", "body.3",    "dec1.title", "dec1.pp.1",    "head.annex",   "art.1"};
    size_t before = diags.warnings;
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    CHECK_INT(diags.warnings - before, 0);
    CHECK_STR(nth(doc, 1)->key, "fn.body.1");
    CHECK_STR(nth(doc, 15)->key, "fn.body.2"); /* the report's numbering goes on */
    hx_doc_free(doc);
    doc = doc_of("en", p);
    run(&hx_structure, doc, "");
    for (int i = 0; i < 18; i++)
        CHECK_STR(nth(doc, i)->key, keys[i]);
    hx_doc_free(doc);
    /* a merged operative paragraph (one number skipped) stays operative */
    const char *const q[] = {"11. Text:",    "Title",         "The General Assembly,",
                             "10. Decides;", "12. Requests.", NULL};
    doc = doc_of("en", q);
    run(&hx_structure, doc, "");
    CHECK_STR(nth(doc, 4)->key, "res1.op.12");
    hx_doc_free(doc);
}

/* Arabic markers in parentheses: "(¹)" loses them; a plain "(1)" glued to
 * a word is a marker when a footnote text "(1) " follows, else text. */
static void test_paren_notes(void)
{
    const char *const p[] = {"1 - نص العامة(^1)، ونص(2).", "(^1) حاشية.", "(1) نص", NULL};
    struct hx_doc *doc = doc_of("ar", p);
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    CHECK_STR(row(doc, 0), "body.1|1 -|نص العامة، ونص(2).");
    CHECK_STR(row(doc, 1), "fn.body.1|1|حاشية.");
    const char *const q[] = {"1 - نص العامة(1)، ونص(2).", "(1) حاشية.", "(2) أخرى.", NULL};
    hx_doc_free(doc);
    doc = doc_of("ar", q);
    run(&hx_structure, doc, "");
    run(&hx_notes, doc, "");
    CHECK_STR(row(doc, 0), "body.1|1 -|نص العامة، ونص.");
    CHECK_STR(row(doc, 1), "fn.body.1|1|حاشية.");
    CHECK_STR(row(doc, 2), "fn.body.2|2|أخرى.");
    hx_doc_free(doc);
}

/* An Arabic footnote text "(2) " whose marker was lost is no sub-item
 * "(2)" (Arabic sub-items are letters): a footnote text, reported
 * unpaired, when it sits with footnote texts or after its part's last
 * paragraph (before a section heading, an annex, at the end); alone among
 * the paragraphs it stays text. Digits of either script. */
/* The block made of paragraph i of doc_of's list (its line is i + 1). */
static struct hx_node *block_at(struct hx_doc *doc, int i)
{
    struct hx_iter it = hx_iter_start(doc->root);
    while (hx_iter_next(&it))
        if (it.enter && !hx_type_is_inline(it.node->type) && it.node->type != HX_SECTION &&
            it.node->type != HX_NOTE && it.node->pos.line == (unsigned)i + 1)
            return it.node;
    return NULL;
}

static void test_paren_orphans(void)
{
    static const struct {
        const char *p[6];
        int at;          /* the block "(N) " */
        const char *row; /* its row after structure and notes */
        int warnings;    /* "has no marker" (and "out of sequence") */
    } cases[] = {
        {{"1 - نص العامة(1)، ونص.", "(1) حاشية.", "(2) أخرى.", "2 - نص آخر.", NULL},
         2,
         "fn.body.x2|2|أخرى.",
         1},
        {{"1 - نص العامة(2)، ونص.", "(1) حاشية.", "(2) أخرى.", "2 - نص آخر.", NULL},
         1,
         "fn.body.x1|1|حاشية.",
         2},
        {{"1 - نص.", "2 - نص آخر.", "(1) حاشية.", "ثانيا - عنوان", "3 - نص.", NULL},
         2,
         "fn.body.x1|1|حاشية.",
         1},
        {{"1 - نص.", "2 - نص آخر.", "(٣) حاشية.", "المرفق", "1 - نص.", NULL},
         2,
         "fn.body.x3|٣|حاشية.",
         1},
        {{"1 - نص.", "2 - نص آخر.", "(3) حاشية.", "(4) أخرى.", NULL}, 3, "fn.body.x4|4|أخرى.", 2},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct hx_doc *doc = doc_of("ar", cases[k].p);
        size_t before = diags.warnings;
        run(&hx_structure, doc, "");
        CHECK(block_at(doc, cases[k].at) && block_at(doc, cases[k].at)->role == HX_ROLE_NOTE_BODY);
        run(&hx_notes, doc, "");
        CHECK(block_at(doc, cases[k].at) && block_at(doc, cases[k].at)->key);
        if (block_at(doc, cases[k].at) && block_at(doc, cases[k].at)->key) {
            struct hx_node *b = block_at(doc, cases[k].at);
            char buf[200];
            snprintf(buf, sizeof buf, "%s|%s|%s", b->key, b->label ? b->label : "",
                     hx_node_text(doc, b, NULL));
            CHECK_STR(buf, cases[k].row);
        }
        CHECK_INT(diags.warnings - before, cases[k].warnings);
        hx_doc_free(doc);
    }
    /* between paragraphs, no footnote text near: a numbered line */
    const char *const q[] = {"1 - نص.", "(2) سطر.", "2 - نص آخر.", "(أ) بند.", NULL};
    struct hx_doc *doc = doc_of("ar", q);
    run(&hx_structure, doc, "");
    CHECK(block_at(doc, 1) && block_at(doc, 1)->role != HX_ROLE_NOTE_BODY);
    CHECK_STR(row(doc, 3), "body.2.a|(أ)|بند.");
    hx_doc_free(doc);
}

/* Duplicate numbers are found however long the part: past paragraph
 * 1000 too (the check once kept a fixed table of 1000 numbers). */
static void test_long_part(void)
{
    enum { N = 2500 };
    static char text[N + 2][24];
    static const char *p[N + 3];
    p[0] = "Report";
    for (int i = 1; i <= N; i++) {
        snprintf(text[i], sizeof text[i], "%d. Paragraph.", i);
        p[i] = text[i];
    }
    snprintf(text[N + 1], sizeof text[N + 1], "%d. Again.", 1999);
    p[N + 1] = text[N + 1];
    p[N + 2] = NULL;
    size_t before = diags.warnings;
    struct hx_doc *doc = doc_of("en", p);
    run(&hx_structure, doc, "");
    CHECK_STR(nth(doc, N)->key, "body.2500");
    CHECK_STR(nth(doc, N + 1)->key, "body.1999+dup1");
    CHECK_INT(diags.warnings - before, 1); /* "used twice" */
    hx_doc_free(doc);
}

int main(void)
{
    test_long_part();
    test_forms();
    test_masthead();
    test_language_lines();
    test_organ();
    test_parts();
    test_paren_notes();
    test_paren_orphans();
    test_zh();
    test_en();
    test_sessions();
    test_instruments();
    test_notes();
    test_rejoin();
    hx_diags_free(&diags);
    u_cleanup(); /* ICU's caches, so leak checkers see none */
    return check_done();
}
