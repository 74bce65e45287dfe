"""What the `--show-skipped` reasons of the tree-sitter front ends share (TypeScript, Go, Java and
C#): skipped.Reasons answered from an evaluator's Arguments. A front end says how it writes a
property's name, names a resource's class and the args an unseen property may come through, and why
a value it cannot know is unknown."""
from __future__ import annotations

from typing import Any

import tree_sitter as ts

from apigw_lint.rules.values import is_known

from . import skipped
from .evaluated import Arguments, Entry, Instance, Resource, origin


class Reasons(skipped.Reasons):
    """Why the inputs of one integration are not known. Reasons name config keys, parameters,
    resources and keys, never a value written in the program."""

    def __init__(self, ev: Any, args: Arguments) -> None:
        super().__init__()
        self.ev, self.args = ev, args
        self._busy: set[ts.Node] = set()

    # --- what the front end says
    def written(self, name: str) -> str:
        """A property's name as the args spell it (the model's camelCase by default)."""
        return name

    def class_name(self, call: ts.Node) -> str | None:
        """The resource class (or constructor) a call names, as written."""
        raise NotImplementedError

    def opened_by(self, node: ts.Node) -> str:
        """The part of the args (args.opened_by) through which unseen properties may come, as
        written."""
        raise NotImplementedError

    def unknown(self, entry: Entry) -> tuple[str, str]:
        """(path, why) of a property whose value is not known."""
        raise NotImplementedError

    def _expression(self, node: ts.Node, scope: Any) -> str:
        raise NotImplementedError

    # --- skipped.Reasons
    def property(self, name: str) -> tuple[str, str]:
        return self._entry(self.args, self.args.keywords.get(self.written(name)))

    def unseen(self) -> str:
        return self.opening(self.args)

    def resource(self, *path: str) -> Any:
        entry = self.args.keywords.get(self.written(path[0])) if path else None
        value = self.ev.value(entry.value, entry.scope) if entry is not None else None
        for key in path[1:]:  # keys of a map or a nested args object
            value = value.get(key) if isinstance(value, dict) else None
        return origin(value)

    def kind(self, resource: Resource) -> str | None:
        return resource.kind

    def describe(self, resource: Resource | Instance) -> str:
        """`Function 'orders'`: the class as written and the logical name."""
        kind = self.class_name(resource.call) or getattr(resource, "kind", "resource")
        args = self.ev.resource_arguments(resource.call, resource.scope)
        name = self.ev.value(args.positional[0].value, args.positional[0].scope) \
            if args.positional else None
        return f"{kind} '{name}'" if isinstance(name, str) else kind

    def setting(self, resource: Resource, name: str) -> tuple[str, str]:
        args = self.ev.resource_arguments(resource.call, resource.scope)
        return self._entry(args, args.keywords.get(self.written(name)))

    def opening(self, args: Arguments) -> str:
        return "unseen arguments" if args.opened_by is None else self.opened_by(args.opened_by)

    def _entry(self, args: Arguments, entry: Entry | None) -> tuple[str, str]:
        if entry is None:
            return "", f"may be set by {self.opening(args)}" if args.open else "not set"
        if self._known(entry.value, entry.scope):
            return "", "a literal value"
        return self.unknown(entry)

    def _known(self, node: ts.Node, scope: Any) -> bool:
        return is_known(self.ev.data(self.ev.value(node, scope)))

    def expression(self, node: ts.Node, scope: Any) -> str:
        """Why an expression's value is not known (a cycle stops the search)."""
        if node in self._busy or len(self._busy) > 100:
            return "a value defined in terms of itself"
        self._busy.add(node)
        try:
            return self._expression(node, scope)
        finally:
            self._busy.discard(node)


class NestedReasons(Reasons):
    """Reasons of a language whose evaluator reads nested literals of args (object_entries: a
    TypeScript object, a Go struct or map): an unknown value is located inside them."""

    def unknown(self, entry: Entry) -> tuple[str, str]:
        return self._located(entry.value, entry.scope)

    def resource(self, *path: str) -> Any:
        entries: dict[Any, Entry] = self.args.keywords
        entry = None
        for key in path:
            entry = entries.get(self.written(key)) or entries.get(key)
            if entry is None:
                return None
            inner = self.ev.object_entries(entry.value, entry.scope)
            entries = inner.keywords if inner is not None else {}
        return origin(self.ev.value(entry.value, entry.scope)) if entry else None

    def _located(self, node: ts.Node, scope: Any) -> tuple[str, str]:
        """(path, why) of the first part of a literal's value that is not known."""
        if isinstance(self.ev.data(self.ev.value(node, scope)), dict):
            entries = self.ev.object_entries(node, scope)
            for key, entry in (entries.keywords if entries else {}).items():
                if not self._known(entry.value, entry.scope):
                    path, why = self._located(entry.value, entry.scope)
                    return f'["{key}"]' + path, why
        return "", self.expression(node, scope)
