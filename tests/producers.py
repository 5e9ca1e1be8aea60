#!/usr/bin/env python3
"""The six-language report (tests/struct6/*.txt) saved as DOCX by other
producers must key like its plain text: the same `-t txt:ids` key sequence,
the same footnote lines in full, and `align --check` over mixes of plain
text and DOCX from different producers (every producer in one at least)
reports nothing. `--keep DIR` leaves the files it makes in DIR.

Producers:
  * pandoc, from a markdown rendering (footnotes as `[^n]`, numbered in one
    run through the document as pandoc does): "lists", where numbered
    paragraphs and sub-items are markdown ordered lists (pandoc turns them
    into Word numbering, a list instance each; a number that does not go
    on from the item before ends the list, or pandoc would renumber it),
    "literal", where the numbers are typed text, and "headings", lists
    with the headings as `#`/`##` (which blocks are headings: the keys of
    the plain text);
  * LibreOffice (`soffice --headless --convert-to docx`) from pandoc's ODT
    of the three renderings (its Heading styles carry an outline list that
    shows nothing), and from an HTML rendering with LibreOffice's own
    footnote anchors (sdfootnote);
  * a generator here writing what Word 2019 saves: the numbered paragraphs
    carry only a paragraph style, whose numPr points at a list that is
    linked to a numbering style (numStyleLink -> styleLink), Arabic
    paragraphs numbered "1 - " and sub-items "(أ)" (arabicAbjad), a part
    restarting (or body.7 going on after the resolutions) by a
    startOverride instance, footnote references with custom marks
    (customMarkFollows, the mark typed after it and again at the start of
    the note, "(1)" in Arabic) numbered again in each part; three times:
    headings as plain paragraphs ("word"), as Heading 1/2 whose outline
    list shows nothing (numFmt none) above typed numbers ("word-heads-
    none"), and numbered by Word from the heading styles ("I.", "A.",
    "一."; other headings numId 0, Arabic typed: "word-heads-auto").

pandoc missing: exit 77 with a message (its part is the core); soffice
missing: the LibreOffice producers are skipped with a message."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from docx_build import NS, esc  # noqa: E402

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(HERE)
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
DIR = os.path.join(SRC, "tests", "struct6")
LANGS = ["zh", "en", "fr", "es", "ru", "ar"]
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARK = re.compile(r"\(([%s]+)\)|([%s]+)" % (SUP, SUP))
NOTE = re.compile(r"^([%s]+) (.*)$" % SUP)
NUM = re.compile(r"^(\d+)(\.| -) (.*)$")
SUB = re.compile(r"^(\(([a-z]|[\u0621-\u064a])\)|([a-z])\)) (.*)$")

bad = 0


def fail(msg):
    global bad
    bad += 1
    print("FAIL: " + msg)


def sup_value(s):
    return int("".join(str(SUP.index(c)) for c in s))


def blocks(lang):
    """The report as a list of (kind, fields): ("p", text), ("num", value,
    sep, text), ("sub", marker, letter, text), ("note", value, text), text
    keeping its footnote markers."""
    with open(os.path.join(DIR, lang + ".txt"), encoding="utf-8") as f:
        paras = [b.strip() for b in f.read().split("\n\n") if b.strip()]
    out = []
    for s in paras:
        m = NOTE.match(s)
        if m:
            out.append(("note", sup_value(m.group(1)), m.group(2)))
            continue
        m = NUM.match(s)
        if m:
            out.append(("num", int(m.group(1)), m.group(2), m.group(3)))
            continue
        m = SUB.match(s)
        if m:
            out.append(("sub", m.group(1), m.group(2) or m.group(3), m.group(4)))
            continue
        out.append(("p", s))
    return out


def text_keys(lang):
    """The keys the plain text gives its blocks other than note texts, in
    order: which blocks are headings, from the reader of the original."""
    p = subprocess.run([EXE, "convert", os.path.join(DIR, lang + ".txt"), "-t", "txt:ids",
                        "-o", "-"], capture_output=True, timeout=120)
    keys = [b.split("\t", 1)[0] for b in p.stdout.decode("utf-8").split("\n") if b.strip()]
    return [k for k in keys if not k.startswith("fn.")]


def heading_level(key):
    """1 for "head.body.2", 2 for "head.body.2.a", 0 for no heading."""
    if not key.startswith("head."):
        return 0
    return 2 if re.match(r"head\.body\.\d+\.[a-z]$", key) else 1


def note_texts(bl):
    """Each marker's note text, in reference order: markers and note texts
    pair in each part (the texts follow the paragraphs that refer to them)."""
    texts, pending = [], []
    for b in bl:
        if b[0] == "note":
            texts.append(b[2])
        text = b[-1] if b[0] != "note" else ""
        pending += [m for m in MARK.finditer(text)]
    if len(texts) != len(pending):
        raise SystemExit("test data: %d markers, %d note texts" % (len(pending), len(texts)))
    return texts


# --- markdown for pandoc --------------------------------------------------

def md_text(s, ctr):
    """Markdown of a paragraph's text; its footnote markers become pandoc
    references numbered through the document (ctr)."""
    def ref(m):
        ctr[0] += 1
        return "[^%d]" % ctr[0]
    s = s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    s = MARK.sub(ref, s)
    # a leading "I. ", "A. ", "1. ", "(a) ", "a) " would start a list
    m = re.match(r"^(\(?\w{1,5})([.)]) ", s)
    return s[:m.end(1)] + "\\" + s[m.end(1):] if m else s


def markdown(lang, lists, headings=False):
    bl = blocks(lang)
    notes = note_texts(bl)
    keys = iter(text_keys(lang))
    ctr, out, last = [0], [], 0
    for b in bl:
        if b[0] == "note":
            continue
        level = heading_level(next(keys, ""))
        if headings and level and b[0] == "p":
            out.append("#" * level + " " + md_text(b[1], ctr))
        elif b[0] == "num" and lists:
            if last and b[1] != last + 1:
                # ends the list before: pandoc would number this item on
                # from it, whatever number it is given
                out.append("<!-- -->")
            last = b[1]
            out.append("%d. %s" % (b[1], md_text(b[3], ctr)))
        elif b[0] == "sub" and lists and b[2].isascii():
            # nested under the numbered item before it
            out.append("    %s %s" % (b[1], md_text(b[3], ctr)))
        elif b[0] == "num":
            out.append(md_text("%d%s %s" % (b[1], b[2], b[3]), ctr))
        elif b[0] == "sub":
            out.append(md_text("%s %s" % (b[1], b[3]), ctr))
        else:
            out.append(md_text(b[1], ctr))
    for i, t in enumerate(notes, 1):
        out.append("[^%d]: %s" % (i, md_text(t, [0])))
    return "\n\n".join(out) + "\n"


# --- HTML for LibreOffice -------------------------------------------------

def html(lang, lists=False):
    """HTML for LibreOffice's import: notes as its own sdfootnote anchors;
    with lists, each numbered paragraph an <ol start=N>, the rest typed
    (an <ol type=a> would print "a.", which no reader takes for a
    sub-item, in the text as in DOCX)."""
    bl = blocks(lang)
    notes = note_texts(bl)
    n, body = [0], []

    def inline(s):
        def ref(m):
            n[0] += 1
            return ('<a class="sdfootnoteanc" name="sdfootnote%danc" href="#sdfootnote%dsym">'
                    '<sup>%d</sup></a>' % (n[0], n[0], n[0]))
        parts, pos = [], 0
        for m in MARK.finditer(s):
            parts.append(fmt(s[pos:m.start()]))
            parts.append(ref(m))
            pos = m.end()
        parts.append(fmt(s[pos:]))
        return "".join(parts)

    def fmt(s):
        s = esc(s)
        s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
        return re.sub(r"\*(.+?)\*", r"<i>\1</i>", s)

    for b in bl:
        if b[0] == "note":
            continue
        if lists and b[0] == "num":
            body.append('<ol start="%d"><li>%s</li></ol>' % (b[1], inline(b[3])))
            continue
        lead = {"num": lambda: "%d%s " % (b[1], b[2]), "sub": lambda: b[1] + " "}.get(b[0], lambda: "")()
        body.append("<p>%s%s</p>" % (esc(lead), inline(b[-1])))
    for i, t in enumerate(notes, 1):
        body.append('<div id="sdfootnote%d"><p><a class="sdfootnotesym" name="sdfootnote%dsym" '
                    'href="#sdfootnote%danc">%d</a>%s</p></div>' % (i, i, i, i, fmt(t)))
    d = ' dir="rtl"' if lang == "ar" else ""
    return ('<!DOCTYPE html>\n<html lang="%s"%s><head><meta charset="utf-8"><title>%s</title>'
            "</head><body>\n%s\n</body></html>\n" % (lang, d, lang, "\n".join(body)))


# --- the Word-2019-like generator -----------------------------------------

def word_runs(s, lang, refs):
    """Runs of a paragraph; each footnote marker a reference with a custom
    mark typed after it, its note id taken from refs."""
    out, pos = [], 0

    def plain(t):
        out_ = []
        for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*|([^*]+|\*)", t):
            if m.group(1):
                out_.append('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % esc(m.group(1)))
            elif m.group(2):
                out_.append('<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % esc(m.group(2)))
            else:
                out_.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(m.group(3)))
        return "".join(out_)

    for m in MARK.finditer(s):
        out.append(plain(s[pos:m.start()]))
        nid, mark = refs.pop(0)
        out.append('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                   '<w:footnoteReference w:customMarkFollows="1" w:id="%d"/>'
                   '<w:t>%s</w:t></w:r>' % (nid, esc(mark)))
        pos = m.end()
    out.append(plain(s[pos:]))
    return "".join(out)


HEAD_FMT = {"zh": "chineseCounting"}


def make_word(lang, path, heads=None):
    """Writes the Word-2019-like DOCX. heads: None, headings are plain
    paragraphs; "none", Heading 1/2 styles linked to an outline list that
    shows nothing (numFmt none, lvlText "%1", as LibreOffice saves its
    outline numbering), the numbers typed; "auto", the section headings
    numbered by Word from their style ("I.", "A.", "一."), the other
    headings taking numId 0 (numbering off), Arabic as "none"."""
    bl = blocks(lang)
    keys = iter(text_keys(lang))
    ar = lang == "ar"
    marks, nid = [], 2
    for b in bl:
        if b[0] != "note":
            for m in MARK.finditer(b[-1]):
                v = sup_value(m.group(1) or m.group(2))
                marks.append((nid, "(%d)" % v if ar else str(v)))
                nid += 1
    texts = note_texts(bl)
    refs = list(marks)
    body, insts, cur, nxt = [], [], None, 0
    # the first run of numbers is the paragraph style's own list (10); a
    # number that does not go on from the one before starts an instance
    # with a startOverride, as Word's "Restart at 1" and "Set numbering
    # value" make: instances of one list share its counters, so body.7
    # after the resolutions needs one of its own
    for b in bl:
        if b[0] == "note":
            continue
        ppr = ""
        if b[0] == "num":
            if cur is None or b[1] != nxt:
                cur = 10 + len(insts)
                insts.append((cur, b[1]))
            nxt = b[1] + 1
            ppr = '<w:pStyle w:val="ParaNum"/>'
            if cur != 10:
                ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>' % cur
        elif b[0] == "sub":
            ppr = ('<w:pStyle w:val="ParaSub"/><w:numPr><w:ilvl w:val="1"/>'
                   '<w:numId w:val="%d"/></w:numPr>' % cur)
        text = b[-1]
        level = heading_level(next(keys, ""))
        if heads and level and b[0] == "p":
            ppr = '<w:pStyle w:val="Heading%d"/>' % level
            m = re.match(r"(\S+)\. (.*)$", text)
            typed = re.match(r"head\.body\.", "head.body." if m else "")
            if heads == "auto" and not ar and m and typed:
                text = m.group(2)
            elif heads == "auto" and not ar:
                ppr += '<w:numPr><w:numId w:val="0"/></w:numPr>'
        if ar:
            ppr += "<w:bidi/>"
        body.append("<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "",
                                         word_runs(text, lang, refs)))
    # a section break where the notes count from 1 again (Word restarts
    # footnote numbers per section)
    sect = ('<w:sectPr><w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
            '%s<w:pgSz w:w="12240" w:h="15840"/></w:sectPr>')
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document %s><w:body>%s%s</w:body></w:document>'
           % (NS, "\n".join(body), sect % ""))
    lvl0 = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:pStyle w:val="ParaNum"/><w:lvlText w:val="%s"/>'
            '<w:lvlJc w:val="left"/></w:lvl>' % ("%1 -" if ar else "%1."))
    lvl0 = lvl0.replace("<w:lvlJc", '<w:suff w:val="space"/><w:lvlJc') if ar else lvl0
    sub_fmt = "arabicAbjad" if ar else "lowerLetter"
    sub_txt = "(%2)" if lang in ("ar", "en", "zh") else "%2)"
    lvl1 = ('<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="%s"/>'
            '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/></w:lvl>' % (sub_fmt, sub_txt))
    numbering = ['<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
                 '<w:numStyleLink w:val="UNParas"/></w:abstractNum>',
                 '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
                 '<w:styleLink w:val="UNParas"/>%s%s</w:abstractNum>' % (lvl0, lvl1),
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>']
    for n, start in insts:
        over = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride>' % start
                if n != 10 else "")
        numbering.append('<w:num w:numId="%d"><w:abstractNumId w:val="0"/>%s</w:num>' % (n, over))
    # the headings' outline list
    if heads == "auto" and not ar:
        hl = [(HEAD_FMT.get(lang, "upperRoman"), "%1."), ("upperLetter", "%2.")]
    else:
        hl = [("none", "%1"), ("none", "%2")]
    numbering.insert(2, '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>%s'
                     '</w:abstractNum>' % "".join(
                         '<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:pStyle w:val="Heading%d"/>'
                         '<w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>'
                         '</w:lvl>' % (i, i + 1, f, t) for i, (f, t) in enumerate(hl)))
    numbering.append('<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    num_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering %s>%s'
               "</w:numbering>" % (NS, "\n".join(numbering)))
    st = ['<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
          '<w:style w:type="numbering" w:customStyle="1" w:styleId="UNParas"><w:name w:val="UN paras"/>'
          '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>',
          '<w:style w:type="paragraph" w:customStyle="1" w:styleId="ParaNum"><w:name w:val="Para num"/>'
          '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="10"/></w:numPr></w:pPr></w:style>',
          '<w:style w:type="paragraph" w:customStyle="1" w:styleId="ParaSub"><w:name w:val="Para sub"/>'
          '<w:basedOn w:val="Normal"/></w:style>',
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
          '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:numPr>'
          '<w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>',
          '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
          '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:numPr>'
          '<w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>'
          '<w:rPr><w:i/></w:rPr></w:style>',
          '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
          '<w:basedOn w:val="Normal"/></w:style>',
          '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
          '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>']
    styles_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles %s>%s</w:styles>'
                  % (NS, "".join(st)))
    fns = ['<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/>'
           '</w:r></w:p></w:footnote>']
    for (i, mark), t in zip(marks, texts):
        fns.append('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>%s</w:pPr>'
                   '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>%s</w:t></w:r>'
                   '<w:r><w:tab/></w:r>%s</w:p></w:footnote>'
                   % (i, "<w:bidi/>" if ar else "", esc(mark), word_runs(t, lang, [])))
    fn_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes %s>%s</w:footnotes>'
              % (NS, "".join(fns)))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.numbering+xml"/>'
          '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>'
            '</Relationships>' % rel)
    drels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="%sstyles" Target="styles.xml"/>'
             '<Relationship Id="rId2" Type="%snumbering" Target="numbering.xml"/>'
             '<Relationship Id="rId3" Type="%sfootnotes" Target="footnotes.xml"/>'
             '</Relationships>' % (rel, rel, rel))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", drels)
        z.writestr("word/document.xml", doc)
        z.writestr("word/styles.xml", styles_xml)
        z.writestr("word/numbering.xml", num_xml)
        z.writestr("word/footnotes.xml", fn_xml)


# --- checks -----------------------------------------------------------------

def ids(path):
    p = subprocess.run([EXE, "convert", path, "-t", "txt:ids", "-o", "-"],
                       capture_output=True, timeout=120)
    if p.returncode != 0 or p.stderr:
        fail("%s: exit %d: %s" % (os.path.basename(path), p.returncode,
                                  p.stderr.decode("utf-8", "replace")[:600]))
    lines = [b for b in p.stdout.decode("utf-8").split("\n") if b.strip()]
    return [tuple(b.split("\t", 1)) if "\t" in b else (b, "") for b in lines]


def compare(name, want, got):
    wk = [k for k, _ in want]
    gk = [k for k, _ in got]
    if wk != gk:
        import difflib
        fail("%s: the keys differ from the plain text:\n%s" % (name, "\n".join(
            "  " + d for d in difflib.unified_diff(wk, gk, "txt", name, lineterm="", n=1))))
    wn = [b for b in want if b[0].startswith("fn.")]
    gn = [b for b in got if b[0].startswith("fn.")]
    if wn != gn:
        fail("%s: the footnotes differ:\n%s" % (name, "\n".join(
            "  txt:  %r\n  docx: %r" % (a, b) for a, b in zip(wn, gn) if a != b)
            + ("\n  %d footnotes in the text, %d in the DOCX" % (len(wn), len(gn))
               if len(wn) != len(gn) else "")))
    return len(wk), len(wn)


def soffice_convert(tmp, srcs):
    """Converts srcs to DOCX in one LibreOffice run, with a profile of its
    own so that a user's running LibreOffice is not disturbed."""
    out = os.path.join(tmp, "lo")
    os.makedirs(out, exist_ok=True)
    prof = "file://" + os.path.join(tmp, "lo-profile")
    p = subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", out] + srcs,
                       capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        fail("soffice: exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[:400]))
    return out


def main():
    if not shutil.which("pandoc"):
        print("skip: pandoc is not installed (Debian package pandoc)")
        return 77
    soffice = shutil.which("soffice")
    made = {}   # (producer, lang) -> docx path
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        if keep:
            # `--keep DIR`: the inputs and DOCX are left in DIR to look at
            tmp = keep
            os.makedirs(tmp, exist_ok=True)
        lo_srcs = []
        for lang in LANGS:
            for variant in ("lists", "literal", "headings"):
                md = os.path.join(tmp, "%s-%s.md" % (lang, variant))
                with open(md, "w", encoding="utf-8") as f:
                    f.write(markdown(lang, variant != "literal", variant == "headings"))
                out = os.path.join(tmp, "%s-pandoc-%s.docx" % (lang, variant))
                p = subprocess.run(["pandoc", "-f", "markdown", md, "-o", out],
                                   capture_output=True, timeout=120)
                if p.returncode != 0:
                    fail("pandoc %s: %s" % (md, p.stderr.decode()[:400]))
                    continue
                made[("pandoc-" + variant, lang)] = out
                if soffice:
                    odt = os.path.join(tmp, "%s-odt-%s.odt" % (lang, variant))
                    p = subprocess.run(["pandoc", "-f", "markdown", md, "-o", odt],
                                       capture_output=True, timeout=120)
                    if p.returncode == 0:
                        lo_srcs.append(odt)
                    else:
                        fail("pandoc %s: %s" % (odt, p.stderr.decode()[:400]))
            for lists in (False, True):
                if soffice:
                    h = os.path.join(tmp, "%s-html%s.html" % (lang, "-lists" if lists else ""))
                    with open(h, "w", encoding="utf-8") as f:
                        f.write(html(lang, lists))
                    lo_srcs.append(h)
            for heads in (None, "none", "auto"):
                name = "word" + ("-heads-" + heads if heads else "")
                out = os.path.join(tmp, "%s-%s.docx" % (lang, name))
                make_word(lang, out, heads)
                made[(name, lang)] = out
                if soffice:
                    # the Word document opened in LibreOffice and saved
                    lo_srcs.append(out)
        if soffice:
            lo = soffice_convert(tmp, lo_srcs)
            for src in lo_srcs:
                base = os.path.splitext(os.path.basename(src))[0]
                lang, kind = base.split("-", 1)
                path = os.path.join(lo, base + ".docx")
                if os.path.exists(path):
                    made[("lo-" + kind, lang)] = path
                else:
                    fail("soffice made no %s" % path)
        else:
            print("skip: soffice is not installed: the LibreOffice producers are not checked")
        keys = notes = 0
        for (prod, lang), path in sorted(made.items()):
            a, b = compare("%s.docx (%s)" % (lang, prod), ids(os.path.join(DIR, lang + ".txt")),
                           ids(path))
            keys += a
            notes += b
        # mixed formats and producers: every producer (and the text) in
        # at least one alignment, each language from another one
        prods = sorted({p for p, _ in made})
        nrot = (len(prods) + len(LANGS)) // len(LANGS)
        for rot in range(nrot):
            files = []
            for i, lang in enumerate(LANGS):
                k = (i + rot * len(LANGS)) % (len(prods) + 1)
                files.append(os.path.join(DIR, lang + ".txt") if k == len(prods)
                             else made[(prods[k], lang)])
            p = subprocess.run([EXE, "align"] + files + ["-o", os.path.join(tmp, "a.tsv"),
                                                         "--check"],
                               capture_output=True, timeout=300)
            if p.returncode != 0 or p.stderr:
                fail("align --check %s: exit %d:\n%s" % (
                    " ".join(os.path.basename(f) for f in files), p.returncode,
                    p.stderr.decode("utf-8", "replace")[:3000]))
    print("%d DOCX from %d producers: %d keys and %d footnote lines compared; %d mixed alignments"
          % (len(made), len(set(p for p, _ in made)), keys, notes, nrot))
    if bad:
        print("%d failures" % bad)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
