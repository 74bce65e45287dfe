"""One pass over a parsed C# file: its `using` directives, the types it declares, the objects it
creates and where each identifier occurs, found by one tree-sitter query (in C).

A name is bound only when the file proves it: exactly one declaration (a local, or a `const` /
`static readonly` field), every other occurrence a plain read inside the declaration's scope
(its block, or its class). Any other occurrence (a parameter, a loop or pattern variable, an
assignment, `ref` / `out`) leaves the name unbound, so its value is unknown, never the wrong one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter as ts

from .parse import csharp

_QUERY = """
(using_directive) @using
[(object_creation_expression) (implicit_object_creation_expression)] @new
(identifier) @id
[(class_declaration) (struct_declaration) (record_declaration) (interface_declaration)
 (enum_declaration)] @type
"""
# where an identifier is an expression that is only read
_READS = frozenset({
    "argument", "binary_expression", "interpolation", "initializer_expression",
    "variable_declarator", "return_statement", "parenthesized_expression",
    "conditional_expression", "arrow_expression_clause", "cast_expression",
    "element_binding_expression", "expression_statement", "await_expression",
    "prefix_unary_expression", "postfix_unary_expression", "assignment_expression"})
_ACCESS = frozenset({"member_access_expression", "element_access_expression",
                     "conditional_access_expression"})
_STEP = ("++", "--")


@dataclass(frozen=True)
class Binding:
    """What a bound name holds: its declaration's value (None: declared without one) and
    whether the program calls a method through it or assigns into it (a collection it fills)."""

    declarator: ts.Node
    value: ts.Node | None
    touched: bool


@dataclass(eq=False)
class Source:
    path: Path
    data: bytes
    tree: ts.Tree
    aliases: dict[str, str] = field(default_factory=dict)  # `using Aws = Pulumi.Aws;`
    namespaces: list[str] = field(default_factory=list)  # `using Pulumi.Aws.ApiGatewayV2;`
    global_usings: bool = False  # it has `global using` directives (for every file)
    creations: list[ts.Node] = field(default_factory=list)  # `new T(...)`, `new() {...}`
    types: dict[str, list[ts.Node]] = field(default_factory=dict)  # declared types by name
    occurrences: dict[str, list[ts.Node]] = field(default_factory=dict)  # identifiers
    _bindings: dict[str, Binding | None] = field(default_factory=dict)

    def text(self, node: ts.Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")

    def declares(self, name: str) -> bool:
        """Whether the file declares anything of this name (a local, parameter, member, type)."""
        return any(_use(n) not in ("read", "touched", "member")
                   for n in self.occurrences.get(name, ()))

    def binding(self, name: str) -> Binding | None:
        if name not in self._bindings:
            self._bindings[name] = self._bind(name)
        return self._bindings[name]

    def _bind(self, name: str) -> Binding | None:
        declarations, reads, touched = [], [], False
        for node in self.occurrences.get(name, ()):
            use = _use(node)
            if use == "declaration":
                declarations.append(node.parent)
            elif use in ("read", "touched"):
                reads.append(node)
                touched = touched or use == "touched"
            elif use != "member":
                return None
        if len(declarations) != 1:
            return None
        declarator = declarations[0]
        scope = _scope(declarator)
        if scope is None or not all(scope.start_byte <= r.start_byte < scope.end_byte
                                    for r in reads):
            return None
        if scope.type == "compilation_unit" and any(  # a top-level local is not seen in types
                t.start_byte <= r.start_byte < t.end_byte
                for r in reads for ts_ in self.types.values() for t in ts_):
            return None
        values = [c for c in declarator.named_children
                  if c != declarator.child_by_field_name("name")]
        return Binding(declarator, values[-1] if values else None, touched)


def _use(node: ts.Node) -> str:
    """How an identifier occurs: declaration, read, touched (read, then called or assigned
    through), member (a member's name read after a dot), or other (anything that may bind or
    change a name: a parameter, a loop variable, an assignment...)."""
    parent = node.parent
    if parent is None:
        return "other"
    kind = parent.type
    if kind == "variable_declarator":
        return "declaration" if parent.child_by_field_name("name") == node else "read"
    if kind == "member_access_expression" and parent.child_by_field_name("name") == node:
        return "other" if _target(parent) else "member"
    if kind in _ACCESS and parent.named_children and parent.named_children[0] == node:
        top = parent
        while top.parent is not None and top.parent.type in _ACCESS \
                and top.parent.named_children[0] == top:
            top = top.parent
        holder = top.parent
        if _target(top) or holder is not None and holder.type == "invocation_expression" \
                and holder.child_by_field_name("function") == top:
            return "touched"
        return "read"
    if kind == "assignment_expression":
        return "other" if parent.child_by_field_name("left") == node else "read"
    if kind in ("prefix_unary_expression", "postfix_unary_expression"):
        return "other" if _target(node) else "read"
    if kind == "argument":
        return "other" if any(c.type in ("ref", "out", "in") for c in parent.children) else "read"
    return "read" if kind in _READS else "other"


def _target(node: ts.Node) -> bool:
    """Whether an expression is assigned, incremented or decremented."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "assignment_expression":
        return parent.child_by_field_name("left") == node
    if parent.type in ("prefix_unary_expression", "postfix_unary_expression"):
        return any(c.type in _STEP for c in parent.children)
    return False


def _scope(declarator: ts.Node) -> ts.Node | None:
    """Where a declaration is visible: a local's block (or the file, at the top level), a
    `const` or `static readonly` field's class; None for any other declaration."""
    declaration = declarator.parent
    statement = declaration.parent if declaration is not None else None
    if statement is None:
        return None
    if statement.type == "local_declaration_statement":
        holder = statement.parent
        return holder.parent if holder is not None and holder.type == "global_statement" \
            else holder
    if statement.type == "field_declaration":
        modifiers = {c.text for c in statement.children if c.type == "modifier"}
        if b"const" in modifiers or {b"static", b"readonly"} <= modifiers:
            body = statement.parent
            return body.parent if body is not None else None
    return None


def target_type(node: ts.Node) -> ts.Node | None:
    """The type a target-typed `new(...)` creates, when it is written where the value goes: the
    declared type of the variable it initialises, or the return type of the method it is
    returned from (`=> new(...)`, `return new(...);`). None elsewhere (an argument, a lambda)."""
    parent = node.parent
    if parent is not None and parent.type == "variable_declarator":
        declaration = parent.parent
        declared = declaration.child_by_field_name("type") if declaration is not None else None
        return declared if declared is not None and declared.type != "implicit_type" else None
    if parent is None or parent.type not in ("arrow_expression_clause", "return_statement"):
        return None
    method = parent.parent
    while method is not None and method.type == "block":
        method = method.parent
    if method is not None and method.type in ("method_declaration", "local_function_statement"):
        return method.child_by_field_name("returns") or method.child_by_field_name("type")
    return None


def argument_list(node: ts.Node) -> ts.Node | None:
    """The argument list of a call or `new` (target-typed `new(...)` names no field)."""
    found = node.child_by_field_name("arguments")
    return found if found is not None else next(
        (c for c in node.named_children if c.type == "argument_list"), None)


def dotted(node: ts.Node | None) -> str | None:
    """A name as written, dots and all (`Aws.ApiGatewayV2.Integration`, `global::Pulumi`
    without `global::`); None for anything else (a generic name, an expression)."""
    if node is None:
        return None
    if node.type == "identifier":
        return node.text.decode()
    if node.type == "qualified_name":
        left = dotted(node.child_by_field_name("qualifier"))
        right = dotted(node.child_by_field_name("name"))
        return f"{left}.{right}" if left and right else None
    if node.type == "alias_qualified_name":
        alias = node.child_by_field_name("alias")
        return dotted(node.child_by_field_name("name")) if alias is not None \
            and alias.text == b"global" else None
    if node.type == "member_access_expression":
        left = dotted(node.child_by_field_name("expression"))
        right = node.child_by_field_name("name")
        return f"{left}.{right.text.decode()}" if left and right is not None else None
    return None


def index(path: Path, data: bytes, tree: ts.Tree) -> Source:
    source = Source(path, data, tree)
    found = csharp().captures(tree.root_node, _QUERY)
    for node in found.get("using", ()):
        words = {c.type for c in node.children}
        if "static" in words:
            continue
        source.global_usings = source.global_usings or "global" in words
        alias = node.child_by_field_name("name")
        target = [c for c in node.named_children if c != alias]
        name = dotted(target[-1]) if target else None
        if name is None:
            continue
        if alias is not None:
            source.aliases[alias.text.decode()] = name
        else:
            source.namespaces.append(name)
    source.creations = sorted(found.get("new", ()), key=lambda n: n.start_byte)
    for node in found.get("id", ()):
        source.occurrences.setdefault(node.text.decode(), []).append(node)
    for node in found.get("type", ()):
        named = node.child_by_field_name("name")
        if named is not None:
            source.types.setdefault(named.text.decode(), []).append(node)
    return source
