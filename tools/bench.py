#!/usr/bin/env python3
"""Boot the TalOS benchmarks under QEMU and print their figures (stdlib only).

Two boots, both under TCG with -icount shift=0,sleep=off, where one guest
instruction is one nanosecond of virtual time and one TSC tick, so every
figure is a deterministic count of guest instructions:

1. init=/bin/bench: user/bench.c measures and prints, per figure,
       BENCHDEF NAME: definition
       BENCH NAME: median N (min A, max B) instructions per OP
   and powers off with POWEROFF_SUITE_DONE (QEMU status 33).
2. the normal init (the shell), with the console on a pipe and "bootstat"
   on the command line: the kernel prints "boot: kmain entered at tsc N"
   and, with bootstat, "console: first read at tsc M" when a process first
   reads the console; then we type "poweroff". Boot to prompt is M - N
   (from kernel entry) and M (from reset, firmware included).

Every BENCH line goes into the table, also one of a figure this file does
not list (under its raw name), and, with --figures, into the figures file
(tools/figures.py) under its name in TSV_NAMES or else its own.

No figure passes or fails on its value. Exit status 0 if both boots
completed and every figure was printed, 1 otherwise (the reason is said).

    bench.py --kernel build/kernel.elf --initrd build/initrd.img [--timeout S]
             [--figures build/bench/figures.tsv]
"""
import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time

import figures as figures_file

QEMU_STATUS_DONE = 33   # POWEROFF_SUITE_DONE: isa-debug-exit wrote 0x10

# Terminal escape sequences and control characters other than tab.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-_]"
                     r"|[\x00-\x08\x0b-\x1f\x7f]")
BENCH = re.compile(r"^BENCH ([a-z0-9_]+): median (\d+) \(min (\d+), max (\d+)\) "
                   r"instructions per (.+)$")
BENCHDEF = re.compile(r"^BENCHDEF ([a-z0-9_]+): (.+)$")
# bench's lines about the run itself, shown above the table.
HEADER = re.compile(r"^(calibration: .*|bench: pid .*|bench: exp_.*)$")
ERROR = re.compile(r"^(bench: error: .*|PANIC .*)$")
KMAIN = re.compile(r"boot: kmain entered at tsc (\d+)")
FIRST_READ = re.compile(r"console: first read at tsc (\d+)")
PROMPT = "$ "

# Figures bench must print, in table order: (name, label, target, xv6 figure).
FIGURES = [
    ("syscall_raw", "null syscall round trip (raw int 0x80)", "300", "1,397"),
    ("syscall_libc", "null syscall round trip (libc getpid)", "-", "-"),
    ("switch_yield", "context switch (yield ping-pong)", "2,500", "-"),
    ("switch_pipe", "context switch (pipe ping-pong)", "-", "13,621"),
    ("pipe_roundtrip", "pipe round trip (1 byte each way)", "-", "27,242"),
    ("spawn_exit_wait", "spawn + exit + wait", "1,000,000", "2,050,000"),
    ("ext_call_user_empty", "extension call from user space, empty export", "300", "-"),
    ("exp_signal", "send a signal (kill SIGCONT)", "-", "-"),
    ("exp_stat_read", "read another process's CPU use (procstat)", "-", "-"),
    ("exp_user_period_3apps", "usermgr pass for three applications", "-", "-"),
]
BOOT_TARGET, BOOT_XV6 = "20,000,000", "73,000,000"

# Names in the figures file of the figures whose bench name differs.
TSV_NAMES = {
    "syscall_raw": "syscall_null",
    "switch_yield": "ctx_switch_yield",
    "switch_pipe": "ctx_switch_pipe",
}

NOTE = ("icount counts a ring crossing, an interrupt or a TLB flush as one "
        "instruction, which flatters designs that cross rings often")


def qemu_command(kernel, initrd, serial, append=None):
    """The QEMU command line of a benchmark boot."""
    cmd = ["qemu-system-i386", "-accel", "tcg", "-m", "128", "-display", "none",
           "-nodefaults", "-vga", "std", "-serial", serial, "-monitor", "none",
           "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
           "-kernel", kernel, "-initrd", initrd]
    if append:
        cmd += ["-append", append]
    return cmd


def clean_lines(text):
    """The lines of TEXT without escapes, control characters or trailing space."""
    return [ESCAPES.sub("", line).rstrip() for line in text.splitlines()]


def run_bench(kernel, initrd, timeout):
    """Boot init=/bin/bench. Returns (figures, definitions, header lines, problems)."""
    with tempfile.TemporaryDirectory(prefix="talos-bench-") as tmp:
        log = os.path.join(tmp, "serial.log")
        cmd = qemu_command(kernel, initrd, "file:" + log, "init=/bin/bench")
        problems = []
        try:
            status = subprocess.run(cmd, stdin=subprocess.DEVNULL, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            status = None
            problems.append(f"benchmark boot timed out after {timeout} s")
        with open(log, errors="replace") as f:
            lines = clean_lines(f.read())
    figures, definitions, header = {}, {}, []
    for line in lines:
        if m := BENCH.match(line):
            figures[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)),
                                   m.group(5))
        elif m := BENCHDEF.match(line):
            definitions[m.group(1)] = m.group(2)
        elif HEADER.match(line):
            header.append(line)
        elif ERROR.match(line):
            problems.append(line)
    if status is not None and status != QEMU_STATUS_DONE:
        problems.append(f"benchmark boot: QEMU exited with status {status}, "
                        f"not {QEMU_STATUS_DONE}")
    for name, *_ in FIGURES:
        if name not in figures:
            problems.append(f"bench printed no figure {name}")
    if not any(line.startswith("calibration: ") for line in header):
        problems.append("bench printed no calibration line")
    if problems:
        print("last lines of the benchmark boot's serial output:")
        for line in lines[-15:]:
            print("  | " + line)
    return figures, definitions, header, problems


def read_all(stream, chunks):
    """Append everything read from STREAM to CHUNKS until end of file (a thread)."""
    while data := stream.read1(4096):
        chunks.append(data)


def run_boot(kernel, initrd, timeout):
    """Boot the normal init; type poweroff at the prompt. Returns (kmain, read, problems)."""
    cmd = qemu_command(kernel, initrd, "stdio", "bootstat")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    chunks = []
    reader = threading.Thread(target=read_all, args=(proc.stdout, chunks), daemon=True)
    reader.start()
    problems, typed = [], False
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        text = b"".join(chunks).decode(errors="replace")
        if not typed and (FIRST_READ.search(text) or text.endswith(PROMPT)):
            proc.stdin.write(b"poweroff\n")
            proc.stdin.flush()
            typed = True
        time.sleep(0.05)
    if proc.poll() is None:
        proc.kill()
        problems.append(f"boot to prompt: no power-off within {timeout} s"
                        + ("" if typed else " (no prompt seen)"))
    proc.wait()
    reader.join(timeout=5)
    text = b"".join(chunks).decode(errors="replace")
    kmain, first = KMAIN.search(text), FIRST_READ.search(text)
    if not typed and not problems:
        problems.append(f"boot to prompt: QEMU exited with status {proc.returncode} "
                        "before a prompt")
    if problems:
        print("last lines of the shell boot's serial output:")
        for line in clean_lines(text)[-15:]:
            print("  | " + line)
    return (int(kmain.group(1)) if kmain else None,
            int(first.group(1)) if first else None, problems)


def cpu_model():
    """The host CPU's model name from /proc/cpuinfo, or "unknown"."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def qemu_version():
    """The first line of QEMU's --version, or "unknown"."""
    try:
        out = subprocess.run(["qemu-system-i386", "--version"], capture_output=True,
                             text=True).stdout
        return out.splitlines()[0] if out else "unknown"
    except OSError:
        return "unknown"


def unlisted(figures):
    """The measured figures that the table's list FIGURES does not name, in order."""
    listed = {name for name, *_ in FIGURES}
    return [name for name in figures if name not in listed]


def figure_rows(figures, kmain, first_read):
    """The figures file's rows: (name, median, target or None), listed figures first."""
    targets = {name: target for name, _, target, _ in FIGURES}
    order = [name for name, *_ in FIGURES if name in figures] + unlisted(figures)
    rows = []
    for name in order:
        target = targets.get(name, "-")
        rows.append((TSV_NAMES.get(name, name), figures[name][0],
                     None if target == "-" else target.replace(",", "")))
    if kmain is not None and first_read is not None:
        rows.append(("boot_to_prompt", first_read - kmain, BOOT_TARGET.replace(",", "")))
        rows.append(("reset_to_prompt", first_read, None))
    return rows


def print_table(figures, definitions, header, kmain, first_read, boot_failed):
    """Print the machine, the figures and their definitions. False if boot was not measured."""
    print()
    print("TalOS benchmarks")
    print(f"machine:     {platform.machine()}, {cpu_model()}")
    print("accelerator: TCG, -icount shift=0,sleep=off: "
          "1 guest instruction = 1 ns of virtual time = 1 TSC tick")
    print(f"emulator:    {qemu_version()}")
    for line in header:
        print(line)
    print("figures: guest instructions (TSC ticks) per operation, over the runs; "
          "xv6: reference figures given with the targets, same definitions")
    print()
    row = "{:<40} {:>11} {:>11} {:>11}  {:<16} {:>11} {:>11}"
    print(row.format("figure", "median", "min", "max", "per", "target <=", "xv6"))
    for name, label, target, xv6 in FIGURES:
        if name in figures:
            med, lo, hi, op = figures[name]
            print(row.format(label, f"{med:,}", f"{lo:,}", f"{hi:,}", op, target, xv6))
        else:
            print(row.format(label, "missing", "", "", "", target, xv6))
    for name in unlisted(figures):
        med, lo, hi, op = figures[name]
        print(row.format(name, f"{med:,}", f"{lo:,}", f"{hi:,}", op, "-", "-"))
    measured = kmain is not None and first_read is not None
    if measured:
        print(row.format("kernel entry to shell prompt", f"{first_read - kmain:,}", "", "",
                         "boot", BOOT_TARGET, BOOT_XV6))
        print(row.format("reset to shell prompt", f"{first_read:,}", "", "",
                         "boot", "-", "-"))
    elif boot_failed:
        print("boot to prompt: not measured (the shell boot failed: see its output above)")
    else:
        missing = " and ".join(line for line, value in
                               (('"boot: kmain entered at tsc N"', kmain),
                                ('"console: first read at tsc M"', first_read))
                               if value is None)
        print(f"boot to prompt: not measured (kernel does not print {missing})")
    print()
    print("definitions:")
    for name, label, *_ in FIGURES:
        print(f"  {label}: {definitions.get(name, '(not printed)')}")
    for name in unlisted(figures):
        print(f"  {name}: {definitions.get(name, '(not printed)')}")
    print("  kernel entry to shell prompt: TSC at the first console read minus TSC at "
          "kmain entry, in one boot of the shell; reset to prompt: TSC at the first read")
    print("  xv6 pipe round trip: twice its 13,621 per switch")
    print()
    print("note: " + NOTE)
    return measured


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per boot")
    ap.add_argument("--figures", help="figures file to write (tools/figures.py)")
    args = ap.parse_args()

    started = time.monotonic()
    figures, definitions, header, problems = run_bench(args.kernel, args.initrd, args.timeout)
    kmain, first_read, boot_problems = run_boot(args.kernel, args.initrd, args.timeout)
    problems += boot_problems
    if not print_table(figures, definitions, header, kmain, first_read, bool(boot_problems)):
        problems.append("boot to prompt not measured")
    if args.figures:
        figures_file.write(args.figures, "user", figure_rows(figures, kmain, first_read))
        print(f"figures written to {args.figures}")
    print(f"(two boots, {time.monotonic() - started:.0f} s of host time)")
    for p in problems:
        print("bench: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
