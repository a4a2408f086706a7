#!/bin/bash
# test.sh — everything CI checks, in order: format, build without warnings, all tests, the benchmarks in their
# short mode, the units,
# the Debian package, the system test under a real systemd, and the package on a fresh Debian 12.
# Run as root (the daemon tests create Unix users; the journald/systemd labs need namespaces).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash Deploy/dev/install-deps.sh --tests

echo "== format"
swift format lint --strict -r Package.swift Sources Tests Benchmarks

echo "== build (tests and every executable: the tests run the real binaries)"
swift build --build-tests 2>&1 | tee .build-log.txt
if grep -E '^/.*/(Sources|Tests|Benchmarks)/.*: warning:' .build-log.txt; then
    echo "build has warnings" >&2
    exit 1
fi
rm -f .build-log.txt

echo "== tests"
# With a watchdog: a test process that stops making progress is reported (what had not finished, every thread's
# stack) and the suite runs once more, instead of CI waiting out its time limit (see the script).
bash Deploy/dev/test-watchdog.sh

echo "== benchmarks in their short mode (figures: BENCHMARKS.md)"
bash Deploy/dev/bench-short.sh

echo "== fuzz (libFuzzer + ASan, 12 s per target; the long campaign is Deploy/dev/fuzz.sh)"
bash Deploy/dev/fuzz.sh --ci

echo "== systemd units"
bash Deploy/check-units.sh

echo "== Debian package and system test"
deb=$(CONFIGURATION=debug bash Deploy/build-deb.sh | tail -1)
lintian --fail-on error "$deb"
bash Tests/system/run.sh "$deb"
bash Tests/system/package-lifecycle.sh "$deb"
echo "== all passed"
