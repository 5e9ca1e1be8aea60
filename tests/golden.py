#!/usr/bin/env python3
"""Runs the golden cases in tests/cases/*.test.

A case file holds one command and what it must produce:

    # free comment lines
    % hexaglot convert samples/x.txt -t txt -o -
    expected standard output, byte for byte
    %% stderr
    expected standard error
    %% exit 1

Sections after the output are optional (stderr defaults to empty, exit to
0). `%% needs shared` skips the case when ../shared is absent. In the command,
$TMP is a fresh directory for the case and $SHARED the shared folder.
The command runs in the source tree. `golden.py --update [NAMES]` rewrites
the expectations from what the program now does: review the diff by eye.
"""
import os
import shlex
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
CASES = os.path.join(SRC, "tests", "cases")


def parse(path):
    head, cmd, sections, cur = [], None, {"stdout": []}, "stdout"
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        if cmd is None:
            if line.startswith("% "):
                cmd = line[2:]
            else:
                head.append(line)
            continue
        if line.startswith("%% "):
            word = line[3:].split()
            if word[0] in ("stderr",):
                cur = word[0]
                sections[cur] = []
                continue
            if word[0] == "exit":
                sections["exit"] = int(word[1])
                continue
            if word[0] == "needs":
                sections.setdefault("needs", []).append(word[1])
                continue
        sections[cur].append(line)
    return head, cmd, sections


def text_of(lines):
    return "".join(l + "\n" for l in lines)


def run(cmd, tmp):
    cmd = cmd.replace("$TMP", tmp).replace("$SHARED", SHARED)
    argv = shlex.split(cmd)
    if argv and argv[0] == "hexaglot":
        argv[0] = EXE
    p = subprocess.run(argv, cwd=SRC, capture_output=True, timeout=120)
    out = p.stdout.decode("utf-8", "replace").replace(tmp, "$TMP")
    err = p.stderr.decode("utf-8", "replace").replace(tmp, "$TMP")
    return out, err, p.returncode


def write_case(path, head, cmd, out, err, code, needs):
    with open(path, "w", encoding="utf-8") as f:
        for h in head:
            f.write(h + "\n")
        f.write("% " + cmd + "\n")
        for n in needs:
            f.write("%% needs " + n + "\n")
        f.write(out)
        if err:
            f.write("%% stderr\n" + err)
        if code:
            f.write("%%%% exit %d\n" % code)


def main():
    update = "--update" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    names = sorted(n for n in os.listdir(CASES) if n.endswith(".test"))
    if only:
        names = [n for n in names if n[:-5] in only or n in only]
    passed = failed = skipped = 0
    for name in names:
        path = os.path.join(CASES, name)
        head, cmd, sec = parse(path)
        needs = sec.get("needs", [])
        if "shared" in needs and not os.path.isdir(SHARED):
            print("SKIP %s: ../shared is absent" % name)
            skipped += 1
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out, err, code = run(cmd, tmp)
        want_out = text_of(sec["stdout"])
        want_err = text_of(sec.get("stderr", []))
        want_code = sec.get("exit", 0)
        if update:
            write_case(path, head, cmd, out, err, code, needs)
            print("UPDATED %s" % name)
            continue
        problems = []
        if out != want_out:
            problems.append("stdout differs")
        if err != want_err:
            problems.append("stderr differs:\n  got: %r\n want: %r" % (err[:400], want_err[:400]))
        if code != want_code:
            problems.append("exit %d, want %d" % (code, want_code))
        if problems:
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(problems)))
            if out != want_out:
                import difflib
                d = difflib.unified_diff(want_out.splitlines(), out.splitlines(),
                                         "expected", "got", lineterm="", n=1)
                print("\n".join(list(d)[:40]))
        else:
            passed += 1
            print("ok   %s" % name)
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
