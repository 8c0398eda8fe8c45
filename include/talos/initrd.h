/*
 * The initrd image format (built by tools/mkinitrd.py, read by the kernel's
 * ramfs). Little-endian:
 *
 *   +----------------------------+ 0
 *   | magic "TALOSRD1" (8 bytes) |
 *   | u32 count, u32 reserved    |
 *   +----------------------------+ 16
 *   | count entries of 64 bytes: |
 *   |   char path[56] (NUL-term, |
 *   |     absolute: "/bin/sh")   |
 *   |   u32 offset (from image   |
 *   |     start), u32 size       |
 *   +----------------------------+
 *   | file data, each file at a  |
 *   | 16-byte aligned offset     |
 *   +----------------------------+
 *
 * Directories are implied by the paths. The kernel rejects an image whose
 * entries point outside it or whose paths are not NUL-terminated.
 */
#ifndef TALOS_INITRD_H
#define TALOS_INITRD_H

#define INITRD_MAGIC      "TALOSRD1"
#define INITRD_MAGIC_LEN  8
#define INITRD_PATH_LEN   56
#define INITRD_HEADER_LEN 16
#define INITRD_ENTRY_LEN  64

#endif /* TALOS_INITRD_H */
