"""The figures file of `make bench`, for comparing figures across commits.

build/bench/figures.tsv has one line per figure, tab-separated:

    NAME  VALUE  UNIT  TARGET

NAME is snake_case, VALUE the median, UNIT "instructions" (guest
instructions under QEMU's -icount) unless the row names another (host
figures: "host-ns", nanoseconds on the build machine), TARGET the figure's
target or "-".
Each benchmark runner (tools/bench.py, tools/kbench.py) writes its own part,
figures.tsv.SOURCE, next to it and then rebuilds figures.tsv from every part
present, so the file holds the latest figures of both runners whichever ran
first. A runner that measured nothing leaves its part empty.
"""
import glob
import os
import re

UNIT = "instructions"
# Parts go into figures.tsv in this order; parts of other sources follow.
SOURCE_ORDER = ["user", "kernel", "host"]


def snake(text):
    """TEXT as a snake_case name: lowercase letters and digits joined by '_'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def write(path, source, rows):
    """Write ROWS, (name, value, target or None[, unit]), as SOURCE's part; rebuild PATH."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(f"{path}.{source}", "w") as f:
        for name, value, target, *unit in rows:
            f.write(f"{name}\t{value}\t{unit[0] if unit else UNIT}\t"
                    f"{target if target is not None else '-'}\n")

    def order(part):
        src = part[len(path) + 1:]
        return (SOURCE_ORDER.index(src) if src in SOURCE_ORDER else len(SOURCE_ORDER), src)

    parts = sorted(glob.glob(glob.escape(path) + ".*"), key=order)
    with open(path + "~", "w") as out:
        for part in parts:
            with open(part) as f:
                out.write(f.read())
    os.replace(path + "~", path)
