"""Why a value of a TypeScript program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

import tree_sitter as ts

from .. import sitter_why
from ..evaluated import Definition, Instance, ModuleRef, Output, Resource, Symbol
from .evaluate import PULUMI, Evaluator, unwrap
from .index import ASSIGN, DEF, IMPORT, PARAM, PICK, Scope, callee


class Reasons(sitter_why.NestedReasons):
    """Why the inputs of one `new Integration(...)` are not known."""

    ev: Evaluator

    def class_name(self, call: ts.Node) -> str | None:
        return _code(callee(call))

    # --- expressions
    def _expression(self, node: ts.Node, scope: Scope) -> str:
        node = unwrap(node)
        if node.type == "spread_element":  # written before a spread that may replace it
            return f"may be replaced by ...{_code(node.named_children[0]) or '(an object)'}" \
                if node.named_children else "may be replaced by a spread"
        value = self.ev.value(node, scope)
        if isinstance(value, Output):
            return f"output of {self.describe(value.resource)}"
        if isinstance(value, Resource):
            return f"the resource {self.describe(value)}"
        if isinstance(value, Symbol):
            return f"{value.name}, from a package"
        if isinstance(value, Instance):
            return f"the object {self.describe(value)}"
        if isinstance(value, (ModuleRef, Definition)):
            return "a module or function, not a value"
        if node.type in ("identifier", "shorthand_property_identifier"):
            return self._name(node.text.decode(), scope)
        if node.type == "call_expression":
            return self._call(node, scope)
        if node.type == "member_expression":
            base = node.child_by_field_name("object")
            if base is not None and unwrap(base).type == "this":
                return f"'{_code(node)}', not set by exactly one write its class always makes"
            if base is not None and not self._known(base, scope):
                return self.expression(base, scope)
            return "unresolved property"
        for part in node.named_children:  # the first part that is not known
            inner = part.named_children[0] if part.type == "template_substitution" \
                and part.named_children else part
            if inner.type not in ("string_fragment", "escape_sequence", "comment") \
                    and not self._known(inner, scope):
                return self.expression(inner, scope)
        return "unresolved expression"

    def _name(self, name: str, scope: Scope) -> str:
        bindings = scope.lookup(name)
        if not bindings:
            return f"unresolved name '{name}'"
        first = bindings[0]
        if len(bindings) > 1 and not all(b.kind == IMPORT and b.node == first.node
                                         for b in bindings):
            return f"'{name}' is assigned more than once"
        if first.kind == ASSIGN and first.node is not None:
            return self.expression(first.node, first.scope)
        if first.kind == PARAM:
            return self._parameter(name, first.node, first.scope)
        if first.kind == IMPORT:
            module = first.node.module
            return f"'{name}', imported from {module}" if not module.startswith(".") else \
                f"'{name}', not found in {module}"
        if first.kind == DEF:
            return f"'{name}' is a function or class"
        if first.kind == PICK:
            if first.node.param is not None:
                return f"'{name}', destructured from a parameter: its callers disagree, pass " \
                    "what is not known, or cannot all be seen"
            return f"'{name}', destructured from {self.expression(first.node.source, first.scope)}"
        return f"'{name}', bound by a loop, destructuring or `catch`"

    def _parameter(self, name: str, param: ts.Node, scope: Scope) -> str:
        what = f"function parameter '{name}'"
        sites = self.ev.call_sites(scope.node, scope)
        if sites is None:
            return f"{what}, and not every call of its function can be seen"
        if not sites:
            return f"{what}, and its function is never called"
        entries = self.ev.passed(param, scope)
        if entries is None:
            return f"{what}, which a call passes through a spread, or not at all"
        for entry in entries:
            if not self._known(entry.value, entry.scope):
                return f"{what}, where a call passes {self.expression(entry.value, entry.scope)}"
        return f"{what}, whose callers disagree"

    def _call(self, node: ts.Node, scope: Scope) -> str:
        func = callee(node)
        owner_node = func.child_by_field_name("object") if func is not None and \
            func.type == "member_expression" else None
        owner = self.ev.value(owner_node, scope) if owner_node is not None else None
        args = node.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        key = self.ev.value(first, scope) if first is not None else None
        named = f" '{key}'" if isinstance(key, str) else ""
        if isinstance(owner, Instance) and owner.name == f"{PULUMI}.Config":
            return f"config value{named}"
        if isinstance(owner, Instance) and owner.name == f"{PULUMI}.StackReference":
            return f"stack reference output{named}"
        called = self.ev.value(func, scope) if func is not None else None
        if isinstance(called, Definition):
            return f"result of a call to {_code(func) or 'a function'}()"
        if owner_node is not None and not self._known(owner_node, scope):
            return self.expression(owner_node, scope)
        return f"result of {_code(func) or 'a call'}()"

    def opened_by(self, node: ts.Node) -> str:
        if node.type == "spread_element":
            return f"...{_code(node.named_children[0]) or '(an object)'}" if node.named_children \
                else "a spread"
        if node.type == "pair":
            return "a computed property name"
        return f"the args object {_code(node) or '(an expression)'}"


def _code(node: ts.Node | None) -> str | None:
    """A dotted name as written (`aws.lambda.Function`, `cfg.require(...)`); None for anything
    else, so that no value written in the program is ever repeated."""
    if node is None:
        return None
    node = unwrap(node)
    if node.type in ("identifier", "this"):
        return node.text.decode()
    if node.type == "member_expression":
        base = _code(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        return f"{base}.{prop.text.decode()}" if base and prop is not None else None
    if node.type in ("call_expression", "new_expression"):
        called = _code(callee(node))
        return f"{'new ' if node.type == 'new_expression' else ''}{called}(...)" if called \
            else None
    return None
