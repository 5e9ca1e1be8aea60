#!/usr/bin/env python3
"""The four align reports on tests/align/{zh,en}.txt plus an English copy
with a changed figure (so that there is a flag to show):

  * TMX: well-formed XML, re-read with Python's ElementTree as TMX 1.4
    (header attributes TMX requires, segtype paragraph, a unique tuid per
    <tu>, one <tuv xml:lang> per version present, the flag as a prop and a
    note) and its segments equal to the JSON report's cells;
  * HTML: `xmllint --html --noout` prints nothing; each row has an id,
    the cells lang/dir, the flagged row its class;
  * JSON: parses, one diagnostic for the planted figure;
  * TSV: one line per row, the same number of columns on each;
  * TMX with segtype=sentence: the rows split into ICU sentences where
    both versions have as many, with their own tuids.
"""
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUP = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]+")
bad = 0


def fail(msg):
    global bad
    bad += 1
    print("FAIL: " + msg)


def main():
    zh = os.path.join(SRC, "tests", "align", "zh.txt")
    with open(os.path.join(SRC, "tests", "align", "en.txt"), encoding="utf-8") as f:
        en_text = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        en = os.path.join(tmp, "en.txt")
        with open(en, "w", encoding="utf-8") as f:
            f.write(en_text.replace("with 55 per cent of men", "with 57 per cent of men"))
        out = {}
        for ext in ("tmx", "html", "json", "tsv"):
            path = os.path.join(tmp, "report." + ext)
            p = subprocess.run([EXE, "align", zh, en, "-o", path],
                               capture_output=True, text=True, timeout=60)
            if p.returncode != 0 or not os.path.exists(path):
                fail("%s: status %d: %s" % (ext, p.returncode, p.stderr))
                return 1
            out[ext] = path
        with open(out["json"], encoding="utf-8") as f:
            report = json.load(f)
        rows = report["rows"]
        diags = report["diagnostics"]
        if [(d["key"], d["kind"]) for d in diags] != [("res1.op.3", "numbers")]:
            fail("json diagnostics %s" % diags)

        tmx = ET.parse(out["tmx"]).getroot()
        header = tmx.find("header")
        if tmx.tag != "tmx" or tmx.get("version") != "1.4" or header is None:
            fail("not TMX 1.4")
            return 1
        for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf",
                     "adminlang", "srclang", "datatype"):
            if not header.get(attr):
                fail("header lacks %s" % attr)
        if header.get("segtype") != "paragraph":
            fail("segtype %s" % header.get("segtype"))
        tus = tmx.findall("body/tu")
        if len(tus) != len(rows):
            fail("%d tu for %d rows" % (len(tus), len(rows)))
        ids = [tu.get("tuid") for tu in tus]
        if len(set(ids)) != len(ids) or not all(ids):
            fail("tuids not unique")
        for tu, row in zip(tus, rows):
            if not tu.get("tuid").endswith(":" + row["key"]):
                fail("tuid %s for key %s" % (tu.get("tuid"), row["key"]))
            props = {p.get("type"): p.text for p in tu.findall("prop")}
            if props.get("x-key") != row["key"] or props.get("x-part") != row["part"]:
                fail("props of %s: %s" % (row["key"], props))
            tuvs = tu.findall("tuv")
            # segments hold the text without note markers (superscript
            # digits), which a translation memory would offer as words
            want = [(v["lang"], SUP.sub("", c["text"].replace("\n", " ")).strip())
                    for v, c in zip(report["versions"], row["cells"]) if c["keys"]]
            got = [(t.get(XML_LANG), t.find("seg").text) for t in tuvs]
            if got != want:
                fail("segments of %s: %s != %s" % (row["key"], got, want))
            if row["flags"]:
                if props.get("x-flags") != " ".join(row["flags"]) or tu.find("note") is None:
                    fail("flag of %s not in the tu" % row["key"])

        # Sentences: rows whose versions have as many ICU sentences split
        # into a tu each (the four sentences of body.3), others stay whole.
        stmx = os.path.join(tmp, "sentences.tmx")
        p = subprocess.run([EXE, "convert", "--chain",
                            "structure | notes | rejoin | zh-norm | align | "
                            "align-tmx:segtype=sentence", zh, en, "-o", stmx],
                           capture_output=True, text=True, timeout=60)
        root = ET.parse(stmx).getroot() if p.returncode == 0 else None
        if root is None or root.find("header").get("segtype") != "sentence":
            fail("sentence TMX: %d %s" % (p.returncode, p.stderr))
        else:
            ids = [tu.get("tuid") for tu in root.findall("body/tu")]
            body3 = [i for i in ids if i.split(":", 1)[1].startswith("body.3#")]
            if body3 != ["zh.txt:body.3#%d" % k for k in (1, 2, 3, 4)] or len(set(ids)) != len(ids):
                fail("sentence tuids for body.3: %s" % body3)
            segs = [[s.text for s in tu.findall("tuv/seg")] for tu in root.findall("body/tu")
                    if tu.get("tuid") == "zh.txt:body.3#4"]
            if not segs or not segs[0][1].startswith("The Committee took action") or \
                    "11月23日" not in segs[0][0].replace(" ", ""):
                fail("sentence 4 of body.3: %s" % segs)

        if shutil.which("xmllint"):
            p = subprocess.run(["xmllint", "--html", "--noout", out["html"]],
                               capture_output=True, text=True)
            if p.returncode != 0 or p.stdout or p.stderr:
                fail("xmllint --html: %d %s" % (p.returncode, p.stderr))
        else:
            fail("xmllint not installed (package libxml2-utils)")
        with open(out["html"], encoding="utf-8") as f:
            html = f.read()
        for row in rows:
            if 'id="k-%s"' % row["key"] not in html:
                fail("no row id for %s" % row["key"])
        if 'class="flag"' not in html or '<td lang="zh"' not in html:
            fail("html lacks the flag class or cell languages")

        with open(out["tsv"], encoding="utf-8") as f:
            lines = f.read().split("\n")[:-1]
        if len(lines) != len(rows) + 1 or len({l.count("\t") for l in lines}) != 1:
            fail("tsv shape: %d lines" % len(lines))
    print("%d rows checked in four formats" % len(rows))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
