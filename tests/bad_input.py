#!/usr/bin/env python3
"""Bad input gets a one-line error, the right exit status (1 for a
document error, 2 for usage) and leaves no output file: neither a new one
nor a partial one, and an existing file at the output path is untouched."""
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")

# (arguments before -o, exit status, a word the message must hold)
CASES = [
    (["samples/bad/invalid-utf8.txt", "-t", "txt"], 1, ":2: error: text: invalid UTF-8"),
    (["samples/bad/invalid-utf8.txt", "-t", "xml"], 1, "invalid UTF-8"),
    (["samples/bad/empty.txt", "-t", "txt"], 1, "empty"),
    (["samples/bad/blank.txt", "--chain", "text | txt"], 1, "no text"),
    (["samples", "-t", "txt"], 1, "directory"),
    (["samples/no-such-file.txt", "-t", "txt"], 1, "no-such-file.txt"),
    (["samples/bad/malformed.xml", "-t", "xml"], 1, "malformed.xml:4:"),
    (["samples/bad/entity.xml", "-t", "txt"], 1, "document type declaration"),
    (["samples/bad/unknown-element.xml", "-t", "txt"], 1, "<bold>"),
    (["samples/seed-zh.txt", "-t", "rtf"], 2, "'rtf'"),
    # docx is a reader, not a writer: the message says so.
    (["samples/seed-zh.txt", "-t", "docx"], 2, "'docx' is a reader"),
    (["samples/seed-zh.txt", "-t", "nosuch:ids"], 2, "'nosuch'"),
    (["samples/seed-zh.txt", "--chain", "text | nosuch | txt"], 2, "'nosuch'"),
    (["samples/seed-zh.txt", "--chain", "text | txt:width=72"], 2, "'width'"),
    (["samples/seed-zh.txt", "-t", "txt:wrap=wide"], 2, "'wrap'"),
    (["samples/seed-zh.txt", "-t", "xml:ids"], 2, "'ids'"),
    (["samples/seed-zh.txt", "-t", "txt", "--lang", "chinese simplified"], 2, "BCP 47"),
    (["samples/seed-zh.txt", "-t", "txt", "--bogus"], 2, "'--bogus'"),
]


def main():
    failed = 0
    for args, want_code, word in CASES:
        for existing in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "x.txt")
                if existing:
                    with open(out, "w") as f:
                        f.write("old\n")
                p = subprocess.run([EXE, "convert"] + args + ["-o", out], cwd=SRC,
                                   capture_output=True, timeout=60)
                err = p.stderr.decode("utf-8", "replace")
                lines = err.splitlines()
                problems = []
                if p.returncode != want_code:
                    problems.append("exit %d, want %d" % (p.returncode, want_code))
                if len(lines) != 1:
                    problems.append("%d lines on stderr, want 1" % len(lines))
                if word not in err:
                    problems.append("message lacks %r" % word)
                if p.stdout:
                    problems.append("wrote to stdout")
                left = sorted(os.listdir(tmp))
                if existing:
                    with open(out) as f:
                        if f.read() != "old\n":
                            problems.append("the existing output file was changed")
                    left.remove("x.txt")
                if left:
                    problems.append("left files behind: %s" % left)
                what = " ".join(args) + (" (over an existing file)" if existing else "")
                if problems:
                    failed += 1
                    print("FAIL %s: %s\n  stderr: %s" % (what, "; ".join(problems), err.strip()))
                else:
                    print("ok   %s: %s" % (what, err.strip()))
    print("%d cases, %d failed" % (2 * len(CASES), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
