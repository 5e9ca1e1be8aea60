#!/usr/bin/env python3
"""Every Akoma Ntoso sample under samples/akn/ is valid against the AKN 3.0
schema in the shared corpus (xmllint --schema). Skipped (77) when the
shared folder or xmllint is absent."""
import os
import shutil
import subprocess
import sys

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
XSD = os.path.join(SHARED, "corpus", "akn", "schema", "akomantoso30.xsd")
SAMPLES = os.path.join(SRC, "samples", "akn")


def main():
    if not os.path.isfile(XSD):
        print("SKIP: %s is absent" % XSD)
        return 77
    if not shutil.which("xmllint"):
        print("SKIP: xmllint is not installed")
        return 77
    names = sorted(n for n in os.listdir(SAMPLES) if n.endswith(".xml"))
    failed = 0
    for name in names:
        p = subprocess.run(["xmllint", "--nonet", "--noout", "--schema", XSD,
                            os.path.join(SAMPLES, name)],
                           capture_output=True, timeout=120)
        if p.returncode != 0:
            failed += 1
            print("FAIL %s:\n%s" % (name, p.stderr.decode("utf-8", "replace")))
        else:
            print("ok   %s" % name)
    if not names:
        print("FAIL: no samples in %s" % SAMPLES)
        return 1
    print("%d of %d valid" % (len(names) - failed, len(names)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
