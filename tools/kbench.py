#!/usr/bin/env python3
"""Run TalOS's in-kernel benchmarks and print their figures.

Boots the kernel with "bench" on its command line under QEMU TCG with
-icount shift=0,sleep=off (one guest instruction = one time stamp counter
cycle, so the figures are exact guest-instruction counts) and the benchmark
initrd (generated TAL objects of 1K..1M instructions), collects the
"BENCH name: median M (min A, max B) cycles per OP" lines the kernel prints
(kernel/kbench.h), and prints them with the ratios that compare an
extension invocation with the native C call measured in the same run.
With --figures, every figure also goes into the figures file
(tools/figures.py), named by tsv_name().

Figures only: exit status 0 when the run completed, whatever the values.

    kbench.py --kernel build/kernel.elf --initrd build/bench/initrd.img [--timeout S]
              [--figures build/bench/figures.tsv]
"""
import argparse
import os
import re
import subprocess
import sys

import figures as figures_file

LINE = re.compile(r"^BENCH (.+): median (\d+) \(min (\d+), max (\d+)\) cycles per (.+)$")
# tests/kernel/popc_bench.c: one line, two figures.
POPC_LINE = re.compile(r"^BENCH popc vs gcc, (.+): popc (\d+), gcc kernel flags (\d+), "
                       r"gcc -O2 (\d+) instructions per ")
POPC_WORST = re.compile(r"^BENCH popc vs gcc, worst ratio to plain -O2: .* \(hundredths (\d+)\)$")

# Names in the figures file of the figures whose printed name is a sentence;
# a figure not named here (or by a rule in tsv_name) gets its sentence in
# snake_case.
TSV_NAMES = {
    "native C call, empty function": "native_call_empty",
    "extension, empty function, ext_run (dispatch: stack check, reservation, "
    "recovery point)": "ext_run_empty",
    "extension, empty function, ext_invoke (dispatch + cycle accounting)": "ext_invoke_empty",
    "native C call, PID step": "native_call_pid_step",
    "extension, PID step, ext_run": "ext_run_pid_step",
    "extension, PID step, ext_invoke": "ext_invoke_pid_step",
    "load (verify + link), tests/kernel/ext/basic.tas": "ext_load",
    "unload, tests/kernel/ext/basic.tas": "ext_unload",
    "Dionisys, one CPU SM period for three applications (monitor, event, PID handler, guard)":
        "dion_period_3apps",
    "Dionisys, event latency, raise_event to the handler's run": "dion_event_latency",
    "Dionisys, get_attribute from an extension (the call, over an empty export)":
        "dion_get_attribute",
    "Dionisys, set_attribute from an extension, through the CPU guard": "dion_set_attribute",
    "tal_verify, realistic objects, median": "verify_per_insn_realistic_median",
    "tal_verify, realistic objects, worst": "verify_realistic_worst",
    "plugin, empty function, ext_run (iret into ring 1, return gate)": "plugin_call_empty",
    "TAL extension, empty function, ext_run": "tal_call_empty",
    "load, plugin pbench.c (link)": "plugin_link",
    "unload, plugin pbench.c (link)": "plugin_unlink",
}
# Targets of figures, written beside them in the figures file.
TARGETS = {
    "ext_run_empty": "44",          # a native call (4) + 40
    "ext_unload": "1000",
    "dion_period_3apps": "3000",
    "verify_per_insn_realistic_median": "200",
    "verify_per_insn_worst": "250",
    "verify_per_insn_1m": "250",
}
# Figures written a second time under another name, for the experiment's table.
ALIASES = {"dion_period_3apps": "exp_kernel_period_3apps"}
# Families of figures: printed name pattern, name in the figures file.
TSV_RULES = [
    (re.compile(r"^tal_verify, (\d+) instructions \(\d+ bytes\)$"), r"tal_verify_\1"),
    (re.compile(r"^tal_verify backjump, (\d+) instructions \(\d+ bytes\)$"),
     r"tal_verify_backjump_\1"),
    (re.compile(r"^load \(verify \+ link\), scale_(\d+)\.to$"), r"ext_load_scale_\1"),
    (re.compile(r"^unload, scale_(\d+)\.to$"), r"ext_unload_scale_\1"),
]
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


def verifier_summary(rows):
    """The verifier's summary figures, from its per-object ones in ROWS: the
    worse of the two 1M-instruction shapes, and the worst of every shape."""
    values = dict((row[0], row[1]) for row in rows)
    shapes = [v for n, v in values.items()
              if re.match(r"^tal_verify_(backjump_)?\d+$", n) or n == "verify_realistic_worst"]
    sized = [(int(m[2]), v) for n, v in values.items()
             if (m := re.match(r"^tal_verify_(backjump_)?(\d+)$", n))]
    top = max((size for size, _ in sized), default=0)
    big = [v for size, v in sized if size == top and size >= 900000]
    out = []
    if big:
        out.append(("verify_per_insn_1m", max(big), TARGETS["verify_per_insn_1m"]))
    if shapes:
        out.append(("verify_per_insn_worst", max(shapes), TARGETS["verify_per_insn_worst"]))
    return out


def tsv_name(printed):
    """The figures-file name of the kernel figure printed as PRINTED."""
    if printed in TSV_NAMES:
        return TSV_NAMES[printed]
    for pattern, name in TSV_RULES:
        if pattern.match(printed):
            return pattern.sub(name, printed)
    return figures_file.snake(printed)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--figures", help="figures file to write (tools/figures.py)")
    args = ap.parse_args()
    text, problem = boot(args.kernel, args.initrd, args.timeout)
    if problem:
        print(f"kbench: {problem}")
        if args.figures:
            figures_file.write(args.figures, "kernel", [])
        return 1
    figures, rows = {}, []
    print("In-kernel benchmarks (QEMU TCG, -icount shift=0: cycles = guest instructions)")
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            figures[m[1]] = int(m[2])
            name = tsv_name(m[1])
            rows.append((name, int(m[2]), TARGETS.get(name)))
            if name in ALIASES:
                rows.append((ALIASES[name], int(m[2]), TARGETS.get(ALIASES[name])))
            print(f"  {m[1]:<78} {int(m[2]):>10,} per {m[5]}  (min {int(m[3]):,}, max {int(m[4]):,})")
        elif line.startswith("BENCH"):
            print("  " + line[len("BENCH "):])
            if m := POPC_LINE.match(line):
                what = figures_file.snake(m[1])
                rows.append((f"popc_{what}", int(m[2]), None))
                rows.append((f"gcc_kflags_{what}", int(m[3]), None))
                rows.append((f"gcc_o2_{what}", int(m[4]), None))
            elif m := POPC_WORST.match(line):
                rows.append(("popc_vs_gcc_worst", round(int(m[1]) / 100, 2), "1.2", "ratio"))
    for name, value, target in verifier_summary(rows):
        rows.append((name, value, target))
        print(f"  {name:<78} {value:>10,} per verified instruction (target {target})")
    pairs = [("empty function", "native C call, empty function"),
             ("PID step", "native C call, PID step")]
    for what, native in pairs:
        for name, value in figures.items():
            if name.startswith("extension, " + what) and native in figures:
                base = figures[native]
                print(f"  {name}: {value - base:+,} instructions over native "
                      f"({value / max(base, 1):.1f}x)")
    real = [line[len("TALREAL "):] for line in text.splitlines() if line.startswith("TALREAL ")]
    if real and args.figures:
        path = os.path.join(os.path.dirname(args.figures), "verify-realistic.txt")
        with open(path, "w") as f:
            f.write("".join(r + "\n" for r in real))
        print(f"  the verifier on each realistic object: {path}")
    print("  note: " + NOTE)
    if args.figures:
        figures_file.write(args.figures, "kernel", rows)
        print(f"figures written to {args.figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
