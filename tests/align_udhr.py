#!/usr/bin/env python3
"""The Universal Declaration in six languages (HX_SHARED/corpus/udhr),
aligned: all 30 articles align 1-1 in every language with no flag at all,
and the preamble flags exactly the differences these six texts really
have (each one read and justified below). Skipped (77) without the corpus.

First with the standard chain without `rejoin` (exactly the flags below):
these HTML files have no page breaks, and rejoin once joined the Russian
recitals (which end in "; и"); then `hexaglot align` itself (a subset of
them: rejoin repairs the Arabic split).

Justified flags (versions in the order en fr zh ar ru es):
  pre.4          ar      missing  the Arabic text has no recital on friendly
                                  relations between nations (6, not 7)
  pre.transition en, es  missing  only English and Spanish have a separate
                                  "Now, therefore," paragraph (the minority
                                  is named: fr zh ar ru have none)
  pre.formula    zh      missing  the Chinese preamble ends in one paragraph
                                  "因此现在，大会，发布……" (transition, formula
                                  and proclamation), aligned with the
                                  proclamation
  pre.op         ar      merged   the proclamation is two paragraphs (1-2)
"""
import json
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
LANGS = ["eng", "fra", "cmn_hans", "arb", "rus", "spa"]
JUSTIFIED = {
    ("pre.4", "ar", "missing"),
    ("pre.transition", "en", "missing"),
    ("pre.transition", "es", "missing"),
    ("pre.formula", "zh", "missing"),
    ("pre.op", "ar", "merged"),
}


def main():
    paths = [os.path.join(SHARED, "corpus", "udhr", "udhr--%s.html" % l) for l in LANGS]
    if not all(os.path.exists(p) for p in paths):
        print("skipped: the UDHR corpus is not in %s" % SHARED)
        return 77
    bad = check(paths, ["convert", "--chain", "structure | notes | zh-norm | align | align-json"],
                exact=True)
    # `hexaglot align` itself (the standard chain, rejoin included): the
    # articles as strictly, the preamble with no flag beyond those above
    # (rejoin may repair the Arabic split).
    bad += check(paths, ["align"], exact=False)
    return 1 if bad else 0


def check(paths, cmd, exact):
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "udhr.json")
        p = subprocess.run([EXE] + cmd + paths + ["-o", out], capture_output=True,
                           text=True, timeout=60)
        if p.returncode != 0:
            print("FAIL: status %d\n%s" % (p.returncode, p.stderr))
            return 1
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
    names = [v["name"] for v in report["versions"]]
    if names != ["en", "fr", "zh", "ar", "ru", "es"]:
        print("FAIL: versions %s" % names)
        bad += 1
    rows = report["rows"]
    articles = [r for r in rows if r["part"] == "art"]
    heads = [r["key"] for r in articles if r["key"].count(".") == 1]
    if heads != ["art.%d" % n for n in range(1, 31)]:
        print("FAIL: article rows %s" % heads)
        bad += 1
    for r in articles:
        if r["bead"] != "1-1" or r["flags"] or any(not c["keys"] for c in r["cells"]):
            print("FAIL: %s: bead %s, flags %s" % (r["key"], r["bead"], r["flags"]))
            bad += 1
    pre = [r for r in rows if r["part"] == "pre"]
    if len(pre) < 10:
        print("FAIL: %d preamble rows" % len(pre))
        bad += 1
    found = {(d["key"], d["version"], d["kind"]) for d in report["diagnostics"]}
    for f in sorted(found - JUSTIFIED):
        print("FAIL: unexpected flag %s" % (f,))
        bad += 1
    for f in sorted(JUSTIFIED - found) if exact else []:
        print("FAIL: expected flag missing %s" % (f,))
        bad += 1
    print("%s: %d rows (%d in articles, %d in the preamble), %d flags: %s" %
          (cmd[0], len(rows), len(articles), len(pre), len(report["diagnostics"]),
           sorted(found)))
    return bad


if __name__ == "__main__":
    sys.exit(main())
