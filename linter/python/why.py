"""Why a value of a Python program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

from typing import Any, Iterator

import libcst as cst

from apigw_lint.rules import aws
from apigw_lint.rules.values import is_known

from .. import skipped
from ..evaluated import (Arguments, Definition, Entry, Instance, ModuleRef, Output, Resource,
                         Symbol, origin)
from .evaluate import Evaluator, Method, camel, class_name
from .index import ASSIGN, DEF, IMPORT, PARAM, ImportTarget, Scope


class Reasons(skipped.Reasons):
    """Why the inputs of one Integration call are not known."""

    def __init__(self, ev: Evaluator, args: Arguments) -> None:
        super().__init__()
        self.ev, self.args = ev, args
        self._busy: set[cst.CSTNode] = set()

    def property(self, name: str) -> tuple[str, str]:
        return self._entry(self.args, self.args.keywords.get(aws.PROPERTIES[name]))

    def unseen(self) -> str:
        return _opening(self.args)

    def resource(self, *path: str) -> Any:
        entries: dict[Any, Entry] | None = self.args.keywords
        entry = None
        for i, key in enumerate(path):
            entry = (entries or {}).get(aws.PROPERTIES[key] if i == 0 else key)
            if entry is None:
                return None
            entries = self.ev.dict_entries(entry.value, entry.scope)
        return origin(self.ev.value(entry.value, entry.scope)) if entry else None

    def kind(self, resource: Resource) -> str | None:
        return resource.kind

    def describe(self, resource: Resource | Instance) -> str:
        """`aws.lambda_.Function 'orders'`: the class as written and the logical name."""
        kind = _code(resource.call.func) or (resource.kind if isinstance(resource, Resource)
                                             else resource.name)
        if isinstance(resource, Instance) and not _is_class(resource.name):
            return f"the result of {kind}()"
        args = self.ev.resource_arguments(resource.call, resource.scope)
        name = self.ev.value(args.positional[0].value, args.positional[0].scope) \
            if args.positional else None
        return f"{kind} '{name}'" if isinstance(name, str) else kind

    def setting(self, resource: Resource, name: str) -> tuple[str, str]:
        args = self.ev.resource_arguments(resource.call, resource.scope)
        return self._entry(args, next((e for k, e in args.keywords.items()
                                       if isinstance(k, str) and camel(k) == name), None))

    def _entry(self, args: Arguments, entry: Entry | None) -> tuple[str, str]:
        if entry is None:
            return "", f"may be set by {_opening(args)}" if args.open else "not set"
        if self._known(entry.value, entry.scope):
            return "", "a literal value"
        return self._located(entry.value, entry.scope)

    def _located(self, node: cst.BaseExpression, scope: Scope) -> tuple[str, str]:
        """(path, why) of the first part of a dict, list or Args value that is not known."""
        if isinstance(self.ev.data(self.ev.value(node, scope)), (dict, list)):
            for key, entry in self._items(node, scope):
                if not self._known(entry.value, entry.scope):
                    path, why = self._located(entry.value, entry.scope)
                    return (f"[{key}]" if isinstance(key, int) else f'["{key}"]') + path, why
        return "", self.expression(node, scope)

    def _items(self, node: cst.BaseExpression, scope: Scope) -> list[tuple[Any, Entry]]:
        """The entries of a dict, list or Args value, through the names bound to it."""
        while isinstance(node, cst.Name):
            bindings = scope.lookup(node.value)
            if not bindings or len(bindings) != 1 or bindings[0].kind != ASSIGN:
                return []
            node, scope = bindings[0].node, bindings[0].scope
        if isinstance(node, (cst.List, cst.Tuple)):
            if any(isinstance(e, cst.StarredElement) for e in node.elements):
                return []
            return [(i, Entry(e.value, scope, e)) for i, e in enumerate(node.elements)]
        entries = self.ev.dict_entries(node, scope)
        if entries is None:
            value = self.ev.value(node, scope)
            if not isinstance(value, Instance):
                return []
            entries = {camel(k): e for k, e in self.ev.arguments(value.call, value.scope)
                       .keywords.items() if isinstance(k, str)}
        return list(entries.items())

    # --- expressions
    def expression(self, node: cst.BaseExpression, scope: Scope) -> str:
        """Why node's value (or a part of it) is not known."""
        if node in self._busy:
            return "a value defined in terms of itself"
        self._busy.add(node)
        try:
            return self._expression(node, scope)
        finally:
            self._busy.discard(node)

    def _expression(self, node: cst.BaseExpression, scope: Scope) -> str:
        reference = self._reference(self.ev.value(node, scope))
        if reference is not None:
            return reference
        if isinstance(node, cst.Name):
            return self._name(node.value, scope)
        if isinstance(node, cst.Call):
            return self._call(node, scope)
        if isinstance(node, cst.Attribute):
            return self._attribute(node, scope)
        for part in _parts(node):  # the first part that is not known
            if not self._known(part, scope):
                return self.expression(part, scope)
        return "unresolved expression"

    def _known(self, node: cst.BaseExpression, scope: Scope) -> bool:
        return is_known(self.ev.data(self.ev.value(node, scope)))

    def _reference(self, value: Any) -> str | None:
        """What a reference the model holds as UNKNOWN stands for."""
        if isinstance(value, Output):
            return f"output of {self.describe(value.resource)}"
        if isinstance(value, Resource):
            return f"the resource {self.describe(value)}"
        if isinstance(value, Symbol):
            return f"{value.name}, from outside the project"
        if isinstance(value, Instance) and not value.name.endswith("Args"):
            return self.describe(value) if not _is_class(value.name) else \
                f"the object {self.describe(value)}"
        if isinstance(value, (ModuleRef, Definition, Method)):
            return "a module, function or method, not a value"
        return None

    def _attribute(self, node: cst.Attribute, scope: Scope) -> str:
        attr = node.attr.value
        cls = self.ev.self_class(node.value, scope)
        if cls is not None:  # self.attr in a method: what the class assigns to it
            assigned = cls.self_attrs.get(attr, [])
            if len(assigned) == 1:
                return self.expression(*assigned[0])
            return f"'self.{attr}', assigned more than once" if assigned else \
                self._name(attr, cls)
        base = self.ev.value(node.value, scope)
        if isinstance(base, Instance) and _is_class(base.name):
            return f"output of {self.describe(base)}"  # a resource the rules have no kind for
        return self.expression(node.value, scope) if not self._known(node.value, scope) \
            else f"unresolved attribute '{attr}'"

    def _name(self, name: str, scope: Scope) -> str:
        bindings = scope.lookup(name)
        if not bindings:
            return f"unresolved name '{name}'"
        first = bindings[0]
        if len(bindings) > 1 and not all(b.kind == IMPORT and b.node == first.node
                                         for b in bindings):
            return f"'{name}' is assigned more than once"
        if first.kind == ASSIGN:
            return self.expression(first.node, first.scope)
        if first.kind == PARAM:
            return self._parameter(first.node, first.scope)
        if first.kind == IMPORT:
            target: ImportTarget = first.node
            module = self.ev.project.module(scope.source, ImportTarget(target.module,
                                                                       target.level))
            if target.name and module is not None and target.name in module.scope.bindings:
                return self._name(target.name, module.scope)
            return f"'{name}', imported from outside the project"
        if first.kind == DEF:
            return f"'{name}' is a function or class"
        return f"'{name}', bound by a loop, `with`, `except` or `+=`"

    def _parameter(self, param: cst.Param, scope: Scope) -> str:
        fdef = scope.node
        assert isinstance(fdef, cst.FunctionDef)
        what = f"function parameter '{param.name.value}'"
        sites = self.ev.call_sites(fdef, scope)
        if sites is None:
            return f"{what}, and not every call of {fdef.name.value}() can be seen"
        if not sites:
            return f"{what}, and {fdef.name.value}() is never called"
        entries = self.ev.passed(param, scope)
        if entries is None:
            return f"{what}, which a call passes through *args or **kwargs, or not at all"
        for entry in entries:
            if not self._known(entry.value, entry.scope):
                return f"{what}, where a call passes {self.expression(entry.value, entry.scope)}"
        return f"{what}, whose callers disagree"

    def _call(self, node: cst.Call, scope: Scope) -> str:
        func = node.func
        owner = self.ev.value(func.value, scope) if isinstance(func, cst.Attribute) else None
        if isinstance(owner, Instance) and owner.name.startswith("pulumi."):
            key = self.ev.value(node.args[0].value, scope) if node.args else None
            named = f" '{key}'" if isinstance(key, str) else ""
            if owner.name.endswith(".Config"):
                return f"config value{named}"
            if owner.name.endswith(".StackReference"):
                return f"stack reference output{named}"
        callee = self.ev.value(func, scope)
        for arg in node.args:  # builtins and str methods are evaluated from their arguments
            if isinstance(callee, (Method, Symbol)) and not self._known(arg.value, scope):
                return self.expression(arg.value, scope)
        if isinstance(callee, Definition):
            return f"result of a call to {callee.node.name.value}()"
        if isinstance(callee, Symbol):
            return f"result of {class_name(callee.name)}()"
        if isinstance(callee, Method):
            return f"result of str.{callee.name}()"
        if owner is not None and not self._known(func.value, scope):
            return self.expression(func.value, scope)
        return f"result of {_code(func) or 'a call'}()"


def _opening(args: Arguments) -> str:
    """The argument through which unseen arguments may come, as written."""
    node = args.opened_by
    if not isinstance(node, cst.Arg):
        return "unseen arguments"
    code = _code(node.value) or "..."
    if node.keyword is not None:
        return f"{node.keyword.value}={code}"
    return f"{node.star}{code}" if node.star else f"the args object {code}"


def _is_class(name: str) -> bool:
    """A dotted name that names a class (`pulumi_aws.sqs.Queue`), not a function."""
    return name.rsplit(".", 1)[-1][:1].isupper()


def _parts(node: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    """The expressions directly inside node (operands, elements, keys and values)."""
    for child in node.children:
        if isinstance(child, cst.BaseExpression):
            yield child
        else:
            yield from _parts(child)


def _code(node: cst.BaseExpression) -> str | None:
    """A dotted name as written (`aws.lambda_.Function`, `opts`, `load(...)`); None for anything
    else, so that no value written in the program is ever repeated."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _code(node.value)
        return f"{base}.{node.attr.value}" if base else None
    if isinstance(node, cst.Call):
        callee = _code(node.func)
        return f"{callee}(...)" if callee else None
    return None
