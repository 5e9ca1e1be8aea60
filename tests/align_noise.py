#!/usr/bin/env python3
"""The bead programme against noise: versions of the seed whose paragraphs
are stretched or shrunk by up to 30 % (ordinary Han characters added or
dropped, never digits, date units, numerals or list words), as a
translation's lengths vary, with one planted difference each:

  * a preambular paragraph deleted (no numbers to anchor on: the programme
    alone must find which one), 12 trials;
  * two operative paragraphs merged (the second's number dropped), 12 trials.

Each must be reported at its key (missing / merged) and nothing else.
Deterministic (fixed seeds). The recital split by a page break in the seed
(rejoined by `rejoin`) and the one before it are not deleted: removing the
paragraph a fragment joins changes what rejoin does, not what align sees.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
FILL = "的了在是有为对把被将"
KEEP = "〇零一二三四五六七八九十百千万两亿年月日第届次号段至到和及与之分"


def safe(c):
    return "\u4e00" <= c <= "\u9fff" and c not in KEEP


def noisy(block, rnd):
    if not block.strip() or block[0] in "¹²³⁴⁵⁶⁷⁸⁹":
        return block
    chars = list(block)
    spots = [i for i in range(8, len(chars) - 2)
             if safe(chars[i - 1]) and safe(chars[i]) and safe(chars[i + 1])]
    if not spots:
        return block
    f = rnd.uniform(0.7, 1.3)
    if f > 1:
        for _ in range(int(len(block) * (f - 1))):
            i = rnd.choice(spots)
            chars.insert(i + 1, rnd.choice(FILL))
            spots = [x + 1 if x > i else x for x in spots]
    else:
        rnd.shuffle(spots)
        for i in sorted(spots[:int(len(block) * (1 - f))], reverse=True):
            del chars[i]
    return "".join(chars)


def keys(path):
    p = subprocess.run([EXE, "convert", path, "-t", "txt:ids", "-o", "-"],
                       capture_output=True, text=True, timeout=60)
    return [l.split("\t", 1) for l in p.stdout.split("\n") if "\t" in l]


def main():
    with open(os.path.join(SRC, "samples", "seed-zh.txt"), encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        a = os.path.join(tmp, "a.txt")
        b = os.path.join(tmp, "b.txt")
        with open(a, "w", encoding="utf-8") as f:
            f.write("\n\n".join(blocks))
        ids = keys(a)

        def key_of(block):
            # A stretch of the block's own text (no spaces, markers or
            # bold marks) found in exactly one keyed line.
            flat = re.sub(r"[\s*¹²³⁴⁵⁶⁷⁸⁹⁰]", "", block)[:40]
            hits = [k for k, t in ids if flat in re.sub(r"\s", "", t)]
            return hits[0] if len(hits) == 1 else None

        def run(b_blocks, want, words):
            with open(b, "w", encoding="utf-8") as f:
                f.write("\n\n".join(b_blocks))
            p = subprocess.run([EXE, "align", a, b, "-o", os.path.join(tmp, "r.tsv")],
                               capture_output=True, text=True, timeout=60)
            got = [l.split("align: ", 1)[1] for l in p.stderr.splitlines()
                   if ": warning: align: " in l]
            if len(got) != 1 or not got[0].startswith(want + ": ") or words not in got[0]:
                print("FAIL: want %s %s, got %s" % (want, words, got))
                return 1
            return 0

        start = blocks.index("大会，")
        first_op = next(i for i, x in enumerate(blocks) if x.startswith("1. **"))
        recitals = [i for i in range(start + 1, first_op) if blocks[i].strip()
                    and blocks[i][0] not in "¹²³⁴⁵⁶⁷⁸⁹"]
        # The page-break fragment ("努力，…") and the recital it joins.
        frag = [i for i in recitals if blocks[i].startswith("努力")]
        recitals = [i for i in recitals if i not in frag and i + 1 not in frag]
        ran = 0
        for trial in range(12):
            rnd = random.Random(trial)
            d = rnd.choice(recitals)
            want = key_of(blocks[d])
            if not want:
                print("FAIL: no key found for %r" % blocks[d][:20])
                bad += 1
                continue
            ran += 1
            b_blocks = [noisy(x, rnd) for x in blocks]
            del b_blocks[d]
            bad += run(b_blocks, want, "paragraph missing")
        ops = [i for i, x in enumerate(blocks) if re.match(r"^\d+\. ", x) and i > first_op - 1
               and i + 1 < len(blocks) and re.match(r"^\d+\. ", blocks[i + 1])]
        for trial in range(12):
            rnd = random.Random(100 + trial)
            i = rnd.choice(ops)
            want = "res1.op." + re.match(r"^(\d+)\.", blocks[i]).group(1)
            b_blocks = [noisy(x, rnd) for x in blocks]
            b_blocks[i] = b_blocks[i] + re.sub(r"^\d+\. ", "", b_blocks[i + 1])
            del b_blocks[i + 1]
            bad += run(b_blocks, want, "merged (2-1)")
            ran += 1
    print("%d failures in %d trials" % (bad, ran))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
