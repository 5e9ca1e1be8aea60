#!/usr/bin/env python3
"""Hostile and broken Akoma Ntoso input gets one clean error line and exit
status 1, never a crash, a hang or a diagnostic flood: a document type
declaration with nested entities (refused before parsing), nesting far
deeper than any document, a truncated file, an undefined entity, invalid
UTF-8, an empty akomaNtoso, another XML root (an unknown format when
sniffed; named by the akn reader when forced), plus a large legitimate
file and thousands of noteRefs read in reasonable time."""
import os
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="%s">\n' % NS


def doc(body, notes=""):
    return (HEAD + '<doc name="x"><meta>%s</meta><mainBody>%s</mainBody></doc>\n'
            '</akomaNtoso>\n' % (notes, body)).encode("utf-8")


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n <!ENTITY a "aaaaaaaaaa">\n'
          + "".join(' <!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n'
                    % ((chr(98 + i),) + (chr(97 + i),) * 10) for i in range(9))
          + ']>\n<akomaNtoso xmlns="%s"><doc name="x"><meta/><mainBody><p>&j;</p>'
            '</mainBody></doc></akomaNtoso>\n' % NS).encode()

with open(os.path.join(SRC, "samples", "akn", "res-en.xml"), "rb") as f:
    RES = f.read()

# name, bytes, extra arguments, word the one error line must hold
CASES = [
    ("doctype.xml", LAUGHS, [], ":2: error: akn: a document type declaration"),
    ("deep.xml", doc("<hcontainer name='x'>" * 20000 + "<p>deep</p>"
                     + "</hcontainer>" * 20000), [], "error: akn: XML: "),
    ("truncated.xml", RES[:len(RES) // 2], [], "error: akn: XML: "),
    ("entity.xml", doc("<p>a&nbsp;b</p>"), [], "error: akn: XML: "),
    ("utf8.xml", doc("<p>caf\xe9</p>").replace(b"\xc3\xa9", b"\xe9"), [],
     "error: akn: XML: "),
    ("empty.xml", (HEAD + "</akomaNtoso>\n").encode(), [], "no document inside"),
    ("other.xml", b'<?xml version="1.0"?>\n<statute xmlns="urn:x"><p>x</p></statute>\n',
     [], "unknown format"),
    ("other-forced.xml", b'<?xml version="1.0"?>\n<statute xmlns="urn:x"><p>x</p></statute>\n',
     ["--chain", "akn | txt"], "not Akoma Ntoso: the root element is <statute>"),
]


def run(args, timeout=60):
    t = time.monotonic()
    p = subprocess.run([EXE] + args, cwd=SRC, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"), time.monotonic() - t


def main():
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, data, extra, want in CASES:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            out = os.path.join(tmp, "out.txt")
            args = ["convert", path] + (extra or ["-t", "txt"]) + ["-o", out]
            try:
                code, _, err, _ = run(args)
            except subprocess.TimeoutExpired:
                print("FAIL %s: no answer within 60 s" % name)
                failed += 1
                continue
            lines = err.splitlines()
            problems = []
            if code != 1:
                problems.append("exit %d, want 1" % code)
            if len(lines) != 1:
                problems.append("%d lines on stderr, want 1" % len(lines))
            if want not in err:
                problems.append("no %r in the message" % want)
            if os.path.exists(out):
                problems.append("an output file was left")
            if problems:
                failed += 1
                print("FAIL %s: %s\n%s" % (name, "; ".join(problems), err[:600]))
            else:
                print("ok   %s: %s" % (name, lines[0].replace(tmp, "$TMP")))

        # Legitimate but large: 20000 numbered paragraphs (about 3 MB), and
        # 5000 notes each called by a noteRef.
        big = doc("".join("<paragraph eId='p%d'><num>%d.</num><content><p>Paragraph"
                          " %d of a long document, with <i>some</i> markup.</p>"
                          "</content></paragraph>" % (i, i, i) for i in range(1, 20001)))
        refs = doc("".join("<p>Text<noteRef href='#n%d' marker='%d'/>.</p>" % (i, i)
                           for i in range(5000)),
                   "<notes source='#x'>" + "".join("<note eId='n%d'><p>Note %d.</p></note>"
                                                   % (i, i) for i in range(5000)) + "</notes>")
        for name, data, want_lines in (("big.xml", big, 20000), ("refs.xml", refs, 10000)):
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            try:
                code, out, err, secs = run(["convert", path, "--chain", "akn | txt:ids",
                                            "-o", "-"], timeout=120)
            except subprocess.TimeoutExpired:
                print("FAIL %s: no answer within 120 s" % name)
                failed += 1
                continue
            n = sum(1 for l in out.decode("utf-8").split("\n") if l)
            if code != 0 or err or n < want_lines:
                failed += 1
                print("FAIL %s: exit %d, %d blocks, want %d\n%s"
                      % (name, code, n, want_lines, err[:400]))
            else:
                print("ok   %s: %d bytes, %d blocks in %.1f s" % (name, len(data), n, secs))
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
