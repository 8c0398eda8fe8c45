#!/usr/bin/env python3
"""Run TalOS's in-kernel benchmarks and print their figures.

Boots the kernel with "bench" on its command line under QEMU TCG with
-icount shift=0,sleep=off (one guest instruction = one time stamp counter
cycle, so the figures are exact guest-instruction counts) and the benchmark
initrd (generated TAL objects of 1K..1M instructions), collects the
"BENCH name: median M (min A, max B) cycles per OP" lines the kernel prints
(kernel/kbench.h), and prints them with the ratios that compare an
extension invocation with the native C call measured in the same run.
Figures only: exit status 0 when the run completed, whatever the values.

    kbench.py --kernel build/kernel.elf --initrd build/bench/initrd.img [--timeout S]
"""
import argparse
import os
import re
import subprocess
import sys

LINE = re.compile(r"^BENCH (.+): median (\d+) \(min (\d+), max (\d+)\) cycles per (.+)$")
NOTE = ("icount counts a ring crossing, an interrupt or a TLB flush as one instruction; "
        "these figures are guest instructions, not time on real hardware.")


def boot(kernel, initrd, timeout):
    log = os.path.join(os.path.dirname(initrd), "kbench-serial.log")
    cmd = ["qemu-system-i386", "-accel", "tcg", "-m", "256", "-display", "none",
           "-nodefaults", "-vga", "std", "-serial", "file:" + log, "-monitor", "none",
           "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
           "-kernel", kernel, "-initrd", initrd, "-append", "bench"]
    try:
        status = subprocess.run(cmd, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s (log: {log})"
    with open(log, errors="replace") as f:
        text = f.read().replace("\r", "")
    if status != 33 or "BENCH done" not in text:
        return None, f"QEMU exited with status {status} before the benchmarks finished (log: {log})"
    return text, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--timeout", type=int, default=300)
    args = ap.parse_args()
    text, problem = boot(args.kernel, args.initrd, args.timeout)
    if problem:
        print(f"kbench: {problem}")
        return 1
    figures = {}
    print("In-kernel benchmarks (QEMU TCG, -icount shift=0: cycles = guest instructions)")
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            figures[m[1]] = int(m[2])
            print(f"  {m[1]:<78} {int(m[2]):>10,} per {m[5]}  (min {int(m[3]):,}, max {int(m[4]):,})")
        elif line.startswith("BENCH"):
            print("  " + line[len("BENCH "):])
    pairs = [("empty function", "native C call, empty function"),
             ("PID step", "native C call, PID step")]
    for what, native in pairs:
        for name, value in figures.items():
            if name.startswith("extension, " + what) and native in figures:
                base = figures[native]
                print(f"  {name}: {value - base:+,} instructions over native "
                      f"({value / max(base, 1):.1f}x)")
    print("  note: " + NOTE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
