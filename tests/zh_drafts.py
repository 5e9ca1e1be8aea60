#!/usr/bin/env python3
"""Chinese drafts to the UN house style (tests/zh/drafts.tsv: paragraphs
typed the way drafts arrive, each with its expected form):

  - zh-norm gives every expected paragraph, and a second run changes
    nothing;
  - qa finds nothing left to fix in the output (no warning naming a
    zh-norm rule), and zh-norm reports no unpaired quote;
  - in an English document the same Chinese paragraphs come out the same
    and the English paragraphs between them untouched;
  - the seed and (with HX_SHARED) the Chinese UDHR come out of `-t txt`
    with no qa style warning, and `-t txt` of that output changes nothing
    (the text reader reads the txt writer's "[1]" markers back as notes).
"""
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
ENGLISH = [
    "The Committee adopted draft resolution A/C.2/76/L.56 (see para. 11). Mr. Smith said: \"yes\".",
    "Growth was 3.5 % in 2021 ; see https://www.un.org/en/ , 'Digital Economy Report' .",
]
CHAIN = "text | zh-norm | qa | txt"


def load():
    rows, header = [], None
    path = os.path.join(SRC, "tests", "zh", "drafts.tsv")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != 3:
                raise SystemExit("FAIL drafts.tsv:%d: %d cells" % (n, len(cells)))
            rows.append((n, cells[0], cells[1], cells[2]))
    return rows


def convert(tmp, name, paras, args):
    src = os.path.join(tmp, name)
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n\n".join(paras) + "\n")
    out = src + ".out"
    p = subprocess.run([EXE, "convert", src, "-o", out] + args, capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit("FAIL %s: exit %d: %s" % (name, p.returncode, p.stderr.decode()))
    with open(out, encoding="utf-8") as f:
        text = f.read()
    return [b.strip("\n") for b in text.split("\n\n") if b.strip("\n")], p.stderr.decode()


def style_warnings(stderr):
    return [l for l in stderr.splitlines() if "zh-norm rule" in l]


def check_drafts(tmp, rows):
    failed = 0
    out, err = convert(tmp, "drafts.txt", [r[2] for r in rows], ["--lang", "zh", "--chain", CHAIN])
    if len(out) != len(rows):
        print("FAIL %d paragraphs in, %d out" % (len(rows), len(out)))
        return 1
    for (line, src, _, want), got in zip(rows, out):
        if got != want:
            failed += 1
            print("FAIL drafts.tsv:%d (%s)\n   got  %s\n   want %s" % (line, src, got, want))
    for w in style_warnings(err):
        failed += 1
        print("FAIL left to fix: " + w)
    again, _ = convert(tmp, "again.txt", out, ["--lang", "zh", "--chain", CHAIN])
    if again != out:
        failed += 1
        print("FAIL a second run changed the text")
    # a mixed document: English paragraphs around the Chinese ones
    mixed = []
    for r in rows:
        mixed += [ENGLISH[(len(mixed) // 2) % 2], r[2]]
    mout, _ = convert(tmp, "mixed.txt", mixed, ["--lang", "en", "--chain", "text | zh-norm | txt"])
    for k, got in enumerate(mout):
        want = mixed[k] if k % 2 == 0 else rows[k // 2][3]
        if got != want:
            failed += 1
            print("FAIL mixed document, paragraph %d:\n   got  %s\n   want %s" % (k + 1, got, want))
    return failed


def check_documents(tmp):
    failed = 0
    docs = [os.path.join(SRC, "samples", "seed-zh.txt")]
    udhr = os.path.join(SHARED, "corpus", "udhr", "udhr--cmn_hans.html")
    if os.path.exists(udhr):
        docs.append(udhr)
    else:
        print("skip UDHR: %s absent" % udhr)
    for k, doc in enumerate(docs):
        name = os.path.basename(doc)
        once = os.path.join(tmp, "doc%d.txt" % k)
        twice = os.path.join(tmp, "doc%d-again.txt" % k)
        p = subprocess.run([EXE, "convert", doc, "-t", "txt", "-o", once], capture_output=True)
        q = subprocess.run([EXE, "convert", once, "--chain",
                            "text | structure | notes | rejoin | zh-norm | qa | txt", "-o",
                            os.path.join(tmp, "qa.txt")], capture_output=True)
        r = subprocess.run([EXE, "convert", once, "-t", "txt", "-o", twice], capture_output=True)
        if p.returncode or r.returncode:
            print("FAIL %s: exit %d/%d" % (name, p.returncode, r.returncode))
            failed += 1
            continue
        for w in style_warnings(q.stderr.decode()):
            failed += 1
            print("FAIL %s left to fix: %s" % (name, w))
        with open(once, "rb") as a, open(twice, "rb") as b:
            if a.read() != b.read():
                failed += 1
                print("FAIL %s: -t txt of its own output changed it" % name)
    return failed


def main():
    rows = load()
    with tempfile.TemporaryDirectory() as tmp:
        failed = check_drafts(tmp, rows) + check_documents(tmp)
    print("%d paragraphs, %d failures" % (len(rows), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
