#!/usr/bin/env python3
"""Job control on the console: Ctrl-C, Ctrl-Z, fg, bg and SIGTTIN (stdlib only).

Boots TalOS with the command `make run` uses (given as --qemu, serial on
stdio), so /bin/init starts the shell on the console, and types at it as a
person would: each step sends bytes (a raw 0x03 byte is Ctrl-C, 0x1a
Ctrl-Z, 0x04 Ctrl-D) only once the console has shown what the step before
waits for, so a signal character reaches the job it is meant for. Each
test is a list of steps (send, then expect a text on the console within
--step-timeout seconds); a test fails at its first step whose text does
not come. The tests share one boot, in order, and end with poweroff.

Output: "pass NAME" or "FAIL NAME: REASON" per test, then
"jobs: N passed, M failed"; exit status 0 only if M is 0 and N is not.
The console of the boot is kept in --log.

    run.py --qemu 'qemu-system-i386 ... -serial stdio' [--log FILE]
"""
import argparse
import os
import select
import shlex
import subprocess
import sys
import time

PROMPT = "$ "
CTRL_C, CTRL_Z, CTRL_D = "\x03", "\x1a", "\x04"

# (name, [(bytes to send, text to wait for), ...]). Texts are looked for in
# the console output after everything earlier steps matched.
TESTS = [
    ("jobs.ctrl_c_at_the_prompt_spares_the_shell",
     [(CTRL_C, "^C"), ("echo alive\n", "alive\r\n$ ")]),
    ("jobs.ctrl_c_interrupts_foreground_job",
     [("hardloop\n", "hardloop: pid "), (CTRL_C, "sh: hardloop killed by signal 2\r\n$ ")]),
    ("jobs.ctrl_z_stops_foreground_job",
     [("hardloop\n", "hardloop: pid "), (CTRL_Z, "stopped (signal 20)  hardloop\r\n$ "),
      ("jobs\n", "stopped  hardloop\r\n$ ")]),
    ("jobs.bg_then_fg_then_ctrl_c",
     [("bg\n", " hardloop &\r\n$ "), ("jobs\n", "running  hardloop\r\n$ "),
      ("fg\n", "hardloop\r\n"), (CTRL_C, "sh: hardloop killed by signal 2\r\n$ ")]),
    ("jobs.background_reader_stopped_not_stealing_input",
     [("cat &\n", "]\r\n$ "), ("echo mine\n", "mine\r\n"),
      ("jobs\n", "stopped  cat\r\n$ ")]),
    ("jobs.fg_gives_the_reader_the_console",
     [("fg\n", "cat\r\n"), ("hello\n", "hello\r\nhello\r\n"), (CTRL_D, "$ ")]),
    ("jobs.poweroff", [("poweroff\n", "powering off")]),
]


class Console:
    """The serial console of one QEMU: send bytes, wait for text."""

    def __init__(self, qemu, log):
        self.proc = subprocess.Popen(qemu, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.out = ""
        self.seen = 0          # everything before this offset was matched already
        self.log = log

    def send(self, text):
        self.proc.stdin.write(text.encode("latin-1"))
        self.proc.stdin.flush()

    def expect(self, text, timeout):
        """Wait until TEXT appears after the last match; True if it did."""
        deadline = time.monotonic() + timeout
        while True:
            at = self.out.find(text, self.seen)
            if at >= 0:
                self.seen = at + len(text)
                return True
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and not self._read(0):
                return False
            self._read(min(left, 0.5))

    def _read(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return False
        data = os.read(self.proc.stdout.fileno(), 4096)
        self.out += data.decode("latin-1")
        return bool(data)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        with open(self.log, "w", encoding="latin-1") as f:
            f.write(self.out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True, help="the QEMU command, serial on stdio")
    ap.add_argument("--log", default="build/test/jobs-console.log")
    ap.add_argument("--boot-timeout", type=float, default=60)
    ap.add_argument("--step-timeout", type=float, default=30)
    args = ap.parse_args()
    os.makedirs(os.path.dirname(args.log) or ".", exist_ok=True)

    con = Console(shlex.split(args.qemu), args.log)
    passed = failed = 0
    try:
        booted = con.expect(PROMPT, args.boot_timeout)
        for name, steps in TESTS:
            why = None if booted else "no shell prompt after boot"
            for send, want in steps:
                if why:
                    break
                con.send(send)
                if not con.expect(want, args.step_timeout):
                    why = "after sending %r, no %r on the console" % (send, want)
            if why:
                failed += 1
                print("FAIL %s: %s" % (name, why))
            else:
                passed += 1
                print("pass %s" % name)
    finally:
        con.close()
    print("jobs: %d passed, %d failed" % (passed, failed))
    if failed:
        print("the console is in %s" % args.log)
    return 0 if passed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
