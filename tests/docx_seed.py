#!/usr/bin/env python3
"""The seed (samples/seed-zh.txt) saved as a Word document must give the
same paragraph keys and footnotes as the plain text.

The DOCX is made here the way Word stores such a report: paragraph numbers
and section numbers are automatic numbering (numPr: a chineseCounting list
for the headings, one decimal list for the report paragraphs running on
across headings, restarted by a startOverride instance for the operative
paragraphs and for the annex), footnote markers are real footnote references
with their text in footnotes.xml, numbered again from 1 after a section
break where the plain text starts a new footnote scope; **bold** becomes
bold runs and links HYPERLINK fields; a paragraph the PDF cut at a page
break is whole again. Then `-t txt:ids` of both files are
compared: the sequence of keys, and every footnote line in full.

`docx_seed.py --make OUT.docx` only writes the DOCX. Skipped (77) while the
structure stages do not yet give keys."""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import docx_build  # noqa: E402
from docx_build import esc  # noqa: E402

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(HERE)
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SEED = os.path.join(SRC, "samples", "seed-zh.txt")

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPS = "[%s]+" % SUP


def sup_value(s):
    return int("".join(str(SUP.index(c)) for c in s))


class Seed:
    def __init__(self):
        self.paras = []       # dicts: xml of the runs, ppr, sect
        self.notes = []       # (id, runs xml)
        self.next_id = 1
        self.pending = {}     # marker -> [note ids waiting for their text]
        self.nums = []        # (numId, abstract, restart)
        self.list_num = None  # current numId of the decimal list
        self.last_value = 0

    def runs(self, text, refs=True):
        out = []
        pat = re.compile(r"\*\*(.+?)\*\*|\[([^\]]*)\]\(([^)]*)\)|<(https?://[^>]+)>| ?(%s) ?" % SUPS)
        pos = 0
        for m in pat.finditer(text):
            if m.start() > pos:
                out.append(plain(text[pos:m.start()]))
            pos = m.end()
            if m.group(1) is not None:
                out.append('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>'
                           % esc(m.group(1)))
            elif m.group(2) is not None:
                out.append(field_link(m.group(3), m.group(2)))
            elif m.group(4):
                out.append(field_link(m.group(4), m.group(4)))
            elif refs:
                marker = sup_value(m.group(5))
                if marker == 1 and self.next_id > 1 and self.paras:
                    # a new footnote scope: Word restarts the numbers after a
                    # section break
                    self.paras[-1]["sect"] = True
                nid = self.next_id
                self.next_id += 1
                self.pending.setdefault(marker, []).append(nid)
                out.append('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                           '<w:footnoteReference w:id="%d"/></w:r>' % nid)
            else:
                out.append(plain(m.group(0)))
        if pos < len(text):
            out.append(plain(text[pos:]))
        return "".join(out)

    def numbered(self, value):
        if self.list_num is None or (value == 1 and self.last_value > 0):
            nid = len(self.nums) + 2
            self.nums.append((nid, 1, self.list_num is not None))
            self.list_num = nid
        self.last_value = value
        return self.list_num

    def line(self, s):
        m = re.match(r"(%s)\s*(.*)$" % SUPS, s)
        if m:
            marker = sup_value(m.group(1))
            ids = self.pending.get(marker)
            if not ids:
                raise SystemExit("seed: footnote %d has no reference before it" % marker)
            self.notes.append((ids.pop(0), self.runs(m.group(2), refs=False)))
            return
        ppr, text = "", s
        m = re.match(r"([一二三四五六七八九十]+)\.\s*(.*)$", s)
        if m:
            ppr = '<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
            text = m.group(2)
        else:
            m = re.match(r"(\d+)\.\s*(.*)$", s)
            if m:
                num = self.numbered(int(m.group(1)))
                ppr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>' % num
                text = m.group(2)
            else:
                m = re.match(r"\(([a-z])\)\s*(.*)$", s)
                if m and self.list_num:
                    ppr = ('<w:numPr><w:ilvl w:val="1"/><w:numId w:val="%d"/></w:numPr>'
                           % self.list_num)
                    text = m.group(2)
        last = self.paras[-1] if self.paras else None
        if (not ppr and last and len(last["text"]) > 40
                and not re.search(r"[。，；：.,;:][%s\s]*$" % SUP, last["text"])):
            # the PDF the text came from cut this paragraph at a page break;
            # in Word it is one paragraph
            last["runs"] += self.runs(text)
            last["text"] += text
            return
        self.paras.append({"ppr": ppr, "runs": self.runs(text), "sect": False, "text": text})


def plain(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(text) if text else ""


def field_link(url, text):
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> HYPERLINK "%s" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>%s</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>' % (esc(url), esc(text)))


SECT = ('<w:sectPr><w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
        '<w:type w:val="continuous"/></w:sectPr>')


def make(out_path):
    seed = Seed()
    with open(SEED, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                seed.line(line.strip())
    body = []
    for p in seed.paras:
        ppr = p["ppr"] + (SECT if p["sect"] else "")
        body.append("<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", p["runs"]))
    body.append(SECT.replace("<w:type w:val=\"continuous\"/>", ""))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
           "</w:body></w:document>" % (docx_build.NS, "\n".join(body)))
    num = ["abs 0", '  lvl 0 chineseCounting "%1."', "abs 1", '  lvl 0 decimal "%1."',
           '  lvl 1 lowerLetter "(%2)"', "num 1 abs=0"]
    for nid, abs_id, restart in seed.nums:
        num.append("num %d abs=%d%s" % (nid, abs_id, " start0=1" if restart else ""))
    notes = ['<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
             '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> </w:t></w:r>%s</w:p></w:footnote>' % (i, r)
             for i, r in sorted(seed.notes)]
    fixture = "\n".join(["=== numbering"] + num + [
        "=== styles", 'style Heading1 "heading 1"', 'style FootnoteText "footnote text"',
        'style Hyperlink "Hyperlink" type=character', "=== footnotes"] + notes)
    docx_build.build(fixture, out_path)
    with zipfile.ZipFile(out_path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    parts["word/document.xml"] = doc.encode("utf-8")
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return len(seed.paras), len(seed.notes)


def ids(path):
    p = subprocess.run([EXE, "convert", path, "-t", "txt:ids", "-o", "-"],
                       capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit("FAIL %s: exit %d: %s" % (path, p.returncode, p.stderr.decode()[:500]))
    blocks = [b for b in p.stdout.decode("utf-8").split("\n") if b.strip()]
    return [tuple(b.split("\t", 1)) if "\t" in b else (b, "") for b in blocks]


def main():
    if "--make" in sys.argv:
        print("%d paragraphs, %d footnotes" % make(sys.argv[sys.argv.index("--make") + 1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        docx = os.path.join(tmp, "seed-zh.docx")
        nparas, nnotes = make(docx)
        want = ids(SEED)
        got = ids(docx)
    if not any(k.startswith("body.") for k, _ in want):
        print("skip: the structure stages give no paragraph keys yet")
        return 77
    failures = 0
    wk = [k for k, _ in want]
    gk = [k for k, _ in got]
    if wk != gk:
        failures += 1
        print("FAIL the keys differ (plain text | DOCX):")
        import difflib
        for line in difflib.unified_diff(wk, gk, "seed-zh.txt", "seed-zh.docx", lineterm="", n=1):
            print("  " + line)
    wn = [b for b in want if b[0].startswith("fn.")]
    gn = [b for b in got if b[0].startswith("fn.")]
    if wn != gn:
        failures += 1
        print("FAIL the footnotes differ:")
        for a, b in zip(wn, gn):
            if a != b:
                print("  text: %r\n  docx: %r" % (a, b))
        if len(wn) != len(gn):
            print("  %d footnotes in the text, %d in the DOCX" % (len(wn), len(gn)))
    print("seed as DOCX: %d paragraphs, %d footnotes; %d keys, %d footnote lines compared"
          % (nparas, nnotes, len(wk), len(wn)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
