#!/bin/bash
# sanitizers.sh — the whole test suite under ThreadSanitizer, then under AddressSanitizer (+ LeakSanitizer).
#   bash Deploy/dev/sanitizers.sh            # both
#   bash Deploy/dev/sanitizers.sh thread     # one of: thread address
# Each builds into its own scratch path (.build-tsan, .build-asan; a first build takes 20+ minutes on 2 cores,
# which is why CI does not run this: run it nightly or before a release). The tests that start the real
# streetflowd/streetflow binaries run the sanitized builds too (STREETFLOW_BIN points at them). Logs go to
# .build-<kind>/sanitizer.log; the script fails when a sanitizer reports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
kinds=("${@:-thread address}")
read -r -a kinds <<<"${kinds[*]}"
# The Swift backtracer and the sanitizers both handle a crash; the sanitizer's report is the useful one.
export SWIFT_BACKTRACE=enable=no
status=0
for kind in "${kinds[@]}"; do
    case $kind in
    thread) scratch=.build-tsan ;;
    address) scratch=.build-asan ;;
    *) echo "unknown sanitizer $kind (thread | address)" >&2; exit 64 ;;
    esac
    if [[ $kind == thread ]]; then
        # Synchronization.Mutex waits on a futex ThreadSanitizer does not model: every access to Mutex-protected
        # state is reported as a race. The probe shows it on a program that is race-free by construction.
        probe=$(mktemp -d)
        swiftc -sanitize=thread Tests/lab/tsan-mutex-probe.swift -o "$probe/probe" 2>/dev/null &&
            echo "== thread: the Mutex probe (race-free; any report below is TSan's false positive): $("$probe/probe" 2>&1 | grep -c 'WARNING: ThreadSanitizer') reports"
        rm -rf "$probe"
    fi
    echo "== $kind: build ($scratch)"
    swift build --build-tests --scratch-path "$scratch" --sanitize="$kind" 2>&1 | grep -v "Cannot export local symbol" | tail -2
    echo "== $kind: tests"
    log=$scratch/sanitizer.log
    set +e
    STREETFLOW_BIN=$PWD/$scratch/debug TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1" \
        ASAN_OPTIONS="detect_leaks=1" swift test --skip-build --scratch-path "$scratch" --sanitize="$kind" >"$log" 2>&1
    tests=$?
    set -e
    reports=$(grep -cE '^(WARNING: ThreadSanitizer|==[0-9]+==ERROR: (Address|Leak)Sanitizer)' "$log" || true)
    echo "$kind: tests exit $tests, $reports sanitizer reports ($log)"
    grep -E 'SUMMARY: (Thread|Address|Leak)Sanitizer' "$log" | sort | uniq -c | head -20 || true
    if ((tests != 0 || reports > 0)); then status=1; fi
done
exit $status
