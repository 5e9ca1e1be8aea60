/* zh-norm on paragraphs built in memory: each rule with before/after pairs
 * and negative cases (symbols, URLs, numbers, English text, text in
 * another language inside Chinese), per profile; a second run changes
 * nothing; and no character is lost except spaces (and the dots of an
 * ellipsis), checked against an NFKC skeleton of input and output. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "chain.h"
#include "check.h"
#include "filters/zh_norm/zh_norm.h"
#include "hx.h"

extern const struct hx_filter hx_zh_norm;

static struct hx_diags diags;

/* Runs zh-norm with opts over doc. */
static void run(struct hx_doc *doc, const char *opts)
{
    void *priv = calloc(1, hx_zh_norm.priv_size);
    struct hx_stage st = {&hx_zh_norm, priv, &diags};
    char err[200];
    CHECK_INT(hx_opts_parse(&hx_zh_norm, priv, opts, doc->arena, err, sizeof err), 0);
    CHECK_INT(hx_zh_norm.doc(&st, doc), 0);
    CHECK(hx_doc_check(doc) == NULL);
    free(priv);
}

/* One paragraph: "^" in s is a note marker, "[en:…]" a span in English,
 * "{…}" emphasis. */
static struct hx_doc *para_doc(const char *lang, const char *s)
{
    struct hx_doc *doc = hx_doc_new("t.txt");
    struct hx_node *p = hx_node_new(doc, HX_PARA);
    doc->lang = lang;
    hx_node_append(doc->root, p);
    while (*s) {
        size_t n = strcspn(s, "^[{");
        if (n)
            hx_node_append(p, hx_text_new(doc, s, n));
        s += n;
        if (*s == '^') {
            struct hx_node *r = hx_node_new(doc, HX_NOTEREF);
            r->label = "1";
            r->num = 1;
            hx_node_append(p, r);
            s++;
        } else if (*s == '[') {
            const char *e = strchr(s, ']');
            struct hx_node *sp = hx_node_new(doc, HX_SPAN);
            sp->lang = "en";
            hx_node_append(sp, hx_text_new(doc, s + 4, (size_t)(e - s - 4)));
            hx_node_append(p, sp);
            s = e + 1;
        } else if (*s == '{') {
            const char *e = strchr(s, '}');
            struct hx_node *em = hx_node_new(doc, HX_EMPH);
            hx_node_append(em, hx_text_new(doc, s + 1, (size_t)(e - s - 1)));
            hx_node_append(p, em);
            s = e + 1;
        }
    }
    return doc;
}

/* The paragraph's text with markers as "^". */
static void flat(const struct hx_node *n, struct hx_buf *b)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c->type == HX_TEXT)
            hx_buf_add(b, c->text, c->len);
        else if (c->type == HX_NOTEREF || c->type == HX_NOTE)
            hx_buf_addc(b, '^');
        else
            flat(c, b);
    }
}

static char *text_of(struct hx_doc *doc)
{
    struct hx_buf b = {0};
    char *r;
    flat(doc->root->first, &b);
    r = hx_strdup(doc->arena, b.data ? b.data : "");
    hx_buf_free(&b);
    return r;
}

/* NFKC without white space, every run of dots, ellipses or dashes one
 * character, curly quotes straight: what must survive normalisation unchanged. */
static char *skeleton(const char *s)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
    int32_t ulen = 0, nlen;
    UChar *u, *v;
    struct hx_buf b = {0};
    char *r;
    u_strFromUTF8(NULL, 0, &ulen, s, -1, &err);
    err = U_ZERO_ERROR;
    u = calloc((size_t)ulen + 1, sizeof *u);
    v = calloc((size_t)ulen * 4 + 1, sizeof *v);
    u_strFromUTF8(u, ulen + 1, NULL, s, -1, &err);
    nlen = unorm2_normalize(nfkc, u, ulen, v, ulen * 4 + 1, &err);
    CHECK(U_SUCCESS(err));
    int32_t last = 0;
    for (int32_t i = 0; i < nlen; i++) {
        int32_t c = v[i];
        if (c == ' ' || c == 0x3000 || c == 0xA0)
            continue;
        if (c == '.' || c == 0x3002 || c == 0x22EF)
            c = '.';
        if (c == 0x2014 || c == '-' || c == 0x2015 || c == 0x2212)
            c = '-';
        if (c == 0x201C || c == 0x201D)
            c = '"';
        if (c == 0x2018 || c == 0x2019)
            c = '\'';
        if ((c == '.' || c == '-') && c == last)
            continue;
        hx_buf_addcp(&b, c);
        last = c;
    }
    r = strdup(b.data ? b.data : "");
    hx_buf_free(&b);
    free(u);
    free(v);
    return r;
}

/* Normalises s as lang with opts; checks the result, idempotence and
 * conservation. */
static void pair_check(const char *lang, const char *opts, const char *s, const char *want,
                       int line)
{
    struct hx_doc *doc = para_doc(lang, s);
    char *before = text_of(doc);
    run(doc, opts);
    char *once = text_of(doc);
    if (strcmp(once, want) != 0) {
        check_failures++;
        fprintf(stderr, "test_zh_norm.c:%d: %s\n   got \"%s\"\n  want \"%s\"\n", line, s, once,
                want);
    }
    check_count++;
    run(doc, opts);
    CHECK_STR(text_of(doc), once);
    char *a = skeleton(before), *b = skeleton(once);
    if (strcmp(a, b) != 0) {
        check_failures++;
        fprintf(stderr, "test_zh_norm.c:%d: lost or invented: %s | %s\n", line, a, b);
    }
    check_count++;
    free(a);
    free(b);
    hx_doc_free(doc);
}

#define UN(s, w) pair_check("zh", "", s, w, __LINE__)
#define GBT(s, w) pair_check("zh", "profile=gbt15834", s, w, __LINE__)
#define OFF(s, w) pair_check("zh", "profile=off", s, w, __LINE__)

static void test_rules(void)
{
    /* nfc: composes, and maps a compatibility ideograph to its unified form */
    UN("咖啡cafe\xCC\x81", "咖啡caf\xC3\xA9");
    UN("cafe\xCC\x81", "cafe\xCC\x81"); /* no Chinese character: skipped */
    UN("汉字\xEF\xA4\x9D", "汉字\xE6\xAC\x84");
    /* width */
    UN("２０２１年", "2021年");
    UN("ＵＮＤＰ和ｕｎｄｐ", "UNDP和undp");
    UN("全角，标点：保留。", "全角，标点：保留。");
    /* punct */
    UN("生计,最贫困", "生计，最贫困");
    UN("如下:第一;第二?是!", "如下：第一；第二？是！");
    UN("COVID-19, 包括", "COVID-19，包括");
    UN("共1,000美元", "共1,000美元");
    UN("于10:30开始", "于10:30开始");
    UN("Hello, world", "Hello, world");
    OFF("生计,最贫困", "生计,最贫困");
    /* paren */
    UN("报告员(尼泊尔)", "报告员（尼泊尔）");
    UN("联盟(代表东南亚国家联盟(东盟))", "联盟（代表东南亚国家联盟（东盟））");
    UN("病毒病(COVID-19)大流行", "病毒病(COVID-19)大流行");
    GBT("病毒病(COVID-19)大流行", "病毒病（COVID-19）大流行");
    UN("草案A/C.2/76/L.56(见第11段)", "草案A/C.2/76/L.56（见第11段）");
    UN("a (b) c", "a (b) c");
    GBT("a (b) c", "a (b) c");
    UN("未配对(的括号", "未配对(的括号");
    OFF("报告员(尼泊尔)", "报告员(尼泊尔)");
    /* ellipsis */
    UN("等等...", "等等……");
    UN("等等…", "等等……");
    UN("等等。。。", "等等……");
    UN("等等⋯⋯", "等等……");
    UN("等等……", "等等……");
    UN("Wait... what", "Wait... what");
    OFF("等等...", "等等...");
    /* dash */
    UN("北京—上海", "北京——上海");
    UN("北京--上海", "北京——上海");
    UN("北京――上海", "北京——上海");
    UN("北京－－上海", "北京——上海");
    UN("北京——上海", "北京——上海");
    UN("2006-2010年", "2006-2010年");
    UN("A/75/62-E/2020/11号", "A/75/62-E/2020/11号");
    /* space */
    UN("在 2021 年 9 月", "在2021年9月");
    UN("项目 22 “全球化与相互依存” 一并", "项目22“全球化与相互依存”一并");
    UN("文件，^ 核准", "文件，^核准");
    UN("报告^ 所载", "报告^所载");
    UN("决议草案 A/C.2/76/L.56 的审议", "决议草案A/C.2/76/L.56的审议");
    UN("生活 and 生计", "生活and生计");
    UN("the “Connect 2030” agenda", "the “Connect 2030” agenda");
    UN("see A/76/64 , pages 3 - 5", "see A/76/64 , pages 3 - 5");
    /* symbols and URLs are never edited inside */
    UN("见https://x.org/a,b;c(d)e...f--g 和", "见https://x.org/a,b;c(d)e...f--g和");
    UN("见www.un.org/x,y:z 和", "见www.un.org/x,y:z和");
    UN("E/CN.16/2018/CRP.3, 第3段", "E/CN.16/2018/CRP.3，第3段");
    /* another language inside Chinese text, and an English document */
    UN("中文[en:2021 , see: (a) ...]中文", "中文2021 , see: (a) ...中文");
    /* but the separators at its edges follow the Chinese sentence */
    UN("标题为[en:\"Connecting the Unconnected\"]的报告",
       "标题为“Connecting the Unconnected”的报告");
    UN("[en:NANDrive ]微型固态硬盘", "NANDrive微型固态硬盘");
    UN("电路图[en:(PCB Layout/CAD]文件)", "电路图（PCB Layout/CAD文件）");
    UN("见[en:Foundations of Analysis, ]可从", "见Foundations of Analysis，可从");
    /* in an English document, a Chinese paragraph follows the rules and
     * an English one with a Chinese name does not */
    pair_check("en", "", "在 2021 年 (尼泊尔), ...", "在2021年（尼泊尔），……", __LINE__);
    pair_check("en", "", "Mr. Wang Yi (王毅) said: \"yes\". See A/76/62 .",
               "Mr. Wang Yi (王毅) said: \"yes\". See A/76/62 .", __LINE__);
    /* Japanese is not Chinese: by its tag, or by its kana */
    pair_check("ja", "", "平成３０年９月２１日.", "平成３０年９月２１日.", __LINE__);
    pair_check("en", "", "現状課題：年４回の内容 (パターン).", "現状課題：年４回の内容 (パターン).",
               __LINE__);
    pair_check("en", "", "<a:font typeface=\"新細明體\"/>", "<a:font typeface=\"新細明體\"/>",
               __LINE__);
    /* full stop */
    UN("他在会上发言.此外,委员会进行了辩论.", "他在会上发言。此外，委员会进行了辩论。");
    UN("增长了3.5%,即10.30时", "增长了3.5%，即10.30时");
    UN("见A/76/62.", "见A/76/62。");
    UN("冠状病毒病(COVID-19).", "冠状病毒病(COVID-19)。");
    UN("由Mr. Smith主持", "由Mr. Smith主持");
    UN("他说:\"The meeting is adjourned.\"", "他说：“The meeting is adjourned.”");
    UN("请发送至info@un.org.", "请发送至info@un.org。");
    UN("见https://www.un.org/zh.", "见https://www.un.org/zh。");
    UN("报告^.", "报告^。");
    UN("Wait. 等", "Wait. 等"); /* a leading token ending in "." may be a label */
    UN("一. 引言", "一. 引言");
    UN("(1) 见A/76/62.", "(1) 见A/76/62。");
    UN("他说 Wait. 等", "他说Wait。等"); /* a Latin word in a Chinese sentence */
    OFF("发言.此外", "发言.此外");
    /* quotes: pairs, nesting, English inside, apostrophes, markup, markers */
    UN("题为\"全球化与相互依存\"的项目", "题为“全球化与相互依存”的项目");
    UN("\'数字经济报告\'", "‘数字经济报告’");
    UN("关于\"执行\'2030年议程\'的报告\"", "关于“执行‘2030年议程’的报告”");
    UN("他说\"I don\'t know\"。", "他说“I don\'t know”。");
    UN("各国\"的^\"权利", "各国“的^”权利");
    UN("题为{\"全球化}与相互依存\"的项目.", "题为“全球化与相互依存”的项目。");
    UN("{见A/76/62}.", "见A/76/62。");
    UN("题为“全球化\"的项目", "题为“全球化”的项目");
    UN("the \"Connect 2030\" agenda", "the \"Connect 2030\" agenda");
    UN("他说\"是的", "他说\"是的");
    UN("countries\' rights和义务", "countries\' rights和义务");
    /* parentheses by content */
    UN("报告（Ａ/７６/６２）", "报告(A/76/62)");
    UN("报告（COVID-19）和(尼泊尔）", "报告(COVID-19)和（尼泊尔）");
    UN("见（……）", "见（……）");
    GBT("报告（COVID-19）", "报告（COVID-19）");
    /* spaces before % and ideographic spaces */
    UN("有 87 % 的人", "有87%的人");
    UN("增长 5.5 ％以上", "增长5.5％以上");
    UN("rate of 5 % only", "rate of 5 % only");
    UN("\xE3\x80\x80\xE3\x80\x80本款产品\xE3\x80\x80兼容\xE3\x80\x80", "本款产品兼容");
    UN("A\xE3\x80\x80"
       "B 和",
       "A\xE3\x80\x80"
       "B和");
}

/* The fixed class tables agree with ICU on every code point they cover:
 * Han is script Han (letters, 〇 and the like), CJK punctuation is
 * punctuation of width W or F. */
static void test_classes(void)
{
    int bad = 0;
    for (int32_t c = 0; c <= 0x323AF && bad < 5; c++) {
        UErrorCode err = U_ZERO_ERROR;
        int icu_han = uscript_getScript(c, &err) == USCRIPT_HAN && u_charType(c) != U_UNASSIGNED &&
                      u_charType(c) != U_MODIFIER_SYMBOL && u_charType(c) != U_OTHER_SYMBOL &&
                      u_charType(c) != U_OTHER_PUNCTUATION;
        int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        int icu_p = u_ispunct(c) && (w == U_EA_WIDE || w == U_EA_FULLWIDTH) && c >= 0x3000;
        unsigned k = zh_class(c);
        int space =
            c == ' ' || c == 0xA0 || (c >= 0x2002 && c <= 0x200A) || c == 0x202F || c == 0x3000;
        if (!(k & ZC_HAN) && !!(k & ZC_LATIN) != !!u_isalnum(c)) {
            fprintf(stderr, "U+%04X: letter or digit %d for ICU\n", (unsigned)c, u_isalnum(c));
            bad++;
        }
        if (!!(k & ZC_WIDE) != (c >= 0x2E80) || !!(k & ZC_SPACE) != space) {
            fprintf(stderr, "U+%04X: wide or space class %u\n", (unsigned)c, k);
            bad++;
        }
        if (icu_han && !(k & ZC_HAN)) {
            fprintf(stderr, "U+%04X is Han for ICU\n", (unsigned)c);
            bad++;
        }
        if ((k & ZC_HAN) && uscript_getScript(c, &err) != USCRIPT_HAN &&
            u_charType(c) != U_UNASSIGNED) {
            fprintf(stderr, "U+%04X is not Han for ICU\n", (unsigned)c);
            bad++;
        }
        if (icu_p != !!(k & ZC_CJKP)) {
            fprintf(stderr, "U+%04X: wide punctuation %d for ICU\n", (unsigned)c, icu_p);
            bad++;
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(zh_class('a'), ZC_LATIN);
    CHECK_INT(zh_class(0x3000), ZC_SPACE | ZC_WIDE);
    CHECK(zh_rules_check() == NULL);
}

/* An unpaired straight quote in Chinese text is reported (once) and left;
 * one in a Latin run is not ours to report. */
static size_t unpaired(const char *s)
{
    size_t before = diags.n, n = 0;
    struct hx_doc *doc = para_doc("zh", s);
    run(doc, "");
    for (size_t k = before; k < diags.n; k++)
        n += diags.v[k].sev == HX_SEV_WARNING && strstr(diags.v[k].msg, "unpaired") != NULL;
    hx_doc_free(doc);
    return n;
}

static void test_unpaired(void)
{
    CHECK_INT((int)unpaired("他说\"我们同意。"), 1);
    CHECK_INT((int)unpaired("他说\"我们\"同意\"。"), 1);
    CHECK_INT((int)unpaired("关于'数字"), 1);
    CHECK_INT((int)unpaired("题为\"全球化\"的项目"), 0);
    CHECK_INT((int)unpaired("中文. He said \"yes and left"), 0);
}

/* Paragraphs with one mark of one rule amid text no rule touches: the
 * stage decides from a paragraph's characters which rules can apply and
 * writes back only the bytes around an edit, so a mark made by an earlier
 * rule (the full stop's 。 next to 。) must still reach a later one, and
 * text read as U+FFFD (invalid UTF-8) is written as U+FFFD, as always. */
static void test_fast_paths(void)
{
    UN("文字。.。", "文字……");
    UN("长段落中间有一个空格 在这里，其余不变的文字", "长段落中间有一个空格在这里，其余不变的文字");
    UN("他说:好", "他说：好");
    UN("第一—第二", "第一——第二");
    UN("等等⋯⋯", "等等……");
    UN("数字１２和字", "数字12和字");
    UN("前{强调 }后", "前强调后");
    UN("中文", "中文");
    /* a mark far from the nearest letter: the context of the whole
     * paragraph is worked out, whichever side the letter is on */
    UN("中《《《《《《《《《《《《《《《《《《《《,》》》》》》》》》》》》》》》》》》》》abc",
       "中《《《《《《《《《《《《《《《《《《《《，》》》》》》》》》》》》》》》》》》》》abc");
    UN("abc《《《《《《《《《《《《《《《《《《《《,》》》》》》》》》》》》》》》》》》》》中",
       "abc《《《《《《《《《《《《《《《《《《《《，》》》》》》》》》》》》》》》》》》》》中");
    UN("abc,》》》》》》》》》》》》》》》》》》》》中",
       "abc，》》》》》》》》》》》》》》》》》》》》中");
    UN("abc《《《《《《《《《《《《《《《《《《《《,》》》》》》》》》》》》》》》》》》》》def",
       "abc《《《《《《《《《《《《《《《《《《《《,》》》》》》》》》》》》》》》》》》》》def");
    struct hx_doc *doc = para_doc("zh", "中文 文字\xFF不变");
    run(doc, "");
    CHECK_STR(text_of(doc), "中文文字\xEF\xBF\xBD不变");
    hx_doc_free(doc);
}

int main(void)
{
    test_fast_paths();
    test_unpaired();
    test_classes();
    test_rules();
    hx_diags_free(&diags);
    return check_done();
}
