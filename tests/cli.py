#!/usr/bin/env python3
"""The command line as a user coming from pandoc meets it: the writer
follows the output's extension (an unknown one is a usage error that lists
the known ones, never a file of another format under that name), -t wins,
-f forces the reader, `stages` shows what each reader recognises,
--diagnostics json gives one parseable object a line, --version names the
libraries, and `meson install --destdir` installs a binary that works from
elsewhere, a man page that renders without warnings and a bash completion
that completes."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SEED = os.path.join(SRC, "samples", "seed-zh.txt")
FAILED = []


def run(*args, cwd=None):
    return subprocess.run([EXE, *args], capture_output=True, timeout=120, cwd=cwd)


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def writers():
    """Writer names and their extensions, from `stages`."""
    out = run("stages").stdout.decode()
    names, exts, last = [], {}, None
    for line in out.splitlines():
        if line.startswith("writer "):
            last = line.split()[1]
            names.append(last)
        elif last and line.strip().startswith("-o ") and "(convert" in line:
            for e in line.strip()[3:].split(" (")[0].split(", "):
                exts[e] = last
        elif not line.startswith(" "):
            last = None
    return names, exts


MAGIC = {"txt": None, "xml": b"<hexaglot", "pdf": b"%PDF-", "epub": b"PK\x03\x04",
         "akn": b"<akomaNtoso"}


def test_extensions(tmp):
    names, exts = writers()
    check(exts.get(".txt") == "txt" and exts.get(".xml") == "xml",
          "stages lists .txt and .xml as the txt and xml writers' extensions")
    for name in ["y.txt", "y.xml", "y.pdf", "y.epub", "y.akn.xml", "y.akn"]:
        out = os.path.join(tmp, name)
        p = run("convert", SEED, "-o", out)
        writer = "akn" if ".akn" in name else name.split(".")[-1]
        if writer in names:
            ok = p.returncode == 0 and os.path.exists(out)
            head = open(out, "rb").read(4096) if ok else b""
            magic = MAGIC.get(writer)
            check(ok and (magic is None or magic in head) and
                  (writer != "txt" or not head.startswith(b"<")),
                  "-o %s writes %s (exit %d)" % (name, writer, p.returncode))
        else:
            check(p.returncode == 2 and not os.path.exists(out) and b"no writer" in p.stderr,
                  "-o %s: no %s writer in this build: usage error, no file" % (name, writer))
    out = os.path.join(tmp, "y.weird")
    p = run("convert", SEED, "-o", out)
    err = p.stderr.decode()
    check(p.returncode == 2 and not os.path.exists(out) and ".weird" in err and ".txt" in err
          and ".xml" in err, "-o y.weird: exit 2 naming the known extensions, no file")
    p = run("batch", SEED, "-o", out)
    check(p.returncode == 2 or not os.path.isfile(out), "batch -o FILE.weird writes no file")
    d2 = os.path.join(tmp, "multi")
    p = run("batch", SEED, "-o", d2, "-t", "txt", "-t", "xml")
    check(p.returncode == 0 and sorted(f for f in os.listdir(d2) if f[0] != ".") ==
          ["seed-zh.txt", "seed-zh.xml"], "batch -t txt -t xml writes both formats")
    p = run("batch", SEED, "-o", os.path.join(tmp, "multi2"), "-t", "txt", "-t", "bogus")
    check(p.returncode == 2 and not os.path.exists(os.path.join(tmp, "multi2")),
          "batch -t txt -t bogus: usage error before anything is written")
    p = run("convert", SEED, "-t", "txt", "-t", "xml")
    check(p.returncode == 2, "convert with two -t: usage error")
    out = os.path.join(tmp, "forced.xml")
    p = run("convert", SEED, "-t", "txt", "-o", out)
    check(p.returncode == 0 and not open(out, "rb").read(100).startswith(b"<"),
          "-t txt wins over the .xml extension")
    out = os.path.join(tmp, "plain")
    p = run("convert", SEED, "-o", out)
    check(p.returncode == 0 and os.path.getsize(out) > 0, "-o NAME without extension: plain text")
    d = os.path.join(tmp, "dir")
    os.mkdir(d)
    p = run("convert", SEED, "-o", d)
    check(p.returncode == 0 and os.path.exists(os.path.join(d, "seed-zh.txt")),
          "-o DIR writes DIR/<name>.txt")
    rep = os.path.join(tmp, "r.weird")
    zh, en = (os.path.join(SRC, "tests", "struct6", x + ".txt") for x in ("zh", "en"))
    p = run("align", zh, en, "-o", rep)
    check(p.returncode == 2 and b".tsv" in p.stderr and not os.path.exists(rep),
          "align -o r.weird: exit 2 naming the report extensions")
    rep = os.path.join(tmp, "r.json")
    p = run("align", zh, en, "-o", rep)
    check(p.returncode in (0, 1) and json.load(open(rep)) is not None, "align -o r.json: JSON")
    # The report's own options through -t (the writer -o names, again).
    rep = os.path.join(tmp, "r.pdf")
    p = run("align", zh, en, "-o", rep, "-t", "align-pdf:paper=letter")
    check(p.returncode in (0, 1) and os.path.exists(rep) and
          re.search(rb"/MediaBox\s*\[\s*0\s+0\s+612\s+792\s*\]", open(rep, "rb").read()),
          "align -o r.pdf -t align-pdf:paper=letter: letter pages")
    rep = os.path.join(tmp, "r2.pdf")
    p = run("align", zh, en, "-o", rep, "-t", "align-epub")
    check(p.returncode == 2 and b"align-pdf" in p.stderr and not os.path.exists(rep),
          "align -o r.pdf -t align-epub: exit 2 naming the writer .pdf takes")
    rep = os.path.join(tmp, "r.epub")
    p = run("align", zh, en, "-o", rep, "-t", "align-epub:fonts=embed")
    names = zipfile.ZipFile(rep).namelist() if os.path.exists(rep) else []
    check(p.returncode in (0, 1) and "META-INF/encryption.xml" in names and
          any(n.startswith("EPUB/fonts/") for n in names),
          "align -o r.epub -t align-epub:fonts=embed: the parallel edition embeds its fonts")


def test_reader(tmp):
    html = os.path.join(tmp, "page.txt")
    with open(html, "w") as f:
        f.write("<p>First paragraph of a page.</p>\n<p>Second one.</p>\n")
    sniffed = run("convert", html, "-t", "txt").stdout.decode()
    forced = run("convert", html, "-f", "html", "-t", "txt")
    out = forced.stdout.decode()
    check(forced.returncode == 0 and "<p>" not in out and "Second one." in out,
          "-f html reads an HTML file named .txt as HTML")
    check("<p>" in sniffed or sniffed != out, "without -f the same file is not read as HTML")
    p = run("convert", SEED, "-f", "nosuch", "-t", "txt")
    check(p.returncode == 2 and b"nosuch" in p.stderr, "-f nosuch: usage error naming it")
    p = run("convert", SEED, "-f", "docx", "-t", "txt")
    check(p.returncode == 1 and b"docx" in p.stderr, "-f docx on a text file: document error")
    stages = run("stages").stdout.decode()
    for r in ("text", "docx", "akn", "html", "xml"):
        block = stages.split("reader  %s " % r, 1)[-1].split("\nreader", 1)[0]
        check("recognises" in block and "extensions" in block,
              "stages shows what reader %s recognises and its extensions" % r)


def test_json(tmp):
    bad = os.path.join(tmp, "bad.txt")
    with open(bad, "wb") as f:
        f.write(b"Title\n\n1. text \xff\xfe here\n")
    warn = os.path.join(tmp, "warn.txt")
    with open(warn, "w") as f:
        f.write("Report\n\n1. First paragraph.\n\n3. Third paragraph, the second is gone.\n")
    for path, want in ((bad, "error"), (warn, None), (SEED, "note")):
        p = run("convert", path, "-t", "txt", "-o", os.path.join(tmp, "o.txt"),
                "--diagnostics", "json", "-v")
        lines = [l for l in p.stderr.decode().splitlines() if l]
        objs = []
        try:
            objs = [json.loads(l) for l in lines]
        except ValueError as e:
            check(False, "--diagnostics json on %s: %s" % (os.path.basename(path), e))
            continue
        keys_ok = all({"file", "line", "severity", "stage", "key", "message"} <= set(o)
                      for o in objs)
        sev = {o["severity"] for o in objs}
        check(objs and keys_ok and (want is None or want in sev),
              "--diagnostics json on %s: %d objects, every field, severities %s"
              % (os.path.basename(path), len(objs), sorted(sev)))
    p = run("batch", bad, SEED, "-o", os.path.join(tmp, "b"), "--diagnostics", "json")
    objs = [json.loads(l) for l in p.stderr.decode().splitlines() if l]
    check(p.returncode == 1 and any(o["severity"] == "error" for o in objs),
          "batch --diagnostics json: the child's error as JSON")
    s6 = os.path.join(SRC, "tests", "struct6")
    fr = os.path.join(tmp, "fr.txt")
    with open(os.path.join(s6, "fr.txt"), encoding="utf-8") as f:
        text = f.read()
    with open(fr, "w", encoding="utf-8") as f:
        f.write(text.replace("A/76/540", "A/77/540", 1))
    p = run("align", os.path.join(s6, "zh.txt"), os.path.join(s6, "en.txt"), fr, "-o",
            os.path.join(tmp, "r.tsv"), "--diagnostics", "json")
    objs = [json.loads(l) for l in p.stderr.decode().splitlines() if l]
    sym = [o for o in objs if o["key"] == "front.symbol"]
    d = sym[0].get("detail", {}) if sym else {}
    check(len(sym) == 1 and d.get("check") == "symbols" and d.get("version") == "fr" and
          d.get("versions") == "zh,en,fr" and d.get("value.fr") == "A/77/540/Add.1" and
          d.get("value.zh") == "A/76/540/Add.1",
          "align --diagnostics json: the flag's check, versions and values in detail: %s" % d)
    p = run("convert", SEED, "--diagnostics", "yaml")
    check(p.returncode == 2, "--diagnostics yaml: usage error")


def test_version():
    out = run("--version").stdout.decode()
    check(all(lib in out for lib in ("libxml2", "libzip", "ICU", "HarfBuzz", "libharu")),
          "--version names libxml2, libzip, ICU, HarfBuzz and libharu")


def test_install(tmp):
    build = os.path.dirname(EXE)
    if not shutil.which("meson") or not os.path.exists(os.path.join(build, "build.ninja")):
        print("skip install: meson or the build directory is not there")
        return
    dest = os.path.join(tmp, "dest")
    p = subprocess.run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild"],
                       capture_output=True, timeout=300)
    check(p.returncode == 0, "meson install --destdir")
    found = {}
    for root, _, files in os.walk(dest):
        for f in files:
            found[os.path.relpath(os.path.join(root, f), dest)] = os.path.join(root, f)
    def one(suffix):
        hits = [v for k, v in found.items() if k.endswith(suffix)]
        return hits[0] if hits else None
    exe, man, comp = one("bin/hexaglot"), one("share/man/man1/hexaglot.1"), \
        one("share/bash-completion/completions/hexaglot")
    check(exe and man and comp, "installed bin/hexaglot, share/man/man1/hexaglot.1, completion")
    if exe:
        other = os.path.join(tmp, "elsewhere")
        os.mkdir(other)
        shutil.copy(SEED, other)
        p = subprocess.run([exe, "convert", "seed-zh.txt", "-t", "txt:ids"], cwd=other,
                           capture_output=True, timeout=60)
        check(p.returncode == 0 and b"res1.op.47" in p.stdout,
              "the installed binary converts the sample from another directory")
    if man:
        if shutil.which("mandoc"):
            p = subprocess.run(["mandoc", "-T", "lint", man], capture_output=True)
            check(p.returncode == 0 and not p.stdout and not p.stderr,
                  "mandoc -T lint: no message " + (p.stdout + p.stderr).decode()[:200])
        else:
            print("skip mandoc: not installed")
        if shutil.which("groff"):
            p = subprocess.run(["groff", "-ww", "-man", "-Tutf8", man], capture_output=True)
            check(p.returncode == 0 and not p.stderr, "groff -ww renders without warnings")
        else:
            print("skip groff: not installed")
    if comp and shutil.which("bash"):
        script = ('source "%s"; COMP_WORDS=(%s con); COMP_CWORD=1; _hexaglot; echo "${COMPREPLY[@]}";'
                  ' COMP_WORDS=(%s convert -t ""); COMP_CWORD=3; _hexaglot; echo "${COMPREPLY[@]}"'
                  % (comp, EXE, EXE))
        p = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60)
        lines = p.stdout.decode().splitlines()
        check(len(lines) == 2 and lines[0] == "convert" and "txt" in lines[1].split(),
              "bash completion completes verbs and writers: %s" % lines)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_extensions(tmp)
        test_reader(tmp)
        test_json(tmp)
        test_version()
        test_install(tmp)
    if FAILED:
        print("%d failed" % len(FAILED))
        sys.exit(1)


if __name__ == "__main__":
    main()
