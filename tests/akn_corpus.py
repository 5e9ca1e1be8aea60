#!/usr/bin/env python3
"""The akn reader over the shared Akoma Ntoso corpus (corpus/akn/*.xml):
every file converts with exit status 0 and no error diagnostic, both
through the reader alone and through the standard chain, and the text of
every <p> of the source is found in the output as an unbroken run of
words. The source text of a <p> leaves out the notes inside it (their own
<p>s are checked in turn) and reads <eol/>/<br/> as a space; <p>s of the
metadata block count only inside <notes>, whose notes noteRef calls in.
The output's words are read from the model XML: per block, its label then
its text outside notes, then the blocks of its notes. The English and
Spanish markup of one UN draft resolution get the same keys outside the
front matter (whose masthead lines the structure stage reads by their
wording, which differs). Skipped (77) when the shared folder is absent."""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "akn")


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def source_text(el, top=True):
    """Text of el without the notes inside it; line breaks as spaces."""
    name = local(el.tag)
    if not top and name in ("authorialNote", "foreign"):
        return el.tail or ""
    parts = [" " if name in ("eol", "br") else "", el.text or ""]
    for c in el:
        parts.append(source_text(c, False))
    if not top:
        parts.append(el.tail or "")
    return "".join(parts)


def source_paragraphs(root):
    out = []

    def walk(el, in_meta, in_notes):
        name = local(el.tag)
        in_meta = in_meta or name == "meta"
        in_notes = in_notes or name == "notes"
        if name == "p" and (not in_meta or in_notes):
            out.append((source_text(el).split(), el))
        for c in el:
            walk(c, in_meta, in_notes)

    walk(root, False, False)
    return out


BLOCKS = {"para", "heading"}


def model_words(root):
    words = []

    def block(el):
        notes, text = [], []

        def inline(e):
            for c in e:
                if c.tag == "note":
                    notes.append(c)
                    continue
                if c.tag == "text":
                    text.append(c.text or "")
                elif c.tag == "break":
                    text.append(" ")
                inline(c)

        inline(el)
        words.extend((el.get("label") or "").split())
        words.extend("".join(text).split())
        for n in notes:
            walk(n)

    def walk(el):
        for c in el:
            if c.tag in BLOCKS:
                block(c)
            else:
                walk(c)

    walk(root)
    return words


def contains(hay, needle, index):
    if not needle:
        return True
    for i in index.get(needle[0], ()):
        if hay[i:i + len(needle)] == needle:
            return True
    return False


def check(path, tmp):
    problems = []
    try:
        src = ET.parse(path).getroot()
    except ET.ParseError as e:
        return ["the source does not parse: %s" % e]
    paras = source_paragraphs(src)
    for label, chain in (("reader", ["--chain", "akn | xml"]), ("standard", ["-t", "xml"])):
        out = os.path.join(tmp, "out.xml")
        p = subprocess.run([EXE, "convert", path] + chain + ["-o", out],
                           capture_output=True, timeout=120)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode != 0 or ": error:" in err:
            problems.append("%s: exit %d\n%s" % (label, p.returncode, err))
            continue
        words = model_words(ET.parse(out).getroot())
        index = {}
        for i, w in enumerate(words):
            index.setdefault(w, []).append(i)
        lost = [ws for ws, _ in paras if not contains(words, ws, index)]
        for ws in lost[:3]:
            problems.append("%s: <p> not found in the output: %s" % (label, " ".join(ws)[:200]))
        if len(lost) > 3:
            problems.append("%s: and %d more <p>" % (label, len(lost) - 3))
    return problems, len(paras)


# Language versions of one document in the corpus (MANIFEST.tsv).
PAIRS = [("legaldocml--Bill_UN_2012.xml", "legaldocml--Bill_UN_2012_ES.xml")]


def body_keys(path):
    p = subprocess.run([EXE, "convert", path, "-t", "txt:ids", "-o", "-"],
                       capture_output=True, timeout=120)
    keys = [l.split("\t", 1)[0] for l in p.stdout.decode("utf-8").split("\n") if l]
    return [k for k in keys if not k.startswith("front.")]


def main():
    if not os.path.isdir(CORPUS):
        print("SKIP: %s is absent" % CORPUS)
        return 77
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".xml"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            problems, n = check(os.path.join(CORPUS, name), tmp)
            if problems:
                failed += 1
                print("FAIL %s\n  %s" % (name, "\n  ".join(problems)))
            else:
                print("ok   %s: %d <p> found" % (name, n))
    for a, b in PAIRS:
        ka, kb = body_keys(os.path.join(CORPUS, a)), body_keys(os.path.join(CORPUS, b))
        if not ka or ka != kb:
            failed += 1
            print("FAIL %s and %s: keys differ\n  %s\n  %s" % (a, b, ka, kb))
        else:
            print("ok   %s and %s: the same %d keys after the front matter" % (a, b, len(ka)))
    if not names:
        print("FAIL: no files in %s" % CORPUS)
        return 1
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
