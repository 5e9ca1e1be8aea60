#!/usr/bin/env python3
"""Benchmark (not a test): EPUB throughput against pandoc, in the same run.

The seed saved as Word stores it (tests/docx_seed.py --make) is copied N
times; `hexaglot batch -t epub -j 2` converts the copies, and pandoc
converts them two at a time (2 cores, like -j 2). Prints documents per
second for both, the best of three runs, and the ratio (target: >= 20).

usage: bench/epub_bench.py [path/to/hexaglot] [N]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100


def best_of(runs, fn):
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    return best


def main():
    if not shutil.which("pandoc"):
        sys.exit("pandoc is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        seed = os.path.join(tmp, "seed.docx")
        subprocess.run([sys.executable, os.path.join(SRC, "tests", "docx_seed.py"), "--make", seed],
                       check=True)
        inputs = []
        for i in range(N):
            p = os.path.join(tmp, "doc%04d.docx" % i)
            shutil.copy(seed, p)
            inputs.append(p)
        out = os.path.join(tmp, "out")

        def hexaglot():
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run([EXE, "batch", *inputs, "-o", out, "-j", "2", "-t", "epub"],
                           check=True, capture_output=True)

        def pandoc_one(p):
            subprocess.run(["pandoc", p, "-o", p + ".epub"], check=True, capture_output=True)

        def pandoc():
            with ThreadPoolExecutor(2) as ex:
                list(ex.map(pandoc_one, inputs))

        th = best_of(3, hexaglot)
        tp = best_of(3, pandoc)
        print("hexaglot -t epub -j 2: %d documents in %.2f s: %.0f documents/s"
              % (N, th, N / th))
        print("pandoc, 2 at a time:   %d documents in %.2f s: %.1f documents/s"
              % (N, tp, N / tp))
        print("ratio: %.0fx pandoc's documents/s (target >= 20x)" % (tp / th))


if __name__ == "__main__":
    main()
