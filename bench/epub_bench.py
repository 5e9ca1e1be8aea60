#!/usr/bin/env python3
"""Benchmark (not a test): EPUB throughput against pandoc, in the same run.

The seed saved as Word stores it (tests/docx_seed.py --make) is copied N
times; `hexaglot batch -t epub -j 2` converts the copies, and pandoc
converts them two at a time (2 cores, like -j 2). Prints documents per
second for both, the best of three runs, and the ratio (target: >= 20);
then the processor time per document (user + system of every process,
from getrusage), which a machine busy with other work disturbs less.

usage: bench/epub_bench.py [path/to/hexaglot] [N]
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_of(runs, fn):
    """Best wall time and best processor time of runs."""
    best, best_cpu = None, None
    for _ in range(runs):
        t, c = time.perf_counter(), cpu()
        fn()
        t, c = time.perf_counter() - t, cpu() - c
        best = t if best is None else min(best, t)
        best_cpu = c if best_cpu is None else min(best_cpu, c)
    return best, best_cpu


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

        th, ch = best_of(3, hexaglot)
        tp, cp = best_of(3, pandoc)
        print("load average: %.1f on %d cores" % (os.getloadavg()[0], os.cpu_count()))
        print("hexaglot -t epub -j 2: %d documents in %.2f s: %.0f documents/s, %.1f ms CPU each"
              % (N, th, N / th, 1000 * ch / N))
        print("pandoc, 2 at a time:   %d documents in %.2f s: %.1f documents/s, %.1f ms CPU each"
              % (N, tp, N / tp, 1000 * cp / N))
        print("ratio: %.1fx pandoc's documents/s (target >= 20x); %.1fx in CPU time"
              % (tp / th, cp / ch))


if __name__ == "__main__":
    main()
