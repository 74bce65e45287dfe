"""Each `new Integration(...)` of `com.pulumi.aws.apigatewayv2` in a Java project: its model, its
context from the project's other resources, where a finding on a property points, why a value
is unknown, and how a finding's edit is made. What the check loop needs, one `Found` per
integration."""
from __future__ import annotations

from typing import Any, Iterator, Mapping

import tree_sitter as ts

from apigw_lint import rules
from apigw_lint.rules import aws, resources
from apigw_lint.rules.values import UNKNOWN, is_known

from .. import sitter_integrations
from ..discover import may_hold_integration
from ..evaluated import Arguments, Entry, Resource, integration, origin
from ..sitter_found import Found, Span
from . import codemod
from .evaluate import Evaluator, arguments, member, unwrap
from .index import CallRecord, Scope, Source
from .parse import errors, position
from .project import Project
from .why import Reasons


class Integrations(sitter_integrations.Integrations):
    """Builds models for one project, with what the project's other files tell about them."""

    def __init__(self, project: Project, api_protocols: Mapping[str, str] | None = None) -> None:
        self.project = project
        self.ev = Evaluator(project)
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere
        self._counts: dict[Any, int | None] | None = None  # see _tally
        self._permissions: list[tuple[Resource | None, dict[str, Any]]] | None = None

    def errors(self, tree: ts.Tree) -> list[ts.Node]:
        return errors(tree)

    def found(self, source: Source, record: CallRecord) -> Found:
        args = self.ev.resource_arguments(record.node, record.scope)
        m = self.model(args)
        api, aliased = self.api_resource(args)

        def locate(path: tuple[Any, ...]) -> Span:
            return self._span(source, self._anchor(record, args, path))

        def fix(finding: rules.Finding) -> codemod.Fix | None:
            entry = args.keywords.get(finding.path[0]) if finding.path else None
            own = entry is not None and args.outer.get(finding.path[0]) is entry.anchor \
                and entry.scope is record.scope
            return codemod.plan(source.path, source.data, entry if own else None, args,
                                finding.edit)

        start = position(source.data, record.node.start_byte)
        return Found(source.path, m, m.name, api, aliased, start,
                     (record.node.start_point[0] + 1, record.node.end_point[0] + 1), locate,
                     Reasons(self.ev, args), fix)

    # --- the model
    def model(self, args: Arguments) -> rules.Integration:
        raw: dict[str, Any] = {}
        extra = []
        for key, entry in args.keywords.items():
            if key in aws.PROPERTIES:
                raw[key] = self.ev.value(entry.value, entry.scope)
                if key == "responseParameters" and isinstance(raw[key], dict):
                    raw[key] = [raw[key]]  # one element given to the varargs setter
            else:
                extra.append(str(key))
        return integration(self, args, raw, extra, self.api_protocols)

    def aliased(self, api: Resource) -> bool:
        """Options are the third argument."""
        given = arguments(api.call)
        if len(given) < 3:
            return False
        options = self.ev.object_entries(given[2], api.scope)
        return options is None or options.open or "aliases" in options.keywords

    def count(self, api: Resource) -> int | None:
        """Integrations on this Api across the project, when each runs a known number of times
        and every integration's apiId is known (else any may be on this Api)."""
        if self._counts is None:
            self._counts = self._tally()
        return self._counts.get(api.call, 0) if None not in self._counts else None

    def _tally(self) -> dict[Any, int | None]:
        """Api's `new` -> how many integrations are on it (None: not certain); a key None when
        some integration may be on any Api. One pass over the project."""
        counts: dict[Any, int | None] = {None: None} if self.project.blind("Integration") else {}
        for source in self.project.sources_mentioning("Integration"):
            for record in self.calls(source) if may_hold_integration(source.data) else ():
                args = self.ev.resource_arguments(record.node, record.scope)
                entry = args.keywords.get("apiId")
                value = self.ev.value(entry.value, entry.scope) if entry is not None else None
                api = origin(value)
                if args.open or api is None and not is_known(self.ev.data(value)):
                    counts[None] = None  # it may be on any Api
                elif api is not None:
                    times, before = self.ev.multiplicity(record), counts.get(api.call, 0)
                    counts[api.call] = None if times is None or before is None \
                        else before + times
        return counts

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the project: (does it name the function, its props)."""
        if self._permissions is None:
            self._permissions = []
            for source in self.project.sources_mentioning("Permission"):
                for record in self.calls(source, resources.LAMBDA_PERMISSION):
                    props, _ = self.ev.resource_props(self.ev.value(record.node, record.scope))
                    target = origin(props.get(resources.PERMISSION_FUNCTION, UNKNOWN))
                    self._permissions.append((target, props))
        for target, props in self._permissions:
            yield UNKNOWN if target is None else target.call == function.call, props
        if self.project.blind("Permission"):
            yield UNKNOWN, {}

    # --- positions
    def _anchor(self, record: CallRecord, args: Arguments, path: tuple[Any, ...]) -> ts.Node:
        """The node a finding points at: the setter, or the key / element inside it."""
        entry = args.keywords.get(path[0]) if path else None
        if entry is None:
            return record.node
        if entry.scope.source is not record.scope.source:
            outer = args.outer[path[0]]
            return _setter_name(outer) if outer is entry.anchor else outer
        anchor, node, scope = _setter_name(entry.anchor), entry.value, entry.scope
        for part in path[1:]:
            child = self._child(node, scope, part)
            if child is None or child.scope.source is not record.scope.source:
                break
            anchor, node, scope = child.anchor, child.value, child.scope
        return anchor

    def _child(self, node: ts.Node, scope: Scope, part: Any) -> Entry | None:
        """The entry for a key of a Map.of / builder, or an element of a List.of / varargs."""
        node = unwrap(node)
        for _ in range(64):  # follow a local to the expression it is bound to
            if node.type != "identifier":
                break
            bindings = scope.lookup(node.text.decode())
            if not bindings or len(bindings) != 1 or bindings[0].node is None \
                    or bindings[0].kind != "assign":
                return None
            node, scope = unwrap(bindings[0].node), bindings[0].scope
        if node.type == "method_invocation" and member(node) == "build":
            entries = self.ev.object_entries(node, scope)
            found = entries.keywords.get(part) if entries is not None else None
            return Entry(found.value, found.scope, _setter_name(found.anchor)) if found else None
        given = arguments(node) if node.type == "method_invocation" else \
            [a for a in node.named_children if "comment" not in a.type] \
            if node.type == "argument_list" else []
        if isinstance(part, int):
            return Entry(given[part], scope, given[part]) if part < len(given) else None
        for key, value in zip(given[::2], given[1::2]):  # Map.of(k, v, ...)
            if self.ev.value(key, scope) == part:
                return Entry(value, scope, key)
        for pair in given:  # Map.ofEntries(Map.entry(k, v), ...)
            inner = arguments(unwrap(pair)) if unwrap(pair).type == "method_invocation" else []
            if len(inner) == 2 and self.ev.value(inner[0], scope) == part:
                return Entry(inner[1], scope, inner[0])
        return None

    @staticmethod
    def _span(source: Source, node: ts.Node) -> Span:
        return position(source.data, node.start_byte), position(source.data, node.end_byte)


def _setter_name(setter: ts.Node) -> ts.Node:
    """What a finding on a builder setter points at: from its name to its closing parenthesis."""
    return _Span(setter.child_by_field_name("name") or setter, setter)  # type: ignore[return-value]


class _Span:
    """A node-like range from one node's start to another's end (for positions)."""

    def __init__(self, start: ts.Node, end: ts.Node) -> None:
        self.start_byte, self.end_byte = start.start_byte, end.end_byte
