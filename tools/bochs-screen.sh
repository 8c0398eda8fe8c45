#!/usr/bin/env bash
# `make bochs`: boot a TalOS ISO in Bochs with the VGA screen drawn on this
# terminal (Bochs's "term" display, curses) and the keys typed here going
# to the emulated PS/2 keyboard.
#
#   tools/bochs-screen.sh ISO NOPTMX_SO SERIAL_LOG BOCHS_LOG [debug]
#
# NOPTMX_SO is tools/bochs-noptmx.c built as a shared library: preloaded,
# it keeps the screen on this terminal (Debian's Bochs, built with its
# debugger, would draw it on a new pseudo-terminal). COM1 goes to
# SERIAL_LOG, Bochs's own log to BOCHS_LOG. With "debug" Bochs stops in its
# debugger before the first instruction; otherwise it runs at once.
# Ctrl-C enters the debugger ("c" continues, "q" quits); `poweroff` in
# TalOS ends Bochs too.
# Invariant: whatever way Bochs ends (quit, power-off, panic, a signal),
# the terminal is left with the settings it had before, out of curses'
# alternate screen and with its cursor shown.
set -u

iso=${1:?usage: tools/bochs-screen.sh ISO NOPTMX_SO SERIAL_LOG BOCHS_LOG [debug]}
noptmx=${2:?no preload library given}
root=$(cd "$(dirname "$0")/.." && pwd)
export TALOS_ISO=$iso TALOS_SERIAL_LOG=${3:?no serial log given} TALOS_BOCHS_LOG=${4:?no Bochs log given}
debug=${5:-}

if ! [ -t 0 ] || ! [ -t 1 ]; then
	echo "bochs-screen: Bochs draws its screen on a terminal; run it from one" >&2
	exit 1
fi
saved=$(stty -g)
restore() {
	stty "$saved" 2>/dev/null
	tput rmcup 2>/dev/null
	tput cnorm 2>/dev/null
}
trap restore EXIT

continue=(-rc "$root/tests/bochs/continue.rc")
[ -n "$debug" ] && continue=()
LD_PRELOAD=$(realpath "$noptmx") bochs -q -f "$root/tests/bochs/bochsrc" "${continue[@]}"
