#!/bin/bash
# Restart and `show` on a store the size a district reaches (BENCHMARKS.md, "Restart and show at district size").
# From the project root, after `swift build -c release --product P` for each P of streetflowd, streetflow and
# streetflow-bench-store.
# usage: bash Benchmarks/BigStore/restart-and-show.sh [STATE_DIR] [CLI]
#   STATE_DIR is generated (1,000,000 events, 100,000 open; ~25 s) when it has no store yet.
#   CLI defaults to the CLI as the package ships it, statically linked (swift build -c release --static-swift-stdlib
#   --product streetflow --scratch-path .build-static), when built; else .build/release/streetflow, which spends
#   ~10 ms more of every call loading the Swift runtime and Foundation.
set -euo pipefail
state=${1:-/tmp/streetflow-bigstore}
static=.build-static/release/streetflow
cli=${2:-$([ -x $static ] && echo $static || echo .build/release/streetflow)}
echo "CLI: $cli" >&2
[ -f "$state/streetflow.sqlite" ] || .build/release/streetflow-bench-store "$state"
python3 - "$state" .build/release/streetflowd "$cli" <<'PY'
import json, os, socket, statistics, subprocess, sys, time
state, daemon, cli = sys.argv[1:]
sock = state + "/sf.sock"

def start():
    """Starts the daemon; returns (process, milliseconds until it answered a first call)."""
    if os.path.exists(sock): os.unlink(sock)
    began = time.perf_counter()
    process = subprocess.Popen([daemon, "--dev", "--log-target", "stderr", "--socket", sock, "--state", state],
                               stderr=open(state + "/bench-daemon.log", "a"))
    while True:
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(sock)
            s.sendall(b'{"method":"org.varlink.service.GetInfo"}\0')
            if s.recv(65536): break
        except OSError:
            time.sleep(0.002)
    return process, (time.perf_counter() - began) * 1000

def stop(process):
    process.terminate(); process.wait()

first, ms = start(); stop(first)          # a store from elsewhere: checked whole, deadlines recorded once
restarts = []
for _ in range(3):
    process, ms = start(); restarts.append(ms); stop(process)
process, _ = start()
env = dict(os.environ, STREETFLOW_SOCKET=sock, LANG="zh_CN.UTF-8")
shows = []
for i in range(30):
    began = time.perf_counter()
    subprocess.run([cli, "show", f"PA-BENCH-{i * 9973:07d}"], env=env, stdout=subprocess.DEVNULL, check=True)
    shows.append((time.perf_counter() - began) * 1000)
stop(process)
shows.sort()
print(json.dumps({"restart_ms": [round(m, 1) for m in restarts],
                  "show_ms_median": round(statistics.median(shows), 1), "show_ms_p90": round(shows[26], 1)}))
PY
