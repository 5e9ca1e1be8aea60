#!/usr/bin/env python3
"""Issue 9's batch: 50 documents, 5 of them hostile (empty, invalid UTF-8,
a DTD after a processing instruction, a DOCX with a bad CRC, one that runs
out of memory under --max-memory), converted with -j 2: the 45 are
written, each of the 5 is named with its reason, the exit is 1 and no
temporary file remains (in the output directory or TMPDIR). Then the same
batch interrupted with SIGINT halfway and rerun: the rerun sweeps what the
interruption left, keeps unrelated files, and ends as the first run."""
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

hexaglot = os.environ['HEXAGLOT']
src = pathlib.Path(os.environ['HX_SOURCE'])
seed = (src / 'samples' / 'seed-zh.txt').read_text(encoding='utf-8')
failures = []


def check(name, cond, detail=''):
    print(('ok   ' if cond else 'FAIL ') + name + ('' if cond else ': ' + str(detail)[:600]))
    if not cond:
        failures.append(name)


def bad_crc_docx(path):
    w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Override PartName="/word/'
                   'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr('word/document.xml', f'<?xml version="1.0"?><w:document xmlns:w="{w}">'
                   '<w:body><w:p><w:r><w:t>Paragraph one.</w:t></w:r></w:p></w:body>'
                   '</w:document>')
    data = bytearray(path.read_bytes())
    data[data.find(b'Paragraph one')] = ord('X')
    path.write_bytes(bytes(data))


with tempfile.TemporaryDirectory() as tmp:
    T = pathlib.Path(tmp)
    ind, tmpd = T / 'in', T / 'tmp'
    ind.mkdir()
    tmpd.mkdir()
    inputs = []
    for i in range(45):
        p = ind / f'd{i:02}.txt'
        # each its own: a numbered paragraph that differs
        p.write_text(seed + f'\n\n{i + 100}. Paragraph of document {i}.\n', encoding='utf-8')
        inputs.append(p)
    hostile = {
        'h1-empty.txt': b'',
        'h2-utf8.txt': b'Valid line.\n\nBad \xff\xfe byte.\n',
        'h3-dtd.xml': b'<?xml version="1.0"?>\n<?pi <akomaNtoso> ?>\n<!DOCTYPE akomaNtoso [\n'
                      b'<!ENTITY e "s">]>\n<akomaNtoso xmlns="http://docs.oasis-open.org/'
                      b'legaldocml/ns/akn/3.0"><act><body><p>&e;</p></body></act></akomaNtoso>\n',
        'h5-oom.txt': b'a\n\n' * 150000,
    }
    for name, data in hostile.items():
        (ind / name).write_bytes(data)
    bad_crc_docx(ind / 'h4-crc.docx')
    names = sorted(hostile) + ['h4-crc.docx']
    # hostile ones spread through the list
    for k, name in enumerate(sorted(names)):
        inputs.insert(5 + k * 10, ind / name)
    assert len(inputs) == 50
    env = dict(os.environ, TMPDIR=str(tmpd))
    # 24 MB: the seed needs a few, the 150,000-paragraph file some 60
    args = [hexaglot, 'batch'] + [str(p) for p in inputs] + ['-j', '2', '--max-memory', '24']

    def outcome(out, p, label):
        err = p.stderr.decode('utf-8', 'replace')
        out.mkdir(exist_ok=True)  # a run that refused to start made none
        written = sorted(f for f in os.listdir(out) if f.endswith('.txt') and f.startswith('d'))
        check(f'{label}: exit 1', p.returncode == 1, (p.returncode, err))
        check(f'{label}: the 45 written', len(written) == 45, written)
        for name, why in (('h1-empty', 'empty file'), ('h2-utf8', 'invalid UTF-8'),
                          ('h3-dtd', 'document type declaration'), ('h4-crc', 'CRC'),
                          ('h5-oom', 'out of memory')):
            check(f'{label}: {name} named with its reason',
                  any(name in l and why in l and ': error: ' in l for l in err.splitlines()), err)
        check(f'{label}: none of the 5 written',
              not [f for f in os.listdir(out) if f.startswith('h')], os.listdir(out))
        temps = [f for f in os.listdir(out) if f.endswith('.hxtmp')] + os.listdir(tmpd)
        check(f'{label}: no temporary file', temps == [], temps)

    out1 = T / 'out1'
    p = subprocess.run(args + ['-o', str(out1)], capture_output=True, env=env, timeout=600)
    outcome(out1, p, 'straight run')

    out2 = T / 'out2'
    out2.mkdir()
    (out2 / 'd01.txt.backup').write_text('unrelated')
    (out2 / '.d02.txt.4242424.hxtmp').write_text('left by a killed run')
    proc = subprocess.Popen(args + ['-o', str(out2)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)
    deadline = time.time() + 120
    # Early, and polled often: 50 small documents take well under a second
    # on a quiet machine, and the interrupt must land halfway. Outputs land
    # in groups (pipeline/batch_land.h), so the sign that conversion has
    # begun is a temporary of this run waiting to land, not an output.
    while time.time() < deadline and not [
            f for f in os.listdir(out2) if f.endswith('.hxtmp') and '4242424' not in f]:
        time.sleep(0.0005)
    os.killpg(proc.pid, signal.SIGINT)  # as ^C does: the whole process group
    proc.wait(timeout=60)
    time.sleep(0.5)
    done = len(list(out2.glob('d*.txt')))
    check('SIGINT halfway: stopped before the end', 0 < done < 45 and proc.returncode != 0,
          (done, proc.returncode))
    left = [f for f in os.listdir(out2) if f.endswith('.hxtmp') and '4242424' not in f]
    check('SIGINT halfway: no temporary of its own left', left == [] and os.listdir(tmpd) == [],
          (left, os.listdir(tmpd)))
    p = subprocess.run(args + ['-o', str(out2)], capture_output=True, env=env, timeout=600)
    outcome(out2, p, 'rerun after SIGINT')
    check('rerun: the unrelated file kept', (out2 / 'd01.txt.backup').exists())

print(f'{len(failures)} failed' if failures else 'all passed')
sys.exit(1 if failures else 0)
