"""Each `new Aws.ApiGatewayV2.Integration(...)` of a .NET project: its model, its context from the
project's other resources, where a finding on a property points, why a value is unknown, and how
a finding's edit is made. What the check loop needs, one `Found` per integration."""
from __future__ import annotations

from typing import Any, Iterator, Mapping

import tree_sitter as ts

from apigw_lint import rules
from apigw_lint.rules import aws, resources
from apigw_lint.rules.values import UNKNOWN

from .. import sitter_integrations
from ..evaluated import Arguments, Entry, Resource, integration, origin
from ..sitter_found import Found, Span
from . import codemod
from .evaluate import Evaluator, arguments
from .index import Source
from .layout import camel, may_hold_integration, spelling
from .parse import csharp, position
from .project import Project
from .why import Reasons

# What a resource made once per program run may sit in: statements, blocks, declarations.
_ONCE = frozenset({"argument", "argument_list", "variable_declarator", "variable_declaration",
                   "local_declaration_statement", "expression_statement", "block",
                   "global_statement", "compilation_unit", "assignment_expression",
                   "return_statement", "await_expression", "declaration_list",
                   "namespace_declaration", "file_scoped_namespace_declaration",
                   "class_declaration", "initializer_expression", "equals_value_clause",
                   "parenthesized_expression", "try_statement", "invocation_expression"})


class Integrations(sitter_integrations.Integrations):
    """Builds models for one project, with what the project's other files tell about them."""

    def __init__(self, project: Project, api_protocols: Mapping[str, str] | None = None) -> None:
        self.project = project
        self.ev = Evaluator(project)
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere
        self._kinds: dict[Source, dict[str | None, list[ts.Node]]] = {}
        self._counts: dict[ts.Node, int | None] | None = None
        self._permissions: list[tuple[Resource | None, Any]] | None = None

    def calls(self, source: Source, kind: str = resources.INTEGRATION) -> list[ts.Node]:
        """The resources of a kind a file creates, in order."""
        if source not in self._kinds:
            self._kinds[source] = {}
            for node in source.creations:
                self._kinds[source].setdefault(self.ev.kind_of(node, source), []).append(node)
        return self._kinds[source].get(kind, [])

    def may_hold(self, data: bytes) -> bool:
        return may_hold_integration(data)

    def errors(self, tree: ts.Tree) -> list[ts.Node]:
        return csharp().errors(tree)

    def integration_calls(self, source: Source) -> list[tuple[ts.Node, ts.Node]]:
        return [(node, node) for node in self.calls(source)]

    def found(self, source: Source, node: ts.Node) -> Found:
        args = self.ev.resource_arguments(node, source)
        m = self.model(args)
        api, aliased = self.api_resource(args)

        def locate(path: tuple[Any, ...]) -> Span:
            anchor = self._anchor(node, source, args, path)
            return position(source.data, anchor.start_byte), \
                position(source.data, anchor.end_byte)

        def fix(finding: rules.Finding) -> codemod.Fix | None:
            key = _key(args, finding.path[0]) if finding.path else None
            entry = args.keywords.get(key)
            # only a property written in the call's own initializer is edited
            own = entry.anchor if entry is not None and args.outer.get(key) is entry.anchor \
                and entry.scope is source else None
            return codemod.plan(source.path, source.data, own, args, finding.edit)

        return Found(source.path, m, m.name, api, aliased,
                     position(source.data, node.start_byte),
                     (node.start_point[0] + 1, node.end_point[0] + 1), locate,
                     Reasons(self.ev, args), fix)

    # --- the model
    def model(self, args: Arguments) -> rules.Integration:
        raw: dict[str, Any] = {}
        extra = []
        for key, entry in args.keywords.items():
            written = codemod.written_name(entry)
            if key in aws.PROPERTIES and written == spelling(key):
                raw[key] = self.ev.value(entry.value, entry.scope)
            else:  # as written: `IntergrationType`, or `integrationType` (C# is PascalCase)
                extra.append(written)
        return integration(self, args, raw, extra, self.api_protocols)

    def aliased(self, api: Resource) -> bool:
        """Options are the third argument."""
        given = arguments(api.call) or []
        if len(given) < 3:
            return False
        options = given[2]
        initializer = options.child_by_field_name("initializer") \
            if options.type == "object_creation_expression" else None
        return initializer is None or b"Aliases" in options.text

    def count(self, api: Resource) -> int | None:
        """Integrations on this Api across the project, when each is made once per run."""
        if self.project.blind("Integration"):
            return None
        if self._counts is None:  # every Api's, in one pass over the project
            self._counts = {}
            for source in self.project.sources_mentioning("Integration"):
                for node in self.calls(source):
                    target = self.api_of(self.ev.resource_arguments(node, source))
                    if target is not None:
                        before, times = self._counts.get(target.call, 0), _once(node)
                        self._counts[target.call] = None if before is None or times is None \
                            else before + times
        return self._counts.get(api.call, 0)

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the project: (does it name the function, its props)."""
        if self._permissions is None:
            self._permissions = []
            for source in self.project.sources_mentioning("Permission"):
                for node in self.calls(source, resources.LAMBDA_PERMISSION):
                    props, _ = self.ev.resource_props(
                        Resource(resources.LAMBDA_PERMISSION, node, source))
                    self._permissions.append(
                        (origin(props.get(resources.PERMISSION_FUNCTION, UNKNOWN)), props))
        for target, props in self._permissions:
            yield UNKNOWN if target is None else target.call == function.call, props
        if self.project.blind("Permission"):
            yield UNKNOWN, {}

    # --- positions
    def _anchor(self, node: ts.Node, source: Source, args: Arguments,
                path: tuple[Any, ...]) -> ts.Node:
        """The node a finding points at: the property, or the key / element inside it."""
        key = _key(args, path[0]) if path else None
        entry = args.keywords.get(key)
        if entry is None:
            return node
        if entry.scope is not source:
            return args.outer[key]
        anchor, value = entry.anchor, entry.value
        for part in path[1:]:
            child = self._child(value, source, part)
            if child is None:
                break
            anchor, value = child.anchor, child.value
        return anchor

    def _child(self, node: ts.Node, source: Source, part: Any) -> Entry | None:
        """The element or map entry `part` of a collection written in place."""
        initializer = node if node.type == "initializer_expression" else \
            node.child_by_field_name("initializer") if node.type in (
                "object_creation_expression", "array_creation_expression",
                "implicit_array_creation_expression") else None
        if initializer is None:
            initializer = next((c for c in node.named_children
                                if c.type == "initializer_expression"), None)
        if initializer is None:
            return None
        elements = [e for e in initializer.named_children if e.type != "comment"]
        if isinstance(part, int):
            return Entry(elements[part], source, elements[part]) if part < len(elements) \
                else None
        for element in elements:
            if element.type == "initializer_expression" and element.named_child_count == 2:
                key, value = element.named_children
            elif element.type == "assignment_expression":
                left = element.child_by_field_name("left")
                key = left.named_children[0].named_children[-1] \
                    if left.type == "element_binding_expression" and left.named_children \
                    and left.named_children[0].named_children else left
                value = element.child_by_field_name("right")
                if left.type == "identifier":
                    if camel(left.text.decode()) == part:
                        return Entry(value, source, element)
                    continue
            else:
                continue
            if self.ev.value(key, source) == part:
                return Entry(value, source, element)
        return None


def _key(args: Arguments, name: Any) -> Any:
    """The args' key of a finding's property: the model's name, or an extra one as written."""
    return name if name in args.keywords or not isinstance(name, str) else camel(name)


def _once(node: ts.Node) -> int | None:
    """1 when a `new` runs exactly once per program run (at the top level, in the
    `Deployment.RunAsync` lambda or a Stack's constructor), else None."""
    current = node.parent
    while current is not None:
        kind = current.type
        if kind == "lambda_expression":
            call = current.parent.parent.parent if current.parent and current.parent.parent \
                else None
            function = call.child_by_field_name("function") if call is not None \
                and call.type == "invocation_expression" else None
            if function is None or not function.text.endswith(b"Deployment.RunAsync") \
                    and function.text != b"RunAsync":
                return None
        elif kind == "constructor_declaration":
            holder = current.parent.parent if current.parent else None
            bases = next((c for c in holder.named_children if c.type == "base_list"), None) \
                if holder is not None else None
            if bases is None or not any(b.text in (b"Stack", b"Pulumi.Stack")
                                        for b in bases.named_children):
                return None
        elif kind not in _ONCE:
            return None
        current = current.parent
    return 1
