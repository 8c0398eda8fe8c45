#!/usr/bin/env python3
"""The README's example program compiles and runs as written (stdlib only).

Takes the first ```c block under the README's heading "## Writing a user
program", writes it to OUT/hello.c, and builds it exactly as mk/user.mk
builds a user/NAME.c (the compile and link commands come from make), then
boots it alone as init in QEMU:

  readme.example_compiles  the compile (-Wall -Wextra -Werror) and the
                           link succeed; on failure, the compiler's words
  readme.example_runs      COM1 shows "hello from pid 1, N ms after boot",
                           then init's exit and the power-off, QEMU exit 0

Output: "pass NAME" or "FAIL NAME: REASON", then "readme: N passed, M
failed"; exit status 0 only if M is 0 and N is not.

    run.py --readme README.md --out DIR --cc 'CC FLAGS' --ld 'LD FLAGS'
           --crt0 CRT0 --libs 'LIBS' --kernel ELF [--timeout S]
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

HEADING = "## Writing a user program"
OUTPUT = re.compile(rb"^hello from pid 1, \d+ ms after boot\r?$", re.M)
INIT_EXIT = b"init exited with status 0: powering off"
HERE = os.path.dirname(os.path.abspath(__file__))
MKINITRD = os.path.join(HERE, "..", "..", "tools", "mkinitrd.py")


def example(readme):
    """The text of the first C code block of the section, or None."""
    with open(readme) as f:
        text = f.read()
    at = text.find(HEADING + "\n")
    if at < 0:
        return None
    section = text[at:]
    end = section.find("\n## ", 1)
    m = re.search(r"^```c\n(.*?)^```$", section[:end if end > 0 else None], re.S | re.M)
    return m.group(1) if m else None


def run(cmd):
    """Run CMD; (ok, its output)."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode == 0, p.stdout.decode(errors="replace")


def build(args, src):
    """Compile and link SRC to OUT/hello; the reason it failed, or None."""
    obj = os.path.join(args.out, "hello.o")
    prog = os.path.join(args.out, "hello")
    ok, out = run(shlex.split(args.cc) + ["-c", src, "-o", obj])
    if not ok:
        return "the compile failed: " + " | ".join(out.strip().splitlines()[:6])
    ok, out = run(shlex.split(args.ld) + ["-o", prog, args.crt0, obj] + shlex.split(args.libs))
    if not ok:
        return "the link failed: " + " | ".join(out.strip().splitlines()[:6])
    return None


def boot(args):
    """Boot OUT/hello as init; the reason the run is wrong, or None."""
    initrd = os.path.join(args.out, "initrd.img")
    ok, out = run(["python3", MKINITRD, "-o", initrd,
                   os.path.join(args.out, "hello") + ":/bin/hello"])
    if not ok:
        return "mkinitrd failed: " + out.strip()
    log = os.path.join(args.out, "serial.log")
    cmd = ["qemu-system-i386", "-accel", "tcg", "-m", "128", "-display", "none",
           "-nodefaults", "-vga", "std", "-no-reboot", "-monitor", "none",
           "-serial", f"file:{log}", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
           "-kernel", args.kernel, "-initrd", initrd, "-append", "init=/bin/hello"]
    try:
        status = subprocess.run(cmd, stdin=subprocess.DEVNULL, timeout=args.timeout).returncode
    except subprocess.TimeoutExpired:
        return f"no power-off within {args.timeout:g} s (COM1: {log})"
    with open(log, "rb") as f:
        console = f.read()
    if not OUTPUT.search(console):
        return f"no line 'hello from pid 1, N ms after boot' on COM1 ({log})"
    if INIT_EXIT not in console:
        return f"no '{INIT_EXIT.decode()}' line on COM1 ({log})"
    if status != 0:
        return f"QEMU exited with status {status}, not 0 (a power-off)"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readme", required=True)
    ap.add_argument("--out", required=True, help="directory for hello.c and what is built")
    ap.add_argument("--cc", required=True, help="compiler and USER_CFLAGS")
    ap.add_argument("--ld", required=True, help="linker and USER_LDFLAGS")
    ap.add_argument("--crt0", required=True)
    ap.add_argument("--libs", required=True, help="USER_LIBS")
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    results = []
    code = example(args.readme)
    if code is None:
        results.append(("readme.example_compiles",
                        f"no ```c block under '{HEADING}' in {args.readme}"))
    else:
        src = os.path.join(args.out, "hello.c")
        with open(src, "w") as f:
            f.write(code)
        why = build(args, src)
        results.append(("readme.example_compiles", why))
        if why is None:
            results.append(("readme.example_runs", boot(args)))
    failed = 0
    for name, why in results:
        if why:
            failed += 1
            print(f"FAIL {name}: {why}")
        else:
            print(f"pass {name}")
    passed = len(results) - failed
    print(f"readme: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
