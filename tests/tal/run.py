#!/usr/bin/env python3
"""TAL corpus runner: assemble each tests/tal/*.tas, run talcheck, and
compare the verdict with the file's `; expect:` line (or, for asm-error,
check that talas refuses the file); then check the malformed objects made
by corrupt.py. Prints `pass tal.NAME` or
`FAIL tal.NAME: reason` per test and `tal: N passed, M failed` last.

Header lines of a .tas file:
  ; expect: accept
  ; expect: reject E_CODE [message fragment]
  ; expect: asm-error FRAGMENT   talas stops with "FILE:LINE: ..." containing
                                 FRAGMENT and writes no object
  ; dump: TEXT     `talcheck --dump` prints a line containing TEXT
  ; log: TEXT      `talcheck -v` prints a line containing TEXT (several
                   log lines must appear in their order)
"""
import glob
import os
import re
import subprocess
import sys

import corrupt

EXPECT = re.compile(r"^;\s*expect:\s*(accept|reject\s+(E_\w+)(.*)|asm-error\s+(.*))$")
DUMP = re.compile(r"^;\s*dump:\s*(.*\S)\s*$")
LOG = re.compile(r"^;\s*log:\s*(.*\S)\s*$")


def expectation(path):
    with open(path) as f:
        for line in f:
            m = EXPECT.match(line.strip())
            if m:
                return (m.group(1).split()[0], m.group(2),
                        (m.group(3) or m.group(4) or "").strip())
    return None, None, None


def extra_lines(path, pattern):
    """The TEXT of every header line of PATH that PATTERN matches."""
    with open(path) as f:
        return [m.group(1) for m in map(pattern.match, f) if m]


def check_output(cmd, wanted):
    """Return None when the output of CMD has a line containing each of
    WANTED, in order, else why."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return f"{' '.join(cmd)} timed out"
    if r.returncode not in (0, 1):
        return f"{' '.join(cmd)} crashed (status {r.returncode})"
    lines = (r.stdout + r.stderr).splitlines()
    at = 0
    for text in wanted:
        while at < len(lines) and text not in lines[at]:
            at += 1
        if at == len(lines):
            return f"{' '.join(cmd[:-1])} output lacks '{text}'"
        at += 1
    return None


def check_asm_error(talas, path, obj, fragment):
    """Return None when talas refuses PATH with a located message holding
    FRAGMENT, quickly and without writing OBJ, else why."""
    if os.path.exists(obj):
        os.remove(obj)
    try:
        a = subprocess.run([talas, path, "-o", obj], capture_output=True,
                           text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "talas timed out"
    err = a.stderr.strip()
    if a.returncode != 1:
        return f"talas status {a.returncode}, expected 1: {err}"
    if os.path.exists(obj):
        return "talas wrote an object"
    if not re.match(re.escape(path) + r":\d+: ", err):
        return f"message not located as FILE:LINE: {err}"
    if fragment not in err:
        return f"message lacks '{fragment}': {err}"
    return None


def check(talcheck, obj, verdict, code, fragment):
    """Return None when talcheck's verdict on OBJ is as expected, else why."""
    try:
        r = subprocess.run([talcheck, obj], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "talcheck timed out"
    out = (r.stdout + r.stderr).strip()
    if r.returncode not in (0, 1):
        return f"talcheck crashed (status {r.returncode}): {out}"
    if verdict == "accept":
        return None if r.returncode == 0 else f"rejected: {out}"
    if r.returncode == 0:
        return f"accepted, expected {code}"
    m = re.search(r": (E_[A-Z_]+)", out)
    if not m or m.group(1) != code:
        return f"expected {code}, got: {out}"
    if out.endswith((";", ":")):
        return f"message ends without its details: {out}"
    if fragment and fragment not in out:
        return f"message lacks '{fragment}': {out}"
    return None


def main(talas, talcheck, outdir):
    os.makedirs(outdir, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    passed = failed = 0
    for path in sorted(glob.glob(os.path.join(here, "*.tas"))):
        name = os.path.basename(path)[:-4]
        verdict, code, fragment = expectation(path)
        obj = os.path.join(outdir, name + ".to")
        if verdict is None:
            why = "no '; expect:' line"
        elif verdict == "asm-error":
            why = check_asm_error(talas, path, obj, fragment)
        else:
            a = subprocess.run([talas, path, "-o", obj], capture_output=True, text=True)
            why = (f"talas failed: {a.stderr.strip()}" if a.returncode
                   else check(talcheck, obj, verdict, code, fragment))
            dumps = extra_lines(path, DUMP)
            if not why and dumps:
                why = check_output([talcheck, "--dump", obj], dumps)
            logs = extra_lines(path, LOG)
            if not why and logs:
                why = check_output([talcheck, "-v", obj], logs)
        if why:
            failed += 1
            print(f"FAIL tal.{name}: {why}")
        else:
            passed += 1
            print(f"pass tal.{name}")
    base = os.path.join(outdir, "accept_sum_array.to")
    for name, data, code in corrupt.cases(base):
        obj = os.path.join(outdir, f"bad_{name}.to")
        with open(obj, "wb") as f:
            f.write(data)
        why = check(talcheck, obj, "reject", code, "")
        if why:
            failed += 1
            print(f"FAIL tal.obj_{name}: {why}")
        else:
            passed += 1
            print(f"pass tal.obj_{name}")
    print(f"tal: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
