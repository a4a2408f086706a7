#!/bin/bash
# crash.sh — the SIGKILL campaign of record: a real engine committing concurrent commands (8 workers, the crash
# load in Tests/CrashLoad) is killed with SIGKILL at random moments — some while opening or migrating the store —
# ROUNDS times (default 50) on one database; then every acknowledged command must be there, every projection must
# be the replay of its events, the audit chain must verify, and each restart must have accepted the store against
# the chain head kept outside it. Prints: rounds, acknowledged, requests, lost (must be 0), chain, events.
#
#   bash Deploy/dev/crash.sh          # 50 rounds
#   bash Deploy/dev/crash.sh 200      # 200 rounds
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds=${1:-50}
swift build --build-tests >/dev/null
log=$(mktemp)
set +e
STREETFLOW_CRASH_ROUNDS=$rounds swift test --skip-build --filter 'CrashTests/everythingAcknowledgedSurvivesSIGKILL' >"$log" 2>&1
status=$?
set -e
grep -E '^crash campaign:' "$log" || { tail -40 "$log"; echo "no campaign record" >&2; exit 1; }
if ((status != 0)); then
    grep -E '✘|Expectation failed' "$log" | head -20
    echo "crash campaign FAILED (log: $log)" >&2
    exit 1
fi
grep -qE '^crash campaign: .* lost=0 chain=verified' "$log"
echo "crash campaign passed (log: $log)"
