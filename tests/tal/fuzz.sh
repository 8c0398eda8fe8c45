#!/usr/bin/env bash
# The tal-fuzz suite. Usage: fuzz.sh FUZZER OUT SECONDS ORACLE PLANTDIR
#   FUZZER    the libFuzzer harness (tests/tal/fuzz.c, with the oracle)
#   OUT       build directory; OUT/tests holds the assembled corpus objects
#   SECONDS   how long to fuzz
#   ORACLE    tal-oracle (tests/tal/oracle_main.c), the oracle alone
#   PLANTDIR  PLANTDIR/NAME/tal-fuzz: the harness built with the decoder
#             bug NAME of tests/tal/plant.sh
# Tests, each printed as `pass tal-fuzz.NAME ...` or `FAIL tal-fuzz.NAME: ...`:
#   regressions     every input the fuzzer once crashed on
#                   (tests/tal/fuzz-regress/, each named after its bug)
#   oracle-corpus   the oracle alone passes every accept_* object, refuses
#                   every forbid_* object and each object of
#                   tests/tal/oracle_cases.txt with the reason given there
#   oracle-plant-N  the harness with plant N, run on the corpus objects,
#                   stops on the oracle's message (the oracle can fail)
#   verify          SECONDS of fuzzing from the corpus objects: no crash and
#                   no oracle disagreement, with the count of accepted
#                   inputs the oracle checked (it must be nonzero)
# then `tal-fuzz: N passed, M failed`.
set -u
fuzzer=$1 out=$2 seconds=$3 oracle=$4 plantdir=$5
here=$(dirname "$0")
passed=0 failed=0
pass() { echo "pass tal-fuzz.$1"; passed=$((passed + 1)); }
fail() { echo "FAIL tal-fuzz.$1"; failed=$((failed + 1)); }

if "$fuzzer" "$here"/fuzz-regress/*.bin >"$out/fuzz-regress.log" 2>&1; then
	pass "regressions ($(ls "$here"/fuzz-regress/*.bin | wc -l) inputs)"
else
	fail "regressions: see $out/fuzz-regress.log"
	grep -m3 -E 'ERROR|SUMMARY|ORACLE' "$out/fuzz-regress.log"
fi

# The oracle alone on the corpus.
"$oracle" "$out"/tests/*.to >"$out/oracle-corpus.log"
why=""
nacc=0 nbad=0
while read -r path verdict rest; do
	name=$(basename "$path" .to:)
	case $name:$verdict in
	accept_*:ok) nacc=$((nacc + 1)) ;;
	accept_*:*)  why="$why; $name refused: $rest" ;;
	forbid_*:fires:) nbad=$((nbad + 1)) ;;
	forbid_*:*)  why="$why; $name passed" ;;
	esac
done <"$out/oracle-corpus.log"
while read -r name fragment; do
	case $name in ''|'#'*) continue ;; esac
	line=$(grep -F "/$name.to: " "$out/oracle-corpus.log")
	case $line in
	*": fires: "*"$fragment"*) case $name in reject_*) nbad=$((nbad + 1)) ;; esac ;;
	"")                        why="$why; $name.to not assembled" ;;
	*)                         why="$why; $name: expected '$fragment', got '${line#*: }'" ;;
	esac
done <"$here/oracle_cases.txt"
if [ -z "$why" ] && [ $nacc -gt 0 ]; then
	pass "oracle-corpus ($nacc accepted objects pass, $nbad bad objects refused)"
else
	fail "oracle-corpus:${why:- no accepted object}"
fi

# Each planted decoder bug must be caught by the oracle.
for plant in $(bash "$here/plant.sh" list); do
	log=$out/plant-$plant.log
	"$plantdir/$plant/tal-fuzz" "$out"/tests/*.to >"$log" 2>&1
	status=$?
	want=$(bash "$here/plant.sh" expect "$plant")
	if [ $status -ne 0 ] && grep -q "^ORACLE: .*$want" "$log"; then
		pass "oracle-plant-$plant (caught: $(grep -m1 -o 'refuses: .*' "$log" | sed 's/^refuses: //'))"
	else
		fail "oracle-plant-$plant: exit $status without the oracle's '$want', see $log"
	fi
done

corpus=$out/fuzz-corpus
mkdir -p "$corpus" "$out/fuzz-crashes"
cp -n "$out"/tests/*.to "$corpus"/ 2>/dev/null
log=$out/fuzz.log
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$out/fuzz-crashes/" "$corpus" >"$log" 2>&1
status=$?
runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | awk '{print $2}')
checked=$(grep -o 'oracle: [0-9]* accepted' "$log" | tail -1 | awk '{print $2}')
if [ $status -eq 0 ] && [ -n "$runs" ] && [ "${checked:-0}" -gt 0 ]; then
	pass "verify ($runs executions in ${seconds}s, $checked accepted and checked by the oracle)"
else
	fail "verify: libFuzzer exit $status, ${checked:-no} accepted inputs checked, see $log"
	grep -m3 -E 'ERROR|SUMMARY|ORACLE|Test unit written' "$log"
fi
echo "tal-fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
