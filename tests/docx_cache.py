#!/usr/bin/env python3
"""The docx reader remembers styles.xml and numbering.xml by content for
the other documents of a process (filters/read/docx/cache.c). Whatever
it remembers, a document read after others must come out exactly as it
does alone: one batch worker (-j 1) reads every document in turn and its
outputs are compared with `convert` of each file on its own. The set
repeats documents (every part a hit), shares styles and numbering with
different bodies, changes only a numbering start (equal length,
different bytes: must miss) and has empty styles and numbering parts
(nothing to copy; run under the sanitizers in CI). With ../shared,
every corpus DOCX twice."""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
sys.path.insert(0, os.path.join(SRC, "tests"))
import docx_seed  # noqa: E402

FAILED = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def rewrite(src, dst, edit):
    """A copy of the package src with edit(name, bytes) -> bytes applied."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info.filename)))


def make_set(d):
    seed = os.path.join(d, "seed.docx")
    docx_seed.make(seed)
    names = []
    for i in range(3):  # the same document again: both parts hit
        shutil.copy(seed, os.path.join(d, "same%d.docx" % i))
        names.append("same%d.docx" % i)

    def other_body(name, data):
        if name == "word/document.xml":  # the paragraphs in another order
            head, _, rest = data.partition(b"<w:body>")
            body, _, tail = rest.rpartition(b"<w:sectPr")
            paras = body.split(b"</w:p>")
            return head + b"<w:body>" + b"</w:p>".join(paras[len(paras) // 2:-1] + paras[:len(paras) // 2]) \
                + b"</w:p>" + b"<w:sectPr" + tail
        return data

    rewrite(seed, os.path.join(d, "reordered.docx"), other_body)
    names.append("reordered.docx")

    def start_7(name, data):  # one byte differs: the cache must miss
        if name == "word/numbering.xml":
            return data.replace(b'w:start w:val="1"', b'w:start w:val="7"', 1)
        return data

    rewrite(seed, os.path.join(d, "start7.docx"), start_7)
    names.append("start7.docx")
    shutil.copy(seed, os.path.join(d, "zlast.docx"))  # a hit after a miss
    names.append("zlast.docx")

    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def empty_parts(name, data):  # parts that define nothing, remembered all the same
        if name == "word/numbering.xml":
            return b'<?xml version="1.0"?><w:numbering ' + w + b'/>'
        if name == "word/styles.xml":
            return b'<?xml version="1.0"?><w:styles ' + w + b'/>'
        return data

    for k in (1, 2):
        rewrite(seed, os.path.join(d, "empty%d.docx" % k), empty_parts)
        names.append("empty%d.docx" % k)
    return names


def compare(indir, names, label):
    out = os.path.join(indir, "..", "out-" + label)
    p = subprocess.run([EXE, "batch", indir, "-o", out, "-j", "1", "-t", "xml"],
                       capture_output=True, timeout=600)
    check(p.returncode in (0, 1), "%s: batch ran (exit %d)" % (label, p.returncode))
    same = differ = 0
    for n in names:
        alone = os.path.join(indir, "..", "alone.xml")
        subprocess.run([EXE, "convert", os.path.join(indir, n), "-t", "xml", "-o", alone],
                       capture_output=True, timeout=120)
        batched = os.path.join(out, os.path.splitext(n)[0] + ".xml")
        if not os.path.exists(alone):
            check(not os.path.exists(batched), "%s: %s fails alone and in the batch" % (label, n))
            continue
        if os.path.exists(batched) and filecmp.cmp(alone, batched, shallow=False):
            same += 1
        else:
            differ += 1
            print("     differs: %s" % n)
        os.unlink(alone)
    check(differ == 0, "%s: %d documents read after others equal their reading alone (%d differ)"
          % (label, same, differ))
    return same


def main():
    with tempfile.TemporaryDirectory(prefix="hx-docx-cache-") as tmp:
        indir = os.path.join(tmp, "in")
        os.makedirs(indir)
        names = make_set(indir)
        compare(indir, names, "seed variants")
        # The numbering start really reached the output: the miss is seen.
        a = subprocess.run([EXE, "convert", os.path.join(indir, "same0.docx"), "-t", "txt:ids",
                            "-o", "-"], capture_output=True).stdout
        b = subprocess.run([EXE, "convert", os.path.join(indir, "start7.docx"), "-t", "txt:ids",
                            "-o", "-"], capture_output=True).stdout
        check(a != b, "a changed numbering start changes the output")

        corpus = os.path.join(SHARED, "corpus", "docx")
        if not os.path.isdir(corpus):
            print("skipping the corpus: %s is absent" % corpus)
        else:
            cdir = os.path.join(tmp, "corpus")
            os.makedirs(cdir)
            cnames = []
            for f in sorted(os.listdir(corpus)):
                if f.endswith(".docx"):
                    for copy in ("a", "b"):
                        shutil.copy(os.path.join(corpus, f), os.path.join(cdir, copy + "-" + f))
                        cnames.append(copy + "-" + f)
            compare(cdir, cnames, "corpus twice")
    print("%d failed" % len(FAILED))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
