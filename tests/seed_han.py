#!/usr/bin/env python3
"""The plain text written from the seed holds exactly the seed's Han
characters: the same multiset (nothing lost, nothing invented), for the
standard chain (-t txt, which may move notes) and with wrapping; and,
through the reader and writer alone (text | txt, which move nothing), the
same sequence in the same order.
"""
import collections
import os
import subprocess
import sys

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SEED = "samples/seed-zh.txt"

HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
       (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F),
       (0x30000, 0x323AF))


def han(text):
    return [c for c in text if any(a <= ord(c) <= b for a, b in HAN)]


def main():
    with open(os.path.join(SRC, SEED), encoding="utf-8") as f:
        want = han(f.read())
    if len(want) < 1000:
        print("FAIL: the seed has only %d Han characters" % len(want))
        return 1
    failed = 0
    for args, ordered in ((["--chain", "text | txt"], True),
                          (["--chain", "text | txt:ids,wrap=20"], True),
                          (["-t", "txt"], False),
                          (["-t", "txt:wrap=30"], False)):
        p = subprocess.run([EXE, "convert", SEED] + args + ["-o", "-"],
                           cwd=SRC, capture_output=True, timeout=120)
        what = " ".join(args)
        if p.returncode != 0:
            print("FAIL %s: exit %d: %s" % (what, p.returncode, p.stderr.decode()))
            failed += 1
            continue
        got = han(p.stdout.decode("utf-8"))
        cw, cg = collections.Counter(want), collections.Counter(got)
        if cw != cg:
            lost = cw - cg
            invented = cg - cw
            print("FAIL %s: lost %s, invented %s" % (what, dict(lost.most_common(10)),
                                                      dict(invented.most_common(10))))
            failed += 1
        elif ordered and got != want:
            i = next(k for k in range(len(want)) if got[k] != want[k])
            print("FAIL %s: same characters, order differs at Han character %d" % (what, i))
            failed += 1
        else:
            print("ok   %s: %d Han characters (%d distinct)%s" % (
                what, len(got), len(cg), ", same order" if ordered else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
