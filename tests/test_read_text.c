/* The plain-text reader: inline markup, superscript markers, note bodies,
 * block joining, encodings and bad input, through its read callback on
 * temporary files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "hx.h"

extern const struct hx_filter hx_read_text;

static char tmp_path[64];
static struct hx_diags diags;

/* Reads text with the reader; NULL when the read failed. *lang (if not
 * NULL) gives doc->lang before reading. */
static struct hx_doc *read_str(const char *text, size_t len, const char *lang)
{
    struct hx_stage st = {&hx_read_text, NULL, &diags};
    FILE *fp = fopen(tmp_path, "wb");
    if (!fp || fwrite(text, 1, len, fp) != len || fclose(fp) != 0) {
        perror(tmp_path);
        exit(1);
    }
    struct hx_doc *doc = hx_doc_new(tmp_path);
    if (lang)
        doc->lang = hx_strdup(doc->arena, lang);
    if (hx_read_text.read(&st, doc) != 0) {
        hx_doc_free(doc);
        return NULL;
    }
    return doc;
}

static void dump_inlines(const struct hx_node *n, struct hx_buf *b)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c != n->first)
            hx_buf_addc(b, ' ');
        switch (c->type) {
        case HX_TEXT: hx_buf_addf(b, "'%s'", c->text); break;
        case HX_NOTEREF: hx_buf_addf(b, "N[%s/%d]", c->label, c->num); break;
        default:
            hx_buf_adds(b, c->type == HX_STRONG ? "S"
                           : c->type == HX_EMPH ? "E"
                           : c->type == HX_LINK ? "L"
                                                : "?");
            if (c->type == HX_LINK)
                hx_buf_addf(b, "<%s>", c->href);
            hx_buf_addc(b, '(');
            dump_inlines(c, b);
            hx_buf_addc(b, ')');
            break;
        }
    }
}

/* The tree as "P(…) / P:note-body[¹/1](…)"; a static buffer. */
static const char *dump(const struct hx_doc *doc)
{
    static struct hx_buf b;
    hx_buf_reset(&b);
    hx_buf_adds(&b, "");
    for (const struct hx_node *p = doc->root->first; p; p = p->next) {
        if (p != doc->root->first)
            hx_buf_adds(&b, " / ");
        hx_buf_adds(&b, p->type == HX_PARA ? "P" : "?");
        if (p->role == HX_ROLE_NOTE_BODY)
            hx_buf_adds(&b, ":note-body");
        if (p->label)
            hx_buf_addf(&b, "[%s/%d]", p->label, p->num);
        hx_buf_addc(&b, '(');
        dump_inlines(p, &b);
        hx_buf_addc(&b, ')');
    }
    return b.data;
}

/* Parses s and returns its dump ("FAILED" when the read failed). */
static const char *parse(const char *s)
{
    static char out[4096];
    struct hx_doc *doc = read_str(s, strlen(s), "en");
    if (!doc)
        return "FAILED";
    snprintf(out, sizeof out, "%s", dump(doc));
    CHECK(hx_doc_check(doc) == NULL);
    hx_doc_free(doc);
    return out;
}

/* The characters of s except those in drop, and except newlines. */
static void filtered(const char *s, size_t len, const char *drop, struct hx_buf *b)
{
    for (size_t i = 0; i < len; i++) {
        if (!strchr(drop, s[i]) && s[i] != '\n')
            hx_buf_addc(b, s[i]);
    }
}

static void text_of(const struct hx_node *n, struct hx_buf *b)
{
    for (const struct hx_node *c = n->first; c; c = c->next) {
        if (c->type == HX_TEXT)
            hx_buf_add(b, c->text, c->len);
        if (c->label)
            hx_buf_adds(b, c->label);
        text_of(c, b);
    }
}

static void test_inlines(void)
{
    CHECK_STR(parse("a **b** c"), "P('a ' S('b') ' c')");
    CHECK_STR(parse("*i*"), "P(E('i'))");
    CHECK_STR(parse("x *a **b** c* y"), "P('x ' E('a ' S('b') ' c') ' y')");
    CHECK_STR(parse("**b [t](#h) c**"), "P(S('b ' L<#h>('t') ' c'))");
    CHECK_STR(parse("[t](h)"), "P(L<h>('t'))");
    CHECK_STR(parse("see [*A/76/1*](https://undocs.org/A/76/1)."),
              "P('see ' L<https://undocs.org/A/76/1>(E('A/76/1')) '.')");
    CHECK_STR(parse("<https://x.org/a?b=1>"), "P(L<https://x.org/a?b=1>('https://x.org/a?b=1'))");
    CHECK_STR(parse("mail <mailto:a@b.org>"), "P('mail ' L<mailto:a@b.org>('mailto:a@b.org'))");
    CHECK_STR(parse("文件，¹ 核准。²³"), "P('文件，' N[¹/1] ' 核准。' N[²³/23])");
    CHECK_STR(parse("x⁰⁴⁵⁶⁷⁸⁹y"), "P('x' N[⁰⁴⁵⁶⁷⁸⁹/456789] 'y')");
    /* Too many digits for a note number: still a marker, no value. */
    CHECK_STR(parse("x¹²³⁴⁵⁶⁷⁸⁹⁰"), "P('x' N[¹²³⁴⁵⁶⁷⁸⁹⁰/0])");
    CHECK_STR(parse("**期待** 2022 年"), "P(S('期待') ' 2022 年')");
}

static void test_literal(void)
{
    const char *same[] = {
        "a ** b",    "**a",      "*a",       "a*",     "2 * 3 * 4", "*** x***",
        "****x****", "a **b **", "[a](b c)", "[a]",    "[a] (b)",   "[](b)",
        "[a](b",     "[a [b](c", "<a>",      "<x:>",   "<ab:c d>",  "<1a:b>",
        "a < b > c", "* item",   "** b**",   "(a)[b]", "a]b[c",
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        char want[256];
        snprintf(want, sizeof want, "P('%s')", same[i]);
        CHECK_STR(parse(same[i]), want);
    }
    /* The inner bracket may still open a link. */
    CHECK_STR(parse("[a [b](c)"), "P('[a ' L<c>('b'))");
    CHECK_STR(parse("*a*b*c*"), "P(E('a') 'b' E('c'))");
    /* Three asterisks are bold italic (operative verbs typed so). */
    CHECK_STR(parse("***x*** y"), "P(S(E('x')) ' y')");
    /* No backslash escapes: a backslash is content like any other. */
    CHECK_STR(parse("\\*a\\*"), "P('\\' E('a\\'))");
}

static void test_blocks(void)
{
    CHECK_STR(parse("¹ body"), "P:note-body[¹/1]('body')");
    CHECK_STR(parse("¹²  two spaces"), "P:note-body[¹²/12](' two spaces')");
    CHECK_STR(parse("¹body"), "P:note-body[¹/1]('body')");
    CHECK_STR(parse("¹"), "P:note-body[¹/1]()");
    CHECK_STR(parse(" ¹ indented"), "P(' ' N[¹/1] ' indented')");
    CHECK_STR(parse("ab\ncd"), "P('ab cd')");
    CHECK_STR(parse("ab \ncd"), "P('ab cd')");
    CHECK_STR(parse("ab\n cd"), "P('ab cd')");
    CHECK_STR(parse("中文\n继续"), "P('中文继续')");
    CHECK_STR(parse("中文\nab"), "P('中文ab')");
    CHECK_STR(parse("**a\nb**"), "P(S('a b'))");
    /* A line starting with a marker starts a note body. */
    CHECK_STR(parse("a\n¹ note\n² other\nmore"),
              "P('a') / P:note-body[¹/1]('note') / P:note-body[²/2]('other more')");
    CHECK_STR(parse("x\n¹y"), "P('x') / P:note-body[¹/1]('y')");
    CHECK_STR(parse("x\n ¹y"), "P('x ' N[¹/1] 'y')");
    CHECK_STR(parse("a\n\nb\n \t\nc"), "P('a') / P('b') / P('c')");
    CHECK_STR(parse("\n\n\na\n\n\n"), "P('a')");
    CHECK_STR(parse("a\r\nb\r\n\r\nc\r\n"), "P('a b') / P('c')");
    CHECK_STR(parse("a\rb"), "P('a\rb')");
    CHECK_STR(parse("\xEF\xBB\xBF"
                    "a"),
              "P('a')");
    CHECK_STR(parse("a\xEF\xBB\xBF"), "P('a\xEF\xBB\xBF')");

    const char *en = "\n\nThe report of\nthe Committee is in the annex.\n\n\r\n¹ note\n";
    struct hx_doc *doc = read_str(en, strlen(en), NULL);
    CHECK(doc != NULL);
    if (doc) {
        CHECK_INT(doc->root->first->pos.line, 3);
        CHECK_INT(doc->root->last->pos.line, 7);
        CHECK_STR(doc->lang, "en");
        hx_doc_free(doc);
    }
    doc = read_str("文件", 6, "fr");
    CHECK(doc && strcmp(doc->lang, "fr") == 0);
    hx_doc_free(doc);
    doc = read_str("第二委员会的报告", strlen("第二委员会的报告"), NULL);
    CHECK(doc && doc->lang && strcmp(doc->lang, "zh") == 0);
    hx_doc_free(doc);
}

static void test_errors(void)
{
    hx_diags_free(&diags);
    CHECK(read_str("ok\nline \xC3\x28 two\n", 15, NULL) == NULL);
    CHECK_INT(diags.errors, 1);
    if (diags.n) {
        CHECK_INT(diags.v[0].line, 2);
        CHECK(strstr(diags.v[0].msg, "invalid UTF-8 at byte 6") != NULL);
    }
    hx_diags_free(&diags);
    CHECK(read_str("a\n\xED\xA0\x80\n", 5, NULL) == NULL); /* a surrogate */
    CHECK(diags.n && diags.v[0].line == 2);
    hx_diags_free(&diags);
    CHECK(read_str("", 0, NULL) == NULL);
    CHECK(diags.n && strstr(diags.v[0].msg, "empty") != NULL);
    hx_diags_free(&diags);
    CHECK(read_str("\xEF\xBB\xBF\n \r\n\t\n", 9, NULL) == NULL);
    CHECK(diags.n && strstr(diags.v[0].msg, "no text") != NULL);
    hx_diags_free(&diags);
    CHECK(read_str("a\n\nb\0c", 6, NULL) == NULL);
    CHECK(diags.n && diags.v[0].line == 3);
    hx_diags_free(&diags);
}

/* Random strings of markup characters: whatever the parse, the content
 * characters come out in order (no link can form without "(", no autolink
 * without "<"), the tree is sound, and hostile runs take linear time. */
static void test_fuzz(void)
{
    static const char *const atoms[] = {"a", " ", "*", "**", "[", "]", "¹", "中", "\n", "x"};
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        struct hx_buf in = {0}, want = {0}, got = {0};
        int n = 1 + (int)(seed % 40);
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            hx_buf_adds(&in, atoms[(seed >> 16) % 10]);
        }
        hx_buf_adds(&in, "z");
        struct hx_doc *doc = read_str(in.data, in.len, "en");
        if (!doc) {
            /* Only blank input may fail; "z" makes none blank. */
            CHECK(doc != NULL);
            goto next;
        }
        CHECK(hx_doc_check(doc) == NULL);
        filtered(in.data, in.len, "* ", &want);
        hx_buf_adds(&want, "");
        for (const struct hx_node *p = doc->root->first; p; p = p->next) {
            if (p->label)
                hx_buf_adds(&got, p->label);
            struct hx_buf t = {0};
            text_of(p, &t);
            filtered(t.data ? t.data : "", t.len, "* ", &got);
            hx_buf_free(&t);
        }
        hx_buf_adds(&got, "");
        if (strcmp(want.data, got.data) != 0) {
            CHECK_STR(got.data, want.data);
            fprintf(stderr, "input: %s\n", in.data);
        }
        hx_doc_free(doc);
    next:
        hx_buf_free(&in);
        hx_buf_free(&want);
        hx_buf_free(&got);
    }

    /* 2 MB of openers with no closers. */
    size_t big = 2u << 20;
    const char *pats[] = {"*a", "**a", "[a", "[a](", "<ab:", "¹"};
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        char *s = malloc(big + 8);
        size_t plen = strlen(pats[k]), len = 0;
        while (len + plen <= big) {
            memcpy(s + len, pats[k], plen);
            len += plen;
        }
        clock_t t0 = clock();
        struct hx_doc *doc = read_str(s, len, "en");
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        CHECK(doc != NULL);
        if (secs > 5)
            fprintf(stderr, "pattern %s took %.1f s\n", pats[k], secs);
        CHECK(secs < 5);
        hx_doc_free(doc);
        free(s);
    }
}

int main(void)
{
    snprintf(tmp_path, sizeof tmp_path, "/tmp/hx-test-read-text-XXXXXX");
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    close(fd);
    test_inlines();
    test_literal();
    test_blocks();
    test_errors();
    test_fuzz();
    unlink(tmp_path);
    hx_diags_free(&diags);
    return check_done();
}
