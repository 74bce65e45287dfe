"""Why a value of a Go program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

import tree_sitter as ts

from .. import sitter_why
from ..evaluated import Definition, Output, Resource, Symbol
from .evaluate import Evaluator, unwrap
from .index import ASSIGN, DEF, PARAM, Binding, Scope
from .layout import spelling


class Reasons(sitter_why.NestedReasons):
    """Why the inputs of one `NewIntegration(...)` are not known. Reasons name config keys,
    parameters, resources and keys, never a value written in the program."""

    ev: Evaluator

    def written(self, name: str) -> str:
        return spelling(name)

    def class_name(self, call: ts.Node) -> str | None:
        return _code(call.child_by_field_name("function"))

    @staticmethod
    def opened_by(node: ts.Node) -> str:
        if node.type == "keyed_element":
            return "a field that is not a name"
        return f"the args {_code(unwrap(node)) or '(an expression)'}"

    # --- expressions
    def _expression(self, node: ts.Node, scope: Scope) -> str:
        node = unwrap(node)
        value = self.ev.value(node, scope)
        if isinstance(value, Output):
            return f"output of {self.describe(value.resource)}"
        if isinstance(value, Resource):
            return f"the resource {self.describe(value)}"
        if isinstance(value, Symbol):
            return f"{value.name}, from a package"
        if isinstance(value, Definition):
            return "a function, not a value"
        if node.type == "identifier":
            return self._name(node.text.decode(), scope)
        if node.type == "call_expression":
            return self._call(node, scope)
        if node.type == "selector_expression":
            base = node.child_by_field_name("operand")
            if base is not None and not self._known(base, scope):
                return self.expression(base, scope)
            return "unresolved field"
        for part in node.named_children:  # the first part that is not known
            if part.type not in ("comment", "interpreted_string_literal_content",
                                 "escape_sequence") and not self._known(part, scope):
                return self.expression(part, scope)
        return "unresolved expression"

    def _name(self, name: str, scope: Scope) -> str:
        bindings = self.ev.bindings(name, scope)
        if bindings is None:
            return f"unresolved name '{name}'"
        if len(bindings) != 1:
            return f"'{name}' is assigned more than once, or in a file that cannot be read"
        first = bindings[0]
        if first.kind == ASSIGN and first.index:
            return f"'{name}', a later result of a call"
        if first.kind == ASSIGN and self._known(first.node, first.scope):
            return f"'{name}', a struct or map passed to a call that may change it"
        if first.kind == ASSIGN:
            return self.expression(first.node, first.scope)
        if first.kind == PARAM:
            return self._parameter(name, first)
        if first.kind == DEF:
            return f"'{name}' is a function"
        return f"'{name}', bound by a loop, a switch or a declaration without a value"

    def _parameter(self, name: str, b: Binding) -> str:
        what = f"function parameter '{name}'"
        sites = self.ev.call_sites(b.scope)
        if sites is None:
            return f"{what}, and not every call of its function can be seen"
        if not sites:
            return f"{what}, and its function is never called"
        entries = self.ev.passed(b)
        if entries is None:
            return f"{what}, which a call passes through `xs...`, or not at all"
        for entry in entries:
            if not self._known(entry.value, entry.scope):
                return f"{what}, where a call passes {self.expression(entry.value, entry.scope)}"
        return f"{what}, whose callers disagree"

    def _call(self, node: ts.Node, scope: Scope) -> str:
        func = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        given = [a for a in args.named_children if a.type != "comment"] if args else []
        called = _code(func) or "a call"
        keys = [self.ev.value(a, scope) for a in given[:2]]
        key = next((k for k in keys if isinstance(k, str)), None)
        if called.split(".")[-1] in ("Get", "Require", "GetSecret", "RequireSecret", "GetInt",
                                     "RequireInt", "GetBool", "RequireBool", "Try", "TryInt"):
            return f"config value '{key}'" if key is not None else "config value"
        function = self.ev.value(func, scope)
        if isinstance(function, Definition):
            return f"result of a call to {called}()"
        unknown = next((a for a in given if not self._known(a, scope)), None)
        if isinstance(function, Symbol) and unknown is not None:  # pulumi.String(x), Sprintf
            return self.expression(unknown, scope)
        return f"result of {called}()"


def _code(node: ts.Node | None) -> str | None:
    """A dotted name as written (`lambda.NewFunction`, `cfg.Require(...)`); None for anything
    else, so that no value written in the program is ever repeated."""
    if node is None:
        return None
    if node.type == "identifier":
        return node.text.decode()
    if node.type == "selector_expression":
        base = _code(node.child_by_field_name("operand"))
        field = node.child_by_field_name("field")
        return f"{base}.{field.text.decode()}" if base and field is not None else None
    if node.type == "call_expression":
        called = _code(node.child_by_field_name("function"))
        return f"{called}(...)" if called else None
    return None
