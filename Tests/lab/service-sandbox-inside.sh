#!/bin/bash
# CMD for with-systemd.sh, from run-service-sandbox.sh: runs inside the lab.
set -euo pipefail
PY=/usr/bin/python3    # not a pyenv shim: lab users cannot read /root
failures=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }
systemd-sysusers /run/lab/units/streetflow.conf
useradd --no-create-home --groups streetflow,sf-office lab-alice
systemctl start streetflowd.socket
check "socket is 0660 root:streetflow" '[ "$(stat -c %a:%U:%G /run/streetflow/io.streetflow.sock)" = 660:root:streetflow ]'
# the first connection starts the service (fd "varlink"); a member of streetflow connects
alice=$(id -u lab-alice)
(cd / && setpriv --reuid=lab-alice --regid=lab-alice --init-groups \
    "$PY" -c 'import socket; s = socket.socket(socket.AF_UNIX); s.connect("/run/streetflow/io.streetflow.sock"); s.close()')
for _ in $(seq 100); do
    [ "$(systemctl show -P ActiveState streetflowd.service)" = active ] && break
    sleep 0.1
done
check "service active (READY=1 received)" '[ "$(systemctl show -P ActiveState streetflowd.service)" = active ]'
check "StatusText from STATUS=" '[ "$(systemctl show -P StatusText streetflowd.service)" = "Probe listening" ]'
"$PY" -c 'import socket; s = socket.socket(socket.AF_UNIX); s.connect("/run/streetflow/io.streetflow.sock"); s.close()'
useradd --no-create-home lab-bob    # not in group streetflow: the socket's 0660 keeps him out
bob=$(cd / && setpriv --reuid=lab-bob --regid=lab-bob --init-groups "$PY" -c '
import socket
try:
    socket.socket(socket.AF_UNIX).connect("/run/streetflow/io.streetflow.sock"); print("connected")
except PermissionError:
    print("EACCES")')
check "non-member refused ($bob)" '[ "$bob" = EACCES ]'
sleep 0.3
journalctl --sync
start=$(journalctl -o json --no-pager STREETFLOW_PROBE=start -u streetflowd.service)
peers=$(journalctl -o json --no-pager STREETFLOW_PROBE=peer -u streetflowd.service | "$PY" -c '
import json, sys; print(" ".join(json.loads(l)["STREETFLOW_PEER_UID"] for l in sys.stdin))')
field() { printf '%s\n' "$start" | "$PY" -c "import json, sys; print(json.loads(sys.stdin.readline()).get('$1', ''))"; }
check "runs as streetflow (getpwuid)" '[ "$(field STREETFLOW_USER)" = streetflow ]'
check "getgrnam sees sf-office" '[ "$(field STREETFLOW_SF_OFFICE)" = true ]'
check "getgrouplist works" '[ "$(field STREETFLOW_ROOT_GROUPS)" -ge 1 ]'
check "STATE_DIRECTORY writable" '[ "$(field STREETFLOW_STATE)" = /var/lib/streetflow ] && [ "$(field STREETFLOW_STATE_WRITABLE)" = true ]'
check "adopted fd 3 named varlink" '[ "$(field STREETFLOW_FD)" = 3 ]'
check "SO_PEERCRED: alice then root ($peers)" '[ "$peers" = "$alice 0" ]'
systemctl stop streetflowd.service
check "socket survives a service stop" '[ -S /run/streetflow/io.streetflow.sock ]'
echo "$failures failure(s)"
[ "$failures" = 0 ]
