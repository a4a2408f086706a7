#!/usr/bin/env bash
# The floors under issue #13's targets on this machine, measured (BENCHMARKS.md "What the targets ask"):
#  1. the Python driver of ../shared/perf against a daemon that does nothing (null-daemon.c): its W2 latency and W3
#     rate are the most any daemon can show with that driver here;
#  2. a durable SQLite commit by the pages it writes (commit-pages.py);
#  3. the pages a StreetFlow Submit and Act write, by B-tree (wal-pages.py on a release daemon's WAL).
# usage: bash Benchmarks/Ceiling/run.sh      (from the project root, after swift build -c release --product streetflowd)
set -euo pipefail
H=$(cd "$(dirname "$0")" && pwd); P=$PWD; PERF=${PERF:-$P/../shared/perf}; D=$(mktemp -d /tmp/sfceil.XXXX)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT
cc -O2 -o "$D/null-daemon" "$H/null-daemon.c"
"$D/null-daemon" "$D/null.sock" 895 & NULLD=$!
for _ in $(seq 50); do [ -S "$D/null.sock" ] && break; sleep 0.1; done
echo "== 1. the Python driver against a daemon that does nothing (895-byte replies)"
for c in 1 16; do python3 "$PERF/src/drive_streetflow.py" "$D/null.sock" --n 2000 --clients $c; done
kill $NULLD
echo "== 2. one durable commit by pages written"
python3 "$H/commit-pages.py" "$D"
echo "== 3. pages per StreetFlow command (10 requests submitted, forwarded, decided)"
mkdir "$D/sf"; "$P/.build/release/streetflowd" --dev --log-target stderr --socket "$D/sf/sf.sock" --state "$D/sf" 2>/dev/null &
for _ in $(seq 100); do [ -S "$D/sf/sf.sock" ] && break; sleep 0.1; done; sleep 0.3
python3 "$PERF/src/drive_streetflow.py" "$D/sf/sf.sock" --n 10 --clients 1 >/dev/null
python3 "$H/wal-pages.py" "$D/sf/streetflow.sqlite" 3
