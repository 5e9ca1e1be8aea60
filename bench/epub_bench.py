#!/usr/bin/env python3
"""Benchmark (not a test): EPUB throughput against pandoc, in the same run.

The seed saved as Word stores it (tests/docx_seed.py --make) is copied N
times; `hexaglot batch -t epub -j 2` converts the copies, and pandoc
converts them two at a time (2 cores, like -j 2). Prints documents per
second for both, the best of three runs, and the ratio (target: >= 20);
then the processor time per document (user + system of every process),
which a machine busy with other work disturbs less, and the peak memory
(the largest resident set of one process: hexaglot's batch parent or a
worker, one pandoc). Each process is reaped with os.wait4, whose usage
is that process's and its own children's only, so neither tool's figures
include the other's (getrusage(RUSAGE_CHILDREN) would mix them and keep
the largest resident set of the whole run).

usage: bench/epub_bench.py [path/to/hexaglot] [N]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100


class Usage:
    """Processor seconds and peak resident set (KB) of the processes run."""

    def __init__(self):
        self.cpu, self.maxrss = 0.0, 0
        self.lock = threading.Lock()

    def run(self, cmd):
        """Runs cmd, reaps it with wait4 and adds its own usage."""
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = p.stderr.read()
        p.stderr.close()
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        with self.lock:
            self.cpu += ru.ru_utime + ru.ru_stime
            self.maxrss = max(self.maxrss, ru.ru_maxrss)
        if p.returncode != 0:
            sys.exit("%s: exit %d\n%s" % (cmd[0], p.returncode, err.decode(errors="replace")))


def best_of(runs, fn):
    """Best wall time, best processor time and peak memory (KB) of runs."""
    best, best_cpu, peak = None, None, 0
    for _ in range(runs):
        u = Usage()
        t = time.perf_counter()
        fn(u)
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
        best_cpu = u.cpu if best_cpu is None else min(best_cpu, u.cpu)
        peak = max(peak, u.maxrss)
    return best, best_cpu, peak


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

        def hexaglot(u):
            shutil.rmtree(out, ignore_errors=True)
            u.run([EXE, "batch", *inputs, "-o", out, "-j", "2", "-t", "epub"])

        def pandoc(u):
            with ThreadPoolExecutor(2) as ex:
                list(ex.map(lambda p: u.run(["pandoc", p, "-o", p + ".epub"]), inputs))

        th, ch, mh = best_of(3, hexaglot)
        tp, cp, mp = best_of(3, pandoc)
        print("load average: %.1f on %d cores" % (os.getloadavg()[0], os.cpu_count()))
        print("hexaglot -t epub -j 2: %d documents in %.2f s: %6.1f documents/s, "
              "%6.2f ms CPU each, peak %3d MB in one process" % (N, th, N / th, 1000 * ch / N,
                                                                mh // 1024))
        print("pandoc, 2 at a time:   %d documents in %.2f s: %6.1f documents/s, "
              "%6.2f ms CPU each, peak %3d MB in one process" % (N, tp, N / tp, 1000 * cp / N,
                                                                mp // 1024))
        for what, r in (("documents/s (wall clock)", tp / th), ("CPU time per document", cp / ch)):
            print("ratio, %-25s %5.1fx pandoc  (target >= 20x: %s)"
                  % (what + ":", r, "met" if r >= 20 else "NOT met"))


if __name__ == "__main__":
    main()
