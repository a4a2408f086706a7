#!/bin/bash
# The side-by-side run (../shared/perf/run.sh) on a "slow disk": every fsync/fdatasync of both daemons takes ~5 ms
# more (slowsync.so, LD_PRELOAD). From the project root: bash Benchmarks/SlowDisk/run.sh [RUNS] [SLOWSYNC_US]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gcc -O2 -shared -fPIC -o /tmp/slowsync.so "$here/slowsync.c" -ldl
SLOWSYNC_US=${2:-5000} LD_PRELOAD=/tmp/slowsync.so bash ../shared/perf/run.sh "${1:-1}"
