#!/usr/bin/env python3
"""The Universal Declaration in six languages (HX_SHARED/corpus/udhr, read
by the html reader, standard chain): the 30 articles and their numbered
paragraphs get the same keys in every language (art.N, art.N.M), and so do
the preamble's recitals (pre.N), formula (pre.formula) and proclamation
(pre.op) where the source texts have them; the Chinese file's ASCII commas
in Chinese text become "，". Skipped (77) when the shared folder is absent.

Known differences of the source texts, asserted as such so that a change
is noticed: the Arabic text has six recitals (it lacks the fourth, on
friendly relations between nations), and the Chinese text runs "Now,
therefore", the formula and the proclamation into one paragraph (so it has
no pre.formula or pre.transition); only the English and Spanish texts have
"Now, therefore," as a paragraph of its own.
"""
import os
import re
import subprocess
import sys

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
UDHR = os.path.join(SHARED, "corpus", "udhr")
LANGS = ["eng", "fra", "spa", "rus", "arb", "cmn_hans"]


def convert(path):
    p = subprocess.run([EXE, "convert", path, "-t", "txt:ids", "-o", "-"],
                       cwd=SRC, capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit("FAIL %s: exit %d: %s" % (path, p.returncode, p.stderr.decode()))
    rows = []
    for line in p.stdout.decode("utf-8").split("\n"):
        if "\t" in line:
            key, text = line.split("\t", 1)
            rows.append((key, text))
    return rows


def main():
    if not os.path.isdir(UDHR):
        print("SKIP: %s is absent" % UDHR)
        return 77
    failed = 0
    keys = {}
    texts = {}
    for lang in LANGS:
        rows = convert(os.path.join(UDHR, "udhr--%s.html" % lang))
        keys[lang] = [k for k, _ in rows]
        texts[lang] = rows
        dup = sorted({k for k in keys[lang] if keys[lang].count(k) > 1})
        if dup:
            print("FAIL %s: keys used twice: %s" % (lang, dup[:5]))
            failed += 1

    def fail(msg):
        nonlocal failed
        print("FAIL " + msg)
        failed += 1

    arts = {lang: [k for k in keys[lang] if k.startswith("art.")] for lang in LANGS}
    heads = [k for k in arts["eng"] if re.fullmatch(r"art\.\d+", k)]
    if heads != ["art.%d" % n for n in range(1, 31)]:
        fail("eng: article headings are %s" % heads)
    numbered = [k for k in arts["eng"] if re.fullmatch(r"art\.\d+\.\d+", k)]
    with open(os.path.join(UDHR, "udhr--eng.html"), encoding="utf-8") as f:
        paras = sum(a.count("<p") for a in re.findall(r"<article.*?</article>", f.read(), re.S))
    if len(numbered) != paras:
        fail("eng: %d article paragraph keys for %d paragraphs" % (len(numbered), paras))
    for lang in LANGS[1:]:
        if arts[lang] != arts["eng"]:
            a, b = set(arts["eng"]), set(arts[lang])
            fail("%s: article keys differ from eng: missing %s, extra %s"
                 % (lang, sorted(a - b)[:5], sorted(b - a)[:5]))
    # art.25 has two numbered paragraphs in every language
    for lang in LANGS:
        if "art.25.1" not in keys[lang] or "art.25.2" not in keys[lang]:
            fail("%s: art.25.1/art.25.2 missing" % lang)

    recitals = {lang: [k for k in keys[lang] if re.fullmatch(r"pre\.\d+", k)] for lang in LANGS}
    seven = ["pre.%d" % n for n in range(1, 8)]
    for lang in LANGS:
        want = seven[:6] if lang == "arb" else seven
        if recitals[lang] != want:
            fail("%s: recitals %s, want %s" % (lang, recitals[lang], want))
        if "pre.op" not in keys[lang] or "head.pre" not in keys[lang]:
            fail("%s: no pre.op or head.pre" % lang)
        has_formula = "pre.formula" in keys[lang]
        if has_formula == (lang == "cmn_hans"):
            fail("%s: pre.formula %s" % (lang, "present" if has_formula else "missing"))
        has_transition = "pre.transition" in keys[lang]
        if has_transition != (lang in ("eng", "spa")):
            fail("%s: pre.transition %s" % (lang, "present" if has_transition else "missing"))

    # zh-norm: no ASCII comma left next to Han text, all 78 became "，"
    with open(os.path.join(UDHR, "udhr--cmn_hans.html"), encoding="utf-8") as f:
        src = f.read()
    body = re.sub(r"<head>.*?</head>", "", src, flags=re.S)
    ascii_commas = body.count(",")
    out = "\n".join(t for _, t in texts["cmn_hans"])
    han_comma = re.findall(r"[\u4e00-\u9fff]\s*,|,\s*[\u4e00-\u9fff]", out)
    if han_comma:
        fail("cmn_hans: ASCII commas left in Chinese text: %s" % han_comma[:3])
    if ascii_commas < 70 or out.count("，") != ascii_commas or out.count(",") != 0:
        fail("cmn_hans: %d ASCII commas in the source, %d full-width and %d ASCII "
             "in the output" % (ascii_commas, out.count("，"), out.count(",")))

    if not failed:
        print("ok   six languages: %d article keys each, recitals %s, %d commas converted"
              % (len(arts["eng"]), {l: len(r) for l, r in recitals.items()}, ascii_commas))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
