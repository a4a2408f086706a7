#!/bin/bash
# run-service-sandbox.sh — boot the systemd lab with Deploy/'s units exactly as shipped (plus a
# drop-in that runs a probe instead of /usr/bin/streetflowd) and check, inside, that the
# hardened sandbox lets a Swift process using the Systemd module do what streetflowd needs:
# adopt the "varlink" socket, resolve users and groups, write $STATE_DIRECTORY, log structured
# entries to the journal, send READY=1/STATUS=, and see each client's true uid by SO_PEERCRED.
#
#   swift build --build-tests && bash Tests/lab/run-service-sandbox.sh     (root; ~2 s)
#
# The probe is this package's test binary in child mode (SystemdTests ChildModeTests.daemon).
# with-systemd.sh (copied from the systemd lab, safety checks intact) gives the manager its own
# cgroup sub-tree and namespaces; nothing on the host changes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$root" && swift build --show-bin-path 2>/dev/null) || { echo "no build path" >&2; exit 1; }
probe=StreetFlowPackageTests.xctest
[ -x "$bin/$probe" ] || { echo "run 'swift build --build-tests' first ($bin/$probe missing)" >&2; exit 1; }

units=$(mktemp -d /tmp/sandbox-units.XXXXXX)
trap 'rm -rf "$units"' EXIT
cp "$root/Deploy/streetflowd.service" "$root/Deploy/streetflowd.socket" "$units/"
cp "$root/Deploy/sysusers.d/streetflow.conf" "$units/streetflow.conf"
cp "$here/service-sandbox-inside.sh" "$units/"
mkdir "$units/streetflowd.service.d"
cat >"$units/streetflowd.service.d/probe.conf" <<CONF
[Service]
ExecStart=
ExecStart=/opt/lab/bin/$probe --testing-library swift-testing --filter ChildModeTests/daemon
Environment=STREETFLOW_SYSTEMD_TEST_CHILD=daemon
CONF
bash "$here/with-systemd.sh" "$units" "$bin" bash /run/lab/units/service-sandbox-inside.sh
