#!/usr/bin/env python3
"""Mutation testing of TalOS's trusted base (stdlib only).

Each mutant in tests/mutants/AREA.mut is one small bug of the kind a
developer really writes. The runner applies it to a scratch copy of the tree
(build/mutate/wN/, one per job, reused across mutants), rebuilds only what
the change touches, runs the narrowest suites that should see the bug, each
under its own time limit, and puts the original file back. A mutant is

    killed      a suite failed by an assertion (or a panic, or an error)
    timeout     the suites only hung (a time limit hit, no assertion failed)
    survived    every suite passed
    stale       its lines are not found exactly once in the file any more:
                the tree moved and the mutant needs refreshing
    nobuild     the mutated tree does not build (a broken mutant)
    equivalent  marked so in the file, with a reason; never run

Before the mutants, every suite they use runs once unmutated in the scratch
copies: a suite that fails there would "kill" every mutant, so the run stops.
A sample checks, after its mutants, the suites that killed them.

    mutate.py run [-j N] [--area A]... [--only AREA/NNN]...   every mutant
    mutate.py sample [-n 10] [--seed S]     a random sample that must be killed
    mutate.py list                          the mutants, and the stale ones

`run` prints one line per mutant, the score per area (killed out of the
mutants not marked equivalent), the survivors, and whether the targets are
met (at least 95% killed in tal and ext, 85% overall, no scheduler mutant
caught only by a hang); its status is 0 only if they are and none is stale
or broken. `sample` ends with "mutate-sample: N passed, M failed" like a
test suite. The file format is in docs/testing.md ("Mutation testing").
"""
import argparse
import glob
import os
import random
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MUTANTS = os.path.join(ROOT, "tests", "mutants")
SCRATCH = os.path.join(ROOT, "build", "mutate")
SKIP_DIRS = {".git", "build"}      # never copied into or compared with the scratch tree

TARGETS = {"tal": 95.0, "ext": 95.0}
OVERALL_TARGET = 85.0
NO_HANG_AREAS = {"sched"}
HOST_AREAS = {"tal", "popc"}

# A FAIL line whose reason is one of these says "it hung", not "it was wrong".
HANG = re.compile(r"timeout after|timed out|no end line|no PASS or FAIL line")
FAIL = re.compile(r"^FAIL (\S+?): (.*)$", re.M)


class Suite:
    """One narrow suite: what to build, what to run, and its time limit.

    Spelled in a .mut file as KIND[:ARG] [SECONDS]: `tal`, `popc`,
    `popc-run` (the corpus run in the kernel), `kernel:PATTERN` (make
    test-kernel KTEST=PATTERN), `user:PREFIX` (make test-user UT=PREFIX).
    """
    LIMITS = {"tal": 120, "popc": 120, "popc-run": 120, "kernel": 60, "user": 90}

    def __init__(self, spec):
        words = spec.split()
        self.spec = words[0]
        kind, _, arg = self.spec.partition(":")
        if kind not in self.LIMITS or (kind in ("kernel", "user") and not arg) \
                or (kind in ("tal", "popc", "popc-run") and arg):
            raise ValueError(f"unknown suite '{spec}'")
        self.kind, self.arg = kind, arg
        self.limit = int(words[1]) if len(words) > 1 else self.LIMITS[kind]

    def prebuild(self):
        """What to build before the mutant is applied: popc-run keeps the
        kernel as built by the unmutated compiler (its test objects are
        compiled by popc), so the mutant is seen only by the corpus."""
        return ["build/kernel.elf"] if self.kind == "popc-run" else []

    def build_targets(self):
        if self.kind == "popc-run":
            return ["build/tools/popc"]
        if self.kind == "tal":
            return ["build/tools/talas", "build/tools/talcheck", "tal-kernel"]
        if self.kind == "popc":
            return ["build/tools/popc", "build/tools/talas", "build/tools/talcheck"]
        if self.kind == "kernel":
            return ["build/kernel.elf"]
        return ["build/kernel.elf", "build/initrd.img"]

    def command(self):
        # The boot's own timeout is a little shorter than ours, so a hang is
        # reported by ktest.py as "timeout after" and judged here as a hang.
        boot = f"TIMEOUT={max(self.limit - 10, 5)}"
        if self.kind == "kernel":
            return ["make", "test-kernel", f"KTEST={self.arg}", boot]
        if self.kind == "user":
            return ["make", "test-user", f"UT={self.arg}", boot]
        if self.kind == "popc-run":       # compiling the corpus is part of the test
            return ["make", "-o", "build/kernel.elf", "test-popc-run", boot]
        return ["make", f"test-{self.kind}"]


class Mutant:
    """One mutant: a hunk of context (' '), removed ('-') and added ('+')
    lines that must match exactly once in FILE, wherever it has moved."""

    def __init__(self, area, num, name, where):
        self.area, self.num, self.name, self.where = area, num, name, where
        self.file = None
        self.suites = []
        self.equivalent = None
        self.hunk = []

    @property
    def ident(self):
        return f"{self.area}/{self.num}"

    def old_new(self):
        old = [t for k, t in self.hunk if k in " -"]
        new = [t for k, t in self.hunk if k in " +"]
        return old, new

    def locate(self, text):
        """Return (start, end) of the hunk's old lines in TEXT, or a reason
        why they are not there exactly once."""
        old, _ = self.old_new()
        block = "\n".join(old) + "\n"
        starts = [m.start() for m in re.finditer(re.escape(block), text)
                  if m.start() == 0 or text[m.start() - 1] == "\n"]
        if len(starts) == 1:
            return starts[0], starts[0] + len(block)
        if len(starts) > 1:
            return f"its lines occur {len(starts)} times in {self.file}: add context"
        lines = text.split("\n")
        missing = [t for t in old if t not in lines]
        if missing:
            return f"{self.file} has no line '{missing[0].strip()}'"
        return f"{self.file} has its lines, but not in this order or not adjacent"


def parse_file(path):
    """Read one AREA.mut file; return its mutants (raising on a bad file)."""
    area = os.path.basename(path)[:-4]
    mutants, default_suites, cur, in_hunk = [], [], None, False
    with open(path) as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        where = f"{os.path.relpath(path, ROOT)}:{n}"
        head = re.match(r"^== (\d{3}) ([a-z0-9][a-z0-9-]*)$", line)
        if head:
            cur, in_hunk = Mutant(area, head.group(1), head.group(2), where), False
            mutants.append(cur)
            continue
        if in_hunk:
            if line == "":
                in_hunk = False
            elif line[0] in " -+":
                cur.hunk.append((line[0], line[1:]))
            else:
                raise ValueError(f"{where}: a hunk line starts with ' ', '-' or '+'")
            continue
        if line == "" or line.startswith("#"):
            continue
        key, sep, value = line.partition(": ")
        if line == "@@" and cur:
            in_hunk = True
        elif sep and key == "suite":
            (cur.suites if cur else default_suites).append(Suite(value))
        elif sep and key == "file" and cur:
            cur.file = value
        elif sep and key == "equivalent" and cur:
            cur.equivalent = value
        else:
            raise ValueError(f"{where}: cannot read '{line}'")
    for m in mutants:
        m.suites = m.suites or default_suites
        old, new = m.old_new()
        if not m.file or not m.suites or not old or old == new:
            raise ValueError(f"{m.where}: mutant {m.ident} needs a file, a suite "
                             "and a hunk that changes something")
    return mutants


def load_mutants():
    mutants = []
    for path in sorted(glob.glob(os.path.join(MUTANTS, "*.mut"))):
        mutants += parse_file(path)
    seen = set()
    for m in mutants:
        if m.ident in seen:
            raise ValueError(f"{m.where}: a second mutant {m.ident}")
        seen.add(m.ident)
    return mutants


def source_files(top):
    """Paths (relative to TOP) of every file of the tree but build/ and .git."""
    out = set()
    for d, dirs, files in os.walk(top):
        if d == top:
            dirs[:] = [x for x in dirs if x not in SKIP_DIRS]
        for f in files:
            out.add(os.path.relpath(os.path.join(d, f), top))
    return out


def make_scratch(path):
    """Create or refresh the scratch tree PATH from the working tree.

    A new scratch tree gets the sources and build/ with their times, so its
    first build is incremental. An existing one gets every changed source
    file rewritten (so make sees it as new) and vanished ones removed.
    """
    if not os.path.isdir(os.path.join(path, "build")):
        os.makedirs(path, exist_ok=True)
        tmp = path + ".tar"
        with tarfile.open(tmp, "w") as tar:
            for rel in sorted(source_files(ROOT)):
                tar.add(os.path.join(ROOT, rel), rel)
            build = os.path.join(ROOT, "build")
            for d, dirs, files in os.walk(build):
                if d == build:
                    dirs[:] = [x for x in dirs if x not in ("mutate", "test")]
                for f in files:
                    full = os.path.join(d, f)
                    tar.add(full, os.path.relpath(full, ROOT))
        with tarfile.open(tmp) as tar:
            tar.extractall(path)
        os.remove(tmp)
        os.makedirs(os.path.join(path, "build"), exist_ok=True)
        return
    mine, theirs = source_files(path), source_files(ROOT)
    for rel in mine - theirs:
        os.remove(os.path.join(path, rel))
    for rel in theirs:
        src, dst = os.path.join(ROOT, rel), os.path.join(path, rel)
        with open(src, "rb") as f:
            data = f.read()
        if rel in mine:
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
        shutil.copymode(src, dst)


def run_limited(cmd, cwd, limit, stop=None):
    """Run CMD in CWD under a wall-clock LIMIT; return (status, output,
    timed_out). If STOP matches a line of the output, the command is ended
    there (status None): one failed assertion is all a mutant needs."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    deadline, data, late = time.time() + limit, b"", False
    while True:
        left = deadline - time.time()
        if left <= 0:
            late = True
            break
        if not sel.select(timeout=min(left, 1.0)):
            continue
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        data += chunk
        if stop and any(stop(line) for line in
                        data.decode("utf-8", "replace").splitlines()):
            break
    sel.close()
    try:
        os.killpg(p.pid, signal.SIGKILL)     # the suite's QEMU too, if it stopped early
    except ProcessLookupError:
        pass
    p.wait()
    p.stdout.close()
    status = None if late or p.returncode < 0 else p.returncode
    return status, data.decode("utf-8", "replace"), late


def real_failure(line):
    """Is LINE a test's FAIL verdict that is not about a hang?"""
    m = FAIL.match(line)
    return bool(m) and not HANG.search(m.group(2))


def run_suite(suite, cwd):
    """Build and run SUITE in CWD; return (verdict, detail), verdict one of
    pass, fail, hang, nobuild."""
    make = ["make", "--no-print-directory", "-s"]
    status, out, late = run_limited(make + suite.build_targets(), cwd, 600)
    if late or status != 0:
        tail = out.strip().splitlines()[-3:]
        return "nobuild", " / ".join(tail) or "build timed out"
    status, out, late = run_limited(make + suite.command()[1:], cwd, suite.limit,
                                    real_failure)
    fails = FAIL.findall(out)
    real = [f"{n}: {why}" for n, why in fails if not HANG.search(why)]
    # A suite stopped at its first failure has status None and a real FAIL.
    if real:
        return "fail", real[0]
    if late or fails:
        return "hang", (f"{fails[0][0]}: {fails[0][1]}" if fails
                        else f"no result within {suite.limit} s")
    if status != 0:
        last = out.strip().splitlines()[-1:] or ["no output"]
        return "fail", f"status {status}: {last[0]}"
    return "pass", out.strip().splitlines()[-1] if out.strip() else ""


def try_mutant(m, cwd):
    """Apply M in the scratch tree CWD, run its suites, restore the file.
    Return (result, detail)."""
    path = os.path.join(cwd, m.file)
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return "stale", f"{m.file} does not exist"
    where = m.locate(text)
    if isinstance(where, str):
        return "stale", where
    start, end = where
    make = ["make", "--no-print-directory", "-s"]
    for target in sorted({t for s in m.suites for t in s.prebuild()}):
        status, out, _ = run_limited(make + [target], cwd, 600)
        if status != 0:
            return "nobuild", f"unmutated {target}: " + " / ".join(out.strip().splitlines()[-3:])
    _, new = m.old_new()
    mutated = text[:start] + "".join(t + "\n" for t in new) + text[end:]
    with open(path, "w") as f:
        f.write(mutated)
    try:
        hung = None
        for suite in m.suites:
            verdict, detail = run_suite(suite, cwd)
            if verdict == "nobuild":
                return "nobuild", detail
            if verdict == "fail":
                return "killed", f"{suite.spec}: {detail}"
            if verdict == "hang":
                hung = f"{suite.spec}: {detail}"
        return ("timeout", hung) if hung else ("survived", "")
    finally:
        with open(path, "w") as f:      # a new time: make rebuilds it next time
            f.write(text)


class Pool:
    """JOBS threads, each with its own scratch tree, taking work from a list."""

    def __init__(self, jobs, scratch):
        self.trees = [os.path.join(scratch, f"w{i}") for i in range(jobs)]
        self.lock = threading.Lock()

    def prepare(self):
        for t in self.trees:
            make_scratch(t)

    def map(self, fn, items):
        """Call fn(item, tree) for every item; return the results in order."""
        results, todo = [None] * len(items), list(enumerate(items))

        def work(tree):
            while True:
                with self.lock:
                    if not todo:
                        return
                    i, item = todo.pop(0)
                results[i] = fn(item, tree)

        threads = [threading.Thread(target=work, args=(t,)) for t in self.trees]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results


def say(text, log=None):
    print(text, flush=True)
    if log:
        log.write(text + "\n")
        log.flush()


def baseline(pool, mutants, log, prefix="baseline"):
    """Run every suite the mutants use once, unmutated; return the failures."""
    specs = {}
    for m in mutants:
        for s in m.suites:
            specs.setdefault(s.spec, s)
    suites = list(specs.values())

    def one(suite, tree):
        t0 = time.time()
        verdict, detail = run_suite(suite, tree)
        # Each suite runs once, in whichever scratch tree is free.
        line = f"{prefix} {suite.spec}: {verdict} ({time.time() - t0:.0f} s) {detail}"
        with pool.lock:
            say(line, log)
        return verdict, detail

    results = pool.map(one, suites)
    return [(s.spec, v, d) for s, (v, d) in zip(suites, results) if v != "pass"]


def run_mutants(pool, mutants, log):
    live = [m for m in mutants if not m.equivalent]

    def one(m, tree):
        t0 = time.time()
        result, detail = try_mutant(m, tree)
        line = f"{result:<9} {m.ident} {m.name} ({time.time() - t0:.0f} s) {detail}"
        with pool.lock:
            say(line, log)
        return result, detail

    results = dict(zip((m.ident for m in live), pool.map(one, live)))
    for m in mutants:
        if m.equivalent:
            results[m.ident] = ("equivalent", m.equivalent)
    return results


def report(mutants, results, log):
    """Print the scores per area and the survivors; return True if the
    targets are met and nothing is stale or broken."""
    areas = sorted({m.area for m in mutants})
    kinds = ["killed", "survived", "timeout", "stale", "nobuild", "equivalent"]
    say("", log)
    say(f"{'area':<6} {'score':>6}  " + " ".join(f"{k:>10}" for k in kinds), log)
    ok, tot_k, tot_n = True, 0, 0
    for a in areas + ["all"]:
        ms = [m for m in mutants if a in ("all", m.area)]
        count = {k: sum(results[m.ident][0] == k for m in ms) for k in kinds}
        n = len(ms) - count["equivalent"]
        score = 100.0 * count["killed"] / n if n else 100.0
        say(f"{a:<6} {score:5.1f}%  " + " ".join(f"{count[k]:>10}" for k in kinds), log)
        target = OVERALL_TARGET if a == "all" else TARGETS.get(a)
        if target is not None and score < target:
            say(f"  target missed: {a} needs {target:.0f}% killed", log)
            ok = False
        if a in NO_HANG_AREAS and count["timeout"]:
            say(f"  target missed: {a} has mutants caught only by a hang", log)
            ok = False
        if a != "all" and (count["stale"] or count["nobuild"]):
            ok = False
    for kind in ("survived", "timeout", "stale", "nobuild"):
        bad = [m for m in mutants if results[m.ident][0] == kind]
        if bad:
            say(f"\n{kind.upper()}:", log)
            for m in bad:
                say(f"  {m.ident} {m.name} ({m.where}) {results[m.ident][1]}", log)
    say("\nmutate: targets met" if ok else "\nmutate: targets NOT met", log)
    return ok


def cmd_run(args):
    mutants = load_mutants()
    if args.area:
        mutants = [m for m in mutants if m.area in args.area]
    if args.only:
        mutants = [m for m in mutants if m.ident in args.only]
    if not mutants:
        sys.exit("mutate: no mutant selected")
    os.makedirs(args.scratch, exist_ok=True)
    with open(os.path.join(args.scratch, "report.txt"), "w") as log:
        pool = Pool(args.jobs, args.scratch)
        pool.prepare()
        t0 = time.time()
        broken = baseline(pool, [m for m in mutants if not m.equivalent], log)
        if broken:
            for spec, verdict, detail in broken:
                say(f"mutate: suite {spec} does not pass unmutated ({verdict}): {detail}", log)
            return 1
        results = run_mutants(pool, mutants, log)
        ok = report(mutants, results, log)
        say(f"mutate: {len(mutants)} mutants in {time.time() - t0:.0f} s; "
            f"report in {os.path.relpath(log.name, ROOT)}", log)
    return 0 if ok else 1


class _Uses:
    """Something with suites, for baseline(): a list of suites to check."""

    def __init__(self, suites):
        self.suites = suites


def cmd_sample(args):
    """Run N mutants drawn by SEED, all but --kernel of them from the
    verifier (the cheapest to run); each must be killed. Output and status
    follow the suite convention."""
    seed = args.seed if args.seed is not None else random.randrange(1, 1 << 31)
    print(f"mutate-sample: seed {seed} (repeat with MUTATE_SEED={seed})", flush=True)
    rng = random.Random(seed)
    live = [m for m in load_mutants() if not m.equivalent]
    host = [m for m in live if m.area == "tal"]          # the cheapest: no boot, no popc-run
    kern = [m for m in live if m.area not in HOST_AREAS]
    nk = min(args.kernel, len(kern), args.n)
    chosen = rng.sample(kern, nk) + rng.sample(host, min(args.n - nk, len(host)))
    os.makedirs(args.scratch, exist_ok=True)
    pool = Pool(args.jobs, args.scratch)
    pool.prepare()
    passed = failed = 0
    results = run_mutants(pool, chosen, None)
    # Only the suites that killed a mutant need to pass unmutated (a suite
    # that fails anyway kills nothing): checked after the mutants, so a
    # sample pays for no suite it does not use.
    killers = {}
    for m in chosen:
        result, detail = results[m.ident]
        for s in m.suites:
            if result == "killed" and detail.startswith(s.spec + ":"):
                killers[s.spec] = s
    broken = set()
    for spec, verdict, detail in baseline(pool, [_Uses(list(killers.values()))], None,
                                          "mutate-sample baseline"):
        print(f"FAIL mutate-sample.baseline.{spec}: {verdict}: {detail}")
        broken.add(spec)
        failed += 1
    for m in chosen:
        result, detail = results[m.ident]
        if result == "killed" and detail.split(": ", 1)[0] not in broken:
            print(f"pass mutate-sample.{m.area}.{m.num}")
            passed += 1
        else:
            why = "its killing suite fails unmutated" if result == "killed" else result
            print(f"FAIL mutate-sample.{m.area}.{m.num}: {why} {detail}")
            failed += 1
    print(f"mutate-sample: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


def cmd_list(args):
    mutants = load_mutants()
    stale = 0
    for m in mutants:
        path = os.path.join(ROOT, m.file)
        text = open(path).read() if os.path.isfile(path) else ""
        where = m.locate(text) if text else f"{m.file} does not exist"
        state = "equivalent" if m.equivalent else "ok"
        if isinstance(where, str):
            state, stale = f"STALE: {where}", stale + 1
        print(f"{m.ident} {m.name:<40} {' '.join(s.spec for s in m.suites):<24} {state}")
    counts = {}
    for m in mutants:
        counts[m.area] = counts.get(m.area, 0) + 1
    print("mutants: " + ", ".join(f"{a} {n}" for a, n in sorted(counts.items()))
          + f", {len(mutants)} in all, {stale} stale")
    return 1 if stale else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("-j", "--jobs", type=int, default=2)
    r.add_argument("--scratch", default=SCRATCH, help="where the scratch trees live")
    r.add_argument("--area", action="append")
    r.add_argument("--only", action="append")
    s = sub.add_parser("sample")
    s.add_argument("-j", "--jobs", type=int, default=2)
    s.add_argument("--scratch", default=os.path.join(SCRATCH, "sample"),
                   help="where the scratch trees live")
    s.add_argument("-n", type=int, default=10)
    s.add_argument("--kernel", type=int, default=1, help="how many from kernel areas")
    s.add_argument("--seed", type=int)
    sub.add_parser("list")
    args = ap.parse_args(argv)
    try:
        return {"run": cmd_run, "sample": cmd_sample, "list": cmd_list}[args.cmd](args)
    except ValueError as e:
        print(f"mutate: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
