#!/usr/bin/env python3
"""Positions of diagnostics on DOCX files.

Word writes word/document.xml on two lines, so the XML line says nothing;
a block's position is the ordinal of its w:p in its part (README,
"Diagnostics"). Checked on a DOCX built here with its parts laid out as
Word writes them:

  * structure's and the reader's warnings give the paragraph's ordinal in
    word/document.xml, paragraphs of a table's cells counted;
  * a warning on a footnote's paragraph names word/footnotes.xml and counts
    there (its separators' paragraphs too);
  * a malformed part still gives the XML line of the error;
  * in the model (`docx | xml`), every paragraph's line and part lead to
    the w:p holding its text, counted here with the standard library.

With HX_SHARED, the same model check on the WGIG background report of the
DOCX corpus, and its structure warnings all at different paragraphs; that
part is skipped with a message when the corpus is absent."""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import docx_build  # noqa: E402

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(HERE)
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
WGIG = os.path.join(SHARED, "corpus", "docx", "openxml-sdk--WGIG_BackgroundReport.docx")

FIXTURE = """\
=== document
p | 1. 第一段。
p | 2. 第二段[^1]。
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p><w:p><w:r><w:t>表中</w:t></w:r><w:r><w:footnoteReference w:id="8"/></w:r></w:p></w:tc></w:tr></w:tbl>
p | 1. 重复的编号。
p | 3. 没有定义的脚注[^9]。
=== footnotes
fn 1 | 见A/76/25,第3段。
"""

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def word_layout(path):
    """Rewrites every XML part as Word does: the declaration, then the
    rest on one line."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename.endswith(".xml"):
                head, _, rest = data.partition(b"\n")
                data = head + b"\n" + rest.replace(b"\n", b"")
            z.writestr(info.filename, data)


def is_w(tag, local):
    return tag.endswith("}" + local) and "wordprocessingml" in tag


def part_paragraphs(z, part):
    """The text of each w:p of a part, in document order."""
    names = {n.lower(): n for n in z.namelist()}
    root = ET.fromstring(z.read(names[part.lower()]))
    return ["".join(t.text or "" for t in p.iter() if is_w(t.tag, "t"))
            for p in root.iter() if is_w(p.tag, "p")]


def model_text(el):
    out = []
    for c in el:
        if c.tag == "note":
            continue
        if c.tag == "text":
            out.append(c.text or "")
        out.append(model_text(c))
    return "".join(out)


def check_model(path, name, allowed_misses=0):
    """Every paragraph's line and where lead to its w:p: its text (spaces
    aside, the first 12 characters) is in that w:p's text."""
    p = subprocess.run([EXE, "convert", path, "--chain", "docx | xml", "-o", "-"],
                       capture_output=True, timeout=120)
    if p.returncode != 0:
        fail("%s: docx | xml exit %d: %s" % (name, p.returncode, p.stderr[:300]))
        return
    model = ET.fromstring(p.stdout)
    cache, blocks, misses = {}, 0, []
    with zipfile.ZipFile(path) as z:
        for el in model.iter():
            if el.tag not in ("para", "heading"):
                continue
            where, line = el.get("where"), int(el.get("line") or 0)
            if not where or not line:
                fail("%s: a %s without a position: %s" % (name, el.tag, el.attrib))
                continue
            if where not in cache:
                cache[where] = part_paragraphs(z, where)
            paras = cache[where]
            blocks += 1
            want = re.sub(r"\s+", "", model_text(el))[:12]
            if not 1 <= line <= len(paras):
                fail("%s: %s line %d outside 1..%d" % (name, where, line, len(paras)))
            elif want not in re.sub(r"\s+", "", paras[line - 1]):
                misses.append("%s:%d %r not in %r" % (where, line, want, paras[line - 1][:60]))
    if len(misses) > allowed_misses or not blocks:
        fail("%s: %d blocks, %d not at their w:p: %s" % (name, blocks, len(misses), misses[:5]))
    print("%s: %d blocks at their w:p (%d of them differing in text)" % (name, blocks, len(misses)))


def diagnostics(path, chain):
    p = subprocess.run([EXE, "convert", path, "--chain", chain, "-o", "-"],
                       capture_output=True, text=True, timeout=120)
    folder = os.path.dirname(path) + os.sep
    return p.returncode, [l[len(folder):] if l.startswith(folder) else l
                          for l in p.stderr.splitlines()]


def expect_lines(name, got, wanted):
    for w in wanted:
        if not any(g.startswith(w) for g in got):
            fail("%s: no line starting %r in %s" % (name, w, got))
    if len(got) != len(wanted):
        fail("%s: %d lines, %d expected: %s" % (name, len(got), len(wanted), got))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "pos.docx")
        docx_build.build(FIXTURE, path)
        word_layout(path)
        with zipfile.ZipFile(path) as z:
            if z.read("word/document.xml").count(b"\n") != 1:
                raise SystemExit("FAIL: the built document.xml is not on two lines")
        # w:p of word/document.xml: 1, 2, the cell's 3 and 4, 5, 6;
        # word/footnotes.xml: two separators, then note 1 at 3.
        rc, got = diagnostics(path, "docx | structure | notes | qa | txt")
        expect_lines("fixture", got, [
            "pos.docx:3: warning: qa: fn.body.1: word/footnotes.xml: half-width punctuation in Chinese text (zh-norm rule comma)",
            "pos.docx:4: warning: docx: footnote 8 is referenced but not defined",
            "pos.docx:5: warning: structure: body: paragraph number 1 used twice",
            "pos.docx:6: warning: docx: footnote 9 is referenced but not defined",
            "pos.docx:6: warning: structure: body: paragraph 3 follows paragraph 1",
        ])
        print("fixture: %d diagnostics, exit %d" % (len(got), rc))
        check_model(path, "fixture")

        # A malformed part: the XML line of the error, not a paragraph.
        bad = os.path.join(tmp, "bad.docx")
        with zipfile.ZipFile(path) as z, zipfile.ZipFile(bad, "w") as out:
            for info in z.infolist():
                data = z.read(info.filename)
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:body>", b"<w:body>\n\n\n<w:p><w:r></w:p>", 1)
                out.writestr(info.filename, data)
        rc, got = diagnostics(bad, "docx | txt")
        expect_lines("malformed", got, ["bad.docx:5: error: docx: word/document.xml: malformed XML"])
        if rc != 1:
            fail("malformed: exit %d" % rc)

    if not os.path.isfile(WGIG):
        print("WGIG part skipped: %s absent" % WGIG)
    else:
        check_model(WGIG, "WGIG")
        rc, got = diagnostics(WGIG, "docx | structure | txt")
        lines = [int(m.group(1)) for m in (re.match(r"[^:]+:(\d+): warning: structure:", g)
                                           for g in got) if m]
        # two warnings a paragraph at most ("used twice", "follows")
        if len(lines) < 10 or max(lines.count(n) for n in lines) > 2 or min(lines) < 10:
            fail("WGIG: structure warnings at %s" % lines)
        print("WGIG: %d structure warnings at %d paragraphs" % (len(lines), len(set(lines))))
    if failures:
        print("%d failures" % failures)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
