#!/usr/bin/env python3
"""The expected-verdict check: the verifier's verdict on every object in a
fixed, generated set must stay what tests/tal/verdicts.tsv records.

A change to the verifier's core (for speed, say) may improve its messages
but must not move a verdict: every object keeps its error code (or OK).
The set, made the same way on every run:

  corpus   every tests/tal/*.tas that talas assembles
  corrupt  the malformed objects of tests/tal/corrupt.py
  popc     every tests/popc/*.pop that popc compiles
  popcgen  POPC_PROGRAMS random programs of tests/popc/gen.py (fixed seeds)
  tasgen   text mutants of the accepting corpus programs: an operand's
           register or number changed, a line dropped, two lines swapped
           (those talas still assembles)
  bytes    byte mutants (talverdict --mutants) of every object above but
           the corrupt ones

Each recorded line is NAME, HASH (of the object's bytes) and CODE. The
check fails when a verdict moved (same bytes, other code), and also when
an input changed (the assembler, the compiler or a generator made other
bytes) or appeared or vanished: then the inputs must be re-recorded, with
`make tal-verdicts-record`, in a commit that does not change tal/, so that
the file always says what the verifier did to these bytes. Recording
refuses to run while any verdict moved.

    verdicts.py --talas T --popc P --talverdict V --out DIR [--record]
"""
import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "popc"))
import corrupt  # noqa: E402
import gen      # noqa: E402

EXPECTED = os.path.join(HERE, "verdicts.tsv")
SEED = 20261206          # the byte mutants' seed; part of the recording
POPC_PROGRAMS = 60
TASGEN_PER_FILE = 16
MUTANTS = {"corpus": 30, "popc": 20, "popcgen": 40, "tasgen": 4}
SECTIONS = ["corpus", "corrupt", "popc", "popcgen", "tasgen", "bytes"]
REGS = ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp"]


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60).returncode == 0


def parallel(jobs):
    """Run the (name, cmd, out) JOBS two at a time; the (name, out) that succeeded."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        ok = list(pool.map(lambda j: run(j[1]), jobs))
    return [(j[0], j[2]) for j, good in zip(jobs, ok) if good]


def tas_mutant(text, r):
    """One edit of the assembly TEXT by generator R, or None if none applies."""
    lines = text.split("\n")
    code = [i for i, l in enumerate(lines)
            if l.startswith(("\t", " ")) and l.strip() and not l.strip().startswith(";")]
    if not code:
        return None
    i = r.choice(code)
    kind = r.randrange(4)
    if kind == 0:
        regs = [m for m in re.finditer(r"\b(" + "|".join(REGS) + r")\b", lines[i])]
        if not regs:
            return None
        m = r.choice(regs)
        lines[i] = lines[i][:m.start()] + r.choice(REGS) + lines[i][m.end():]
    elif kind == 1:
        nums = [m for m in re.finditer(r"(?<![\w.])-?\d+\b", lines[i])]
        if not nums:
            return None
        m = r.choice(nums)
        v = int(m.group(0)) + r.choice([-1, 1, 4, -4])
        lines[i] = lines[i][:m.start()] + str(v) + lines[i][m.end():]
    elif kind == 2:
        del lines[i]
    else:
        j = r.choice(code)
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def build_inputs(args):
    """The objects of every section but bytes: {section: [(name, path)]}."""
    out = {s: [] for s in SECTIONS}
    d = {s: os.path.join(args.out, s) for s in SECTIONS}
    for p in d.values():
        os.makedirs(p, exist_ok=True)
    tas = sorted(f for f in os.listdir(HERE) if f.endswith(".tas"))
    out["corpus"] = parallel([
        (f"corpus/{f[:-4]}", [args.talas, os.path.join(HERE, f), "-o",
                              os.path.join(d["corpus"], f[:-4] + ".to")],
         os.path.join(d["corpus"], f[:-4] + ".to")) for f in tas])
    base = os.path.join(d["corpus"], "accept_sum_array.to")
    for name, data, _code in corrupt.cases(base):
        p = os.path.join(d["corrupt"], name + ".to")
        with open(p, "wb") as f:
            f.write(data)
        out["corrupt"].append((f"corrupt/{name}", p))
    pops = sorted(f for f in os.listdir(os.path.join(ROOT, "tests", "popc")) if f.endswith(".pop"))
    out["popc"] = parallel([
        (f"popc/{f[:-4]}", [args.popc, os.path.join(ROOT, "tests", "popc", f), "-o",
                            os.path.join(d["popc"], f[:-4] + ".to"), "--talas", args.talas],
         os.path.join(d["popc"], f[:-4] + ".to")) for f in pops])
    jobs = []
    for i in range(POPC_PROGRAMS):
        src = os.path.join(d["popcgen"], f"g{i}.pop")
        with open(src, "w") as f:
            f.write(gen.program(SEED + i))
        obj = src[:-4] + ".to"
        jobs.append((f"popcgen/g{i}", [args.popc, src, "-o", obj, "--talas", args.talas], obj))
    out["popcgen"] = parallel(jobs)
    jobs = []
    for f in tas:
        if not f.startswith("accept_"):
            continue
        with open(os.path.join(HERE, f)) as fp:
            text = fp.read()
        r = random.Random(f"{SEED}:{f}")
        for k in range(TASGEN_PER_FILE):
            m = tas_mutant(text, r)
            if m is None:
                continue
            src = os.path.join(d["tasgen"], f"{f[:-4]}~{k}.tas")
            with open(src, "w") as fp:
                fp.write(m)
            jobs.append((f"tasgen/{f[:-4]}~{k}", [args.talas, src, "-o", src[:-4] + ".to"],
                         src[:-4] + ".to"))
    out["tasgen"] = parallel(jobs)
    return out


def verdicts(args, items, mutants):
    """{name: (hash, code)} of ITEMS and, if MUTANTS, their byte mutants."""
    cmd = [args.talverdict] + (["--mutants", str(mutants), "--seed", str(SEED)] if mutants else [])
    text = "".join(f"{n} {p}\n" for n, p in items)
    r = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        sys.exit(f"talverdict failed: {r.stderr.strip()}")
    res = {}
    for line in r.stdout.splitlines():
        name, h, code = line.split("\t")
        res[name] = (h, code)
    return res


def measure(args):
    """{section: {name: (hash, code)}} of the whole set."""
    inputs = build_inputs(args)
    got = {"bytes": {}}
    for s in SECTIONS[:-1]:
        v = verdicts(args, inputs[s], MUTANTS.get(s, 0))
        got[s] = {n: v[n] for n, _ in inputs[s]}
        got["bytes"].update({n: x for n, x in v.items() if n not in got[s]})
    return got


def load_expected():
    exp = {s: {} for s in SECTIONS}
    with open(EXPECTED) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            sec, name, h, code = line.rstrip("\n").split("\t")
            exp[sec][name] = (h, code)
    return exp


def record(got):
    with open(EXPECTED, "w") as f:
        f.write("# The verifier's expected verdicts (tests/tal/verdicts.py): section, object,\n"
                "# FNV-1a hash of its bytes, verdict. Re-record with `make tal-verdicts-record`\n"
                "# only in a commit that does not change tal/.\n")
        for s in SECTIONS:
            for name in sorted(got[s]):
                h, code = got[s][name]
                f.write(f"{s}\t{name}\t{h}\t{code}\n")
    n = sum(len(v) for v in got.values())
    print(f"tal-verdicts: recorded {n} verdicts in {os.path.relpath(EXPECTED, ROOT)}")


def check(got):
    exp = load_expected()
    failed = 0
    for s in SECTIONS:
        moved = [n for n in got[s] if n in exp[s] and got[s][n][0] == exp[s][n][0]
                 and got[s][n][1] != exp[s][n][1]]
        changed = [n for n in got[s] if n in exp[s] and got[s][n][0] != exp[s][n][0]]
        new = [n for n in got[s] if n not in exp[s]]
        gone = [n for n in exp[s] if n not in got[s]]
        accepted = sum(1 for v in got[s].values() if v[1] == "OK")
        if moved or changed or new or gone:
            failed += 1
            print(f"FAIL verdicts.{s}: {len(moved)} verdicts moved, {len(changed)} inputs "
                  f"changed, {len(new)} new, {len(gone)} gone")
            for n in moved[:10]:
                print(f"  moved: {n}: expected {exp[s][n][1]}, got {got[s][n][1]}")
            for n in (changed + new + gone)[:5]:
                print(f"  input: {n} (re-record if the verifier did not change)")
        else:
            print(f"pass verdicts.{s} ({len(got[s])} objects, {accepted} accepted)")
    total = sum(len(v) for v in got.values())
    print(f"tal-verdicts: {total} objects checked")
    print(f"tal-verdicts: {len(SECTIONS) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--talas", required=True)
    ap.add_argument("--popc", required=True)
    ap.add_argument("--talverdict", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    got = measure(args)
    if args.record:
        exp = load_expected() if os.path.exists(EXPECTED) else {s: {} for s in SECTIONS}
        moved = [n for s in SECTIONS for n in got[s]
                 if n in exp[s] and got[s][n][0] == exp[s][n][0] and got[s][n][1] != exp[s][n][1]]
        if moved:
            print(f"tal-verdicts: not recorded: {len(moved)} verdicts moved, e.g. {moved[0]}")
            return 1
        record(got)
        return 0
    return check(got)


if __name__ == "__main__":
    sys.exit(main())
