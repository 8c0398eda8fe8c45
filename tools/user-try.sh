#!/usr/bin/env bash
# One step of building a user program (a compile or a link) that may fail
# without stopping make, so that one broken program leaves every other
# program, the initrd and the kernel built (mk/user.mk).
#
#   tools/user-try.sh LOGDIR WHAT OUT [--need FILE]... -- COMMAND...
#
# COMMAND makes OUT from WHAT (the source, or the program being linked).
#  - If a --need FILE is missing (an earlier step failed and said so),
#    COMMAND is not run: OUT is removed and "  SKIP" names what is missing.
#  - If COMMAND fails, OUT is removed (no stale object or program is used),
#    its output is kept in LOGDIR/OUT.log, and one "  FAILED" line naming
#    WHAT and the log is printed after the compiler's first lines.
#  - If it succeeds, a log of OUT from an earlier failure is removed.
# The exit status is 0 in all three cases; whether the program got built
# is the existence of OUT, which the initrd's rule checks.
set -u
logdir=${1:?usage: tools/user-try.sh LOGDIR WHAT OUT [--need FILE]... -- COMMAND...}
what=${2:?no WHAT given}
out=${3:?no OUT given}
shift 3
missing=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	case $1 in
	--need) [ -e "$2" ] || missing+=("$2"); shift 2 ;;
	*) echo "user-try: unknown option $1" >&2; exit 2 ;;
	esac
done
[ "${1:-}" = "--" ] || { echo "user-try: no -- COMMAND given" >&2; exit 2; }
shift

log=$logdir/$out.log
if [ ${#missing[@]} -gt 0 ]; then
	rm -f "$out"
	echo "  SKIP    $what: ${missing[*]} did not build"
	exit 0
fi
mkdir -p "$(dirname "$log")"
if "$@" >"$log.new" 2>&1; then
	cat "$log.new"
	rm -f "$log.new" "$log"
else
	rm -f "$out"
	mv "$log.new" "$log"
	head -n 20 "$log"
	echo "  FAILED  $what (the errors: $log)"
fi
exit 0
