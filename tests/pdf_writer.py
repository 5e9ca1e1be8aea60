#!/usr/bin/env python3
"""The PDF writer, by structure (never pixels): for the seed, a corpus
DOCX with tables and the six UDHR versions, the text pdftotext extracts
holds exactly the characters of the txt writer's output (markers "[n]"
printed as superscript n; page numbers and the running head removed),
every font is embedded and subset, qpdf --check passes, no glyph drawn is
.notdef (glyph id 0, read with mutool trace), no Chinese line starts or
ends with a forbidden punctuation mark, headings give outline entries and
note markers give links, and two runs give the same bytes.

Skips (exit 77) when poppler-utils, qpdf or mutool are missing, or the
writer is not built; the shared corpus parts skip when HX_SHARED is absent.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

HX = os.environ.get("HEXAGLOT", "build/hexaglot")
SRC = os.environ.get("HX_SOURCE", ".")
SHARED = os.environ.get("HX_SHARED", "../shared")
failures = 0

NO_START = "，。、；：？！）》」』”"
NO_END = "（《「『“"


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def body_text(pdf):
    """pdftotext without each page's number (its last line) and running
    head (the first line, when it is the same on every page but one)."""
    out = re.sub("[\u202a-\u202e]", "", run("pdftotext", "-enc", "UTF-8", pdf, "-").stdout)
    pages = [p.split("\n") for p in out.split("\f")]
    pages = [[l for l in p if l.strip()] for p in pages]
    pages = [p for p in pages if p]
    for p in pages:
        if p and re.fullmatch(r"\d+", p[-1].strip()):
            p.pop()
    heads = collections.Counter(p[0] for p in pages[1:] if p)
    if len(pages) > 2 and heads and heads.most_common(1)[0][1] == len(pages) - 1:
        head = heads.most_common(1)[0][0]
        for p in pages[1:]:
            if p and p[0] == head:
                p.pop(0)
        if pages[0] and pages[0][0] == head:
            pages[0].pop(0)
    return [l for p in pages for l in p]


def chars(s):
    s = re.sub("[\u202a-\u202e]", "", s)
    return collections.Counter(c for c in s if not c.isspace())


def check(name, src, zh=False):
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "out.pdf")
        r = run(HX, "convert", src, "-t", "pdf", "-o", pdf)
        if r.returncode != 0:
            fail("%s: convert -t pdf exit %d: %s" % (name, r.returncode, r.stderr))
            return
        txt = run(HX, "convert", src, "-t", "txt", "-o", "-").stdout
        txt = re.sub(r"\[([^\]\s]{1,4})\]", r"\1", txt)
        txt = txt.replace(" | ", " ")  # the txt writer's cell separator
        lines = body_text(pdf)
        got, want = chars("".join(lines)), chars(txt)
        if got != want:
            fail("%s: text differs: missing %s, extra %s" % (
                name, dict((want - got).most_common(8)), dict((got - want).most_common(8))))
        # Order: every extracted line is a stretch of the txt writer's text
        # (spaces normalised; without them for Chinese, whose lines break
        # between characters). Right-to-left lines count only when purely
        # right-to-left (Arabic letters and spaces): poppler orders digits,
        # Latin and even neutral punctuation in them by its own heuristic
        # (feasibility notes, Q2); their characters are still counted above.
        flat = " ".join(txt.split())
        if zh:
            flat = "".join(txt.split())
        for l in lines:
            line = "".join(l.split()) if zh else " ".join(l.split())
            rtl = re.search("[\u0590-\u08ff]", line)
            if rtl and re.search("[^\u0600-\u06ff ]|[\u060c\u061b\u061f\u066a-\u066d\u06d4]", line):
                continue
            if line not in flat:
                fail("%s: line not in the text in order: %s" % (name, line))
        fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
        if not fonts:
            fail("%s: no fonts" % name)
        for f in fonts:
            cols = f.split()
            if cols[-5:-3] != ["yes", "yes"] or not re.match(r"[A-Z]{6}\+", cols[0]):
                fail("%s: font not embedded and subset: %s" % (name, f))
        q = run("qpdf", "--check", pdf)
        if q.returncode != 0:
            fail("%s: qpdf --check: %s" % (name, q.stdout[-300:]))
        trace = run("mutool", "trace", pdf).stdout
        glyphs = re.findall(r'<g unicode="[^"]*" glyph="(\d+)"', trace)
        if not glyphs:
            fail("%s: mutool trace shows no glyphs" % name)
        if "0" in glyphs:
            fail("%s: %d .notdef glyphs drawn" % (name, glyphs.count("0")))
        if zh:
            for l in lines:
                if l[0] in NO_START or l[-1] in NO_END:
                    fail("%s: forbidden line start or end: %s" % (name, l))
        again = os.path.join(tmp, "again.pdf")
        run(HX, "convert", src, "-t", "pdf", "-o", again)
        if open(pdf, "rb").read() != open(again, "rb").read():
            fail("%s: two runs differ" % name)
        return pdf, trace


def objects(pdf, tmp):
    qdf = os.path.join(tmp, "q.pdf")
    run("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
    return open(qdf, "rb").read().decode("latin-1")


def main():
    for tool in ("pdftotext", "pdffonts", "qpdf", "mutool"):
        if not shutil.which(tool):
            print("SKIP: %s not installed" % tool)
            return 77
    if "pdf " not in run(HX, "stages").stdout:
        print("SKIP: the PDF writer is not built (no libharu)")
        return 77
    seed = os.path.join(SRC, "samples", "seed-zh.txt")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "seed.pdf")
        run(HX, "convert", seed, "-t", "pdf", "-o", pdf)
        q = objects(pdf, tmp)
        outline = run("mutool", "show", pdf, "outline").stdout.splitlines()
        heads = run(HX, "convert", seed, "-t", "xml", "-o", "-").stdout.count("<heading ")
        if len(outline) < heads or heads == 0:
            fail("seed: %d outline entries for %d headings" % (len(outline), heads))
        notes = len(re.findall(r"<note ", run(HX, "convert", seed, "-t", "xml", "-o", "-").stdout))
        links = len(re.findall(r"/Subtype /Link", q))
        if links < notes:
            fail("seed: %d links for %d notes" % (links, notes))
        if "/Lang (zh" not in q:
            fail("seed: no /Lang in the catalog")
        if os.path.getsize(pdf) > 300 * 1024:
            fail("seed: %d bytes, over 300 KB" % os.path.getsize(pdf))
    check("seed", seed, zh=True)
    # batch -t pdf: one valid PDF per input, as convert writes it.
    with tempfile.TemporaryDirectory() as tmp:
        md = os.path.join(SRC, "samples", "markup-en.txt")
        r = run(HX, "batch", seed, md, "-t", "pdf", "-o", tmp, "-j", "2")
        if r.returncode not in (0, 1):
            fail("batch -t pdf: exit %d: %s" % (r.returncode, r.stderr[-300:]))
        for name in ("seed-zh.pdf", "markup-en.pdf"):
            p = os.path.join(tmp, name)
            if not os.path.exists(p) or run("qpdf", "--check", p).returncode != 0:
                fail("batch -t pdf: %s missing or invalid" % name)
        one = os.path.join(tmp, "one.pdf")
        run(HX, "convert", seed, "-t", "pdf", "-o", one)
        if os.path.exists(one) and open(one, "rb").read() != open(
                os.path.join(tmp, "seed-zh.pdf"), "rb").read():
            fail("batch -t pdf and convert -t pdf differ on the seed")
    if not os.path.isdir(SHARED):
        print("SKIP: %s absent: corpus documents not checked" % SHARED)
    else:
        for lang in ("arb", "cmn_hans", "eng", "fra", "rus", "spa"):
            check("udhr-" + lang, os.path.join(SHARED, "corpus", "udhr", "udhr--%s.html" % lang),
                  zh=lang == "cmn_hans")
        check("docx-tables", os.path.join(SHARED, "corpus", "docx", "openxml-sdk--TableFntEdnt.docx"))
    print("%d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
