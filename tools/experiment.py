#!/usr/bin/env python3
"""Run the SafeX experiment on TalOS under QEMU and plot it (stdlib + gnuplot).

Each run boots TalOS with init=/bin/experiment (user/experiment.c), whose
arguments come from the file /etc/experiment of a per-run copy of the
initrd: "WORKLOAD CONFIG SECONDS SEED [--force AT LEN]". QEMU runs TCG with
-icount shift=S,sleep=off -rtc clock=vm: one guest instruction takes 2^S ns
of virtual time, so the guest is a 1000/2^S MIPS machine whose clock
(1 tick = 1 ms) follows the instructions it runs, whatever the host's load.

The console carries (one per line; other text is ignored):
    EXP workload W config C seconds S seed N     the driver's first line
    EXP start T / EXP done T / EXP error: ...     recording started, run over
    REC TICK U0 U1 U2 U3                          ticks of P1..P3 and the
                                                  disturbance in the 10 ticks to TICK
    VIOL TICK I START GOT TARGET                  P(I+1) got GOT < TARGET ticks
                                                  in the period from START
    DIST on T / DIST off T                        a disturbance burst (uptime ms)

Outputs in --out, per run NAME (WORKLOAD-CONFIG):
    NAME.log             the console
    NAME.csv             time_s, P1..P3 and the disturbance's CPU share (%)
                         per 1 s interval, the part of it the disturbance was on
    violations-NAME.csv  time_s and the cumulative violations of P1..P3
    summary.tsv          one line per run: violations and periods per task
    fig5-WORKLOAD.png    CPU share per second, one panel per configuration,
                         bursts shaded (the paper's figure 5)
    fig6-WORKLOAD.png    cumulative violations per configuration (figure 6)

--check runs the short scenario of `make test-experiment` instead (hardloop,
10 s, one 3 s burst forced 3 s into the recording, kernel and user-fifo): both runs
complete, the burst happens, and the kernel SM has fewer violations than
usermgr, at most a tenth of them and at most 1% of its periods; it prints
"pass NAME" / "FAIL NAME: REASON" lines ending with
"experiment: N passed, M failed"; exit status 1 if any failed.

    experiment.py --kernel build/kernel.elf --initrd build/initrd.img
                  --out build/experiment [--seed 1] [--seconds 90] [--shift 1]
                  [--jobs 2] [--timeout S] [--check]
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkinitrd  # noqa: E402  (tools/mkinitrd.py)
from ktest import ESCAPES, QEMU_STATUS_DONE  # noqa: E402  (the serial log's conventions)

WORKLOADS = {                      # user/experiment.c's targets/periods, ms
    "mpeg": [(20, 100), (30, 100), (80, 200)],
    "hardloop": [(40, 400), (100, 500), (60, 200)],
}
CONFIGS = ["kernel", "user-fifo", "user-rr"]
CHECK_SECONDS = 10
CHECK_FORCE = ("6000", "3000")    # disturb --force AT LEN (ms after its start): a 3 s burst
                                  # 3 s into the recording, which starts about 3 s after it
CHECK_KERNEL_MAX = 0.01           # the kernel SM's violations, at most this share of its periods
CHECK_RATIO = 10                  # the user-level manager has at least this many times the kernel's violations

EXP_HEAD = re.compile(r"^EXP workload (\S+) config (\S+) seconds (\d+) seed (\d+)$")
EXP_START = re.compile(r"^EXP start (\d+)$")
EXP_DONE = re.compile(r"^EXP done (\d+)$")
EXP_ERROR = re.compile(r"^(EXP error: .*|PANIC .*)$")
REC = re.compile(r"^REC (\d+)((?: \d+)+)$")
REC_END = re.compile(r"^REC end (\d+)$")
VIOL = re.compile(r"^VIOL (\d+) (\d+) (\d+) (\d+) (\d+)$")
DIST = re.compile(r"^DIST (on|off) (\d+)$")

# ---- The initrd of a run ----

INITRD_MAGIC = b"TALOSRD1"         # include/talos/initrd.h


def initrd_files(image):
    """The (path, data) pairs of the TalOS initrd IMAGE (bytes)."""
    if image[:8] != INITRD_MAGIC:
        sys.exit("experiment: the initrd is not a TalOS image (no TALOSRD1 magic)")
    count, = struct.unpack_from("<I", image, 8)
    files = []
    for i in range(count):
        raw, offset, size = struct.unpack_from("<56sII", image, 16 + 64 * i)
        files.append((raw.split(b"\0")[0].decode(), image[offset:offset + size]))
    return files


def run_initrd(base, path, args_line, tmp):
    """Write to PATH a copy of initrd BASE with /etc/experiment holding ARGS_LINE."""
    with open(base, "rb") as f:
        files = [(p, d) for p, d in initrd_files(f.read()) if p != "/etc/experiment"]
    files.append(("/etc/experiment", (args_line + "\n").encode()))
    pairs = []
    for i, (dest, data) in enumerate(files):
        src = os.path.join(tmp, f"f{i}")
        with open(src, "wb") as f:
            f.write(data)
        pairs.append((src, dest, dest.encode()))
    with open(path, "wb") as f:
        f.write(mkinitrd.build_image(pairs))

# ---- One run ----


class Run:
    """One boot: its name, arguments, and what its console said."""

    def __init__(self, workload, config, seconds, seed, force=None):
        self.workload, self.config = workload, config
        self.name = f"{workload}-{config}"
        self.seconds, self.seed, self.force = seconds, seed, force
        self.tasks = WORKLOADS[workload]
        self.problems = []
        self.start = self.end = None
        self.rec = []          # (tick, [ticks of P1, P2, P3, disturbance])
        self.viol = []         # (tick, task index, period start, got, target)
        self.bursts = []       # (on, off) uptime ms; off None while still on
        self.host_seconds = 0

    def args_line(self):
        line = f"{self.workload} {self.config} {self.seconds} {self.seed}"
        return line + (f" --force {self.force[0]} {self.force[1]}" if self.force else "")

    def parse(self, text, status):
        """Read the console TEXT of a boot that QEMU ended with STATUS."""
        head = done = False
        for line in text.splitlines():
            line = ESCAPES.sub("", line).rstrip()
            if m := REC.match(line):
                self.rec.append((int(m.group(1)), [int(x) for x in m.group(2).split()]))
            elif m := VIOL.match(line):
                self.viol.append(tuple(int(x) for x in m.groups()))
            elif m := DIST.match(line):
                t = int(m.group(2))
                if m.group(1) == "on":
                    self.bursts.append([t, None])
                elif self.bursts and self.bursts[-1][1] is None:
                    self.bursts[-1][1] = t
            elif m := EXP_START.match(line):
                self.start = int(m.group(1))
            elif m := REC_END.match(line):
                self.end = int(m.group(1))
            elif EXP_HEAD.match(line):
                head = True
            elif EXP_DONE.match(line):
                done = True
            elif m := EXP_ERROR.match(line):
                self.problems.append(m.group(1))
        if not head:
            self.problems.append("no \"EXP workload\" line")
        if self.start is None or not self.rec:
            self.problems.append("the recorder did not start (no EXP start or REC lines)")
        if not done or status != QEMU_STATUS_DONE:
            self.problems.append(f"the run did not finish (QEMU status {status})")
        if self.end is None and self.rec:
            self.end = self.rec[-1][0]
        if self.rec:                   # time 0: the start of the first sampled interval
            self.start = self.rec[0][0] - 10
        for b in self.bursts:
            if b[1] is None:
                b[1] = self.end

    def periods(self):
        """Request periods of each task the recorder judged: those ending at a
        sample and starting at or after its first sample (kernel/cpurec.c)."""
        if not self.rec:
            return [0] * len(self.tasks)
        first = self.rec[0][0]
        return [sum(1 for t, _ in self.rec if t % p == 0 and t - p >= first)
                for _, p in self.tasks]

    def violations(self):
        """Violations of each task."""
        counts = [0] * len(self.tasks)
        for _, i, _, _, _ in self.viol:
            if i < len(counts):
                counts[i] += 1
        return counts

    def per_second(self):
        """Rows (time_s, P1..P3 %, disturbance %, disturbance on 0..1) per whole second."""
        seconds = max(0, (self.end - self.start) // 1000)
        sums = [[0] * 4 for _ in range(seconds)]
        for tick, ticks in self.rec:
            s = (tick - 10 - self.start) // 1000
            if 0 <= s < seconds:
                for k, v in enumerate(ticks[:4]):
                    sums[s][k] += v
        rows = []
        for s in range(seconds):
            lo, hi = self.start + 1000 * s, self.start + 1000 * (s + 1)
            on = sum(max(0, min(hi, b) - max(lo, a)) for a, b in self.bursts)
            rows.append([s + 1] + [v / 10 for v in sums[s]] + [on / 1000])
        return rows

    def cumulative(self):
        """Rows (time_s, cumulative violations of P1..P3) per whole second."""
        seconds = max(0, (self.end - self.start) // 1000)
        rows = []
        for s in range(seconds + 1):
            t = self.start + 1000 * s
            counts = [0] * len(self.tasks)
            for tick, i, _, _, _ in self.viol:
                if tick <= t and i < len(counts):
                    counts[i] += 1
            rows.append([s] + counts)
        return rows


def qemu_command(kernel, initrd, log, shift):
    return ["qemu-system-i386", "-accel", "tcg", "-m", "128", "-display", "none",
            "-nodefaults", "-vga", "std", "-serial", "file:" + log, "-monitor", "none",
            "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-icount", f"shift={shift},sleep=off", "-rtc", "clock=vm",
            "-kernel", kernel, "-initrd", initrd, "-append", "init=/bin/experiment"]


def boot(run, args):
    """Boot RUN under QEMU, keep its console in OUT/NAME.log and parse it."""
    log = os.path.join(args.out, run.name + ".log")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="talos-exp-") as tmp:
        initrd = os.path.join(tmp, "initrd.img")
        run_initrd(args.initrd, initrd, run.args_line(), tmp)
        if os.path.exists(log):
            os.remove(log)
        try:
            status = subprocess.run(qemu_command(args.kernel, initrd, log, args.shift),
                                    stdin=subprocess.DEVNULL,
                                    timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            status = None
            run.problems.append(f"timed out after {args.timeout} s of host time")
    run.host_seconds = time.monotonic() - started
    text = open(log, errors="replace").read() if os.path.exists(log) else ""
    run.parse(text, status)
    print(f"  {run.name}: {run.host_seconds:.0f} s of host time"
          + ("" if not run.problems else "; " + "; ".join(run.problems)), flush=True)
    return run

# ---- Output ----


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in row) + "\n")


def write_outputs(runs, out):
    """NAME.csv and violations-NAME.csv of every run, and summary.tsv."""
    for r in runs:
        if r.start is None:
            continue
        write_csv(os.path.join(out, r.name + ".csv"),
                  ["time_s", "p1", "p2", "p3", "disturbance", "disturbance_on"],
                  r.per_second())
        write_csv(os.path.join(out, f"violations-{r.name}.csv"),
                  ["time_s", "p1", "p2", "p3"], r.cumulative())
    with open(os.path.join(out, "summary.tsv"), "w") as f:
        f.write("name\tworkload\tconfig\tviol_p1\tviol_p2\tviol_p3\t"
                "periods_p1\tperiods_p2\tperiods_p3\tviolations\tperiods\n")
        for r in runs:
            if r.start is None:
                continue
            v, n = r.violations(), r.periods()
            f.write("\t".join([r.name, r.workload, r.config] + [str(x) for x in v + n]
                              + [str(sum(v)), str(sum(n))]) + "\n")


def print_summary(runs):
    row = "{:<20} {:>18} {:>18} {:>10}"
    print(row.format("run", "violations P1/P2/P3", "periods P1/P2/P3", "violated"))
    for r in runs:
        if r.start is None:
            print(row.format(r.name, "not run", "", ""))
            continue
        v, n = r.violations(), r.periods()
        share = f"{100 * sum(v) / sum(n):.1f}%" if sum(n) else "-"
        print(row.format(r.name, "/".join(map(str, v)), "/".join(map(str, n)), share))


def gnuplot(script, problems):
    if not shutil.which("gnuplot"):
        problems.append("no gnuplot: plots not drawn (tools/install-deps.sh installs gnuplot-nox)")
        return
    res = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if res.returncode != 0:
        problems.append("gnuplot failed: " + res.stderr.strip().splitlines()[-1])


def plot(runs, out, shift, problems):
    """fig5-W.png and fig6-W.png for each workload with runs."""
    mips = 1000 / 2 ** shift
    for w in WORKLOADS:
        mine = [r for r in runs if r.workload == w and r.start is not None]
        if not mine:
            continue
        labels = [f"P{i + 1} ({t}/{p} ms)" for i, (t, p) in enumerate(WORKLOADS[w])]
        s = [f"set terminal pngcairo size 1000,{300 * len(mine) + 60} font ',10'",
             f"set output '{out}/fig5-{w}.png'", "set datafile separator ','",
             f"set multiplot layout {len(mine)},1 title \"{w}: CPU share per 1 s interval "
             f"(guest {mips:g} MIPS, -icount shift={shift}); disturbance bursts shaded\"",
             "set yrange [0:100]", "set ylabel 'CPU %'", "set key outside right"]
        for r in mine:
            s.append("unset object")
            for k, (a, b) in enumerate(r.bursts):
                x0, x1 = (a - r.start) / 1000, (b - r.start) / 1000
                s.append(f"set object {k + 1} rect from {x0:g},0 to {x1:g},100 "
                         "fc rgb 'gray' fs transparent solid 0.25 noborder behind")
            s.append(f"set title '{r.config}'")
            s.append("set xlabel 'time (s)'")
            s.append("plot " + ", ".join(
                f"'{out}/{r.name}.csv' every ::1 using 1:{i + 2} with lines lw 1.5 "
                f"title '{labels[i]}'" for i in range(3)))
        s.append("unset multiplot")
        s += [f"set terminal pngcairo size 900,500 font ',10'",
              f"set output '{out}/fig6-{w}.png'", "unset object", "set yrange [0:*]",
              "set key inside left top", "set ylabel 'violations (all three tasks)'",
              f"set title \"{w}: cumulative violations (periods in which a task got "
              "less than its target)\""]
        s.append("plot " + ", ".join(
            f"'{out}/violations-{r.name}.csv' every ::1 using 1:($2+$3+$4) with lines lw 2 "
            f"title '{r.config}'" for r in mine))
        gnuplot("\n".join(s) + "\n", problems)

# ---- Main ----


def check(args):
    """The short scenario of `make test-experiment`; exit status."""
    runs = [Run("hardloop", c, CHECK_SECONDS, args.seed, CHECK_FORCE)
            for c in ("kernel", "user-fifo")]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(lambda r: boot(r, args), runs))
    write_outputs(runs, args.out)
    print_summary(runs)
    kern, user = runs
    results = []
    for r in runs:
        results.append((f"experiment.{r.config.replace('-', '_')}_run_completes",
                        "; ".join(r.problems) or None))
    if kern.problems or user.problems:
        results.append(("experiment.kernel_fewer_violations", "a run did not complete"))
        results.append(("experiment.kernel_violations_at_most_1pct", "a run did not complete"))
        results.append(("experiment.kernel_tenth_of_user", "a run did not complete"))
    else:
        kv, uv, kn = sum(kern.violations()), sum(user.violations()), sum(kern.periods())
        bursts = len(user.bursts)
        results.append(("experiment.disturbance_burst_seen",
                        None if bursts else "the user-fifo run printed no DIST on line"))
        results.append(("experiment.kernel_fewer_violations",
                        None if kv < uv else f"kernel {kv} violations, user-fifo {uv}"))
        results.append(("experiment.kernel_violations_at_most_1pct",
                        None if kv <= CHECK_KERNEL_MAX * kn
                        else f"kernel {kv} violations in {kn} periods"))
        results.append(("experiment.kernel_tenth_of_user",
                        None if CHECK_RATIO * kv <= uv
                        else f"kernel {kv} violations, user-fifo {uv}"))
        print(f"kernel: {kv} violations in {kn} periods; user-fifo: {uv} in "
              f"{sum(user.periods())}")
    passed = failed = 0
    for name, why in results:
        if why is None:
            print(f"pass {name}")
            passed += 1
        else:
            print(f"FAIL {name}: {why}")
            failed += 1
    print(f"experiment: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=int, default=90, help="virtual seconds recorded per run")
    ap.add_argument("--shift", type=int, default=1, help="QEMU -icount shift")
    ap.add_argument("--jobs", type=int, default=2, help="QEMUs at once")
    ap.add_argument("--timeout", type=int, default=900, help="host seconds per boot")
    ap.add_argument("--check", action="store_true", help="the test-experiment scenario")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()
    print(f"experiment: -icount shift={args.shift} (a {1000 / 2 ** args.shift:g} MIPS guest), "
          f"seed {args.seed}", flush=True)
    if args.check:
        status = check(args)
        print(f"(test-experiment: {time.monotonic() - started:.0f} s of host time)")
        return status
    runs = [Run(w, c, args.seconds, args.seed) for w in WORKLOADS for c in CONFIGS]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(lambda r: boot(r, args), runs))
    problems = [f"{r.name}: {p}" for r in runs for p in r.problems]
    write_outputs(runs, args.out)
    plot(runs, args.out, args.shift, problems)
    print()
    print(f"SafeX experiment, {args.seconds} s per run, seed {args.seed}, "
          f"-icount shift={args.shift}: {time.monotonic() - started:.0f} s of host time")
    print_summary(runs)
    print(f"outputs in {args.out}/: NAME.csv, violations-NAME.csv, summary.tsv, "
          "fig5-WORKLOAD.png, fig6-WORKLOAD.png")
    for p in problems:
        print("experiment: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
