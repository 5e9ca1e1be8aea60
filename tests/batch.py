#!/usr/bin/env python3
"""`hexaglot batch` (and convert's output naming): every document converted on its own, the bad ones
reported one line each while the good ones are still written, whatever the
number of jobs; two inputs that would write the same output are refused."""
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL: " + what)


def run(args, cwd):
    p = subprocess.run([EXE] + args, cwd=cwd, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


with tempfile.TemporaryDirectory() as tmp:
    shutil.copy(os.path.join(SRC, "samples", "seed-zh.txt"), os.path.join(tmp, "seed.txt"))
    shutil.copy(os.path.join(SRC, "samples", "model.xml"), os.path.join(tmp, "model.xml"))
    with open(os.path.join(tmp, "bad.txt"), "wb") as f:
        f.write(b"fine line\n\nbroken \xff byte\n")
    os.mkdir(os.path.join(tmp, "folder.txt"))
    inputs = ["seed.txt", "bad.txt", "folder.txt", "missing.txt", "model.xml"]
    results = {}
    for jobs in ("1", "3"):
        out = "out" + jobs
        code, stdout, stderr = run(["batch"] + inputs + ["-o", out, "-j", jobs, "-t", "txt"], tmp)
        results[jobs] = stderr
        check(code == 1, "-j %s: exit %d, want 1" % (jobs, code))
        check(sorted(f for f in os.listdir(os.path.join(tmp, out)) if f[0] != ".") == ["model.txt", "seed.txt"],
              "-j %s: outputs %s" % (jobs, os.listdir(os.path.join(tmp, out))))
        lines = stderr.splitlines()
        for name, where in (("bad.txt", "bad.txt:3: error: text:"),
                            ("folder.txt", "folder.txt:0: warning: batch: no document in this directory"),
                            ("missing.txt", "missing.txt:0: error:")):
            check(sum(l.startswith(where) for l in lines) == 1,
                  "-j %s: one error line for %s in %r" % (jobs, name, stderr))
        check(not stdout, "-j %s: nothing on stdout" % jobs)
    # The conversion itself must not depend on the number of processes.
    check(results["1"] == results["3"], "diagnostics differ between -j 1 and -j 3")
    with open(os.path.join(tmp, "out1", "seed.txt"), "rb") as a, \
            open(os.path.join(tmp, "out3", "seed.txt"), "rb") as b:
        check(a.read() == b.read(), "seed output differs between -j 1 and -j 3")
    code, _, direct = run(["convert", "seed.txt", "-t", "txt", "-o", "direct.txt"], tmp)
    with open(os.path.join(tmp, "direct.txt"), "rb") as a, \
            open(os.path.join(tmp, "out1", "seed.txt"), "rb") as b:
        check(a.read() == b.read(), "batch output differs from convert output")

    # Same output name from two inputs: the second is refused, the first written.
    os.mkdir(os.path.join(tmp, "other"))
    shutil.copy(os.path.join(tmp, "seed.txt"), os.path.join(tmp, "other", "seed.txt"))
    code, _, stderr = run(["batch", "seed.txt", "other/seed.txt", "-o", "dup"], tmp)
    check(code == 1, "duplicate names: exit %d, want 1" % code)
    check("other/seed.txt:0: error: batch: its output dup/seed.txt would overwrite that of seed.txt"
          in stderr, "duplicate names: message %r" % stderr)
    check([f for f in os.listdir(os.path.join(tmp, "dup")) if f[0] != "."] == ["seed.txt"], "duplicate names: outputs")

    # convert into an existing directory: DIR/<name>.<ext>, as batch names it.
    os.mkdir(os.path.join(tmp, "into"))
    code, _, stderr = run(["convert", "seed.txt", "-t", "xml", "-o", "into"], tmp)
    check(code == 0 and os.listdir(os.path.join(tmp, "into")) == ["seed.xml"],
          "convert -o DIR: %d %r %s" % (code, stderr, os.listdir(os.path.join(tmp, "into"))))

    # Standard input: read as a file, named <stdin>, output named stdin.<ext>.
    with open(os.path.join(tmp, "seed.txt"), "rb") as f:
        seed = f.read()
    p = subprocess.run([EXE, "convert", "-", "-t", "txt", "-o", "-"], cwd=tmp, input=seed,
                       capture_output=True, timeout=60)
    with open(os.path.join(tmp, "direct.txt"), "rb") as f:
        check(p.returncode == 0 and p.stdout == f.read(), "convert - : %d %r" % (p.returncode, p.stderr))
    p = subprocess.run([EXE, "convert", "-", "-t", "txt"], cwd=tmp, input=b"ok\n\nbad \xff\n",
                       capture_output=True, timeout=60)
    check(p.returncode == 1 and p.stderr.decode().startswith("<stdin>:3: error: text:"),
          "convert - with bad UTF-8: %d %r" % (p.returncode, p.stderr))
    code, _, stderr = run(["convert", "-", "-", "-o", "x"], tmp)
    check(code == 2 and "once" in stderr, "two stdins: %d %r" % (code, stderr))
    code, _, stderr = run(["batch", "-", "-o", "x"], tmp)
    check(code == 2 and "standard input" in stderr, "batch -: %d %r" % (code, stderr))

    # Usage errors.
    code, _, stderr = run(["batch", "seed.txt"], tmp)
    check(code == 2 and stderr.count("\n") == 1, "batch without -o: %d %r" % (code, stderr))
    code, _, stderr = run(["batch", "seed.txt", "-o", "x", "-j", "0"], tmp)
    check(code == 2 and "-j takes a whole number" in stderr, "-j 0: %d %r" % (code, stderr))

print("%d failed" % failures)
sys.exit(1 if failures else 0)
