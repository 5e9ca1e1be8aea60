#!/usr/bin/env python3
"""The Slurm recipe for real: a one-node Slurm started in this test's own
temporary directory (its configuration, state, logs and pid files there,
ports picked free, no authentication daemon: auth/none), the job array of
scripts/slurm/hexaglot-array.sbatch run over a sample set, and its result
compared with a one-machine batch: the union of the tasks' slices is
exactly the input set, each input in one task, and the outputs are byte
for byte the same. The daemons this test started are stopped by their pid
files. Skipped (saying why) when not root or Slurm is not installed."""
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("HX_SOURCE") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.environ.get("HEXAGLOT") or os.path.join(SRC, "build", "hexaglot")
TASKS = 4


def skip(why):
    print("skip: " + why)
    sys.exit(77)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CONF = """ClusterName=hexaglot
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={p1}
SlurmdPort={p2}
AuthType=auth/none
CredType=cred/none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SlurmUser=root
SlurmdUser=root
ReturnToService=2
StateSaveLocation={t}/ctld
SlurmdSpoolDir={t}/spool
SlurmctldPidFile={t}/ctld.pid
SlurmdPidFile={t}/slurmd.pid
SlurmctldLogFile={t}/ctld.log
SlurmdLogFile={t}/slurmd.log
NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory=4096 State=UNKNOWN
PartitionName=test Nodes={host} Default=YES MaxTime=INFINITE State=UP
"""


def stop(t):
    for name in ("slurmd.pid", "ctld.pid"):
        try:
            pid = int(open(os.path.join(t, name)).read())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        for _ in range(100):  # gone, or a zombie waiting for init
            try:
                state = open("/proc/%d/stat" % pid).read().split(") ")[1][0]
            except OSError:
                break
            if state == "Z":
                break
            time.sleep(0.05)


def outputs(d):
    found = {}
    for root, dirs, files in os.walk(d):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for f in files:
            if not f.startswith(".") and not f.startswith("hexaglot-"):
                p = os.path.join(root, f)
                found[os.path.relpath(p, d)] = open(p, "rb").read()
    return found


def main():
    if os.geteuid() != 0:
        skip("Slurm's daemons are started as root here; not root")
    for prog in ("slurmctld", "slurmd", "sbatch", "sinfo"):
        if not shutil.which(prog):
            skip("%s not installed (Debian slurm-wlm; scripts/setup installs it)" % prog)
    failed = []
    t = tempfile.mkdtemp(prefix="hx-slurm-")
    try:
        for d in ("ctld", "spool", "in/zh", "in/others"):
            os.makedirs(os.path.join(t, d))
        for f in glob.glob(os.path.join(SRC, "tests", "struct6", "*.txt")):
            shutil.copy(f, os.path.join(t, "in", "others"))
        for f in glob.glob(os.path.join(SRC, "samples", "*.txt")) + \
                glob.glob(os.path.join(SRC, "samples", "*.xml")):
            shutil.copy(f, os.path.join(t, "in", "zh"))
        inputs = sorted(os.path.relpath(p, os.path.join(t, "in"))
                        for p in glob.glob(os.path.join(t, "in", "*", "*")))
        one = subprocess.run([EXE, "batch", os.path.join(t, "in"), "-o", os.path.join(t, "one"),
                              "-t", "txt:ids"], capture_output=True, timeout=300)
        host = socket.gethostname().split(".")[0]
        conf = os.path.join(t, "slurm.conf")
        with open(conf, "w") as f:
            f.write(CONF.format(host=host, p1=free_port(), p2=free_port(), t=t,
                                cpus=os.cpu_count() or 1))
        env = dict(os.environ, SLURM_CONF=conf, HEXAGLOT=EXE)
        for k in [k for k in env if k.startswith("SLURM_") and k != "SLURM_CONF"]:
            del env[k]
        subprocess.run(["slurmctld", "-c", "-f", conf], env=env, check=True, timeout=60)
        subprocess.run(["slurmd", "-f", conf], env=env, check=True, timeout=60)
        for _ in range(200):
            p = subprocess.run(["sinfo", "-h", "-o", "%t"], env=env, capture_output=True,
                               timeout=30)
            if p.stdout.strip() == b"idle":
                break
            time.sleep(0.1)
        else:
            print(open(os.path.join(t, "ctld.log")).read()[-2000:])
            raise SystemExit("FAIL: the node never became idle: %r" % p.stdout)
        arr = os.path.join(t, "arr")
        p = subprocess.run(["sbatch", "--wait", "--array=0-%d" % (TASKS - 1), "-o",
                            os.path.join(t, "task-%a.out"), "-c", "1",
                            os.path.join(SRC, "scripts", "slurm", "hexaglot-array.sbatch"),
                            os.path.join(t, "in"), arr, "txt:ids"],
                           env=env, capture_output=True, timeout=600, cwd=t)
        print("sbatch: %s %s" % (p.stdout.decode().strip(), p.stderr.decode().strip()))
        if p.returncode != 0:
            for f in sorted(glob.glob(os.path.join(t, "task-*.out"))):
                print(f, open(f).read()[-1000:])
            failed.append("sbatch --wait exited %d" % p.returncode)
        slices = []
        for i in range(TASKS):
            log = os.path.join(arr, ".logs", "task-%d.jsonl" % i)
            recs = [json.loads(l) for l in open(log)] if os.path.exists(log) else []
            slices.append(sorted(os.path.relpath(r["input"], os.path.join(t, "in"))
                                 for r in recs))
        union = sorted(sum(slices, []))
        print("slices: %s" % [len(s) for s in slices])
        if union != inputs:
            failed.append("the union of the tasks' slices is not the input set")
        if any(len(s) == 0 for s in slices):
            failed.append("a task had nothing to do")
        got, want = outputs(arr), outputs(os.path.join(t, "one"))
        if one.returncode != 0 or not want or got != want:
            failed.append("array outputs differ from the one-machine batch (%d vs %d files)"
                          % (len(got), len(want)))
        p = subprocess.run([EXE, "batch", "--merge-logs"] +
                           sorted(glob.glob(os.path.join(arr, ".logs", "*.jsonl"))),
                           capture_output=True, timeout=60)
        print(p.stdout.decode().strip())
        if b"%d documents" % len(inputs) not in p.stdout:
            failed.append("--merge-logs does not count every document")
    finally:
        stop(t)
        shutil.rmtree(t, ignore_errors=True)
    for f in failed:
        print("FAIL: " + f)
    print("%d inputs, %d tasks: %s" % (len(inputs), TASKS, "failed" if failed else "ok"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
