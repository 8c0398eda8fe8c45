#!/usr/bin/env python3
"""Random Popcorn program generator for the popc certifying check.

program(seed) returns the text of a well-typed program using every part of
the language: globals (ints, arrays, structs with nullable links), helper
functions calling earlier ones (never recursive), interfaces, all
operators, loops, break/continue, try/catch, throw and returns; one
function in five is at the frame limit and may raise (edge()). The same
seed always gives the same program. Run alone to print one:
    python3 tests/popc/gen.py SEED
"""
import random
import sys

BIN = ["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>",
       "<", "<=", ">", ">=", "==", "!=", "&&", "||"]
COMPOUND = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.arrays = []     # (name, length)
        self.ints = []
        self.funcs = []      # (name, nparams, kind) kind: int | ref | nref | void
        self.names = 0       # counter for unique variable names

    def pick(self, xs):
        return self.r.choice(xs)

    # ---- expressions over the variables in scope ----
    def expr(self, scope, depth):
        return self.expr_c(scope, depth)[0]

    def expr_c(self, scope, depth):
        """An expression and whether it is constant: popc folds constants
        exactly and refuses one that overflows, so arithmetic between two
        constants gets its right side through trace() (same value, not
        constant)."""
        r = self.r.random()
        if depth <= 0 or r < 0.25:
            a = self.atom(scope)
            return a, a not in scope and a not in self.ints
        if r < 0.55:
            op = self.pick(BIN)
            rhs, rc = self.expr_c(scope, depth - 1)
            if op in ("/", "%"):
                rhs = f"({rhs} | 1)"        # a constant divisor must not fold to 0
            lhs, lc = self.expr_c(scope, depth - 1)
            if lc and rc and op in ("+", "-", "*", "/", "%"):
                rhs, rc = f"trace({rhs})", False
            return f"({lhs} {op} {rhs})", lc and rc
        if r < 0.62:
            a = self.atom(scope)
            return f"{self.pick(['-', '!', '~'])}({a})", a not in scope and a not in self.ints
        if r < 0.75 and self.arrays:
            name, n = self.pick(self.arrays)
            return f"{name}[{self.index(scope, depth - 1, n)}]", False
        if r < 0.82:
            return f"{self.pick(['cell', 'spare'])}.{self.pick(['a', 'b'])}", False
        if r < 0.87:
            return f"{self.pick(['cell', 'spare'])}.next.a", False
        if r < 0.95 and self.funcs:
            f = self.pick([f for f in self.funcs if f[2] == "int"] or [None])
            if f:
                args = ", ".join(self.expr(scope, depth - 1) for _ in range(f[1]))
                return f"{f[0]}({args})", False
        return f"trace({self.expr(scope, depth - 1)})", False

    def index(self, scope, depth, n):
        """An index of an array of N (a power of two): a constant in range,
        or any expression masked so that constant folding stays in range."""
        if self.r.random() < 0.3:
            return str(self.r.randrange(0, n))
        return f"({self.expr(scope, depth)} & {n - 1})"

    def atom(self, scope):
        r = self.r.random()
        if r < 0.4 and scope:
            return self.pick(scope)
        if r < 0.55 and self.ints:
            return self.pick(self.ints)
        if r < 0.6:
            return self.pick(["EXC_BOUNDS", "K", "true", "false"])
        return str(self.r.choice([0, 1, 2, 3, 7, -1, 100, 0x7fffffff, -5]))

    def lvalue(self, scope):
        r = self.r.random()
        if r < 0.5 and scope:
            return self.pick(scope)
        if r < 0.7 and self.arrays:
            name, n = self.pick(self.arrays)
            return f"{name}[{self.index(scope, 1, n)}]"
        if r < 0.85:
            return f"{self.pick(['cell', 'spare'])}.{self.pick(['a', 'b'])}"
        return self.pick(self.ints)

    # ---- statements ----
    def block(self, scope, depth, ind, in_loop, fkind):
        scope = list(scope)
        out = []
        for _ in range(self.r.randrange(1, 5)):
            out += self.stmt(scope, depth, ind, in_loop, fkind)
        return out

    def stmt(self, scope, depth, ind, in_loop, fkind):
        p = "\t" * ind
        r = self.r.random()
        if r < 0.15:
            self.names += 1
            v = f"v{self.names}"
            line = [f"{p}int {v} = {self.expr(scope, 2)};"]
            scope.append(v)
            return line
        if r < 0.45 or depth <= 0:
            op = self.pick(COMPOUND)
            rhs = self.expr(scope, 2)
            if op in ("/=", "%="):
                rhs = f"({rhs} | 1)"
            return [f"{p}{self.lvalue(scope)} {op} {rhs};"]
        if r < 0.55:
            out = [f"{p}if ({self.expr(scope, 2)}) {{"]
            out += self.block(scope, depth - 1, ind + 1, in_loop, fkind)
            if self.r.random() < 0.5:
                out += [f"{p}}} else {{"] + self.block(scope, depth - 1, ind + 1, in_loop, fkind)
            return out + [f"{p}}}"]
        if r < 0.65:
            self.names += 1
            c = f"c{self.names}"
            out = [f"{p}for (int {c} = 0; {c} < {self.r.randrange(1, 6)}; {c}++) {{"]
            out += self.block(scope + [c], depth - 1, ind + 1, True, fkind)
            return out + [f"{p}}}"]
        if r < 0.7:
            self.names += 1
            w = f"w{self.names}"
            out = [f"{p}int {w} = 3;", f"{p}while ({w} > 0 && {self.expr(scope, 1)} != 12345) {{",
                   f"{p}\t{w}--;"]
            out += self.block(scope + [w], depth - 1, ind + 1, True, fkind)
            scope.append(w)
            return out + [f"{p}}}"]
        if r < 0.78:
            self.names += 1
            e = f"e{self.names}"
            out = [f"{p}try {{"] + self.block(scope, depth - 1, ind + 1, in_loop, fkind)
            out += [f"{p}}} catch ({e}) {{"] + self.block(scope + [e], depth - 1, ind + 1, in_loop, fkind)
            return out + [f"{p}}}"]
        if r < 0.82 and in_loop:
            return [f"{p}if ({self.expr(scope, 1)}) {self.pick(['break', 'continue'])};"]
        if r < 0.85:
            return [f"{p}if ({self.expr(scope, 1)}) throw {self.r.randrange(1, 50)};"]
        if r < 0.9:
            return [f"{p}if ({self.expr(scope, 1)}) {self.ret(scope, fkind)}"]
        if r < 0.95:
            return [f"{p}cell.next = {self.pick(['cell', 'spare', 'null', 'cell.next'])};"]
        return [f"{p}raise_event(\"ev{self.r.randrange(10)}\", {self.expr(scope, 2)});"]

    def ret(self, scope, fkind):
        if fkind == "void":
            return "return;"
        if fkind == "ref":
            return f"return {self.pick(['cell', 'spare'])};"
        if fkind == "nref":
            return f"return {self.pick(['cell', 'spare', 'null', 'cell.next'])};"
        return f"return {self.expr(scope, 2)};"

    def edge(self, params):
        """The start of a function at the frame limit (TAL_MAX_FRAME_SLOTS):
        48 to 62 locals, and operations that may raise (a division by a
        variable, an unchecked index, a nullable field, a throw), so the raise
        path and its pushed word are there too. popc must compile it to
        verified code or refuse it for its frame ("needs N stack slots")."""
        scope = list(params)
        out = []
        var = (params or self.ints)[0]
        for _ in range(self.r.randrange(48, 63)):
            self.names += 1
            v = f"z{self.names}"
            out.append(f"\tint {v} = {self.expr(scope, 1)};")
            scope.append(v)
        pick = self.pick(scope)
        name, n = self.pick(self.arrays)
        out += [f"\t{pick} = {self.pick(scope)} / {var};",
                f"\t{pick} += {name}[{var}] + cell.next.a;",
                f"\tif ({self.pick(scope)} == 77) throw 9;"]
        total = " + ".join(scope[len(params):])
        out.append(f"\ttrace({total});")
        return out, scope

    def function(self, i, exported):
        kind = "int" if exported else self.pick(["int", "int", "ref", "nref", "void"])
        n = self.r.randrange(0, 4)
        params = [f"p{j}" for j in range(n)]
        rtype = {"int": "int", "ref": "struct pair", "nref": "struct pair?", "void": "void"}[kind]
        name = f"f{i}"
        head = f"{'export ' if exported else ''}{rtype} {name}({', '.join('int ' + q for q in params)}) {{"
        body, scope = [], params
        if self.r.random() < 0.2:
            body, scope = self.edge(params)
        body += self.block(scope, 3, 1, False, kind)
        body.append("\t" + self.ret(params, kind))
        self.funcs.append((name, n, kind))
        return [head] + body + ["}", ""]

    def program(self):
        out = ["// Generated by tests/popc/gen.py: must compile and verify.",
               "// expect: f0() = 0", "const int K = 5;",
               "struct pair { int a; int b; struct pair? next; };",
               "struct pair cell = {1, 2, null};", "struct pair spare;"]
        for i in range(self.r.randrange(1, 4)):
            n = self.r.choice([1, 4, 16])
            self.arrays.append((f"arr{i}", n))
            out.append(f"int arr{i}[{n}] = {{{', '.join(str(self.r.randrange(9)) for _ in range(min(n, 3)))}}};")
        for i in range(self.r.randrange(1, 4)):
            self.ints.append(f"g{i}")
            out.append(f"int g{i} = {self.r.randrange(-9, 9)};")
        out.append("")
        nf = self.r.randrange(1, 6)
        for i in range(nf):
            out += self.function(i, exported=(i == nf - 1 or self.r.random() < 0.3))
        return "\n".join(out) + "\n"


def program(seed):
    return Gen(seed).program()


if __name__ == "__main__":
    print(program(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
