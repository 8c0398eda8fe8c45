#!/usr/bin/env python3
"""`make gdb-user` attaches GDB to `make qemu-gdb`'s QEMU with the kernel's
and a user program's symbols, without GDB's auto-load warning (stdlib only).

Starts QEMU as `make qemu-gdb` does (given as --qemu, waiting for GDB on a
free port) with init=/bin/echo, then runs `make gdb-user PROG=echo` on that
port with commands on its standard input:

  gdb.no_auto_load_warning   GDB never says "auto-loading has been declined"
  gdb.kernel_breakpoint      "break kmain", "continue": stops in kmain
  gdb.user_breakpoint        "break main", "continue": stops in echo's main,
                             with its source file (user/echo.c)

Output: "pass NAME" or "FAIL NAME: REASON", then "gdb: N passed, M
failed"; exit status 0 only if M is 0 and N is not. GDB's output is --log.

    run.py --qemu 'qemu-system-i386 ...' --make make [--log FILE] [--timeout S]
"""
import argparse
import os
import re
import shlex
import socket
import subprocess
import sys

COMMANDS = "break kmain\ncontinue\nbreak main\ncontinue\nquit\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True, help="QEMU command without -S/-gdb/-append")
    ap.add_argument("--make", default="make")
    ap.add_argument("--log", default="build/test/gdb-output.log")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    os.makedirs(os.path.dirname(args.log) or ".", exist_ok=True)
    port = free_port()
    qemu = subprocess.Popen(shlex.split(args.qemu) + [
        "-append", "init=/bin/echo", "-serial", "null", "-monitor", "none",
        "-S", "-gdb", f"tcp::{port}"], stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        gdb = subprocess.run(shlex.split(args.make) + ["-s", "--no-print-directory", "gdb-user",
                                                       "PROG=echo", f"GDBPORT={port}"],
                             input=COMMANDS.encode(), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=args.timeout)
        out = gdb.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + f"\n(timeout after {args.timeout:g} s)"
    finally:
        qemu.kill()
        qemu.wait()
    with open(args.log, "w") as f:
        f.write(out)
    checks = [
        ("gdb.no_auto_load_warning",
         "GDB warned: auto-loading has been declined" if "auto-loading has been declined" in out
         else None if "+ attached" in out else "GDB never ran .gdbinit (no '+ attached' line)"),
        ("gdb.kernel_breakpoint",
         None if re.search(r"Breakpoint 1, (0x[0-9a-f]+ in )?kmain \(", out)
         else "no stop at 'Breakpoint 1, kmain'"),
        ("gdb.user_breakpoint",
         None if re.search(r"Breakpoint 2, main \(.*\) at user/echo\.c:\d+", out)
         else "no stop at 'Breakpoint 2, main (...) at user/echo.c:N'"),
    ]
    failed = 0
    for name, why in checks:
        if why:
            failed += 1
            print(f"FAIL {name}: {why} (GDB's output: {args.log})")
        else:
            print(f"pass {name}")
    print(f"gdb: {len(checks) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
