"""Why a value of a Java program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

import tree_sitter as ts

from .. import sitter_why
from ..evaluated import Entry, Output, Resource
from .evaluate import Evaluator, arguments, member, unwrap
from .index import ASSIGN, PARAM, Scope, dotted


class Reasons(sitter_why.Reasons):
    """Why the inputs of one `new Integration(...)` are not known. Reasons name config keys,
    parameters, resources and keys, never a value written in the program."""

    ev: Evaluator

    def class_name(self, call: ts.Node) -> str | None:
        return dotted(call.child_by_field_name("type"))

    @staticmethod
    def opened_by(node: ts.Node) -> str:
        return f"the args {dotted(node) or 'expression'}"

    def unknown(self, entry: Entry) -> tuple[str, str]:
        return "", self.expression(entry.value, entry.scope)

    def _expression(self, node: ts.Node, scope: Scope) -> str:
        node = unwrap(node)
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
