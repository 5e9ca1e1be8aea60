#!/usr/bin/env python3
"""The standard chain is idempotent on its own model XML (issue 9, defect
13): for every sample and every corpus file (DOCX, UDHR HTML, Akoma Ntoso;
the corpus part is skipped, saying so, without HX_SHARED), `convert -t
xml` gives A, `convert A -t xml` gives B, and B must equal A byte for byte:
metadata derived from the text agree with the normalised text, and no
stage changes what it (or a later stage) already produced.

The metadata (<meta> lines) must agree for every file. KNOWN would list
corpus files on which the structure stage, reading its own output again,
keys some blocks differently (none does now: structure takes the roles
and keys the model carries as what it decided before). A KNOWN file that
becomes idempotent fails the test too, so that the list only shrinks."""
import os
import pathlib
import subprocess
import sys
import tempfile

hexaglot = os.environ['HEXAGLOT']
src = pathlib.Path(os.environ['HX_SOURCE'])
shared = pathlib.Path(os.environ.get('HX_SHARED', src / '..' / 'shared'))

inputs = sorted(p for p in (src / 'samples').rglob('*')
                if p.is_file() and p.suffix in ('.txt', '.xml', '.html', '.docx')
                and 'bad' not in p.parts)
corpus = shared / 'corpus'
if corpus.is_dir():
    for sub in ('docx', 'udhr', 'akn'):
        inputs += sorted(p for p in (corpus / sub).glob('*') if p.is_file())
else:
    print(f'skipping the corpus: {corpus} is absent')

KNOWN = set()

bad = checked = 0
with tempfile.TemporaryDirectory() as tmp:
    a, b = os.path.join(tmp, 'a.xml'), os.path.join(tmp, 'b.xml')
    for path in inputs:
        for f in (a, b):
            if os.path.exists(f):
                os.unlink(f)
        p = subprocess.run([hexaglot, 'convert', str(path), '-t', 'xml', '-o', a],
                           capture_output=True, text=True, errors='replace', timeout=120)
        if not os.path.exists(a):
            continue  # not convertible (the corpus has hostile files): not this test's business
        q = subprocess.run([hexaglot, 'convert', a, '-t', 'xml', '-o', b],
                           capture_output=True, text=True, errors='replace', timeout=120)
        checked += 1
        if q.returncode not in (0, 1) or not os.path.exists(b):
            print(f'{path.name}: second pass failed ({q.returncode}): {q.stderr.strip()[:300]}')
            bad += 1
            continue
        ta = pathlib.Path(a).read_text(encoding='utf-8', errors='replace').splitlines()
        tb = pathlib.Path(b).read_text(encoding='utf-8', errors='replace').splitlines()
        ma = [l for l in ta if l.lstrip().startswith('<meta ')]
        mb = [l for l in tb if l.lstrip().startswith('<meta ')]
        if ma != mb:
            print(f'{path.name}: metadata disagree with the normalised text:\n'
                  f'  once:  {sorted(set(ma) - set(mb))}\n  twice: {sorted(set(mb) - set(ma))}')
            bad += 1
            continue
        if path.name in KNOWN:
            if ta == tb:
                print(f'{path.name}: idempotent now: take it out of KNOWN')
                bad += 1
            continue
        if ta != tb:
            diff = next(i for i in range(max(len(ta), len(tb)))
                        if i >= len(ta) or i >= len(tb) or ta[i] != tb[i])
            print(f'{path.name}: not idempotent, first difference at line {diff + 1}:\n'
                  f'  once:  {ta[diff] if diff < len(ta) else "(end)"}\n'
                  f'  twice: {tb[diff] if diff < len(tb) else "(end)"}')
            bad += 1
print(f'{checked} files checked, {bad} not idempotent')
sys.exit(1 if bad or not checked else 0)
