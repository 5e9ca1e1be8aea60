#!/usr/bin/env python3
"""Benchmark (not a test): the reviser's proof of a 40-page pair.

Repeats the Chinese and English report fixtures (tests/align) until
`hexaglot align zh en -o proof.pdf` gives at least 40 pages, then prints
the best of three runs in elapsed and CPU seconds (user + system; the
machine may be shared) and the peak memory. Target (issue 11): < 1 s.

usage: bench/proof_bench.py [path/to/hexaglot]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")


def main():
    tmp = tempfile.mkdtemp()
    try:
        texts = {l: open(os.path.join(SRC, "tests", "align", l + ".txt"), encoding="utf-8").read()
                 for l in ("zh", "en")}
        out = os.path.join(tmp, "proof.pdf")
        n = 4
        while True:
            paths = []
            for l, t in texts.items():
                p = os.path.join(tmp, l + ".txt")
                open(p, "w", encoding="utf-8").write("\n\n".join([t] * n))
                paths.append(p)
            subprocess.run([EXE, "align", *paths, "-o", out], capture_output=True)
            info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            if pages >= 40:
                break
            n += 2
        runs = []
        for _ in range(3):
            r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", EXE, "align", *paths, "-o",
                                out], capture_output=True, text=True)
            e, u, s, kb = r.stderr.strip().splitlines()[-1].split()
            runs.append((float(e), float(u) + float(s), int(kb)))
        e, cpu, kb = min(runs)
        print("proof  %d pages  %.2f s elapsed, %.2f s CPU  %.1f MB peak (target < 1 s)" % (
            pages, e, cpu, kb / 1024))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
