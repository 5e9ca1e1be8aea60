#!/usr/bin/env python3
"""Fills DIR/<reader>/ with seed inputs for the harnesses: samples/, the DOCX
fixtures of tests/docx built by tests/docx_build.py, and, only when present
(never committed), the shared corpus given by HX_SHARED (default
../shared next to the checkout).  Usage: fuzz/seeds.py DIR"""
import os
import pathlib
import shutil
import subprocess
import sys
import zipfile

src = pathlib.Path(__file__).resolve().parent.parent
shared = pathlib.Path(os.environ.get('HX_SHARED', src.parent / 'shared'))
out = pathlib.Path(sys.argv[1])
limit = 256 * 1024  # larger seeds only slow the fuzzer down


def put(reader, path):
    if path.is_file() and path.stat().st_size <= limit:
        d = out / reader
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, d / (path.parent.name + '-' + path.name))


for p in sorted(src.glob('samples/**/*')):
    if p.suffix == '.txt':
        put('text', p)
    elif p.suffix == '.xml':
        put('xml', p)
        put('akn', p)
    elif p.suffix in ('.html', '.htm'):
        put('html', p)
for p in sorted(src.glob('tests/cases/*.html')) + sorted(src.glob('tests/**/*.html')):
    put('html', p)
for fx in sorted(src.glob('tests/docx/*.txt')):
    d = out / 'docx'
    d.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(src / 'tests/docx_build.py'), str(fx),
                    str(d / (fx.stem + '.docx'))], check=True)
if shared.is_dir():
    for p in sorted(shared.glob('corpus/docx/*.docx')):
        put('docx', p)
    for p in sorted(shared.glob('corpus/akn/*.xml')):
        put('akn', p)
    for p in sorted(shared.glob('corpus/udhr/*.htm*')):
        put('html', p)
    for p in sorted(shared.glob('seed/*.txt')):
        put('text', p)
# The harnesses past the readers: txt (an option byte, then text), align
# (a report byte, then two texts cut at a form feed), docx_xml (the XML
# parts of each DOCX joined by NUL bytes, in fuzz_docx_xml.c's order).
texts = [p.read_bytes()[:30000] for p in sorted((out / 'text').glob('*'))][:12]
for d in ('txt', 'align', 'docx_xml'):
    (out / d).mkdir(parents=True, exist_ok=True)
for i, t in enumerate(texts):
    (out / 'txt' / f's{i}').write_bytes(bytes([i * 37 % 256]) + t)
    for j, u in enumerate(texts[:4]):
        (out / 'align' / f's{i}-{j}').write_bytes(bytes([(i + j) % 4]) + t + b'\f' + u)
parts = ['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/footnotes.xml',
         'word/endnotes.xml', 'word/_rels/document.xml.rels']
for p in sorted((out / 'docx').glob('*.docx')):
    try:
        with zipfile.ZipFile(p) as z:
            names = {n.lower(): n for n in z.namelist()}
            data = b'\0'.join(z.read(names[q.lower()]) if q.lower() in names else b''
                               for q in parts)
    except (zipfile.BadZipFile, KeyError, OSError):
        continue
    if len(data) <= limit:
        (out / 'docx_xml' / p.stem).write_bytes(data)
for r in ('text', 'xml', 'html', 'akn', 'docx', 'txt', 'align', 'docx_xml'):
    n = len(list((out / r).glob('*'))) if (out / r).is_dir() else 0
    print(f'{r}: {n} seeds')
