#!/usr/bin/env python3
"""Scaling check: build verifiable TAL objects of about 1K .. 1M
instructions directly in the object format (talas is not meant for
million-line inputs) and time talcheck on each. Each function is
    mov eax, [esp+4]; 249 x { add eax, 3; imul eax, eax, 5; cmp eax, 7;
    jae L; L: {esp=0, eax: int, [esp+4]: int, [esp+0]: ret, saved regs} }; ret
The back-jump shape (backjump_N.to) has one more label per function, right
after the first mov, and every block's jae jumps back to it (the labels
after the blocks are reached by falling through): the jumps' targets are
all one early label, the hard case for finding a label by its offset.

    scale.py TALAS TALCHECK OUTDIR [--figures F]
                                     write the objects and time talcheck on
                                     each (the minimum of RUNS runs): host
                                     nanoseconds per verified instruction
    scale.py --emit OUTDIR           only write them (make bench verifies them in the kernel)
"""
import os
import re
import struct
import subprocess
import sys
import time

# The annotation of every label: {esp=0, eax: int, [esp+4]: int, [esp+0]: ret, saved regs}.
LABEL_ITEMS = [(0, 0, 0), (8, 4, 0), (8, 0, 1), (3, 0, 2), (5, 0, 3), (6, 0, 4), (7, 0, 5)]
BLOCK = bytes([0x83, 0xC0, 0x03, 0x6B, 0xC0, 0x05, 0x83, 0xF8, 0x07, 0x0F, 0x83, 0, 0, 0, 0])


def build(nfuncs, blocks, back=False):
    """An object of NFUNCS functions of BLOCKS blocks; BACK: every jae goes to the first label."""
    code, funcs, labels, items = bytearray(), [], [], []
    # types: 0 int, 1 ret, 2..5 saved ebx ebp esi edi, 6 sig (int) -> int
    types = [(2, 0, 0), (8, 0, 0)] + [(7, r, 0) for r in (3, 5, 6, 7)] + [(12, 0, 2)]
    members = [(0xFFFFFFFF, 0, 0, 0), (0xFFFFFFFF, 0, 0, 0)]
    strtab = b"f\0L\0"
    for _ in range(nfuncs):
        funcs.append((0, len(code), 6))
        code += bytes([0x8B, 0x44, 0x24, 0x04])
        head = len(code)
        for b in range(blocks):
            if back and b == 0:
                labels.append((2, head, 0, len(items), 7))
                items += LABEL_ITEMS
            code += BLOCK
            if back:
                struct.pack_into("<i", code, len(code) - 4, head - len(code))
            labels.append((2, len(code), 0, len(items), 7))
            items += LABEL_ITEMS
        code += b"\xC3"
    secs = [bytes(code), b"", b"", strtab,
            b"".join(struct.pack("<BBHIII", k, 0, 0, 0xFFFFFFFF, a, b) for k, a, b in types),
            b"".join(struct.pack("<IIII", *m) for m in members), b"",
            b"".join(struct.pack("<III", *f) for f in funcs),
            b"".join(struct.pack("<IIiII", *l) for l in labels),
            b"".join(struct.pack("<IiI", *i) for i in items), b"", b"", b""]
    sizes = [1, 1, 1, 1, 16, 16, 16, 12, 20, 12, 8, 8, 12]
    hdr, body, off = struct.pack("<IIII", 0x4F4C4154, 1, 0xFFFFFFFF, 0), b"", 120
    for s, size in zip(secs, sizes):
        hdr += struct.pack("<II", off if s else 0, len(s) // size)
        pad = (-len(s)) % 4
        body += s + b"\0" * pad
        off += len(s) + pad
    return hdr + body, nfuncs * (blocks * 4 + 2)


SIZES = (1000, 10000, 100000, 1000000)
SHAPES = ("scale", "backjump")
RUNS = 5
VERIFIED = re.compile(r"verified in ([0-9.]+) ms")


def emit(outdir):
    """Write SHAPE_N.to for each shape and size into OUTDIR; yield (shape, size, path, insns, obj)."""
    os.makedirs(outdir, exist_ok=True)
    for shape in SHAPES:
        for target in SIZES:
            obj, n = build(max(1, target // 1000), 249, back=shape == "backjump")
            path = os.path.join(outdir, f"{shape}_{target}.to")
            with open(path, "wb") as f:
                f.write(obj)
            yield shape, target, path, n, obj


def main(talas, talcheck, outdir, figures=None):
    rows = []
    for shape, target, path, n, obj in emit(outdir):
        best = None
        for _ in range(RUNS):
            r = subprocess.run([talcheck, path], capture_output=True, text=True)
            m = VERIFIED.search(r.stdout)
            if r.returncode or not m:
                print(f"{path}: {r.stdout.strip()}")
                return 1
            best = float(m[1]) if best is None else min(best, float(m[1]))
        ns = best * 1e6 / n
        print(f"{shape:8s} {n:8d} instructions {len(obj):9d} bytes  talcheck {best:8.2f} ms"
              f"  {ns:6.1f} ns per instruction (minimum of {RUNS})")
        rows.append((f"talcheck_ns_{shape}_{target}", round(ns, 1), None, "host-ns"))
    if figures:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        "..", "..", "tools"))
        import figures as figures_file
        figures_file.write(figures, "host", rows)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--emit":
        for _ in emit(sys.argv[2]):
            pass
        sys.exit(0)
    if len(sys.argv) == 6 and sys.argv[4] == "--figures":
        sys.exit(main(*sys.argv[1:4], figures=sys.argv[5]))
    sys.exit(main(*sys.argv[1:4]))
