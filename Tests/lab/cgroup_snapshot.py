#!/usr/bin/env python3
"""(Copied from the systemd lab; used by with-systemd.sh.) Prove a lab run moved no host process: snapshot every process's cgroups, then compare.

usage: cgroup_snapshot.py snap FILE                         # before and after a run
       cgroup_snapshot.py compare BEFORE AFTER [--gone NAME] # exit 1 on any difference

compare fails when a process that exists in both snapshots is in a different cgroup in any
hierarchy (v1 or v2), when a top-level cgroup directory appeared or vanished (a manager run at
the wrong root makes /init.scope, /system.slice), or, with --gone NAME, when any process or
cgroup directory whose path contains NAME is still there after the run. With --gone, a move into
or out of ANOTHER lab's sub-tree (".../systemd-lab-<other pid>") is listed but not counted: a lab
in its cgroup namespace cannot reach another one's sub-tree, so that is a concurrent run's doing.
A process is keyed by pid:starttime, so a recycled pid is not taken for the same process.
Processes that started or ended between the snapshots are only counted, never flagged."""
import glob
import json
import os
import sys


def cgroup_mounts():
    """Every cgroup/cgroup2 mount point in this mount namespace."""
    points = []
    for line in open("/proc/self/mountinfo"):
        pre, post = line.split(" - ", 1)
        if post.split()[0] in ("cgroup", "cgroup2"):
            points.append(pre.split()[4])
    return points


def snap():
    procs = {}
    for d in glob.glob("/proc/[0-9]*"):
        try:
            stat = open(d + "/stat").read()
            cgroup = open(d + "/cgroup").read().strip().replace("\n", " ")
        except OSError:
            continue  # exited while we looked
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        start = stat.rsplit(")", 1)[1].split()[19]  # field 22: starttime
        procs["%s:%s" % (os.path.basename(d), start)] = [cgroup, comm]
    dirs = sorted(p for m in cgroup_mounts() for p in glob.glob(m + "/*/"))
    return {"procs": procs, "toplevel": dirs}


def compare(before, after, gone=None):
    bad, other = [], []
    b, a = before["procs"], after["procs"]
    for key in sorted(set(b) & set(a)):
        if b[key][0] != a[key][0]:
            line = "MOVED %s (%s): %s  ->  %s" % (key, a[key][1], b[key][0], a[key][0])
            both = b[key][0] + a[key][0]
            if gone and "/systemd-lab-" in both and gone not in both:
                other.append(line + "   (another lab's run: not counted)")
            else:
                bad.append(line)
    for d in sorted(set(after["toplevel"]) - set(before["toplevel"])):
        bad.append("NEW top-level cgroup %s" % d)
    for d in sorted(set(before["toplevel"]) - set(after["toplevel"])):
        bad.append("VANISHED top-level cgroup %s" % d)
    if gone:
        bad += ["LEFT process %s (%s) in %s" % (k, v[1], v[0]) for k, v in a.items() if gone in v[0]]
        for m in cgroup_mounts():
            for dp, _, _ in os.walk(m):
                if gone in dp[len(m):]:
                    bad.append("LEFT cgroup directory %s" % dp)
    print("cgroup check: %d processes in both snapshots, %d ended, %d new, %d problems"
          % (len(set(b) & set(a)), len(set(b) - set(a)), len(set(a) - set(b)), len(bad)))
    for line in bad + other:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "snap":
        with open(sys.argv[2], "w") as f:
            json.dump(snap(), f)
    elif len(sys.argv) in (4, 6) and sys.argv[1] == "compare":
        gone = sys.argv[5] if len(sys.argv) == 6 and sys.argv[4] == "--gone" else None
        sys.exit(compare(json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), gone))
    else:
        sys.exit(__doc__.split("\n\n")[1])
