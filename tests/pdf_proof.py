#!/usr/bin/env python3
"""The reviser's proof (`hexaglot align A B [C] -o PROOF.pdf`), by
structure: for a Chinese-English pair with planted differences, a
Chinese-English-French triple of tests/align and three UDHR versions with
Arabic, qpdf --check passes, every font is embedded and subset, the page
is landscape from three versions on, pdftotext -layout shows each row's
key, in the TSV's order, with the start of its versions' texts (or the
TSV's "↑" for a merged cell) on one line in column order, and every
flagged row of the TSV report appears on page 1 with a link whose
destination page holds that row. Two runs give the same bytes.

Skips (77) without poppler-utils, qpdf or mutool, or without the PDF
writer; the UDHR part skips without HX_SHARED.
"""
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
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def page_objects(pdf):
    out = run("mutool", "show", pdf, "pages").stdout
    return {m.group(2): int(m.group(1)) for m in re.finditer(r"page (\d+) = (\d+) 0 R", out)}


def check(name, inputs, tmp, landscape):
    pdf = os.path.join(tmp, name + ".pdf")
    tsv = os.path.join(tmp, name + ".tsv")
    r = run(HX, "align", *inputs, "-o", pdf)
    if r.returncode != 0 or not os.path.exists(pdf):
        fail("%s: align -o .pdf exit %d: %s" % (name, r.returncode, r.stderr[-300:]))
        return
    run(HX, "align", *inputs, "-o", tsv)
    again = os.path.join(tmp, name + "-again.pdf")
    run(HX, "align", *inputs, "-o", again)
    if open(pdf, "rb").read() != open(again, "rb").read():
        fail("%s: two runs differ" % name)
    if run("qpdf", "--check", pdf).returncode != 0:
        fail("%s: qpdf --check fails" % name)
    for f in run("pdffonts", pdf).stdout.splitlines()[2:]:
        cols = f.split()
        if cols[-5:-3] != ["yes", "yes"] or not re.match(r"[A-Z]{6}\+", cols[0]):
            fail("%s: font not embedded and subset: %s" % (name, f))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", pdf).stdout)
    if (float(size.group(1)) > float(size.group(2))) != landscape:
        fail("%s: orientation: %s" % (name, size.group(0)))
    # The rows, after the flag list of page 1.
    layout = "\f".join(run("pdftotext", "-layout", pdf, "-").stdout.split("\f")[1:])
    rows = [l.split("\t") for l in open(tsv, encoding="utf-8").read().splitlines()]
    head, rows = rows[0], rows[1:]
    ncols = len(inputs)
    # Side by side: a row's key line carries each version's first word (a
    # merged cell's "↑" included). Keys need not be unique (a row the
    # original lacks takes another version's key), so rows are found in
    # order, each after the one before.
    lines = layout.splitlines()
    at = 0
    checked = 0
    for row in rows:
        key, texts = row[0], row[2:2 + ncols]
        if len(key) < 4:
            continue
        found = next((i for i in range(at, len(lines)) if lines[i].startswith(key + " ")), None)
        if found is None:
            fail("%s: row %s not found at a line start after the row before" % (name, key))
            continue
        line, at = lines[found], found + 1
        col = len(key)  # left to right, each column after the one before
        for t in texts:
            if not t.strip():
                continue  # missing here: a shaded cell
            first = t.split()[0][:3].translate(SUPERSCRIPTS)
            if re.search("[\u0600-\u06ff]", first):
                # Right to left: poppler's order, not ours; but there.
                if not re.search("[\u0600-\u06ff]", line):
                    fail("%s: row %s: no Arabic beside its key: %s" % (name, key, line))
                continue
            pos = line.find(first, col)
            if pos < 0:
                fail("%s: row %s: %r not beside its key in its column: %s"
                     % (name, key, first, line))
                continue
            col = pos + len(first)
        checked += 1
    if checked < 5:
        fail("%s: only %d rows checked side by side" % (name, checked))
    # Every flag on page 1, each with a link to its row's page.
    flagged = [r[0] for r in rows if r[-1].strip()]
    first = run("pdftotext", "-f", "1", "-l", "1", pdf, "-").stdout
    pages = page_objects(pdf)
    annots = run("mutool", "show", pdf, "%d/Annots" % min(pages and [int(k) for k in pages])).stdout
    links = re.findall(r"(\d+) 0 R", annots)
    for key in flagged:
        if key not in first:
            fail("%s: flagged row %s not listed on page 1" % (name, key))
    if len(links) != len(flagged):
        fail("%s: %d links on page 1 for %d flagged rows" % (name, len(links), len(flagged)))
    for key, obj in zip(flagged, links):
        annot = run("mutool", "show", pdf, obj).stdout
        ref = re.search(r"/Dest (\d+) 0 R", annot)
        if ref:  # the destination array as its own object
            annot = "/Dest " + run("mutool", "show", pdf, ref.group(1)).stdout
        dest = re.search(r"/Dest\s*(?:\d+ 0 obj\s*)?\[\s*(\d+) 0 R", annot)
        page = pages.get(dest.group(1)) if dest else None
        text = run("pdftotext", "-f", str(page), "-l", str(page), pdf, "-").stdout if page else ""
        if key not in text:
            fail("%s: the link for %s goes to page %s, which does not hold it" % (name, key, page))
    return flagged


def main():
    for tool in ("pdftotext", "pdffonts", "qpdf", "mutool", "pdfinfo"):
        if not shutil.which(tool):
            print("SKIP: %s not installed" % tool)
            return 77
    if "align-pdf" not in run(HX, "stages").stdout:
        print("SKIP: the PDF writer is not built (no libharu)")
        return 77
    al = os.path.join(SRC, "tests", "align")
    with tempfile.TemporaryDirectory() as tmp:
        en = open(os.path.join(al, "en.txt"), encoding="utf-8").read()
        planted = en.replace("17 September 2021", "17 September 2022", 1)
        planted = planted.replace("A/C.2/76/L.56", "A/C.2/76/L.57", 1)
        if planted == en:
            fail("planting found nothing to change in tests/align/en.txt")
        p = os.path.join(tmp, "en.txt")
        open(p, "w", encoding="utf-8").write(planted)
        flagged = check("zh-en", [os.path.join(al, "zh.txt"), p], tmp, False)
        if flagged is not None and len(flagged) < 2:
            fail("zh-en: the planted differences gave %d flagged rows" % len(flagged))
        check("zh-en-fr", [os.path.join(al, l + ".txt") for l in ("zh", "en", "fr")], tmp, True)
        if os.path.isdir(SHARED):
            u = os.path.join(SHARED, "corpus", "udhr")
            check("udhr-ar-zh-en", [os.path.join(u, "udhr--%s.html" % l)
                                    for l in ("arb", "cmn_hans", "eng")], tmp, True)
        else:
            print("SKIP: %s absent: the UDHR proof not checked" % SHARED)
    print("%d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
