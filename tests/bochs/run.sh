#!/usr/bin/env bash
# Boot a TalOS check ISO in Bochs and judge what the kernel printed on COM1.
#
#   tests/bochs/run.sh ISO [PATTERN]
#
# The ISO's default GRUB entry runs the in-kernel tests matching PATTERN
# (make test-bochs passes build/talos-check.iso and CHECK_PATTERN; PATTERN
# only words the report when no test matched). The kernel ends with
# "KT exit done" and writes "Shutdown" to port 0x8900, which stops Bochs;
# tools/ktest.py judges the serial log (Bochs's exit status means nothing).
# Invariant: the last line printed is "bochs: N passed, M failed" whatever
# goes wrong, and no Bochs process outlives the script.
# Knob: BOCHS_TIMEOUT (wall-clock seconds, default 240). NOPTMX names
# tools/bochs-noptmx.c built as a shared library: preloaded, it keeps the
# VGA screen on script's terminal, which script drains into terminal.log.
# Without it Debian's Bochs draws the screen on a pseudo-terminal of its own
# that nobody reads, and blocks once that fills (the run then stops in the
# middle of a test that writes much to the console).
set -u

iso=${1:?usage: tests/bochs/run.sh ISO [PATTERN]}
pattern=()
[ -n "${2:-}" ] && pattern=(--pattern "$2")
timeout=${BOCHS_TIMEOUT:-240}
out=${BUILD:-build}/bochs
here=$(dirname "$0")
root=$here/../..
serial=$out/com1.log

# fail_run REASON: report a run that could not start, in the suite's format.
fail_run() {
	echo "FAIL bochs.run: $1"
	echo "bochs: 0 passed, 1 failed"
	exit 1
}

[ -f "$iso" ] || fail_run "$iso not found"
command -v bochs >/dev/null || fail_run "bochs not installed (tools/install-deps.sh)"
command -v script >/dev/null || fail_run "script (util-linux) not installed"
mkdir -p "$out" || fail_run "cannot create $out"
rm -f "$serial" "$out/bochs.log" "$out/bochs.pid"

# The term display needs a terminal even when CI gives us none: script(1)
# runs Bochs on a fresh pseudo-terminal whose screen output goes to
# terminal.log. Bochs records its pid so a timeout can be cleaned up.
export TALOS_ISO=$iso TALOS_SERIAL_LOG=$serial TALOS_BOCHS_LOG=$out/bochs.log
bochs_cmd="echo \$\$ > $(printf %q "$out/bochs.pid");"
[ -n "${NOPTMX:-}" ] && bochs_cmd+=" export LD_PRELOAD=$(printf %q "$(realpath "$NOPTMX")");"
bochs_cmd+=" exec bochs -q -f $(printf %q "$here/bochsrc") -rc $(printf %q "$here/continue.rc")"
TERM=xterm SHELL=/bin/sh timeout --kill-after=10 "$timeout" \
	script -qec "$bochs_cmd" /dev/null </dev/null >"$out/terminal.log" 2>&1
status=$?

# timeout(1) says 124 when it stopped script with SIGTERM, 137 with SIGKILL.
timed_out=()
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
	timed_out=(--timed-out)
	pid=$(cat "$out/bochs.pid" 2>/dev/null)
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid"
	fi
fi

# A Bochs panic other than the requested shutdown (a triple fault, say)
# explains a truncated serial log better than the log itself can.
stop=$(grep -a '>>PANIC<<' "$out/bochs.log" 2>/dev/null | grep -v 'shutdown requested' | head -n 1)
if [ -n "$stop" ]; then
	echo "bochs-run: Bochs stopped: ${stop#*>>PANIC<< } (see $out/bochs.log)"
fi
if [ ! -s "$serial" ]; then
	echo "bochs-run: no serial output; see $out/terminal.log and $out/bochs.log"
fi

exec python3 "$root/tools/ktest.py" judge "$serial" \
	--emulator bochs --suite bochs --timeout "$timeout" \
	"${pattern[@]}" "${timed_out[@]}"
