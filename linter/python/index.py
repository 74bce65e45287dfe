"""One light pass over a parsed file: scopes and what each name is bound to, imports, calls.

libcst's ScopeProvider / QualifiedNameProvider cost about ten times a bare parse; the linter only
needs to know, for a name, the one expression (or import, parameter, definition) it is bound to.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

import libcst as cst

# Binding kinds
ASSIGN, PARAM, IMPORT, DEF, OTHER = "assign", "param", "import", "def", "other"


@dataclass(frozen=True)
class ImportTarget:
    """`import module` (name None) or `from module import name`; level counts leading dots."""

    module: str
    level: int = 0
    name: str | None = None


@dataclass(frozen=True, eq=False)
class Binding:
    kind: str
    node: Any  # ASSIGN: value expression; PARAM: cst.Param; IMPORT: ImportTarget; DEF: the def
    scope: "Scope"


@dataclass(eq=False)
class Scope:
    kind: str  # module | class | function | lambda | comprehension
    node: cst.CSTNode
    parent: "Scope | None"
    source: "Source"
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    # class scopes: `self.attr = value` in its methods -> [(value, method scope)]
    self_attrs: dict[str, list[tuple[cst.BaseExpression, "Scope"]]] = field(default_factory=dict)
    stars: list[ImportTarget] = field(default_factory=list)  # `from x import *`

    def bind(self, name: str, kind: str, node: Any) -> None:
        self.bindings.setdefault(name, []).append(Binding(kind, node, self))

    def lookup(self, name: str) -> list[Binding] | None:
        """The bindings of `name` as Python resolves it (class bodies are not enclosing scopes)."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings and (scope is self or scope.kind != "class"):
                return scope.bindings[name]
            scope = scope.parent
        return None

    @property
    def class_scope(self) -> "Scope | None":
        """For a method's scope: the scope of its class."""
        return self.parent if self.kind == "function" and self.parent and \
            self.parent.kind == "class" else None


@dataclass(frozen=True, eq=False)
class CallRecord:
    node: cst.Call
    scope: Scope
    exact: bool  # runs once each time its scope runs (not in a loop, branch or handler)

    @property
    def callee_name(self) -> str | None:
        return callee_name(self.node.func)


def callee_name(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


@dataclass(eq=False)
class Source:
    path: Path
    module: cst.Module
    scope: Scope = field(init=False)
    calls: dict[str, list[CallRecord]] = field(default_factory=dict)  # by callee's last name
    passed: set[str] = field(default_factory=set)  # names used as values (functions passed on)

    def positions(self, nodes: Collection[cst.CSTNode]) -> dict[cst.CSTNode, Any]:
        """node -> CodeRange, computed only for the nodes findings point at."""
        from .positions import positions
        return positions(self.module, nodes)


def index(path: Path, module: cst.Module) -> Source:
    source = Source(path, module)
    _Indexer(source).walk(module)
    return source


# Fields that hold only layout (whitespace, commas, parentheses, comments): never walked.
_LAYOUT = re.compile(r"^(whitespace.*|lpar|rpar|comma|leading_lines|lines_after_decorators|header"
                     r"|footer|trailing_whitespace|semicolon|equal|colon|dot|asynchronous)$")


@functools.lru_cache(maxsize=None)
def _fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if not _LAYOUT.match(f.name))


# Exact types (a set lookup, not isinstance through ABCMeta: this runs for every node).
_COMPREHENSIONS = frozenset({cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp})
_BRANCHES = frozenset({cst.For, cst.While, cst.If, cst.ExceptHandler, cst.Match, cst.IfExp})


class _Indexer:
    """Calls visit_X / leave_X like a libcst visitor, but walks the dataclass fields itself:
    libcst's visit() rebuilds every node on the way, which costs twice the parse."""

    def walk(self, node: cst.CSTNode) -> None:
        kind = type(node)
        self.on_visit(node)
        visit = getattr(self, "visit_" + kind.__name__, None)
        if visit is not None:
            visit(node)
        for name in _fields(kind):
            child = getattr(node, name)
            if isinstance(child, cst.CSTNode):
                self.walk(child)
            elif isinstance(child, (list, tuple)):
                for item in child:
                    if isinstance(item, cst.CSTNode):
                        self.walk(item)
        leave = getattr(self, "leave_" + kind.__name__, None)
        if leave is not None:
            leave(node)
        self.on_leave(node)

    def __init__(self, source: Source) -> None:
        self.source = source
        self.scope = Scope("module", source.module, None, source)
        source.scope = self.scope
        self.inexact = [0]  # per open scope: how many loops / branches enclose the current node

    # --- scopes
    def _push(self, kind: str, node: cst.CSTNode, inexact: int = 0) -> None:
        self.scope = Scope(kind, node, self.scope, self.source)
        self.inexact.append(inexact)

    def _pop(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent
        self.inexact.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.bind(node.name.value, DEF, node)
        self._push("class", node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.bind(node.name.value, DEF, node)
        self._push("function", node)
        p = node.params
        for param in [*p.posonly_params, *p.params, *p.kwonly_params]:
            self.scope.bind(param.name.value, PARAM, param)
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                self.scope.bind(star.name.value, OTHER, star)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._push("lambda", node, inexact=1)
        p = node.params
        for param in [*p.posonly_params, *p.params, *p.kwonly_params, p.star_arg, p.star_kwarg]:
            if isinstance(param, cst.Param):
                self.scope.bind(param.name.value, OTHER, param)

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self._pop()

    def on_visit(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in _COMPREHENSIONS:
            self._push("comprehension", node, inexact=1)
        elif kind in _BRANCHES:
            self.inexact[-1] += 1

    def on_leave(self, original_node: cst.CSTNode) -> None:
        kind = type(original_node)
        if kind in _COMPREHENSIONS:
            self._pop()
        elif kind in _BRANCHES:
            self.inexact[-1] -= 1

    # --- bindings
    def _bind_target(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        if isinstance(target, cst.Name):
            self.scope.bind(target.value, ASSIGN if value is not None else OTHER, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = value.elements if isinstance(value, (cst.Tuple, cst.List)) else None
            if values is not None and (len(values) != len(target.elements) or any(
                    isinstance(e, cst.StarredElement) for e in [*values, *target.elements])):
                values = None
            for i, element in enumerate(target.elements):
                self._bind_target(element.value, values[i].value if values else None)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, None)
        elif isinstance(target, cst.Attribute) and value is not None:
            self._bind_self_attr(target, value)

    def _bind_self_attr(self, target: cst.Attribute, value: cst.BaseExpression) -> None:
        cls = self.scope.class_scope
        if cls is None or not isinstance(target.value, cst.Name):
            return
        params = self.scope.node.params.params  # type: ignore[union-attr]
        if params and params[0].name.value == target.value.value:
            cls.self_attrs.setdefault(target.attr.value, []).append((value, self.scope))

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._bind_target(t.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind_target(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target, None)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, None)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind_target(node.name.name, None)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.scope.bind(alias.asname.name.value, IMPORT, ImportTarget(dotted))
            else:
                top = dotted.split(".")[0]
                self.scope.bind(top, IMPORT, ImportTarget(top))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = _dotted(node.module) if node.module is not None else ""
        level = len(node.relative)
        if isinstance(node.names, cst.ImportStar):
            self.scope.stars.append(ImportTarget(module, level))
            return
        for alias in node.names:
            name = _dotted(alias.name)
            bound = alias.asname.name if alias.asname is not None else alias.name
            if isinstance(bound, cst.Name):
                self.scope.bind(bound.value, IMPORT, ImportTarget(module, level, name))

    # --- calls and functions used as values
    def visit_Call(self, node: cst.Call) -> None:
        name = callee_name(node.func)
        if name is not None:
            record = CallRecord(node, self.scope, self.inexact[-1] == 0)
            self.source.calls.setdefault(name, []).append(record)

    def visit_Arg(self, node: cst.Arg) -> None:
        name = callee_name(node.value)
        if name is not None:
            self.source.passed.add(name)

    def visit_Element(self, node: cst.Element) -> None:
        name = callee_name(node.value)
        if name is not None:
            self.source.passed.add(name)


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""
