/* The xml, akn and docx readers through their read callbacks on small
 * inputs written here (a DOCX package is zipped with libzip), each tree
 * compared whole in a compact notation; and their refusals: a document
 * type declaration, an unknown element, a package without a main part. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "chain.h"
#include "check.h"
#include "hx.h"

static struct hx_diags diags;
static char dir[] = "/tmp/hx-readers-XXXXXX";

static const char *put(const char *name, const char *data)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp || fputs(data, fp) < 0 || fclose(fp) != 0) {
        perror(path);
        exit(1);
    }
    return path;
}

/* Reads path with the reader called name; NULL when it failed. */
static struct hx_doc *read_with(const char *name, const char *path)
{
    const struct hx_filter *f = hx_filter_find(name, HX_READER);
    struct hx_stage st = {f, NULL, &diags};
    struct hx_doc *doc = hx_doc_new(path);
    if ((f->open && f->open(&st) < 0) || f->read(&st, doc) < 0) {
        hx_doc_free(doc);
        doc = NULL;
    }
    if (f->close)
        f->close(&st);
    const char *bad = doc ? hx_doc_check(doc) : NULL;
    if (bad)
        fprintf(stderr, "%s: %s\n", path, bad);
    CHECK(bad == NULL);
    return doc;
}

/* The tree in a compact notation: type{role label lang level flags}(…),
 * text as 'text' (@lang when it has one), a link's target and an image's alt text after its name.
 */
static void dump_node(const struct hx_node *n, struct hx_buf *b)
{
    if (n->type == HX_TEXT) {
        hx_buf_addf(b, "'%s'", n->text);
        if (n->lang)
            hx_buf_addf(b, "@%s", n->lang);
        return;
    }
    hx_buf_adds(b, hx_type_name(n->type));
    if (n->href)
        hx_buf_addf(b, "<%s>", n->href);
    if (n->type == HX_IMAGE && n->text)
        hx_buf_addf(b, "'%s'", n->text);
    struct hx_buf a = {0};
    hx_buf_adds(&a, "");
    if (n->role)
        hx_buf_addf(&a, " %s", hx_role_name(n->role));
    if (n->label)
        hx_buf_addf(&a, " [%s]", n->label);
    if (n->lang)
        hx_buf_addf(&a, " lang=%s", n->lang);
    if (n->level)
        hx_buf_addf(&a, " level=%d", n->level);
    if (n->span[0] > 1 || n->span[1] > 1)
        hx_buf_addf(&a, " span=%dx%d", n->span[0], n->span[1]);
    if (n->flags & HX_F_RTL)
        hx_buf_adds(&a, " rtl");
    if (n->flags & HX_F_HEADER)
        hx_buf_adds(&a, " header");
    if (a.len)
        hx_buf_addf(b, "{%s}", a.data + 1);
    hx_buf_free(&a);
    if (n->first) {
        hx_buf_addc(b, '(');
        for (const struct hx_node *c = n->first; c; c = c->next) {
            if (c != n->first)
                hx_buf_addc(b, ' ');
            dump_node(c, b);
        }
        hx_buf_addc(b, ')');
    }
}

static const char *dump(const struct hx_doc *doc)
{
    static struct hx_buf b;
    hx_buf_reset(&b);
    hx_buf_adds(&b, "");
    if (doc)
        for (const struct hx_node *c = doc->root->first; c; c = c->next) {
            if (c != doc->root->first)
                hx_buf_adds(&b, " / ");
            dump_node(c, &b);
        }
    return b.data;
}

/* The last diagnostic's message and line ("3: …"). */
static const char *last_diag(void)
{
    static char s[512];
    if (!diags.n)
        return "(none)";
    const struct hx_diag *d = &diags.v[diags.n - 1];
    snprintf(s, sizeof s, "%u: %s", d->line, d->msg);
    return s;
}

static void test_xml(void)
{
    const char *p = put("m.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<hexaglot version=\"1\" source=\"orig.txt\" lang=\"ar\">\n"
                                 "  <meta name=\"symbol\" value=\"A/RES/2\"/>\n"
                                 "  <doc>\n"
                                 "    <heading label=\"II.\" level=\"2\" flags=\"rtl\">"
                                 "<text>عنوان</text></heading>\n"
                                 "    <para role=\"operative\" label=\"1.\" key=\"res1.op.1\" "
                                 "line=\"9\"><text>  a  </text><strong><text>b</text></strong>"
                                 "<noteref label=\"2\" num=\"2\"/><link href=\"x:y\">"
                                 "<text>c</text></link><image text=\"alt\"/></para>\n"
                                 "    <table><row flags=\"header\"><cell colspan=\"2\">"
                                 "<para><text>t</text></para></cell></row></table>\n"
                                 "  </doc>\n"
                                 "</hexaglot>\n");
    struct hx_doc *doc = read_with("xml", p);
    CHECK_STR(dump(doc), "heading{[II.] level=2 rtl}('عنوان') / "
                         "para{operative [1.]}('  a  ' strong('b') noteref{[2]} link<x:y>('c') "
                         "image'alt') / "
                         "table(row{header}(cell{span=2x0}(para('t'))))");
    if (doc) {
        CHECK_STR(doc->lang, "ar");
        CHECK_STR(hx_meta_get(doc, "symbol"), "A/RES/2");
        CHECK_STR(hx_meta_get(doc, "source"), "orig.txt");
        const struct hx_node *para = doc->root->first->next;
        CHECK_STR(para->key, "res1.op.1");
        CHECK_INT(para->pos.line, 9);
        CHECK_INT(para->last->prev->prev->num, 2);
    }
    hx_doc_free(doc);

    size_t errors = diags.errors;
    doc = read_with("xml", put("dtd.xml", "<?xml version=\"1.0\"?>\n"
                                          "<!DOCTYPE hexaglot [<!ENTITY e \"x\">]>\n"
                                          "<hexaglot version=\"1\"><doc/></hexaglot>\n"));
    CHECK(doc == NULL);
    CHECK_INT(diags.errors, errors + 1);
    CHECK(strncmp(last_diag(), "2: ", 3) == 0);
    doc = read_with("xml", put("unk.xml", "<hexaglot version=\"1\">\n<doc>\n"
                                          "<para><blink/></para></doc></hexaglot>\n"));
    CHECK(doc == NULL);
    CHECK_INT(diags.errors, errors + 2);
    CHECK(strncmp(last_diag(), "3: ", 3) == 0 && strstr(last_diag(), "blink"));
}

static void test_akn(void)
{
    const char *p =
        put("r.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n"
                     "<statement name=\"resolution\">\n"
                     "<meta><identification source=\"#x\"><FRBRExpression>"
                     "<FRBRlanguage language=\"fra\"/></FRBRExpression></identification></meta>\n"
                     "<preface><p><docNumber>A/RES/3</docNumber></p></preface>\n"
                     "<preamble><formula name=\"x\"><p>L'Assemblée générale,</p></formula>\n"
                     "<p><i>Rappelant</i> sa résolution,</p></preamble>\n"
                     "<mainBody><paragraph><num>1.</num><content><p>Décide"
                     "<authorialNote eId=\"n1\" marker=\"1\"><p>Voir A/1.</p></authorialNote>"
                     " de  poursuivre ;</p></content></paragraph>\n"
                     "<paragraph><num>2.</num><content><p>Prie :</p>"
                     "<blockList><item><num>a)</num><p>un</p></item></blockList>"
                     "</content></paragraph></mainBody>\n"
                     "</statement></akomaNtoso>\n");
    struct hx_doc *doc = read_with("akn", p);
    CHECK_STR(dump(doc), "section(para('A/RES/3')) / "
                         "section(para{formula}('L'Assemblée générale,') "
                         "para{preambular}(emph('Rappelant') ' sa résolution,')) / "
                         "section(para{operative [1.] level=1}('Décide' note{[1]}(para{note-body}("
                         "'Voir A/1.')) ' de poursuivre ;') "
                         "para{operative [2.] level=1}('Prie :') "
                         "list{level=2}(item{[a)] level=2}(para{operative level=2}('un'))))");
    if (doc) {
        CHECK_STR(doc->lang, "fr");
        CHECK_STR(hx_meta_get(doc, "symbol"), "A/RES/3");
        CHECK_STR(hx_meta_get(doc, "akn-type"), "statement");
    }
    hx_doc_free(doc);

    size_t errors = diags.errors;
    doc = read_with("akn", put("bad.xml", "<akomaNtoso>\n<act><body><p>x</body></act>"));
    CHECK(doc == NULL);
    CHECK_INT(diags.errors, errors + 1);
}

/* A DOCX package of the given parts (name, data, …, NULL) at name. */
static const char *zip_parts(const char *name, const char *const *parts)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    CHECK(z != NULL);
    for (size_t i = 0; z && parts[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        CHECK(s && zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE) >= 0);
    }
    CHECK(z && zip_close(z) == 0);
    return path;
}

#define W_NS                                                                                       \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                    \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char content_types[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
static const char root_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char doc_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footnotes\" Target=\"footnotes.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/hyperlink\" Target=\"https://www.un.org/\" TargetMode=\"External\"/>"
    "</Relationships>";
static const char styles[] =
    "<?xml version=\"1.0\"?><w:styles " W_NS ">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/></w:style></w:styles>";
static const char numbering[] =
    "<?xml version=\"1.0\"?><w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%1)\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
static const char footnotes[] =
    "<?xml version=\"1.0\"?><w:footnotes " W_NS ">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
    "</w:footnote>"
    "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\">"
    " See A/2.</w:t></w:r></w:p></w:footnote></w:footnotes>";
static const char document[] =
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Plain </w:t></w:r>"
    "<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>"
    "<w:r><w:rPr><w:b/></w:rPr><w:t>er</w:t></w:r>"
    "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
    "<w:footnoteReference w:id=\"1\"/></w:r>"
    "<w:hyperlink r:id=\"rId4\"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
    "<w:r><w:t>item one</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
    "<w:r><w:t>item two</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/><w:lang w:bidi=\"ar-SA\"/></w:rPr>"
    "<w:t>نص</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/>"
    "</w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:sectPr/></w:body></w:document>";

static void test_docx(void)
{
    const char *const parts[] = {"[Content_Types].xml",
                                 content_types,
                                 "_rels/.rels",
                                 root_rels,
                                 "word/_rels/document.xml.rels",
                                 doc_rels,
                                 "word/styles.xml",
                                 styles,
                                 "word/numbering.xml",
                                 numbering,
                                 "word/footnotes.xml",
                                 footnotes,
                                 "word/document.xml",
                                 document,
                                 NULL};
    struct hx_doc *doc = read_with("docx", zip_parts("d.docx", parts));
    CHECK_STR(dump(doc), "heading{level=1}('Title') / "
                         "para('Plain ' strong('bolder') note{[1]}(para{note-body}('See A/2.')) "
                         "link<https://www.un.org/>('link')) / "
                         "para{[(a)]}('item one') / para{[(b)]}('item two') / "
                         "para{rtl}(span{rtl}('نص')) / "
                         "table(row{header}(cell{span=2x0}(para('wide'))) "
                         "row(cell(para('a')) cell(para('b'))))");
    if (doc) /* the language its runs were tagged with */
        CHECK_STR(doc->lang, "ar-SA");
    hx_doc_free(doc);

    /* no officeDocument relationship and no word/document.xml */
    const char *const empty[] = {"[Content_Types].xml", content_types, NULL};
    size_t errors = diags.errors;
    doc = read_with("docx", zip_parts("e.docx", empty));
    CHECK(doc == NULL);
    CHECK_INT(diags.errors, errors + 1);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror(dir);
        return 1;
    }
    test_xml();
    test_akn();
    test_docx();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    hx_diags_free(&diags);
    return check_done();
}
