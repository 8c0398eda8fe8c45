#!/usr/bin/env python3
"""Malformed TAL objects for the corpus: each case takes a valid object
(tests/tal/accept_sum_array.tas assembled) and breaks one thing the
object reader must check, with the error code the verifier must give.
The assembler cannot produce these, so they are made here byte by byte.
"""
import struct

HDR = 120
SECS = ["code", "rodata", "data", "strtab", "types", "members", "globals",
        "funcs", "labels", "items", "imports", "exports", "relocs"]


def sec(data, name):
    """(offset, count) of section NAME in the header."""
    i = SECS.index(name)
    return struct.unpack_from("<II", data, 16 + 8 * i)


def put32(data, off, v):
    d = bytearray(data)
    struct.pack_into("<I", d, off, v & 0xFFFFFFFF)
    return bytes(d)


def set_sec(data, name, off=None, count=None):
    i = SECS.index(name)
    o, c = sec(data, name)
    d = put32(data, 16 + 8 * i, o if off is None else off)
    return put32(d, 20 + 8 * i, c if count is None else count)


def entry(data, name, size, i, field):
    """Byte offset of 32-bit FIELD of entry I of a section of SIZE-byte entries."""
    return sec(data, name)[0] + size * i + 4 * field


def cases(path):
    with open(path, "rb") as f:
        b = f.read()
    code_off, code_len = sec(b, "code")
    str_off, str_len = sec(b, "strtab")
    yield "empty", b"", "E_OBJ_TRUNCATED"
    yield "truncated_header", b[:HDR - 1], "E_OBJ_TRUNCATED"
    yield "truncated_sections", b[:len(b) - 8], "E_OBJ_RANGE"
    yield "bad_magic", put32(b, 0, 0x4F4C4155), "E_OBJ_MAGIC"
    yield "bad_version", put32(b, 4, 2), "E_OBJ_VERSION"
    yield "reserved_nonzero", put32(b, 12, 1), "E_OBJ_VERSION"
    yield "code_past_end", set_sec(b, "code", off=len(b) - 4), "E_OBJ_RANGE"
    yield "offset_wraps", set_sec(b, "types", off=0xFFFFFFF0), "E_OBJ_RANGE"
    yield "huge_code_count", set_sec(b, "code", count=0xFFFFFFFF), "E_OBJ_LIMIT"
    yield "huge_type_count", set_sec(b, "types", count=0x40000000), "E_OBJ_LIMIT"
    yield "huge_item_count", set_sec(b, "items", count=0x10000000), "E_OBJ_LIMIT"
    yield "misaligned_section", set_sec(b, "types", off=sec(b, "types")[0] + 2), "E_OBJ_ALIGN"
    yield "overlap_sections", set_sec(b, "data", off=code_off), "E_OBJ_OVERLAP"
    yield "overlap_header", set_sec(b, "code", off=16), "E_OBJ_OVERLAP"
    d = bytearray(b)
    d[str_off + str_len - 1] = ord("x")
    yield "strtab_unterminated", bytes(d), "E_OBJ_STRING"
    yield "name_out_of_range", put32(b, entry(b, "funcs", 12, 0, 0), 0x7FFFFFFF), "E_OBJ_STRING"
    d = bytearray(b)
    d[sec(b, "types")[0]] = 0x7F
    yield "type_bad_kind", bytes(d), "E_OBJ_TYPE"
    yield "func_sig_out_of_range", put32(b, entry(b, "funcs", 12, 0, 2), 9999), "E_OBJ_INDEX"
    yield "func_not_at_zero", put32(b, entry(b, "funcs", 12, 0, 1), 1), "E_OBJ_ORDER"
    yield "label_outside_code", put32(b, entry(b, "labels", 20, 0, 1), code_len + 5), "E_OBJ_LABEL"
    yield "label_unsorted", put32(b, entry(b, "labels", 20, 1, 1), 1), "E_OBJ_ORDER"
    yield "label_esp_positive", put32(b, entry(b, "labels", 20, 0, 2), 4), "E_OBJ_LABEL"
    yield "label_esp_huge", put32(b, entry(b, "labels", 20, 0, 2), 0x80000000), "E_OBJ_LABEL"
    yield "label_items_range", put32(b, entry(b, "labels", 20, 0, 4), 0x7FFFFFFF), "E_OBJ_INDEX"
    yield "item_esp_register", put32(b, entry(b, "items", 12, 0, 0), 4), "E_OBJ_LABEL"
    yield "item_slot_outside", put32(put32(b, entry(b, "items", 12, 0, 0), 8),
                                      entry(b, "items", 12, 0, 1), 64), "E_OBJ_LABEL"
    yield "item_type_range", put32(b, entry(b, "items", 12, 0, 2), 5000), "E_OBJ_INDEX"
    yield "reloc_index_range", put32(b, entry(b, "relocs", 12, 0, 2), 7), "E_OBJ_INDEX"
    yield "reloc_bad_kind", put32(b, entry(b, "relocs", 12, 0, 1), 9), "E_OBJ_INDEX"
    # Indexes equal to the table's length: one past the last entry.
    yield "reloc_global_one_past", put32(b, entry(b, "relocs", 12, 0, 2),
                                         sec(b, "globals")[1]), "E_OBJ_INDEX"
    yield "reloc_import_one_past", put32(put32(b, entry(b, "relocs", 12, 0, 1), 2),
                                         entry(b, "relocs", 12, 0, 2),
                                         sec(b, "imports")[1]), "E_OBJ_INDEX"
    yield "reloc_past_code", put32(b, entry(b, "relocs", 12, 0, 0), code_len - 2), "E_OBJ_ORDER"
    yield "reloc_misplaced", put32(b, entry(b, "relocs", 12, 0, 0), 3), "E_RELOC_MISPLACED"
    yield "export_func_range", put32(b, entry(b, "exports", 8, 0, 1), 3), "E_OBJ_INDEX"
    yield "handler_range", put32(b, 8, 5), "E_OBJ_INDEX"
    yield "global_misaligned", put32(b, entry(b, "globals", 16, 0, 3), 2), "E_OBJ_ALIGN"
    yield "global_past_data", put32(b, entry(b, "globals", 16, 0, 3), 64), "E_OBJ_GLOBAL"
    yield "global_bad_section", put32(b, entry(b, "globals", 16, 0, 2), 0), "E_OBJ_GLOBAL"
    yield "global_not_memtype", put32(b, entry(b, "globals", 16, 0, 1), 0), "E_OBJ_INDEX"
    yield "code_bytes_flipped", put32(b, code_off, 0xFAFAFAFA), "E_FORBIDDEN"
