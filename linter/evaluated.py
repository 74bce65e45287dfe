"""What a front end's evaluator makes of a value it cannot reduce to plain data: the same kinds
for every language (the syntax nodes and scopes they hold are the front end's own), and the
rules.resources.Surroundings of an integration read from them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Protocol

from apigw_lint import rules
from apigw_lint.rules import UNKNOWN, resources
from apigw_lint.rules.shapes import Shape, starting

_PLAIN = (str, int, float, list, dict)


@dataclass(frozen=True, eq=False)
class Resource:
    kind: str
    call: Any  # the call that constructs it
    scope: Any


@dataclass(frozen=True, eq=False)
class Output:
    """An output of a resource, or anything derived from one (`api.id.apply(...)`), with what
    is known of its string."""

    resource: Resource
    shape: Shape | None = None


@dataclass(frozen=True, eq=False)
class Secret:
    """A value the program marks secret (the engine sends it so)."""

    value: Any


@dataclass(frozen=True)
class Symbol:
    name: str  # a dotted name outside the project: "pulumi_aws.apigatewayv2", "builtins.dict"


@dataclass(frozen=True, eq=False)
class Instance:
    name: str  # the outside class constructed
    call: Any
    scope: Any


@dataclass(frozen=True, eq=False)
class ModuleRef:
    source: Any


@dataclass(frozen=True, eq=False)
class Definition:
    node: Any  # a function or class definition
    scope: Any  # where it is defined


@dataclass(frozen=True, eq=False)
class Entry:
    value: Any
    scope: Any
    anchor: Any  # the argument, pair or element that sets it


@dataclass
class Arguments:
    keywords: dict[Any, Entry]
    outer: dict[Any, Any]  # keyword -> the argument of the call itself that brought it
    positional: list[Entry]
    # the first argument we cannot see into (`*x`, `**x`, a spread, an args object), if any
    opened_by: Any = None

    @property
    def open(self) -> bool:
        """Arguments we cannot see may be present."""
        return self.opened_by is not None


def plain(value: Any) -> bool:
    return value is None or isinstance(value, _PLAIN)


def origin(value: Any) -> Resource | None:
    """The resource a value comes from (itself, or one of its outputs, secret or not)."""
    if isinstance(value, Secret):
        value = value.value
    if isinstance(value, Output):
        return value.resource
    return value if isinstance(value, Resource) else None


def agreed(values: list[Any]) -> Any:
    """The one value every call site passes (a resource: the same construction), else UNKNOWN."""
    first = values[0]
    return first if all(_same(first, v) for v in values[1:]) else UNKNOWN


def _same(a: Any, b: Any) -> bool:
    if origin(a) is not None or origin(b) is not None:
        # syntax nodes compare by identity (libcst) or position (tree-sitter's fresh handles)
        return origin(a) is not None and origin(b) is not None and \
            origin(a).call == origin(b).call  # type: ignore[union-attr]
    return plain(a) and type(a) is type(b) and a == b


def shape_of(value: Any) -> Shape | None:
    """What is known of a value's string when the value itself is not."""
    if isinstance(value, Secret):
        value = value.value
    return value.shape if isinstance(value, Output) else value if isinstance(value, Shape) \
        else None


def returned_shape(result: Any) -> Shape | None:
    """What an apply's callback returning `result` makes known of its Output's string: the
    result's own shape, or a string result as the known start."""
    return result if isinstance(result, Shape) else starting(result) \
        if isinstance(result, str) else None


class _Evaluating(Protocol):
    ev: Any  # its evaluator, with resource_props(resource) -> (props, opened)

    def count(self, api: Resource) -> int | None: ...

    def permissions(self, function: Resource) -> Iterator[tuple[Any, Any]]: ...


class Around:
    """rules.resources.Surroundings of one integration, from its evaluated arguments."""

    def __init__(self, integrations: _Evaluating, raw: dict[str, Any]) -> None:
        self.integrations, self.raw = integrations, raw

    def source(self, prop: str, kinds: Any, key: str | None = None) -> resources.Related | None:
        found = origin(resources.entry(self.raw, prop, key))
        return resources.Related(found.kind, found) if found is not None and found.kind in kinds \
            else None

    def props(self, resource: resources.Related) -> tuple[Mapping[str, Any], bool]:
        props, opened = self.integrations.ev.resource_props(resource.handle)
        return props, not opened

    def count(self, api: resources.Related | None) -> int | None:
        return self.integrations.count(api.handle) if api is not None else None

    def permissions(self, function: resources.Related) -> Iterator[tuple[Any, Any]]:
        return self.integrations.permissions(function.handle)


def integration(integrations: _Evaluating, args: Arguments, raw: dict[str, Any],
                extra: list[str], api_protocols: Mapping[str, str]) -> rules.Integration:
    """The model of an integration from its arguments (raw: its properties as evaluated, by the
    model's names; extra: the arguments it does not take, named for APIGW048)."""
    ev = integrations.ev
    name = ev.value(args.positional[0].value, args.positional[0].scope) \
        if args.positional else None
    found = {p: shape_of(v) for p, v in raw.items()}
    context = resources.context(raw, Around(integrations, raw), api_protocols)
    return rules.Integration(
        {p: ev.data(v) for p, v in raw.items()}, context,
        name=name if isinstance(name, str) else None,
        secret=frozenset(p for p, v in raw.items() if ev.holds_secret(v)),
        extra_args=tuple(extra), open_args=args.open,
        shapes={p: s for p, s in found.items() if s is not None})
