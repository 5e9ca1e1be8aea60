#!/usr/bin/env python3
"""Lead words across versions, as a reviser's desk sees them: renderings
that UN usage gives one verb in several ways (French "Considérant" for
"Recognizing", Chinese "请" for "Requests", the degrees of concern:
非常关切 "great", "vive préoccupation", "sérieusement préoccupée") are no
disagreement; a verb that says something else ("Regrette" for
"Considers") is one, reported once at its key."""
import os
import subprocess
import sys
import tempfile

HEXAGLOT = os.environ.get("HEXAGLOT", "build/hexaglot")

ZH = """决议草案

大会，

*认识到*这一点，

*非常关切地注意到*局势，

*严重关切*局势，

1. *请*秘书长提交报告；

2. *认为*这一问题重要。
"""
EN = """Draft resolution

The General Assembly,

*Recognizing* this,

*Noting with great concern* the situation,

*Gravely concerned* by the situation,

1. *Requests* the Secretary-General to report;

2. *Considers* this question important.
"""
FR = """Projet de résolution

L'Assemblée générale,

*Considérant* cela,

*Notant avec une vive préoccupation* la situation,

*Se déclarant sérieusement préoccupée* par la situation,

1. *Prie* le Secrétaire général de faire rapport;

2. *{verb}* que cette question est importante.
"""


def align(tmp, fr_verb):
    paths = []
    for name, text in (("zh", ZH), ("en", EN), ("fr", FR.format(verb=fr_verb))):
        p = os.path.join(tmp, name + ".txt")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)
    out = os.path.join(tmp, "report.tsv")
    r = subprocess.run([HEXAGLOT, "align"] + paths + ["-o", out, "--check"],
                       capture_output=True, text=True)
    return r.returncode, [l for l in r.stderr.splitlines() if "lead verbs" in l]


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        rc, leads = align(tmp, "Considère")
        if rc != 0 or leads:
            print("FAIL: clean versions: exit %d, %s" % (rc, leads))
            failures += 1
        rc, leads = align(tmp, "Regrette")
        want = "res1.op.2: lead verbs differ: fr has regret"
        if rc != 1 or len(leads) != 1 or want not in leads[0]:
            print("FAIL: 'Regrette' for 'Considère': exit %d, %s" % (rc, leads))
            failures += 1
    print("lead words: %d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
