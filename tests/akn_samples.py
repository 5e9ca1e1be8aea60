#!/usr/bin/env python3
"""The Akoma Ntoso samples under samples/akn/: the English and French
versions of the resolution get the same paragraph keys from the standard
chain (and the keys a UN resolution must have), each file's language comes
from its FRBRlanguage, and the reader is chosen by content: a copy named
.txt reads exactly as the .xml does, and as the akn reader named in a
chain does. The two versions then align row for row (align --check
finds nothing to flag). The document language: FRBRlanguage first, then
xml:lang on the document, then --lang, then a guess from the text."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SAMPLES = os.path.join(SRC, "samples", "akn")
STANDARD = "structure | notes | rejoin | zh-norm"

# A resolution with preambular and operative paragraphs, sub-items, a
# footnote and an annex cannot do without these.
MUST = ["front.symbol", "res1.title", "res1.formula", "res1.pp.1", "res1.pp.2",
        "res1.op.1", "res1.op.2", "res1.op.2.a", "res1.op.2.b", "res1.op.3",
        "fn.res1.1", "head.annex", "annex.1", "annex.2"]


def run(args):
    p = subprocess.run([EXE] + args, cwd=SRC, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def keys(out):
    return [line.split("\t", 1)[0] for line in out.split("\n") if line]


NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TEXT = "<p>The Assembly decides that the report of the Committee is adopted.</p>"
# (FRBRlanguage or None, xml:lang or None, --lang or None, language wanted)
LANGS = [("spa", "fr", "ru", "es"), ("zho", None, None, "zh"), (None, "fr", "ru", "fr"),
         (None, None, "ru", "ru"), (None, None, None, "en")]


def lang_doc(frbr, xmllang):
    meta = ("<identification source='#x'><FRBRExpression><FRBRlanguage language='%s'/>"
            "</FRBRExpression></identification>" % frbr) if frbr else ""
    attr = " xml:lang='%s'" % xmllang if xmllang else ""
    return ("<akomaNtoso xmlns='%s'><doc name='x'%s><meta>%s</meta><mainBody>%s</mainBody>"
            "</doc></akomaNtoso>" % (NS, attr, meta, TEXT))


def main():
    failed = 0

    def fail(msg):
        nonlocal failed
        failed += 1
        print("FAIL " + msg)

    got = {}
    for lang in ("en", "fr"):
        path = os.path.join(SAMPLES, "res-%s.xml" % lang)
        code, out, err = run(["convert", path, "-t", "txt:ids", "-o", "-"])
        if code != 0 or err:
            fail("res-%s.xml: exit %d\n%s" % (lang, code, err))
            continue
        got[lang] = keys(out)
        missing = [k for k in MUST if k not in got[lang]]
        if missing:
            fail("res-%s.xml: keys missing: %s" % (lang, " ".join(missing)))
        if len(set(got[lang])) != len(got[lang]):
            fail("res-%s.xml: a key used twice: %s" % (lang, got[lang]))
        code, out, err = run(["convert", path, "--chain", "akn | xml", "-o", "-"])
        m = re.search(r'<hexaglot version="1" source="[^"]*" lang="([^"]*)"', out)
        if code != 0 or not m or m.group(1) != lang:
            fail("res-%s.xml: document language %r, want %r" % (lang, m and m.group(1), lang))
    if len(got) == 2:
        if got["en"] != got["fr"]:
            fail("English and French keys differ:\n  en %s\n  fr %s" % (got["en"], got["fr"]))
        else:
            print("ok   res-en.xml and res-fr.xml: the same %d keys" % len(got["en"]))

    with tempfile.TemporaryDirectory() as tmp:
        tsv = os.path.join(tmp, "res.tsv")
        code, _, err = run(["align", os.path.join(SAMPLES, "res-en.xml"),
                            os.path.join(SAMPLES, "res-fr.xml"), "-o", tsv, "--check"])
        rows = []
        if os.path.exists(tsv):
            with open(tsv, encoding="utf-8") as f:
                rows = [l.rstrip("\n").split("\t") for l in f][1:]
        unpaired = [r[0] for r in rows if len(r) < 4 or not r[2] or not r[3]]
        if code != 0 or err or not rows or unpaired or len(rows) != len(got.get("en", [])):
            fail("align res-en.xml res-fr.xml --check: exit %d, %d rows, unpaired %s\n%s"
                 % (code, len(rows), unpaired, err))
        else:
            print("ok   res-en.xml and res-fr.xml align: %d rows, nothing flagged" % len(rows))
        for frbr, xmllang, cli, want in LANGS:
            path = os.path.join(tmp, "lang.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(lang_doc(frbr, xmllang))
            code, out, err = run(["convert", path, "--chain", "akn | xml", "-o", "-"]
                                 + (["--lang", cli] if cli else []))
            m = re.search(r'<hexaglot version="1" source="[^"]*" lang="([^"]*)"', out)
            what = "FRBRlanguage %s, xml:lang %s, --lang %s" % (frbr, xmllang, cli)
            if code != 0 or not m or m.group(1) != want:
                fail("%s: language %r, want %r\n%s" % (what, m and m.group(1), want, err))
            else:
                print("ok   %s: %s" % (what, want))
        for name in sorted(os.listdir(SAMPLES)):
            path = os.path.join(SAMPLES, name)
            disguised = os.path.join(tmp, name[:-4] + ".txt")
            shutil.copyfile(path, disguised)
            outs = [run(["convert", p, "-t", "txt:ids", "-o", "-"]) for p in (path, disguised)]
            outs.append(run(["convert", path, "--chain", "akn | %s | txt:ids" % STANDARD, "-o", "-"]))
            if any(o[0] != 0 for o in outs) or len({o[1] for o in outs}) != 1:
                fail("%s: not read alike by content, as .txt and with akn named:\n%s"
                     % (name, "\n".join(o[2] for o in outs)))
            else:
                print("ok   %s: chosen by content" % name)
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
