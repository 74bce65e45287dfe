"""The model of each `pulumi_aws.apigatewayv2.Integration` call, its context, and where in the
source each finding points."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import libcst as cst

from apigw_lint import rules
from apigw_lint.rules import aws, resources
from apigw_lint.rules.values import UNKNOWN

from ..discover import may_hold_integration
from ..findings import Api, Pair
from ..frontend import Place
from ..suppress import MARK
from . import codemod
from ..evaluated import Around, Arguments, Entry, Instance, Resource, origin, shape_of
from .evaluate import Evaluator, camel
from .index import ASSIGN, CallRecord, Scope, Source
from .project import Parsed
from .why import Reasons

# Nested inputs whose keys the SDK writes in snake_case; other dicts keep their keys as written.
_NESTED = {prop: {snake: camel_ for camel_, snake in fields.items()}
           for prop, fields in (("responseParameters", aws.RESPONSE_PARAMETER_FIELDS),
                                ("tlsConfig", aws.TLS_CONFIG_FIELDS))}


class Integrations:
    """Builds models for one project, with what the project's other files tell about them."""

    def __init__(self, evaluator: Evaluator, api_protocols: Mapping[str, str] | None = None
                 ) -> None:
        self.ev = evaluator
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere
        self._counts: dict[cst.Call, int | None] = {}
        self.root = evaluator.project.root
        self._everything: list[Pair] | None = None
        self._permissions: list[tuple[Resource | None, dict[str, Any]]] | None = None
        self._apis: list[tuple[Resource | None, CallRecord]] | None = None

    def calls(self, source: Source, kind: str = resources.INTEGRATION) -> Iterator[CallRecord]:
        for records in source.calls.values():
            for record in records:
                if self.ev.kind_of(record) == kind:
                    yield record

    def sources(self, path: Path) -> Iterator[_Source]:
        source = self.ev.project.files.source(path)
        if source is not None:
            yield _Source(self, source)

    def everything(self) -> list[Pair]:
        """Every integration of the project, with the Api its apiId comes from (for --base)."""
        if self._everything is None:
            self._everything = [
                (self.model(record, args), self.api_resource(args))
                for source in self.ev.project.sources_mentioning("apigatewayv2", creating=True)
                if may_hold_integration(self.ev.project.files.read(source.path) or b"")
                for record in self.calls(source)
                for args in (self.ev.resource_arguments(record.node, record.scope),)]
        return self._everything

    def api_resource(self, args: Arguments) -> Api | None:
        """The Api resource apiId is an output of, when its logical name is static, and whether
        its options may carry aliases."""
        api = self._origin_of_api_id(args)
        if api is None or api.kind != resources.API:
            return None
        named = self.ev.resource_arguments(api.call, api.scope).positional
        name = self.ev.value(named[0].value, named[0].scope) if named else None
        if not isinstance(name, str):
            return None
        given = self.ev.arguments(api.call, api.scope)
        opts = given.keywords.get("opts") or (given.positional[2:3] or [None])[0]
        options = self.ev.value(opts.value, opts.scope) if opts is not None else None
        if options is None:
            return name, given.open
        if not (isinstance(options, Instance) and options.name.endswith("ResourceOptions")):
            return name, True
        inner = self.ev.arguments(options.call, options.scope)
        return name, inner.open or bool(inner.positional) or "aliases" in inner.keywords

    def _origin_of_api_id(self, args: Arguments) -> Resource | None:
        entry = args.keywords.get(aws.PROPERTIES["apiId"])
        return origin(self.ev.value(entry.value, entry.scope)) if entry is not None else None

    # --- the model
    def model(self, record: CallRecord, args: Arguments) -> rules.Integration:
        raw: dict[str, Any] = {}
        extra = []
        for key, entry in args.keywords.items():
            prop = aws.SNAKE_TO_CAMEL.get(key) if isinstance(key, str) else None
            if prop is None:
                extra.append(str(key))
            else:
                raw[prop] = self.ev.value(entry.value, entry.scope)
        props = {p: _camel_keys(self.ev.data(v), _NESTED.get(p)) for p, v in raw.items()}
        name = self.ev.value(args.positional[0].value, args.positional[0].scope) \
            if args.positional else None
        secret = frozenset(p for p, v in raw.items() if self.ev.holds_secret(v))
        found = {p: shape_of(v) for p, v in raw.items()}
        context = resources.context(raw, Around(self, raw), self.api_protocols)
        return rules.Integration(props, context, name=name if isinstance(name, str)
                                 else None, secret=secret, extra_args=tuple(extra),
                                 open_args=args.open,
                                 shapes={p: s for p, s in found.items() if s is not None})

    def count(self, api: Resource) -> int | None:
        """Integrations on this Api across the project, when each runs a known number of times."""
        if self._apis is None:  # each integration's Api, found once for the project
            self._apis = []
            for source in self.ev.project.sources_mentioning("apigatewayv2", creating=True):
                data = self.ev.project.files.read(source.path) or b""
                for record in self.calls(source) if may_hold_integration(data) else ():
                    args = self.ev.resource_arguments(record.node, record.scope)
                    self._apis.append((self._origin_of_api_id(args), record))
        if api.call not in self._counts:
            total: int | None = None if self.ev.project.blind("apigatewayv2", True) else 0
            for on, record in self._apis:
                times = self.ev.multiplicity(record) if on is api else 0
                total = None if total is None or times is None else total + times
            self._counts[api.call] = total
        return self._counts[api.call]

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the project: (does it name the function, its props)."""
        if self._permissions is None:  # found once for every integration of the project
            self._permissions = [
                (origin(props.get(resources.PERMISSION_FUNCTION, UNKNOWN)), props)
                for source in self.ev.project.sources_mentioning("Permission", creating=True)
                for record in self.calls(source, resources.LAMBDA_PERMISSION)
                for props in (self.ev.resource_props(self.ev.value(record.node,
                                                                   record.scope))[0],)]
        for target, props in self._permissions:
            yield UNKNOWN if target is None else target.call is function.call, props
        if self.ev.project.blind("Permission", creating=True):  # a file not parsed may hold one
            yield UNKNOWN, {}

    # --- positions
    def anchor(self, record: CallRecord, args: Arguments, path: tuple[Any, ...]) -> cst.CSTNode:
        """The node a finding points at: the argument, or the key / element inside it."""
        # the property's keyword, else an unknown keyword as written (APIGW048's `integrationType=`)
        key = next((k for k in (aws.PROPERTIES.get(path[0]), path[0]) if k in args.keywords),
                   None) if path else None
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

    def _child(self, node: cst.BaseExpression, scope: Scope, part: Any) -> Entry | None:
        while isinstance(node, cst.Name):  # follow a name to the literal it is bound to
            bindings = scope.lookup(node.value)
            if not bindings or len(bindings) != 1 or bindings[0].kind != ASSIGN:
                return None
            node, scope = bindings[0].node, bindings[0].scope
        if isinstance(part, int) and isinstance(node, (cst.List, cst.Tuple)):
            elements = node.elements
            if part < len(elements) and not any(isinstance(e, cst.StarredElement)
                                                for e in elements[:part + 1]):
                return Entry(elements[part].value, scope, elements[part])
            return None
        entries = self.ev.dict_entries(node, scope)
        if entries is None and isinstance(node, cst.Call):
            entries = self.ev.arguments(node, scope).keywords  # an Args object's keywords
        for key, entry in (entries or {}).items():
            if key == part or (isinstance(key, str) and camel(key) == part):
                return entry
        return None


class Reader:
    """frontend.Reader: one unit of work's parsed files and its projects' Integrations."""

    def __init__(self, parsed: Parsed, api_protocols: Mapping[str, str]) -> None:
        self.parsed, self.api_protocols = parsed, api_protocols
        self._projects: dict[Path, Integrations] = {}

    def project(self, path: Path, root: Path) -> Integrations:
        project = self.parsed.project(path, root)
        if project.root not in self._projects:
            self._projects[project.root] = Integrations(Evaluator(project), self.api_protocols)
        return self._projects[project.root]


class _Found:
    """frontend.Found: one Integration call."""

    def __init__(self, integrations: Integrations, source: Source, record: CallRecord) -> None:
        self.integrations, self.source, self.record = integrations, source, record
        self.args = integrations.ev.resource_arguments(record.node, record.scope)
        self.model = integrations.model(record, self.args)

    def api(self) -> Api | None:
        return self.integrations.api_resource(self.args)

    def position(self) -> tuple[int, int]:
        start = self.source.positions({self.record.node})[self.record.node].start
        return start.line, start.column + 1

    def reasons(self) -> Reasons:
        return Reasons(self.integrations.ev, self.args)

    def anchor(self, finding: rules.Finding) -> cst.CSTNode:
        return self.integrations.anchor(self.record, self.args, finding.path)

    def fix(self, finding: rules.Finding) -> codemod.Fix | None:
        return codemod.plan(self.source.path, self.source.module, self.record.node, self.args,
                            self.anchor(finding), finding)


class _Source:
    """frontend.Source: one indexed file of the project."""

    def __init__(self, checker: Integrations, source: Source) -> None:
        self.checker, self.source = checker, source
        self.path = source.path
        self.project = checker.root
        self.text = checker.ev.project.files.read(source.path)

    def integrations(self) -> Iterator[_Found]:
        for record in self.checker.calls(self.source):
            yield _Found(self.checker, self.source, record)

    def everything(self) -> list[Pair]:
        return self.checker.everything()

    def locate(self, found: Sequence[tuple[_Found, rules.Finding]]) -> list[Place]:
        # a call's lines matter only to suppression comments; positions cost a codegen
        spans = MARK in (self.text or b"")
        anchors = [integration.anchor(f) for integration, f in found]
        calls = [integration.record.node for integration, _ in found]
        where = self.source.positions({*anchors, *(calls if spans else ())})
        return [((where[a].start.line, where[a].start.column + 1),
                 (where[a].end.line, where[a].end.column + 1),
                 (where[call if spans else a].start.line, where[call if spans else a].end.line))
                for a, call in zip(anchors, calls)]


def _camel_keys(value: Any, names: dict[str, str] | None) -> Any:
    if names is None:
        return value
    if isinstance(value, list):
        return [_camel_keys(v, names) for v in value]
    if isinstance(value, dict):
        return {names.get(k, k) if isinstance(k, str) else k: v for k, v in value.items()}
    return value
