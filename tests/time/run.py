#!/usr/bin/env python3
"""Guest time under `make run`: virtual by default, wall-clock with
REALTIME=1 (stdlib only).

Runs `make run` twice with a script piped in (`sleep S`, `echo slept`,
`poweroff`) and measures the wall-clock seconds from the echo of the sleep
command to the "slept" line:

  time.icount_sleep_jumps   default (-icount shift=0,sleep=off): the idle
                            guest's clock jumps to its next timer, so the
                            sleep takes under half of S seconds
  time.realtime_sleep_waits REALTIME=1: the clock follows the host's, so the
                            sleep takes at least S seconds

If the shell or init did not build (listed in --missing, the initrd's
.missing file), "FAIL time.build" names it and nothing boots. Output:
"pass NAME" or "FAIL NAME: REASON" (each with the seconds measured), then "time: N passed, M failed"; exit status 0 only if M is 0
and N is not.

    run.py --make make [--seconds S] [--timeout T]
"""
import argparse
import shlex
import subprocess
import sys
import threading
import time


def measure(make, realtime, seconds, timeout):
    """Seconds between the sleep's echo and "slept"; or the reason there are none."""
    script = f"sleep {seconds}\necho slept\npoweroff\n".encode()
    proc = subprocess.Popen(shlex.split(make) + ["-s", "--no-print-directory", "run",
                                                 f"REALTIME={realtime}"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    proc.stdin.write(script)
    proc.stdin.close()
    start = end = None
    for line in proc.stdout:
        now = time.monotonic()
        if start is None and line.rstrip().endswith(f"$ sleep {seconds}".encode()):
            start = now
        elif start is not None and line.rstrip() == b"slept":
            end = now
    proc.wait()
    timer.cancel()
    if start is None or end is None:
        return None, f"no 'sleep {seconds}' echo and 'slept' line within {timeout:g} s"
    return end - start, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--make", default="make")
    ap.add_argument("--seconds", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--missing", help="the initrd's list of programs that did not build")
    args = ap.parse_args()
    try:
        with open(args.missing) as f:
            lost = [p for p in f.read().split() if p in ("/bin/init", "/bin/sh", "/bin/sleep")]
    except (OSError, TypeError):
        lost = []
    if lost:
        print(f"FAIL time.build: {' '.join(lost)} did not build (errors in build/user/failed/)")
        print("time: 0 passed, 1 failed")
        return 1
    s = args.seconds
    failed = 0
    for name, realtime, ok, want in [
            ("time.icount_sleep_jumps", 0, lambda t: t < s / 2, f"under {s / 2:g} s"),
            ("time.realtime_sleep_waits", 1, lambda t: t >= s, f"at least {s} s")]:
        took, why = measure(args.make, realtime, s, args.timeout)
        if why is None and not ok(took):
            why = f"sleep {s} took {took:.2f} s of wall-clock time, expected {want}"
        if why:
            failed += 1
            print(f"FAIL {name}: {why}")
        else:
            print(f"pass {name} (sleep {s}: {took:.2f} s)")
    print(f"time: {2 - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
