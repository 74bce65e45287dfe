"""What every tree-sitter front end's Integrations shares: the walk from a file (or the whole
project) to one Found per integration, or NotCheckable where a file or a call cannot be read."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import tree_sitter as ts

from apigw_lint.rules import resources

from .discover import may_hold_integration
from .evaluated import Arguments, Resource, origin
from .sitter_found import Found, NotCheckable
from .treesitter import broken


class Integrations:
    """A front end's Integrations sets `project` (a sitter_project.Project) and `ev` (its
    Evaluator) and provides errors(tree), found(source, call) and aliased(api); calls and
    integration_calls read its index's `calls` (C# overrides them)."""

    API_ID = "apiId"  # how the args name the Api's id
    project: Any
    ev: Any
    _calls: dict[tuple[Any, str], list[Any]] | None = None

    def may_hold(self, data: bytes) -> bool:
        """Whether a file's text may spell an integration (the cheap test before parsing)."""
        return may_hold_integration(data)

    def errors(self, tree: ts.Tree) -> list[ts.Node]:
        raise NotImplementedError

    def calls(self, source: Any, kind: str = resources.INTEGRATION) -> list[Any]:
        """The calls of a file (its index's `calls`) that create a resource of this kind; kept
        per file, since the project's searches ask again for every integration."""
        if self._calls is None:
            self._calls = {}
        if (source, kind) not in self._calls:
            self._calls[source, kind] = [r for records in source.calls.values() for r in records
                                         if self.ev.kind_of(r) == kind]
        return self._calls[source, kind]

    def integration_calls(self, source: Any) -> list[tuple[ts.Node, Any]]:
        """(node, call) of each integration a file creates, in the file's order."""
        return [(r.node, r) for r in sorted(self.calls(source), key=lambda r: r.node.start_byte)]

    def found(self, source: Any, call: Any) -> Found:
        raise NotImplementedError

    def of_file(self, path: Path) -> Iterator[Found | NotCheckable]:
        """The integrations of one file of the project (or why the file cannot be checked)."""
        data = self.project.read(path)
        if data is None or not self.may_hold(data):
            if path in self.project.unparsable:
                yield NotCheckable(path, self.project.unparsable[path])
            return
        source = self.project.source(path)
        if source is None:
            yield NotCheckable(path, self.project.unparsable[path])
            return
        failed = self.errors(source.tree)
        for node, call in self.integration_calls(source):
            reason = broken(node, source.data, failed)
            yield NotCheckable(path, reason) if reason else self.found(source, call)

    def everything(self) -> Iterator[Found | NotCheckable]:
        for path in self.project.paths():
            yield from self.of_file(path)

    # --- the Api
    def api_resource(self, args: Arguments) -> tuple[str | None, bool]:
        """The logical name of the Api apiId is an output of, and whether its options may carry
        aliases."""
        api = self.api_of(args)
        if api is None or api.kind != resources.API:
            return None, False
        named = self.ev.resource_arguments(api.call, api.scope)
        name = self.ev.value(named.positional[0].value, named.positional[0].scope) \
            if named.positional else None
        if not isinstance(name, str):
            return None, False
        return name, self.aliased(api)

    def api_of(self, args: Arguments) -> Resource | None:
        """The resource an integration's apiId is an output of."""
        entry = args.keywords.get(self.API_ID)
        return origin(self.ev.value(entry.value, entry.scope)) if entry is not None else None

    def aliased(self, api: Resource) -> bool:
        """Whether the Api's resource options may carry aliases."""
        raise NotImplementedError
