#!/usr/bin/env bash
# Run the popc libFuzzer harness FUZZER (tests/popc/fuzz.c) with the
# assembler TALAS for SECONDS, on a seed corpus of every Popcorn program of
# the tree (tests/popc, user/ext, tests/kernel/ext), and print the suite
# lines: `pass popc-fuzz.compile (N executions)` or FAIL, then the summary.
set -u
fuzzer=$1 talas=$2 out=$3 seconds=$4
here=$(dirname "$0")
corpus=$out/fuzz-corpus work=$out/fuzz-work
mkdir -p "$corpus" "$work" "$out/fuzz-crashes"
cp -n "$here"/*.pop "$here"/../../user/ext/*.pop "$here"/../kernel/ext/*.pop "$corpus"/ 2>/dev/null
log=$out/fuzz.log
ASAN_OPTIONS=detect_leaks=0 POPC_FUZZ_TALAS=$talas POPC_FUZZ_DIR=$work "$fuzzer" -max_total_time="$seconds" -timeout=10 \
	-rss_limit_mb=2048 -max_len=8192 -detect_leaks=0 -close_fd_mask=2 \
	-artifact_prefix="$out/fuzz-crashes/" "$corpus" >"$log" 2>&1
status=$?
runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | awk '{print $2}')
if [ $status -eq 0 ] && [ -n "$runs" ]; then
	echo "pass popc-fuzz.compile ($runs executions in ${seconds}s)"
	echo "popc-fuzz: 1 passed, 0 failed"
else
	echo "FAIL popc-fuzz.compile: libFuzzer exit $status, see $log"
	grep -m3 -E 'ERROR|SUMMARY|Test unit written|internal error' "$log"
	echo "popc-fuzz: 0 passed, 1 failed"
	exit 1
fi
