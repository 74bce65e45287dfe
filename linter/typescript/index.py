"""One pass over a parsed file: scopes and what each name is bound to, imports, calls.

The nodes that matter are found by one tree-sitter query (in C), and put in their scopes by a sweep
over their byte ranges, innermost container last: walking the whole tree in Python, or asking
nodes for their parent (linear in the depth in tree-sitter), would cost many times the parse.

Scopes are functions (and classes); a block's `const` is put in its function's scope, so a name
declared in two blocks has two bindings and is unknown, never the wrong one. Every write of an
object's property (`this.api = ...`, a class field, a method of that name) is listed by the
property's name, so that a component's `this.api` is known only when one write sets it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import tree_sitter as ts

from .literals import string_value
from . import parse

# Binding kinds
ASSIGN, PARAM, IMPORT, DEF, PICK, OTHER = "assign", "param", "import", "def", "pick", "other"

FUNCTIONS = frozenset({"function_declaration", "generator_function_declaration",
                       "function_expression", "function", "generator_function", "arrow_function",
                       "method_definition"})
CLASSES = frozenset({"class_declaration", "class", "abstract_class_declaration"})

_QUERY = """
[(function_declaration) (generator_function_declaration) (function_expression)
 (generator_function) (arrow_function) (method_definition) (class_declaration) (class)
 (abstract_class_declaration)] @scope
[(if_statement) (for_statement) (for_in_statement) (while_statement) (do_statement)
 (switch_statement) (catch_clause) (ternary_expression)] @branch
(binary_expression operator: ["&&" "||" "??"]) @branch
[(lexical_declaration) (variable_declaration)] @declaration
(import_statement) @import
(export_statement source: (_)) @reexport
(export_statement (export_clause) .) @exports
(assignment_expression left: (identifier) @assigned)
(augmented_assignment_expression left: (identifier) @assigned)
(update_expression argument: (identifier) @assigned)
(for_in_statement left: (identifier) @other)
(for_in_statement left: (_ (identifier) @other))
(catch_clause parameter: (identifier) @other)
[(call_expression) (new_expression)] @call
(arguments (identifier) @passed)
(array (identifier) @passed)
(pair value: (identifier) @passed)
(shorthand_property_identifier) @passed
(assignment_expression right: (identifier) @passed)
(variable_declarator value: (identifier) @passed)
(return_statement (identifier) @passed)
[(arguments (member_expression property: (property_identifier) @passed))
 (array (member_expression property: (property_identifier) @passed))
 (pair value: (member_expression property: (property_identifier) @passed))
 (assignment_expression right: (member_expression property: (property_identifier) @passed))
 (variable_declarator value: (member_expression property: (property_identifier) @passed))
 (return_statement (member_expression property: (property_identifier) @passed))]
(return_statement) @return
[(assignment_expression left: (member_expression))
 (augmented_assignment_expression left: (member_expression))
 (update_expression argument: (member_expression))
 (public_field_definition value: (_))] @write
(assignment_expression left: [(object_pattern) (array_pattern)] @destructured)
(arguments (this) @leak)
(assignment_expression left: (subscript_expression object: (this)) @leak)
(augmented_assignment_expression left: (subscript_expression object: (this)) @leak)
"""
_CONTAINERS = ("scope", "branch")


@dataclass(frozen=True)
class ImportTarget:
    """A module as written (`@pulumi/aws`, `./apis`) and the name imported from it (None: the
    module itself: `import * as`, a default import, `require`)."""

    module: str
    name: str | None = None


@dataclass(frozen=True, eq=False)
class Pick:
    """A name a destructuring pattern binds: the value at `path` of the object the pattern
    takes apart (`const { api } = source`, or the parameter `function f({ api }: Props)`)."""

    path: tuple[str, ...]
    default: ts.Node | None  # `{ api = fallback }`
    source: ts.Node | None = None
    param: ts.Node | None = None


@dataclass(frozen=True, eq=False)
class Binding:
    kind: str
    # ASSIGN: value expression; PARAM: the parameter; IMPORT: ImportTarget; DEF: node; PICK: Pick
    node: Any
    scope: "Scope"


@dataclass(eq=False)
class Scope:
    kind: str  # program | function | class
    node: ts.Node
    parent: "Scope | None"
    source: "Source"
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    returns: list[int] = field(default_factory=list)  # where its `return` statements start
    leaks: bool = False  # a class whose `this` is passed on or written by computed key

    def class_of(self) -> "Scope | None":
        """The class whose instance `this` is here: the scope of the (non-static) method this
        scope is, or an arrow function in one."""
        scope: Scope | None = self
        while scope is not None and scope.node.type == "arrow_function":
            scope = scope.parent
        if scope is None or scope.node.type != "method_definition" \
                or any(c.type == "static" for c in scope.node.children):  # its `this`: the class
            return None
        return scope.parent if scope.parent is not None and scope.parent.kind == "class" \
            else None

    def bind(self, name: str, kind: str, node: Any) -> None:
        self.bindings.setdefault(name, []).append(Binding(kind, node, self))

    def lookup(self, name: str) -> list[Binding] | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings:
                return scope.bindings[name]
            scope = scope.parent
        return None


@dataclass(frozen=True, eq=False)
class CallRecord:
    node: ts.Node  # call_expression or new_expression
    scope: Scope
    exact: bool  # runs once each time its scope runs (not in a loop, branch or callback)


@dataclass(frozen=True, eq=False)
class Write:
    """A write of an object's property: an assignment (`x.p = v`, `x.p += v`, `x.p++`), a class
    field with a value, a method or accessor, or a constructor's parameter property."""

    node: ts.Node
    scope: Scope
    exact: bool  # an assignment that runs whenever its scope runs


@dataclass(eq=False)
class Source:
    path: Path
    data: bytes
    tree: ts.Tree
    scope: Scope = field(init=False)
    scopes: dict[ts.Node, Scope] = field(default_factory=dict)  # function or class node -> scope
    calls: dict[str, list[CallRecord]] = field(default_factory=dict)  # by callee's last name
    passed: set[str] = field(default_factory=set)  # names used as values (functions passed on)
    exports: dict[str, Binding] = field(default_factory=dict)  # `export {a as b}`, re-exports
    star_exports: list[str] = field(default_factory=list)  # `export * from "./x"`
    written: dict[str, list[Write]] = field(default_factory=dict)  # by the property's name

    def write(self, name: str, node: ts.Node, scope: Scope, exact: bool = False) -> None:
        self.written.setdefault(name, []).append(Write(node, scope, exact))

    def text(self, node: ts.Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")


def callee(node: ts.Node) -> ts.Node | None:
    """The function (or class) a call_expression / new_expression calls."""
    return node.child_by_field_name("function" if node.type == "call_expression"
                                    else "constructor")


def callee_name(func: ts.Node | None) -> str | None:
    if func is None:
        return None
    if func.type == "identifier":
        return func.text.decode()
    if func.type == "member_expression":
        prop = func.child_by_field_name("property")
        return prop.text.decode() if prop is not None else None
    return None


def index(path: Path, data: bytes, tree: ts.Tree) -> Source:
    source = Source(path, data, tree)
    source.scope = Scope("program", tree.root_node, None, source)
    captures = parse.captures(tree, _QUERY)
    order = {name: i for i, name in enumerate(("scope", "branch", "declaration", "import",
                                               "reexport", "exports", "assigned", "other", "call",
                                               "passed", "return", "write", "destructured",
                                               "leak"))}
    events = sorted(((n.start_byte, -n.end_byte, order[name], name, n)
                     for name, nodes in captures.items() for n in nodes),
                    key=lambda e: e[:3])
    stack: list[tuple[int, str, Scope, int]] = []  # open containers: (end, kind, scope, inexact)
    scope, inexact = source.scope, 0
    assigned: list[tuple[str, Scope]] = []
    for start, negative_end, _, name, node in events:
        while stack and stack[-1][0] <= start:
            stack.pop()
            scope, inexact = (stack[-1][2], stack[-1][3]) if stack else (source.scope, 0)
        if name == "scope":
            scope = _open_scope(source, node, scope)
            inexact = 0
            stack.append((-negative_end, name, scope, inexact))
        elif name == "branch":
            inexact += 1
            stack.append((-negative_end, name, scope, inexact))
        elif name == "declaration":
            _declare(scope, node)
        elif name == "import":
            _import(scope, node)
        elif name in ("reexport", "exports"):
            _export(source, node)
        elif name == "assigned":
            assigned.append((node.text.decode(), scope))
        elif name == "other":
            scope.bind(node.text.decode(), OTHER, node)
        elif name == "call":
            called = callee_name(callee(node))
            if called is not None:
                record = CallRecord(node, scope, inexact == 0 and scope.kind != "class")
                source.calls.setdefault(called, []).append(record)
        elif name == "passed":
            source.passed.add(node.text.decode())
        elif name == "return":
            scope.returns.append(node.start_byte)
        elif name == "write":
            _write(source, node, scope, inexact == 0)
        elif name == "destructured":
            for target in _targets(node):
                if target.type == "member_expression":
                    _write(source, target, scope, False)
                else:
                    assigned.append((target.text.decode(), scope))
        elif name == "leak":
            for owner in _chain(scope):
                owner.leaks = owner.leaks or owner.kind == "class"
    for name, where in assigned:  # `x = ...` rebinds the x it resolves to, wherever declared
        owner = next((s for s in _chain(where) if name in s.bindings), source.scope)
        owner.bind(name, OTHER, None)
    return source


def _chain(scope: Scope | None) -> Iterator[Scope]:
    while scope is not None:
        yield scope
        scope = scope.parent


def _write(source: Source, node: ts.Node, scope: Scope, exact: bool) -> None:
    """Lists a write of a property (node: an assignment, update or field, or the member
    expression a destructuring assignment writes)."""
    target = node
    if node.type != "member_expression":
        target = node.child_by_field_name("argument" if node.type == "update_expression"
                                          else "left" if node.type.endswith("assignment_expression")
                                          else "name")
    prop = target.child_by_field_name("property") if target is not None \
        and target.type == "member_expression" else target
    if prop is not None and prop.type == "property_identifier":
        source.write(prop.text.decode(), node, scope, exact)


def _targets(pattern: ts.Node) -> Iterator[ts.Node]:
    """The names and member expressions a destructuring assignment writes."""
    todo = [pattern]
    while todo:
        current = todo.pop()
        if current.type in ("identifier", "shorthand_property_identifier_pattern",
                            "member_expression"):
            yield current
        elif current.type == "pair_pattern":
            value = current.child_by_field_name("value")
            todo.extend([value] if value is not None else [])
        elif current.type in ("object_assignment_pattern", "assignment_pattern"):
            left = current.child_by_field_name("left")
            todo.extend([left] if left is not None else [])
        elif current.type not in ("property_identifier", "subscript_expression"):
            todo.extend(current.named_children)


def _open_scope(source: Source, node: ts.Node, outer: Scope) -> Scope:
    kind = "class" if node.type in CLASSES else "function"
    named = node.child_by_field_name("name")
    if node.type == "method_definition" and named is not None \
            and named.type == "property_identifier" and named.text != b"constructor":
        source.write(named.text.decode(), node, outer)  # a method or accessor of that name
    if named is not None and node.type in ("function_declaration",
                                           "generator_function_declaration", "class_declaration",
                                           "abstract_class_declaration"):
        outer.bind(named.text.decode(), DEF, node)
    inner = Scope(kind, node, outer, source)
    source.scopes[node] = inner
    if kind == "function":
        single = node.child_by_field_name("parameter")  # `x => ...`
        if single is not None:
            inner.bind(single.text.decode(), PARAM, single)
        params = node.child_by_field_name("parameters")
        for param in params.named_children if params is not None else ():
            _parameter(inner, param)
    return inner


def _parameter(scope: Scope, param: ts.Node) -> None:
    pattern = param.child_by_field_name("pattern")
    if param.type in ("required_parameter", "optional_parameter") and pattern is not None:
        if pattern.type == "identifier":
            scope.bind(pattern.text.decode(), PARAM, param)
            if any(c.type in ("accessibility_modifier", "readonly") for c in param.children):
                # `constructor(readonly api: Api)` sets this.api
                scope.source.write(pattern.text.decode(), param, scope)
            return
        if pattern.type == "this":
            return
        if pattern.type == "object_pattern":
            _bind_picks(scope, pattern, param=param)
            return
    for name in _pattern_names(pattern or param):  # array patterns, rest: not followed
        scope.bind(name, OTHER, param)


def _bind_picks(scope: Scope, pattern: ts.Node, source: ts.Node | None = None,
                param: ts.Node | None = None) -> None:
    """Binds the names of an object pattern to what they pick (or to nothing known)."""
    todo: list[tuple[ts.Node, tuple[str, ...]]] = [(pattern, ())]
    while todo:
        node, path = todo.pop()
        for child in node.named_children:
            name, key, default, value = None, None, None, child
            if child.type == "shorthand_property_identifier_pattern":
                name = key = child.text.decode()
            elif child.type == "object_assignment_pattern":  # `{ api = fallback }`
                left, default = child.child_by_field_name("left"), \
                    child.child_by_field_name("right")
                if left is not None and left.type == "shorthand_property_identifier_pattern":
                    name = key = left.text.decode()
            elif child.type == "pair_pattern":
                key_node, value = child.child_by_field_name("key"), \
                    child.child_by_field_name("value")
                key = key_node.text.decode() if key_node is not None \
                    and key_node.type == "property_identifier" else string_value(key_node) \
                    if key_node is not None and key_node.type == "string" else None
                if value is not None and value.type == "assignment_pattern":
                    value, default = value.child_by_field_name("left"), \
                        value.child_by_field_name("right")
                if key is not None and value is not None and value.type == "object_pattern" \
                        and default is None:
                    todo.append((value, (*path, key)))
                    continue
                if value is not None and value.type == "identifier":
                    name = value.text.decode()
            elif child.type == "comment":
                continue
            if name is not None and key is not None:
                scope.bind(name, PICK, Pick((*path, key), default, source, param))
            else:  # rest, computed keys, arrays: some name, never a value
                for other in _pattern_names(value if value is not None else child):
                    scope.bind(other, OTHER, child)


def _pattern_names(node: ts.Node) -> Iterator[str]:
    """The names a destructuring pattern binds (iteratively: patterns may nest deeply)."""
    todo = [node]
    while todo:
        current = todo.pop()
        if current.type in ("identifier", "shorthand_property_identifier_pattern"):
            yield current.text.decode()
        elif current.type == "pair_pattern":
            value = current.child_by_field_name("value")
            if value is not None:
                todo.append(value)
        elif current.type not in ("type_annotation", "property_identifier"):
            todo.extend(current.named_children)


def _declare(scope: Scope, declaration: ts.Node) -> None:
    constant = declaration.type == "lexical_declaration" and \
        declaration.child_by_field_name("kind").type == "const"  # type: ignore[union-attr]
    for declarator in declaration.named_children:
        if declarator.type != "variable_declarator":
            continue
        target, value = declarator.child_by_field_name("name"), \
            declarator.child_by_field_name("value")
        if target is None:
            continue
        if target.type == "identifier":
            # `let`/`var` are as good as `const` until the index finds them reassigned
            scope.bind(target.text.decode(), ASSIGN if value is not None or constant else OTHER,
                       value)
        elif target.type == "object_pattern" and _required(value) is not None:
            for pair in target.named_children:  # `const { apigatewayv2 } = require("@pulumi/aws")`
                key, local = _pattern_pair(pair)
                if local is not None:
                    scope.bind(local, IMPORT, ImportTarget(_required(value), key))  # type: ignore[arg-type]
        elif target.type == "object_pattern" and value is not None:  # `const { api } = props`
            _bind_picks(scope, target, source=value)
        else:
            for name in _pattern_names(target):
                scope.bind(name, OTHER, declarator)


def _pattern_pair(pair: ts.Node) -> tuple[str | None, str | None]:
    """(property, local name) of `{ a }` / `{ a: b }` in a pattern; (None, None) otherwise."""
    if pair.type == "shorthand_property_identifier_pattern":
        return pair.text.decode(), pair.text.decode()
    if pair.type == "pair_pattern":
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is not None and value is not None and value.type == "identifier" and \
                key.type == "property_identifier":
            return key.text.decode(), value.text.decode()
    for name in _pattern_names(pair):  # defaults, rest, nesting: some name, never a value
        return None, name
    return None, None


def _required(value: ts.Node | None) -> str | None:
    """The module of `require("module")`."""
    if value is None or value.type != "call_expression":
        return None
    func, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
    if func is None or func.type != "identifier" or func.text != b"require" or args is None \
            or args.named_child_count != 1 or args.named_children[0].type != "string":
        return None
    return string_value(args.named_children[0])


def _import(scope: Scope, node: ts.Node) -> None:
    source_node = node.child_by_field_name("source")
    module = string_value(source_node) if source_node is not None else None
    for child in node.named_children:
        if child.type == "import_require_clause":  # import aws = require("@pulumi/aws")
            name, required = child.named_children[0], child.child_by_field_name("source")
            target = string_value(required) if required is not None else None
            if target is not None:
                scope.bind(name.text.decode(), IMPORT, ImportTarget(target))
        if child.type != "import_clause" or module is None:
            continue
        for part in child.named_children:
            if part.type == "identifier":  # default import: the module (esModuleInterop)
                scope.bind(part.text.decode(), IMPORT, ImportTarget(module))
            elif part.type == "namespace_import":
                scope.bind(part.named_children[-1].text.decode(), IMPORT, ImportTarget(module))
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name, alias = spec.child_by_field_name("name"), \
                        spec.child_by_field_name("alias")
                    imported = name.text.decode()  # type: ignore[union-attr]
                    local = alias.text.decode() if alias is not None else imported
                    scope.bind(local, IMPORT, ImportTarget(module, imported))
                    if alias is not None:  # calls of it go by another name: not all seen
                        scope.source.passed.add(imported)


def _export(source: Source, node: ts.Node) -> None:
    """`export { a as b }` and re-exports `export { a } from "./x"`, `export * from "./x"`."""
    from_node = node.child_by_field_name("source")
    module = string_value(from_node) if from_node is not None else None
    clause = next((c for c in node.named_children if c.type == "export_clause"), None)
    if clause is None:
        if module is not None:
            source.star_exports.append(module)
        return
    for spec in clause.named_children:
        name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
        if name is None:
            continue
        local = name.text.decode()
        exported = alias.text.decode() if alias is not None else local
        if module is not None:
            source.exports[exported] = Binding(IMPORT, ImportTarget(module, local), source.scope)
        elif alias is not None:
            source.exports[exported] = Binding(IMPORT, ImportTarget("", local), source.scope)
            source.passed.add(local)
