#!/usr/bin/env python3
"""One small UN report in the six languages (tests/struct6/*.txt: masthead,
headings "I." / "一." / "أولا - ", lettered headings, numbered paragraphs
with sub-items, footnotes, two draft resolutions with preambular and
italic/bold operative verbs, a draft decision, the report resumed after
them, an annex):

  * `convert -t txt:ids` gives every version the key sequence below;
  * every version's resolution paragraphs get the same lead-word classes;
  * `align` over the six reports no warning, and `--check` exits 0;
  * the Arabic version with plain "(1)" markers and "(1) " footnote texts
    (as text taken from a PDF has them) keys as the one with "(¹)".
"""
import os
import re
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
DIR = os.path.join(SRC, "tests", "struct6")
LANGS = ["zh", "en", "fr", "es", "ru", "ar"]

KEYS = """front.symbol front.distr front.date front.original front.session
front.agenda front.title front.organ front.rapporteur head.body.1 body.1
body.2 body.2.a body.2.b head.body.2 head.body.2.a body.3 body.4
head.body.2.b body.5 head.body.3 body.6 fn.body.1 fn.body.2 head.res1
res1.title res1.formula res1.pp.1 res1.pp.2 res1.pp.3 res1.op.1 res1.op.2
res1.op.3 res1.op.3.a res1.op.3.b fn.res1.1 fn.res1.2 head.res2 res2.title
res2.formula res2.pp.1 res2.pp.2 res2.op.1 res2.op.2 body.7 dec1.title
dec1.pp.1 head.annex head.annex.u1 annex.1 annex.2 fn.annex.1""".split()

LEADS = {"res1.pp.1": "recall", "res1.pp.2": "reaffirm.further",
         "res1.pp.3": "note.appreciation", "res1.op.1": "note",
         "res1.op.2": "decide", "res1.op.3": "request",
         "res2.pp.1": "recall.also", "res2.pp.2": "concern",
         "res2.op.1": "welcome", "res2.op.2": "decide.also"}

bad = 0


def fail(msg):
    global bad
    bad += 1
    print("FAIL: " + msg)


def run(args):
    return subprocess.run([EXE] + args, capture_output=True, text=True, timeout=60)


def keys_of(path):
    p = run(["convert", path, "-t", "txt:ids", "-o", "-"])
    if p.returncode != 0 or p.stderr:
        fail("%s: status %d: %s" % (path, p.returncode, p.stderr))
    return [line.split("\t")[0] for line in p.stdout.split("\n") if line]


def leads_of(path):
    p = run(["convert", path, "-t", "xml", "-o", "-"])
    return dict(re.findall(r'key="([^"]+)" lead="([^"]+)"', p.stdout))


def main():
    paths = [os.path.join(DIR, l + ".txt") for l in LANGS]
    for lang, path in zip(LANGS, paths):
        got = keys_of(path)
        if got != KEYS:
            fail("%s keys: %s" % (lang, " ".join(got)))
        leads = leads_of(path)
        for k, v in LEADS.items():
            # a rendering may stand for several classes ("请": invite|request)
            if v not in (leads.get(k) or "").split("|"):
                fail("%s: lead of %s is %s, want one of them %s" % (lang, k, leads.get(k), v))
    print("keys and leads checked in %d versions" % len(paths))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.tsv")
        p = run(["align"] + paths + ["-o", out, "--check"])
        if p.returncode != 0 or p.stderr:
            fail("align --check: status %d: %s" % (p.returncode, p.stderr))
        with open(paths[-1], encoding="utf-8") as f:
            ar = f.read()
        sup = {"¹": "1", "²": "2", "³": "3", "⁴": "4"}
        plain = re.sub(r"\(([¹²³⁴])\)", lambda m: "(%s)" % sup[m.group(1)], ar)
        plain = re.sub(r"(?m)^([¹²³⁴]) ", lambda m: "(%s) " % sup[m.group(1)], plain)
        if plain == ar or "(¹)" in plain:
            fail("test data changed: no markers to rewrite")
        path = os.path.join(tmp, "ar-plain.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(plain)
        got = keys_of(path)
        if got != KEYS:
            fail("ar with (1) markers, keys: %s" % " ".join(got))
    if bad:
        print("%d failures" % bad)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
