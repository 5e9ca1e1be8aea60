#!/usr/bin/env python3
"""Hostile and broken DOCX files, generated here: each must give exit 1 and
one clean `file:0|N: error: docx: …` line that says what is wrong, or a
bounded conversion (exit 0) — never a crash, a hang or a leak of anything
from outside the package."""
import base64
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import docx_build  # noqa: E402

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(HERE)
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")

SIMPLE = """=== document
p | Hello world.
=== expect
"""


def good_docx(path):
    docx_build.build(SIMPLE, path)


def replace_part(src, dst, name, data, extra=None, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compress) as zout:
        for item in zin.infolist():
            if item.filename == name:
                zout.writestr(name, data)
            else:
                zout.writestr(item, zin.read(item.filename))
        for n, d in (extra or {}).items():
            zout.writestr(n, d)


def body(xml):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="%s"><w:body>%s'
            "</w:body></w:document>" % (docx_build.W, xml))


def cases(tmp):
    good = os.path.join(tmp, "good.docx")
    good_docx(good)
    out = []

    def mk(name):
        return os.path.join(tmp, name)

    # A part of 64 MiB of spaces: compresses about 1000:1.
    p = mk("bomb.docx")
    replace_part(good, p, "word/document.xml",
                 body('<w:p><w:r><w:t xml:space="preserve">' + " " * (64 << 20) + "</w:t></w:r></w:p>"))
    out.append(("zip bomb", p, 1, "zip bomb"))

    p = mk("deep.docx")
    depth = 5000
    replace_part(good, p, "word/document.xml",
                 body("<w:customXml>" * depth + "<w:p/>" + "</w:customXml>" * depth))
    out.append(("deep nesting", p, 1, "nested deeper"))

    p = mk("laughs.docx")
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
           + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9))
           + ']>\n<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
           % docx_build.W)
    replace_part(good, p, "word/document.xml", lol)
    # libxml2 may stop the amplification itself before the DOCTYPE is seen.
    out.append(("entity expansion", p, 1, ("DOCTYPE is not allowed", "entity")))

    p = mk("xxe.docx")
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
           % docx_build.W)
    replace_part(good, p, "word/document.xml", xxe)
    out.append(("external entity", p, 1, "DOCTYPE is not allowed"))

    p = mk("bigtext.docx")
    replace_part(good, p, "word/document.xml",
                 body("<w:p><w:r><w:t>" + base64.b64encode(os.urandom(7 << 20)).decode()
                      + "</w:t></w:r></w:p>"))
    out.append(("huge text node", p, 1, ("text node longer", "text longer")))

    p = mk("malformed.docx")
    replace_part(good, p, "word/document.xml", body("<w:p><w:r><w:t>open</w:r></w:p>"))
    out.append(("malformed XML", p, 1, "malformed XML"))

    p = mk("truncated.docx")
    with open(good, "rb") as f:
        data = f.read()
    with open(p, "wb") as f:
        f.write(data[: len(data) // 2])
    out.append(("truncated", p, 1, "truncated"))

    p = mk("notzip.docx")
    with open(p, "w") as f:
        f.write("This is plain text, not a Word document.\n")
    out.append(("not a zip", p, 1, "not a ZIP"))

    p = mk("empty.docx")
    open(p, "wb").close()
    out.append(("empty file", p, 1, "empty file"))  # the runner may say it first

    p = mk("ole2.docx")
    with open(p, "wb") as f:
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 504)
    out.append(("OLE2 container", p, 1, "OLE2"))

    p = mk("otherzip.docx")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "just a zip")
    out.append(("zip without Word parts", p, 1, "not a DOCX"))

    # Relationship targets and names climbing out of the package: never
    # followed outside it; the document still converts.
    p = mk("traversal.docx")
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="../../../../../../etc/passwd"/>'
            '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
            'Target="/../../etc/passwd"/></Relationships>')
    replace_part(good, p, "word/_rels/document.xml.rels", rels,
                 extra={"../../evil.xml": "<x/>", "/abs/evil.xml": "<x/>"})
    out.append(("path traversal", p, 0, None))
    return out


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, path, want_rc, want_msg in cases(tmp):
            try:
                p = subprocess.run([EXE, "convert", path, "--chain", "docx | txt", "-o", "-"],
                                   capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                print("FAIL %s: timed out" % what)
                failures += 1
                continue
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()
            ok = p.returncode == want_rc
            if want_rc == 1:
                msgs = want_msg if isinstance(want_msg, tuple) else (want_msg,)
                stage = ": error: " if what == "empty file" else ": error: docx: "
                ok = ok and len(err) == 1 and stage in err[0] and any(m in err[0] for m in msgs)
            else:
                ok = ok and b"root:" not in p.stdout
            print("%s %s: exit %d %s" % ("ok  " if ok else "FAIL", what, p.returncode,
                                        err[0] if err else ""))
            if not ok:
                failures += 1
                print("     stderr: %r" % p.stderr[:500])
    print("%d hostile-file checks failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
