#!/usr/bin/env python3
"""The EPUB writers (epub, align-epub) on the seed, an Arabic text and the
six-language report, read back with zipfile and an XML parser:

- the archive: mimetype first, stored, no extra field; fixed timestamps;
  two runs byte-identical; dcterms:modified from SOURCE_DATE_EPOCH, else
  from the input's modification time;
- the package: dc:identifier, title, language, the accessibility
  metadata, the nav and every content document in manifest and spine;
- the content: a file per part, lang and xml:lang, keys as ids, labels as
  text, the seed's 22 footnotes as noteref -> aside pairs whose links meet
  both ways (no <sup> inside the link), links kept, the Chinese CSS;
- Arabic: dir="rtl" and page-progression-direction="rtl";
- Chinese: Latin and digit runs beside Han characters in as-s/as-e spans;
- the parallel edition: every version in every row with its lang, each
  paragraph linking to its counterparts, every internal link resolving,
  the flagged rows (as many as the alignment finds) shown with evidence;
- embedded fonts (epub:fonts=embed) on the seed and an Arabic text: each
  font in the manifest as font/ttf, listed in META-INF/encryption.xml,
  stored obfuscated (not a font as it lies in the archive), a TrueType
  font that fontconfig reads once de-obfuscated with the key the spec
  gives (SHA-1 of the unique identifier), declared with @font-face and
  named first in the language's stack, and together covering every
  character of the text of that language; two runs byte-identical; none
  of it without the option.
"""
import hashlib
import json
import os
import shutil
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
SEED = os.path.join(SRC, "samples", "seed-zh.txt")
XH = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EP = "{http://www.idpf.org/2007/ops}"
XL = "{http://www.w3.org/XML/1998/namespace}"

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def run(args, env=None):
    r = subprocess.run([EXE] + args, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit("hexaglot %s: exit %d\n%s" % (" ".join(args), r.returncode, r.stderr))
    return r


def read(path):
    z = zipfile.ZipFile(path)
    files = {i.filename: z.read(i.filename) for i in z.infolist()}
    return z.infolist(), files


def package(files):
    opf = ET.fromstring(files["EPUB/package.opf"])
    return opf


def content(files, opf):
    """Spine documents in order, parsed."""
    items = {i.get("id"): i.get("href") for i in opf.iter(OPF + "item")}
    return [(items[r.get("idref")], ET.fromstring(files["EPUB/" + items[r.get("idref")]]))
            for r in opf.iter(OPF + "itemref")]


def check_archive(name, infos, files, when):
    check(infos[0].filename == "mimetype", "%s: mimetype is not first" % name)
    check(infos[0].compress_type == zipfile.ZIP_STORED, "%s: mimetype compressed" % name)
    check(infos[0].extra == b"", "%s: mimetype has an extra field" % name)
    check(files["mimetype"] == b"application/epub+zip", "%s: mimetype content" % name)
    check("META-INF/container.xml" in files, "%s: no container" % name)
    stamps = {i.date_time for i in infos}
    check(len(stamps) == 1, "%s: entries carry %d timestamps" % (name, len(stamps)))
    check(stamps == {when}, "%s: archive time %s, expected %s" % (name, stamps, when))


def check_package(name, opf, lang):
    meta = opf.find(OPF + "metadata")
    ident = meta.find(DC + "identifier")
    check(ident is not None and ident.text and opf.get("unique-identifier") == ident.get("id"),
          "%s: no unique dc:identifier" % name)
    check(meta.find(DC + "title") is not None and meta.find(DC + "title").text,
          "%s: no title" % name)
    check(meta.find(DC + "language").text == lang, "%s: dc:language" % name)
    props = {}
    for m in meta.iter(OPF + "meta"):
        props.setdefault(m.get("property"), []).append(m.text)
    for p in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
              "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:modified"):
        check(p in props, "%s: no %s" % (name, p))
    navs = [i for i in opf.iter(OPF + "item") if i.get("properties") == "nav"]
    check(len(navs) == 1, "%s: no nav document" % name)
    return ident.text if ident is not None else None, props


def ids_and_links(docs):
    ids, links = set(), []
    for href, root in docs:
        for el in root.iter():
            if el.get("id"):
                ids.add(href + "#" + el.get("id"))
            if el.tag == XH + "a" and el.get("href") and "://" not in el.get("href"):
                h = el.get("href")
                links.append((href, h if not h.startswith("#") else href + h, el))
    return ids, links


def seed_checks(tmp):
    out1, out2 = os.path.join(tmp, "a.epub"), os.path.join(tmp, "b.epub")
    seed = os.path.join(tmp, "seed-zh.txt")
    with open(SEED, "rb") as f, open(seed, "wb") as g:
        g.write(f.read())
    os.utime(seed, (1638316800, 1638316800))  # 2021-12-01T00:00:00Z
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    run(["convert", seed, "-t", "epub", "-o", out1], env)
    run(["convert", seed, "-t", "epub", "-o", out2], env)
    check(open(out1, "rb").read() == open(out2, "rb").read(), "seed: two runs differ")
    infos, files = read(out1)
    check_archive("seed", infos, files, (2021, 12, 1, 0, 0, 0))
    opf = package(files)
    ident, props = check_package("seed", opf, "zh")
    check(props["dcterms:modified"] == ["2021-12-01T00:00:00Z"],
          "seed: modified %s, not the input's time" % props["dcterms:modified"])
    check(re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                       r"[0-9a-f]{12}", ident or ""), "seed: identifier %r" % ident)
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    run(["convert", seed, "-t", "epub", "-o", out2], env)
    infos2, files2 = read(out2)
    check_archive("seed (SOURCE_DATE_EPOCH)", infos2, files2, (2023, 11, 14, 22, 13, 20))
    check(package(files2).find(OPF + "metadata").find(OPF + "meta[@property='dcterms:modified']")
          .text == "2023-11-14T22:13:20Z", "seed: SOURCE_DATE_EPOCH not used")
    check(package(files2).find(OPF + "metadata").find(DC + "identifier").text == ident,
          "seed: the identifier depends on the time")

    sym = os.path.join(tmp, "sym.txt")
    with open(sym, "w", encoding="utf-8") as f:
        f.write("A/76/533/Add.2\n\n" + open(SEED, encoding="utf-8").read())
    run(["convert", sym, "-t", "epub", "-o", out2])
    check(package(read(out2)[1]).find(OPF + "metadata").find(DC + "identifier").text ==
          "https://undocs.org/zh/A/76/533/Add.2", "seed: the symbol is not the identifier")

    docs = content(files, opf)
    names = [h for h, _ in docs]
    check(names == ["p1-front.xhtml", "p2-body.xhtml", "p3-res1.xhtml", "p4-annex.xhtml"],
          "seed: parts %s" % names)
    for href, root in docs:
        check(root.get("lang") == "zh" and root.get(XL + "lang") == "zh",
              "seed: %s lacks lang/xml:lang" % href)
    byid = {}
    for href, root in docs:
        for el in root.iter():
            if el.get("id"):
                byid[el.get("id")] = el
    for key, label in (("body.11", "11."), ("res1.op.12", "12."), ("annex.3", "3.")):
        el = byid.get(key)
        check(el is not None, "seed: no element with id %s" % key)
        if el is not None:
            lab = el.find(XH + "span")
            check(lab is not None and lab.get("class") == "label" and lab.text == label,
                  "seed: %s does not open with its label %s as text" % (key, label))
    check(len([k for k in byid if k.startswith("res1.pp.")]) == 43, "seed: not 43 pp ids")
    body1 = "".join(byid["body.1"].itertext()) if "body.1" in byid else ""
    check(body1.startswith("1. 大会在2021年9月17日第2次全体会议上") and body1.endswith("分配给第二委员会。"),
          "seed: the text of body.1 is not the seed's: %r" % body1[:60])
    ids, links = ids_and_links(docs)
    refs = [(h, el) for h, root in docs for el in root.iter(XH + "a")
            if el.get(EP + "type") == "noteref"]
    asides = [(h, el) for h, root in docs for el in root.iter(XH + "aside")
              if el.get(EP + "type") == "footnote" and el.get("role") == "doc-footnote"]
    check(len(refs) == 22 and len(asides) == 22,
          "seed: %d noterefs, %d footnote asides (want 22)" % (len(refs), len(asides)))
    for h, el in refs:
        check(el.get("role") == "doc-noteref", "seed: noteref without role")
        check(el.find(XH + "sup") is None, "seed: <sup> inside a noteref")
        target = h + el.get("href") if el.get("href").startswith("#") else el.get("href")
        check(target in ids, "seed: noteref to %s goes nowhere" % target)
    for h, el in asides:
        back = el.find(XH + "p/" + XH + "a")
        check(back is not None and back.get("role") == "doc-backlink",
              "seed: aside %s does not open with a back-link" % el.get("id"))
        if back is not None:
            check(h + back.get("href") in ids, "seed: back-link of %s goes nowhere" % el.get("id"))
    for h, target, el in links:
        check(target in ids or target.split("#")[0] in names and "#" not in target,
              "seed: link %s in %s goes nowhere" % (target, h))
    ext = [el.get("href") for _, root in docs for el in root.iter(XH + "a")
           if "://" in (el.get("href") or "")]
    check(len(ext) == 3, "seed: %d external links kept (want the 3 URLs)" % len(ext))
    nav = ET.fromstring(files["EPUB/nav.xhtml"])
    toc = [a.text for a in nav.iter(XH + "a")]
    check("一. 引言" in toc and "附件" in toc, "seed: nav lacks headings/parts: %s" % toc)
    css = files["EPUB/style.css"].decode()
    for rule in ("line-break: strict", "text-autospace", "text-spacing-trim", "@supports"):
        check(rule in css, "seed: style.css lacks %s" % rule)
    check(":lang(zh) { font-family:" in css and ":lang(ar) { font-family:" in css,
          "seed: no font stacks per script")


def arabic_checks(tmp):
    ar = os.path.join(SRC, "tests", "align", "ar.txt")
    out = os.path.join(tmp, "ar.epub")
    run(["convert", ar, "-t", "epub", "-o", out])
    infos, files = read(out)
    opf = package(files)
    check_package("ar", opf, "ar")
    check(opf.find(OPF + "spine").get("page-progression-direction") == "rtl",
          "ar: no page-progression-direction rtl")
    for href, root in content(files, opf):
        check(root.get("dir") == "rtl" and root.get("lang") == "ar",
              "ar: %s is not lang=ar dir=rtl" % href)


def deobfuscate(identifier, data):
    """OCF font obfuscation: XOR of the first 1040 bytes with the SHA-1 of
    the identifier without white space."""
    key = hashlib.sha1(re.sub(r"[ \t\r\n]", "", identifier).encode()).digest()
    head = bytes(b ^ key[i % 20] for i, b in enumerate(data[:1040]))
    return head + data[1040:]


def font_charset(path):
    """(family, set of code points) of a font file by fc-query, or None."""
    r = subprocess.run(["fc-query", "--format=%{family}|%{charset}\n", path],
                       capture_output=True, text=True)
    if r.returncode != 0 or "|" not in r.stdout:
        return None
    family, ranges = r.stdout.splitlines()[0].split("|", 1)
    cps = set()
    for part in ranges.split():
        lo, _, hi = part.partition("-")
        cps.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return family, cps


def text_by_lang(docs, want):
    """Every character of the text in language want (inherited lang)."""
    chars = set()

    def walk(el, lang):
        lang = el.get("lang") or el.get(XL + "lang") or lang
        if el.tag == XH + "head":
            return
        if lang.split("-")[0] == want:
            chars.update(el.text or "")
        for c in el:
            walk(c, lang)
            if lang.split("-")[0] == want:
                chars.update(c.tail or "")

    for _, root in docs:
        walk(root, "")
    return {ord(c) for c in chars if ord(c) > 0x20}


def embed_checks(tmp):
    if not shutil.which("fc-query"):
        print("note: fc-query missing (fontconfig): embedded fonts not read back")
        return
    udhr = os.path.join(os.environ.get("HX_SHARED") or os.path.join(SRC, "..", "shared"),
                        "corpus", "udhr", "udhr--arb.html")
    arabic = udhr if os.path.exists(udhr) else os.path.join(SRC, "tests", "align", "ar.txt")
    for name, src, lang in (("seed", SEED, "zh"), ("arabic", arabic, "ar")):
        out = os.path.join(tmp, name + "-fonts.epub")
        run(["convert", src, "-t", "epub:fonts=embed", "-o", out])
        run(["convert", src, "-t", "epub:fonts=embed", "-o", out + "2.epub"])
        check(open(out, "rb").read() == open(out + "2.epub", "rb").read(),
              "%s fonts: two runs differ" % name)
        infos, files = read(out)
        opf = package(files)
        ident = opf.find(OPF + "metadata").find(DC + "identifier").text
        fonts = {i.get("href"): i.get("media-type") for i in opf.iter(OPF + "item")
                 if i.get("href").startswith("fonts/")}
        check(fonts and set(fonts.values()) == {"font/ttf"},
              "%s fonts: manifest %s" % (name, fonts))
        enc = ET.fromstring(files.get("META-INF/encryption.xml", b"<none/>"))
        refs = {r.get("URI") for r in enc.iter("{http://www.w3.org/2001/04/xmlenc#}CipherReference")}
        algs = {m.get("Algorithm") for m in enc.iter("{http://www.w3.org/2001/04/xmlenc#}EncryptionMethod")}
        check(refs == {"EPUB/" + f for f in fonts}, "%s fonts: encryption.xml lists %s" % (name, refs))
        check(algs == {"http://www.idpf.org/2008/embedding"}, "%s fonts: algorithm %s" % (name, algs))
        css = files["EPUB/style.css"].decode()
        faces = re.findall(r'@font-face \{ font-family: "([^"]+)";[^}]*url\("([^"]+)"\)', css)
        check({u for _, u in faces} == set(fonts), "%s fonts: @font-face %s" % (name, faces))
        stack = re.search(r":lang\(%s\) \{ font-family: ([^;]*);" % lang, css).group(1)
        named = [f.strip().strip('"') for f in stack.split(",")]
        covered = set()
        for href in fonts:
            raw = files["EPUB/" + href]
            check(raw[:4] not in (b"\0\1\0\0", b"true"), "%s fonts: %s not obfuscated" % (name, href))
            path = os.path.join(tmp, name + "-" + os.path.basename(href))
            with open(path, "wb") as f:
                f.write(deobfuscate(ident, raw))
            got = font_charset(path)
            check(got is not None, "%s fonts: %s does not parse once de-obfuscated" % (name, href))
            family = [fam for fam, u in faces if u == href]
            if got and family and family[0] in named:
                covered |= got[1]
        check(named and named[0].startswith("hx-"), "%s fonts: :lang(%s) stack %s" % (name, lang, named))
        missing = text_by_lang(content(files, opf), lang) - covered
        check(not missing, "%s fonts: %d characters of the %s text in no embedded font: %s"
              % (name, len(missing), lang, "".join(map(chr, sorted(missing)))[:40]))
    _, files = read(os.path.join(tmp, "a.epub"))
    check("META-INF/encryption.xml" not in files and not any(n.startswith("EPUB/fonts/") for n in files),
          "seed: fonts embedded without the option")


def autospace_checks(tmp):
    """Chinese: a run of Latin letters or digits beside a Han character is
    a span whose class names the side(s) that touch one (the margin
    fallback for text-autospace); a run after punctuation only its end."""
    src = os.path.join(tmp, "as-zh.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("根据第75/202号决议和A/76/533号文件，2021年的报告 (见附件) 与 UNESCO 合作。\n")
    out = os.path.join(tmp, "as-zh.epub")
    run(["convert", src, "-t", "epub", "-o", out])
    _, files = read(out)
    got = []
    for name in sorted(files):
        if name.startswith("EPUB/p") and name.endswith(".xhtml"):
            for el in ET.fromstring(files[name]).iter(XH + "span"):
                if (el.get("class") or "").startswith("as-"):
                    got.append((el.get("class"), el.text))
    want = [("as-s as-e", "75/202"), ("as-s as-e", "A/76/533"), ("as-e", "2021"),
            ("as-s as-e", "UNESCO")]
    check(got == want, "autospace spans %s, want %s" % (got, want))


def parallel_checks(tmp):
    langs = ["zh", "en", "ar", "fr", "ru", "es"]
    paths = [os.path.join(SRC, "tests", "align", l + ".txt") for l in langs]
    # a planted disagreement: the French version dated a day later
    fr = os.path.join(tmp, "fr.txt")
    with open(paths[3], encoding="utf-8") as f:
        text = f.read()
    check("17 septembre 2021" in text, "parallel: fr.txt changed; plant elsewhere")
    with open(fr, "w", encoding="utf-8") as f:
        f.write(text.replace("17 septembre 2021", "18 septembre 2021", 1))
    paths[3] = fr
    out, js = os.path.join(tmp, "par.epub"), os.path.join(tmp, "par.json")
    run(["align", *paths, "-o", out])
    run(["align", *paths, "-o", js])
    report = json.load(open(js, encoding="utf-8"))
    infos, files = read(out)
    check_archive("parallel", infos, files, infos[0].date_time)
    opf = package(files)
    check([l.text for l in opf.iter(DC + "language")] == langs, "parallel: dc:language list")
    docs = content(files, opf)
    rows = [el for _, root in docs for el in root.iter(XH + "div")
            if (el.get("class") or "").split()[:1] == ["row"]]
    check(len(rows) == len(report["rows"]),
          "parallel: %d rows, the alignment has %d" % (len(rows), len(report["rows"])))
    flagged = [r for r in rows if "flag" in r.get("class").split()]
    want = sum(1 for r in report["rows"] if r["flags"])
    check(len(flagged) == want and want > 0, "parallel: %d rows flagged, want %d" % (len(flagged), want))
    for r in flagged:
        check(r.find(XH + "ul") is not None and r.find(XH + "ul").get("class") == "issues",
              "parallel: flagged row %s shows no evidence" % r.get("id"))
    for r in rows:
        cells = [c for c in r.findall(XH + "div") if "cell" in c.get("class").split()]
        check([c.get("lang") for c in cells] == langs,
              "parallel: row %s cells %s" % (r.get("id"), [c.get("lang") for c in cells]))
        ar = cells[2] if len(cells) > 2 else None
        check(ar is not None and ar.get("dir") == "rtl", "parallel: Arabic cell not rtl")
        for c in cells:
            if "miss" in c.get("class").split():
                continue
            targets = [a.get("href") for a in c.find(XH + "p").findall(XH + "a")]
            want = ["#" + o.get("id") for o in cells if o is not c and "miss" not in o.get("class")]
            check(targets == want, "parallel: %s links %s, want %s" % (c.get("id"), targets, want))
    ids, links = ids_and_links(docs)
    for h, target, el in links:
        check(target in ids or "#" not in target, "parallel: link %s in %s goes nowhere" % (target, h))
    refs = sum(1 for _, root in docs for el in root.iter(XH + "a") if el.get(EP + "type") == "noteref")
    asides = sum(1 for _, root in docs for el in root.iter(XH + "aside"))
    check(refs > 0 and refs == asides, "parallel: %d noterefs, %d asides" % (refs, asides))
    run(["align", *paths, "-o", out + "2.epub"])
    check(open(out, "rb").read() == open(out + "2.epub", "rb").read(), "parallel: two runs differ")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        seed_checks(tmp)
        arabic_checks(tmp)
        embed_checks(tmp)
        autospace_checks(tmp)
        parallel_checks(tmp)
    for f in failures[:40]:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("ok: seed, Arabic and parallel EPUBs")


if __name__ == "__main__":
    main()
