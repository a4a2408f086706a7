#!/bin/bash
# test-watchdog.sh — `swift test --skip-build` with a watchdog (Deploy/dev/test.sh runs it).
#
# The whole suite takes 1.5–3 minutes here. Twice on 2026-12-05 (CI on 7237fc2 and on e434009) the test process
# stopped for good about a minute in, while LongWorkTests' eight submitters and four verifications ran beside the
# Unix-user flood test: no dispatch worker thread left at all, the main thread parked in dispatch_main, both NIO
# loops idle, every task waiting for a job that never got a thread — the daemon processes were gone, nothing was
# running. CI would sit that out for its 90 minutes and land nothing. So: after LIMIT seconds (default 600) the
# watchdog prints the tests that started and did not finish and every thread's stack (gdb, when installed), kills
# the run and its throwaway PostgreSQL clusters, and runs the suite once more. A second stall fails, and so does any
# test failure (a failing test is never retried).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
limit=${STREETFLOW_TEST_LIMIT:-600}

# Every process below $1 (swift-test starts the test process in a process group of its own).
descendants() {
    local child
    for child in $(pgrep -P "$1"); do
        echo "$child"
        descendants "$child"
    done
}

unfinished() {
    grep -E '^(◇|✔|✘) Test ' "$1" | sed -E 's/^(◇|✔|✘) Test ([^ ]+).*/\1 \2/' |
        awk '{ if ($1 == "◇") started[$2]++; else ended[$2]++ } END { for (t in started) if (started[t] > ended[t]) print "  " t }'
}

for attempt in 1 2; do
    log=$(mktemp /tmp/streetflow-tests.XXXX)
    setsid swift test --skip-build > "$log" 2>&1 &
    run=$!
    tail -n +1 -f --pid=$run "$log" &
    follower=$!
    waited=0
    stalled=false
    while kill -0 $run 2>/dev/null; do
        sleep 5
        waited=$((waited + 5))
        if [ $waited -ge "$limit" ]; then
            stalled=true
            echo
            echo "== watchdog: the tests did not end within $limit s (attempt $attempt); started and not finished:"
            unfinished "$log"
            processes=$(descendants $run)
            for test in $processes; do
                grep -q 'PackageTests.xctest' "/proc/$test/cmdline" 2>/dev/null || continue
                echo "== watchdog: threads of the test process $test"
                if command -v gdb > /dev/null; then
                    timeout 60 gdb -p "$test" -batch -ex 'thread apply all bt 12' 2>/dev/null | grep -E '^(Thread|#)' || true
                fi
                # Its throwaway PostgreSQL clusters (Tests/StoreTestSupport) are named after it and detached from it.
                pkill -f "sf-pg-$test-" || true
            done
            kill -KILL $run $processes 2>/dev/null
            break
        fi
    done
    wait $run
    status=$?
    kill $follower 2>/dev/null
    wait $follower 2>/dev/null
    rm -f "$log"
    if ! $stalled; then exit $status; fi
done
echo "== watchdog: the tests stalled twice" >&2
exit 1
