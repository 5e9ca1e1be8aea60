#!/usr/bin/env python3
"""Planted differences in the six-language report (tests/struct6/*.txt).

The six versions have the same blank-line blocks in the same order, so a
plant is made on a block by its place, in whatever language. Each run
aligns all six with one version changed (Arabic, Russian, French in turn)
and checks that the change is reported at the right key, against the
changed file, and that nothing else is:

  * the plants of the issue: a preambular paragraph deleted, two operative
    paragraphs merged, a figure, a date and a symbol changed, a footnote
    marker removed;
  * a lead verb replaced by another of a different length ("Rappelant" by
    "Réaffirmant"), reported with both classes; "further" dropped from
    "Reaffirming further", not reported; "Invites" for "Requests", reported
    (Chinese "请" renders both, but French "Prie" and the others say
    "Requests"); Spanish "Pide" for "Solicita" (both render "Requests"),
    not reported; "Welcomes", reported;
  * the Arabic version with "(1)" markers and "(1) " footnote texts (as
    text taken from a PDF has them): its footnotes pair with the others'
    "¹", nothing reported; a "(2)" marker lost there, its "(2) " text
    still a footnote text, only the marker's paragraph reported; the
    French numbering its footnotes through the document where the others
    restart in each part, nothing reported;
  * a job number line ("21-18866 (C)", another in each version) and the
    version's language line ("中文", "العربية"; none in the English
    original):
    per-version masthead lines, not reported; a symbol changed in the same
    versions still is; job number lines with date stamp and barcode as page
    footers, each version's in its own place, not reported.
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
LINE = re.compile(r"^(.*?):(\d+): warning: align: (\S+): (.*)$")

# Blocks by place (the fixtures' layout).
B_BODY1, B_BODY2B, B_BODY3, B_BODY4 = 10, 13, 18, 19
B_PP1, B_PP2, B_PP3, B_OP1, B_OP2 = 27, 28, 29, 30, 31

# Per language: res1.pp.1's lead word, a "reaffirm" to put in its place;
# res1.pp.2's "Reaffirming further" and the same without "further".
LEADS = {
    "fr": ("Rappelant", "Réaffirmant", "Réaffirmant en outre", "Réaffirmant"),
    "ru": ("ссылаясь на", "вновь подтверждая", "вновь подтверждая далее",
           "вновь подтверждая"),
    "ar": ("إذ تشير إلى", "إذ تؤكد من جديد", "وإذ تؤكد من جديد كذلك",
           "وإذ تؤكد من جديد"),
}
SUP = {"¹": "1", "²": "2", "³": "3", "⁴": "4"}

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def blocks(lang):
    with open(os.path.join(DIR, lang + ".txt"), encoding="utf-8") as f:
        b = f.read().split("\n\n")
    if len(b) != 52 or not re.match(r"\d+( -|\.) ", b[B_OP2]):
        raise SystemExit("test data changed: %s.txt blocks" % lang)
    return b


def sub1(pattern, repl, text):
    new, n = re.subn(pattern, repl, text, count=1)
    if n != 1:
        raise SystemExit("test data changed: %r not in %r" % (pattern, text))
    return new


def align(paths, tmp):
    out = os.path.join(tmp, "report.tsv")
    p = subprocess.run([EXE, "align"] + paths + ["-o", out, "--check"],
                       capture_output=True, text=True, timeout=60)
    found = []
    for line in p.stderr.splitlines():
        m = LINE.match(line)
        if m:
            found.append((os.path.basename(m.group(1)), m.group(3), m.group(4)))
        elif ": error:" in line:
            fail("error: %s" % line)
    if (p.returncode == 1) != bool(found) or p.returncode not in (0, 1):
        fail("--check status %d with %d warnings" % (p.returncode, len(found)))
    return found


def expect(name, found, wanted):
    """wanted: (file, key, words that must be in the message)."""
    left = list(found)
    for file, key, words in wanted:
        hit = [f for f in left if f[0] == file and f[1] == key and words in f[2]]
        if not hit:
            fail("%s: no '%s' reported at %s in %s; got: %s" % (name, words, key, file, found))
            continue
        left.remove(hit[0])
    for f in left:
        fail("%s: unexpected: %s" % (name, f))
    print("%s: %d reported, %d expected" % (name, len(found), len(wanted)))


def plants(lang, b):
    """(name, changed blocks, [(key, words)]) for version lang."""
    out = []
    d = list(b)
    del d[B_PP3]
    out.append(("preambular paragraph deleted", d,
                [("res1.pp.3", "paragraph missing in %s" % lang)]))
    d = list(b)
    d[B_OP1] = d[B_OP1] + " " + re.sub(r"^\d+( -|\.) ", "", d[B_OP2])
    del d[B_OP2]
    out.append(("operative paragraphs merged", d, [("res1.op.1", "merged (2-1)")]))
    d = list(b)
    d[B_BODY3] = sub1(r"(?<![\d/.])20(?![\d/])", "23", d[B_BODY3])
    out.append(("figure changed", d, [("body.3", "numbers differ: %s has 23" % lang)]))
    d = list(b)
    d[B_BODY1] = sub1(r"(?<!\d)9(?!\d)", "8", d[B_BODY1])
    out.append(("date changed", d, [("body.1", "dates differ: %s has 2021-12-08" % lang)]))
    d = list(b)
    d[B_BODY4] = sub1(r"A/C\.2/76/L\.21", "A/C.2/76/L.22", d[B_BODY4])
    out.append(("symbol changed", d,
                [("body.4", "document symbols differ: %s has A/C.2/76/L.22" % lang)]))
    d = list(b)
    d[B_BODY2B] = sub1(r"\(²\)|²", "", d[B_BODY2B])
    out.append(("note marker removed", d, [("body.2.b", "footnote references differ")]))
    recall, reaffirm, further, plain = LEADS[lang]
    d = list(b)
    d[B_PP1] = sub1(re.escape(recall), reaffirm, d[B_PP1])
    out.append(("lead verb changed", d,
                [("res1.pp.1", "lead verbs differ: %s has reaffirm" % lang)]))
    d = list(b)
    d[B_PP2] = sub1(re.escape(further), plain, d[B_PP2])
    out.append(("'further' dropped", d, []))
    return out


def main():
    base = {lang: blocks(lang) for lang in LANGS}
    with tempfile.TemporaryDirectory() as tmp:
        def put(name, b):
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n\n".join(b))
            return path

        paths = {lang: put(lang + ".txt", base[lang]) for lang in LANGS}
        expect("six versions", align([paths[l] for l in LANGS], tmp), [])

        for lang in ["ar", "ru", "fr"]:
            for name, b, wanted in plants(lang, base[lang]):
                edited = put(lang + "-edited.txt", b)
                found = align([edited if l == lang else paths[l] for l in LANGS], tmp)
                expect("%s: %s" % (lang, name), found,
                       [(lang + "-edited.txt", k, w) for k, w in wanted])

        # A rendering that stands for two classes ("请": invites, requests)
        # agrees with either, but one version's "Invites" against four
        # "Requests" is a difference; a shared rendering ("Pide": requests,
        # calls upon) against "Requests" is none.
        en = list(base["en"])
        en[B_OP2 + 1] = sub1(r"\*Requests\*", "*Invites*", en[B_OP2 + 1])
        found = align([put("en-invites.txt", en) if l == "en" else paths[l] for l in LANGS], tmp)
        expect("en: 'Invites' for 'Requests'", found,
               [("en-invites.txt", "res1.op.3", "lead verbs differ: en has invite;")])
        es = list(base["es"])
        es[B_OP2 + 1] = sub1(r"\*Solicita\*", "*Pide*", es[B_OP2 + 1])
        found = align([put("es-pide.txt", es) if l == "es" else paths[l] for l in LANGS], tmp)
        expect("es: 'Pide' for 'Solicita'", found, [])
        en[B_OP2 + 1] = sub1(r"\*Invites\*", "*Welcomes*", en[B_OP2 + 1])
        found = align([put("en-welcomes.txt", en) if l == "en" else paths[l] for l in LANGS], tmp)
        expect("en: 'Welcomes' for 'Requests'", found,
               [("en-welcomes.txt", "res1.op.3", "lead verbs differ: en has welcome;")])

        # Arabic markers printed "(1)", footnote texts "(1) ".
        ar = [re.sub(r"\(([¹²³⁴])\)", lambda m: "(%s)" % SUP[m.group(1)], x)
              for x in base["ar"]]
        ar = [re.sub(r"^([¹²³⁴]) ", lambda m: "(%s) " % SUP[m.group(1)], x) for x in ar]
        if ar == base["ar"] or any("(¹)" in x for x in ar):
            raise SystemExit("test data changed: no Arabic markers to rewrite")
        plain = put("ar-plain.txt", ar)
        expect("Arabic (1) markers", align([paths[l] for l in LANGS[:-1]] + [plain], tmp), [])
        # A "(2)" marker lost there: its text "(2) " among the footnote
        # texts is still one (Arabic sub-items are letters), unpaired; the
        # paragraph that lost the marker is reported, nothing else (no
        # sub-item body.2.c, no paragraph missing).
        ar[B_BODY2B] = sub1(r"\(2\)", "", ar[B_BODY2B])
        if not ar[B_BODY2B + 2].startswith("(2) "):
            raise SystemExit("test data changed: no Arabic footnote text (2)")
        lost = put("ar-lost.txt", ar)
        expect("Arabic (2) marker lost", align([paths[l] for l in LANGS[:-1]] + [lost], tmp),
               [("ar-lost.txt", "body.2.b", "footnote references differ")])

        # The French numbering its footnotes through the document (³ ⁴ in
        # the first resolution, ⁵ in the annex) where the others restart in
        # each part: its notes pair in order, nothing reported.
        fr = [x.translate(str.maketrans("¹²", "³⁴")) if B_PP1 - 3 <= i <= B_OP2 + 5
              else x.translate(str.maketrans("¹", "⁵")) if i >= 44 else x
              for i, x in enumerate(base["fr"])]
        if sum(x.count(c) for x in fr for c in "³⁴⁵") != 6:
            raise SystemExit("test data changed: French footnotes")
        cont = put("fr-continuous.txt", fr)
        expect("fr notes numbered through", align([cont if l == "fr" else paths[l] for l in LANGS], tmp),
               [])

        # Job numbers and language lines: one of each per version.
        own = {}
        for k, lang in enumerate(LANGS):
            b = list(base[lang])
            b.insert(1, "21-1886%d (%s)" % (k, "CEFSRA"[k]))
            if lang != "en":
                b.insert(0, {"zh": "中文", "fr": "Français", "es": "Español",
                             "ru": "Русский", "ar": "العربية"}[lang])
            own[lang] = b
        mast = [put(l + "-mast.txt", own[l]) for l in LANGS]
        expect("job numbers and language lines", align(mast, tmp), [])
        # Page furniture of text taken from a PDF: each version's job
        # number, date stamp and barcode at its own page break, and again
        # at the end.
        foot = []
        for k, lang in enumerate(LANGS):
            b = list(base[lang])
            b.insert(B_BODY3 + k, "21-1886%d (%s)  101221\n*211886%d*" % (k, "CEFSRA"[k], k))
            b.append("21-1886%d (%s)" % (k, "CEFSRA"[k]))
            foot.append(put(lang + "-foot.txt", b))
        expect("job numbers as page footers", align(foot, tmp), [])

        ru = list(own["ru"])
        ru[B_BODY4 + 2] = sub1(r"A/C\.2/76/L\.21", "A/C.2/76/L.22", ru[B_BODY4 + 2])
        mast[4] = put("ru-mast-edited.txt", ru)
        expect("job numbers and language lines, a symbol changed", align(mast, tmp),
               [("ru-mast-edited.txt", "body.4", "document symbols differ: ru has A/C.2/76/L.22")])
    if failures:
        print("%d failures" % failures)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
