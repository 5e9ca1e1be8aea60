#!/usr/bin/env python3
"""`hexaglot batch` as a document service runs it: a directory of 100 DOCX
with 3 broken ones (97 written, the 3 named, exit 1), inputs from
directories (recursive, --ext) and @manifests with the output tree
mirroring the input tree, a JSON-lines --log, --resume after the batch is
killed halfway and after SIGINT (which lets the documents in flight
finish and prints the summary), shards (--shard I/N, Slurm's and
Kubernetes' variables) whose union is exactly the input set, and
--merge-logs. No temporary file is left anywhere."""
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
sys.path.insert(0, os.path.join(SRC, "tests"))
import docx_build  # noqa: E402

FAILED = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def run(args, cwd, env=None, timeout=300):
    e = dict(os.environ)
    for k in ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN",
              "JOB_COMPLETION_INDEX"):
        e.pop(k, None)
    e.update(env or {})
    p = subprocess.run([EXE] + args, cwd=cwd, capture_output=True, timeout=timeout, env=e)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def outputs(d):
    """Output files below d, relative; hidden state files left out."""
    found = []
    for root, dirs, files in os.walk(d):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        found += [os.path.relpath(os.path.join(root, f), d) for f in files if not f.startswith(".")]
    return sorted(found)


def leftovers(d):
    """Temporary files (name.ext.XXXXXX) below d."""
    return [f for f in glob.glob(os.path.join(d, "**", "*.*.??????"), recursive=True)]


def make_docx(path, n):
    fixture = ("=== document\np | Report number %d\np | 1. The Committee met on %d May 2021.[^1]\n"
               "p | 2. It adopted the report.\n=== footnotes\nfn 1 | See A/76/%d.\n" % (n, n % 28 + 1, n))
    docx_build.build(fixture, path)


def corpus(tmp):
    src = os.path.join(tmp, "in")
    for i in range(100):
        sub = os.path.join(src, "part%d" % (i % 4))
        os.makedirs(sub, exist_ok=True)
        path = os.path.join(sub, "doc%03d.docx" % i)
        if i in (13, 47, 86):  # broken: truncated, not a ZIP, empty
            make_docx(path, i)
            data = open(path, "rb").read()
            with open(path, "wb") as f:
                f.write({13: data[: len(data) // 2], 47: b"PK\x03\x04" + bytes(range(256)) * 4, 86: b""}[i])
        else:
            make_docx(path, i)
    with open(os.path.join(src, "part0", "notes.md~"), "w") as f:
        f.write("an editor's backup, not an input\n")
    return src


def test_directory(tmp, src):
    out = os.path.join(tmp, "out")
    log = os.path.join(tmp, "log.jsonl")
    code, stdout, stderr = run(["batch", src, "-o", out, "-t", "txt:ids", "-j", "2", "--log", log], tmp)
    got = outputs(out)
    check(code == 1 and len(got) == 97, "100 DOCX, 3 broken: exit %d, %d written" % (code, len(got)))
    check(all(os.path.dirname(g).startswith("part") for g in got) and "part1/doc001.txt" in got,
          "the output tree mirrors the input tree (part1/doc001.txt)")
    errs = [l for l in stderr.splitlines() if ": error: " in l]
    named = {os.path.basename(l.split(":")[0]) for l in errs}
    check(named == {"doc013.docx", "doc047.docx", "doc086.docx"} and len(errs) == 3,
          "the 3 broken ones named, one line each: %s" % sorted(named))
    recs = [json.loads(l) for l in open(log)]
    st = {}
    for r in recs:
        st[r["status"]] = st.get(r["status"], 0) + 1
    check(len(recs) == 100 and st == {"converted": 97, "failed": 3} and
          all({"input", "outputs", "status", "seconds", "diagnostics"} <= set(r) for r in recs),
          "--log: one JSON object per document with input, outputs, status, seconds, "
          "diagnostics (%s)" % st)
    bad = [r for r in recs if r["status"] == "failed"]
    check(all(r["diagnostics"] and r["diagnostics"][0]["severity"] == "error" for r in bad),
          "--log: a failed document carries its error")
    check(not stdout and not leftovers(out), "nothing on stdout, no temporary file left")
    return out


def test_selection(tmp, src):
    out = os.path.join(tmp, "sel")
    code, _, _ = run(["batch", os.path.join(src, "part2"), "-o", out, "--ext", "docx"], tmp)
    check(code == 1 and len(outputs(out)) == 24, "--ext docx over one folder: 24 outputs, 1 broken")
    code, _, _ = run(["batch", os.path.join(src, "part2"), "-o", out + "2", "--ext", "md"], tmp)
    check(code == 0 and not outputs(out + "2"), "--ext md: no document taken")
    man = os.path.join(tmp, "list.txt")
    with open(man, "w") as f:
        f.write("# a manifest\n\n%s\n%s\n" % (os.path.join(src, "part1", "doc005.docx"),
                                           os.path.join(src, "part3", "doc007.docx")))
    out = os.path.join(tmp, "man")
    code, _, stderr = run(["batch", "@" + man, "-o", out], tmp)
    check(code == 0 and outputs(out) == ["part1/doc005.txt", "part3/doc007.txt"],
          "@manifest: mirrored below the entries' common directory: %s %s" % (outputs(out), stderr))


def test_shards(tmp, src):
    whole = outputs(os.path.join(tmp, "out"))
    union = []
    for i in range(3):
        out = os.path.join(tmp, "shards")
        run(["batch", src, "-o", out, "-t", "txt:ids", "--shard", "%d/3" % i, "--log",
             os.path.join(tmp, "shard%d.jsonl" % i)], tmp)
        now = outputs(out)
        union.append(set(now) - set(sum((list(u) for u in union), [])))
    sizes = [len(u) for u in union]
    check(sorted(set().union(*union)) == whole and sum(sizes) == len(whole),
          "--shard I/3: disjoint slices %s whose union is the whole batch" % sizes)
    for a, b in ((os.path.join(tmp, "out"), os.path.join(tmp, "shards")),):
        same = all(open(os.path.join(a, f), "rb").read() == open(os.path.join(b, f), "rb").read()
                   for f in whole)
        check(same, "sharded outputs are byte-identical to the one-machine batch")
    code, stdout, _ = run(["batch", "--merge-logs"] + [os.path.join(tmp, "shard%d.jsonl" % i)
                                                       for i in range(3)]
                          + ["-o", os.path.join(tmp, "merged.jsonl")], tmp)
    merged = [json.loads(l) for l in open(os.path.join(tmp, "merged.jsonl"))]
    check(code == 0 and len(merged) == 100 and "97 converted" in stdout and "3 failed" in stdout,
          "--merge-logs: one log of 100, summary %r" % stdout.strip())
    counts = []
    for task in range(4):
        out = os.path.join(tmp, "slurm%d" % task)
        run(["batch", src, "-o", out], tmp, env={"SLURM_ARRAY_TASK_ID": str(task + 1),
                                                  "SLURM_ARRAY_TASK_COUNT": "4",
                                                  "SLURM_ARRAY_TASK_MIN": "1"})
        counts.append(outputs(out))
    flat = sorted(sum(counts, []))
    check(flat == whole, "Slurm array variables (tasks 1-4): the union of the slices is the set")
    out = os.path.join(tmp, "k8s")
    run(["batch", src, "-o", out, "--shards", "5"], tmp, env={"JOB_COMPLETION_INDEX": "2"})
    check(0 < len(outputs(out)) < 25, "JOB_COMPLETION_INDEX with --shards 5 takes one slice")


def test_resume(tmp, src):
    out = os.path.join(tmp, "res")
    log1, log2 = os.path.join(tmp, "r1.jsonl"), os.path.join(tmp, "r2.jsonl")
    p = subprocess.Popen([EXE, "batch", src, "-o", out, "-j", "1", "--log", log1],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and len(outputs(out) if os.path.isdir(out) else []) < 30:
        time.sleep(0.005)
    p.send_signal(signal.SIGKILL)
    p.wait()
    time.sleep(0.3)  # the worker finishes the document it had, then sees the end
    done = outputs(out)
    code, _, stderr = run(["batch", src, "-o", out, "-j", "2", "--resume", "--log", log2], tmp)
    recs = [json.loads(l) for l in open(log2)]
    skipped = {os.path.relpath(r["input"], src) for r in recs if r["status"] == "skipped"}
    redone = [r for r in recs if r["status"] == "converted" and
              os.path.splitext(os.path.relpath(r["input"], src))[0] + ".txt" in done]
    check(len(done) >= 30 and len(outputs(out)) == 97 and not redone and len(skipped) >= len(done) - 1,
          "--resume after a kill at %d outputs: all 97 written, %d skipped, %d redone"
          % (len(done), len(skipped), len(redone)))
    check(not leftovers(out), "after the kill and the resume no temporary file is left")
    # A changed recipe makes every output stale.
    code, _, _ = run(["batch", src, "-o", out, "--resume", "-t", "txt:ids",
                      "--log", log2], tmp)
    recs = [json.loads(l) for l in open(log2)]
    check(not any(r["status"] == "skipped" for r in recs), "--resume with other options redoes all")
    # An output that is not the very file the batch made (replaced since,
    # or recorded just before a rename the kill prevented) is stale,
    # however new: the state keeps the inode of what it made.
    run(["batch", src, "-o", out, "--resume", "-t", "txt:ids", "--log", log2], tmp)
    victim = os.path.join(out, sorted(outputs(out))[0])
    data = open(victim, "rb").read()
    open(victim + ".new", "wb").write(data)
    os.replace(victim + ".new", victim)  # same bytes, newer, another inode
    run(["batch", src, "-o", out, "--resume", "-t", "txt:ids", "--log", log2], tmp)
    recs = [json.loads(l) for l in open(log2)]
    redone = [r["outputs"][0] for r in recs if r["status"] == "converted"]
    check(len(redone) == 1 and os.path.samefile(os.path.join(tmp, redone[0]), victim),
          "--resume redoes an output replaced by another file, only it: %s" % redone[:3])
    # SIGINT halfway: the documents in flight finish, the summary is printed.
    out = os.path.join(tmp, "int")
    p = subprocess.Popen([EXE, "batch", src, "-o", out, "-j", "2"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and len(outputs(out) if os.path.isdir(out) else []) < 20:
        time.sleep(0.005)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    err = err.decode()
    n = len(outputs(out))
    check(p.returncode == 1 and "interrupted" in err and n < 97 and not leftovers(out),
          "SIGINT: exit %d, %d written, summary printed, nothing half-written"
          % (p.returncode, n))
    code, _, _ = run(["batch", src, "-o", out, "--resume"], tmp)
    check(len(outputs(out)) == 97 and not leftovers(out), "rerun with --resume completes the batch")


def test_align(tmp):
    """--align: the versions of each document aligned into a report."""
    import shutil
    s6 = os.path.join(SRC, "tests", "struct6")
    for sym in ("A_76_1", "A_76_2"):
        d = os.path.join(tmp, "versions", sym)
        os.makedirs(d)
        for lang in ("zh", "en", "fr"):
            shutil.copy(os.path.join(s6, lang + ".txt"), os.path.join(d, lang + ".txt"))
    out = os.path.join(tmp, "aligned")
    code, _, err = run(["batch", os.path.join(tmp, "versions"), "-o", out, "--align"], tmp)
    got = outputs(out)
    check(code == 0 and "A_76_1/align.html" in got and "A_76_2/align.html" in got
          and "A_76_1/zh.txt" in got, "--align (SYMBOL/LANG.ext): a report per document %s" % got)
    html = open(os.path.join(out, "A_76_1", "align.html"), encoding="utf-8").read()
    check('lang="fr"' in html and 'lang="zh"' in html, "the report has each version's column")
    flat = os.path.join(tmp, "flat")
    os.makedirs(flat)
    for lang in ("zh", "en"):
        shutil.copy(os.path.join(s6, lang + ".txt"), os.path.join(flat, "report.%s.txt" % lang))
    out = os.path.join(tmp, "aligned2")
    code, _, err = run(["batch", flat, "-o", out, "--align=suffix", "--report", "tsv"], tmp)
    rows = open(os.path.join(out, "report.align.tsv"), encoding="utf-8").read().splitlines() \
        if os.path.exists(os.path.join(out, "report.align.tsv")) else []
    check(code == 0 and len(rows) > 10, "--align=suffix (NAME.LANG.ext) --report tsv: %d rows" % len(rows))
    code, _, err = run(["batch", flat, "-o", out, "--align=bogus"], tmp)
    check(code == 2, "--align=bogus: usage error")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        src = corpus(tmp)
        test_directory(tmp, src)
        test_selection(tmp, src)
        test_shards(tmp, src)
        test_resume(tmp, src)
        test_align(tmp)
    if FAILED:
        print("%d failed" % len(FAILED))
        sys.exit(1)


if __name__ == "__main__":
    main()
