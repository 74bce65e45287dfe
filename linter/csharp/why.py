"""Why a value of a C# program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

from typing import Any

import tree_sitter as ts

from apigw_lint.rules.values import is_known

from .. import sitter_why
from ..evaluated import Entry, Output, Resource
from .evaluate import Evaluator, arguments
from .index import Source, dotted


class Reasons(sitter_why.Reasons):
    """Why the inputs of one `new Integration(...)` are not known. Reasons name config keys,
    parameters, resources and keys, never a value written in the program."""

    ev: Evaluator

    def class_name(self, call: ts.Node) -> str | None:
        return dotted(call.child_by_field_name("type"))

    @staticmethod
    def opened_by(node: ts.Node) -> str:
        if node.type == "identifier":
            return f"the args object {node.text.decode()}"
        if node.type == "object_creation_expression" and node.child_by_field_name("arguments"):
            return "a call to a resource constructor this linter does not read"
        return "an args object that is not written in place"

    def unknown(self, entry: Entry) -> tuple[str, str]:
        value = self.ev.value(entry.value, entry.scope)
        if isinstance(value, dict):  # the first entry that is not known
            for key, inner in value.items():
                if not is_known(self.ev.data(inner)):
                    return f'["{key}"]', self._why(inner, None, entry.scope)
        return "", self._why(value, entry.value, entry.scope)

    def _why(self, value: Any, node: ts.Node | None, source: Source) -> str:
        if isinstance(value, Output):
            return f"output of {self.describe(value.resource)}"
        if isinstance(value, Resource):
            return f"the resource {self.describe(value)}"
        if node is None:
            return "unresolved expression"
        if node.type == "identifier":
            return self._name(node.text.decode(), source)
        if node.type == "invocation_expression":
            return self._call(node, source)
        if node.type == "member_access_expression":
            written = dotted(node)
            return f"{written} is not a constant (const or static readonly) of the project" \
                if written else "unresolved member"
        for part in node.named_children:  # the first part that is not known
            inner = part.named_children[1] if part.type == "interpolation" \
                and len(part.named_children) > 1 else part
            if inner.type not in ("string_content", "escape_sequence", "interpolation_start",
                                  "interpolation_brace", "comment") \
                    and not is_known(self.ev.data(self.ev.value(inner, source))):
                return self._why(self.ev.value(inner, source), inner, source)
        return "unresolved expression"

    def _name(self, name: str, source: Source) -> str:
        bound = source.binding(name)
        if bound is None:
            return _unbound(name, source)
        if bound.touched:
            return f"'{name}' is changed after it is made"
        return self._why(self.ev.value(bound.value, source), bound.value, source)

    def _call(self, node: ts.Node, source: Source) -> str:
        func = node.child_by_field_name("function")
        given = arguments(node) or []
        key = self.ev.value(given[0], source) if given else None
        named = f" '{key}'" if isinstance(key, str) else ""
        method = func.child_by_field_name("name") if func is not None \
            and func.type == "member_access_expression" else None
        if method is not None and method.text.decode().startswith(("Require", "Get")):
            return f"config value{named}"
        return f"result of {dotted(func) or 'a call'}()"


_BOUND_BY = {"parameter": "a parameter", "implicit_parameter": "a lambda's parameter",
             "foreach_statement": "a loop variable", "catch_declaration": "an exception",
             "declaration_expression": "an `out` variable",
             "declaration_pattern": "a pattern variable"}


def _unbound(name: str, source: Source) -> str:
    """Why a name of the file holds no known value."""
    parents = [n.parent.type for n in source.occurrences.get(name, ()) if n.parent is not None]
    for kind, what in _BOUND_BY.items():
        if kind in parents:
            return f"'{name}' is {what}"
    if "assignment_expression" in parents or "postfix_unary_expression" in parents \
            or "prefix_unary_expression" in parents:
        return f"'{name}' is assigned more than once"
    if source.declares(name):
        return f"'{name}' is declared more than once, or is not a constant"
    return f"unresolved name '{name}' (not a local or constant of this file)"
