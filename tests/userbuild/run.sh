#!/usr/bin/env bash
# A user program that does not compile must not stop the build of the
# others, and must be named wherever it is missed (mk/user.mk).
#
#   tests/userbuild/run.sh
#
# Copies the tree and its build/ but build/test/ (timestamps kept, so only
# what changes is rebuilt) into a fresh scratch directory (mktemp -d,
# removed at the end), adds user/broken.c, which
# does not compile, and runs `make` there:
#
#   userbuild.make_names_the_program    make fails, its output has the
#                                       FAILED line for user/broken.c and
#                                       the closing list names /bin/broken
#   userbuild.errors_kept               the compiler's error is in the log
#                                       the FAILED line names
#   userbuild.others_built              the initrd and the ISO were made
#                                       again, hold every other program
#                                       (/bin/sh, /bin/init, /bin/usertests,
#                                       /bin/shtest) and not /bin/broken,
#                                       and initrd.img.missing is exactly
#                                       /bin/broken
#   userbuild.suite_names_it            tools/ktest.py, asked to boot
#                                       init=/bin/broken, refuses and names
#                                       it; with init=/bin/true it boots and
#                                       adds a FAIL line naming it
#   userbuild.fixed_builds_clean        user/broken.c fixed: make succeeds,
#                                       nothing is missing, no log is left
#
# Output: "pass NAME" or "FAIL NAME: REASON" per check, then
# "userbuild: N passed, M failed"; exit status 0 only if M is 0 and N is not.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0

check() {   # check NAME REASON-or-empty
	if [ -z "$2" ]; then
		echo "pass userbuild.$1"; passed=$((passed + 1))
	else
		echo "FAIL userbuild.$1: $2"; failed=$((failed + 1))
	fi
}

finish() {
	echo "userbuild: $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit $?
}

# The paths in the initrd image FILE, one per line (format: tools/mkinitrd.py).
initrd_paths() {
	python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
count = struct.unpack_from("<I", data, 8)[0]
for i in range(count):
    print(data[16 + 64 * i:16 + 64 * i + 56].split(b"\0")[0].decode())
PY
}

if ! scratch=$(mktemp -d); then
	check copy "mktemp -d failed"
	finish
fi
trap 'rm -rf "$scratch"' EXIT
if ! (cd "$root" && tar --exclude=./.git --exclude=./build/test -cf - . | tar -xf - -C "$scratch"); then
	check copy "cannot copy the tree to $scratch"
	finish
fi
rm -rf "$scratch/build/user/failed"
cat > "$scratch/user/broken.c" <<'C'
int main(void)
{
	return no_such_variable;
}
C

out=$scratch/make.out
(cd "$scratch" && make -s) >"$out" 2>&1
status=$?
why=
[ $status -ne 0 ] || why="make succeeded (status 0)"
grep -q "FAILED  user/broken.c" "$out" || why="${why:+$why; }no FAILED line for user/broken.c"
grep -q "user programs that did not build: /bin/broken" "$out" ||
	why="${why:+$why; }no closing line naming /bin/broken"
[ -z "$why" ] || why="$why; make said: $(tail -n 5 "$out" | tr '\n' ' ')"
check make_names_the_program "$why"

log=$(sed -n 's/.*FAILED  user\/broken.c (the errors: \(.*\))$/\1/p' "$out")
why=
if [ -z "$log" ] || ! grep -q "no_such_variable" "$scratch/$log" 2>/dev/null; then
	why="the FAILED line names no log holding the error (${log:-none})"
fi
check errors_kept "$why"

img=$scratch/build/initrd.img
why=
if [ ! "$img" -nt "$scratch/user/broken.c" ] || [ ! "$scratch/build/talos.iso" -nt "$scratch/user/broken.c" ]; then
	why="the initrd or the ISO was not made again"
else
	paths=$(initrd_paths "$img")
	for p in /bin/sh /bin/init /bin/usertests /bin/shtest; do
		grep -qx "$p" <<<"$paths" || why="${why:+$why; }$p not in the initrd"
	done
	! grep -qx /bin/broken <<<"$paths" || why="${why:+$why; }/bin/broken is in the initrd"
	[ "$(cat "$img.missing" 2>/dev/null)" = /bin/broken ] ||
		why="${why:+$why; }initrd.img.missing is not exactly /bin/broken"
fi
check others_built "$why"

ktest() {
	(cd "$scratch" && python3 tools/ktest.py run --kernel build/kernel.elf --initrd build/initrd.img \
		--suite probe --timeout 120 --log build/test/probe.log "$@")
}
why=
k=$(ktest --cmdline init=/bin/broken)
[ $? -ne 0 ] || why="ktest.py succeeded with init=/bin/broken"
grep -q "FAIL probe.run: cannot boot: the init program /bin/broken did not build" <<<"$k" ||
	why="${why:+$why; }no line saying init /bin/broken did not build: $k"
k=$(ktest --cmdline init=/bin/true)
grep -q "FAIL probe.build: .*/bin/broken" <<<"$k" ||
	why="${why:+$why; }booting /bin/true, no FAIL line naming /bin/broken: $k"
check suite_names_it "$why"

printf 'int main(void)\n{\n\treturn 0;\n}\n' > "$scratch/user/broken.c"
(cd "$scratch" && make -s) >"$out" 2>&1
status=$?
why=
[ $status -eq 0 ] || why="make failed (status $status, output: $out)"
[ ! -s "$img.missing" ] || why="${why:+$why; }initrd.img.missing still lists $(cat "$img.missing")"
[ -z "$(find "$scratch/build/user/failed" -name '*.log' 2>/dev/null)" ] ||
	why="${why:+$why; }a failure log is left in build/user/failed"
grep -qx /bin/broken <<<"$(initrd_paths "$img")" || why="${why:+$why; }/bin/broken is not in the initrd"
check fixed_builds_clean "$why"
finish
