"""The model of each `aws:apigatewayv2:Integration` resource of a Pulumi YAML program, its context
from the program's other resources, and where each finding points."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from apigw_lint import rules
from apigw_lint.rules import aws, resources, shapes
from apigw_lint.rules.values import UNKNOWN

from ..discover import display, may_hold_integration, project_root
from ..files import Files, NotChecked
from ..findings import Api, Pair
from ..frontend import Place
from .program import Program, Resource, Secret, holds_secret, plain, position, program_file
from .why import Reasons


class Integrations:
    def __init__(self, program: Program, api_protocols: Mapping[str, str] | None = None) -> None:
        self.program = program
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere

    def everything(self) -> list[Pair]:
        """Every integration of the program, with the Api its apiId comes from (for --base)."""
        return [(self.model(r), self.api_resource(r))
                for r in self.program.of_kind(resources.INTEGRATION)]

    def api_resource(self, resource: Resource) -> Api | None:
        """The Api resource apiId refers to, and whether `options:` other than a map without
        `aliases` may rename it."""
        api = self.program.origin((self.program.props(resource) or {}).get("apiId"))
        if api is None or self.program.kind(api) != resources.API:
            return None
        options = api.node.get("options")
        return api.name, options is not None and not (
            isinstance(options, dict) and "aliases" not in options)

    def model(self, resource: Resource) -> rules.Integration:
        raw = self.program.props(resource)
        given = raw or {}
        props = {k: plain(v) for k, v in given.items() if k in aws.PROPERTIES}
        extra = tuple(k for k in given if k not in aws.PROPERTIES)
        secret = frozenset(k for k in props if holds_secret(given[k]))
        found = {k: self.shape(given[k]) for k in props}
        context = resources.context(given, _Around(self.program, given), self.api_protocols)
        return rules.Integration(props, context, name=resource.name, secret=secret,
                                 extra_args=extra, open_args=raw is None,
                                 shapes={k: s for k, s in found.items() if s is not None})

    def shape(self, value: Any) -> shapes.Shape | None:
        """What is known of an unknown string: a Shape, or `${name.output}` of a resource."""
        if isinstance(value, Secret):
            value = value.value
        if isinstance(value, shapes.Shape):
            return value
        source = self.program.origin(value)
        kind = self.program.kind(source) if source is not None else None
        return shapes.output(kind, value.output) if kind and value.output else None


class Reader:
    """frontend.Reader and frontend.Project: the YAML programs of one unit of work."""

    def __init__(self, files: Files, api_protocols: Mapping[str, str]) -> None:
        self.files, self.api_protocols = files, api_protocols
        self._seen: set[tuple[int, int]] = set()  # a Main.yaml found directly and through `main:`

    def project(self, path: Path, root: Path) -> Reader:
        return self

    def sources(self, path: Path) -> Iterator[_Source]:
        """The program a project file or Main.yaml stands for (a program.YamlError is a
        files.NotChecked)."""
        files = self.files
        program = program_file(path, files.read(path) or b"", files.is_dir)
        if program is None or not files.reported(program):  # `main:` names an excluded file
            return
        try:
            st = os.stat(program)
        except OSError as e:
            files.read(program)  # the cache sees it come into being
            raise NotChecked(path, f"cannot read its program: {e.strerror}") from None
        if (st.st_dev, st.st_ino) in self._seen:
            return
        self._seen.add((st.st_dev, st.st_ino))
        text = files.read(program)
        if text is None:
            raise NotChecked(path, f"its program {display(program)}: {files.why(program)}")
        if may_hold_integration(text):
            yield _Source(Integrations(Program(program, text), self.api_protocols), text)


class _Found:
    """frontend.Found: one Integration resource."""

    def __init__(self, checker: Integrations, resource: Resource) -> None:
        self.checker, self.resource = checker, resource
        self.model = checker.model(resource)

    def api(self) -> Api | None:
        return self.checker.api_resource(self.resource)

    def position(self) -> tuple[int, int]:
        return self.resource.key_position

    def reasons(self) -> Reasons:
        return Reasons(self.checker.program, self.resource)

    def fix(self, finding: rules.Finding) -> None:
        return None  # a YAML program is not rewritten


class _Source:
    """frontend.Source: one program file."""

    def __init__(self, checker: Integrations, text: bytes) -> None:
        self.checker, self.text = checker, text
        self.path = checker.program.path
        self.project = project_root(self.path, self.path.parent)

    def integrations(self) -> Iterator[_Found]:
        for resource in self.checker.program.of_kind(resources.INTEGRATION):
            yield _Found(self.checker, resource)

    def everything(self) -> list[Pair]:
        return self.checker.everything()

    def locate(self, found: Sequence[tuple[_Found, rules.Finding]]) -> list[Place]:
        out = []
        for integration, f in found:
            resource = integration.resource
            where = position(resource.properties, f.path) or resource.key_position
            key = f.path[-1] if f.path and where != resource.key_position else resource.name
            out.append((where, (where[0], where[1] + len(str(key))), resource.lines))
        return out


class _Around:
    """rules.resources.Surroundings of one integration resource, from the program's values."""

    def __init__(self, program: Program, raw: dict[str, Any]) -> None:
        self.program, self.raw = program, raw

    def source(self, prop: str, kinds: Any, key: str | None = None) -> resources.Related | None:
        found = self.program.origin(resources.entry(self.raw, prop, key))
        kind = self.program.kind(found) if found is not None else None
        return resources.Related(kind, found) if kind in kinds else None

    def props(self, resource: resources.Related) -> tuple[Mapping[str, Any] | None, bool]:
        props = self.program.props(resource.handle)
        return (None if props is None else plain(props)), True

    def count(self, api: resources.Related | None) -> int | None:
        if api is None:
            return None
        return sum(self.program.origin((self.program.props(r) or {}).get("apiId")) is api.handle
                   for r in self.program.of_kind(resources.INTEGRATION))

    def permissions(self, function: resources.Related) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the program: (does it name the function, its props)."""
        for permission in self.program.of_kind(resources.LAMBDA_PERMISSION):
            raw = self.program.props(permission)
            target = self.program.origin((raw or {}).get(resources.PERMISSION_FUNCTION))
            yield UNKNOWN if target is None else target is function.handle, \
                plain(raw) if raw is not None else {}
