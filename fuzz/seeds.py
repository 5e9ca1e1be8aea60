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
for r in ('text', 'xml', 'html', 'akn', 'docx'):
    n = len(list((out / r).glob('*'))) if (out / r).is_dir() else 0
    print(f'{r}: {n} seeds')
