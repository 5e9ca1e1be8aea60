#!/usr/bin/env python3
"""epubcheck (the W3C validator) on what the EPUB writers make: the seed
with its fonts embedded (epub:fonts=embed: obfuscated fonts, encryption.xml),
an Arabic version (the UDHR from HX_SHARED when present, else the Arabic
report of tests/align) and the six-language parallel edition must give
0 errors and 0 warnings. Three runs only: each takes about 12 s (one
document per run is all epubcheck's command line takes). Skipped (77),
saying so, without Java or without epubcheck."""
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
JAR = "/usr/share/java/epubcheck.jar"


def main():
    java = shutil.which("java")
    if not java or not os.path.exists(JAR):
        print("SKIP: epubcheck needs java and %s (scripts/setup installs epubcheck and "
              "default-jre-headless)" % JAR)
        sys.exit(77)
    udhr = os.path.join(SHARED, "corpus", "udhr", "udhr--arb.html")
    arabic = udhr if os.path.exists(udhr) else os.path.join(SRC, "tests", "align", "ar.txt")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        books = []
        for name, args in (
                ("seed", ["convert", os.path.join(SRC, "samples", "seed-zh.txt")]),
                ("arabic", ["convert", arabic]),
                ("parallel", ["align"] + [os.path.join(SRC, "tests", "align", l + ".txt")
                                          for l in ("zh", "en", "ar", "fr", "ru", "es")])):
            out = os.path.join(tmp, name + ".epub")
            extra = ["-t", "epub:fonts=embed" if name == "seed" else "epub"] \
                if args[0] == "convert" else []
            r = subprocess.run([EXE] + args + extra + ["-o", out], capture_output=True, text=True)
            if r.returncode != 0:
                print("FAIL: hexaglot %s: %s" % (name, r.stderr))
                bad += 1
                continue
            books.append((name, out))
        for name, out in books:
            r = subprocess.run([java, "-jar", JAR, out], capture_output=True, text=True,
                               timeout=300)
            text = r.stdout + r.stderr
            msgs = [l for l in text.splitlines() if l.startswith(("ERROR", "WARNING", "FATAL"))]
            summary = [l for l in text.splitlines() if l.startswith("Messages:")]
            if r.returncode != 0 or msgs or not summary or \
                    "0 fatals / 0 errors / 0 warnings" not in summary[0]:
                print("FAIL: epubcheck %s:\n%s" % (name, "\n".join(msgs or [text[-2000:]])))
                bad += 1
            else:
                print("ok: epubcheck %s (%s): %s" % (name, os.path.basename(arabic)
                                                    if name == "arabic" else name, summary[0]))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
