#!/usr/bin/env python3
"""The Akoma Ntoso writer (-t akn): every output is valid against the AKN
3.0 schema (tests/data/akn/, a copy of the OASIS schema) and reads back to
the same `-t txt:ids` as its input, for the seed and the other text
samples (markup, unpaired and orphan notes, CRLF), the six-language report
(tests/struct6), the six UDHR versions and 20 corpus DOCX (covering notes,
endnotes, tables, lists, tracked changes, fields, right-to-left and CJK
text); the corpus's own Akoma Ntoso files, read and written again, are
valid and keep the eId of every unit (paragraph, point, recital, article,
item, hcontainer, note…) but one that opens another unit and so stands for
the same first block; `batch -t akn` over the six versions gives them one
FRBR Work URI and six Expression URIs, and so does `batch` over the six
UDHR versions (no symbol: the file name less its language code). Shared
inputs are skipped, saying so, when ../shared is absent; xmllint comes
with libxml2-utils (scripts/setup)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
XSD = os.path.join(SRC, "tests", "data", "akn", "akomantoso30.xsd")
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

DOCX = """docx-rs--footnotes docx-rs--numbering docx4j--arabic_numbering
docxjs--footnote docxjs--revision mammoth--endnotes mammoth--footnote-hyperlink
openxml-sdk--TableFntEdnt openxml-sdk--textDirection-tbRl openxml-sdk--columns1
pandoc--i18n_blocks pandoc--lists_level_override pandoc--notes
pandoc--table_header_rowspan pandoc--tables pandoc--track_changes_move
pandoc--unicode poi--table_footnotes poi--stress019 tika--testWORD_various""".split()

UNITS = {"article", "paragraph", "point", "recital", "citation", "item", "hcontainer",
         "authorialNote", "formula", "longTitle", "subparagraph", "alinea", "indent",
         "tblock", "level", "section", "chapter", "clause"}
WRAPPERS = {"num", "heading", "subheading", "content", "intro"}


def run(args):
    return subprocess.run([EXE] + args, capture_output=True, timeout=300)


def valid(path):
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", XSD, path],
                       capture_output=True, timeout=300)
    return p.returncode == 0, p.stderr.decode("utf-8", "replace")[:600]


def local(tag):
    return tag.split("}")[-1]


def unit_eids(path):
    """eIds of units, except a unit that is the first thing in another unit
    (past its num and heading): both stand for the same first block."""
    out = {}
    tree = ET.parse(path)
    parents = {c: p for p in tree.iter() for c in p}
    for el in tree.iter():
        eid = el.get("eId")
        if not eid or local(el.tag) not in UNITS:
            continue
        p = parents.get(el)
        while p is not None and local(p.tag) in WRAPPERS:
            p = parents.get(p)
        if p is not None and local(p.tag) in UNITS:
            kids = [c for c in p.iter() if c is not p and local(c.tag) not in WRAPPERS]
            if kids and kids[0] is el:
                continue
        out[eid] = local(el.tag)
    return out


def all_eids(path):
    return {el.get("eId") for el in ET.parse(path).iter() if el.get("eId")}


def round_trip(path, tmp, failures, strict=True):
    """-t akn valid; with strict, txt:ids the same read back (akn -> akn
    only promises validity and eIds: structure may read a foreign
    profile's markup otherwise the second time, and that is reported)."""
    name = os.path.basename(path)
    out = os.path.join(tmp, name + ".akn")
    p = run(["convert", path, "-t", "akn", "-o", out])
    if p.returncode != 0:
        failures.append("%s: -t akn exit %d: %s" % (name, p.returncode, p.stderr[:300]))
        return None
    ok, err = valid(out)
    if not ok:
        failures.append("%s: not valid:\n%s" % (name, err))
    want = run(["convert", path, "-t", "txt:ids", "-o", "-"]).stdout
    got = run(["convert", out, "-t", "txt:ids", "-o", "-"]).stdout
    if want != got and not strict:
        print("     %s: txt:ids differs after akn -> akn (not required)" % name)
    elif want != got:
        a, b = want.decode().splitlines(), got.decode().splitlines()
        first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        failures.append("%s: txt:ids differs after the round trip at line %d:\n  %r\n  %r" %
                        (name, first + 1, a[first] if first < len(a) else None,
                         b[first] if first < len(b) else None))
    print("%s %s" % ("ok  " if ok and (want == got or not strict) else "FAIL", name))
    return out


def batch(tmp, name, inputs, want_work, failures):
    """batch -t akn over language versions: one FRBR Work URI (want_work),
    an Expression each, named by the ISO 639-2/B code."""
    bdir = os.path.join(tmp, "batch-" + name)
    p = run(["batch"] + inputs + ["-t", "akn", "-o", bdir])
    if p.returncode != 0:
        failures.append("batch %s: exit %d: %s" % (name, p.returncode, p.stderr[:300]))
    works, exprs, langs = set(), set(), set()
    for n in sorted(os.listdir(bdir)) if os.path.isdir(bdir) else []:
        if not n.endswith(".akn.xml"):
            continue
        root = ET.parse(os.path.join(bdir, n)).getroot()
        ident = root.find("./*/%smeta/%sidentification" % (NS, NS))
        works.add(ident.find("%sFRBRWork/%sFRBRuri" % (NS, NS)).get("value"))
        exprs.add(ident.find("%sFRBRExpression/%sFRBRuri" % (NS, NS)).get("value"))
        langs.add(ident.find("%sFRBRExpression/%sFRBRlanguage" % (NS, NS)).get("language"))
    print("batch %s: works %s; expressions %d; languages %s" % (name, sorted(works), len(exprs),
                                                                sorted(langs)))
    if works != {want_work} or len(exprs) != 6:
        failures.append("batch %s: want the one Work URI %s and six Expression URIs, got %s and %s"
                        % (name, want_work, sorted(works), sorted(exprs)))
    if langs != {"ara", "chi", "eng", "fre", "rus", "spa"}:
        failures.append("batch %s: FRBRlanguage not the ISO 639-2/B codes: %s"
                        % (name, sorted(langs)))
    for w in works:
        if not all(e.startswith(w + "/") and e.endswith("@") for e in exprs):
            failures.append("batch %s: an Expression URI is not <Work>/<lang>@" % name)


def main():
    if not shutil.which("xmllint"):
        print("SKIP: xmllint is not installed")
        return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        samples = os.path.join(SRC, "samples")
        inputs = [os.path.join(samples, n) for n in sorted(os.listdir(samples))
                  if n.endswith(".txt")]
        s6 = os.path.join(SRC, "tests", "struct6")
        inputs += [os.path.join(s6, n) for n in sorted(os.listdir(s6))]
        shared = os.path.isdir(os.path.join(SHARED, "corpus"))
        if shared:
            udhr = os.path.join(SHARED, "corpus", "udhr")
            inputs += [os.path.join(udhr, n) for n in sorted(os.listdir(udhr))
                       if n.endswith(".html")]
            inputs += [os.path.join(SHARED, "corpus", "docx", n + ".docx") for n in DOCX]
        else:
            print("SKIP (shared inputs): %s is absent: UDHR, DOCX and AKN corpus not checked"
                  % SHARED)
        for path in inputs:
            round_trip(path, tmp, failures)

        # The corpus's own Akoma Ntoso: valid again, eIds kept.
        if shared:
            akn = os.path.join(SHARED, "corpus", "akn")
            for n in sorted(os.listdir(akn)):
                if not n.endswith(".xml"):
                    continue
                out = round_trip(os.path.join(akn, n), tmp, failures, strict=False)
                if not out:
                    continue
                want, got = unit_eids(os.path.join(akn, n)), all_eids(out)
                lost = sorted(k for k in want if k not in got)
                print("     %s: %d of %d unit eIds kept" % (n, len(want) - len(lost), len(want)))
                if lost:
                    failures.append("%s: eIds lost: %s" % (n, " ".join(lost[:10])))

        # the dateline in the six languages' forms gives the FRBR date
        with open(os.path.join(s6, "en.txt"), encoding="utf-8") as f:
            text = f.read()
        for line, want in (("9 декабря 2021 года", "2021-12-09"),
                           ("9 كانون الأول/ديسمبر 2021", "2021-12-09"),
                           ("٩ كانون الأول/ديسمبر ٢٠٢١", "2021-12-09"),
                           ("2021年12月9日", "2021-12-09"),
                           ("1er mai 2020", "2020-05-01"),
                           ("3 de septiembre de 2019", "2019-09-03")):
            path = os.path.join(tmp, "dated.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("9 December 2021\n", line + "\n", 1))
            out = run(["convert", path, "-t", "akn", "-o", "-"]).stdout.decode()
            got = re.search(r'<FRBRdate date="([^"]*)"', out)
            if not got or got.group(1) != want:
                failures.append("dateline %r: FRBRdate %s, want %s"
                                % (line, got.group(1) if got else None, want))

        # batch: one Work, an Expression per language
        batch(tmp, "struct6", [os.path.join(s6, n) for n in sorted(os.listdir(s6))],
              "/akn/un/doc/report/2021-12-09/a-76-540-add-1", failures)
        if shared:
            batch(tmp, "udhr", [os.path.join(udhr, n) for n in sorted(os.listdir(udhr))
                                if n.endswith(".html")],
                  "/akn/un/act/instrument/0001-01-01/udhr", failures)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
