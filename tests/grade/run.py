#!/usr/bin/env python3
"""Host tests of tools/grade.py on sample logs (stdlib only).

Each test writes a small marking scheme and suite logs into a temporary
directory, runs the grader on them and checks the table's numbers, its
notes and its exit status; the last ones check the real scheme,
tests/grade/weights.txt. Output: "pass grade.NAME" or "FAIL grade.NAME:
REASON", then "grade: N passed, M failed".

    run.py [--suites 'SUITE ...']   (the suites make test runs)
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GRADER = os.path.join(HERE, "..", "..", "tools", "grade.py")
SCHEME = os.path.join(HERE, "weights.txt")

# A scheme of three areas over three suites; "alpha" is split by test name.
SAMPLE_SCHEME = """\
# comment
sched   10  alpha:sched.*
core    30  alpha:*
        beta:*
tools    5  gamma:*
"""


def log(*lines, passed=None, failed=None, suite="x"):
    """A suite log of LINES and the summary line (counted from them unless given)."""
    p = sum(1 for l in lines if l.startswith("pass ")) if passed is None else passed
    f = sum(1 for l in lines if l.startswith("FAIL ")) if failed is None else failed
    return "\n".join(list(lines) + [f"{suite}: {p} passed, {f} failed"]) + "\n"


def grade(logs, scheme=SAMPLE_SCHEME, suites=""):
    """Run the grader on LOGS (name -> text or None); (status, rows, notes)."""
    with tempfile.TemporaryDirectory() as d:
        weights = os.path.join(d, "weights.txt")
        with open(weights, "w") as f:
            f.write(scheme)
        os.mkdir(os.path.join(d, "logs"))
        for name, text in logs.items():
            with open(os.path.join(d, "logs", name + ".log"), "w") as f:
                f.write(text)
        p = subprocess.run([sys.executable, GRADER, "--weights", weights,
                            "--logs", os.path.join(d, "logs"), "--suites", suites],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    rows, notes = {}, []
    for line in p.stdout.splitlines():
        if m := re.match(r"^(\S+)\s+(\d+)\s+(\d+)\s+(\d+\.\d)/(\d+)\s*$", line):
            rows[m[1]] = (int(m[2]), int(m[3]), m[4], int(m[5]))
        elif line.startswith("grade: "):
            notes.append(line)
    return p.returncode, rows, notes, p.stdout


def all_passing():
    return {
        "alpha": log("pass sched.a", "pass sched.b", "pass pmm.a", "pass vm.b", suite="alpha"),
        "beta": log("pass beta.one", "pass beta.two", suite="beta"),
        "gamma": log("pass gamma.x", suite="gamma"),
    }


def t_full_marks():
    st, rows, notes, out = grade(all_passing())
    want = {"sched": (2, 2, "10.0", 10), "core": (4, 4, "30.0", 30),
            "tools": (1, 1, "5.0", 5), "total": (7, 7, "45.0", 45)}
    if rows != want or notes or st != 0:
        return f"status {st}, rows {rows}, notes {notes}"


def t_partial_points():
    logs = all_passing()
    logs["alpha"] = log("pass sched.a", "FAIL sched.b: no", "pass pmm.a", "FAIL vm.b: x",
                        suite="alpha")
    st, rows, _, out = grade(logs)
    # sched: 1 of 2 -> 5.0; core: pmm.a, vm.b, beta.one, beta.two: 3 of 4 -> 22.5
    if rows.get("sched") != (2, 1, "5.0", 10) or rows.get("core") != (4, 3, "22.5", 30) \
            or rows.get("total") != (7, 5, "32.5", 45) or st != 1:
        return f"status {st}, rows {rows}"


def t_missing_log_scores_zero():
    logs = all_passing()
    del logs["beta"]
    st, rows, notes, out = grade(logs)
    if rows.get("core", (0, 0, ""))[2] != "0.0" or rows.get("sched") != (2, 2, "10.0", 10) \
            or not any("beta: no log" in n for n in notes) or st != 1:
        return f"status {st}, rows {rows}, notes {notes}"


def t_no_summary_scores_zero():
    logs = all_passing()
    logs["gamma"] = "pass gamma.x\n"           # cut off before its summary
    st, rows, notes, out = grade(logs)
    if rows.get("tools", (0, 0, ""))[2] != "0.0" or \
            not any("gamma: no summary line" in n for n in notes) or st != 1:
        return f"status {st}, rows {rows}, notes {notes}"


def t_run_failure_counts_in_every_area():
    logs = all_passing()
    logs["alpha"] = log("pass sched.a", "pass sched.b", "pass pmm.a", "pass vm.b",
                        "FAIL alpha.run: kernel panic", suite="alpha")
    st, rows, _, out = grade(logs)
    # sched: 2 of 3 -> 6.7; core: 4 of 5 passed (beta's two and alpha's two) -> 24.0
    if rows.get("sched") != (3, 2, "6.7", 10) or rows.get("core") != (5, 4, "24.0", 30):
        return f"rows {rows}"


def t_unmatched_test_and_mismatched_summary_noted():
    logs = all_passing()
    logs["gamma"] = log("pass gamma.x", passed=3, failed=0, suite="gamma")
    scheme = SAMPLE_SCHEME.replace("alpha:*", "alpha:pmm.*")
    st, rows, notes, out = grade(logs, scheme)
    if not any("1 tests counted in no area" in n and "alpha:vm.b" in n for n in notes):
        return f"no note of the unmatched alpha:vm.b: {notes}"
    if not any("gamma: the summary says 3 passed" in n for n in notes):
        return f"no note of gamma's wrong summary: {notes}"


def t_suite_in_no_area_noted():
    st, rows, notes, out = grade(all_passing(), suites="alpha beta gamma delta")
    if not any("delta: a suite no area takes" in n for n in notes):
        return f"notes {notes}"


def t_bad_scheme_refused():
    for scheme in ["area ten alpha:*\n", "a 5 nocolon\n", "   alpha:*\n", ""]:
        st, _, _, out = grade(all_passing(), scheme)
        if st != 2 or "grade:" not in out:
            return f"scheme {scheme!r}: status {st}, output {out!r}"


def t_real_scheme_is_100_points(suites):
    st, rows, notes, out = grade({}, open(SCHEME).read(), suites)
    if rows.get("total", (0, 0, "", 0))[3] != 100:
        return f"the points of {SCHEME} add up to {rows.get('total')}, not 100"
    lost = [n for n in notes if "a suite no area takes" in n]
    if lost:
        return "; ".join(lost)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suites", default="")
    args = ap.parse_args()
    tests = [(name[2:], fn) for name, fn in globals().items() if name.startswith("t_")]
    failed = 0
    for name, fn in tests:
        why = fn(args.suites) if name == "real_scheme_is_100_points" else fn()
        if why:
            failed += 1
            print(f"FAIL grade.{name}: {why}")
        else:
            print(f"pass grade.{name}")
    print(f"grade: {len(tests) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
