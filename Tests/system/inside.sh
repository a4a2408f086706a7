#!/bin/bash
# inside.sh SHARE — runs inside the lab systemd (see run.sh). Each check prints ok/FAIL; exit 1 on any FAIL.
set -uo pipefail
X=$1
CLI=/opt/lab/bin/streetflow
export STREETFLOW_SOCKET=/run/streetflow/io.streetflow.sock LANG=C.UTF-8
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
as() { local user=$1; shift; setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- "$@"; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
wait_for() { local i; for i in $(seq 1 100); do "$@" && return 0; sleep 0.1; done; return 1; }

# The package's postinst, as far as the lab allows (/usr is read-only here).
systemd-sysusers /run/lab/units/streetflow.conf
mkdir -p /var/lib/streetflow-share && cp -r "$X/." /var/lib/streetflow-share/
catalogs=$(mktemp -d)
cp /usr/lib/systemd/catalog/*.catalog "$catalogs/" 2>/dev/null || true
cp /run/lab/units/streetflow.catalog "$catalogs/"
mount --bind "$catalogs" /usr/lib/systemd/catalog
journalctl --update-catalog

groupadd -f sf-dept-health
useradd -M -N -g users -G streetflow,sf-dept-health sft-wang
useradd -M -N -g users -G streetflow,sf-office sft-li
useradd -M -N -g users -G streetflow,sf-street sft-zhao
useradd -M -N -g users sft-outsider
mkdir -p /etc/streetflow
cat > /etc/streetflow/streetflow.yaml <<'YAML'
workflowsDirectory: /var/lib/streetflow-share/workflows
seedsDirectory: /var/lib/streetflow-share/seeds
roles:
  office: {groups: [sf-office]}
  street: {groups: [sf-street]}
  admin: {users: [root]}
departments:
  health: {label: 卫生健康办, groups: [sf-dept-health]}
YAML

systemctl start streetflowd.socket
check "socket listening, 0660 root:streetflow" test "$(stat -c '%a %U:%G' /run/streetflow/io.streetflow.sock)" = "660 root:streetflow"
check "service not started before the first connection" test "$(systemctl is-active streetflowd.service)" = inactive

# One admission through department → office → street → office, each as its own Unix user.
out=$(as sft-wang "$CLI" submit --json plaque-admission --committee 蓝天二村 --text 社区卫生服务点 --placement inside --reason 便民服务)
id=$(echo "$out" | json 'd["instance"]["id"]' 2>/dev/null)
check "first connection started the service (Type=notify, READY)" test "$(systemctl is-active streetflowd.service)" = active
check "department submitted ($id)" test -n "$id"
check "department may not forward" bash -c "! setpriv --reuid=sft-wang --regid=$(id -g sft-wang) --init-groups -- $CLI act $id forward >/dev/null 2>&1"
as sft-li "$CLI" act "$id" forward --json --comment 材料齐全 >/dev/null; check "office forwarded" test $? = 0
check "office may not approve" bash -c "! setpriv --reuid=sft-li --regid=$(id -g sft-li) --init-groups -- $CLI act $id approve >/dev/null 2>&1"
as sft-zhao "$CLI" act "$id" approve --json --comment 同意 >/dev/null; check "street approved" test $? = 0
as sft-li "$CLI" act "$id" arrange --json --field location=服务大厅东墙 --field place=inside >/dev/null; check "office arranged" test $? = 0
state=$(as sft-wang "$CLI" show --json "$id" | json 'd["instance"]["state"]')
check "department sees its request arranged" test "$state" = arranged
uids=$("$CLI" show --json "$id" | json '" ".join(str(e["actorUid"]) for e in d["history"])')
check "events record the kernel's uids" test "$uids" = "$(id -u sft-wang) $(id -u sft-li) $(id -u sft-zhao) $(id -u sft-li)"
check "a user outside group streetflow cannot connect" bash -c "! setpriv --reuid=sft-outsider --regid=$(id -g sft-outsider) --init-groups -- $CLI workflows --json >/dev/null 2>&1"

# Reload keeps the process and serves on.
pid=$(systemctl show -P MainPID streetflowd.service)
systemctl reload streetflowd.service
check "reload keeps the main process" test "$(systemctl show -P MainPID streetflowd.service)" = "$pid"
check "reload logged" wait_for bash -c "journalctl -u streetflowd --no-pager -o cat | grep -q Reloaded"

# Graceful stop and start: all records back.
systemctl stop streetflowd.service
check "stop: inactive, clean exit" test "$(systemctl show -P Result streetflowd.service)" = success
systemctl start streetflowd.service
check "start: the request is still arranged" test "$("$CLI" show --json "$id" | json 'd["instance"]["state"]')" = arranged

# SIGKILL of the main process: systemd restarts it, nothing acknowledged is lost.

second=$(as sft-wang "$CLI" submit --json plaque-admission --committee 蓝天二村 --text 第二块 --placement inside --reason 测试 | json 'd["instance"]["id"]')
before=$(systemctl show -P NRestarts streetflowd.service)
systemctl kill -s KILL --kill-who=main streetflowd.service
check "SIGKILL: restarted by systemd" wait_for bash -c "test \$(systemctl show -P NRestarts streetflowd.service) -gt $before && test \$(systemctl is-active streetflowd.service) = active"
check "SIGKILL: acknowledged submission present" test "$("$CLI" show --json "$second" | json 'd["instance"]["state"]')" = office-review
check "audit chain verifies" bash -c "$CLI audit verify --json | /usr/bin/python3 -c 'import json,sys; assert json.load(sys.stdin)[\"ok\"]'"

# The journal: structured entries and the catalog text.
journalctl --sync
n=$(journalctl -o json "STREETFLOW_INSTANCE=$id" | wc -l)
check "journal has the request's events with STREETFLOW_INSTANCE ($n)" test "$n" -ge 4
check "journal fields STREETFLOW_ACTION / ACTOR_UID" bash -c "journalctl -o json STREETFLOW_INSTANCE=$id STREETFLOW_ACTION=approve | grep -q '\"STREETFLOW_ACTOR_UID\":\"$(id -u sft-zhao)\"'"
check "catalog text shown with -x (fields filled in)" bash -c "journalctl -x --no-pager STREETFLOW_INSTANCE=$id | grep -q 'Request $id (workflow plaque-admission) was submitted'"

# The watchdog kills and restarts a daemon whose engine is stuck (test-only fault switch).
before=$(systemctl show -P NRestarts streetflowd.service)
systemctl kill -s USR2 --kill-who=main streetflowd.service
ok_watchdog=no
for i in $(seq 1 100); do
    if [ "$(systemctl show -P NRestarts streetflowd.service)" -gt "$before" ]; then ok_watchdog=yes; break; fi
    sleep 0.2
done
check "watchdog: stuck engine killed and restarted" test "$ok_watchdog" = yes
check "watchdog: journal says so" bash -c "journalctl -u streetflowd --no-pager | grep -qi watchdog"

echo "$passed passed, $failed failed"
userdel sft-wang; userdel sft-li; userdel sft-zhao; userdel sft-outsider
[ "$failed" = 0 ]
