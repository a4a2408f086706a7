#!/bin/bash
# run.sh DEB — the system test: StreetFlow's Debian package under a real systemd (PID 1 in its own
# namespaces and cgroup sub-tree, Tests/lab/with-systemd.sh; read Tests/lab/README.md and the lab's
# SAFETY notes). The package's files are used as installed: its units (with ExecStart pointing at
# the lab's /opt/lab/bin), sysusers.d, catalog, config, workflows, seeds and binaries.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
deb=$(realpath "${1:?usage: run.sh DEB}")
[ "$(id -u)" = 0 ] || { echo "system test: needs root (namespaces, a lab systemd)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
units="$work/units"
mkdir -p "$units/streetflowd.service.d"
cp "$work/root/usr/lib/systemd/system/streetflowd.service" "$work/root/usr/lib/systemd/system/streetflowd.socket" "$units/"
cp "$work/root/usr/lib/sysusers.d/streetflow.conf" "$units/streetflow.conf"
cp "$work/root/usr/lib/systemd/catalog/streetflow.catalog" "$units/streetflow.catalog"
# The lab's /usr is the host's, read-only: the binaries come from /opt/lab/bin instead. A short
# watchdog and the test-only fault switch let the test prove that a stuck engine is restarted.
cat > "$units/streetflowd.service.d/lab.conf" <<'UNIT'
[Service]
ExecStart=
ExecStart=/opt/lab/bin/streetflowd --config /etc/streetflow/streetflow.yaml
WatchdogSec=3s
Environment=STREETFLOW_TEST_FAULTS=1
UNIT
# Everything the inside needs travels in the unit directory (visible inside as /run/lab/units), so
# the test works from any checkout path, /tmp included (the lab's /tmp is its own).
cp "$here/inside.sh" "$units/inside.sh"
mkdir -p "$units/share" && cp -r "$work/root/usr/share/streetflow/." "$units/share/"
LAB_TIMEOUT=${LAB_TIMEOUT:-30} bash "$root/Tests/lab/with-systemd.sh" "$units" "$work/root/usr/bin" \
    bash /run/lab/units/inside.sh /run/lab/units/share
