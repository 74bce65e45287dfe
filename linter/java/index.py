"""One pass over a parsed Java file: its package and imports, its types, scopes and what each
name is bound to, and its `new` expressions.

The nodes that matter are found by one tree-sitter query (in C) and put in their scopes by a
sweep over their byte ranges (asking tree-sitter for a node's parent is linear in its depth).
Scopes are class bodies and functions (methods, constructors, lambdas, initializers); a local
declared in two blocks of a function has two bindings and is unknown, never the wrong one."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import tree_sitter as ts

from . import parse

# Binding kinds
ASSIGN, PARAM, OTHER = "assign", "param", "other"

_QUERY = """
[(class_body) (interface_body) (enum_body)] @class
[(method_declaration) (constructor_declaration) (compact_constructor_declaration)
 (lambda_expression) (static_initializer)] @scope
[(if_statement) (for_statement) (enhanced_for_statement) (while_statement) (do_statement)
 (switch_expression) (catch_clause) (ternary_expression)] @branch
(binary_expression operator: ["&&" "||"]) @branch
(local_variable_declaration) @local
[(field_declaration) (constant_declaration)] @field
(import_declaration) @import
(package_declaration) @package
[(class_declaration) (interface_declaration) (enum_declaration) (record_declaration)] @type
(assignment_expression left: (identifier) @assigned)
(update_expression (identifier) @assigned)
(enhanced_for_statement name: (identifier) @other)
(catch_formal_parameter name: (identifier) @other)
(object_creation_expression) @call
(method_invocation object: (identifier) @pulumi (#eq? @pulumi "Pulumi")
  name: (identifier) @run (#eq? @run "run")
  arguments: (argument_list . [(method_reference) (lambda_expression)] @entry .))
"""
_ORDER = ("class", "scope", "branch", "local", "field", "import", "package", "type", "assigned",
          "other", "call", "entry", "run", "pulumi")
_CONTAINERS = ("class", "scope", "branch")


@dataclass(frozen=True, eq=False)
class Binding:
    kind: str
    node: Any  # ASSIGN: the value expression; PARAM: the parameter
    scope: "Scope"


@dataclass(eq=False)
class Scope:
    kind: str  # file | class | function
    node: ts.Node
    parent: "Scope | None"
    source: "Source"
    bindings: dict[str, list[Binding]] = field(default_factory=dict)

    def bind(self, name: str, kind: str, node: Any) -> None:
        self.bindings.setdefault(name, []).append(Binding(kind, node, self))

    def lookup(self, name: str) -> list[Binding] | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings:
                return scope.bindings[name]
            scope = scope.parent
        return None

    def enclosing_class(self) -> "Scope | None":
        scope: Scope | None = self
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        return scope


@dataclass(frozen=True, eq=False)
class CallRecord:
    node: ts.Node  # an object_creation_expression
    scope: Scope
    exact: bool  # runs once each time its function runs (not in a loop, branch or lambda)


@dataclass(eq=False)
class Source:
    path: Path
    data: bytes
    tree: ts.Tree
    scope: Scope = field(init=False)
    package: str = ""
    imports: dict[str, str] = field(default_factory=dict)  # simple name -> qualified
    static_imports: dict[str, str] = field(default_factory=dict)  # member -> qualified
    wildcards: list[str] = field(default_factory=list)  # packages imported with `.*`
    scopes: dict[ts.Node, Scope] = field(default_factory=dict)  # function or class body -> scope
    types: dict[str, Scope] = field(default_factory=dict)  # top-level type -> its body's scope
    declared: set[str] = field(default_factory=set)  # every type it declares, nested too
    calls: dict[str, list[CallRecord]] = field(default_factory=dict)  # by the type's last name
    passed: set[str] = field(default_factory=set)  # (for linter.mentions)
    entries: list[str] = field(default_factory=list)  # methods passed to Pulumi.run as X::m
    entry_lambdas: set[int] = field(default_factory=set)  # start bytes of Pulumi.run(ctx -> ..)


def dotted(node: ts.Node | None) -> str | None:
    """`a.b.C` as written (identifiers, field accesses, scoped names; generics dropped)."""
    parts: list[str] = []
    while node is not None:
        if node.type in ("identifier", "type_identifier"):
            parts.append(node.text.decode())
            return ".".join(reversed(parts))
        if node.type == "generic_type":
            node = node.named_children[0] if node.named_children else None
            continue
        if node.type in ("field_access", "scoped_identifier", "scoped_type_identifier"):
            last = node.child_by_field_name("field") or node.child_by_field_name("name") \
                or (node.named_children[-1] if node.named_children else None)
            first = node.child_by_field_name("object") or node.child_by_field_name("scope") \
                or (node.named_children[0] if node.named_children else None)
            if last is None or first is None or last.type not in ("identifier",
                                                                  "type_identifier"):
                return None
            parts.append(last.text.decode())
            node = first
            continue
        return None
    return None


def index(path: Path, data: bytes, tree: ts.Tree) -> Source:
    source = Source(path, data, tree)
    source.scope = Scope("file", tree.root_node, None, source)
    captures = parse.captures(tree, _QUERY)
    order = {name: i for i, name in enumerate(_ORDER)}
    events = sorted(((n.start_byte, -n.end_byte, order[name], name, n)
                     for name, nodes in captures.items() for n in nodes), key=lambda e: e[:3])
    stack: list[tuple[int, Scope, int]] = []  # open containers: (end, scope, inexact)
    scope, inexact = source.scope, 0
    assigned: list[tuple[str, Scope]] = []
    for start, negative_end, _, name, node in events:
        while stack and stack[-1][0] <= start:
            stack.pop()
            scope, inexact = (stack[-1][1], stack[-1][2]) if stack else (source.scope, 0)
        if name in _CONTAINERS:
            if name == "branch":
                inexact += 1
            else:
                scope = _open(source, node, scope, name)
                inexact = 0
            stack.append((-negative_end, scope, inexact))
        elif name in ("local", "field"):
            _declare(scope, node, name == "field")
        elif name == "import":
            _import(source, node)
        elif name == "package":
            source.package = dotted(node.named_children[0]) or "" if node.named_children else ""
        elif name == "type":
            named = node.child_by_field_name("name")
            if named is not None:
                source.declared.add(named.text.decode())
        elif name == "assigned":
            assigned.append((node.text.decode(), scope))
        elif name == "other":
            scope.bind(node.text.decode(), OTHER, node)
        elif name == "call":
            called = dotted(node.child_by_field_name("type"))
            if called is not None:
                record = CallRecord(node, scope, inexact == 0 and scope.kind == "function")
                source.calls.setdefault(called.rsplit(".", 1)[-1], []).append(record)
        elif name == "entry":
            if node.type == "method_reference" and node.named_children:
                source.entries.append(node.named_children[-1].text.decode())
            else:
                source.entry_lambdas.add(node.start_byte)
    for name, where in assigned:  # `x = ...` rebinds the x it resolves to, wherever declared
        owner = next((s for s in _chain(where) if name in s.bindings), None)
        if owner is not None:
            owner.bind(name, OTHER, None)
    return source


def _chain(scope: Scope | None) -> Iterator[Scope]:
    while scope is not None:
        yield scope
        scope = scope.parent


def _open(source: Source, node: ts.Node, outer: Scope, name: str) -> Scope:
    inner = Scope("class" if name == "class" else "function", node, outer, source)
    source.scopes[node] = inner
    if name == "class" and outer.kind == "file":
        owner = node.parent  # once per top-level type: cheap
        named = owner.child_by_field_name("name") if owner is not None else None
        if named is not None:
            source.types[named.text.decode()] = inner
    if node.type == "lambda_expression":
        params = node.child_by_field_name("parameters")
        if params is not None and params.type == "identifier":
            inner.bind(params.text.decode(), PARAM, params)
        for param in params.named_children if params is not None else ():
            _parameter(inner, param)
    else:
        params = node.child_by_field_name("parameters")
        for param in params.named_children if params is not None else ():
            _parameter(inner, param)
    return inner


def _parameter(scope: Scope, param: ts.Node) -> None:
    if param.type == "identifier":  # an inferred lambda parameter
        scope.bind(param.text.decode(), PARAM, param)
        return
    named = param.child_by_field_name("name")
    if named is None and param.type == "spread_parameter":
        declarator = next((c for c in param.named_children if c.type == "variable_declarator"),
                          None)
        named = declarator.child_by_field_name("name") if declarator is not None else None
    if named is not None:
        scope.bind(named.text.decode(), PARAM, param)


def _declare(scope: Scope, declaration: ts.Node, is_field: bool) -> None:
    modifiers = next((c for c in declaration.children if c.type == "modifiers"), None)
    final = declaration.type == "constant_declaration" or (
        modifiers is not None and any(c.type == "final" for c in modifiers.children))
    for declarator in declaration.children_by_field_name("declarator"):
        target, value = declarator.child_by_field_name("name"), \
            declarator.child_by_field_name("value")
        if target is None:
            continue
        # a local is as good as final until the index finds it reassigned; a field that is not
        # final may be assigned from anywhere
        known = value is not None and (final or not is_field) and \
            declarator.child_by_field_name("dimensions") is None
        scope.bind(target.text.decode(), ASSIGN if known else OTHER, value)


def _import(source: Source, node: ts.Node) -> None:
    name = dotted(next((c for c in node.named_children if c.type in ("scoped_identifier",
                                                                    "identifier")), None))
    if name is None:
        return
    static = any(c.type == "static" for c in node.children)
    wildcard = any(c.type == "asterisk" for c in node.children)
    if wildcard:
        if not static:
            source.wildcards.append(name)
    elif static:
        source.static_imports[name.rsplit(".", 1)[-1]] = name
    else:
        source.imports[name.rsplit(".", 1)[-1]] = name
