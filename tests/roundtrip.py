#!/usr/bin/env python3
"""Round trip through the model XML, on every sample.

For each file under samples/ (except samples/bad/ and README files), read
with the reader chosen by content and write the model as XML twice: once
straight after the reader (--chain xml) and once after the standard
filters (-t xml). Each XML file A is then read back and written again
(--chain 'xml | xml') into B, which must be byte-identical to A; and the
plain text written from A must equal the plain text written from the
sample itself. A hand-written model file must already be in the canonical
form the writer produces.
"""
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SAMPLES = os.path.join(SRC, "samples")


def run(args):
    p = subprocess.run([EXE] + args, cwd=SRC, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def samples():
    for root, dirs, files in os.walk(SAMPLES):
        dirs[:] = sorted(d for d in dirs if d != "bad")
        for f in sorted(files):
            if not f.startswith("README"):
                yield os.path.relpath(os.path.join(root, f), SRC)


def main():
    failed = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in samples():
            for label, chain in (("reader", ["--chain", "xml"]),
                                 ("standard", ["-t", "xml"])):
                what = "%s (%s)" % (path, label)
                a = os.path.join(tmp, "a.xml")
                code, _, err = run(["convert", path] + chain + ["-o", a])
                if code != 0:
                    print("FAIL %s: writing XML exited %d\n%s" % (what, code, err))
                    failed += 1
                    continue
                code, b, err = run(["convert", a, "--chain", "xml | xml", "-o", "-"])
                with open(a, "rb") as f:
                    want = f.read()
                if code != 0 or b != want:
                    print("FAIL %s: xml | xml is not byte-identical (exit %d)\n%s"
                          % (what, code, err))
                    failed += 1
                    continue
                txt_chain = "txt" if label == "reader" else None
                if txt_chain:
                    _, t1, _ = run(["convert", path, "--chain", "txt", "-o", "-"])
                    _, t2, _ = run(["convert", a, "--chain", "xml | txt", "-o", "-"])
                    if t1 != t2:
                        print("FAIL %s: txt from the XML differs from txt from the sample" % what)
                        failed += 1
                        continue
                if path.endswith(".xml") and label == "reader":
                    with open(os.path.join(SRC, path), "rb") as f:
                        own = f.read()
                    # only model files (not Akoma Ntoso samples) are canonical
                    if b"<hexaglot" in own[:300] and own != want:
                        print("FAIL %s: not in the writer's canonical form" % what)
                        failed += 1
                        continue
                checked += 1
                print("ok   %s: %d bytes" % (what, len(want)))
    print("%d round trips, %d failed" % (checked, failed))
    if checked == 0:
        print("no samples found in %s" % SAMPLES)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
