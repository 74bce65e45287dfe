"""What the evaluators of the tree-sitter front ends share (TypeScript, Go, Java and C#): the
memo and the guard against cycles and runaway depth around a language's `_value`, and the model's
view of the values they make (evaluated.py holds the kinds of value)."""
from __future__ import annotations

from typing import Any

import tree_sitter as ts

from apigw_lint.rules import UNKNOWN

from .evaluated import Secret, plain

DEEP = 200  # nesting of evaluation beyond which a value is unknown (no deep recursion)


class Evaluating:
    """The base of a front end's Evaluator, which defines `_value(node, scope)`: what one syntax
    node evaluates to, each node evaluated once."""

    def __init__(self, project: Any) -> None:
        self.project = project
        self._memo: dict[ts.Node, Any] = {}
        self._busy: set[Any] = set()

    def value(self, node: ts.Node | None, scope: Any) -> Any:
        if node is None:
            return UNKNOWN
        if node in self._memo:
            return self._memo[node]
        if node in self._busy or len(self._busy) > DEEP:  # a cycle, or too deep to follow
            return UNKNOWN
        self._busy.add(node)
        try:
            result = self._value(node, scope)
        finally:
            self._busy.discard(node)
        self._memo[node] = result
        return result

    def _value(self, node: ts.Node, scope: Any) -> Any:
        raise NotImplementedError

    # --- the model's view of values
    def data(self, value: Any) -> Any:
        """The value as the model holds it: references UNKNOWN, secrets their value."""
        if isinstance(value, Secret):
            return self.data(value.value)
        if isinstance(value, list):
            return [self.data(v) for v in value]
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        return value if plain(value) else UNKNOWN

    def holds_secret(self, value: Any) -> bool:
        if isinstance(value, Secret):
            return True
        if isinstance(value, dict):
            return any(self.holds_secret(v) for v in value.values())
        return isinstance(value, list) and any(self.holds_secret(v) for v in value)
