#!/usr/bin/env python3
"""Benchmark (not a test): aligning six versions of a 50-page document.

Builds a synthetic Chinese report from the seed (samples/seed-zh.txt): a
body of numbered paragraphs and a resolution of preambular and operative
paragraphs cycled from the seed's own, with footnotes, until it holds about
50 pages of text (40,000 Han characters at some 800 a page). The six
versions differ a little (each loses one preambular paragraph and has one
figure changed), so that the bead programme and the checks have work.

Prints the best of several runs of
  hexaglot align v1 … v6 -o report.tsv          (whole command)
  hexaglot convert --chain '<standard> | align-free writer' (the same
      reading and normalisation without align)
and their difference, the time the align stage and its report take.

usage: bench/align_bench.py [path/to/hexaglot]
"""
import os
import re
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def seed_paragraphs():
    with open(os.path.join(SRC, "samples", "seed-zh.txt"), encoding="utf-8") as f:
        blocks = [b.strip() for b in f.read().split("\n\n") if b.strip()]
    numbered = [re.sub(r"^\d+\. ", "", b) for b in blocks if re.match(r"^\d+\. ", b)]
    preamb = [b for b in blocks if re.match(r"^(又|还)?(回顾|重申|确认|注意到|表示注意到|强调指出)", b)]
    strip = lambda s: re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", s)
    return [strip(b) for b in numbered], [strip(b) for b in preamb]


def document(numbered, preamb, version):
    han = 0
    out = ["第七十六届会议", "议程项目 17", "信息和通信技术促进可持续发展",
           "第二委员会的报告", "一. 引言"]
    notes, n = [], 0
    body = []
    k = 0
    while han < 16000:
        text = numbered[k % len(numbered)]
        k += 1
        n += 1
        if n % 5 == 0:
            notes.append(n)
            text += "%s" % str(len(notes)).translate(SUP)
        body.append("%d. %s" % (len(body) + 1, text))
        han += sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        if len(notes) == 4:
            out += body + ["%s 见 A/C.2/76/SR.%d。" % (str(i + 1).translate(SUP), i + 2)
                           for i in range(4)]
            body, notes = [], []
    out += body + ["%s 见 A/C.2/76/SR.%d。" % (str(i + 1).translate(SUP), i + 2)
                   for i in range(len(notes))]
    out += ["%d. 第二委员会建议大会通过以下决议草案：" % (len(out)),
            "信息和通信技术促进可持续发展", "大会，"]
    pp = 0
    while han < 28000:
        pp += 1
        if pp == 7 + version * 5:
            continue  # this version lost a recital
        text = preamb[pp % len(preamb)]
        out.append(text)
        han += sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    op = 0
    while han < 40000:
        op += 1
        text = numbered[(op * 7) % len(numbered)]
        if op == 20 + version:
            text = "全世界 %d%% 的男性使用互联网。" % (55 + version) + text
        out.append("%d. %s" % (op, text))
        han += sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return "\n\n".join(out) + "\n", han


def best(cmd, runs=7):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t)
        if p.returncode not in (0, 1):
            raise SystemExit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()))
    return min(times)


def main():
    numbered, preamb = seed_paragraphs()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for v in range(6):
            text, han = document(numbered, preamb, v)
            path = os.path.join(tmp, "v%d.txt" % (v + 1))
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            paths.append(path)
        size = os.path.getsize(paths[0])
        print("6 versions of %d Han characters (~%d pages), %d KB each" %
              (han, han // 800, size // 1024))
        whole = best([EXE, "align"] + paths + ["-o", os.path.join(tmp, "r.tsv")])
        std = subprocess.run([EXE, "stages"], capture_output=True, text=True)
        chain = "structure | notes | rejoin | zh-norm"
        base = best([EXE, "convert", "--chain", chain + " | txt"] + paths +
                    ["-o", os.path.join(tmp, "txt")])
        with open(os.path.join(tmp, "r.tsv"), encoding="utf-8") as f:
            rows = sum(1 for _ in f) - 1
        print("align, whole command:        %.3f s (%d rows)" % (whole, rows))
        print("same chain, txt instead:     %.3f s" % base)
        print("align stage + TSV report:    %.3f s" % max(0.0, whole - base))
        del std
    return 0


if __name__ == "__main__":
    sys.exit(main())
