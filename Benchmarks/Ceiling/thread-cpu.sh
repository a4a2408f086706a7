#!/usr/bin/env bash
# One W2 or W3 run of ../shared/perf's driver against a fresh daemon, then each daemon thread's CPU per command
# (user and system, from /proc/PID/task/*/stat): where a call's time goes, without a profiler.
# usage (from the project's root, after swift build -c release --product streetflowd):
#   bash Benchmarks/Ceiling/thread-cpu.sh [BINARY=.build/release/streetflowd] [REQUESTS=3000] [CLIENTS=1]
set -euo pipefail
BIN=${1:-.build/release/streetflowd}; N=${2:-3000}; C=${3:-1}
DRIVER=$(dirname "$0")/../../../shared/perf/src/drive_streetflow.py
D=$(mktemp -d /tmp/sfthreads.XXXX)
"$BIN" --dev --log-target stderr --socket "$D/sf.sock" --state "$D" 2>/dev/null </dev/null & P=$!
trap 'kill $P 2>/dev/null; wait $P 2>/dev/null; rm -rf "$D"' EXIT
for _ in $(seq 100); do [ -S "$D/sf.sock" ] && break; sleep 0.1; done; sleep 0.5
declare -A before
for t in /proc/$P/task/*; do before[$(basename "$t")]=$(awk '{print $14" "$15}' "$t/stat"); done
python3 "$DRIVER" "$D/sf.sock" --n "$N" --clients "$C" > "$D/out.json"
python3 -c "import json; d=json.load(open('$D/out.json')); print('transitions/s', d['transitions_per_s'], 'p50', d['cmd_p50_us'], 'p99', d['cmd_p99_us'])"
ticks=$(getconf CLK_TCK); commands=$((N * 3))
for t in /proc/$P/task/*; do
  id=$(basename "$t"); read -r u0 s0 <<< "${before[$id]:-0 0}"; read -r u1 s1 <<< "$(awk '{print $14" "$15}' "$t/stat")"
  [ $((u1 - u0 + s1 - s0)) -gt 0 ] || continue
  echo "$(cat "$t/comm"): user $(( (u1 - u0) * 1000000 / ticks / commands )) µs, system $(( (s1 - s0) * 1000000 / ticks / commands )) µs per command"
done
