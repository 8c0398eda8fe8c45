#!/usr/bin/env bash
# Run the TAL libFuzzer harness FUZZER on every input the fuzzer once
# crashed on (tests/tal/fuzz-regress/, each named after the bug it found),
# then for SECONDS on a seed corpus made of the assembled test objects in
# OUT/tests, and print the suite lines: `pass tal-fuzz.regressions`,
# `pass tal-fuzz.verify (N executions)` or FAIL, then the summary line.
set -u
fuzzer=$1 out=$2 seconds=$3
regress=$(dirname "$0")/fuzz-regress
if "$fuzzer" "$regress"/*.bin >"$out/fuzz-regress.log" 2>&1; then
	echo "pass tal-fuzz.regressions ($(ls "$regress"/*.bin | wc -l) inputs)"
else
	echo "FAIL tal-fuzz.regressions: see $out/fuzz-regress.log"
	grep -m3 -E 'ERROR|SUMMARY' "$out/fuzz-regress.log"
	echo "tal-fuzz: 0 passed, 2 failed"
	exit 1
fi
corpus=$out/fuzz-corpus
mkdir -p "$corpus" "$out/fuzz-crashes"
cp -n "$out"/tests/*.to "$corpus"/ 2>/dev/null
log=$out/fuzz.log
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$out/fuzz-crashes/" "$corpus" >"$log" 2>&1
status=$?
runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | awk '{print $2}')
if [ $status -eq 0 ] && [ -n "$runs" ]; then
	echo "pass tal-fuzz.verify ($runs executions in ${seconds}s)"
	echo "tal-fuzz: 2 passed, 0 failed"
else
	echo "FAIL tal-fuzz.verify: libFuzzer exit $status, see $log"
	grep -m3 -E 'ERROR|SUMMARY|Test unit written' "$log"
	echo "tal-fuzz: 1 passed, 1 failed"
	exit 1
fi
