#!/usr/bin/env python3
"""The language data tables (filters/*/data/*.tsv, pipeline/data/*.tsv):
each says where its data comes from (a "Source:" comment) and has rows as
wide as its header; every lead-word class of lead_words.tsv is defined in
lead_classes.tsv with its graded family written FAMILY:DEGREE, and has
renderings in all six UN languages and in any other language the table
names (a seventh language is rows for every class); no rendering is listed twice for one
class and language; the ordinals are stored case-folded."""
import glob
import os
import sys

SRC = os.environ.get("HX_SOURCE", os.path.join(os.path.dirname(__file__), ".."))
LANGS = {"zh", "en", "fr", "es", "ru", "ar"}
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def read(path):
    comments, header, rows = [], None, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line)
            elif not line.strip():
                continue
            elif header is None:
                header = line.split("\t")
            else:
                cells = line.split("\t")
                if len(cells) != len(header):
                    fail("%s:%d: %d cells, header has %d" % (path, n, len(cells), len(header)))
                rows.append(dict(zip(header, cells)))
    return comments, header, rows


def main():
    tables = sorted(glob.glob(os.path.join(SRC, "filters", "**", "data", "*.tsv"), recursive=True) +
                    glob.glob(os.path.join(SRC, "pipeline", "data", "*.tsv")))
    if len(tables) < 5:
        fail("only %d data tables found" % len(tables))
    for t in tables:
        comments, header, rows = read(t)
        if not any("Source" in c for c in comments):
            fail("%s: no comment line saying where the data comes from" % t)
        if "lang" in (header or []):
            for r in rows:
                if not r["lang"].isalpha() or not r["lang"].islower():
                    fail("%s: language %r is no BCP 47 primary tag" % (t, r["lang"]))
    d = os.path.join(SRC, "filters", "structure", "data")
    _, _, words = read(os.path.join(d, "lead_words.tsv"))
    _, _, classes = read(os.path.join(d, "lead_classes.tsv"))
    defined = {}
    for c in classes:
        name, fam, deg = c["class"], c["family"], c["degree"]
        want = fam + ":" + deg if deg else (fam or name)
        if want != name or (deg and not fam):
            fail("lead_classes.tsv: %s is not named FAMILY:DEGREE (%r, %r)" % (name, fam, deg))
        defined[name] = c
    seen, langs = set(), {}
    for w in words:
        if w["class"] not in defined:
            fail("lead_words.tsv: class %s is not in lead_classes.tsv" % w["class"])
        k = (w["class"], w["lang"], w["text"])
        if k in seen:
            fail("lead_words.tsv: %s listed twice" % "/".join(k))
        seen.add(k)
        langs.setdefault(w["class"], set()).add(w["lang"])
    # every class in the six languages and in any other the table names
    every = LANGS.union(*langs.values())
    for c in defined:
        missing = every - langs.get(c, set())
        if missing:
            fail("lead class %s has no rendering in %s" % (c, ", ".join(sorted(missing))))
    # the stage reads ordinals.tsv without folding it
    _, _, ords = read(os.path.join(d, "ordinals.tsv"))
    for o in ords:
        if o["text"] != o["text"].casefold():
            fail("ordinals.tsv: %r is not case-folded" % o["text"])
        if not 1 <= int(o["value"]) <= 999:
            fail("ordinals.tsv: value %s out of range" % o["value"])
    print("%d tables, %d lead classes, %d renderings" % (len(tables), len(defined), len(words)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
