#!/usr/bin/env python3
"""Word automatic numbering, notes, tracked changes and run content, on
DOCX files built from the fixtures in tests/docx/*.txt (see docx_build.py
for their syntax).

Each fixture's `=== expect` section lists, for every paragraph of the body
in order, the label Word displays, a TAB and the paragraph's text ("-" when
it has no label); a line break shows as <br>, a footnote reference as
[^MARK] in the text, and its note follows as a line `  note MARK<TAB>text`. The paragraphs come from the
reader alone (`--chain 'docx | xml'`, with the reader options of an
`=== options` section). `-v` prints what was read."""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import docx_build  # noqa: E402

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(HERE)
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
FIXTURES = os.path.join(SRC, "tests", "docx")


def inline_text(el, notes):
    out = []
    for c in el:
        if c.tag == "note":
            out.append("[^%s]" % (c.get("label") or ""))
            notes.append(c)
            continue
        if c.tag == "text":
            out.append(c.text or "")
        elif c.tag == "break":
            out.append("<br>")
        out.append(inline_text(c, notes))
    return "".join(out)


def lines_of(el, out, indent=""):
    for c in el:
        if c.tag in ("para", "heading"):
            notes = []
            text = inline_text(c, notes)
            out.append("%s%s\t%s" % (indent, c.get("label") or "-", text))
            for n in notes:
                body = " / ".join(inline_text(p, []) for p in n if p.tag in ("para", "heading"))
                out.append("  note %s\t%s" % (n.get("label") or "", body))
        else:
            lines_of(c, out, indent)


def main():
    failures = 0
    names = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
                text = f.read()
            path = os.path.join(tmp, name[:-4] + ".docx")
            want = docx_build.build(text, path)
            opts = docx_build.parse_sections(text).get("options", [])
            reader = "docx:" + ",".join(o.strip() for o in opts) if opts else "docx"
            p = subprocess.run([EXE, "convert", path, "--chain", reader + " | xml", "-o", "-"],
                               capture_output=True, timeout=60)
            if p.returncode != 0:
                print("FAIL %s: exit %d: %s" % (name, p.returncode, p.stderr.decode()[:300]))
                failures += 1
                continue
            got = []
            lines_of(ET.fromstring(p.stdout).find("doc"), got)
            if "-v" in sys.argv:
                print("== %s\n%s" % (name, "\n".join(got)))
            if got != want:
                failures += 1
                print("FAIL %s:" % name)
                for i in range(max(len(got), len(want))):
                    g = got[i] if i < len(got) else "(none)"
                    w = want[i] if i < len(want) else "(none)"
                    print("  %s got  %r\n  %s want %r" % ("  " if g == w else "!!", g, "  " if g == w else "!!", w))
    print("%d numbering fixtures, %d failed" % (len(names), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
