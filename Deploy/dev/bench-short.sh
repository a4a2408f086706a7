#!/bin/bash
# bench-short.sh — the benchmarks in their short mode, from README's test command, so they cannot rot: the per-layer
# micro-benchmarks (a fraction of a second each), the typed codec's comparison with the hand-written path, and the
# load driver against a real daemon on a fresh state directory (W3 and W4 shapes, a few hundred calls). The figures
# in BENCHMARKS.md come from release builds and ../shared/perf/run.sh, not from this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bin=${STREETFLOW_BIN_DIR:-.build/debug}

echo "-- per-layer micro-benchmarks (short)"
STREETFLOW_BENCH_SHORT=1 "$bin/streetflow-layers" --quiet true > /tmp/streetflow-layers.$$ 2>&1 ||
    { cat /tmp/streetflow-layers.$$; exit 1; }
grep -c "results for" /tmp/streetflow-layers.$$ | grep -qx 9 || { cat /tmp/streetflow-layers.$$; exit 1; }
grep "results for" /tmp/streetflow-layers.$$
rm -f /tmp/streetflow-layers.$$

echo "-- typed Varlink codec against the hand-written path (short; checks both write the same JSON first)"
"$bin/streetflow-protocol-bench" 50

echo "-- load driver against a daemon (short)"
state=$(mktemp -d /tmp/streetflow-bench.XXXX)
"$bin/streetflowd" --dev --log-target stderr --socket "$state/sf.sock" --state "$state" 2>"$state/daemon.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 100); do [ -S "$state/sf.sock" ] && break; sleep 0.1; done
"$bin/streetflow-bench" "$state/sf.sock" --n 240 --clients 8 | tee "$state/w3.json"
"$bin/streetflow-bench" "$state/sf.sock" --n 200 --clients 4 --live --pid "$daemon" | tee "$state/w4.json"
python3 - "$state/w3.json" "$state/w4.json" <<'PY'
import json, sys
w3, w4 = (json.load(open(p)) for p in sys.argv[1:])
assert w3["n"] == 240 and w3["transitions_per_s"] > 0 and w3["cmd_p99_us"] >= w3["cmd_p50_us"] > 0, w3
assert w4["live"] and "bytes_per_instance" in w4, w4
PY
