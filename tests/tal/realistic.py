#!/usr/bin/env python3
"""The realistic objects of the verifier benchmark (make bench): every
Popcorn program of the project that compiles (tests/popc/*.pop,
user/ext/*.pop, tests/kernel/ext/*.pop) and RANDOM programs of
tests/popc/gen.py with fixed seeds, compiled by popc into OUTDIR, with
OUTDIR/real.list naming each by its initrd path (/bench/real/NAME.to).
Prints the count. The kernel's tal_verify_realistic benchmark verifies
each and reports the median and the worst cycles per instruction.

    realistic.py --popc P --talas T --out OUTDIR
"""
import argparse
import concurrent.futures
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "popc"))
import gen  # noqa: E402

RANDOM = 100      # the ramfs holds PARAM_RAMFS_FILES (256) entries: the initrd stays below it
SOURCES = ["tests/popc/*.pop", "user/ext/*.pop", "tests/kernel/ext/*.pop"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--popc", required=True)
    ap.add_argument("--talas", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    for pattern in SOURCES:
        prefix = pattern.split("/")[-2]
        for src in sorted(glob.glob(os.path.join(ROOT, pattern))):
            jobs.append((f"{prefix}_{os.path.basename(src)[:-4]}", src))
    for i in range(RANDOM):
        src = os.path.join(args.out, f"random_{i + 1}.pop")
        with open(src, "w") as f:
            f.write(gen.program(i + 1))
        jobs.append((f"random_{i + 1}", src))

    def build(job):
        name, src = job
        obj = os.path.join(args.out, name + ".to")
        r = subprocess.run([args.popc, src, "-o", obj, "--talas", args.talas],
                           capture_output=True, timeout=60)
        return name if r.returncode == 0 else None

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        built = [n for n in pool.map(build, jobs) if n]
    with open(os.path.join(args.out, "real.list"), "w") as f:
        f.write("".join(f"/bench/real/{n}.to\n" for n in built))
    print(f"realistic.py: {len(built)} objects in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
