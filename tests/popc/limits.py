#!/usr/bin/env python3
"""Programs at and just past every limit popc holds a program to.

cases() returns (name, source, error) triples: error is None for a program
that must compile and verify, else (LINE, COL, FRAGMENT) of the error popc
must report (as a `// error:` line of the corpus would say). The limits
are those of include/talos/param.h (TAL_MAX_*, PARAM_EXT_NAMES) and popc's
own (31-character names, POPC_MAX_NEST); docs/popcorn.md lists them all.
Run alone to write the cases into a directory:
    python3 tests/popc/limits.py DIR
"""
import os
import sys

NEST = 256          # POPC_MAX_NEST (tools/popc/popc.h)
NAME = 31           # POPC_NAME_MAX
EXPORTS = 256       # TAL_MAX_EXPORTS
GLOBALS = 4096      # TAL_MAX_GLOBALS
DATA = 1 << 20      # TAL_MAX_DATA_BYTES
NAMES = 32          # PARAM_EXT_NAMES
MEMBERS = 16384     # TAL_MAX_MEMBERS
TYPES = 4096        # TAL_MAX_TYPES


def exports(n):
    return "".join(f"export int e{i}(int x) {{ return x + {i}; }}\n" for i in range(n))


def globals_(n):
    # no string, no exception: the program's own globals are all there are
    return "".join(f"int g{i};\n" for i in range(n)) + "export int f() { return g0; }\n"


def names(n):
    calls = "".join(f'\tset_attribute("a{i}", {i});\n' for i in range(n))
    return "export int f() {\n" + calls + "\treturn 0;\n}\n"


def fields(n):
    body = " ".join(f"int f{i};" for i in range(n))
    return f"struct big {{ {body} }};\nstruct big one;\nexport int f() {{ return one.f0; }}\n"


def functions(n):
    out = [f"int h{i}(int x) {{ return x + {i}; }}\n" for i in range(n)]
    return "".join(out) + "export int f(int x) { return h0(x); }\n"


def chain(depth, nlocals=50):
    """DEPTH functions each calling the one before, each with a big frame."""
    out = []
    for i in range(depth):
        locs = " ".join(f"int v{j} = {j};" for j in range(nlocals))
        call = f"c{i - 1}(x)" if i else "x"
        use = " + ".join(f"v{j}" for j in range(nlocals))
        out.append(f"int c{i}(int x) {{ {locs} return {call} + {use}; }}\n")
    return "".join(out) + f"export int run(int x) {{ return c{depth - 1}(x); }}\n"


def nest_blocks(n):
    return "export int f(int x) {\n" + "{" * n + "x = 1;" + "}" * n + "\nreturn x;\n}\n"


def nest_ifs(n):
    return "export int f(int x) {\n" + "if (x) " * n + "x = 1;\nreturn x;\n}\n"


def nest_parens(n):
    return "export int f(int x) {\nreturn " + "(" * n + "x" + ")" * n + ";\n}\n"


def nest_minus(n):
    return "export int f(int x) {\nreturn " + "- " * n + "x;\n}\n"


def sum_terms(n):
    return "export int f(int x) {\nreturn " + " + ".join(["x"] * n) + ";\n}\n"


def cases():
    c = []
    c.append(("exports_at_limit", exports(EXPORTS), None))
    c.append(("exports_past_limit", exports(EXPORTS + 1),
              (EXPORTS + 1, 12, "too many exports for one TAL object: 257")))
    c.append(("globals_at_limit", globals_(GLOBALS), None))
    c.append(("globals_past_limit", globals_(GLOBALS + 1),
              (GLOBALS + 1, 5, "too many globals for one TAL object: 4097")))
    c.append(("data_at_limit", f"int a[{DATA // 4}];\nexport int f() {{ return a[0]; }}\n", None))
    c.append(("data_past_limit",
              f"int a[{DATA // 4}];\nint b;\nexport int f() {{ return a[0] + b; }}\n",
              (2, 5, "too many bytes of data for one TAL object: 1048580")))
    c.append(("array_wraps", "int a[1073741824];\nexport int f() { return a[0]; }\n",
              (1, 6, "larger than all the data")))
    c.append(("names_at_limit", names(NAMES), None))
    c.append(("names_past_limit", names(NAMES + 1),
              (NAMES + 2, 16, "too many distinct names")))
    long_ok = "n" * NAME
    c.append(("name_at_limit", f"export int {long_ok}(int x) {{ return x; }}\n", None))
    c.append(("name_past_limit", f"export int {long_ok}x(int x) {{ return x; }}\n",
              (1, 12, "a name has at most 31 characters; this one has 32")))
    c.append(("name_8200", f"int {'q' * 8200};\nexport int f() {{ return 0; }}\n",
              (1, 5, "this one has 8200")))
    # a struct name at the limit used in a function with a loop (labels name it)
    s = "s" * NAME
    c.append(("struct_name_loop",
              f"struct {s} {{ int v; struct {s}? next; }};\nstruct {s} one;\n"
              f"export int f(int x) {{ struct {s}? p = one; int n = 0;\n"
              f"\twhile (p != null && n < x) {{ n++; p = p.next; }}\n\treturn n;\n}}\n", None))
    # members: the struct's fields and the export's result
    c.append(("members_at_limit", fields(MEMBERS - 1), None))
    c.append(("members_past_limit", fields(MEMBERS),
              (3, 12, "too many struct fields and signature members")))
    c.append(("functions_near_limit", functions(4000), None))
    c.append(("functions_past_limit", functions(4100),
              (4087, 5, "too many types (one signature per function)")))
    c.append(("stack_chain_ok", chain(20), None))
    c.append(("stack_chain_too_deep", chain(40), (41, 12, "deepest call chain needs more stack")))
    c.append(("nest_blocks_ok", nest_blocks(NEST - 2), None))
    c.append(("nest_blocks_87000", nest_blocks(87000), (2, NEST + 1, "nested too deeply")))
    c.append(("nest_ifs_100000", nest_ifs(100000), (2, 1790, "nested too deeply")))
    # the return statement and its expression are two levels: 254 parentheses
    c.append(("nest_parens_ok", nest_parens(NEST - 2), None))
    c.append(("nest_parens_75000", nest_parens(75000), (2, 263, "nested too deeply")))
    c.append(("nest_minus_11406", nest_minus(11406), (2, 518, "nested too deeply")))
    c.append(("sum_terms_ok", sum_terms(NEST), None))
    c.append(("sum_terms_100000", sum_terms(100000), (2, 1030, "expression too deep")))
    vals = ", ".join(str(i) for i in range(40000))
    c.append(("initialiser_40000", f"int t[40000] = {{{vals}}};\n"
              "export int f(int i) { return t[i & 32767]; }\n", None))
    return c


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(d, exist_ok=True)
    for name, src, err in cases():
        with open(os.path.join(d, name + ".pop"), "w") as f:
            f.write(src)
        print(name, err or "accepted")
