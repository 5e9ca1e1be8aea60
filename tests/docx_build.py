#!/usr/bin/env python3
"""Builds small DOCX files from the fixtures in tests/docx/*.txt, with the
standard library's zipfile only. Used by tests/docx_numbering.py and
tests/docx_hostile.py; run alone (`docx_build.py FIXTURE OUT.docx`) to look
at one in Word or LibreOffice.

A fixture is a text file in sections, each opened by a line `=== NAME`:

  === numbering     (word/numbering.xml)
  abs 0                             abstract definition 0
    lvl 0 decimal "%1." start=3 restart=0 legal pstyle=Heading1
  num 1 abs=0                       concrete definition 1
  num 2 abs=0 start0=5              ...with lvlOverride/startOverride
  num 3 abs=0 lvl0=upperRoman:"%1." ...with a whole lvl override
  abs 1 link=ListStyle              numStyleLink
  === styles        (word/styles.xml)
  style Heading1 "heading 1" based=Normal num=1 lvl=0 outline=0
  === document      (word/document.xml, body)
  p style=Heading1 num=1 lvl=0 | text with a note[^1]
  === footnotes     (word/footnotes.xml)
  fn 1 | note text
  === expect        what the test compares (see docx_numbering.py)

Lines starting with `<` are copied as raw XML into the part; `#` lines are
comments everywhere except in `expect`."""
import re
import shlex
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = 'xmlns:w="%s" xmlns:r="%s"' % (W, R)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def parse_sections(text):
    sections, cur = {}, None
    for line in text.split("\n"):
        m = re.match(r"=== (\w+)\s*$", line)
        if m:
            cur = m.group(1)
            sections[cur] = []
            continue
        if cur is None:
            continue
        if cur != "expect" and (not line.strip() or line.lstrip().startswith("#")):
            continue
        sections[cur].append(line)
    if "expect" in sections:
        while sections["expect"] and not sections["expect"][-1].strip():
            sections["expect"].pop()
    return sections


def kv(tokens):
    d, flags = {}, []
    for t in tokens:
        if "=" in t:
            k, v = t.split("=", 1)
            d[k] = v
        else:
            flags.append(t)
    return d, flags


def lvl_xml(ilvl, fmt, text, opts, flags):
    x = '<w:lvl w:ilvl="%s"><w:start w:val="%s"/><w:numFmt w:val="%s"/>' % (
        ilvl, opts.get("start", "1"), fmt)
    if "restart" in opts:
        x += '<w:lvlRestart w:val="%s"/>' % opts["restart"]
    if "pstyle" in opts:
        x += '<w:pStyle w:val="%s"/>' % opts["pstyle"]
    if "legal" in flags:
        x += "<w:isLgl/>"
    x += '<w:lvlText w:val="%s"/></w:lvl>' % esc(text)
    return x


def numbering(lines):
    out, abs_open = [], False
    for line in lines:
        s = line.strip()
        if s.startswith("<"):
            out.append(s)
            continue
        t = shlex.split(s)
        if t[0] == "abs":
            if abs_open:
                out.append("</w:abstractNum>")
            d, _ = kv(t[2:])
            out.append('<w:abstractNum w:abstractNumId="%s">' % t[1])
            if "link" in d:
                out.append('<w:numStyleLink w:val="%s"/>' % d["link"])
            if "stylelink" in d:
                out.append('<w:styleLink w:val="%s"/>' % d["stylelink"])
            abs_open = True
        elif t[0] == "lvl":
            d, flags = kv(t[4:])
            out.append(lvl_xml(t[1], t[2], t[3], d, flags))
        elif t[0] == "num":
            if abs_open:
                out.append("</w:abstractNum>")
                abs_open = False
            d, _ = kv(t[2:])
            x = '<w:num w:numId="%s"><w:abstractNumId w:val="%s"/>' % (t[1], d["abs"])
            for k, v in d.items():
                m = re.match(r"start(\d)$", k)
                if m:
                    x += ('<w:lvlOverride w:ilvl="%s"><w:startOverride w:val="%s"/>'
                          "</w:lvlOverride>" % (m.group(1), v))
                m = re.match(r"lvl(\d)$", k)
                if m:
                    fmt, text = v.split(":", 1)
                    x += '<w:lvlOverride w:ilvl="%s">%s</w:lvlOverride>' % (
                        m.group(1), lvl_xml(m.group(1), fmt, text, {"start": d.get("ostart", "1")}, []))
            out.append(x + "</w:num>")
    if abs_open:
        out.append("</w:abstractNum>")
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering %s>%s</w:numbering>' % (
        NS, "\n".join(out))


def styles(lines):
    out = ['<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>']
    for line in lines:
        s = line.strip()
        if s.startswith("<"):
            out.append(s)
            continue
        t = shlex.split(s)
        d, _ = kv(t[3:])
        x = '<w:style w:type="%s" w:styleId="%s"><w:name w:val="%s"/>' % (
            d.get("type", "paragraph"), t[1], esc(t[2]))
        if "based" in d:
            x += '<w:basedOn w:val="%s"/>' % d["based"]
        ppr = ""
        if "num" in d or "lvl" in d:
            ppr += "<w:numPr>"
            if "lvl" in d:
                ppr += '<w:ilvl w:val="%s"/>' % d["lvl"]
            if "num" in d:
                ppr += '<w:numId w:val="%s"/>' % d["num"]
            ppr += "</w:numPr>"
        if "outline" in d:
            ppr += '<w:outlineLvl w:val="%s"/>' % d["outline"]
        if ppr:
            x += "<w:pPr>%s</w:pPr>" % ppr
        out.append(x + "</w:style>")
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles %s>%s</w:styles>' % (
        NS, "\n".join(out))


def runs(text, note="footnote"):
    """Text with [^N] footnote references and [^eN] endnote references."""
    out = []
    for part in re.split(r"(\[\^e?\d+\])", text):
        m = re.match(r"\[\^(e?)(\d+)\]", part)
        if m:
            kind = "endnote" if m.group(1) else "footnote"
            out.append('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                       '<w:%sReference w:id="%s"/></w:r>' % (kind, m.group(2)))
        elif part:
            out.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(part))
    return "".join(out)


def para(line):
    head, _, text = line.partition("|")
    t = shlex.split(head)
    d, _ = kv(t[1:])
    ppr = ""
    if "style" in d:
        ppr += '<w:pStyle w:val="%s"/>' % d["style"]
    if "num" in d or "lvl" in d:
        ppr += "<w:numPr>"
        if "lvl" in d:
            ppr += '<w:ilvl w:val="%s"/>' % d["lvl"]
        if "num" in d:
            ppr += '<w:numId w:val="%s"/>' % d["num"]
        ppr += "</w:numPr>"
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", runs(text.strip()))


def document(lines):
    out = []
    for line in lines:
        s = line.strip()
        out.append(s if s.startswith("<") else para(s))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
            "</w:body></w:document>" % (NS, "\n".join(out)))


def notes(lines, kind):
    out = ['<w:%s w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:%s>' % (kind, kind),
           '<w:%s w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           "</w:r></w:p></w:%s>" % (kind, kind)]
    for line in lines:
        s = line.strip()
        if s.startswith("<"):
            out.append(s)
            continue
        head, _, text = s.partition("|")
        nid = head.split()[1]
        out.append('<w:%s w:id="%s"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                   '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:%sRef/></w:r>%s</w:p></w:%s>'
                   % (kind, nid, kind, runs(" " + text.strip()), kind))
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:%ss %s>%s</w:%ss>' % (
        kind, NS, "\n".join(out), kind)


CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def build(fixture_text, out_path):
    sec = parse_sections(fixture_text)
    parts = {"word/document.xml": document(sec.get("document", []))}
    rels = []
    if "numbering" in sec:
        parts["word/numbering.xml"] = numbering(sec["numbering"])
        rels.append(("numbering", "numbering.xml"))
    parts["word/styles.xml"] = styles(sec.get("styles", []))
    rels.append(("styles", "styles.xml"))
    for kind in ("footnote", "endnote"):
        if kind + "s" in sec:
            parts["word/%ss.xml" % kind] = notes(sec[kind + "s"], kind)
            rels.append((kind + "s", kind + "s.xml"))
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/'
                          'officeDocument/2006/relationships/%s" Target="%s"/>' % (i + 10, t, tgt)
                          for i, (t, tgt) in enumerate(rels))
                + "</Relationships>")
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        for name, data in parts.items():
            z.writestr(name, data)
    return sec.get("expect", [])


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        build(f.read(), sys.argv[2])
