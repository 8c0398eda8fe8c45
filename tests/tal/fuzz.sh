#!/usr/bin/env bash
# Run the TAL libFuzzer harness FUZZER for SECONDS on a seed corpus made of
# the assembled test objects in OUT/tests, and print the suite lines:
# `pass tal-fuzz.verify (N executions)` or FAIL, then the summary line.
set -u
fuzzer=$1 out=$2 seconds=$3
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
	echo "tal-fuzz: 1 passed, 0 failed"
else
	echo "FAIL tal-fuzz.verify: libFuzzer exit $status, see $log"
	grep -m3 -E 'ERROR|SUMMARY|Test unit written' "$log"
	echo "tal-fuzz: 0 passed, 1 failed"
	exit 1
fi
