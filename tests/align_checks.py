#!/usr/bin/env python3
"""Each check of the align stage, and each report field a reader of the
reports relies on, seen to work on its own, so that switching one off
fails here (the other align tests plant several differences at once and
would not notice one check going quiet):

  * URL check: a URL in a paragraph's text, the same in tests/align/zh.txt
    and en.txt, aligns clean; changed in the English alone it is reported
    there as "URLs differ" and nothing else is;
  * footnote-text check, both halves: it compares the text of notes whose
    bodies carry no key of their own (a chain without the notes stage,
    which keys them and so aligns them as rows), so both versions are
    model XML with the note bodies' keys taken out, run through
    'xml | structure | align'; a document symbol changed in the English
    text of footnote 2, and the URL changed in footnote 1, are each
    reported as "footnote symbols or URLs differ" at the paragraph that
    calls the note, and nothing else;
  * JSON report: every row has a "confidence" number in [0, 1], 1 for the
    unflagged one-to-one rows; the TSV header names the confidence column
    and each row has a number there;
  * HTML report: every cell of the Arabic version is lang="ar" dir="auto"
    (auto, not rtl or ltr: a Latin-only masthead line of an Arabic version
    must not be reordered), the Chinese cells have no dir, and the Arabic
    column heading is dir="rtl".
"""
import json
import os
import re
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
LINE = re.compile(r"^(.*?):(\d+): warning: align: (\S+): (.*)$")
bad = 0


def fail(msg):
    global bad
    bad += 1
    print("FAIL: " + msg)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def plant(text, old, new):
    if text.count(old) != 1:
        raise SystemExit("test data changed: %r found %d times" % (old, text.count(old)))
    return text.replace(old, new)


def align(paths, out, chain=None):
    cmd = [EXE, "convert", "--chain", chain] if chain else [EXE, "align"]
    p = subprocess.run(cmd + paths + ["-o", out], capture_output=True, text=True, timeout=60)
    found = []
    for line in p.stderr.splitlines():
        m = LINE.match(line)
        if m:
            found.append((m.group(3), m.group(4)))
        else:
            fail("unexpected diagnostic: " + line)
    if p.returncode != 0 or not os.path.exists(out):
        fail("align %s: status %d" % (" ".join(paths), p.returncode))
    return found


def expect(name, found, key, words):
    want = [f for f in found if f[0] == key and words in f[1]]
    if len(found) != 1 or not want:
        fail("%s: want one '%s' at %s, got %s" % (name, words, key, found))
    else:
        print("%s: %s at %s" % (name, words, key))


def main():
    zh_text = read(os.path.join(SRC, "tests", "align", "zh.txt"))
    en_text = read(os.path.join(SRC, "tests", "align", "en.txt"))
    ar = os.path.join(SRC, "tests", "align", "ar.txt")
    url = "https://unctad.org/topic/ecommerce-and-digital-economy"
    zh_url = plant(zh_text, "涉及信息和通信技术的决策进程；", "涉及信息和通信技术的决策进程；<%s>" % url)
    en_url = plant(en_text, "related to information and communications technologies;",
                   "related to information and communications technologies; <%s>" % url)
    with tempfile.TemporaryDirectory() as tmp:
        def put(name, text):
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return path

        out = os.path.join(tmp, "report.tsv")
        zh = put("zh.txt", zh_url)
        found = align([zh, put("en.txt", en_url)], out)
        if found:
            fail("the same URL in both: %s" % found)
        found = align([zh, put("en-url.txt", en_url.replace(url, url + "-2021"))], out)
        expect("URL in the text", found, "res1.op.3", "URLs differ")

        zh = put("zh.txt", zh_text)
        en = put("en.txt", en_text)
        unkeyed = {}
        for name, path in (("zh", zh), ("en", en)):
            xpath = os.path.join(tmp, name + ".xml")
            p = subprocess.run([EXE, "convert", path, "-t", "xml", "-o", xpath],
                               capture_output=True, text=True, timeout=60)
            if p.returncode != 0:
                fail("%s -t xml: %s" % (name, p.stderr))
                return 1
            text, n = re.subn(r'(<para role="note-body"[^>]*?) key="fn\.[^"]*"', r"\1",
                              read(xpath))
            if n < 8:
                raise SystemExit("test data changed: %d note bodies in %s" % (n, name))
            unkeyed[name] = text
        chain = "xml | structure | align | align-tsv"
        zx = put("zh.xml", unkeyed["zh"])
        found = align([zx, put("en.xml", unkeyed["en"])], out, chain)
        if found:
            fail("the same notes in both: %s" % found)
        found = align([zx, put("en-fnsym.xml", plant(unkeyed["en"], "See A/C.2/76/L.1.",
                                                     "See A/C.2/76/L.7."))], out, chain)
        expect("symbol in a footnote", found, "body.2", "footnote symbols or URLs differ")
        found = align([zx, put("en-fnurl.xml", unkeyed["en"].replace(
            "crp1bureaupaper.pdf", "crp2bureaupaper.pdf"))], out, chain)
        expect("URL in a footnote", found, "body.2", "footnote symbols or URLs differ")

        # Reports: a clean pair with the Arabic version.
        en = put("en.txt", en_text)
        jpath = os.path.join(tmp, "report.json")
        align([zh, en, ar], jpath)
        rows = json.loads(read(jpath))["rows"]
        for row in rows:
            c = row.get("confidence")
            if not isinstance(c, (int, float)) or isinstance(c, bool) or not 0 <= c <= 1:
                fail("json row %s: confidence %r" % (row.get("key"), c))
            elif row["bead"] == "1-1-1" and not row["flags"] and c != 1:
                fail("json row %s: clean 1-1-1 with confidence %r" % (row["key"], c))
        print("json: %d rows with a confidence" % len(rows))
        tsv = read(out).split("\n")[:-1]
        head = tsv[0].split("\t")
        if "confidence" not in head:
            fail("tsv header %s" % head)
        else:
            col = head.index("confidence")
            for line in tsv[1:]:
                v = line.split("\t")[col]
                if not re.fullmatch(r"[01]\.\d\d", v):
                    fail("tsv confidence %r in %s" % (v, line[:40]))

        hpath = os.path.join(tmp, "report.html")
        align([zh, en, ar], hpath)
        html = read(hpath)
        cells = re.findall(r'<td lang="([^"]*)"([^>]*)>', html)
        by_lang = {}
        for lang, rest in cells:
            by_lang.setdefault(lang, []).append(rest)
        if sorted(by_lang) != ["ar", "en", "zh"] or len(by_lang["ar"]) != len(rows):
            fail("html cells by language: %s" % {k: len(v) for k, v in by_lang.items()})
        for rest in by_lang.get("ar", []):
            if 'dir="auto"' not in rest:
                fail('an Arabic cell without dir="auto": <td lang="ar"%s>' % rest)
                break
        for rest in by_lang.get("zh", []) + by_lang.get("en", []):
            if "dir=" in rest:
                fail("a left-to-right cell with a dir: %s" % rest)
                break
        if not re.search(r'<th lang="ar" dir="rtl">', html):
            fail('the Arabic column heading is not dir="rtl"')
        print("html: %d Arabic cells" % len(by_lang.get("ar", [])))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
