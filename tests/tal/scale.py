#!/usr/bin/env python3
"""Scaling check: build verifiable TAL objects of about 1K .. 1M
instructions directly in the object format (talas is not meant for
million-line inputs) and time talcheck on each. Each function is
    mov eax, [esp+4]; 249 x { add eax, 3; imul eax, eax, 5; cmp eax, 7;
    jae L; L: {esp=0, eax: int, [esp+4]: int, [esp+0]: ret, saved regs} }; ret
Prints one line per size: instructions, bytes, talcheck time.

    scale.py TALAS TALCHECK OUTDIR   write the objects and time talcheck on each
    scale.py --emit OUTDIR           only write them (make bench verifies them in the kernel)
"""
import os
import struct
import subprocess
import sys
import time

BLOCK = bytes([0x83, 0xC0, 0x03, 0x6B, 0xC0, 0x05, 0x83, 0xF8, 0x07, 0x0F, 0x83, 0, 0, 0, 0])


def build(nfuncs, blocks):
    code, funcs, labels, items = bytearray(), [], [], []
    # types: 0 int, 1 ret, 2..5 saved ebx ebp esi edi, 6 sig (int) -> int
    types = [(2, 0, 0), (8, 0, 0)] + [(7, r, 0) for r in (3, 5, 6, 7)] + [(12, 0, 2)]
    members = [(0xFFFFFFFF, 0, 0, 0), (0xFFFFFFFF, 0, 0, 0)]
    strtab = b"f\0L\0"
    for _ in range(nfuncs):
        funcs.append((0, len(code), 6))
        code += bytes([0x8B, 0x44, 0x24, 0x04])
        for _ in range(blocks):
            code += BLOCK
            labels.append((2, len(code), 0, len(items), 7))
            items += [(0, 0, 0), (8, 4, 0), (8, 0, 1), (3, 0, 2), (5, 0, 3), (6, 0, 4), (7, 0, 5)]
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


def emit(outdir):
    """Write scale_N.to for each size into OUTDIR; yield (path, instructions, bytes)."""
    os.makedirs(outdir, exist_ok=True)
    for target in SIZES:
        obj, n = build(max(1, target // 1000), 249)
        path = os.path.join(outdir, f"scale_{target}.to")
        with open(path, "wb") as f:
            f.write(obj)
        yield path, n, obj


def main(talas, talcheck, outdir):
    for path, n, obj in emit(outdir):
        t = time.time()
        r = subprocess.run([talcheck, path], capture_output=True, text=True)
        wall = time.time() - t
        print(f"{n:8d} instructions {len(obj):9d} bytes  talcheck {wall*1e3:8.1f} ms  {r.stdout.strip()}")
        if r.returncode:
            return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--emit":
        for _ in emit(sys.argv[2]):
            pass
        sys.exit(0)
    sys.exit(main(*sys.argv[1:4]))
