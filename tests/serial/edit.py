#!/usr/bin/env python3
"""The console's line editor, typed into the serial console (stdlib only).

Boots TalOS once with the QEMU command of a piped `make run` (given as
--qemu) and types every test's keys into the console in one stream, as
`printf ... | make run` would: arrow keys and other escape sequences,
backspace, Delete, Home/End, Ctrl-A/E/U, history, lines too long. Before
each test a marker line `echo == NAME` is typed, so the console can be cut
into one piece per test; the input ends with `poweroff`.

The console is judged as a person would read it: a model terminal draws
the echo and the output (printable bytes overwrite the cell under the
cursor, '\\b' moves it left, CR to the start of the row, LF to a new row,
the bell is silent) and each test's rows must be exactly the expected
ones: the prompt with the line as the editor shows it, then what the
command printed, which shows the command that ran.

Output: "pass NAME" or "FAIL NAME: REASON" per test, then
"console: N passed, M failed"; exit status 0 only if M is 0 and N is not.
The console output is kept in --log.

    edit.py --qemu 'qemu-system-i386 ... -serial stdio' [--timeout 60] [--log FILE]
"""
import argparse
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import boot  # noqa: E402  (the serial suite's boot: same QEMU, same piping)

LEFT, RIGHT, UP, DOWN = "\x1b[D", "\x1b[C", "\x1b[A", "\x1b[B"
HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"
CTRL_A, CTRL_E, CTRL_U, BS, DEL = "\x01", "\x05", "\x15", "\x08", "\x7f"
LIMIT = 255                     # characters of the longest line (TTY_LINE_MAX - 1)
TOO_LONG = f"sh: line too long (at most {LIMIT} characters): not run"

# (name, keys typed, rows the console must show). Tests that use the
# history type the lines they recall first.
TESTS = [
    ("plain_line", "echo plain\n", ["$ echo plain", "plain"]),
    ("left_arrow_insert_in_middle", f"echo abd{LEFT}c\n", ["$ echo abcd", "abcd"]),
    ("left_right_arrows", f"echo ac{LEFT}{LEFT}{RIGHT}b\n", ["$ echo abc", "abc"]),
    ("backspace_in_middle", f"echo abxc{LEFT}{DEL}\n", ["$ echo abc", "abc"]),
    ("ctrl_h_in_middle", f"echo abxc{LEFT}{BS}\n", ["$ echo abc", "abc"]),
    ("delete_key_in_middle", f"echo abxc{LEFT}{LEFT}{DELETE}\n", ["$ echo abc", "abc"]),
    ("home_and_end_keys", f"cho ab{HOME}e{END}c\n", ["$ echo abc", "abc"]),
    ("ctrl_a_and_ctrl_e", f"cho ab{CTRL_A}e{CTRL_E}c\n", ["$ echo abc", "abc"]),
    ("ss3_arrows", "echo xz\x1bODy\x1bOHX\n", ["$ Xecho xyz", "sh: Xecho: no such program"]),
    ("unknown_keys_dropped", "echo a\x1b[Zb\x1b[1;5Cc\x1b[20~d\t\x02\n", ["$ echo abcd", "abcd"]),
    ("ctrl_u_erases_line", f"echo bad{LEFT}{CTRL_U}echo good\n", ["$ echo good", "good"]),
    ("up_recalls_last_line", f"echo one\n{UP}\n", ["$ echo one", "one", "$ echo one", "one"]),
    ("up_up_down", f"echo first\necho second\n{UP}{UP}{DOWN}\n",
     ["$ echo first", "first", "$ echo second", "second", "$ echo second", "second"]),
    ("up_twice_is_older", f"echo first\necho second\n{UP}{UP}\n",
     ["$ echo first", "first", "$ echo second", "second", "$ echo first", "first"]),
    ("edit_recalled_line", f"echo one\n{UP}{DEL}{DEL}{DEL}two\n",
     ["$ echo one", "one", "$ echo two", "two"]),
    ("recall_shorter_line", f"echo a\necho a long line{UP}\n",
     ["$ echo a", "a", "$ echo a", "a"]),
    ("down_gives_back_typed_line", f"echo x\necho par{UP}{DOWN}tial\n",
     ["$ echo x", "x", "$ echo partial", "partial"]),
    ("longest_line_runs", "echo " + "y" * (LIMIT - 5) + "\n",
     ["$ echo " + "y" * (LIMIT - 5), "y" * (LIMIT - 5)]),
    ("line_of_300_refused", "echo " + "x" * 295 + "\necho next\n",
     ["$ echo " + "x" * (LIMIT - 5), TOO_LONG, "$ echo next", "next"]),
    ("line_of_5000_refused", "echo " + "z" * 4995 + "\necho next\n",
     ["$ echo " + "z" * (LIMIT - 5), TOO_LONG, "$ echo next", "next"]),
    ("too_long_not_in_history", "echo kept\necho " + "w" * 300 + f"\n{UP}\n",
     ["$ echo kept", "kept", "$ echo " + "w" * (LIMIT - 5), TOO_LONG, "$ echo kept", "kept"]),
    ("crlf_line_ends", "echo cr\r\necho lf\r\n", ["$ echo cr", "cr", "$ echo lf", "lf"]),
]


def render(data):
    """The rows a terminal shows for DATA (bytes), trailing blanks cut."""
    rows, row, col = [], [], 0
    for b in data:
        c = chr(b)
        if c == "\n":
            rows.append("".join(row).rstrip())
            row, col = [], 0
        elif c == "\r":
            col = 0
        elif c == "\b":
            col = max(col - 1, 0)
        elif c == "\a":
            pass
        elif " " <= c <= "~":
            row += [" "] * (col + 1 - len(row))
            row[col] = c
            col += 1
    if row:
        rows.append("".join(row).rstrip())
    return rows


def marker(name):
    return f"echo == {name}\n"


def judge_all(out):
    """Yield (name, reason or None) for every test, from the console OUT."""
    rows = render(out)
    for i, (name, _, want) in enumerate(TESTS):
        start = f"== {name}"
        if start not in rows:
            yield name, "its marker line never ran"
            continue
        first = rows.index(start) + 1
        stop = f"$ echo == {TESTS[i + 1][0]}" if i + 1 < len(TESTS) else "$ poweroff"
        last = rows.index(stop, first) if stop in rows[first:] else len(rows)
        got = rows[first:last]
        if got != want:
            yield name, f"console rows {got!r}, want {want!r}"
        else:
            yield name, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True, help="the QEMU command line of a piped `make run`")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--log", default="build/test/console-serial.log")
    args = ap.parse_args()

    data = "".join(marker(name) + keys for name, keys, _ in TESTS) + "poweroff\n"
    status, out = boot(shlex.split(args.qemu), data.encode(), args.timeout)
    os.makedirs(os.path.dirname(args.log) or ".", exist_ok=True)
    with open(args.log, "wb") as f:
        f.write(out)

    passed = failed = 0
    if status != 0:
        why = "timed out" if status is None else f"QEMU exited with status {status}"
        print(f"FAIL console.boot: {why}, not a power-off (console: {args.log})")
        failed += 1
    for name, reason in judge_all(out):
        if reason:
            failed += 1
            print(f"FAIL console.{name}: {reason}")
        else:
            passed += 1
            print(f"pass console.{name}")
    print(f"console: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
