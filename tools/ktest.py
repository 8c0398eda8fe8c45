#!/usr/bin/env python3
"""Boot a TalOS test kernel and judge its serial output (stdlib only).

The kernel reports on COM1, one protocol line at a time; other text (boot
messages, GRUB's escape sequences, kprintf output of a test) may appear
anywhere and is ignored. A protocol line starts at the beginning of a line:

    TalOS VERSION booting ...        banner, exactly once per boot
    KT begin NAME                    a test starts
    KT PASS NAME                     its verdict: one of these two
    KT FAIL NAME: REASON
    KT end NAME                      the test is over
    KT summary total=T passed=P failed=F
    KT exit done                     then QEMU exits with status 33
    PANIC ...                        a kernel panic; then "KT exit panic", status 35

The run succeeds only if there was one banner, every test has exactly one
verdict for its own name and an end line, exactly one summary agrees with
the counted lines, "KT exit done" was seen and QEMU exited with 33 (Bochs's
exit status means nothing, so there only the exit line counts). A panic,
a timeout, a reboot, a triple fault (QEMU exits with 0 and no exit line) and
zero tests run are failures.

Output: one line per test, "pass NAME" or "FAIL NAME: REASON"; a problem of
the run as a whole adds "FAIL SUITE.run: REASON"; the last line is
"SUITE: N passed, M failed". Exit status 0 only if M is 0 and N is not.

A user program that did not build is absent from the initrd and listed in
INITRD.missing (mk/user.mk). The run then adds "FAIL SUITE.build: ..."
naming the absent programs, and if the program to run as init is one of
them, it does not boot at all and says so.

    ktest.py run --kernel ELF [--pattern PAT] [--initrd FILE]... ...
    ktest.py judge LOG --exit-status N [--timed-out] [--emulator bochs] ...
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

NAME = r"([A-Za-z0-9_.-]+)"
BANNER = re.compile(r"^TalOS \S+ booting")
BEGIN = re.compile(rf"^KT begin {NAME}$")
VERDICT = re.compile(rf"^KT (PASS|FAIL) {NAME}(?:: (.*))?$")
END = re.compile(rf"^KT end {NAME}$")
SUMMARY = re.compile(r"^KT summary total=(\d+) passed=(\d+) failed=(\d+)$")
EXIT = re.compile(r"^KT exit (done|panic)$")
PANIC = re.compile(r"^PANIC ")

# Terminal escape sequences (CSI "ESC [ ... letter", character-set choice
# "ESC ( B", two-byte "ESC x") and other control characters but tab.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-_]"
                     r"|[\x00-\x08\x0b-\x1f\x7f]")

QEMU_STATUS_DONE = 33   # "KT exit done": isa-debug-exit wrote 0x10
QEMU_STATUS_PANIC = 35  # "KT exit panic": isa-debug-exit wrote 0x11


class Test:
    """One test as seen in the log, from its begin line on."""

    def __init__(self, name):
        self.name = name
        self.verdicts = []   # ("PASS" or "FAIL", reason), in log order
        self.problems = []   # protocol violations seen for this test
        self.panic = None    # PANIC line printed while the test was open

    def failure(self):
        """Return why the test failed, or None if it passed."""
        kinds = [kind for kind, _ in self.verdicts]
        reasons = [why for kind, why in self.verdicts if kind == "FAIL"]
        if len(set(kinds)) > 1:
            reasons.append("both PASS and FAIL lines")
        elif len(kinds) > 1:
            reasons.append(f"{len(kinds)} {kinds[0]} lines")
        reasons += self.problems
        if not kinds and not reasons:
            reasons.append("no PASS or FAIL line")
        return "; ".join(reasons) or None


def protocol_lines(text):
    """Yield the lines of TEXT with escapes and control characters removed.

    A carriage return also ends a line, so "\\r\\n" endings and GRUB's
    redraws never glue noise onto the front of a protocol line. A last line
    with no newline was cut off (the emulator stopped mid-line): it is not
    a protocol line, since "KT PASS a.tw" must not read as a verdict.
    """
    complete = text[:text.rfind("\n") + 1]
    for line in re.split(r"[\r\n]", complete):
        line = ESCAPES.sub("", line).rstrip()
        if line:
            yield line


def read_log(text):
    """Walk the log once; return the tests and the facts about the run."""
    tests, run = [], {"banners": 0, "summaries": [], "exits": [],
                      "panic": None, "stray": []}
    counted = {"begin": 0, "PASS": 0, "FAIL": 0}
    current = None
    for line in protocol_lines(text):
        if BANNER.match(line):
            run["banners"] += 1
        elif PANIC.match(line):
            run["panic"] = run["panic"] or line
            if current and not current.panic:
                current.panic = line
        elif m := BEGIN.match(line):
            counted["begin"] += 1
            if current:
                current.problems.append("no end line before the next test began")
            if any(t.name == m[1] for t in tests):
                run["stray"].append(f"test {m[1]} began more than once")
            current = Test(m[1])
            tests.append(current)
        elif m := VERDICT.match(line):
            kind, name = m[1], m[2]
            counted[kind] += 1
            if current is None:
                run["stray"].append(f"{kind} line for {name} outside any test")
            elif name != current.name:
                current.problems.append(f"{kind} line names another test ({name})")
            else:
                current.verdicts.append((kind, m[3] or "no reason given"))
        elif m := END.match(line):
            if current is None:
                run["stray"].append(f"end line for {m[1]} outside any test")
            else:
                if m[1] != current.name:
                    current.problems.append(f"end line names another test ({m[1]})")
                current = None
        elif m := SUMMARY.match(line):
            run["summaries"].append(tuple(int(n) for n in m.groups()))
            if current:
                current.problems.append("no end line before the summary")
                current = None
        elif m := EXIT.match(line):
            run["exits"].append(m[1])
    if current:
        current.problems.append(f"{current.panic} (no end line)" if current.panic
                                else "no end line: crashed or hung")
    run["counted"] = counted
    return tests, run


def how_it_ended(run, args):
    """Return why the run ended abnormally, or None if it ended cleanly."""
    qemu = args.emulator == "qemu"
    causes = []
    if args.timed_out:
        causes.append(f"timeout after {args.timeout:g} s")
    if run["panic"]:
        causes.append(f"kernel panic: {run['panic']}")
    elif "panic" in run["exits"] or (qemu and args.exit_status == QEMU_STATUS_PANIC):
        causes.append("kernel panic (no PANIC line)")
    if causes:
        return "; ".join(causes)
    if qemu and args.exit_status == 0 and not run["exits"]:
        return "reboot or triple fault (QEMU exit status 0, no KT exit line)"
    if "done" not in run["exits"]:
        how = f"QEMU exit status {args.exit_status}" if qemu else "Bochs stopped early"
        return f"no 'KT exit done' line ({how})"
    if qemu and args.exit_status != QEMU_STATUS_DONE:
        return f"QEMU exit status {args.exit_status}, expected {QEMU_STATUS_DONE}"
    return None


def run_problems(run, args):
    """List what is wrong with the run as a whole, most important first.

    Consequences of an abnormal end (no summary after a panic, say) are not
    repeated: the cause is what the reader needs.
    """
    problems = []
    ended = how_it_ended(run, args)
    if ended:
        problems.append(ended)
    if run["banners"] == 0:
        problems.append("no boot banner")
    elif run["banners"] > 1:
        problems.append(f"kernel rebooted ({run['banners']} banners)")
    problems += run["stray"]
    counted, summaries = run["counted"], run["summaries"]
    if len(summaries) > 1:
        problems.append(f"{len(summaries)} summary lines")
    elif not summaries and not ended:
        problems.append("no summary line")
    if summaries:
        total, passed, failed = summaries[0]
        if (total, passed, failed) != (counted["begin"], counted["PASS"], counted["FAIL"]):
            problems.append(f"summary says total={total} passed={passed} failed={failed}"
                            f" but the log has {counted['begin']} begin,"
                            f" {counted['PASS']} PASS and {counted['FAIL']} FAIL lines")
    if counted["begin"] == 0 and not ended:
        problems.append(f"no test matched pattern {args.pattern}" if args.pattern
                        else "no test ran")
    return problems


def judge(text, args):
    """Print the verdicts for the serial log TEXT; return the exit status."""
    tests, run = read_log(text)
    passed = failed = 0
    for t in tests:
        why = t.failure()
        if why:
            print(f"FAIL {t.name}: {why}")
            failed += 1
        else:
            print(f"pass {t.name}")
            passed += 1
    if args.build_problem:
        print(f"FAIL {args.suite}.build: {args.build_problem}")
        failed += 1
    problems = run_problems(run, args)
    if problems:
        print(f"FAIL {args.suite}.run: {'; '.join(problems)}")
        failed += 1
    return summarize(args, passed, failed)


def summarize(args, passed, failed):
    """Print the suite's last line; return 0 only for a clean, nonempty run."""
    if failed and args.log and os.path.isfile(args.log):
        print(f"ktest: the full serial log is {args.log}")
    print(f"{args.suite}: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


def run_failed(args, reason):
    """Report a run that could not even start; return the exit status."""
    print(f"FAIL {args.suite}.run: {reason}")
    return summarize(args, 0, 1)


def missing_programs(initrds):
    """The programs left out of the initrds because they did not build."""
    missing = []
    for path in initrds:
        try:
            with open(path + ".missing") as f:
                missing += [line.strip() for line in f if line.strip()]
        except FileNotFoundError:
            pass
    return missing


def init_program(cmdline):
    """The path given as init= on the kernel command line, or the default."""
    for word in shlex.split(cmdline or ""):
        if word.startswith("init="):
            return word[len("init="):]
    return "/bin/init"


def qemu_command(args):
    """Build the QEMU command line for one deterministic test boot.

    -nodefaults drops the NIC, floppy, CD-ROM and parallel port, so the
    machine is the same on every host; -vga std puts back the VGA text
    screen the console mirrors to. icount makes time follow instructions.
    """
    if args.cmdline is not None:
        cmdline = args.cmdline
    else:
        cmdline = f"test={args.pattern}" if args.pattern else "test"
    cmd = ["qemu-system-i386", "-accel", "tcg", "-kernel", args.kernel,
           "-append", cmdline,
           "-m", str(args.mem), "-display", "none", "-nodefaults", "-vga", "std",
           "-serial", f"file:{args.log}", "-monitor", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]
    if args.initrd:
        cmd += ["-initrd", ",".join(args.initrd)]
    return cmd + shlex.split(args.qemu_extra)


def run(args):
    """Boot the kernel in QEMU under a wall-clock timeout, then judge its log."""
    args.log = args.log or os.path.join("build", "test", f"{args.suite}-serial.log")
    args.emulator = "qemu"
    args.build_problem = None
    if any("," in path for path in args.initrd):
        return run_failed(args, "an initrd path contains a comma (QEMU's -initrd separator)")
    for path in [args.kernel] + args.initrd:
        if not os.path.isfile(path):
            return run_failed(args, f"{path} not found")
    missing = missing_programs(args.initrd)
    if missing and args.initrd:
        where = args.build_failures
        args.build_problem = (f"not in the initrd, they did not build (errors in {where}/):"
                              f" {' '.join(missing)}")
        init = init_program(args.cmdline)
        if args.cmdline is not None and init in missing:
            return run_failed(args, f"cannot boot: the init program {init} did not build"
                              f" (errors in {where}/)")
    os.makedirs(os.path.dirname(args.log) or ".", exist_ok=True)
    open(args.log, "w").close()  # no stale log survives a QEMU that fails to start
    try:
        qemu = subprocess.Popen(qemu_command(args), stdin=subprocess.DEVNULL)
    except OSError as e:
        return run_failed(args, f"cannot start qemu-system-i386: {e.strerror}")
    args.timed_out = False
    try:
        args.exit_status = qemu.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        args.timed_out = True
        qemu.kill()
        args.exit_status = qemu.wait()
    with open(args.log, "rb") as f:
        return judge(f.read().decode("utf-8", "replace"), args)


def judge_saved(args):
    """Judge a serial log saved earlier (host tests, the Bochs check)."""
    args.build_problem = None
    if args.emulator == "qemu" and args.exit_status is None:
        sys.exit("ktest: judging a QEMU log needs --exit-status")
    try:
        with open(args.log, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError as e:
        return run_failed(args, f"cannot read {args.log}: {e.strerror}")
    return judge(text, args)


def parse_args(argv):
    """Parse the command line of both modes.

    argparse refuses an option value that starts with "-", as every QEMU
    flag does, so "--qemu-extra VALUE" is glued into "--qemu-extra=VALUE".
    """
    argv = list(argv)
    if "--qemu-extra" in argv[:-1]:
        i = argv.index("--qemu-extra")
        argv[i:i + 2] = [f"--qemu-extra={argv[i + 1]}"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    boot = modes.add_parser("run", help="boot QEMU and judge the serial log")
    boot.add_argument("--kernel", required=True, help="multiboot ELF to boot")
    boot.add_argument("--initrd", action="append", default=[],
                      help="a multiboot module (repeat for several)")
    boot.add_argument("--mem", type=int, default=128, help="guest MiB (128)")
    boot.add_argument("--cmdline", help="kernel command line instead of test=PATTERN"
                      " (e.g. init=/bin/usertests for the user suite)")
    boot.add_argument("--qemu-extra", default="", help="extra QEMU flags")
    boot.add_argument("--log", help="serial log (build/test/SUITE-serial.log)")
    boot.add_argument("--build-failures", default=os.path.join("build", "user", "failed"),
                      help="where the errors of programs that did not build are kept"
                      " (build/user/failed)")
    saved = modes.add_parser("judge", help="judge a saved serial log")
    saved.add_argument("log", metavar="LOG")
    saved.add_argument("--exit-status", type=int, help="the emulator's exit status")
    saved.add_argument("--timed-out", action="store_true",
                       help="the emulator was killed by the timeout")
    saved.add_argument("--emulator", choices=["qemu", "bochs"], default="qemu")
    for mode in (boot, saved):
        mode.add_argument("--suite", default="kernel", help="suite name (kernel)")
        mode.add_argument("--pattern", help="test pattern given to the kernel")
        mode.add_argument("--timeout", type=float, default=300,
                          help="wall-clock seconds allowed (300)")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    return run(args) if args.mode == "run" else judge_saved(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
