#!/bin/bash
# with-systemd.sh — boot a real systemd system manager as PID 1 in throw-away namespaces, run CMD
# next to it, power it off, clean up. Root only. Read SAFETY.md first.
# Copied from the systemd lab (systemd-lab/with-systemd.sh; only this note added) for
# Tests/lab/run-service-sandbox.sh; keep its safety checks (SAFETY.md of the lab) when editing.
#
#   bash with-systemd.sh UNIT_DIR BIN_DIR CMD [ARGS...]
#
# UNIT_DIR  your units (*.service, *.socket, drop-in dirs, default.target.wants/ links), copied over
#           a generated minimal set: stub basic/sysinit/sockets/multi-user/default targets and
#           system.slice, plus the distro's journald, shutdown, poweroff and exit units.
# BIN_DIR   bind-mounted read-only at /opt/lab/bin: point ExecStart= there.
# CMD       runs once the manager is up, inside all its namespaces (nsenter: mount, pid, uts, ipc,
#           net, cgroup), cwd = $PWD if visible there: systemctl start x.socket; talk to the socket;
#           systemctl show ...; journalctl ...; useradd (lands in a tmpfs); systemctl edit --runtime.
# Exit status: CMD's; 125 when the lab itself failed (boot, cleanup, or the cgroup check).
#
# Isolation: a fresh cgroup2 sub-tree + cgroup namespace (the manager can only see and move what is
# in that sub-tree), new pid/mount/uts/ipc/net namespaces, capabilities that act outside namespaces
# dropped, and in the private mount namespace: tmpfs on /run /tmp /var/tmp /var/lib /var/cache
# /var/log, a private /dev, read-only /usr /sys /proc/sys, and /etc and /opt as overlays whose
# writes land in tmpfs. /dev/console is a pty (util-linux `script`) copied to the work dir's
# console.log; once journald runs, the manager logs to the lab's journal instead.
# env: LAB_TIMEOUT=30 (s, boot and shutdown waits)  LAB_LOG_LEVEL=info (manager)  LAB_VERBOSE=1
#      (print the lab's journal at the end; also done when CMD fails)  LAB_KEEP=1 (keep the work
#      dir)  LAB_CGROUP_CHECK=0 (skip the before/after cgroup snapshot)
#      LAB_CGROUP_PARENT=/sys/fs/cgroup/... (where to make the sub-tree; default: our own cgroup)
#      LAB_DBUS=1 (also start the distro's dbus.socket/.service: busctl, systemd-run --wait work)
set -euo pipefail
SELF=$(realpath "${BASH_SOURCE[0]}")
LAB=$(dirname "$SELF")
die() { echo "with-systemd: $*" >&2; exit 125; }
say() { echo "with-systemd: $*" >&2; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# ---------------------------------------------------------------- stage 2: PID 1 of the new pid ns
if [ "${1:-}" = --as-pid1 ]; then
    W=$2 BIN=$3
    # Fail closed: PID 1, a new mount namespace with no shared mounts, a new cgroup namespace
    # whose root is our (empty) sub-tree. Never compare with /proc/1/ns/*: it can be unreadable.
    [ $$ = 1 ] || die "--as-pid1: not PID 1"
    ns=$(readlink /proc/self/ns/mnt) && cgns=$(readlink /proc/self/ns/cgroup) || die "cannot read /proc/self/ns"
    [ -n "${LAB_OUTER_MNTNS:-}" ] && [ "$ns" != "$LAB_OUTER_MNTNS" ] || die "not in a new mount namespace"
    [ -n "${LAB_OUTER_CGNS:-}" ] && [ "$cgns" != "$LAB_OUTER_CGNS" ] || die "not in a new cgroup namespace"
    grep -qx '0::/' /proc/self/cgroup || die "not at the root of the cgroup namespace"
    if findmnt -rn -o PROPAGATION | grep -qw shared; then die "shared mounts"; fi
    [ -d /opt ] || die "/opt missing (it is not created on the host)"
    ro() { mount --bind "$1" "$2" && mount -o remount,bind,ro "$2"; }
    # /sys: a fresh read-only sysfs hides the host's cgroup mounts; our cgroup2 view goes on top.
    # The cgroup namespace makes its root our sub-tree: the manager cannot see or move anything else.
    mount -t sysfs -o ro,nosuid,nodev,noexec lab-sysfs /sys
    mount -t cgroup2 -o nosuid,nodev,noexec lab-cgroup2 /sys/fs/cgroup
    [ -z "$(find /sys/fs/cgroup -mindepth 1 -type d)" ] || die "cgroup2 root is not our new, empty sub-tree"
    # /proc is fresh (unshare --mount-proc); global sysctls (file-max, core_pattern...) read-only
    ro /proc/sys /proc/sys
    if [ -e /proc/sysrq-trigger ]; then ro /proc/sysrq-trigger /proc/sysrq-trigger; fi
    # /run: fresh; the lab's plumbing lives in /run/lab
    mount -t tmpfs -o mode=755,nosuid,nodev lab-run /run
    mkdir -p /run/lab/units /run/lab/no-generators /run/lab/etc/upper /run/lab/etc/work \
        /run/lab/opt/upper/lab/bin /run/lab/opt/work /run/lock \
        /run/systemd/system /run/systemd/system.conf.d /run/systemd/journald.conf.d
    ro "$W/units" /run/lab/units                 # binds from $W (host /tmp) before /tmp is hidden
    # our stdin is the pty that `script` reads: it becomes /dev/console (PID 1 logs only to a tty)
    touch /run/lab/console && mount --bind "$(tty)" /run/lab/console
    # /opt and /etc: overlays, so /opt/lab/bin and useradd inside never touch the host's disk
    mount -t overlay lab-opt -o lowerdir=/opt,upperdir=/run/lab/opt/upper,workdir=/run/lab/opt/work /opt
    ro "$BIN" /opt/lab/bin
    mount -t overlay lab-etc -o lowerdir=/etc,upperdir=/run/lab/etc/upper,workdir=/run/lab/etc/work /etc
    ro /usr /usr
    # /dev: private (the host's devtmpfs would get /dev/log etc.), with the usual nodes
    mount -t tmpfs -o mode=755,nosuid lab-dev /dev
    while read -r name maj min; do mknod -m 666 "/dev/$name" c "$maj" "$min"; done <<'EOF'
null 1 3
zero 1 5
full 1 7
random 1 8
urandom 1 9
tty 5 0
EOF
    mkdir -m 755 /dev/pts && mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 lab-devpts /dev/pts
    ln -s pts/ptmx /dev/ptmx
    mkdir -m 1777 /dev/shm && mount -t tmpfs -o mode=1777,nosuid,nodev lab-shm /dev/shm
    ln -s /proc/self/fd /dev/fd
    ln -s /proc/self/fd/0 /dev/stdin; ln -s /proc/self/fd/1 /dev/stdout; ln -s /proc/self/fd/2 /dev/stderr
    touch /dev/console && mount --bind /run/lab/console /dev/console   # never the host's console
    # what units write (state, logs, caches, temp files) stays in tmpfs
    for d in /tmp /var/tmp; do mount -t tmpfs -o mode=1777,nosuid,nodev lab-tmp "$d"; done
    for d in /var/lib /var/cache /var/log; do mount -t tmpfs -o mode=755,nosuid,nodev lab-var "$d"; done
    printf '[Manager]\nDefaultTimeoutStartSec=30s\nDefaultTimeoutStopSec=10s\n' \
        > /run/systemd/system.conf.d/lab.conf
    printf '[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\nForwardToKMsg=no\nForwardToConsole=no\nForwardToWall=no\nRateLimitBurst=0\n' \
        > /run/systemd/journald.conf.d/lab.conf
    # container= makes systemd skip host-only setup (and makes systemd-shutdown just exit);
    # only our unit dirs are searched, and no generators run (they read /etc/fstab, init.d, ...).
    exec env -i container=systemd-lab TERM=dumb PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        SYSTEMD_UNIT_PATH=/run/systemd/system:/run/lab/units \
        SYSTEMD_GENERATOR_PATH=/run/lab/no-generators SYSTEMD_ENVIRONMENT_GENERATOR_PATH=/run/lab/no-generators \
        /lib/systemd/systemd --log-target=journal --log-level="${LAB_LOG_LEVEL:-info}" --show-status=no
fi

# ---------------------------------------------------------------- stage 1: the caller's side
[ $# -ge 3 ] || die "usage: bash $0 UNIT_DIR BIN_DIR CMD [ARGS...]"
[ "$(id -u)" = 0 ] || die "must run as root"
UNIT_DIR=$(realpath "$1") BIN_DIR=$(realpath "$2"); shift 2
[ -d "$UNIT_DIR" ] && [ -d "$BIN_DIR" ] || die "UNIT_DIR and BIN_DIR must be directories"
case $BIN_DIR in /run|/run/*|/dev|/dev/*|/proc|/proc/*|/sys|/sys/*) die "BIN_DIR must not be under /run, /dev, /proc or /sys" ;; esac
TIMEOUT=${LAB_TIMEOUT:-30}

# The cgroup2 hierarchy: /sys/fs/cgroup (unified) or /sys/fs/cgroup/unified (hybrid, as here).
if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then CGROOT=/sys/fs/cgroup
elif [ "$(stat -fc %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ]; then CGROOT=/sys/fs/cgroup/unified
else die "no cgroup2 hierarchy mounted"; fi
MYCG=$(sed -n 's/^0:://p' /proc/self/cgroup)
PARENT=${LAB_CGROUP_PARENT:-$CGROOT${MYCG%/}}
CG=$PARENT/systemd-lab-$$
case $CG in "$CGROOT"/*systemd-lab-$$) ;; *) die "bad cgroup path $CG" ;; esac

W=$(mktemp -d /tmp/systemd-lab.XXXXXX)
SYSPID= UNSHARE_PID= CG_MADE=
cleanup() {
    local rc=$?
    set +e
    # The manager is PID 1 of its pid namespace: SIGKILL to it ends every process in the namespace.
    if [ -n "$SYSPID" ] && [ -e "/proc/$SYSPID" ]; then say "killing the manager (pid $SYSPID)"; kill -KILL "$SYSPID"; fi
    [ -n "$UNSHARE_PID" ] && wait "$UNSHARE_PID" 2>/dev/null
    if [ -n "$CG_MADE" ] && [ -d "$CG" ]; then
        procs() { find "$CG" -name cgroup.procs -exec cat {} +; }
        for _ in $(seq 50); do [ -z "$(procs)" ] && break; sleep 0.1; done
        for p in $(procs); do say "left in $CG: pid $p, killing it"; kill -KILL "$p"; done
        sleep 0.2
        find "$CG" -depth -type d -exec rmdir {} \;     # only our sub-tree, leaves first
        [ -d "$CG" ] && { say "could not remove $CG"; rc=125; }
    fi
    if [ "${LAB_CGROUP_CHECK:-1}" = 1 ] && [ -s "$W/cg-before.json" ]; then
        python3 "$LAB/cgroup_snapshot.py" snap "$W/cg-after.json"
        python3 "$LAB/cgroup_snapshot.py" compare "$W/cg-before.json" "$W/cg-after.json" --gone "systemd-lab-$$" >&2 \
            || { say "CGROUP CHECK FAILED: see above"; rc=125; }
    fi
    if [ "$rc" != 0 ] || [ "${LAB_VERBOSE:-0}" = 1 ]; then
        if [ -s "$W/console.log" ]; then say "--- $W/console.log (setup and early boot)"; tail -40 "$W/console.log" | sed 's/\r$//; s/^/  | /' >&2; fi
        if [ -s "$W/journal.txt" ]; then say "--- journal of the lab (last 80 lines)"; tail -80 "$W/journal.txt" | sed 's/^/  | /' >&2; fi
    fi
    if [ "${LAB_KEEP:-0}" = 1 ]; then say "kept $W"; else rm -rf "$W"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Unit dir: generated minimal set, then the caller's units over it.
U=$W/units; mkdir "$U"; : > "$W/console.log"
for t in basic.target sysinit.target sockets.target multi-user.target system.slice; do
    printf '[Unit]\nDescription=lab stub %s\n' "$t" > "$U/$t"
done
wants="systemd-journald.socket systemd-journald-dev-log.socket systemd-journald.service"
distro="$wants shutdown.target umount.target final.target poweroff.target systemd-poweroff.service exit.target systemd-exit.service"
# LAB_DBUS=1: a system bus too (busctl, systemd-run --wait/--pipe need it; systemctl does not)
if [ "${LAB_DBUS:-0}" = 1 ]; then wants="$wants dbus.socket dbus.service"; distro="$distro dbus.socket dbus.service"; fi
printf '[Unit]\nDescription=lab default target\nWants=%s\n' "$wants" > "$U/default.target"
for u in $distro; do cp "/lib/systemd/system/$u" "$U/"; done
cp -a "$UNIT_DIR"/. "$U"/

# 2. Snapshot every process's cgroups (compared in cleanup), make our sub-tree, start the manager.
if [ "${LAB_CGROUP_CHECK:-1}" = 1 ]; then python3 "$LAB/cgroup_snapshot.py" snap "$W/cg-before.json"; fi
mkdir "$CG" || die "cannot create $CG"
CG_MADE=1
LAB_OUTER_MNTNS=$(readlink /proc/self/ns/mnt) && LAB_OUTER_CGNS=$(readlink /proc/self/ns/cgroup) \
    || die "cannot read /proc/self/ns"
export LAB_OUTER_MNTNS LAB_OUTER_CGNS LAB_LOG_LEVEL
t0=$(date +%s%N)
# The subshell moves only itself into the sub-tree (and checks it got there: never start a manager
# outside it), then becomes script (a pty for /dev/console) -> setpriv -> unshare -> PID 1.
# Dropped: module loading, raw I/O, clock, process accounting, reboot/kexec, MAC policy, kernel
# log, wake alarms, suspend blocking, audit (these act outside any namespace).
launch=(setpriv --bounding-set -sys_module,-sys_rawio,-sys_time,-sys_pacct,-sys_boot,-mac_admin,-mac_override,-syslog,-wake_alarm,-block_suspend,-audit_control,-audit_read
        unshare --pid --fork --mount-proc --mount --uts --ipc --net --cgroup --propagation private
        "$BASH" "$SELF" --as-pid1 "$W" "$BIN_DIR")
( echo "$BASHPID" > "$CG/cgroup.procs" && grep -qx "0::${CG#"$CGROOT"}" /proc/self/cgroup || exit 1
  SHELL=$BASH exec script -qfec "${launch[*]@Q}" /dev/null ) </dev/null >>"$W/console.log" 2>&1 &
UNSHARE_PID=$!
# SYSPID: the descendant that is PID 1 of its own pid namespace (its NSpid ends in 1)
descendants() { local c; for c in $(ps -o pid= --ppid "$1"); do echo "$c"; descendants "$c"; done; }
for _ in $(seq 100); do
    for p in $(descendants "$UNSHARE_PID"); do
        if [ "$(awk '/^NSpid:/ {print $NF}' "/proc/$p/status" 2>/dev/null)" = 1 ]; then SYSPID=$p; break; fi
    done
    [ -n "$SYSPID" ] && break; sleep 0.05
done
[ -n "$SYSPID" ] || die "the namespace did not start"
for _ in $(seq $((TIMEOUT * 10))); do
    [ -S "/proc/$SYSPID/root/run/systemd/private" ] && break
    [ -e "/proc/$SYSPID" ] || die "the manager exited during boot"
    sleep 0.1
done
NSENTER=(nsenter --target "$SYSPID" --mount --uts --ipc --net --pid --cgroup)
# After boot the manager logs to its journal (before: to console.log).
save_journal() { timeout 10 "${NSENTER[@]}" journalctl --no-pager -b -o short-monotonic > "$W/journal.txt" 2>&1 || true; }
state=$(timeout "$TIMEOUT" "${NSENTER[@]}" systemctl is-system-running --wait) || true
say "manager pid $SYSPID (host view), cgroup $CG: '$state' after $(ms "$t0") ms"
case $state in running) ;; degraded) "${NSENTER[@]}" systemctl --no-pager --failed >&2 || true ;;
    *) save_journal; die "manager did not come up" ;; esac

# 3. CMD, inside the namespaces, in a leaf cgroup of our sub-tree.
mkdir "$CG/lab-cmd"
WD=$PWD; [ -d "/proc/$SYSPID/root$PWD" ] || { WD=/; say "cwd $PWD is not visible inside (under /tmp?): using /"; }
t1=$(date +%s%N) rc=0
( echo "$BASHPID" > "$CG/lab-cmd/cgroup.procs" || exit 125; exec "${NSENTER[@]}" --wd="$WD" -- "$@" ) || rc=$?
say "CMD exited $rc after $(ms "$t1") ms"
if [ "$rc" != 0 ] || [ "${LAB_VERBOSE:-0}" = 1 ]; then save_journal; fi

# 4. Clean poweroff: units are stopped (ExecStop=, STOPPING=1, RemoveOnStop=), then PID 1 exits.
# This is what `systemctl poweroff` starts, minus its logind and wall-message attempts ("Failed to
# connect to bus"). Its "changed on disk" warning is umount.target unmounting our bind mounts
# inside the namespace: expected. If it hangs: --force (no unit stops); cleanup() SIGKILLs last.
t2=$(date +%s%N)
"${NSENTER[@]}" systemctl --no-block --job-mode=replace-irreversibly start poweroff.target 2>/dev/null || true
for _ in $(seq $((TIMEOUT * 10))); do [ -e "/proc/$SYSPID" ] || break; sleep 0.1; done
if [ -e "/proc/$SYSPID" ]; then
    say "poweroff timed out, trying systemctl poweroff --force"
    timeout 10 "${NSENTER[@]}" systemctl poweroff --force || true
    for _ in $(seq 100); do [ -e "/proc/$SYSPID" ] || break; sleep 0.1; done
fi
if [ ! -e "/proc/$SYSPID" ]; then
    SYSPID= st=0; wait "$UNSHARE_PID" || st=$?; UNSHARE_PID=
    say "manager exited with status $st after $(ms "$t2") ms"
fi
exit "$rc"                                                 # cleanup() runs on EXIT
