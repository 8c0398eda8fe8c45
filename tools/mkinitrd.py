#!/usr/bin/env python3
"""mkinitrd: pack files into a TalOS initrd image.

    tools/mkinitrd.py -o build/initrd.img build/user/bin/sh:/bin/sh \\
        user/files/etc/motd:/etc/motd ...

Each SRC:DEST argument puts the host file SRC into the image at the
absolute path DEST. The format is the one drawn in include/talos/initrd.h:
a 16-byte header (magic "TALOSRD1", entry count, a reserved zero word),
then one 64-byte entry per file (NUL-padded path, data offset, size), then
the file data, each file starting at a 16-byte aligned offset. All numbers
are little-endian u32.

Invariant: an image this tool writes passes every check the kernel's ramfs
makes (paths absolute, NUL-terminated within 56 bytes, unique, no file that
is also a directory of another path; data inside the image), because the
same rules are checked here first and a bad argument is an error, never a
silently different image.
"""
import argparse
import os
import struct
import sys

MAGIC = b"TALOSRD1"      # INITRD_MAGIC
PATH_LEN = 56            # INITRD_PATH_LEN: the path and its NUL
HEADER_LEN = 16          # INITRD_HEADER_LEN
ENTRY_LEN = 64           # INITRD_ENTRY_LEN
DATA_ALIGN = 16          # each file's data starts at a multiple of this
MAX_BYTES = 0xFFFFFFFF   # offsets and sizes are u32


def fail(msg):
    sys.exit("mkinitrd: " + msg)


def check_path(dest):
    """Return DEST encoded as bytes, or stop with the reason it is not a valid image path."""
    raw = dest.encode("utf-8")
    if not dest.startswith("/"):
        fail(f"{dest!r}: the path must be absolute (start with '/')")
    if len(raw) >= PATH_LEN:
        fail(f"{dest!r}: the path is {len(raw)} bytes; at most {PATH_LEN - 1} fit")
    parts = dest.split("/")[1:]
    if any(p in ("", ".", "..") for p in parts):
        fail(f"{dest!r}: empty, '.' or '..' component (or a trailing '/')")
    if b"\0" in raw:
        fail(f"{dest!r}: the path contains a NUL byte")
    return raw


def parse_pairs(args):
    """Turn SRC:DEST arguments into checked (src, dest, dest_bytes) triples."""
    pairs, seen = [], set()
    for arg in args:
        src, sep, dest = arg.rpartition(":")
        if not sep or not src:
            fail(f"{arg!r}: expected SRC:DEST")
        raw = check_path(dest)
        if dest in seen:
            fail(f"{dest!r}: given twice")
        seen.add(dest)
        pairs.append((src, dest, raw))
    # A path may not be a file and also a directory that holds another file.
    for dest in seen:
        prefix = dest.rsplit("/", 1)[0]
        while prefix:
            if prefix in seen:
                fail(f"{prefix!r} is a file, but {dest!r} needs it to be a directory")
            prefix = prefix.rsplit("/", 1)[0]
    return pairs


def align(n):
    return (n + DATA_ALIGN - 1) // DATA_ALIGN * DATA_ALIGN


def build_image(pairs):
    """Return the image bytes for the (src, dest, raw) triples, in the order given."""
    datas = []
    for src, dest, _ in pairs:
        try:
            with open(src, "rb") as f:
                datas.append(f.read())
        except OSError as e:
            fail(f"{src}: {e.strerror} (for {dest})")
    offset = align(HEADER_LEN + ENTRY_LEN * len(pairs))
    table, body = [], bytearray()
    for (_, dest, raw), data in zip(pairs, datas):
        table.append(struct.pack("<56sII", raw, offset, len(data)))
        body += data + bytes(align(len(data)) - len(data))
        offset += align(len(data))
    if offset > MAX_BYTES:
        fail(f"the image would be {offset} bytes, more than a u32 offset can reach")
    head = MAGIC + struct.pack("<II", len(pairs), 0) + b"".join(table)
    return head + bytes(align(len(head)) - len(head)) + bytes(body)


def main():
    ap = argparse.ArgumentParser(description="Pack files into a TalOS initrd image.")
    ap.add_argument("-o", "--output", required=True, help="the image file to write")
    ap.add_argument("files", nargs="+", metavar="SRC:DEST",
                    help="host file SRC, stored at absolute path DEST")
    opts = ap.parse_args()
    image = build_image(parse_pairs(opts.files))
    tmp = opts.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(image)
    os.replace(tmp, opts.output)


if __name__ == "__main__":
    main()
