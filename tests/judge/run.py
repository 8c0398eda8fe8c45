#!/usr/bin/env python3
"""Host tests of tools/ktest.py: judge hand-written serial logs.

Each tests/judge/CASE.log opens with a header of "# KEY: VALUE" lines that
says what the judge must conclude; the rest of the file is the serial log,
byte for byte (escape sequences and carriage returns included):

    # about: what the case is about (any number of lines)
    # judge: arguments given to "ktest.py judge LOG"
    # status: the judge's expected exit status
    # expect: a line the judge must print (one or more)

The header is cut off before judging, so the judge sees only the log.
Prints "pass judge.CASE" or "FAIL judge.CASE: why" (followed by the judge's
output, indented), then "judge: N passed, M failed".
"""
import glob
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KTEST = os.path.join(HERE, "..", "..", "tools", "ktest.py")
KEYS = ("about", "judge", "status", "expect")


def read_case(path):
    """Split PATH into its header fields and the serial log bytes.

    Returns (fields, log) where fields maps each key to a list of values;
    raises ValueError naming the first malformed header line.
    """
    with open(path, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    fields = {key: [] for key in KEYS}
    n = 0
    while n < len(lines) and lines[n].startswith(b"#"):
        key, sep, value = lines[n].decode().lstrip("# ").partition(": ")
        if not sep or key not in KEYS:
            raise ValueError(f"bad header line {n + 1}: {lines[n].decode().rstrip()}")
        fields[key].append(value.rstrip("\r\n"))
        n += 1
    if len(fields["judge"]) != 1 or len(fields["status"]) != 1 or not fields["expect"]:
        raise ValueError("header needs one judge:, one status: and some expect: lines")
    return fields, b"".join(lines[n:])


def check(path):
    """Judge one case; return (None, output) if it passed, else (why, output)."""
    fields, log = read_case(path)
    with tempfile.NamedTemporaryFile(suffix=".log") as tmp:
        tmp.write(log)
        tmp.flush()
        args = [sys.executable, KTEST, "judge", tmp.name] + shlex.split(fields["judge"][0])
        done = subprocess.run(args, capture_output=True, text=True)
    output = done.stdout + done.stderr
    printed = output.splitlines()
    want = int(fields["status"][0])
    if done.returncode != want:
        return f"judge exited with {done.returncode}, expected {want}", output
    for line in fields["expect"]:
        if line not in printed:
            return f"judge did not print: {line}", output
    return None, output


def main():
    passed = failed = 0
    for path in sorted(glob.glob(os.path.join(HERE, "*.log"))):
        name = "judge." + os.path.basename(path)[:-len(".log")]
        try:
            why, output = check(path)
        except (OSError, ValueError) as e:
            why, output = str(e), ""
        if why is None:
            print(f"pass {name}")
            passed += 1
        else:
            print(f"FAIL {name}: {why}")
            print("".join(f"    {line}\n" for line in output.splitlines()), end="")
            failed += 1
    print(f"judge: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
