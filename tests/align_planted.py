#!/usr/bin/env python3
"""Planted differences for `hexaglot align`.

Builds edited versions in a temporary directory and checks that every
planted difference is reported by the align stage at the right key, with
the right kind, against the edited file, and that nothing else is:

  * same language: the Chinese seed (samples/seed-zh.txt) against a copy;
  * across languages: tests/align/zh.txt (part of the seed) against
    tests/align/en.txt (an English rendering of it) with the English edited,
    and the three of them together (only the edited version is blamed);
    then with tests/align/fr.txt (a French rendering), planted the same way,
    and five versions with es.txt and ru.txt, the Russian planted; the six
    with ar.txt (an Arabic rendering) unedited, then the Arabic planted;
    a year changed in one Russian date (reported there only).

The plants, one of each kind the issue names: a preambular paragraph
deleted, two operative paragraphs merged, a figure changed, a date changed,
a symbol changed, a footnote marker removed. Unedited versions must align
without a single align warning. `--check` must exit 1 only when there is a
difference.
"""
import os
import re
import subprocess
import sys
import tempfile

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
LINE = re.compile(r"^(.*?):(\d+): warning: align: (\S+): (.*)$")

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def plant(text, edits):
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit("test data changed: %r found %d times" % (old, text.count(old)))
        text = text.replace(old, new)
    return text


def align(paths, tmp, check=False):
    out = os.path.join(tmp, "report.tsv")
    cmd = [EXE, "align"] + paths + ["-o", out] + (["--check"] if check else [])
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    found = []
    for line in p.stderr.splitlines():
        m = LINE.match(line)
        if m:
            found.append((os.path.basename(m.group(1)), m.group(3), m.group(4)))
        elif ": error:" in line:
            fail("error from %s: %s" % (" ".join(cmd), line))
    return p.returncode, found


def expect(name, found, wanted):
    """wanted: (file, key, words that must be in the message)."""
    left = list(found)
    for file, key, words in wanted:
        hit = [f for f in left if f[0] == file and f[1] == key and words in f[2]]
        if not hit:
            fail("%s: no '%s' reported at %s in %s; got: %s" % (name, words, key, file, found))
            continue
        left.remove(hit[0])
    for f in left:
        fail("%s: unexpected: %s" % (name, f))
    print("%s: %d reported, %d expected" % (name, len(found), len(wanted)))


def main():
    seed = read(os.path.join(SRC, "samples", "seed-zh.txt"))
    zh = os.path.join(SRC, "tests", "align", "zh.txt")
    en_text = read(os.path.join(SRC, "tests", "align", "en.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        def put(name, text):
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return path

        # Same language: the seed against an edited copy.
        orig = put("orig.txt", seed)
        i = seed.index("5. **强调指出**")
        j = seed.index("\n\n6. **鼓励**", i)
        merged = seed[:j] + seed[j + 2:].replace("6. **鼓励**", "**鼓励**", 1)
        edited = put("edited.txt", plant(merged, [
            ("重申其对信息社会世界峰会在《日内瓦原则宣言》中所述愿景的共同向往和承诺，\n\n", ""),
            ("全世界 55% 的男性", "全世界 57% 的男性"),
            ("2021 年 9 月 17 日第 2 次", "2021 年 9 月 18 日第 2 次"),
            ("秘书口头更正了决议草案 A/C.2/76/L.56", "秘书口头更正了决议草案 A/C.2/76/L.57"),
            ("一般性辩论。³", "一般性辩论。"),
        ]))
        rc, found = align([orig, put("copy.txt", seed)], tmp)
        expect("seed against its copy", found, [])
        rc, found = align([orig, edited], tmp)
        expect("seed against planted copy", found, [
            ("edited.txt", "body.1", "dates differ"),
            ("edited.txt", "body.3", "footnote references differ"),
            ("edited.txt", "body.7", "document symbols differ: zh#2 has A/C.2/76/L.57"),
            ("edited.txt", "res1.pp.12", "paragraph missing in zh#2"),
            ("edited.txt", "res1.op.5", "merged (2-1)"),
            ("edited.txt", "res1.op.20", "numbers differ: zh#2 has 57%"),
        ])

        # A merge in a version whose numbering is automatic: the paragraphs
        # after it are renumbered (7 becomes 6…); still one merge, and the
        # renumbered range said once, at its first key.
        renum = re.sub(r"\n\n(\d+)\. (\*\*|在这方面)",
                       lambda m: "\n\n%d. %s" % (int(m.group(1)) - (int(m.group(1)) >= 7),
                                                 m.group(2)),
                       merged[merged.index("5. **强调指出**"):])
        renum = put("renumbered.txt", merged[:merged.index("5. **强调指出**")] + renum)
        rc, found = align([orig, renum], tmp)
        expect("seed against a renumbered merge", found, [
            ("renumbered.txt", "res1.op.5", "merged (2-1)"),
            ("renumbered.txt", "res1.op.7", "renumbered: zh#2 res1.op.6\u201346 are zh res1.op.7\u201347"),
        ])

        # The planted copy first: the same keys (the culprit of a two-way
        # disagreement cannot be known; the second version is named).
        rc, found = align([edited, orig], tmp)
        keys = sorted(k for _, k, _ in found)
        want = sorted(["body.1", "body.3", "body.7", "res1.pp.12", "res1.op.5", "res1.op.20"])
        if keys != want:
            fail("planted copy first: keys %s, want %s" % (keys, want))
        print("planted copy first: %d reported, %d expected" % (len(keys), len(want)))

        # Across languages: Chinese against an edited English rendering.
        en = put("en.txt", en_text)
        i = en_text.index("1. *Welcomes*")
        j = en_text.index("\n\n2. *Looks forward*", i)
        en_merged = en_text[:j] + " " + en_text[j + 2:].replace("2. *Looks forward*", "*Looks forward*", 1)
        en_edited = put("en-edited.txt", plant(en_merged, [
            ("Reaffirming also its resolution 69/313", "XX"),
            ("with 55 per cent of men", "with 57 per cent of men"),
            ("on 17 September 2021", "on 18 September 2021"),
            ("Secretary orally corrected draft resolution A/C.2/76/L.56",
             "Secretary orally corrected draft resolution A/C.2/76/L.57"),
            ("on 5, 6 and 8 October.³", "on 5, 6 and 8 October."),
        ]))
        # The deleted paragraph: drop the whole block that now starts "XX".
        text = read(en_edited)
        k = text.index("XX")
        text = text[:k] + text[text.index("\n\n", k) + 2:]
        put("en-edited.txt", text)
        rc, found = align([zh, en], tmp)
        expect("zh against en", found, [])
        wanted = [
            ("en-edited.txt", "body.1", "dates differ: en has 2021-09-18"),
            ("en-edited.txt", "body.3", "footnote references differ"),
            ("en-edited.txt", "body.7", "document symbols differ: en has A/C.2/76/L.57"),
            ("en-edited.txt", "res1.pp.4", "paragraph missing in en"),
            ("en-edited.txt", "res1.op.1", "merged (2-1)"),
            ("en-edited.txt", "res1.op.3", "numbers differ: en has 57%"),
        ]
        rc, found = align([zh, en_edited], tmp)
        expect("zh against planted en", found, wanted)
        if rc != 0:
            fail("without --check the status is %d, want 0" % rc)
        rc, found = align([zh, en_edited], tmp, check=True)
        if rc != 1:
            fail("with --check and differences the status is %d, want 1" % rc)
        rc, found = align([zh, en], tmp, check=True)
        if rc != 0:
            fail("with --check and no difference the status is %d, want 0" % rc)

        # Three versions: the edited one alone is blamed.
        rc, found = align([zh, en, en_edited], tmp)
        expect("zh, en and planted en", found,
               [(f, k, w.replace("en has", "en#2 has").replace("in en", "in en#2"))
                for f, k, w in wanted])

        # French too (its own typography: « », "55 %", "1er", "SR.2 à 5"):
        # unedited, nothing; with the same plants, the French file alone.
        fr_text = read(os.path.join(SRC, "tests", "align", "fr.txt"))
        fr = put("fr.txt", fr_text)
        rc, found = align([zh, en, fr], tmp)
        expect("zh, en and fr", found, [])
        i = fr_text.index("1. *Se félicite*")
        j = fr_text.index("\n\n2. *Attend avec intérêt*", i)
        fr_merged = fr_text[:j] + " " + fr_text[j + 2:].replace(
            "2. *Attend avec intérêt*", "*Attend avec intérêt*", 1)
        text = plant(fr_merged, [
            ("55 % des hommes", "57 % des hommes"),
            ("le 17 septembre 2021", "le 18 septembre 2021"),
            ("une correction orale au projet de résolution A/C.2/76/L.56",
             "une correction orale au projet de résolution A/C.2/76/L.57"),
            ("les 5, 6 et 8 octobre³", "les 5, 6 et 8 octobre"),
        ])
        k = text.index("Réaffirmant également sa résolution 69/313")
        fr_edited = put("fr-edited.txt", text[:k] + text[text.index("\n\n", k) + 2:])
        rc, found = align([zh, en, fr_edited], tmp)
        expect("zh, en and planted fr", found, [
            ("fr-edited.txt", "body.1", "dates differ: fr has 2021-09-18"),
            ("fr-edited.txt", "body.3", "footnote references differ"),
            ("fr-edited.txt", "body.7", "document symbols differ: fr has A/C.2/76/L.57"),
            ("fr-edited.txt", "res1.pp.4", "paragraph missing in fr"),
            ("fr-edited.txt", "res1.op.1", "merged (2-1)"),
            ("fr-edited.txt", "res1.op.3", "numbers differ: fr has 57%"),
        ])

        # Five versions (Spanish and Russian renderings too): unedited,
        # nothing; the Russian planted, the Russian file alone.
        es = os.path.join(SRC, "tests", "align", "es.txt")
        ru_text = read(os.path.join(SRC, "tests", "align", "ru.txt"))
        ru = put("ru.txt", ru_text)
        rc, found = align([zh, en, fr, es, ru], tmp)
        expect("zh, en, fr, es and ru", found, [])
        # Six with the Arabic rendering ("1 - ", "أولا - ", "(¹)"): clean.
        ar = os.path.join(SRC, "tests", "align", "ar.txt")
        rc, found = align([zh, en, fr, es, ru, ar], tmp, check=True)
        expect("zh, en, fr, es, ru and ar", found, [])
        if rc != 0:
            fail("six versions with --check: status %d, want 0" % rc)
        i = ru_text.index("1. *приветствует*")
        j = ru_text.index("\n\n2. *ожидает*", i)
        ru_merged = ru_text[:j] + " " + ru_text[j + 2:].replace("2. *ожидает*", "*ожидает*", 1)
        text = plant(ru_merged, [
            ("пользуются 55 процентов мужчин", "пользуются 57 процентов мужчин"),
            ("2-м пленарном заседании 17 сентября 2021 года",
             "2-м пленарном заседании 18 сентября 2021 года"),
            ("Секретарь внес устное исправление в проект резолюции A/C.2/76/L.56",
             "Секретарь внес устное исправление в проект резолюции A/C.2/76/L.57"),
            ("5, 6 и 8 октября³", "5, 6 и 8 октября"),
        ])
        k = text.index("вновь подтверждая также свою резолюцию 69/313")
        ru_edited = put("ru-edited.txt", text[:k] + text[text.index("\n\n", k) + 2:])
        rc, found = align([zh, en, fr, es, ru_edited], tmp)
        expect("zh, en, fr, es and planted ru", found, [
            ("ru-edited.txt", "body.1", "dates differ: ru has 2021-09-18"),
            ("ru-edited.txt", "body.3", "footnote references differ"),
            ("ru-edited.txt", "body.7", "document symbols differ: ru has A/C.2/76/L.57"),
            ("ru-edited.txt", "res1.pp.4", "paragraph missing in ru"),
            ("ru-edited.txt", "res1.op.1", "merged (2-1)"),
            ("ru-edited.txt", "res1.op.3", "numbers differ: ru has 57%"),
        ])

        # The Arabic planted among the six ("1 - " labels, "(³)" markers,
        # "في المائة"): the Arabic file alone.
        ar_text = read(ar)
        i = ar_text.index("1 - *ترحب*")
        j = ar_text.index("\n\n2 - *تتطلع*", i)
        ar_merged = ar_text[:j] + " " + ar_text[j + 2:].replace("2 - *تتطلع*", "*تتطلع*", 1)
        text = plant(ar_merged, [
            ("55 في المائة من الرجال", "57 في المائة من الرجال"),
            ("المعقودة في 17 أيلول/سبتمبر 2021", "المعقودة في 18 أيلول/سبتمبر 2021"),
            ("صوّب أمين اللجنة شفويا مشروع القرار A/C.2/76/L.56",
             "صوّب أمين اللجنة شفويا مشروع القرار A/C.2/76/L.57"),
            ("8 تشرين الأول/أكتوبر(³)", "8 تشرين الأول/أكتوبر"),
        ])
        k = text.index("وإذ تؤكد من جديد أيضا قرارها 69/313")
        ar_edited = put("ar-edited.txt", text[:k] + text[text.index("\n\n", k) + 2:])
        rc, found = align([zh, en, fr, es, ru, ar_edited], tmp)
        expect("zh, en, fr, es, ru and planted ar", found, [
            ("ar-edited.txt", "body.1", "dates differ: ar has 2021-09-18"),
            ("ar-edited.txt", "body.3", "footnote references differ"),
            ("ar-edited.txt", "body.7", "document symbols differ: ar has A/C.2/76/L.57"),
            ("ar-edited.txt", "res1.pp.4", "paragraph missing in ar"),
            ("ar-edited.txt", "res1.op.1", "merged (2-1)"),
            ("ar-edited.txt", "res1.op.3", "numbers differ: ar has 57%"),
        ])

        # A year changed in one date of the Russian: that date alone, though
        # year-less dates elsewhere ("5, 6 и 8 октября") take the document's
        # year, which a single version does not decide.
        ru_year = put("ru-year.txt", plant(ru_text, [
            ("17 сентября 2021 года", "17 сентября 2022 года")]))
        rc, found = align([zh, en, fr, es, ru_year, ar], tmp)
        expect("six, a year changed in ru", found, [
            ("ru-year.txt", "body.1", "dates differ: ru has 2022-09-17"),
        ])
    if failures:
        print("%d failures" % failures)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
