#!/usr/bin/env python3
"""Benchmark (not a test): batch throughput on copies of the seed.

Converts N copies of samples/seed-zh.txt (a 12-page Chinese report) with
`hexaglot batch -t txt`, once with -j 1 and once with -j 2, and prints
documents per second and the time per document, the best of three runs.

usage: bench/batch_bench.py [path/to/hexaglot] [N]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200

with tempfile.TemporaryDirectory() as tmp:
    inputs = []
    for i in range(N):
        p = os.path.join(tmp, "doc%04d.txt" % i)
        shutil.copy(os.path.join(SRC, "samples", "seed-zh.txt"), p)
        inputs.append(p)
    for jobs in ("1", "2"):
        best = None
        for _ in range(3):
            out = os.path.join(tmp, "out")
            shutil.rmtree(out, ignore_errors=True)
            t = time.perf_counter()
            subprocess.run([EXE, "batch", *inputs, "-o", out, "-j", jobs, "-t", "txt"],
                           check=True, capture_output=True)
            t = time.perf_counter() - t
            best = t if best is None else min(best, t)
        print("-j %s: %d documents in %.2f s: %.0f documents/s, %.1f ms each"
              % (jobs, N, best, N / best, 1000 * best / N))
