#!/usr/bin/env python3
"""Typing on the emulated PS/2 keyboard drives the shell (stdlib only).

Boots TalOS with the QEMU command `make run` uses (given as --qemu, without
its -serial and -monitor options), with COM1 in a log file and the QEMU
monitor on a pipe. Keys are pressed one at a time with the monitor's
`sendkey`, as a person types into the QEMU window; COM1 must then show
what the shell printed:

  kbd.echo_with_shift     `echo Hello, World!` (Shift for capitals and !)
                          echoes as typed and prints Hello, World!
  kbd.ctrl_u_and_caps     `junk`, Ctrl-U erases it, then `echo ` and `caps`
                          with Caps Lock on: prints CAPS, and no command
                          junk ever ran
  kbd.backspace           `echo abx`, Backspace, `c`: prints abc
  kbd.poweroff            `poweroff` typed: QEMU exits with status 0

Each check is one test; if the shell or init did not build (listed in
--missing, the initrd's .missing file), "FAIL kbd.build" names it and
nothing boots. Output: "pass NAME" or "FAIL NAME: REASON", then
"kbd: N passed, M failed"; exit status 0 only if M is 0 and N is not. The
console log is --log.

    run.py --qemu 'qemu-system-i386 ... -display none' [--log FILE] [--timeout S]
"""
import argparse
import os
import shlex
import subprocess
import sys
import time

PROMPT = b"$ "

# QEMU key names (qcodes) of the characters typed, unshifted and shifted.
KEYS = {" ": "spc", ",": "comma", ".": "dot", "-": "minus", "/": "slash", "!": "shift-1"}


def key_name(ch):
    """The sendkey argument for the character CH."""
    if ch.isalpha():
        return f"shift-{ch.lower()}" if ch.isupper() else ch
    if ch.isdigit():
        return ch
    return KEYS[ch]


class Machine:
    """One QEMU boot: the monitor on a pipe, COM1 in a file."""

    def __init__(self, qemu, log):
        self.log = log
        open(log, "w").close()
        self.proc = subprocess.Popen(qemu + ["-serial", f"file:{log}", "-monitor", "stdio"],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT)

    def console(self):
        with open(self.log, "rb") as f:
            return f.read()

    def wait_for(self, what, start, timeout):
        """Wait until WHAT appears in the console after byte START; its end offset, or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            at = self.console().find(what, start)
            if at >= 0:
                return at + len(what)
            if self.proc.poll() is not None:
                return None
            time.sleep(0.05)
        return None

    def key(self, name):
        """Press and release one key (QEMU holds it for 10 ms of guest time)."""
        self.proc.stdin.write(f"sendkey {name} 10\n".encode())
        self.proc.stdin.flush()
        time.sleep(0.02)

    def type(self, text, timeout, echo=None):
        """Type TEXT key by key, waiting for each key's echo (ECHO if the
        screen shows other characters than the keys' own); False if one
        never came."""
        at = len(self.console())
        for ch, shown in zip(text, echo or text):
            self.key(key_name(ch))
            at = self.wait_for(shown.encode(), at, timeout)
            if at is None:
                return False
        return True

    def stop(self, timeout):
        """Wait for QEMU to exit by itself; its status, or None (killed) after TIMEOUT."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def run_checks(m, timeout):
    """Yield (name, reason or None) for each check, in order, on the booted machine M."""
    start = m.wait_for(PROMPT, 0, timeout)
    if start is None:
        yield "kbd.boot", f"no shell prompt on COM1 within {timeout} s"
        return

    def line_typed(keys, want):
        """Type KEYS, then Enter; WANT must follow on COM1. A key is text
        (typed, each key's echo awaited), (text, echo) for text that echoes
        otherwise, or (key name,) pressed without an echo."""
        nonlocal start
        for k in keys:
            if isinstance(k, tuple) and len(k) == 1:
                m.key(k[0])
                continue
            text, echo = k if isinstance(k, tuple) else (k, k)
            if not m.type(text, timeout, echo):
                return f"no echo of the typed {text!r} on COM1"
        m.key("ret")
        end = m.wait_for(want, start, timeout)
        if end is None:
            got = m.console()[start:][-120:]
            return f"expected {want!r} on COM1, the end of it is {got!r}"
        start = m.wait_for(PROMPT, end, timeout) or end
        return None

    yield "kbd.echo_with_shift", line_typed(
        ["echo Hello, World!"], b"echo Hello, World!\r\nHello, World!\r\n")
    before = start
    why = line_typed(["junk", ("ctrl-u",), "echo ", ("caps_lock",), ("caps", "CAPS"),
                      ("caps_lock",)], b"\r\nCAPS\r\n")
    if why is None and b"junk:" in m.console()[before:]:
        why = "the erased word junk ran as a command"
    yield "kbd.ctrl_u_and_caps", why
    yield "kbd.backspace", line_typed(["echo abx", ("backspace",), "c"], b"\r\nabc\r\n")
    if not m.type("poweroff", timeout):
        yield "kbd.poweroff", "no echo of the typed poweroff"
        return
    m.key("ret")
    status = m.stop(timeout)
    if status is None:
        yield "kbd.poweroff", f"QEMU still running {timeout} s after poweroff"
    elif status != 0:
        yield "kbd.poweroff", f"QEMU exited with status {status}, not 0 (a power-off)"
    else:
        yield "kbd.poweroff", None


def missing_needed(path):
    """The programs this suite needs (init, the shell) listed in PATH."""
    try:
        with open(path) as f:
            return [p for p in f.read().split() if p in ("/bin/init", "/bin/sh")]
    except (OSError, TypeError):
        return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True, help="`make run`'s QEMU command, no -serial/-monitor")
    ap.add_argument("--log", default="build/test/kbd-serial.log", help="COM1 log")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per step (60)")
    ap.add_argument("--missing", help="the initrd's list of programs that did not build")
    args = ap.parse_args()
    lost = missing_needed(args.missing)
    if lost:
        print(f"FAIL kbd.build: {' '.join(lost)} did not build (errors in build/user/failed/)")
        print("kbd: 0 passed, 1 failed")
        return 1
    os.makedirs(os.path.dirname(args.log) or ".", exist_ok=True)
    m = Machine(shlex.split(args.qemu), args.log)
    passed = failed = 0
    try:
        for name, why in run_checks(m, args.timeout):
            if why:
                failed += 1
                print(f"FAIL {name}: {why}")
            else:
                passed += 1
                print(f"pass {name}")
            sys.stdout.flush()
    finally:
        if m.proc.poll() is None:
            m.proc.kill()
            m.proc.wait()
    if failed:
        print(f"kbd: the console log is {args.log}")
    print(f"kbd: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
