#!/usr/bin/env python3
"""Add up the suite summary lines of `make test` into the final total line.

Each suite log must end with "NAME: N passed, M failed". A log without that
line (the suite crashed, hung or printed nothing) counts as one failure, so a
broken suite can never read as a pass. Prints "N passed, M failed" and exits
nonzero when anything failed or nothing ran.
"""
import re
import sys

SUMMARY = re.compile(r"^([\w.-]+): (\d+) passed, (\d+) failed$")


def main(logs):
    passed = failed = 0
    for path in logs:
        found = None
        try:
            with open(path, errors="replace") as f:
                for line in f:
                    m = SUMMARY.match(line.rstrip("\n"))
                    if m:
                        found = m
        except OSError as e:
            print(f"test-total: {path}: {e.strerror}")
        if found is None:
            print(f"test-total: {path}: no summary line, counted as 1 failure")
            failed += 1
        else:
            passed += int(found.group(2))
            failed += int(found.group(3))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
