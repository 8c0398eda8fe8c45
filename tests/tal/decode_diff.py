#!/usr/bin/env python3
"""The verifier's decoder checked against binutils' disassembler.

Usage: decode_diff.py PROBE OUTDIR [SEED]   (SEED also from TAL_DECODE_SEED)

Generates byte sequences, decodes each with the verifier's decoder (PROBE,
tests/tal/decode_probe.c, which also runs the fuzzer oracle's decoder) and
with `objdump -D -b binary -m i386 -M intel`,
and compares. Every sequence sits at the start of a slot of STRIDE bytes
whose tail is nops (0x90): any instruction objdump decodes from the
sequence's own bytes ends within 15 bytes, and from then on it decodes one
nop per byte, so it is back on a slot start at the next slot. One probe run
and one objdump run cover all the slots.

Groups of sequences:
  onebyte   every one-byte opcode with every ModRM byte
  twobyte   every 0F xx opcode with every ModRM byte
  sib       every opcode with an accepted ModRM form, with every SIB byte
            under mod 0, 1 and 2 (so every displacement size), the reg
            field varied so every /digit meets every SIB base
  prefix    each prefix byte before one instance of every accepted form
  random    random sequences (SEED printed; a first byte from the subset
            half of the time, a prefix in front one time in eight)

Per group, two tests:
  GROUP.accepted   for each sequence the verifier accepts: objdump decodes
                   an instruction of the same length, not (bad), with the
                   same mnemonic and operands (canonical form, see the
                   probe), and every shorter end of code truncates it
  GROUP.forbidden  for each E_FORBIDDEN/E_INDIRECT verdict: the name the
                   verifier gives matches what objdump decodes there (an
                   invalid encoding is allowed only for the names marked so)
and two more tests: oracle-decoder, the fuzzer oracle's own decoder
(tests/tal/oracle.c) accepts exactly the sequences the verifier accepts,
with objdump's lengths, except memory writes other than mov, which it
refuses (the verifier's typing rules refuse them too); and coverage, the
opcodes accepted in onebyte/twobyte are exactly those of tal/SPEC.md's
subset table.
Prints `pass tal-decode.TEST ...` or `FAIL tal-decode.TEST: ...` and
`tal-decode: N passed, M failed` last.
"""
import os
import random
import re
import subprocess
import sys

STRIDE = 24
OBJDUMP = os.environ.get("OBJDUMP", "i686-linux-gnu-objdump")
PREFIXES = [0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3]

# The subset of tal/SPEC.md: one-byte opcodes and 0F xx opcodes with at
# least one accepted form.
SPEC_ONE = ({0x01, 0x03, 0x09, 0x0B, 0x21, 0x23, 0x29, 0x2B, 0x31, 0x33, 0x39, 0x3B,
             0x68, 0x69, 0x6A, 0x6B, 0x81, 0x83, 0x85, 0x88, 0x89, 0x8B, 0x90, 0x99,
             0xC1, 0xC3, 0xC7, 0xD3, 0xE8, 0xE9, 0xEB, 0xF7, 0xFF}
            | set(range(0x40, 0x60)) | set(range(0x70, 0x80)) | set(range(0xB8, 0xC0)))
SPEC_0F = set(range(0x80, 0xA0)) | {0xAF, 0xB6}

SEGS = r"(es|cs|ss|ds|fs|gs)"
# The prefix names: objdump must take the first byte as a prefix, either
# printed alone or as part of a longer instruction.
PREFIX_NAMES = {"segment override prefix", "operand-size prefix", "address-size prefix",
                "lock prefix", "rep prefix"}
LONE_PREFIX = r"^(es|cs|ss|ds|fs|gs|data16|addr16|lock|repz|repnz|rep|notrack|bnd)$"
# The name of each other forbidden or indirect verdict -> (a regex the
# objdump text at the slot start must match, whether objdump may call it
# (bad): the opcode is that instruction's, the form an invalid one).
NAMES = {
    "hlt": (r"^hlt$", False),
    "cli": (r"^cli$", False),
    "sti": (r"^sti$", False),
    "in": (r"^in\s+(al|eax),", False),
    "out": (r"^out\s+\S+,(al|eax)$", False),
    "ins": (r"^ins\s", False),
    "outs": (r"^outs\s", False),
    "int3": (r"^int3$", False),
    "int": (r"^int\s+0x[0-9a-f]+$", False),
    "into": (r"^into$", False),
    "iret": (r"^iret$", False),
    "movs": (r"^movs\s", False),
    "cmps": (r"^cmps\s", False),
    "stos": (r"^stos\s", False),
    "lods": (r"^lods\s", False),
    "scas": (r"^scas\s", False),
    "far call": (r"^call\s+(0x[0-9a-f]+:0x|FWORD PTR)", True),
    "far jmp": (r"^jmp\s+(0x[0-9a-f]+:0x|FWORD PTR)", True),
    "far ret": (r"^retf\b", False),
    "ret imm16 (callee pops: not cdecl)": (r"^ret\s+0x", False),
    "enter": (r"^enter\s", False),
    "leave": (r"^leave$", False),
    "pushf": (r"^pushf$", False),
    "popf": (r"^popf$", False),
    "pusha": (r"^pusha$", False),
    "popa": (r"^popa$", False),
    "lea": (r"^lea\s", True),
    "mov to or from a segment register": (rf"^mov\s+(({SEGS}|\?),|.*,({SEGS}|\?)$)", True),
    "push or pop of a segment register": (rf"^(push|pop)\s+{SEGS}$", False),
    "floating point": (r"^f\w+", True),
    # 0F 00 and 0F 01: the descriptor-table group and what later CPUs put
    # in its register forms.
    "system table instruction (lgdt, lidt, ...)": (
        r"^(sldt|str|lldt|ltr|verr|verw|[sl][gi]dtd?|smsw|lmsw|invlpga?b?|vm\w+|"
        r"monitorx?|mwaitx?|clac|stac|clgi|stgi|skinit|clzero|encl[suv]|pconfig|"
        r"xgetbv|xsetbv|xend|xtest|swapgs|rdtscp|rdpkru|wrpkru|rdpru|serialize|"
        r"tlbsync|wrmsrns)(\s|$)", True),
    "clts": (r"^clts$", False),
    "invd/wbinvd": (r"^(invd|wbinvd)$", False),
    "ud2": (r"^ud2$", False),
    "mov to or from a control or debug register": (r"^mov\s+((cr|db|dr)\d,|.*,(cr|db|dr)\d$)",
                                                   True),
    "wrmsr": (r"^wrmsr$", False),
    "rdtsc": (r"^rdtsc$", False),
    "rdmsr": (r"^rdmsr$", False),
    "sysenter/sysexit": (r"^(sysenter|sysexit)$", False),
    "cpuid": (r"^cpuid$", False),
    "indirect call": (r"^call\s+(DWORD PTR |[a-z]{3}$)", False),
    "indirect jmp": (r"^jmp\s+(DWORD PTR |[a-z]{3}$)", False),
}

REG32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"]
REG8 = ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"]


def slot(seq):
    """SEQ padded with nops to one slot."""
    return bytes(seq) + b"\x90" * (STRIDE - len(seq))


def run_probe(probe, path):
    """Per slot: (the oracle's length or refusal, [verdict, length, trunc,
    canon or name]) as the probe prints them."""
    r = subprocess.run([probe, str(STRIDE), path], capture_output=True, text=True, check=True)
    return [(f[0], f[1:]) for f in (line.split(" ", 4) for line in r.stdout.splitlines())]


def run_objdump(path, nslots):
    """Per slot: (length, text) of the instruction objdump decodes at the
    slot's start, or None when none starts there. The length is the
    distance to the next instruction's address."""
    r = subprocess.run([OBJDUMP, "-D", "-b", "binary", "-m", "i386", "-M", "intel",
                        "--no-show-raw-insn", path], capture_output=True, text=True, check=True)
    found = [None] * nslots
    prev = None
    for line in r.stdout.splitlines():
        head, sep, rest = line.partition(":\t")
        if not sep:
            continue
        try:
            addr = int(head, 16)
        except ValueError:
            continue
        if prev is not None:
            found[prev[0]] = (addr - prev[1], prev[2])
            prev = None
        if addr % STRIDE == 0:
            text = rest.strip()
            prev = (addr // STRIDE, addr, " ".join(text.split(None, 1)) if text else "")
    if prev is not None:
        found[prev[0]] = (nslots * STRIDE - prev[1], prev[2])
    return found


def mem_canon(text):
    """objdump's memory operand TEXT in the probe's canonical form, or None."""
    size = {"BYTE": "m1", "DWORD": "m4"}.get(text.split(" ", 1)[0])
    if size is None or " PTR " not in text:
        return None
    addr = text.split(" PTR ", 1)[1]
    if addr.startswith("ds:0x"):
        return f"{size}[-,-,-,0x{int(addr[3:], 16) & 0xFFFFFFFF:x}]"
    if not (addr.startswith("[") and addr.endswith("]")):
        return None
    base = index = scale = None
    disp = 0
    for sign, term in re.findall(r"([+-]?)([^+-]+)", addr[1:-1]):
        if "*" in term:
            reg, s = term.split("*")
            if reg != "eiz":
                index, scale = reg, s
        elif term in REG32:
            base = term
        elif term.startswith("0x"):
            disp = -int(term, 16) if sign == "-" else int(term, 16)
        else:
            return None
    return f"{size}[{base or '-'},{index or '-'},{scale or '-'},0x{disp & 0xFFFFFFFF:x}]"


def objdump_canon(text, at):
    """objdump's instruction TEXT at slot offset AT in the probe's canonical
    syntax (jump targets made relative to the slot), or None."""
    mnem, _, ops = text.partition(" ")
    out = []
    for op in (ops.split(",") if ops else []):
        if op in REG32 or op in REG8:
            out.append(op)
        elif re.fullmatch(r"0x[0-9a-f]+", op):
            v = int(op, 16)
            if mnem in ("call", "jmp") or mnem.startswith("j"):
                v -= at
            out.append(f"0x{v & 0xFFFFFFFF:x}")
        else:
            m = mem_canon(op)
            if m is None:
                return None
            out.append(m)
    return mnem + (" " + ",".join(out) if out else "")


def generate(probe, outdir, rng):
    """The sequences of every group: a list of (group, bytes)."""
    cases = [("onebyte", [b, m, 0x00]) for b in range(256) if b != 0x0F for m in range(256)]
    cases += [("twobyte", [0x0F, b, m, 0x00]) for b in range(256) for m in range(256)]
    # Which opcodes have an accepted ModRM form, and one accepted instance
    # of each opcode (for the prefix group).
    path = os.path.join(outdir, "pass1.bin")
    with open(path, "wb") as f:
        for _, seq in cases:
            f.write(slot(seq))
    lengths, instances = {}, {}
    for (_, seq), (_, res) in zip(cases, run_probe(probe, path)):
        if res[0] == "ok":
            op = tuple(seq[:-2])
            instances.setdefault(op, seq)
            lengths.setdefault(op, set()).add(res[1])
    # An opcode reads a ModRM byte when its accepted length depends on it.
    modrm_ops = {op for op, lens in lengths.items() if len(lens) > 1}
    for op in sorted(modrm_ops):
        for mod in range(3):
            for sib in range(256):
                reg = ((sib >> 6) + (sib >> 3) + sib + mod) & 7
                cases.append(("sib", list(op) + [mod << 6 | reg << 3 | 4, sib]))
    for p in PREFIXES:
        cases += [("prefix", [p] + seq) for seq in instances.values()]
    subset = sorted(SPEC_ONE)
    for _ in range(20000):
        seq = [rng.choice(subset) if rng.random() < 0.5 else rng.randrange(256)]
        if rng.random() < 0.125:
            seq.insert(0, rng.choice(PREFIXES))
        seq += [rng.randrange(256) for _ in range(8 - len(seq))]
        cases.append(("random", seq))
    return cases


def check_accepted(res, od, at):
    """Why an accepted sequence disagrees with objdump, or None."""
    length, trunc, canon = int(res[1]), res[2], res[3]
    if od is None:
        return "objdump did not decode an instruction at the slot start"
    if od[1].startswith("(bad)"):
        return f"accepted `{canon}` ({length} bytes), objdump: (bad)"
    if od[0] != length:
        return f"length {length} `{canon}`, objdump {od[0]} `{od[1]}`"
    theirs = objdump_canon(od[1], at)
    if theirs != canon:
        return f"decoded `{canon}`, objdump `{od[1]}` (canonical `{theirs}`)"
    if trunc != "cut":
        return f"`{canon}` ({length} bytes) not truncated at end {trunc[6:]}"
    return None


def check_oracle(oracle, res, od):
    """Why the fuzzer oracle's decoder disagrees with the verifier's subset
    or with objdump's length, or None. The oracle refuses memory writes
    other than mov, which the verifier's typing rules refuse too."""
    if oracle == "mem":
        return None
    if oracle == "-":
        return f"the verifier decodes `{res[3]}`, the oracle refuses it" if res[0] == "ok" else None
    if res[0] != "ok":
        return f"the oracle accepts ({oracle} bytes) what the verifier calls {res[0]}"
    if od is None or int(oracle) != od[0]:
        return f"the oracle's length {oracle}, objdump's {od and od[0]} `{od and od[1]}`"
    return None


def check_forbidden(res, od):
    """Why a forbidden verdict does not name what objdump decodes, or None."""
    what = res[3]
    if what in PREFIX_NAMES:
        if od is None or od[0] >= 2 or re.match(LONE_PREFIX, od[1]) or od[1] == "(bad)":
            return None if od else "objdump did not decode an instruction at the slot start"
        return f"named `{what}`, objdump `{od[1]}` ({od[0]} byte)"
    if what not in NAMES:
        return f"forbidden name `{what}` has no objdump pattern in decode_diff.py"
    if od is None:
        return "objdump did not decode an instruction at the slot start"
    pattern, bad_ok = NAMES[what]
    if od[1].startswith("(bad)") and bad_ok:
        return None
    if not re.search(pattern, od[1]):
        return f"named `{what}`, objdump `{od[1]}`"
    return None


def main(probe, outdir, seed):
    os.makedirs(outdir, exist_ok=True)
    print(f"tal-decode: seed {seed} (set with TAL_DECODE_SEED=N)")
    cases = generate(probe, outdir, random.Random(seed))
    path = os.path.join(outdir, "slots.bin")
    with open(path, "wb") as f:
        for _, seq in cases:
            f.write(slot(seq))
    probed = run_probe(probe, path)
    dumped = run_objdump(path, len(cases))
    if len(probed) != len(cases):
        print(f"FAIL tal-decode.probe: {len(probed)} lines for {len(cases)} sequences")
        print("tal-decode: 0 passed, 1 failed")
        return 1
    groups = ["onebyte", "twobyte", "sib", "prefix", "random"]
    stats = {g: {"n": 0, "ok": 0, "forbidden": 0, "unknown": 0, "bad_ok": 0,
                 "acc_fail": [], "forb_fail": []} for g in groups}
    accepted_ops = set()
    oracle_fail, oracle_mem = [], 0
    for i, ((group, seq), (oracle, res), od) in enumerate(zip(cases, probed, dumped)):
        st = stats[group]
        st["n"] += 1
        hexs = " ".join(f"{b:02x}" for b in seq)
        why = check_oracle(oracle, res, od)
        if why:
            oracle_fail.append(f"{hexs}: {why}")
        oracle_mem += oracle == "mem" and res[0] == "ok"
        if res[0] == "ok":
            st["ok"] += 1
            if group in ("onebyte", "twobyte"):
                accepted_ops.add(tuple(seq[:-2]))
            why = check_accepted(res, od, i * STRIDE)
            if why:
                st["acc_fail"].append(f"{hexs}: {why}")
        elif res[0] in ("forbidden", "indirect"):
            st["forbidden"] += 1
            why = check_forbidden(res, od)
            if why:
                st["forb_fail"].append(f"{hexs}: {why}")
            elif od and od[1].startswith("(bad)"):
                st["bad_ok"] += 1
        else:
            st["unknown"] += 1
    passed = failed = 0

    def report(name, fails, summary, what="sequences disagree with objdump"):
        nonlocal passed, failed
        if fails:
            failed += 1
            print(f"FAIL tal-decode.{name}: {len(fails)} {what}")
            for line in fails[:8]:
                print(f"    {line}")
        else:
            passed += 1
            print(f"pass tal-decode.{name} ({summary})")

    for g in groups:
        st = stats[g]
        if g == "prefix":
            if st["ok"]:
                st["acc_fail"].append(f"{st['ok']} prefixed sequences accepted")
            report("prefix.refused", st["acc_fail"],
                   f"{st['n']} sequences, each prefix before each accepted opcode: all refused")
        else:
            if st["ok"] == 0:
                st["acc_fail"].append("no sequence accepted: the group tests nothing")
            report(f"{g}.accepted", st["acc_fail"],
                   f"{st['ok']} of {st['n']} sequences accepted: same length, operands "
                   f"and truncation as objdump")
        report(f"{g}.forbidden", st["forb_fail"],
               f"{st['forbidden']} forbidden verdicts name what objdump decodes, "
               f"{st['bad_ok']} of them invalid encodings; {st['unknown']} unknown")
    report("oracle-decoder", oracle_fail,
           f"{len(cases)} sequences: the fuzzer oracle's decoder accepts the verifier's "
           f"subset with objdump's lengths, less {oracle_mem} memory writes",
           "sequences where the oracle's decoder disagrees")
    spec = {(b,) for b in SPEC_ONE} | {(0x0F, b) for b in SPEC_0F}
    diff = [f"{' '.join(f'{b:02x}' for b in op)}: "
            + ("accepted, not in SPEC.md" if op in accepted_ops else "in SPEC.md, never accepted")
            for op in sorted(spec ^ accepted_ops)]
    report("coverage", diff, f"{len(accepted_ops)} opcodes accepted, as in SPEC.md",
           "opcodes differ from SPEC.md's subset")
    print(f"tal-decode: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    seed = int(sys.argv[3] if len(sys.argv) > 3 else os.environ.get("TAL_DECODE_SEED", "16"))
    sys.exit(main(sys.argv[1], sys.argv[2], seed))
