#!/bin/bash
# journal-flow.sh DAEMON CONFIG SOCKET OUTDIR — runs inside Tests/lab/with-journald.sh (a throw-away
# journald in a private mount namespace; never run it on the host). Starts streetflowd logging to that
# journal, runs one plaque admission with Tests/daemon/sfclient.py, syncs the journal and writes:
#   OUTDIR/admission.json  the client's output (steps and the final Get)
#   OUTDIR/journal.json    journalctl -o json STREETFLOW_INSTANCE=<id>
#   OUTDIR/daemon.json     journalctl -o json _PID=<daemon pid> (start, reload, stop entries)
set -euo pipefail
daemon=$1 config=$2 socket=$3 out=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$daemon" --config "$config" --log-target journal 2>"$out/daemon.err" &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true; }   # only the daemon started here
trap stop EXIT
for _ in $(seq 500); do [ -S "$socket" ] && break; kill -0 "$pid" || exit 3; sleep 0.02; done
python3 "$here/sfclient.py" admission "$socket" 蓝天二村 >"$out/admission.json"
id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["get"]["instance"]["id"])' "$out/admission.json")
stop
trap - EXIT
journalctl --sync
journalctl -o json "STREETFLOW_INSTANCE=$id" >"$out/journal.json"
journalctl -o json "_PID=$pid" >"$out/daemon.json"
