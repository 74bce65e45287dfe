"""Each `apigatewayv2.NewIntegration(ctx, name, &apigatewayv2.IntegrationArgs{...})` of a Go
project: its model, its context from the project's other resources, where a finding on a
property points, why a value is unknown, and how a finding's edit is made. What the check loop
needs, one `Found` per integration."""
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
from .evaluate import PULUMI, Evaluator, literal_kind, unwrap
from .index import CallRecord, Scope, Source
from .layout import camel, spelling
from .parse import errors, position
from .project import Project
from .why import Reasons


class Integrations(sitter_integrations.Integrations):
    """Builds models for one project, with what the project's other files tell about them."""

    API_ID = "ApiId"

    def __init__(self, project: Project, api_protocols: Mapping[str, str] | None = None) -> None:
        self.project = project
        self.ev = Evaluator(project)
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere
        self._counts: dict[ts.Node, int | None] | None = None  # Api call -> integrations
        self._permissions: list[tuple[ts.Node | None, Any]] | None = None  # (function, props)

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
            if camel(key) in aws.PROPERTIES and spelling(camel(key)) == key:
                raw[camel(key)] = self.ev.value(entry.value, entry.scope)
            else:
                extra.append(key)  # as written: APIGW048 quotes it and names the closest
        return integration(self, args, raw, extra, self.api_protocols)

    def aliased(self, api: Resource) -> bool:
        """Options are the arguments after the args."""
        given = api.call.child_by_field_name("arguments")
        options = [a for a in given.named_children if a.type != "comment"][3:] if given else []
        return any(not self._plain_option(o, api.scope) for o in options)

    def _plain_option(self, option: ts.Node, scope: Scope) -> bool:
        """`pulumi.Parent(x)`, `pulumi.DependsOn(...)`...: an option that is not an alias."""
        if option.type != "call_expression":
            return False
        func = self.ev.value(option.child_by_field_name("function"), scope)
        name = getattr(func, "name", "")
        return name.startswith(f"{PULUMI}.") and name != f"{PULUMI}.Aliases"

    def count(self, api: Resource) -> int | None:
        """Integrations on this Api across the project, when each runs a known number of times."""
        if self._counts is None:  # every Api's at once: each integration is evaluated once
            self._counts = {}
            for source in self.project.sources_mentioning("apigatewayv2"):
                for record in self.calls(source) if may_hold_integration(source.data) else ():
                    on = self.api_of(self.ev.resource_arguments(record.node, record.scope))
                    if on is not None:
                        before, times = self._counts.get(on.call, 0), \
                            self.ev.multiplicity(record)
                        self._counts[on.call] = None if before is None or times is None \
                            else before + times
        return None if self.project.blind("apigatewayv2") else self._counts.get(api.call, 0)

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the project: (does it name the function, its props)."""
        if self._permissions is None:
            self._permissions = []
            for source in self.project.sources_mentioning("NewPermission"):
                for record in self.calls(source, resources.LAMBDA_PERMISSION):
                    props, _ = self.ev.resource_props(self.ev.value(record.node, record.scope))
                    target = origin(props.get(resources.PERMISSION_FUNCTION, UNKNOWN))
                    self._permissions.append((target.call if target else None, props))
        for target, props in self._permissions:
            yield UNKNOWN if target is None else target == function.call, props
        if self.project.blind("NewPermission"):
            yield UNKNOWN, {}

    # --- positions
    def _literal(self, record: CallRecord) -> ts.Node | None:
        """The body of the args struct literal written in the call itself, if it is one."""
        given = record.node.child_by_field_name("arguments")
        members = [a for a in given.named_children if a.type != "comment"] if given else []
        literal = unwrap(members[2]) if len(members) > 2 else None
        return literal.child_by_field_name("body") if literal is not None and \
            literal.type == "composite_literal" else None

    def _anchor(self, record: CallRecord, args: Arguments, path: tuple[Any, ...]) -> ts.Node:
        """The node a finding points at: the field, or the key / element inside it."""
        # a property's field, else a field the model names as written (APIGW048's `apiId`)
        key = next((k for k in (spelling(path[0]), path[0]) if k in args.keywords), None) \
            if path and isinstance(path[0], str) else None
        entry = args.keywords.get(key) if key is not None else None
        if entry is None:
            return record.node
        if entry.scope.source is not record.scope.source:
            return args.outer[key]
        anchor, node, scope = entry.anchor, entry.value, entry.scope
        for part in path[1:]:
            child = self._child(node, scope, part)
            if child is None or child.scope.source is not record.scope.source:
                break
            anchor, node, scope = child.anchor, child.value, child.scope
        return anchor

    def _child(self, node: ts.Node, scope: Scope, part: Any) -> Entry | None:
        literal = unwrap(node)
        if isinstance(part, int):
            if literal.type != "composite_literal" or literal_kind(literal) != "list":
                return None
            body = literal.child_by_field_name("body")
            elements = [e for e in body.named_children if e.type != "comment"] if body else []
            return Entry(elements[part], scope, elements[part]) if part < len(elements) \
                else None
        entries = self.ev.object_entries(literal, scope)
        if entries is None:
            return None
        # a map's key as written, else a struct's field (the model's camelCase, Go's name)
        return entries.keywords.get(part) or entries.keywords.get(spelling(part))

    @staticmethod
    def _span(source: Source, node: ts.Node) -> Span:
        return position(source.data, node.start_byte), position(source.data, node.end_byte)
