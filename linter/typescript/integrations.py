"""Each `new aws.apigatewayv2.Integration(...)` of a Node.js project: its model, its context from
the project's other resources, where a finding on a property points, why a value is unknown, and
how a finding's edit is made. What the check loop needs, one `Found` per integration."""
from __future__ import annotations

from typing import Any, Iterator, Mapping

import tree_sitter as ts

from apigw_lint import rules
from apigw_lint.rules import aws, resources
from apigw_lint.rules.values import UNKNOWN

from .. import sitter_integrations
from ..discover import may_hold_integration
from ..evaluated import Arguments, Entry, Resource, integration, origin
from ..sitter_found import Found, Span
from . import codemod
from .evaluate import Evaluator, unwrap
from .index import ASSIGN, CallRecord, Scope, Source
from .parse import errors, position
from .project import Project
from .why import Reasons


class Integrations(sitter_integrations.Integrations):
    """Builds models for one project, with what the project's other files tell about them."""

    def __init__(self, project: Project, api_protocols: Mapping[str, str] | None = None) -> None:
        self.project = project
        self.ev = Evaluator(project)
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere
        self._counts: dict[ts.Node, int | None] = {}
        self._permissions: list[tuple[Resource | None, dict[str, Any]]] | None = None
        self._apis: list[tuple[Resource | None, CallRecord]] | None = None

    def errors(self, tree: ts.Tree) -> list[ts.Node]:
        return errors(tree)

    def found(self, source: Source, record: CallRecord) -> Found:
        args = self.ev.resource_arguments(record.node, record.scope)
        m = self.model(args)
        api, aliased = self.api_resource(args)
        literal = self._literal(record)

        def locate(path: tuple[Any, ...]) -> Span:
            return self._span(source, self._anchor(record, args, path))

        def fix(finding: rules.Finding) -> codemod.Fix | None:
            anchor = self._anchor(record, args, finding.path[:1])
            return codemod.plan(source.path, source.data, literal, args, anchor, finding.edit)

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
            else:
                extra.append(str(key))
        return integration(self, args, raw, extra, self.api_protocols)

    def aliased(self, api: Resource) -> bool:
        """Options are the third argument."""
        given = api.call.child_by_field_name("arguments")
        members = [a for a in given.named_children if a.type != "comment"] if given else []
        if len(members) < 3:
            return any(a.type == "spread_element" for a in members)
        options = self.ev.object_entries(members[2], api.scope)
        return options is None or options.open or "aliases" in options.keywords

    def count(self, api: Resource) -> int | None:
        """Integrations on this Api across the project, when each runs a known number of times."""
        if self._apis is None:  # each integration's Api, found once for the project
            self._apis = []
            for source in self.project.sources_mentioning("apigatewayv2", creating=True):
                for record in self.calls(source) if may_hold_integration(source.data) else ():
                    args = self.ev.resource_arguments(record.node, record.scope)
                    self._apis.append((self.api_of(args), record))
        if api.call not in self._counts:
            total: int | None = None if self.project.blind("apigatewayv2", True) else 0
            for on, record in self._apis:
                times = self.ev.multiplicity(record) if on is not None and \
                    on.call == api.call else 0
                total = None if total is None or times is None else total + times
            self._counts[api.call] = total
        return self._counts[api.call]

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the project: (does it name the function, its props)."""
        if self._permissions is None:  # found once for every integration of the project
            self._permissions = [
                (origin(props.get(resources.PERMISSION_FUNCTION, UNKNOWN)), props)
                for source in self.project.sources_mentioning("Permission", creating=True)
                for record in self.calls(source, resources.LAMBDA_PERMISSION)
                for props in (self.ev.resource_props(self.ev.value(record.node,
                                                                   record.scope))[0],)]
        for target, props in self._permissions:
            yield UNKNOWN if target is None else target.call == function.call, props
        if self.project.blind("Permission", creating=True):
            yield UNKNOWN, {}

    # --- positions
    def _literal(self, record: CallRecord) -> ts.Node | None:
        """The args object literal written in the call itself, if it is one."""
        given = record.node.child_by_field_name("arguments")
        members = [a for a in given.named_children if a.type != "comment"] if given else []
        literal = unwrap(members[1]) if len(members) > 1 else None
        return literal if literal is not None and literal.type == "object" else None

    def _anchor(self, record: CallRecord, args: Arguments, path: tuple[Any, ...]) -> ts.Node:
        """The node a finding points at: the property, or the key / element inside it."""
        entry = args.keywords.get(path[0]) if path else None
        if entry is None:
            return record.node
        if entry.scope.source is not record.scope.source:
            return args.outer[path[0]]
        anchor, node, scope = entry.anchor, entry.value, entry.scope
        for part in path[1:]:
            child = self._child(node, scope, part)
            if child is None or child.scope.source is not record.scope.source:
                break
            anchor, node, scope = child.anchor, child.value, child.scope
        return anchor

    def _child(self, node: ts.Node, scope: Scope, part: Any) -> Entry | None:
        for _ in range(64):  # follow a name to the literal it is bound to
            node = unwrap(node)
            if node.type not in ("identifier", "shorthand_property_identifier"):
                break
            bindings = scope.lookup(node.text.decode())
            if not bindings or len(bindings) != 1 or bindings[0].kind != ASSIGN \
                    or bindings[0].node is None:
                return None
            node, scope = bindings[0].node, bindings[0].scope
        if isinstance(part, int) and node.type == "array":
            elements = [e for e in node.named_children if e.type != "comment"]
            if part < len(elements) and not any(e.type == "spread_element"
                                                for e in elements[:part + 1]):
                return Entry(elements[part], scope, elements[part])
            return None
        entries = self.ev.object_entries(node, scope)
        found = entries.keywords.get(part) if entries is not None else None
        return found

    @staticmethod
    def _span(source: Source, node: ts.Node) -> Span:
        return position(source.data, node.start_byte), position(source.data, node.end_byte)
