#!/bin/bash
# fuzz.sh — libFuzzer campaign over StreetFlow's parsers (the targets are in Tests/Fuzz/FuzzTarget.swift):
#   varlink-frame  the Varlink framer + JSON parser + request reading + IDL parameter checks
#   varlink-idl    the interface-definition parser
#   workflow-yaml  the workflow YAML loader + validator (+ graphs)
#   config         the daemon's config loader
#   cli-text       the CLI's terminal renderer (escapes, colours, tables, widths)
#
#   bash Deploy/dev/fuzz.sh                 # long campaign: every target for FUZZ_SECONDS (default 900) each
#   bash Deploy/dev/fuzz.sh --ci            # CI: 12 s per target, 60 s in all
#   bash Deploy/dev/fuzz.sh cli-text config # only these targets
#
# Builds with `-sanitize=fuzzer,address` into .build-fuzz (never the ordinary .build). Each target starts from the
# committed seed corpus (Tests/Fuzz/Corpus/TARGET) and keeps what it learns in .build-fuzz/corpus/TARGET; crashes,
# leaks and timeouts are written to .build-fuzz/findings/TARGET/ and fail the run. Replay one with an ordinary
# build: `swift run streetflow-fuzz TARGET .build-fuzz/findings/TARGET/crash-…`. FUZZ_JOBS (default 1) runs that
# many fuzzing processes per target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds=${FUZZ_SECONDS:-900}
jobs=${FUZZ_JOBS:-1}
targets=(varlink-frame varlink-idl workflow-yaml config cli-text)
if [[ ${1:-} == --ci ]]; then
    seconds=12
    shift
fi
if (($#)); then targets=("$@"); fi

echo "== build (libFuzzer + AddressSanitizer, .build-fuzz)"
swift build -c debug --product streetflow-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 |
    grep -v "Cannot export local symbol" | tail -3
binary=.build-fuzz/debug/streetflow-fuzz
# The Swift backtracer and ASan would both handle a crash; libFuzzer's report is the one that names the input.
export SWIFT_BACKTRACE=enable=no
# One-time allocations of lazily initialised globals are not leaks (see the file).
export LSAN_OPTIONS=suppressions=$PWD/Tests/Fuzz/lsan.supp:print_suppressions=0

total=0
failed=()
for target in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$target
    findings=.build-fuzz/findings/$target
    mkdir -p "$corpus" "$findings"
    log=$findings/fuzz.log
    status=0
    parallel=()
    if ((jobs > 1)); then parallel=(-jobs="$jobs" -workers="$jobs"); fi
    STREETFLOW_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 "${parallel[@]}" -artifact_prefix="$findings/" -print_final_stats=1 \
        "$corpus" "Tests/Fuzz/Corpus/$target" >"$log" 2>&1 || status=$?
    if ((jobs > 1)); then cat fuzz-*.log >>"$log" 2>/dev/null && rm -f fuzz-*.log; fi
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | awk '{ n += $2 } END { print n + 0 }')
    total=$((total + runs))
    crashes=$(find "$findings" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
    printf '%-14s %12d executions  %6d corpus  %d findings  (exit %d)\n' "$target" "$runs" \
        "$(find "$corpus" -type f | wc -l)" "$crashes" "$status"
    if ((status != 0 || crashes > 0)); then
        failed+=("$target")
        grep -E 'ERROR|Fatal error|precondition|SUMMARY' "$log" | head -5 || true
    fi
done
echo "total          $total executions"
if ((${#failed[@]})); then
    echo "findings in: ${failed[*]} (see .build-fuzz/findings/)" >&2
    exit 1
fi
