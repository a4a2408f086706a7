#!/bin/bash
# package-lifecycle.sh DEB — install, run, upgrade over itself, remove and purge the package on a
# fresh Debian 12 (debootstrap minbase + systemd), in a chroot inside a private mount namespace.
# There is no systemd PID 1 in the chroot (run.sh covers that); this proves the package's
# dependencies, maintainer scripts, and that the static binaries run without a Swift toolchain.
set -euo pipefail
deb=$(realpath "${1:?usage: package-lifecycle.sh DEB}")
[ "$(id -u)" = 0 ] || { echo "package lifecycle: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "${1:-}" != --inside ] && [ "${2:-}" != --inside ]; then
    target=$(mktemp -d /var/tmp/streetflow-debian.XXXXXX)
    trap 'rm -rf "$target"' EXIT
    echo "debootstrap bookworm → $target"
    debootstrap --variant=minbase --include=systemd,libsqlite3-0,libsystemd0,libcurl4,zlib1g,init-system-helpers \
        bookworm "$target" http://deb.debian.org/debian >"$target.log" 2>&1 \
        || { tail -20 "$target.log"; rm -f "$target.log"; exit 1; }
    rm -f "$target.log"
    cp "$deb" "$target/tmp/streetflow.deb"
    cp "$here/package-lifecycle-inside.sh" "$target/tmp/inside.sh"
    # A private mount namespace: /proc for the chroot is mounted there only, never on the host.
    unshare --mount --propagation private --fork bash -c '
        set -e
        mount -t proc proc "$1/proc"
        chroot "$1" /bin/bash /tmp/inside.sh
    ' _ "$target"
fi
