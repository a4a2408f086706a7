#!/usr/bin/env bash
# StreetFlow on PostgreSQL next to StreetFlow on SQLite and the reference daemon: the approval workload
# (../shared/perf/WORKLOAD.md, its Python drivers), the same machine, one run, interleaved.
# PostgreSQL is a throwaway cluster (initdb into a temp dir, Unix socket only, fsync and synchronous_commit on,
# Debian's defaults otherwise), stopped at the end. Needs: swift build -c release --product streetflowd
# usage: bash Benchmarks/postgres-side-by-side.sh [RUNS=3] [PERF=../shared/perf]   (prints a markdown table)
set -euo pipefail
P=$PWD; RUNS=${1:-3}; PERF=$(cd "${2:-$P/../shared/perf}" && pwd); PY=${PYTHON:-python3}
BIN=$P/.build/release/streetflowd
[ -x "$BIN" ] || { echo "build first: swift build -c release --product streetflowd" >&2; exit 2; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
D=$(mktemp -d /tmp/sfpg.XXXX); RAW=$D/raw.jsonl
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$D"
as_pg "$PGBIN/initdb" -D "$D/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$D/pg" -l "$D/pg.log" -w -o "-c listen_addresses='' -c unix_socket_directories='$D'" start >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$D/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$D"' EXIT
"$PGBIN/psql" -X -q -h "$D" -U postgres -c "CREATE ROLE streetflow LOGIN"
tag() { $PY -c "import json,sys; t=json.loads(sys.argv[1]); [print(json.dumps({**t, **json.loads(l)})) for l in sys.stdin if l.strip()]" "$1"; }
n=0
sf_start() {  # $1: sqlite or postgresql
  n=$((n + 1)); S=$D/sf$n; mkdir -p "$S"; ME=$(id -un)
  # What --dev gives without a config (every role for the invoking user), written out: a config replaces it.
  printf 'separationOfDuties: false\nlimits: {maxConnectionsPerUser: 256}\nroles: {office: {users: [%s]}, street: {users: [%s]}, admin: {users: [%s]}}\ndepartments: {demo: {users: [%s], label: 演示部门}}\ncommittees: {蓝天二村: {users: [%s]}}\n' \
    "$ME" "$ME" "$ME" "$ME" "$ME" > "$S/config.yaml"
  if [ "$1" = postgresql ]; then
    "$PGBIN/psql" -X -q -h "$D" -U postgres -c "CREATE DATABASE sf$n OWNER streetflow"
    printf 'store: {kind: postgresql, url: "postgresql://streetflow@/sf%s?host=%s", pool: 8}\n' "$n" "$D" >> "$S/config.yaml"
  fi
  "$BIN" --dev --config "$S/config.yaml" --log-target stderr --socket "$S/sf.sock" --state "$S" 2>/dev/null & DPID=$!
  for _ in $(seq 100); do [ -S "$S/sf.sock" ] && break; sleep 0.1; done; sleep 0.3; SOCK=$S/sf.sock; }
ref_start() { rm -f "$D/ref.sock" "$D/ref.db"*; $PY "$PERF/src/ref_daemon.py" "$D/ref.sock" "$D/ref.db" --group >/dev/null 2>&1 & DPID=$!
  for _ in $(seq 50); do [ -S "$D/ref.sock" ] && break; sleep 0.1; done; }
stop() { kill "$DPID"; wait "$DPID" 2>/dev/null || true; }
for r in $(seq "$RUNS"); do
  echo "== run $r/$RUNS $(uptime)" >&2
  for kind in postgresql sqlite; do
    sf_start $kind; $PY "$PERF/src/drive_streetflow.py" "$SOCK" --n 2000 --clients 1 | tag "{\"id\":\"streetflow $kind W2 1 client\"}" >> "$RAW"; stop
  done
  ref_start; $PY "$PERF/src/drive_daemon.py" "$D/ref.sock" --n 2000 --clients 1 | tag '{"id":"reference W2 1 client"}' >> "$RAW"; stop
  for kind in postgresql sqlite; do
    sf_start $kind; $PY "$PERF/src/drive_streetflow.py" "$SOCK" --n 2000 --clients 16 | tag "{\"id\":\"streetflow $kind W3 16 clients\"}" >> "$RAW"; stop
  done
  ref_start; $PY "$PERF/src/drive_daemon.py" "$D/ref.sock" --n 2000 --clients 16 | tag '{"id":"reference W3 16 clients"}' >> "$RAW"; stop
done
$PY - "$RAW" <<'PY'
import collections, json, statistics, sys
rows = collections.OrderedDict()
for l in open(sys.argv[1]): d = json.loads(l); rows.setdefault(d["id"], []).append(d)
print("| run | metric | median | min | max | runs |\n|---|---|---:|---:|---:|---:|")
for cid, runs in sorted(rows.items(), key=lambda kv: (kv[0].split()[-3:], kv[0])):
    for m in ("transitions_per_s", "cmd_p50_us", "cmd_p99_us"):
        v = [x[m] for x in runs if m in x]
        if v: print(f"| {cid} | {m} | {statistics.median(v):,.0f} | {min(v):,.0f} | {max(v):,.0f} | {len(v)} |")
PY
