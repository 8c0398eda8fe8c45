#!/usr/bin/env python3
"""Piped input on the serial console: no byte may be lost (stdlib only).

Boots TalOS with the QEMU command `make run` uses when its input is a pipe
(given as --qemu), feeds the whole input at once as `printf ... | make run`
does, and judges what comes back on the console:

  poweroff_NN  the input is "poweroff\\n"; QEMU must exit with status 0 within
               --poweroff-timeout seconds, and the shell must have echoed
               the command intact.
  script_NN    the input is a script of --lines lines (echo commands of
               varied content, comments, empty lines) ending with poweroff.
               From the first prompt on, the console must be exactly the
               prompt, the echo of each input line and each command's
               output, byte for byte, and QEMU must exit with status 0
               within --script-timeout seconds.

Every boot is one test. Output: "pass NAME" or "FAIL NAME: REASON" per
test, then "serial: N passed, M failed"; exit status 0 only if M is 0 and N
is not. The console output of a failed boot is kept in --log-dir.

    run.py --qemu 'qemu-system-i386 ... -serial stdio' [--boots 20] [--scripts 10]
"""
import argparse
import os
import random
import shlex
import string
import subprocess
import sys
import time

PROMPT = b"$ "
POWEROFF = b"poweroff\n"
POWEROFF_ECHO = b"$ poweroff\r\npowering off\r\n"
# Characters an echo argument may hold: printable ASCII the shell passes on
# unchanged (not its separators, operators, quotes, escape, comment sign,
# `$?` or glob star).
WORD_CHARS = "".join(c for c in string.ascii_letters + string.digits + string.punctuation
                     if c not in " \"'\\#|<>&;$*")


def boot(qemu, data, timeout):
    """Boot with DATA as the whole console input. Returns (status or None on timeout, output)."""
    proc = subprocess.Popen(qemu, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(data, timeout=timeout)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        return None, out


def make_script(seed, lines):
    """A script of LINES input lines ending with poweroff, and the console it must produce."""
    rnd = random.Random(seed)
    text, console = [], []
    for _ in range(lines - 1):
        kind = rnd.random()
        if kind < 0.05:
            line, output = "", b""
        elif kind < 0.15:
            line, output = "# " + "".join(rnd.choices(WORD_CHARS + " ", k=rnd.randint(0, 60))), b""
        else:
            words = ["".join(rnd.choices(WORD_CHARS, k=rnd.randint(1, 12)))
                     for _ in range(rnd.randint(0, 8))]
            line = " ".join(["echo"] + words)
            output = (" ".join(words) + "\r\n").encode()
        text.append(line.encode() + b"\n")
        console.append(PROMPT + line.encode() + b"\r\n" + output)
    text.append(POWEROFF)
    console.append(POWEROFF_ECHO)
    return b"".join(text), b"".join(console)


def first_difference(got, want):
    """Describe where GOT first departs from WANT (line number in WANT, both texts)."""
    i = 0
    while i < min(len(got), len(want)) and got[i] == want[i]:
        i += 1
    line = want[:i].count(b"\n") + 1
    return (f"console differs at byte {i} (console line {line}): "
            f"expected {want[i:i + 40]!r}, got {got[i:i + 40]!r}")


def judge(status, out, timeout, want):
    """Why a boot failed, or None. WANT: the console expected from the first prompt on."""
    if status is None:
        text = out.replace(b"\r", b"").decode(errors="replace").strip().splitlines()
        last = text[-1] if text else ""
        return f"no power-off within {timeout} s (last line: {last!r})"
    if status != 0:
        return f"QEMU exited with status {status}, not 0 (a power-off)"
    start = out.find(PROMPT)
    if start < 0:
        return "no shell prompt on the console"
    got = out[start:]
    if got != want:
        return first_difference(got, want)
    return None


def save_log(log_dir, name, out):
    """Keep OUT as LOG_DIR/NAME.log; returns the path."""
    os.makedirs(log_dir, exist_ok=True)
    path = os.path.join(log_dir, name + ".log")
    with open(path, "wb") as f:
        f.write(out)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True, help="the QEMU command line of a piped `make run`")
    ap.add_argument("--boots", type=int, default=20, help="boots fed poweroff alone")
    ap.add_argument("--scripts", type=int, default=10, help="boots fed a script")
    ap.add_argument("--lines", type=int, default=500, help="lines of each script")
    ap.add_argument("--poweroff-timeout", type=int, default=15)
    ap.add_argument("--script-timeout", type=int, default=90)
    ap.add_argument("--log-dir", default="build/test/serial")
    args = ap.parse_args()
    qemu = shlex.split(args.qemu)

    tests = [(f"poweroff_{i:02d}", POWEROFF, POWEROFF_ECHO, args.poweroff_timeout)
             for i in range(1, args.boots + 1)]
    for i in range(1, args.scripts + 1):
        data, want = make_script(i, args.lines)
        tests.append((f"script_{i:02d}", data, want, args.script_timeout))

    passed = failed = 0
    started = time.monotonic()
    for name, data, want, timeout in tests:
        status, out = boot(qemu, data, timeout)
        reason = judge(status, out, timeout, want)
        if reason:
            failed += 1
            print(f"FAIL {name}: {reason} (console: {save_log(args.log_dir, name, out)})")
        else:
            passed += 1
            print(f"pass {name}")
        sys.stdout.flush()
    print(f"({len(tests)} boots, {time.monotonic() - started:.0f} s)")
    print(f"serial: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
