"""One pass over a parsed Go file: its package and imports, scopes and what each name is bound
to, calls, returns, and the names used as values.

As in every tree-sitter front end, the nodes that matter are found by one query (in C) and put
in their scopes by a sweep over byte ranges. Scopes are functions (declared or literal); a
block's `x := ...` is put in its function's scope, so a name declared in two blocks has two
bindings and is unknown, never the wrong one. The file's scope holds its package-level names;
the evaluator looks in the other files of the package for the names a file does not declare.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import tree_sitter as ts

from . import parse
from .literals import string_value

# Binding kinds
ASSIGN, PARAM, DEF, OTHER = "assign", "param", "def", "other"

FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})

_QUERY = """
[(function_declaration) (method_declaration) (func_literal)] @scope
(if_statement consequence: (_) @branch)
(if_statement alternative: (_) @branch)
[(for_statement) (expression_case) (default_case) (type_case) (communication_case)
 (select_statement) (go_statement) (defer_statement)] @branch
(binary_expression operator: ["&&" "||"] right: (_) @branch)
(import_spec) @import
(const_spec) @const
(var_spec) @var
(short_var_declaration) @short
(range_clause left: (expression_list (identifier) @other))
(type_switch_statement alias: (expression_list (identifier) @other))
(receive_statement left: (expression_list (identifier) @other))
(assignment_statement left: (expression_list (_) @assigned))
(inc_statement (_) @assigned)
(dec_statement (_) @assigned)
(call_expression) @call
(return_statement) @return
(argument_list (identifier) @escape)
(short_var_declaration right: (expression_list (identifier) @escape))
(assignment_statement right: (expression_list (identifier) @escape))
(var_spec value: (expression_list (identifier) @escape))
(return_statement (expression_list (identifier) @escape))
(unary_expression operator: "&" operand: (identifier) @address)
(literal_element (identifier) @passed)
(expression_list (identifier) @passed)
"""
_ORDER = {name: i for i, name in enumerate((
    "scope", "branch", "import", "const", "var", "short", "other", "assigned", "call", "return",
    "escape", "address", "passed"))}


@dataclass(frozen=True, eq=False)
class Binding:
    kind: str
    node: Any  # ASSIGN: the value expression; PARAM: its position; DEF: the function
    scope: "Scope"
    index: int | None = None  # ASSIGN: which of a call's results (`api, err := ...`)


@dataclass(eq=False)
class Scope:
    kind: str  # file | function
    node: ts.Node
    parent: "Scope | None"
    source: "Source"
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    returns: list[ts.Node] = field(default_factory=list)  # its return statements

    def bind(self, name: str, kind: str, node: Any, index: int | None = None) -> None:
        if name != "_":
            self.bindings.setdefault(name, []).append(Binding(kind, node, self, index))

    def lookup(self, name: str) -> list[Binding] | None:
        """The bindings of a name in this file (its functions and package-level names)."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings:
                return scope.bindings[name]
            scope = scope.parent
        return None


@dataclass(frozen=True, eq=False)
class CallRecord:
    node: ts.Node  # call_expression
    scope: Scope
    exact: bool  # runs once each time its function runs (not in a loop, branch or case)


@dataclass(eq=False)
class Source:
    path: Path
    data: bytes
    tree: ts.Tree
    package: str = ""
    imports: dict[str, str] = field(default_factory=dict)  # local name -> import path
    scope: Scope = field(init=False)
    scopes: dict[ts.Node, Scope] = field(default_factory=dict)  # function node -> scope
    calls: dict[str, list[CallRecord]] = field(default_factory=dict)  # by callee's last name
    passed: set[str] = field(default_factory=set)  # names used as values
    # how often a name is passed to a call, assigned or returned (a pointer, a map or a slice
    # may then be changed through the copy), and how often its address is taken (`&x`: any
    # variable may then be changed through the pointer)
    escapes: Counter = field(default_factory=Counter)
    addressed: Counter = field(default_factory=Counter)


def callee_name(call: ts.Node) -> str | None:
    func = call.child_by_field_name("function")
    if func is not None and func.type == "identifier":
        return func.text.decode()
    if func is not None and func.type == "selector_expression":
        name = func.child_by_field_name("field")
        return name.text.decode() if name is not None else None
    return None


def index(path: Path, data: bytes, tree: ts.Tree) -> Source:
    source = Source(path, data, tree)
    source.scope = Scope("file", tree.root_node, None, source)
    package = next((c for c in tree.root_node.named_children if c.type == "package_clause"),
                   None)
    if package is not None and package.named_children:
        source.package = package.named_children[0].text.decode()
    events = sorted(((n.start_byte, -n.end_byte, _ORDER[name], name, n)
                     for name, nodes in parse.captures(tree, _QUERY).items() for n in nodes),
                    key=lambda e: e[:3])
    stack: list[tuple[int, Scope, int]] = []  # open containers: (end, scope, inexact)
    scope, inexact = source.scope, 0
    assigned: list[tuple[str, Scope]] = []
    for start, negative_end, _, name, node in events:
        while stack and stack[-1][0] <= start:
            stack.pop()
            scope, inexact = stack[-1][1:] if stack else (source.scope, 0)
        if name == "scope":
            scope, inexact = _open_scope(source, node, scope), 0
            stack.append((-negative_end, scope, inexact))
        elif name == "branch":
            inexact += 1
            stack.append((-negative_end, scope, inexact))
        elif name == "import":
            _import(source, node)
        elif name in ("const", "var"):
            _declare(scope, node, constant=name == "const")
        elif name == "short":
            _short(scope, node)
        elif name == "other":
            scope.bind(node.text.decode(), OTHER, node)
        elif name == "assigned":
            root = _root(node)
            if root is not None:
                assigned.append((root, scope))
        elif name == "call":
            called = callee_name(node)
            if called is not None:
                source.calls.setdefault(called, []).append(CallRecord(node, scope, not inexact))
        elif name == "return":
            scope.returns.append(node)
        else:  # escape, address, passed
            source.passed.add(node.text.decode())
            if name != "passed":
                (source.escapes if name == "escape" else source.addressed)[
                    node.text.decode()] += 1
    for name, where in assigned:  # `x = ...`, `x.f = ...`, `x[k] = ...` change the x they see
        owner = next((s for s in _chain(where) if name in s.bindings), source.scope)
        owner.bind(name, OTHER, None)
    return source


def _chain(scope: Scope | None) -> Iterator[Scope]:
    while scope is not None:
        yield scope
        scope = scope.parent


def _root(node: ts.Node) -> str | None:
    """The variable an assignment's target changes (`x`, `x.f`, `x[k]`, `*x`)."""
    for _ in range(100):
        if node.type == "identifier":
            return node.text.decode()
        inner = node.child_by_field_name("operand") if node.type in (
            "selector_expression", "index_expression", "unary_expression") else \
            node.named_children[0] if node.type == "parenthesized_expression" and \
            node.named_children else None
        if inner is None:
            return None
        node = inner
    return None


def _open_scope(source: Source, node: ts.Node, outer: Scope) -> Scope:
    named = node.child_by_field_name("name")
    if node.type == "function_declaration" and named is not None:
        outer.bind(named.text.decode(), DEF, node)
    inner = Scope("function", node, outer, source)
    source.scopes[node] = inner
    receiver = node.child_by_field_name("receiver")
    for part in receiver.named_children if receiver is not None else ():
        for name in _names(part):
            inner.bind(name, OTHER, part)
    params = node.child_by_field_name("parameters")
    position = 0
    for part in params.named_children if params is not None else ():
        names = _names(part)
        for name in names:  # a variadic parameter is a slice of what calls pass: not followed
            inner.bind(name, PARAM if part.type == "parameter_declaration" else OTHER, position)
            position += 1
        position += not names  # an unnamed parameter still takes an argument
    result = node.child_by_field_name("result")
    if result is not None and result.type == "parameter_list":
        for part in result.named_children:
            for name in _names(part):
                inner.bind(name, OTHER, part)
    return inner


def _names(declaration: ts.Node) -> list[str]:
    return [c.text.decode() for c in declaration.children_by_field_name("name")]


def _values(node: ts.Node, field_name: str) -> list[ts.Node]:
    values = node.child_by_field_name(field_name)
    return [v for v in values.named_children if v.type != "comment"] if values is not None \
        else []


def _bind_all(scope: Scope, names: list[str], values: list[ts.Node], where: ts.Node) -> None:
    """`a, b = x, y` binds one value each; `a, b = f()` the results of one call."""
    for i, name in enumerate(names):
        if len(values) == len(names):
            scope.bind(name, ASSIGN, values[i], 0 if values[i].type == "call_expression"
                       else None)
        elif len(values) == 1 and values[0].type == "call_expression":
            scope.bind(name, ASSIGN, values[0], i)
        else:
            scope.bind(name, OTHER, where)


def _declare(scope: Scope, spec: ts.Node, constant: bool) -> None:
    names = _names(spec)
    values = _values(spec, "value")
    if values:
        _bind_all(scope, names, values, spec)
    else:  # a const repeating the one before (iota), a var's zero value: not followed
        for name in names:
            scope.bind(name, OTHER, spec)


def _short(scope: Scope, node: ts.Node) -> None:
    left = _values(node, "left")
    names = [n.text.decode() if n.type == "identifier" else "_" for n in left]
    _bind_all(scope, names, _values(node, "right"), node)


def _import(source: Source, spec: ts.Node) -> None:
    path = string_value(spec.child_by_field_name("path"))
    named = spec.child_by_field_name("name")
    if path is None:
        return
    if named is None:
        # the package's name is its path's last element (a `/vN` major version aside)
        parts = [p for p in path.split("/") if p]
        last = parts[-2] if len(parts) > 1 and parts[-1][:1] == "v" and parts[-1][1:].isdigit() \
            else parts[-1] if parts else path
        source.imports[last.replace("-", "_")] = path
    elif named.type == "package_identifier":  # `.` and `_` imports bind no name
        source.imports[named.text.decode()] = path
