#!/bin/bash
# with-journald.sh — run CMD against a real, throw-away systemd-journald.
# Copied from the systemd lab (systemd-lab/with-journald.sh; only this note added) so that tests and
# Deploy/check-units.sh work in a clean clone; keep its safety checks when editing.
#
#   bash with-journald.sh CMD [ARGS...]
#   (same as: unshare -m --propagation private bash with-journald.sh CMD...; it makes its own)
#
# libsystemd has no environment variable for the journal socket: sd_journal_send*, systemd-cat,
# logger and journalctl always use /run/systemd/journal/* and /run/log/journal. So this script
# re-executes itself in a new private mount namespace, hides the host's /run/systemd, /run/log and
# /var/log/journal there behind empty tmpfs mounts, starts /lib/systemd/systemd-journald, waits for
# its sockets, runs CMD, stops journald by PID and exits with CMD's status (125: the lab failed).
# CMD can log with libsystemd and read back with:  journalctl --sync; journalctl -o json FIELD=value
# CMD gets LAB_JOURNALD_PID. Nothing is written on the host's disk but a mktemp dir, removed at exit.
set -euo pipefail
die() { echo "with-journald: $*" >&2; exit 125; }
[ "$(id -u)" = 0 ] || die "must run as root"
if [ "${1:-}" != --in-private-mntns ]; then
    [ $# -ge 1 ] || die "usage: bash $0 CMD [ARGS...]"
    # Remember this namespace, so the copy below can prove it is in another one. (Do not compare
    # with /proc/1/ns/mnt: it can be unreadable, and an empty string makes such a guard pass.)
    LAB_OUTER_MNTNS=$(readlink /proc/self/ns/mnt) || die "cannot read /proc/self/ns/mnt"
    export LAB_OUTER_MNTNS
    exec unshare --mount --propagation private "$BASH" "${BASH_SOURCE[0]}" --in-private-mntns "$@"
fi
shift
# Fail closed: every mount below must land in a new mount namespace whose mounts are not shared.
ns=$(readlink /proc/self/ns/mnt) || die "cannot read /proc/self/ns/mnt"
[ -n "${LAB_OUTER_MNTNS:-}" ] && [ "$ns" != "$LAB_OUTER_MNTNS" ] || die "not in a new mount namespace"
if findmnt -rn -o PROPAGATION | grep -qw shared; then die "shared mounts in the new namespace"; fi

TMP=$(mktemp -d /tmp/with-journald.XXXXXX)
JPID= OVERLAY=
cleanup() {
    if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
        kill -TERM "$JPID"                                   # journald syncs and exits on SIGTERM
        for _ in $(seq 50); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$JPID" 2>/dev/null && kill -KILL "$JPID"
        wait "$JPID" 2>/dev/null || true
    fi
    if [ -n "$OVERLAY" ]; then umount -l /run; fi           # before removing its upper layer
    rm -rf "$TMP"
}
trap cleanup EXIT

# A missing mount point must not be created on the host's disk (a private mount namespace does not
# make the file system private). If /run/systemd or /run/log is missing, lay a throw-away overlay
# over /run first: the host's /run stays visible, new directories land in $TMP.
if [ ! -d /run/systemd ] || [ ! -d /run/log ]; then
    mkdir "$TMP/upper" "$TMP/work"
    mount -t overlay overlay -o "lowerdir=/run,upperdir=$TMP/upper,workdir=$TMP/work" /run \
        || die "cannot overlay /run"                        # never fall through to mkdir on the host
    OVERLAY=1
    mkdir -p /run/systemd /run/log
fi
mount -t tmpfs -o mode=0755,nosuid,nodev lab-journal /run/systemd
mount -t tmpfs -o mode=0755,nosuid,nodev lab-journal /run/log
if [ -d /var/log/journal ]; then mount -t tmpfs -o mode=0755,nosuid,nodev lab-journal /var/log/journal; fi
mkdir -p /run/systemd/journal /run/systemd/journald.conf.d
cat > /run/systemd/journald.conf.d/lab.conf <<'EOF'
[Journal]
# volatile: only /run/log/journal (our tmpfs); never the host's kernel log, consoles or terminals
Storage=volatile
ReadKMsg=no
ForwardToSyslog=no
ForwardToKMsg=no
ForwardToConsole=no
ForwardToWall=no
# tests log fast: no rate limit
RateLimitBurst=0
EOF

# journald's own messages go to $TMP/journald.log, not to the kernel log (its default target).
# Without CAP_AUDIT_CONTROL/READ it cannot switch the kernel's audit on (journald 252 tries to).
SYSTEMD_LOG_TARGET=console setpriv --bounding-set -audit_control,-audit_read \
    /lib/systemd/systemd-journald >"$TMP/journald.log" 2>&1 &
JPID=$!
# The varlink socket (used by journalctl --sync) is bound after the native, syslog and stdout ones.
t0=$(date +%s%N)
for _ in $(seq 100); do
    [ -S /run/systemd/journal/io.systemd.journal ] && [ -S /run/systemd/journal/stdout ] && break
    kill -0 "$JPID" 2>/dev/null || { cat "$TMP/journald.log" >&2; die "journald exited early"; }
    sleep 0.05
done
[ -S /run/systemd/journal/io.systemd.journal ] || { cat "$TMP/journald.log" >&2; die "journald sockets did not appear"; }
echo "with-journald: journald pid $JPID ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2

rc=0
LAB_JOURNALD_PID=$JPID "$@" || rc=$?
[ "${LAB_VERBOSE:-0}" = 1 ] && sed 's/^/journald: /' "$TMP/journald.log" >&2
exit "$rc"                                                   # the EXIT trap stops journald
