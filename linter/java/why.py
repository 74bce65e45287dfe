"""Why a value of a Java program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

from typing import Any

import tree_sitter as ts

from apigw_lint.rules.values import is_known

from .. import skipped
from ..evaluated import Arguments, Entry, Output, Resource, origin
from .evaluate import Evaluator, arguments, member, unwrap
from .index import ASSIGN, PARAM, Scope, dotted


class Reasons(skipped.Reasons):
    """Why the inputs of one `new Integration(...)` are not known. Reasons name config keys,
    parameters, resources and keys, never a value written in the program."""

    def __init__(self, ev: Evaluator, args: Arguments) -> None:
        super().__init__()
        self.ev, self.args = ev, args
        self._busy: set[ts.Node] = set()

    def property(self, name: str) -> tuple[str, str]:
        return self._entry(self.args, self.args.keywords.get(name))

    def unseen(self) -> str:
        return _opening(self.args)

    def resource(self, *path: str) -> Any:
        entry = self.args.keywords.get(path[0]) if path else None
        value = self.ev.value(entry.value, entry.scope) if entry is not None else None
        for key in path[1:]:  # keys of a Map.of or a nested builder
            value = value.get(key) if isinstance(value, dict) else None
        return origin(value)

    def kind(self, resource: Resource) -> str | None:
        return resource.kind

    def describe(self, resource: Resource) -> str:
        """`Function 'orders'`: the class as written and the logical name."""
        kind = dotted(resource.call.child_by_field_name("type")) or resource.kind
        args = self.ev.resource_arguments(resource.call, resource.scope)
        name = self.ev.value(args.positional[0].value, args.positional[0].scope) \
            if args.positional else None
        return f"{kind} '{name}'" if isinstance(name, str) else kind

    def setting(self, resource: Resource, name: str) -> tuple[str, str]:
        args = self.ev.resource_arguments(resource.call, resource.scope)
        return self._entry(args, args.keywords.get(name))

    def _entry(self, args: Arguments, entry: Entry | None) -> tuple[str, str]:
        if entry is None:
            return "", f"may be set by {_opening(args)}" if args.open else "not set"
        if self._known(entry.value, entry.scope):
            return "", "a literal value"
        return "", self.expression(entry.value, entry.scope)

    def _known(self, node: ts.Node, scope: Scope) -> bool:
        return is_known(self.ev.data(self.ev.value(node, scope)))

    # --- expressions
    def expression(self, node: ts.Node, scope: Scope) -> str:
        if node in self._busy or len(self._busy) > 100:
            return "a value defined in terms of itself"
        self._busy.add(node)
        try:
            return self._expression(unwrap(node), scope)
        finally:
            self._busy.discard(node)

    def _expression(self, node: ts.Node, scope: Scope) -> str:
        value = self.ev.value(node, scope)
        if isinstance(value, Output):
            return f"output of {self.describe(value.resource)}"
        if isinstance(value, Resource):
            return f"the resource {self.describe(value)}"
        if node.type == "identifier":
            return self._name(node.text.decode(), scope)
        if node.type == "field_access":
            return f"'{dotted(node) or 'a field'}', not a final field with a known value"
        if node.type == "method_invocation":
            return self._call(node, scope)
        for part in node.named_children:  # the first part that is not known
            if "comment" not in part.type and part.type not in ("string_fragment",
                                                                 "escape_sequence") \
                    and not self._known(part, scope):
                return self.expression(part, scope)
        return "unresolved expression"

    def _name(self, name: str, scope: Scope) -> str:
        bindings = scope.lookup(name)
        if not bindings:
            return f"unresolved name '{name}'"
        if len(bindings) > 1:
            return f"'{name}' is assigned more than once"
        first = bindings[0]
        if first.kind == ASSIGN and first.node is not None:
            return self.expression(first.node, first.scope)
        if first.kind == PARAM:
            return f"parameter '{name}'"
        if first.scope.kind == "class":
            return f"field '{name}', not final or not initialized where declared"
        return f"'{name}', bound by a loop or `catch`, or declared without a value"

    def _call(self, node: ts.Node, scope: Scope) -> str:
        owner = node.child_by_field_name("object")
        called = f"{dotted(owner)}.{member(node)}" if dotted(owner) else member(node)
        given = arguments(node)
        key = self.ev.value(given[0], scope) if given else None
        named = f" '{key}'" if isinstance(key, str) else ""
        if member(node).startswith(("require", "get")) and owner is not None and \
                owner.type == "method_invocation" and member(owner) == "config":
            return f"config value{named}"
        bound = owner is not None and (owner.type == "method_invocation" or owner.type ==
                                       "identifier" and scope.lookup(owner.text.decode()))
        if bound and not self._known(owner, scope):  # type: ignore[arg-type]
            return self.expression(owner, scope)  # type: ignore[arg-type]
        return f"result of {called}()"


def _opening(args: Arguments) -> str:
    """The part of the arguments through which unseen properties may come, as written."""
    node = args.opened_by
    if node is None:
        return "unseen arguments"
    return f"the args {dotted(node) or 'expression'}"
