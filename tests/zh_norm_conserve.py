#!/usr/bin/env python3
"""zh-norm on whole documents (the seed, the rules sample, the drafts of
tests/zh/drafts.tsv as one Chinese and one English document and, when
HX_SHARED is there, the Chinese UDHR): the output with zh-norm has the same
characters as without it, up to NFKC, white space and the length of runs
of dots and dashes (nothing lost, nothing invented); and a second zh-norm
changes nothing."""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")


def run(path, chain, lang):
    argv = [EXE, "convert", path, "--chain", chain, "-o", "-"]
    if lang:
        argv[2:2] = ["--lang", lang]
    p = subprocess.run(argv, cwd=SRC, capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit("FAIL %s: exit %d: %s" % (path, p.returncode, p.stderr.decode()))
    return p.stdout.decode("utf-8")


def skeleton(s):
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[.\u3002\u22ef]+", ".", s)
    s = re.sub(r"[\u201c\u201d]", '"', re.sub(r"[\u2018\u2019]", "'", s))
    return re.sub(r"[-\u2014\u2015\u2212]+", "-", s)


def drafts(tmp):
    """The drafts' inputs as a Chinese document and, between English
    paragraphs, as an English one."""
    with open(os.path.join(SRC, "tests", "zh", "drafts.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    paras = [r[1] for r in rows[1:]]
    zh, en = os.path.join(tmp, "drafts-zh.txt"), os.path.join(tmp, "drafts-en.txt")
    with open(zh, "w", encoding="utf-8") as f:
        f.write("\n\n".join(paras) + "\n")
    with open(en, "w", encoding="utf-8") as f:
        f.write("\n\n".join("The Committee met on 5 October 2021 (see A/76/62) .\n\n" + p
                              for p in paras) + "\n")
    return [(zh, "text", "zh"), (en, "text", "en")]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        return check(tmp)


def check(tmp):
    docs = [("samples/seed-zh.txt", "text", None), ("samples/zh-norm-rules.txt", "text", "zh")]
    docs += drafts(tmp)
    udhr = os.path.join(SHARED, "corpus", "udhr", "udhr--cmn_hans.html")
    if os.path.exists(udhr):
        docs.append((udhr, "html", None))
    failed = 0
    for path, reader, lang in docs:
        base = reader + " | structure | notes | rejoin"
        plain = run(path, base + " | txt", lang)
        once = run(path, base + " | zh-norm | txt", lang)
        twice = run(path, base + " | zh-norm | zh-norm | txt", lang)
        gbt = run(path, base + " | zh-norm:profile=gbt15834 | txt", lang)
        problems = []
        if once == plain:
            problems.append("zh-norm changed nothing")
        if twice != once:
            problems.append("a second run changed the text")
        for name, out in (("un", once), ("gbt15834", gbt)):
            a, b = skeleton(plain), skeleton(out)
            if a != b:
                i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                problems.append("%s: characters differ at %d: %r vs %r" % (name, i, a[i:i + 20], b[i:i + 20]))
        if problems:
            print("FAIL %s: %s" % (path, "; ".join(problems)))
            failed += 1
        else:
            print("ok   %s: %d characters kept, %d spaces removed" % (
                path, len(skeleton(once)), len(re.findall(r" ", plain)) - len(re.findall(r" ", once))))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
