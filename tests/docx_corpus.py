#!/usr/bin/env python3
"""Converts every DOCX of the shared corpus and compares its text with
pandoc's expected output where the corpus has one.

For each corpus/docx/*.docx:
  - `hexaglot convert F -t txt -o -` must exit 0, or, for the files the
    manifest marks as broken (truncated, password-protected), exit 1 with one
    clean `file:line: error: docx: …` line; a signal, a timeout or any other
    outcome fails.
  - Where pandoc's expected output exists (`X.native`, `X_accept.native`,
    `X_reject.native`, `X_all.native` for changes=MODE, `X.md`), the reader
    alone (`--chain 'docx:changes=MODE | xml'`) is compared: the words and
    Han characters of our text nodes (and image alt texts) against pandoc's
    Str tokens, as sequences (difflib). Agreement = 2·matched / (ours +
    theirs). A file must agree fully unless tests/data/docx_accepted.tsv
    lists it with a floor and the reason for the difference; the aggregate
    over all compared files must be at least 99%.

The corpus comes from $HX_SHARED/corpus/docx; without it the test is
skipped (exit 77). `-v` prints every comparison."""
import difflib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SHARED = os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "docx")
ACCEPTED = os.path.join(SRC, "tests", "data", "docx_accepted.tsv")
VERBOSE = "-v" in sys.argv

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
TOKEN = re.compile("[%s]|[^\\W_%s]+" % (HAN, HAN))


def words(text):
    return TOKEN.findall(text)


HS_ESC = re.compile(r"\\(\d+|&|x[0-9a-fA-F]+|o[0-7]+|.)", re.S)
HS_NAMES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'",
            "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def hs_unescape(s):
    """A Haskell string literal's body as text (\\8217, \\&, \\n …)."""
    def one(m):
        e = m.group(1)
        if e == "&":
            return ""
        if e.isdigit():
            return chr(int(e))
        if e[0] == "x" and len(e) > 1:
            return chr(int(e[1:], 16))
        if e[0] == "o" and len(e) > 1:
            return chr(int(e[1:], 8))
        return HS_NAMES.get(e, e)
    return HS_ESC.sub(one, s)


NATIVE = re.compile(r'\bStr "((?:[^"\\]|\\.)*)"|\b(Space|SoftBreak|LineBreak)\b'
                    r'|\b(Para|Plain|Header|Note|Cell|Div|BlockQuote|Caption|MetaInlines)\b'
                    r'|"(?:[^"\\]|\\.)*"', re.S)


def native_words(path):
    """pandoc's text: Str contents joined as rendered (Space and breaks as
    spaces, blocks apart); other strings (attributes, URLs) left out."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for m in NATIVE.finditer(text):
        if m.group(1) is not None:
            out.append(hs_unescape(m.group(1)))
        elif m.group(2):
            out.append(" ")
        elif m.group(3):
            out.append("\n")
    return words("".join(out))


def md_words(path):
    """The expected output of a pandoc command test: the text of the HTML
    between ^D and the closing fence."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = text.split("^D", 1)[1].split("```", 1)[0]
    body = re.sub(r"<[^>]*>", " ", body)
    for ent, ch in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
        body = body.replace(ent, ch)
    return words(body)


BLOCKS = {"para", "heading", "cell", "note", "item", "quote", "row", "table"}


def our_text(el, out):
    if el.tag in BLOCKS:
        out.append("\n")
    if el.tag == "text" and el.text:
        out.append(el.text)
    elif el.tag == "image" and el.get("text"):
        out.append(" " + el.get("text") + " ")
    elif el.tag == "break":
        out.append(" ")
    for c in el:
        our_text(c, out)
    if el.tag in BLOCKS:
        out.append("\n")


def our_words(xml_text):
    out = []
    our_text(ET.fromstring(xml_text), out)
    return words("".join(out))


def run(args, timeout=120):
    try:
        p = subprocess.run([EXE] + args, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"
    return p.returncode, p.stdout, p.stderr


def expected_files():
    """(docx, changes mode, expected path, kind) for every expectation."""
    out = []
    for name in sorted(os.listdir(CORPUS)):
        path = os.path.join(CORPUS, name)
        m = re.match(r"(.*?)(?:_(accept|reject|all))?\.native$", name)
        if m:
            base, mode = m.group(1), m.group(2) or "accept"
            docx = os.path.join(CORPUS, base + ".docx")
            if os.path.exists(docx):
                out.append((docx, mode, path, "native"))
            continue
        if name.endswith(".md"):
            docx = os.path.join(CORPUS, name[:-3] + ".docx")
            if os.path.exists(docx):
                out.append((docx, "accept", path, "md"))
    return out


def broken_files():
    """Files the manifest says a reader must reject."""
    bad = set()
    with open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5 and cols[0].endswith(".docx") and "BADZIP" in cols[4]:
                bad.add(cols[0])
    return bad


def load_accepted():
    acc = {}
    with open(ACCEPTED, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            acc[cols[0]] = (float(cols[1]), cols[2] if len(cols) > 2 else "")
    return acc


def main():
    if not os.path.isdir(CORPUS):
        print("skip: no DOCX corpus at %s" % CORPUS)
        return 77
    failures = []
    bad = broken_files()
    docs = sorted(n for n in os.listdir(CORPUS) if n.endswith(".docx"))
    for name in docs:
        path = os.path.join(CORPUS, name)
        rc, out, err = run(["convert", path, "-t", "txt", "-o", "-"])
        lines = err.decode("utf-8", "replace").strip().splitlines()
        if name in bad:
            if rc != 1 or len(lines) != 1 or ": error: docx: " not in lines[0]:
                failures.append("%s: want one clean docx error and exit 1, got exit %s: %s"
                                % (name, rc, err[:300]))
            elif VERBOSE:
                print("%s: rejected: %s" % (name, lines[0]))
        elif rc != 0:
            failures.append("%s: exit %s: %s" % (name, rc, err[:300]))
    acc = load_accepted()
    total_match = total_len = 0
    seen = set()
    for docx, mode, exp, kind in expected_files():
        key = os.path.basename(exp)
        seen.add(key)
        rc, out, err = run(["convert", docx, "--chain",
                            "docx:changes=%s | xml" % mode, "-o", "-"])
        if rc != 0:
            failures.append("%s: exit %s: %s" % (key, rc, err[:300]))
            continue
        ours = our_words(out.decode("utf-8"))
        theirs = native_words(exp) if kind == "native" else md_words(exp)
        sm = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        matched = sum(b.size for b in sm.get_matching_blocks())
        n = len(ours) + len(theirs)
        ratio = 2.0 * matched / n if n else 1.0
        total_match += 2 * matched
        total_len += n
        floor, why = acc.get(key, (1.0, ""))
        ok = ratio >= floor - 1e-9
        if VERBOSE or not ok:
            print("%s %s: %.4f (%d ours, %d pandoc)%s" % (
                "ok  " if ok else "FAIL", key, ratio, len(ours), len(theirs),
                "  accepted >= %.2f: %s" % (floor, why) if key in acc else ""))
            if not ok or VERBOSE:
                for tag, a1, a2, b1, b2 in sm.get_opcodes():
                    if tag != "equal":
                        print("      %s ours=%r pandoc=%r" % (
                            tag, " ".join(ours[a1:a2])[:200], " ".join(theirs[b1:b2])[:200]))
        if not ok:
            failures.append("%s: agreement %.4f below %.4f" % (key, ratio, floor))
        elif key in acc and ratio >= 1.0 - 1e-9:
            print("note: %s agrees fully now; drop it from %s" % (key, ACCEPTED))
    for key in acc:
        if key not in seen:
            failures.append("%s is listed in %s but has no expected output" % (key, ACCEPTED))
    aggregate = total_match / total_len if total_len else 1.0
    print("%d DOCX converted, %d known-bad rejected; %d comparisons, aggregate word agreement %.4f"
          % (len(docs) - len(bad), len(bad), len(seen), aggregate))
    if aggregate < 0.99:
        failures.append("aggregate agreement %.4f below 0.99" % aggregate)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
