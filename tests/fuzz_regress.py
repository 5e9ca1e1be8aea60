#!/usr/bin/env python3
"""Inputs the fuzzers (fuzz/) once broke something with, minimised, in
tests/fuzz_regress/<reader>-<what>.<ext>: each is converted with the reader
its name starts with, the standard filters and the xml writer, and must end
in exit 0 or 1 within 10 seconds, with every stderr line one diagnostic
(file:line: severity: stage: message), an error when the exit is 1, and no
sanitizer report or internal error."""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

hexaglot = os.environ['HEXAGLOT']
src = pathlib.Path(os.environ['HX_SOURCE'])
line_re = re.compile(r'^[^:]+:\d+: (note|warning|error): [a-z-]+: .+$')
cases = sorted((src / 'tests' / 'fuzz_regress').glob('*-*'))
if not cases:
    print('no cases in tests/fuzz_regress')
    sys.exit(1)
bad = 0
with tempfile.TemporaryDirectory() as tmp:
    for path in cases:
        reader = path.name.split('-', 1)[0]
        chain = f'{reader} | structure | notes | rejoin | zh-norm | xml'
        try:
            p = subprocess.run([hexaglot, 'convert', str(path), '--chain', chain,
                                '-o', os.path.join(tmp, 'out.xml')],
                               capture_output=True, text=True, errors='replace', timeout=10)
        except subprocess.TimeoutExpired:
            print(f'{path.name}: no answer within 10 s')
            bad += 1
            continue
        lines = p.stderr.splitlines()
        why = None
        if p.returncode not in (0, 1):
            why = f'exit {p.returncode}'
        elif any(not line_re.match(l) for l in lines):
            why = 'a stderr line that is not a diagnostic'
        elif ': internal error: the stage left' in p.stderr:
            why = 'an internal error'
        elif p.returncode == 1 and not any(': error: ' in l for l in lines):
            why = 'exit 1 without an error'
        if why:
            print(f'{path.name}: {why}\n{p.stderr}')
            bad += 1
        else:
            print(f'{path.name}: exit {p.returncode}, {len(lines)} diagnostic(s)')
sys.exit(1 if bad else 0)
