"""The model of each `aws:apigatewayv2:Integration` resource of a Pulumi YAML program, its context
from the program's other resources, and where each finding points."""
from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from apigw_lint import rules
from apigw_lint.rules import aws, resources, shapes
from apigw_lint.rules.values import UNKNOWN

from ..base import ApiResource, Comparison
from ..python.integrations import Located
from .program import Program, Reference, Resource, Secret, position



class Integrations:
    def __init__(self, program: Program, api_protocols: Mapping[str, str] | None = None) -> None:
        self.program = program
        self.api_protocols = api_protocols or {}  # API id -> protocol, for APIs defined elsewhere
        self._props: dict[str, Any] = {}
        self.base: Comparison | None = None  # --base: APIGW044 against a git revision

    def kind(self, resource: Resource) -> str | None:
        return resources.KIND_BY_TOKEN.get(resource.token or "")

    def of_kind(self, kind: str) -> list[Resource]:
        return [r for r in self.program.resources.values() if self.kind(r) == kind]

    def props(self, resource: Resource) -> dict[str, Any] | None:
        """Plain property values, None when `properties:` is not a mapping."""
        if resource.name not in self._props:
            node = resource.properties
            self._props[resource.name] = None if node is None else \
                {k: self.program.value(v) for k, v in node.items() if isinstance(k, str)}
        return self._props[resource.name]

    def origin(self, value: Any) -> Resource | None:
        """The program's resource a `${name...}` value comes from."""
        if isinstance(value, Secret):
            value = value.value
        return self.program.resources.get(value.name) if isinstance(value, Reference) else None

    def check(self, on_error: Callable[[rules.Rule, Exception], None],
              select: frozenset[str] | None = None, skipped: list | None = None
              ) -> list[Located]:
        out = []
        for resource in self.of_kind(resources.INTEGRATION):
            m = self.model(resource)
            skips: list | None = None if skipped is None else []
            findings = rules.run(m, engine=rules.LINTER, select=select, on_error=on_error,
                                 skipped=skips)
            if self.base is not None:
                findings += self.base.findings(m, self.api_resource(resource), on_error, select)
            for f in findings:
                where = position(resource.properties, f.path) or resource.key_position
                key = f.path[-1] if f.path and where != resource.key_position else resource.name
                out.append(Located(f, resource.name, where, (where[0], where[1] + len(str(key))),
                                   resource.lines))
            if skips:  # --show-skipped
                from ..skipped import entries
                from .why import Reasons
                skipped.extend(entries(skips, Reasons(self, resource),  # type: ignore[union-attr]
                                       self.program.path, resource.key_position, resource.name))
        return out

    def everything(self) -> list[tuple[rules.Integration, ApiResource | None]]:
        """Every integration of the program, with the Api its apiId comes from (for --base)."""
        return [(self.model(r), self.api_resource(r)) for r in self.of_kind(resources.INTEGRATION)]

    def api_resource(self, resource: Resource) -> ApiResource | None:
        """The Api resource apiId refers to; `options:` other than a map without `aliases` may
        rename it."""
        api = self.origin((self.props(resource) or {}).get("apiId"))
        if api is None or self.kind(api) != resources.API:
            return None
        options = api.node.get("options")
        return ApiResource(api.name, aliased=options is not None and not (
            isinstance(options, dict) and "aliases" not in options))

    def model(self, resource: Resource) -> rules.Integration:
        raw = self.props(resource)
        given = raw or {}
        props = {k: _plain(v) for k, v in given.items() if k in aws.PROPERTIES}
        extra = tuple(k for k in given if k not in aws.PROPERTIES)
        secret = frozenset(k for k in props if _holds_secret(given[k]))
        found = {k: self.shape(given[k]) for k in props}
        context = resources.context(given, _Around(self, given), self.api_protocols)
        return rules.Integration(props, context, name=resource.name, secret=secret,
                                 extra_args=extra, open_args=raw is None,
                                 shapes={k: s for k, s in found.items() if s is not None})

    def shape(self, value: Any) -> shapes.Shape | None:
        """What is known of an unknown string: a Shape, or `${name.output}` of a resource."""
        if isinstance(value, Secret):
            value = value.value
        if isinstance(value, shapes.Shape):
            return value
        source = self.origin(value)
        kind = self.kind(source) if source is not None else None
        return shapes.output(kind, value.output) if kind and value.output else None

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]:
        """Every Lambda Permission of the program: (does it name the function, its props)."""
        for permission in self.of_kind(resources.LAMBDA_PERMISSION):
            raw = self.props(permission)
            target = self.origin((raw or {}).get(resources.PERMISSION_FUNCTION))
            yield UNKNOWN if target is None else target is function, \
                _plain(raw) if raw is not None else {}


class _Around:
    """rules.resources.Surroundings of one integration resource, from the program's values."""

    def __init__(self, integrations: Integrations, raw: dict[str, Any]) -> None:
        self.integrations, self.raw = integrations, raw

    def source(self, prop: str, kinds: Any, key: str | None = None) -> resources.Related | None:
        found = self.integrations.origin(resources.entry(self.raw, prop, key))
        kind = self.integrations.kind(found) if found is not None else None
        return resources.Related(kind, found) if kind in kinds else None

    def props(self, resource: resources.Related) -> tuple[Mapping[str, Any] | None, bool]:
        props = self.integrations.props(resource.handle)
        return (None if props is None else _plain(props)), True

    def count(self, api: resources.Related | None) -> int | None:
        ours = self.integrations
        if api is None:
            return None
        return sum(ours.origin((ours.props(r) or {}).get("apiId")) is api.handle
                   for r in ours.of_kind(resources.INTEGRATION))

    def permissions(self, function: resources.Related) -> Iterator[tuple[Any, Any]]:
        return self.integrations.permissions(function.handle)


def _plain(value: Any) -> Any:
    """References are unknown values to the rules; secrets are their values."""
    if isinstance(value, Secret):
        return _plain(value.value)
    if isinstance(value, (Reference, shapes.Shape)):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _holds_secret(value: Any) -> bool:
    if isinstance(value, Secret):
        return True
    if isinstance(value, dict):
        return any(_holds_secret(v) for v in value.values())
    return isinstance(value, list) and any(_holds_secret(v) for v in value)
