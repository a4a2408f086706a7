#!/bin/bash
# check-units.sh — check Deploy/ the way systemd will read it; called from .ci/run.
#
#   bash Deploy/check-units.sh            (root; needs systemd, util-linux; no stdin)
#
# 1. `systemd-analyze verify` on streetflowd.socket + streetflowd.service: must print nothing.
#    --man=no: Documentation=man:streetflowd(8) names a page the package installs, not this host.
# 2. `systemd-analyze security --offline=true --threshold=10 streetflowd.service`: fails when the
#    "Overall exposure level" is above 1.0.
# 3. streetflow.catalog compiles (`journalctl --root=TMP --update-catalog`) without complaint and
#    has a default and a zh_CN entry for every MESSAGE_ID in message-ids.txt.
# 4. sysusers.d/streetflow.conf, applied to an empty root dir, makes the user and its groups.
#
# systemd-analyze writes /run/systemd/systemd-units-load even for these "offline" checks, so all of
# it runs inside Tests/lab/with-journald.sh: a private mount namespace (proven, fail-closed) with
# tmpfs over /run/systemd, /run/log, /var/log/journal. The journald it starts is not needed here;
# reusing the wrapper keeps one audited copy of the namespace code.
#
# verify insists that ExecStart='s binary exists. Rather than editing the unit (a drop-in would
# verify a different ExecStart= than the one shipped), the script lays a throw-away overlay over
# /usr/bin inside that namespace (upper layer on a tmpfs in a mktemp dir) and puts a stub
# /usr/bin/streetflowd there when the host has none. If the kernel refuses the overlay, it falls
# back to a drop-in `ExecStart=` pointing at a temporary copy of /bin/true, and says so.
set -euo pipefail
die() { echo "check-units: $*" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

if [ "${1:-}" != --in-private-mntns ]; then
    [ "$(id -u)" = 0 ] || die "must run as root (private mount namespace)"
    CHECK_UNITS_OUTER_MNTNS=$(readlink /proc/self/ns/mnt) || die "cannot read /proc/self/ns/mnt"
    [ -n "$CHECK_UNITS_OUTER_MNTNS" ] || die "empty /proc/self/ns/mnt"
    export CHECK_UNITS_OUTER_MNTNS
    exec bash "$root/Tests/lab/with-journald.sh" bash "$here/check-units.sh" --in-private-mntns </dev/null
fi

# Fail closed: mount only in a new, private mount namespace whose /run/systemd is the lab's tmpfs.
ns=$(readlink /proc/self/ns/mnt) || die "cannot read /proc/self/ns/mnt"
[ -n "$ns" ] && [ -n "${CHECK_UNITS_OUTER_MNTNS:-}" ] && [ "$ns" != "$CHECK_UNITS_OUTER_MNTNS" ] \
    || die "not in a new mount namespace"
if findmnt -rn -o PROPAGATION | grep -qw shared; then die "shared mounts in the namespace"; fi
[ "$(findmnt -rn -o SOURCE /run/systemd)" = lab-journal ] || die "/run/systemd is not the lab's tmpfs"

TMP=$(mktemp -d /tmp/check-units.XXXXXX)
OVERLAY=
cleanup() {
    if [ -n "$OVERLAY" ]; then umount -l /usr/bin || true; fi
    if mountpoint -q "$TMP/layer"; then umount -l "$TMP/layer" || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

units=$TMP/units
mkdir "$units"
cp "$here/streetflowd.service" "$here/streetflowd.socket" "$here/streetflow-notify.service" "$units/"
exec_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units/streetflowd.service")
[ -n "$exec_start" ] || die "no ExecStart= in streetflowd.service"
notify_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units/streetflow-notify.service")
[ -n "$notify_start" ] || die "no ExecStart= in streetflow-notify.service"

if [ ! -x "$exec_start" ] || [ ! -x "$notify_start" ]; then
    mkdir "$TMP/layer"
    mount -t tmpfs -o mode=0700 check-units "$TMP/layer"
    mkdir "$TMP/layer/upper" "$TMP/layer/work"
    if mount -t overlay overlay -o "lowerdir=/usr/bin,upperdir=$TMP/layer/upper,workdir=$TMP/layer/work" /usr/bin \
        2>/dev/null; then
        OVERLAY=1
        for binary in "$exec_start" "$notify_start"; do
            case "$binary" in
                /usr/bin/*) [ -x "$binary" ] || install -m 0755 /bin/true "$binary" ;;
                *) die "ExecStart= $binary is outside /usr/bin: extend this script" ;;
            esac
        done
        echo "check-units: stub $exec_start and $notify_start in a private overlay of /usr/bin"
    else
        install -m 0755 /bin/true "$TMP/streetflowd"
        mkdir "$units/streetflowd.service.d"
        printf '[Service]\nExecStart=\nExecStart=%s --config /etc/streetflow/streetflow.yaml\n' "$TMP/streetflowd" \
            >"$units/streetflowd.service.d/check-units.conf"
        mkdir "$units/streetflow-notify.service.d"
        printf '[Service]\nExecStart=\nExecStart=%s --config /etc/streetflow/notify.yaml\n' "$TMP/streetflowd" \
            >"$units/streetflow-notify.service.d/check-units.conf"
        echo "check-units: overlay refused; verifying with a drop-in ExecStart=$TMP/streetflowd"
    fi
fi

# 1. verify: any output is a finding.
if ! out=$(cd "$units" && systemd-analyze verify --man=no ./streetflowd.socket ./streetflowd.service \
    ./streetflow-notify.service 2>&1); then
    fail "systemd-analyze verify exited non-zero"
fi
if [ -n "$out" ]; then
    printf '%s\n' "$out" >&2
    fail "systemd-analyze verify is not clean"
else
    echo "check-units: systemd-analyze verify: clean"
fi

# 2. security exposure (0.0 best .. 10.0 worst); --threshold=10 means 1.0 in its 0..100 scale. The notifier,
# which alone may reach the network, is held to the same limit.
for unit in streetflowd.service streetflow-notify.service; do
    rc=0
    out=$(cd "$units" && systemd-analyze security --offline=true --threshold=10 "./$unit" 2>&1) || rc=$?
    exposure=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' | head -n1)
    if [ -z "$exposure" ]; then
        printf '%s\n' "$out" >&2
        fail "no 'Overall exposure level' line from systemd-analyze security for $unit"
    elif awk -v e="$exposure" 'BEGIN { exit !(e > 1.0) }'; then
        printf '%s\n' "$out" >&2
        fail "$unit: exposure $exposure > 1.0"
    elif [ "$rc" != 0 ]; then
        printf '%s\n' "$out" >&2
        fail "systemd-analyze security exited $rc for $unit"
    else
        echo "check-units: systemd-analyze security --offline=true: $unit exposure $exposure (limit 1.0)"
    fi
done

# 3. catalog: compile into a throw-away root, then check both languages of every id.
catroot=$TMP/catroot
mkdir -p "$catroot/usr/lib/systemd/catalog" "$catroot/var/lib/systemd/catalog"
cp "$here/streetflow.catalog" "$catroot/usr/lib/systemd/catalog/"
if ! out=$(journalctl --root="$catroot" --update-catalog 2>&1) || [ -n "$out" ]; then
    printf '%s\n' "$out" >&2
    fail "journalctl --update-catalog rejected streetflow.catalog"
fi
listed=$(journalctl --root="$catroot" --list-catalog 2>&1 || true)
missing=0
while read -r name id; do
    case "$name" in '#'* | '') continue ;; esac
    for header in "-- $id" "-- $id zh_CN"; do
        grep -qxF -- "$header" "$here/streetflow.catalog" || { fail "catalog: no '$header' ($name)"; missing=1; }
    done
    # A here-string, not printf | grep -q: under pipefail grep's early exit can SIGPIPE the printf and fail a match.
    grep -q "^$id " <<<"$listed" || { fail "catalog: $id ($name) not in the compiled catalog"; missing=1; }
done <"$here/message-ids.txt"
ids=$(grep -c '^[a-z]' "$here/message-ids.txt")
# --list-catalog shows one language (the locale's); the compiled database names each entry's.
compiled_zh=$(grep -a -o 'zh_CN' "$catroot/var/lib/systemd/catalog/database" | wc -l)
[ "$compiled_zh" -ge "$ids" ] || fail "only $compiled_zh zh_CN entries compiled, want $ids"

entries=$(grep -c '^-- ' "$here/streetflow.catalog")
[ "$entries" = $((ids * 2)) ] || fail "catalog has $entries entries, want $((ids * 2)) (default + zh_CN per id)"
[ "$missing" = 0 ] && echo "check-units: catalog: $entries entries for $ids ids compile"

# 4. sysusers.d: apply it to an empty root (never the host's /etc) and look at what it made.
sysroot=$TMP/sysroot
mkdir -p "$sysroot/etc"
if ! out=$(systemd-sysusers --root="$sysroot" "$here/sysusers.d/streetflow.conf" 2>&1); then
    printf '%s\n' "$out" >&2
    fail "systemd-sysusers rejected sysusers.d/streetflow.conf"
fi
for user in streetflow streetflow-notify; do
    grep -q "^$user:x:[0-9]*:[0-9]*:.*:/usr/sbin/nologin\$" "$sysroot/etc/passwd" 2>/dev/null \
        || fail "sysusers: no system user $user with nologin"
done
for group in streetflow sf-office sf-street; do
    grep -q "^$group:x:" "$sysroot/etc/group" 2>/dev/null || fail "sysusers: no group $group"
done
[ "$failures" = 0 ] && echo "check-units: sysusers.d: users streetflow streetflow-notify, groups streetflow sf-office sf-street"

[ "$failures" = 0 ] || { echo "check-units: $failures failure(s)" >&2; exit 1; }
echo "check-units: all checks passed"
