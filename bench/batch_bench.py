#!/usr/bin/env python3
"""Benchmark (not a test): batch throughput against pandoc and the floor,
in one run, on one command.

    bench/batch_bench.py [path/to/hexaglot] [N]

Builds, in a temporary directory: the seed (samples/seed-zh.txt, a
12-page Chinese report) as DOCX, an English report of the same length as
DOCX (tests/align/en.txt, its paragraphs repeated and renumbered), a
240-page document (the seed's body twenty times), two 8,000-paragraph
versions for align, and 100,000 tiny text files. Then prints, with the
targets of issue 14:
  - documents/s of `hexaglot batch -j 2 -t txt` on N copies of each DOCX
    (and of a Word-made one from ../shared/corpus when present: Word's
    styles and numbering parts), CPU per document, against pandoc (docx ->
    plain, 2 at a time) and the floor (bench/floor.c: libzip + libxml2
    reading every part, built here; and the floor writing a file for each
    document, as every converter must); best of three alternating runs; and,
    with valgrind, the instructions a document adds to a batch (callgrind,
    hexaglot's parent and workers against the floor): processor time on a
    shared machine, and the kernel's cost of creating the output files
    (which the floor does not write), vary; instructions do not;
  - one 240-page document: seconds and peak memory;
  - align of two 8,000-paragraph versions: seconds;
  - seconds from the start of a 100,000-input batch to its first output;
  - peak memory of a worker (the largest resident set of the children).
Times are wall-clock on a shared machine: compare ratios from one run.
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build", "hexaglot")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
sys.path.insert(0, os.path.join(SRC, "tests"))
import docx_seed  # noqa: E402


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


PEAK = {}


def timed(cmd, label=None):
    """Wall seconds, CPU seconds of the children, exit status. The peak
    resident set of cmd's own process tree (wait4's rusage: the process
    and the children it waited for, not other commands of this run) is
    kept in PEAK[label]."""
    c0, t0 = children_cpu(), time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if label:
        PEAK[label] = max(PEAK.get(label, 0), ru.ru_maxrss / 1024)
    return time.perf_counter() - t0, children_cpu() - c0, p.returncode


def english_text(path):
    """tests/align/en.txt with its numbered paragraphs repeated to about
    the seed's length, renumbered."""
    import re
    lines = open(os.path.join(SRC, "tests", "align", "en.txt"), encoding="utf-8").read().split("\n\n")
    sup = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
    lines = [re.sub("[%s]" % sup, "", l) for l in lines if l and l[0] not in sup]
    head = [l for l in lines if not re.match(r"\d+\. ", l)][:8]
    body = [re.sub(r"^\d+\. ", "", l) for l in lines if re.match(r"\d+\. ", l)]
    out, n = list(head), 0
    while sum(len(x) for x in out) < 36000:
        for b in body:
            n += 1
            out.append("%d. %s" % (n, b))
    open(path, "w", encoding="utf-8").write("\n\n".join(out) + "\n")


def make_docx(text, out):
    saved = docx_seed.SEED
    docx_seed.SEED = text
    try:
        docx_seed.make(out)
    finally:
        docx_seed.SEED = saved


def copies(src, d, n):
    os.makedirs(d)
    ext = os.path.splitext(src)[1]
    for i in range(n):
        shutil.copy(src, os.path.join(d, "doc%05d%s" % (i, ext)))
    return sorted(os.path.join(d, f) for f in os.listdir(d))


def instructions(cmd, tmp):
    """Instructions executed by cmd and every process it forks (callgrind),
    or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    cg = os.path.join(tmp, "cg")
    shutil.rmtree(cg, ignore_errors=True)
    os.makedirs(cg)
    subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                    "--callgrind-out-file=" + os.path.join(cg, "out.%p")] + cmd,
                   capture_output=True)
    total = 0
    for f in os.listdir(cg):
        for line in open(os.path.join(cg, f), errors="replace"):
            if line.startswith("summary:") or line.startswith("totals:"):
                total += int(line.split()[1])
                break
    return total


def marginal_instructions(doc, floor, tmp):
    """Instructions a document adds to a batch (11 copies less 1, over 10;
    start-up left out), hexaglot (all its processes) and the floor."""
    res = []
    for prog in ("hexaglot", "floor"):
        counts = []
        for n in (1, 11):
            d = os.path.join(tmp, "ins%d" % n)
            shutil.rmtree(d, ignore_errors=True)
            files = copies(doc, d, n)
            out = os.path.join(tmp, "ins-out")
            shutil.rmtree(out, ignore_errors=True)
            cmd = [EXE, "batch", d, "-o", out, "-j", "1", "-t", "txt"] if prog == "hexaglot" \
                else [floor] + files
            counts.append(instructions(cmd, tmp))
        if None in counts:
            return None
        res.append((counts[1] - counts[0]) / 10)
    return res


def pandoc_pair(files):
    """pandoc on files, two processes at a time, like -j 2."""
    half = [files[0::2], files[1::2]]
    c0, t0 = children_cpu(), time.perf_counter()
    procs = [subprocess.Popen(["sh", "-c", 'for f; do pandoc -f docx -t plain "$f" -o /dev/stdout '
                               '>/dev/null; done', "sh"] + h) for h in half if h]
    for p in procs:
        p.wait()
    return time.perf_counter() - t0, children_cpu() - c0


def main():
    tmp = tempfile.mkdtemp(prefix="hx-bench-")
    try:
        floor = os.path.join(tmp, "floor")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libzip", "libxml-2.0"],
                               capture_output=True, text=True, check=True).stdout.split()
        subprocess.run(["cc", "-O2", "-o", floor, os.path.join(SRC, "bench", "floor.c")] + flags,
                       check=True)
        zh = os.path.join(tmp, "zh.docx")
        make_docx(os.path.join(SRC, "samples", "seed-zh.txt"), zh)
        en_txt = os.path.join(tmp, "en.txt")
        english_text(en_txt)
        en = os.path.join(tmp, "en.docx")
        make_docx(en_txt, en)
        have_pandoc = shutil.which("pandoc") is not None
        print("%-34s %10s %10s %10s %12s" % ("12-page DOCX -> txt, %d copies" % N, "docs/s",
                                           "CPU ms/doc", "vs floor", "vs pandoc"))
        sets = [("Chinese", zh), ("English", en)]
        word = os.path.join(SHARED, "corpus", "docx", "openxml-sdk--ForTestCase_footnote.docx")
        if os.path.exists(word):  # a Word document: 28 KB of styles, 290 KB of text, notes
            sets.append(("Word-made", word))
        for name, doc in sets:
            files = copies(doc, os.path.join(tmp, name), N)
            out = os.path.join(tmp, "out-" + name)
            # Alternating runs, the best of three each: the machine is shared.
            wall_f = cpu_f = wall = cpu = cpu_fw = float("inf")
            fout = os.path.join(tmp, "floor-out-" + name)
            for _ in range(3):
                w, c, _ = timed([floor] + files)
                wall_f, cpu_f = min(wall_f, w), min(cpu_f, c)
                shutil.rmtree(fout, ignore_errors=True)
                os.makedirs(fout)
                cpu_fw = min(cpu_fw, timed([floor, "-o", fout] + files)[1])
                shutil.rmtree(out, ignore_errors=True)
                w, c, rc = timed([EXE, "batch", os.path.join(tmp, name), "-o", out, "-j", "2",
                                  "-t", "txt"], "12-page " + name)
                wall, cpu = min(wall, w), min(cpu, c)
                if rc:
                    print("hexaglot failed on", name)
            pw, pc = pandoc_pair(files[:max(10, N // 10)]) if have_pandoc else (0, 0)
            pn = max(10, N // 10)
            rate = N / wall
            print("%-34s %10.0f %10.2f %9.1fx %11.1fx" % (
                "hexaglot batch -j 2, " + name, rate, 1000 * cpu / N, cpu / max(cpu_f, 1e-9),
                rate / (pn / pw) if pw else float("nan")))
            print("%-34s %10.0f %10.2f" % ("floor (libzip + libxml2), " + name, N / wall_f,
                                          1000 * cpu_f / N))
            print("%-34s %10s %10.2f %9.1fx" % ("floor writing an output each, " + name, "",
                                               1000 * cpu_fw / N, cpu / max(cpu_fw, 1e-9)))
            if pw:
                print("%-34s %10.1f %10.2f" % ("pandoc, 2 at a time, " + name, pn / pw,
                                              1000 * pc / pn))
            ins = marginal_instructions(doc, floor, tmp)
            if ins:
                print("%-34s %10s %9.1fM %9.1fx  (floor %.1fM; callgrind, start-up left out)"
                      % ("  instructions a document, " + name, "", ins[0] / 1e6,
                         ins[0] / ins[1], ins[1] / 1e6))
        # 240 pages: the seed's text twenty times
        big = os.path.join(tmp, "big.docx")
        import zipfile
        with zipfile.ZipFile(zh) as zin:
            parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
        doc = parts["word/document.xml"].decode()
        a, b = doc.index("<w:body>") + 8, doc.rindex("<w:sectPr>")
        parts["word/document.xml"] = (doc[:a] + doc[a:b] * 20 + doc[b:]).encode()
        with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
        best = min(timed([EXE, "convert", big, "-t", "txt", "-o", os.path.join(tmp, "big.out")],
                         "240-page txt")[0] for _ in range(3))
        timed([EXE, "convert", big, "-t", "pdf", "-o", os.path.join(tmp, "big.pdf")], "240-page pdf")
        print("240-page DOCX -> txt: %.3f s (target < 0.06 s)" % best)
        # align of 8,000 numbered paragraphs
        for lang, word in (("zh", "委员会注意到第%d段所述的报告。"), ("en", "The Committee took note of the report in paragraph %d.")):
            with open(os.path.join(tmp, "al-%s.txt" % lang), "w", encoding="utf-8") as f:
                f.write("\n\n".join("%d. %s" % (i, word % i) for i in range(1, 8001)) + "\n")
        wall, _, rc = timed([EXE, "align", os.path.join(tmp, "al-zh.txt"),
                             os.path.join(tmp, "al-en.txt"), "-o", os.path.join(tmp, "al.tsv")])
        print("align, 8,000 numbered paragraphs each: %.2f s (target < 0.5 s)" % wall)
        # 100,000 tiny inputs: time to the first output
        tiny = os.path.join(tmp, "tiny")
        os.makedirs(tiny)
        for i in range(100000):
            with open(os.path.join(tiny, "t%06d.txt" % i), "w") as f:
                f.write("1. Paragraph %d.\n" % i)
        log = os.path.join(tmp, "tiny.jsonl")
        p = subprocess.Popen([EXE, "batch", tiny, "-o", os.path.join(tmp, "tiny-out"), "-j", "2",
                              "--log", log], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.perf_counter()
        while p.poll() is None and (not os.path.exists(log) or os.path.getsize(log) == 0):
            time.sleep(0.002)
        first = time.perf_counter() - t0
        p.terminate()
        p.wait()
        print("100,000 inputs: first output after %.2f s (target < 1 s)" % first)
        print("peak memory (largest process of each run; target < 40 MB at 12 pages, < 150 MB "
              "at 240):")
        for label, mb in PEAK.items():
            print("  %-22s %4.0f MB" % (label, mb))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
