#!/usr/bin/env python3
"""Benchmark (not a test): the PDF writer against LibreOffice.

1. The seed (samples/seed-zh.txt, a 12-page Chinese report): hexaglot
   convert -t pdf, best of 5, against soffice --headless --convert-to pdf
   of the same file in the same run, best of 3 (after one warm-up run that
   creates its profile). Prints both, the ratio, pages and sizes.
2. A 240-page document: the seed's text repeated until hexaglot sets at
   least 240 pages; the time and peak memory (/usr/bin/time) of one
   conversion pinned to one core (taskset), best of 3. With --lo-long,
   LibreOffice converts it too (about 90 s).

Targets (issue 10): at least 30 times faster than LibreOffice on the seed;
240 pages in under 1 s on one core with peak memory under 150 MB.

usage: bench/pdf_bench.py [path/to/hexaglot] [--lo-long]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
EXE = args[0] if args else os.path.join(SRC, "build", "hexaglot")
SEED = os.path.join(SRC, "samples", "seed-zh.txt")


def best(cmd, n, env=None):
    t = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        t.append(time.perf_counter() - t0)
    return min(t)


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def main():
    tmp = tempfile.mkdtemp()
    try:
        out = os.path.join(tmp, "seed.pdf")
        hx = best([EXE, "convert", SEED, "-t", "pdf", "-o", out], 5)
        print("seed  hexaglot  %.3f s  %d pages  %d bytes" % (hx, pages(out), os.path.getsize(out)))
        soffice = shutil.which("soffice")
        if soffice:
            prof = "file://" + os.path.join(tmp, "lo-profile")
            lo_dir = os.path.join(tmp, "lo")
            cmd = [soffice, "-env:UserInstallation=" + prof, "--headless", "--convert-to", "pdf",
                   "--outdir", lo_dir, SEED]
            best(cmd, 1)  # creates the profile
            lo = best(cmd, 3)
            lo_pdf = os.path.join(lo_dir, "seed-zh.pdf")
            print("seed  LibreOffice %.3f s  %d pages  %d bytes" % (lo, pages(lo_pdf),
                                                                   os.path.getsize(lo_pdf)))
            print("seed  ratio  %.1fx faster (target >= 30x)" % (lo / hx))
        else:
            print("seed  LibreOffice: soffice not installed (apt-get install libreoffice-writer-nogui)")
        # The long document.
        seed = open(SEED, encoding="utf-8").read()
        big = os.path.join(tmp, "long.txt")
        n = 20
        while True:
            with open(big, "w", encoding="utf-8") as f:
                f.write("\n\n".join([seed] * n))
            out = os.path.join(tmp, "long.pdf")
            subprocess.run([EXE, "convert", big, "-t", "pdf", "-o", out], capture_output=True)
            if pages(out) >= 240:
                break
            n += 5
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        runs = []
        for _ in range(3):
            r = subprocess.run(pin + ["/usr/bin/time", "-f", "%e %M", EXE, "convert", big, "-t",
                                      "pdf", "-o", out], capture_output=True, text=True)
            secs, kb = r.stderr.strip().splitlines()[-1].split()
            runs.append((float(secs), int(kb)))
        secs, kb = min(runs)
        print("long  hexaglot  %.2f s  %.1f MB peak  %d pages  %d bytes (one core; target < 1 s, "
              "< 150 MB)" % (secs, kb / 1024, pages(out), os.path.getsize(out)))
        if soffice and "--lo-long" in sys.argv:
            lo = best([soffice, "-env:UserInstallation=" + prof, "--headless", "--convert-to",
                       "pdf", "--outdir", lo_dir, big], 1)
            print("long  LibreOffice %.1f s  %d pages" % (lo, pages(os.path.join(lo_dir,
                                                                                "long.pdf"))))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
