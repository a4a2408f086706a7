#!/bin/bash
# Runs inside the fresh Debian chroot (see package-lifecycle.sh). Each check prints ok/FAIL.
set -uo pipefail
export LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin
passed=0 failed=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; passed=$((passed + 1)); else echo "FAIL $what"; failed=$((failed + 1)); fi; }
sock=/run/streetflow/t.sock
cat > /root/test.yaml <<'YAML'
socket: /run/streetflow/t.sock
socketGroup: null
roles:
  office: {users: [root]}
  admin: {users: [root]}
departments:
  health: {label: 卫生健康办, users: [root]}
separationOfDuties: false
YAML
daemon=
start() {
    mkdir -p /run/streetflow
    /usr/bin/streetflowd --config /root/test.yaml --log-target stderr >/tmp/daemon.log 2>&1 &
    daemon=$!
    for _ in $(seq 1 100); do [ -S $sock ] && return 0; sleep 0.1; done
    cat /tmp/daemon.log; return 1
}
stop() { [ -n "$daemon" ] && kill "$daemon" && wait "$daemon" 2>/dev/null; daemon=; }
sf() { STREETFLOW_SOCKET=$sock /usr/bin/streetflow "$@"; }

check "install on fresh Debian 12" dpkg -i /tmp/streetflow.deb
check "system user and groups" bash -c 'getent passwd streetflow >/dev/null && getent group sf-office >/dev/null && getent group sf-street >/dev/null'
check "socket and service enabled" test -L /etc/systemd/system/sockets.target.wants/streetflowd.socket
check "journal catalog compiled" bash -c 'journalctl --list-catalog 2>/dev/null | grep -q 9d7be0047a3a4954b9d5e91c66fd8480'
check "binaries run without a Swift toolchain" bash -c '/usr/bin/streetflowd --version && ! ls /usr/lib/swift 2>/dev/null'
check "shipped workflows validate" /usr/bin/streetflow validate /usr/share/streetflow/workflows
check "daemon runs on the installed files" start
id=$(sf submit plaque-admission --committee 蓝天二村 --text 社区卫生服务点 --placement inside --reason 便民 --json \
    | sed -n 's/^ *"id" *: *"\(PA-[^"]*\)".*/\1/p' | head -1)
check "a request recorded ($id)" test -n "$id"
stop
check "upgrade over itself" dpkg -i --force-confold /tmp/streetflow.deb
start >/dev/null
check "records kept across the upgrade" bash -c "STREETFLOW_SOCKET=$sock /usr/bin/streetflow show $id >/dev/null"
stop
check "remove" dpkg -r streetflow
check "remove: binaries gone" test ! -e /usr/bin/streetflowd
check "remove: records kept" test -s /var/lib/streetflow/streetflow.sqlite
check "remove: configuration kept" test -e /etc/streetflow/streetflow.yaml
check "purge" dpkg -P streetflow
check "purge: configuration and state gone" bash -c 'test ! -e /etc/streetflow && test ! -e /var/lib/streetflow'
check "purge: a last copy of the records in /var/backups" bash -c 'ls /var/backups/streetflow-purged-*.sqlite >/dev/null'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
