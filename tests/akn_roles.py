#!/usr/bin/env python3
"""Roles the Akoma Ntoso reader sets from the markup, taken as given by the
structure stage, over the shared corpus (corpus/akn): the CND draft
resolution E/CN.7/2012/L.2 in English and Spanish (no <formula>; the
organ's formula opens its preamble) and the ITU Plenipotentiary
Conference's Resolution 2 and Decision 5 (a <formula> no phrase list
names, recitals grouped under "considering", operative headings with
paragraphs numbered under each) get res1.formula, res1.pp.N and res1.op.N
keys, every recital and body paragraph of the source under them; the EU
proposal's articles have their <heading> keyed art.N.title, apart from
paragraph 1. No key is used twice in the resolutions, no article heading
or title in the EU file. Skipped (77) when the shared folder is absent."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "akn")

failed = 0


def check(cond, what):
    global failed
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failed += 1


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def words(s):
    return " ".join(s.split())


def keyed(name):
    """[(key, text)] of the blocks, as -t txt:ids prints them."""
    p = subprocess.run([EXE, "convert", "-t", "txt:ids", "-o", "-", os.path.join(CORPUS, name)],
                       capture_output=True, timeout=120)
    err = p.stderr.decode("utf-8", "replace")
    check(p.returncode == 0 and ": error:" not in err, "%s converts (exit %d)" % (name, p.returncode))
    rows = []
    for line in p.stdout.decode("utf-8").split("\n"):
        if "\t" in line:
            k, t = line.split("\t", 1)
            rows.append((k, t))
    return rows


def no_duplicates(name, rows):
    seen, dup = set(), []
    for k, _ in rows:
        if k != "-" and k in seen:
            dup.append(k)
        seen.add(k)
    check(not dup, "%s: no key twice %s" % (name, dup[:5] if dup else ""))


def texts_of(root, element):
    """Words of each <p> inside the named elements (notes left out)."""
    out = []

    def text(el):
        parts = [el.text or ""]
        for c in el:
            if local(c.tag) != "authorialNote":
                parts.append(text(c))
            parts.append(c.tail or "")
        return "".join(parts)

    for el in root.iter():
        if local(el.tag) == element:
            for p in el.iter():
                if local(p.tag) == "p":
                    out.append(words(text(p)))
    return out


def under(rows, prefix, text):
    """Is text the end of a block keyed prefix…? (labels print before it)"""
    return any(k.startswith(prefix) and words(t).endswith(text) for k, t in rows)


def cnd():
    keys = {}
    for name in ("legaldocml--Bill_UN_2012.xml", "legaldocml--Bill_UN_2012_ES.xml"):
        rows = keyed(name)
        no_duplicates(name, rows)
        ks = [k for k, _ in rows if not k.startswith("front") and not k.startswith("fn.front")]
        keys[name] = ks
        want = ["res1.formula", "res1.pp.1", "res1.pp.2", "res1.pp.3", "res1.pp.4",
                "res1.op.1", "res1.op.2", "res1.op.3", "res1.op.8"]
        check(all(w in ks for w in want), "%s: %s" % (name, " ".join(want)))
        formula = dict(rows).get("res1.formula", "")
        check(formula in ("The Commission on Narcotic Drugs,", "La Comisión de Estupefacientes,"),
              "%s: the formula is the organ's: %r" % (name, formula))
    a, b = keys.values()
    check(a == b, "CND English and Spanish: the same keys after the front matter")


def itu(name, groups, points):
    rows = keyed(name)
    no_duplicates(name, rows)
    ks = [k for k, _ in rows]
    d = dict(rows)
    check(d.get("res1.formula", "").startswith("The Plenipotentiary Conference of the International"),
          "%s: res1.formula is the conference's" % name)
    check(not any(k == "front.date" for k in ks), "%s: no front.date (the number's year is a revision's)" % name)
    root = ET.parse(os.path.join(CORPUS, name)).getroot()
    recitals = texts_of(root, "recital")
    miss = [t for t in recitals if not under(rows, "res1.pp.", t)]
    check(recitals and not miss, "%s: %d recitals keyed res1.pp.* %s" % (name, len(recitals), miss[:2]))
    body = [t for t in texts_of(root, "paragraph") if t and t != "0"]
    miss = [t for t in body if not under(rows, "res1.op.", t)]
    check(body and not miss, "%s: %d body paragraphs keyed res1.op.* %s" % (name, len(body), miss[:2]))
    heads = [k for k in ks if re.fullmatch(r"res1\.op\.\d+", k)]
    check(len(heads) == groups, "%s: %d operative headings (%d)" % (name, groups, len(heads)))
    for p in points:
        check(p in ks, "%s: %s" % (name, p))
    return rows


def eu():
    name = "oasis-example--eu_COM-2013-0619_EN-8.xml"
    rows = keyed(name)
    d = dict(rows)
    # the financial statement after the last article still counts on from
    # it (art.24.1 again): only the headings and titles are checked here
    arts = [k for k, _ in rows if re.fullmatch(r"art\.\d+(\.title)?", k)]
    dup = sorted({k for k in arts if arts.count(k) > 1})
    check(arts and not dup, "%s: article headings and titles keyed once each %s" % (name, dup[:5]))
    root = ET.parse(os.path.join(CORPUS, name)).getroot()
    titled = 0
    for art in root.iter():
        if local(art.tag) != "article":
            continue
        num = heading = None
        for c in art:
            if local(c.tag) == "num":
                num = words("".join(c.itertext()))
            elif local(c.tag) == "heading":
                heading = words("".join(c.itertext()))
        m = re.fullmatch(r"Article (\d+)", num or "")
        if not m or not heading:
            continue
        n = m.group(1)
        ok = d.get("art.%s" % n) == num and words(d.get("art.%s.title" % n, "")) == heading
        check(ok, "%s: art.%s %r, art.%s.title %r" % (name, n, num, n, heading))
        titled += ok
    check(titled >= 20, "%s: %d article titles keyed" % (name, titled))
    check(words(d.get("art.1.1", "")).startswith("1. This Regulation"),
          "%s: art.1.1 is paragraph 1, not the title" % name)


def main():
    if not os.path.isdir(CORPUS):
        print("skip: no shared Akoma Ntoso corpus at %s" % CORPUS)
        return 77
    cnd()
    itu("akn4itu--res_2.xml", 4,
        ["res1.title", "res1.pp.1.a", "res1.pp.3.g", "res1.op.1.9", "res1.op.2.1", "res1.op.4.1"])
    itu("akn4itu--dec_5.xml", 5, ["res1.title", "res1.pp.3+1", "res1.op.1.4.1", "res1.op.1.6.f"])
    eu()
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
