#!/usr/bin/env python3
"""popc test runner: compiles every tests/popc/*.pop and user/ext/*.pop.

Accepted programs (no `// error:` line) must compile, the object must pass
talcheck (the certifying promise), and the file must hold at least one
well-formed `// expect:` line. Rejected programs must fail with the error
their `// error: LINE:COL: fragment` line names. Then the programs of
limits.py, at and past every limit, must compile or fail as they say, and
the random program generator (gen.py) runs: programs no one wrote must all
compile and verify.

Annotation lines (docs/popcorn.md, "Testing an extension"):
  // expect: NAME(ARGS) = VALUE        ARGS: integers or `task`
  // expect: NAME(ARGS) raises EXC     EXC: bounds | null | divide | CODE
  // error: LINE:COL: FRAGMENT         a rejected program's first error

Prints `pass popc.NAME` or `FAIL popc.NAME: reason`, and last
`popc: N passed, M failed`.

With --emit-expect DIR it checks nothing: it compiles every accepted
program to DIR/NAME.to (user/ext/NAME.pop as ext_NAME) and writes its
annotations to DIR/NAME.exp, for user/popcrun/ to run them in the kernel
(suite popc-run). An .exp file is one item per line, fields separated by
one space, SRCLINE the line of the annotation in the .pop file:

  call SRCLINE FUNC ARG... = VALUE         ARG: a decimal int, or `task`
  call SRCLINE FUNC ARG... raises CODE     status EXT_RAISED, exception CODE
  call SRCLINE FUNC ARG... handled CODE [= VALUE]
                                           the program has a handler: status
                                           EXT_FAULT_HANDLED; VALUE is what
                                           the handler returns for CODE

bounds, null and divide become their codes 1, 2, 3 (docs/popcorn.md). The
handler is not an export, so an annotation `HANDLER(CODE) = VALUE` is not a
call: it states the result of every handled call raising CODE.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True   # keep the source tree clean
import gen  # noqa: E402
import limits  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

ARG = r"(-?\d+|0x[0-9a-fA-F]+|task)"
CALL = rf"([A-Za-z_]\w*)\(\s*(?:{ARG}(?:\s*,\s*{ARG})*)?\s*\)"
EXPECT_FORMS = [
    re.compile(rf"^{CALL}\s*=\s*-?\d+$"),
    re.compile(rf"^{CALL}\s+raises\s+(bounds|null|divide|\d+)$"),
]
ERROR = re.compile(r"^//\s*error:\s*(\d+):(\d+):\s*(.*)$")


def annotations(path):
    """The expect lines and the error line of a source file, and the malformed lines."""
    expects, error, bad = [], None, []
    with open(path) as f:
        for line in f:
            s = line.strip()
            m = ERROR.match(s)
            if m:
                error = (int(m.group(1)), int(m.group(2)), m.group(3).strip())
            elif s.startswith("// expect:"):
                body = s[len("// expect:"):].strip()
                (expects if any(r.match(body) for r in EXPECT_FORMS) else bad).append(body)
    return expects, error, bad


EXC_CODES = {"bounds": 1, "null": 2, "divide": 3}
HANDLER = re.compile(r"^\s*handler\s+\w+\s+([A-Za-z_]\w*)\s*\(", re.M)
CALL_PARTS = re.compile(r"^([A-Za-z_]\w*)\((.*)\)\s*(=|raises)\s*(\S+)$")


def int32(text):
    """TEXT (decimal or 0x hex) as a signed 32-bit value, as the machine holds it."""
    v = int(text, 0) & 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def expect_items(path):
    """The .exp lines of the accepted program PATH (format in this file's docstring).

    Raises ValueError for an annotation about the handler that cannot be
    checked: one that is not `HANDLER(CODE) = VALUE`, or whose CODE no
    expected call raises.
    """
    with open(path) as f:
        text = f.read()
    m = HANDLER.search(text)
    handler = m.group(1) if m else None
    handled = {}      # exception code -> what the handler returns for it
    items = []        # the .exp lines, in the order of the annotations
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s.startswith("// expect:"):
            continue
        body = s.split(":", 1)[1].strip()
        fn, raw_args, op, value = CALL_PARTS.match(body).groups()
        args = ["task" if a.strip() == "task" else str(int32(a.strip()))
                for a in raw_args.split(",") if a.strip()]
        if fn == handler:
            if op != "=" or len(args) != 1 or args[0] == "task":
                raise ValueError(f"{path}:{n}: a handler annotation must be {fn}(CODE) = VALUE")
            handled[int32(args[0])] = int32(value)
        elif op == "=":
            items.append(" ".join(["call", str(n), fn] + args + ["=", str(int32(value))]))
        else:
            code = EXC_CODES[value] if value in EXC_CODES else int32(value)
            items.append(" ".join(["call", str(n), fn] + args +
                                  ["handled" if handler else "raises", str(code)]))
    used = set()
    for i, item in enumerate(items):
        f = item.split()
        if f[0] == "call" and f[-2] == "handled" and int(f[-1]) in handled:
            used.add(int(f[-1]))
            items[i] = f"{item} = {handled[int(f[-1])]}"
    if set(handled) - used:
        raise ValueError(f"{path}: handler results for codes {sorted(set(handled) - used)} "
                         "that no expected call raises")
    return items


def emit_expect(args):
    """Compile every accepted program into ARGS.emit_expect with its .exp file; 0 or 1."""
    sources = [(os.path.basename(p)[:-4], p)
               for p in sorted(glob.glob(os.path.join(HERE, "*.pop")))]
    sources += [("ext_" + os.path.basename(p)[:-4], p)
                for p in sorted(glob.glob(os.path.join(ROOT, "user", "ext", "*.pop")))]
    status = 0
    for name, path in sources:
        expects, error, bad = annotations(path)
        if error:
            continue
        if bad or not expects:
            print(f"popc: {path}: malformed or missing '// expect:' lines", file=sys.stderr)
            status = 1
            continue
        r = compile_one(args, path, os.path.join(args.emit_expect, name + ".to"))
        if r.returncode != 0:
            print(f"popc: {path}: rejected: {r.stderr.strip()}", file=sys.stderr)
            status = 1
            continue
        try:
            items = expect_items(path)
        except ValueError as e:
            print(f"popc: {e}", file=sys.stderr)
            status = 1
            continue
        with open(os.path.join(args.emit_expect, name + ".exp"), "w") as f:
            f.write("".join(item + "\n" for item in items))
    return status


def compile_one(args, src, obj):
    return subprocess.run([args.popc, src, "-o", obj, "--talas", args.talas],
                          capture_output=True, text=True, errors="replace", timeout=30)


def verify(args, obj):
    r = subprocess.run([args.talcheck, obj], capture_output=True, text=True, timeout=30)
    return None if r.returncode == 0 else (r.stdout + r.stderr).strip()


def check_file(args, path):
    """None if PATH behaves as its annotations say, else the reason."""
    name = os.path.basename(path)[:-4]
    obj = os.path.join(args.out, name + ".to")
    expects, error, bad = annotations(path)
    if bad:
        return f"malformed annotation: {bad[0]}"
    r = compile_one(args, path, obj)
    if error:
        if r.returncode == 0:
            return f"accepted, expected error {error[0]}:{error[1]}: {error[2]}"
        first = r.stderr.splitlines()[0] if r.stderr else ""
        m = re.match(r"^.*?:(\d+):(\d+): (.*)$", first)
        if r.returncode != 1 or not m:
            return f"popc failed badly (status {r.returncode}): {r.stderr.strip()}"
        if (int(m.group(1)), int(m.group(2))) != error[:2] or error[2] not in m.group(3):
            return f"expected {error[0]}:{error[1]}: {error[2]}, got: {first}"
        return None
    if r.returncode != 0:
        return f"rejected: {r.stderr.strip()}"
    if not expects:
        return "no '// expect:' line"
    why = verify(args, obj)
    return f"talcheck rejected the object: {why}" if why else None


def refuse_own_source(args):
    """None if popc refuses to write its object or its -S text over the source."""
    d = os.path.join(args.out, "own-source")
    os.makedirs(d, exist_ok=True)
    text = "// expect: f() = 1\nexport int f() { return 1; }\n"
    for src, out, extra in (("x.pop", "x.pop", []), ("y.tas", "y.to", ["-S"])):
        path = os.path.join(d, src)
        with open(path, "w") as f:
            f.write(text)
        r = subprocess.run([args.popc, path, "-o", os.path.join(d, out), "--talas", args.talas]
                           + extra, capture_output=True, text=True, timeout=30)
        with open(path, "rb") as f:
            kept = f.read() == text.encode()
        if r.returncode != 2 or "would overwrite the source" not in r.stderr or not kept:
            return f"popc {src} -o {out} {' '.join(extra)}: status {r.returncode}, source " \
                   f"{'kept' if kept else 'overwritten'}: {r.stderr.strip()}"
    return None


def warn_no_export(args):
    """None if a program without an export compiles, verifies and is warned about."""
    d = os.path.join(args.out, "no-export")
    os.makedirs(d, exist_ok=True)
    path, obj = os.path.join(d, "helper.pop"), os.path.join(d, "helper.to")
    with open(path, "w") as f:
        f.write("int twice(int x) { return 2 * x; }\n")
    r = compile_one(args, path, obj)
    if r.returncode != 0:
        return f"rejected: {r.stderr.strip()}"
    if "warning: no function is exported" not in r.stderr:
        return f"no warning: {r.stderr.strip()!r}"
    return verify(args, obj)


def check_limit(args, name, src, error):
    """None if the generated program SRC behaves as ERROR says (limits.py)."""
    d = os.path.join(args.out, "limits")
    os.makedirs(d, exist_ok=True)
    path, obj = os.path.join(d, name + ".pop"), os.path.join(d, name + ".to")
    with open(path, "w") as f:
        f.write(src)
    if os.path.exists(obj):
        os.unlink(obj)
    try:
        r = compile_one(args, path, obj)
    except subprocess.TimeoutExpired:
        return "popc took more than 30 s"
    if error is None:
        if r.returncode != 0:
            return f"rejected: {r.stderr.strip()[:500]}"
        why = verify(args, obj)
        return f"talcheck rejected the object: {why}" if why else None
    if r.returncode == 0:
        return f"accepted, expected error {error}"
    first = r.stderr.splitlines()[0] if r.stderr else ""
    m = re.match(r"^.*?:(\d+):(\d+): (.*)$", first)
    if r.returncode != 1 or not m:
        return f"popc failed badly (status {r.returncode}): {r.stderr.strip()[:500]}"
    line, col, frag = error
    if (line is not None and int(m.group(1)) != line) or \
       (col is not None and int(m.group(2)) != col) or frag not in m.group(3):
        return f"expected {line}:{col}: {frag}, got: {first[:300]}"
    if os.path.exists(obj):
        return "rejected, but an object was written"
    return None


FRAME_REFUSAL = re.compile(r"^\S+:\d+:\d+: \w+ needs (\d+) stack slots; TAL allows 64")


def random_batch(args, seed, count):
    """None if COUNT generated programs from SEED compile and verify, or are
    refused for a frame past TAL_MAX_FRAME_SLOTS (and no object written)."""
    d = os.path.join(args.out, f"random-{seed}")
    os.makedirs(d, exist_ok=True)
    for i in range(count):
        src = os.path.join(d, f"r{i}.pop")
        obj = os.path.join(d, f"r{i}.to")
        with open(src, "w") as f:
            f.write(gen.program(seed * 100003 + i))
        if os.path.exists(obj):
            os.unlink(obj)
        r = compile_one(args, src, obj)
        m = FRAME_REFUSAL.search(r.stderr)
        if r.returncode == 1 and m and int(m.group(1)) > 64 and not os.path.exists(obj):
            continue          # a function at the frame limit (gen.py edge()) that does not fit
        if r.returncode != 0:
            return f"{src}: popc: {r.stderr.strip()}"
        why = verify(args, obj)
        if why:
            return f"{src}: talcheck: {why}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--popc", required=True)
    ap.add_argument("--talas", required=True)
    ap.add_argument("--talcheck")
    ap.add_argument("--out")
    ap.add_argument("--emit-expect", metavar="DIR",
                    help="only compile the accepted programs and write their .exp files into DIR")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300)
    args = ap.parse_args()
    if args.emit_expect:
        os.makedirs(args.emit_expect, exist_ok=True)
        return emit_expect(args)
    if not args.talcheck or not args.out:
        ap.error("--talcheck and --out are required to run the tests")
    os.makedirs(args.out, exist_ok=True)
    passed = failed = 0

    def report(name, why):
        nonlocal passed, failed
        if why:
            failed += 1
            print(f"FAIL popc.{name}: {why}")
        else:
            passed += 1
            print(f"pass popc.{name}")
        sys.stdout.flush()

    for path in sorted(glob.glob(os.path.join(HERE, "*.pop"))):
        report(os.path.basename(path)[:-4], check_file(args, path))
    for path in sorted(glob.glob(os.path.join(ROOT, "user", "ext", "*.pop"))):
        report("ext_" + os.path.basename(path)[:-4], check_file(args, path))
    report("refuse_own_source", refuse_own_source(args))
    report("warn_no_export", warn_no_export(args))
    for name, src, error in limits.cases():
        report("limit_" + name, check_limit(args, name, src, error))
    report(f"random_seed{args.seed}_x{args.count}", random_batch(args, args.seed, args.count))
    tseed = int(time.time()) % 1000000
    print(f"popc: random programs with time seed {tseed} (rerun: --seed {tseed})")
    report("random_time_seed", random_batch(args, tseed, 20))
    print(f"popc: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
