#!/usr/bin/env python3
"""`make bochs` on a terminal: the screen is drawn there, keys typed there
reach the shell, and the terminal is left as it was (stdlib only).

Runs tools/bochs-screen.sh (what `make bochs` runs) on a fresh
pseudo-terminal of 30x100 with TERM=xterm, as a person's terminal would
be, inside a shell that records the terminal's settings (`stty -g`) before
and after:

  bochs-screen.screen_drawn_here     the boot messages appear on this
                                     terminal (curses output, escapes
                                     removed), not on some other one
  bochs-screen.keys_reach_the_shell  `echo typed-in-bochs` and Enter, typed
                                     on the terminal, run in the shell: COM1
                                     shows the command and its output
  bochs-screen.poweroff_ends_bochs   `poweroff` typed: the script ends
  bochs-screen.terminal_restored     the settings after equal those before
  bochs-screen.terminal_restored_after_kill
                                     a second boot, Bochs killed with
                                     SIGKILL once its screen is up (no
                                     curses clean-up at all): the settings
                                     are still restored

Output: "pass NAME" or "FAIL NAME: REASON" per check, then
"bochs-screen: N passed, M failed"; exit status 0 only if M is 0 and N is
not. Terminal output, COM1 and Bochs logs stay in --out.

    screen.py --iso ISO --noptmx SO [--out DIR] [--timeout S]
"""
import argparse
import fcntl
import os
import pty
import re
import select
import shlex
import signal
import struct
import sys
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCREEN_SH = os.path.join(HERE, "..", "..", "tools", "bochs-screen.sh")
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-_=>]")
BOOTED = b"init: /bin/init started"
TYPED = b"echo typed-in-bochs"
TYPED_OUTPUT = TYPED + b"\r\ntyped-in-bochs\r\n"


class Session:
    """One run of bochs-screen.sh on a pseudo-terminal."""

    def __init__(self, args, tag):
        self.out = os.path.join(args.out, tag)
        os.makedirs(self.out, exist_ok=True)
        self.com1 = os.path.join(self.out, "com1.log")
        self.before = os.path.join(self.out, "stty-before")
        self.after = os.path.join(self.out, "stty-after")
        for path in (self.com1, self.before, self.after):
            if os.path.exists(path):
                os.remove(path)
        script = (f"stty -g > {shlex.quote(self.before)}; "
                  f"bash {shlex.quote(SCREEN_SH)} {shlex.quote(args.iso)} "
                  f"{shlex.quote(args.noptmx)} {shlex.quote(self.com1)} "
                  f"{shlex.quote(os.path.join(self.out, 'bochs.log'))}; "
                  f"stty -g > {shlex.quote(self.after)}")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.environ["TERM"] = "xterm"
            os.execvp("bash", ["bash", "-c", script])
        self.screen = b""
        self.status = None

    def pump(self, seconds):
        """Collect terminal output for SECONDS or until the session ends."""
        end = time.monotonic() + seconds
        while self.status is None and time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if data:
                    self.screen += data
                    continue
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status

    def wait_for(self, test, timeout):
        """Pump until TEST() holds; True if it did within TIMEOUT seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if test():
                return True
            if self.status is not None:
                return test()
            self.pump(0.2)
        return test()

    def shown(self, text):
        return text in ESCAPES.sub(b"", self.screen)

    def com1_has(self, text):
        try:
            with open(self.com1, "rb") as f:
                return text in f.read()
        except OSError:
            return False

    def type(self, text):
        for ch in text:
            os.write(self.fd, bytes([ch]))
            self.pump(0.1)

    def stty(self, which):
        try:
            with open(which) as f:
                return f.read().strip()
        except OSError:
            return None

    def restored(self):
        """Why the terminal settings after differ from before, or None."""
        before, after = self.stty(self.before), self.stty(self.after)
        if before is None or after is None:
            return "no stty -g record (the session did not end normally)"
        if before != after:
            return f"settings before {before} but after {after}"
        return None

    def descendants(self):
        """The pids of every process below the session's shell."""
        found, todo = [], [self.pid]
        while todo:
            parent = todo.pop()
            for name in os.listdir("/proc"):
                if not name.isdigit():
                    continue
                try:
                    with open(f"/proc/{name}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == parent:
                    found.append(int(name))
                    todo.append(int(name))
        return found

    def bochs_pid(self):
        for pid in self.descendants():
            try:
                with open(f"/proc/{pid}/comm") as f:
                    if f.read().strip() in ("bochs", "bochs-bin"):
                        return pid
            except OSError:
                continue
        return None

    def finish(self, timeout):
        """Wait for the session to end; kill what is left after TIMEOUT."""
        self.wait_for(lambda: self.status is not None, timeout)
        if self.status is None:
            for pid in self.descendants() + [self.pid]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.waitpid(self.pid, 0)
        with open(os.path.join(self.out, "terminal.log"), "wb") as f:
            f.write(self.screen)
        os.close(self.fd)


def interactive(args):
    """Yield (name, reason or None) for the checks of a normal session."""
    s = Session(args, "run")
    try:
        if not s.wait_for(lambda: s.shown(BOOTED), args.timeout):
            yield "bochs-screen.screen_drawn_here", (
                f"{BOOTED.decode()!r} never appeared on the terminal within {args.timeout:g} s")
            return
        yield "bochs-screen.screen_drawn_here", None
        # The prompt follows the init line on COM1 once the shell reads.
        s.wait_for(lambda: s.com1_has(b"started as pid 1\r\n$ "), args.timeout)
        s.type(TYPED + b"\r")
        ok = s.wait_for(lambda: s.com1_has(TYPED_OUTPUT), args.timeout)
        yield "bochs-screen.keys_reach_the_shell", None if ok else (
            f"COM1 ({s.com1}) never showed {TYPED_OUTPUT!r}")
        s.type(b"poweroff\r")
        ended = s.wait_for(lambda: s.status is not None, args.timeout)
        yield "bochs-screen.poweroff_ends_bochs", None if ended else (
            f"still running {args.timeout:g} s after poweroff")
    finally:
        s.finish(10)
    yield "bochs-screen.terminal_restored", s.restored()


def killed(args):
    """Yield the check of a session whose Bochs is killed outright."""
    s = Session(args, "kill")
    try:
        if not s.wait_for(lambda: s.shown(b"booting (i386)"), args.timeout):
            yield "bochs-screen.terminal_restored_after_kill", "Bochs never drew the screen"
            return
        pid = s.bochs_pid()
        if pid is None:
            yield "bochs-screen.terminal_restored_after_kill", "no bochs process found"
            return
        os.kill(pid, signal.SIGKILL)
        s.wait_for(lambda: s.status is not None, 30)
    finally:
        s.finish(10)
    yield "bochs-screen.terminal_restored_after_kill", s.restored()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso", required=True)
    ap.add_argument("--noptmx", required=True, help="tools/bochs-noptmx.c built as a .so")
    ap.add_argument("--out", default="build/bochs-screen")
    ap.add_argument("--timeout", type=float, default=240, help="seconds per step (240)")
    args = ap.parse_args()
    passed = failed = 0
    for checks in (interactive, killed):
        for name, why in checks(args):
            if why:
                failed += 1
                print(f"FAIL {name}: {why}")
            else:
                passed += 1
                print(f"pass {name}")
            sys.stdout.flush()
    if failed:
        print(f"bochs-screen: terminal output, COM1 and Bochs logs are in {args.out}/")
    print(f"bochs-screen: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
