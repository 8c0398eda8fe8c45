#!/usr/bin/env python3
"""Grade the results of the test suites: points per area, as JOS and
Pintos print them (stdlib only).

Reads the marking scheme (tests/grade/weights.txt, whose header says how
areas, points and patterns work) and the suites' logs, SUITE.log in the log
directory (the files `make test` and `make grade` write), counts each
"pass TEST" and "FAIL TEST" line in the first area that matches it, and
prints one table row per area, then the total:

    area           tests  passed   points
    scheduler         11      11  10.0/10
    ...
    total            512     509  97.3/100

followed by notes: logs missing or without their summary line, a summary
that disagrees with the lines counted, tests no area counts, suites of
--suites no area takes. Exit status 0 if every area earned all its points,
1 otherwise, 2 for a bad scheme.

    grade.py [--weights FILE] [--logs DIR] [--suites 'SUITE ...']
"""
import argparse
import fnmatch
import os
import re
import sys

RESULT = re.compile(r"^(pass|FAIL) ([^\s:]+)")
SUMMARY = re.compile(r"^([\w.-]+): (\d+) passed, (\d+) failed$")


class Area:
    def __init__(self, name, points):
        self.name, self.points = name, points
        self.patterns = []      # (suite glob, test glob)
        self.passed = self.counted = 0
        self.broken = []        # suites whose log is missing or has no summary

    def suites(self, known):
        """The suites of KNOWN that a pattern of this area draws on."""
        return [s for s in known if any(fnmatch.fnmatchcase(s, sp) for sp, _ in self.patterns)]

    def matches(self, suite, test):
        return any(fnmatch.fnmatchcase(suite, sp) and fnmatch.fnmatchcase(test, tp)
                   for sp, tp in self.patterns)

    def score(self):
        if self.broken or self.counted == 0:
            return 0.0
        return self.points * self.passed / self.counted


def bad_scheme(msg):
    """Stop with MSG and status 2: a malformed scheme grades nothing."""
    print(f"grade: {msg}")
    sys.exit(2)


def read_scheme(path):
    """The areas of the scheme at PATH, in order; exits with status 2 if it is malformed."""
    areas = []
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line:
                continue
            words = line.split()
            if line[0].isspace():
                if not areas:
                    bad_scheme(f"{path}:{n}: patterns before the first area")
                patterns = words
            else:
                if len(words) < 3 or not words[1].isdigit():
                    bad_scheme(f"{path}:{n}: expected AREA POINTS PATTERN..., got {line!r}")
                areas.append(Area(words[0], int(words[1])))
                patterns = words[2:]
            for p in patterns:
                if p.count(":") != 1 or p.startswith(":") or p.endswith(":"):
                    bad_scheme(f"{path}:{n}: pattern {p!r} is not SUITE:TEST")
                areas[-1].patterns.append(tuple(p.split(":")))
    if not areas:
        bad_scheme(f"{path}: no areas")
    return areas


def suites_named(areas):
    """Every suite name a pattern spells out without a glob."""
    names = []
    for a in areas:
        for sp, _ in a.patterns:
            if not any(c in sp for c in "*?[") and sp not in names:
                names.append(sp)
    return names


def read_log(path):
    """(results, summary) of a suite log: results as (test, passed) pairs."""
    results, summary = [], None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if m := RESULT.match(line):
                results.append((m[2], m[1] == "pass"))
            elif m := SUMMARY.match(line):
                summary = (int(m[2]), int(m[3]))
    return results, summary


def grade(areas, logdir, suites=()):
    """Fill in the areas from the logs in LOGDIR; return the notes. SUITES:
    the suites `make test` runs, each of which some area should take."""
    notes, unmatched = [], []
    for suite in suites:
        if not any(a.suites([suite]) for a in areas):
            notes.append(f"{suite}: a suite no area takes (add it to the scheme)")
    logs = sorted(f[:-4] for f in os.listdir(logdir) if f.endswith(".log")) \
        if os.path.isdir(logdir) else []
    for suite in suites_named(areas):
        if suite not in logs:
            notes.append(f"{suite}: no log {os.path.join(logdir, suite + '.log')}: scored 0")
            for a in areas:
                if suite in a.suites([suite]):
                    a.broken.append(suite)
    for suite in logs:
        results, summary = read_log(os.path.join(logdir, suite + ".log"))
        takers = [a for a in areas if a.suites([suite])]
        if not takers:
            continue            # another log in the directory (a serial log, say)
        if summary is None:
            notes.append(f"{suite}: no summary line (crashed or cut off): scored 0")
            for a in takers:
                a.broken.append(suite)
            continue
        npass = sum(1 for _, ok in results if ok)
        if (npass, len(results) - npass) != summary:
            notes.append(f"{suite}: the summary says {summary[0]} passed, {summary[1]} failed,"
                         f" the log has {npass} pass and {len(results) - npass} FAIL lines")
        for test, ok in results:
            if test in (f"{suite}.run", f"{suite}.build"):
                for a in takers:
                    a.counted += 1
                continue
            area = next((a for a in areas if a.matches(suite, test)), None)
            if area is None:
                unmatched.append(f"{suite}:{test}")
                continue
            area.counted += 1
            area.passed += ok
    if unmatched:
        shown = " ".join(unmatched[:8]) + (" ..." if len(unmatched) > 8 else "")
        notes.append(f"{len(unmatched)} tests counted in no area (add them to the scheme): {shown}")
    return notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--weights", default=os.path.join(here, "..", "tests", "grade", "weights.txt"))
    ap.add_argument("--logs", default=os.path.join("build", "test"))
    ap.add_argument("--suites", default="", help="the suites make test runs (TEST_SUITES)")
    args = ap.parse_args()
    areas = read_scheme(args.weights)
    notes = grade(areas, args.logs, args.suites.split())
    width = max(len("area"), max(len(a.name) for a in areas))
    print(f"{'area':<{width}}  {'tests':>5}  {'passed':>6}  {'points':>9}")
    for a in areas:
        print(f"{a.name:<{width}}  {a.counted:>5}  {a.passed:>6}  {a.score():>5.1f}/{a.points:<3}")
    total = sum(a.score() for a in areas)
    points = sum(a.points for a in areas)
    print(f"{'total':<{width}}  {sum(a.counted for a in areas):>5}  "
          f"{sum(a.passed for a in areas):>6}  {total:>5.1f}/{points:<3}")
    for n in notes:
        print(f"grade: {n}")
    return 0 if all(a.score() == a.points for a in areas) else 1


if __name__ == "__main__":
    sys.exit(main())
