"""The stack around each integration: its API's protocol and the related resources, resolved
through propertyDependencies (the engine sends them even where the values are unknown)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

from google.protobuf import json_format
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy.deserialize import deserialize_properties

from apigw_lint.rules import UNKNOWN, Context, Integration, aws, resources as res

from . import props as bags

# Properties of a Lambda function that name it, any of which a Permission's `function` may hold.
_FUNCTION_NAMES = ("arn", "name", "qualifiedArn")


@dataclass
class Node:
    """One resource of the stack that matters to the checks."""

    urn: str
    name: str
    kind: str
    props: dict[str, Any]
    secret: frozenset[str]
    deps: dict[str, list[str]] = field(default_factory=dict)  # property -> URNs in the stack


@dataclass(frozen=True)
class Settings:
    """Policy configuration that shapes the context (validated leniently: bad entries are ignored)."""

    api_protocols: Mapping[str, str] = field(default_factory=dict)
    previous: Mapping[str, Mapping[str, Any]] | None = None  # integration URN -> previous state
    state_file: str | None = None  # where previous was read from (None: no stateFile set)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None,
                    previous: Mapping[str, Mapping[str, Any]] | None = None,
                    state_file: str | None = None) -> Settings:
        raw = (config or {}).get("apiProtocols")
        protocols = {k: v.upper() for k, v in raw.items()
                     if isinstance(k, str) and isinstance(v, str) and v.upper() in aws.PROTOCOLS
                     } if isinstance(raw, Mapping) else {}
        return cls(protocols, previous, state_file)

    @cached_property  # asked by every policy on every call
    def key(self) -> tuple[Any, ...]:
        """Equal for settings that give every integration the same context. The previous states
        count by identity: state.py reads a file once while it is unchanged."""
        return (tuple(sorted(self.api_protocols.items())), id(self.previous))


def nodes(resources: Iterable[Any]) -> list[Node]:
    """The resources whose type the checks know, as Nodes: from the request's AnalyzerResource
    messages (request.resources), read as the SDK reads them, or from SDK PolicyResources."""
    resources = list(resources)
    urns = {r.urn for r in resources}  # the SDK keeps the dependencies on resources of the stack
    out: list[Node] = []
    for r in resources:
        message = isinstance(r, analyzer_pb2.AnalyzerResource)
        kind = res.KIND_BY_TOKEN.get(r.type if message else getattr(r, "resource_type", None))
        if kind is None:
            continue
        if message:
            props = deserialize_properties(json_format.MessageToDict(r.properties))
            deps = {k: [u for u in v.urns if u in urns] for k, v in r.propertyDependencies.items()}
        else:
            props = r.props
            deps = {k: [d.urn for d in v] for k, v in (r.property_dependencies or {}).items()}
        values, secret = bags.plain_props(props)
        out.append(Node(r.urn, r.name, kind, values, secret, deps))
    return out


class Stack:
    """Every integration of the stack with its Context."""

    def __init__(self, all_nodes: list[Node], settings: Settings) -> None:
        self.settings = settings
        self.by_urn = {n.urn: n for n in all_nodes}
        self.integrations = [n for n in all_nodes if n.kind == res.INTEGRATION]
        self.permissions = [n for n in all_nodes if n.kind == res.LAMBDA_PERMISSION]
        self._api_ids = {n.props.get("id"): n for n in all_nodes
                         if n.kind == res.API and isinstance(n.props.get("id"), str) and n.props["id"]}
        self._api_keys = {n.urn: self._api_key(n) for n in self.integrations}
        counts: dict[Any, int] = {}
        for key in self._api_keys.values():
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
        self._counts = counts
        self._permissions: dict[str, list[tuple[Any, Mapping[str, Any]]]] = {}  # permissions_of

    def models(self) -> Iterable[tuple[Node, Integration]]:
        for n in self.integrations:
            yield n, bags.integration(n.props, n.secret, self.context(n), n.name)

    def context(self, n: Node) -> Context:
        previous = self.settings.previous
        return res.context(n.props, _Around(self, n), self.settings.api_protocols,
                           previous.get(n.urn) if previous is not None else None)

    def related(self, n: Node, prop: str, kinds: Iterable[str]) -> list[Node]:
        found = (self.by_urn.get(urn) for urn in n.deps.get(prop, ()))
        return [d for d in found if d is not None and d.kind in kinds]

    def api(self, n: Node) -> Node | None:
        apis = self.related(n, "apiId", (res.API,))
        if len(apis) == 1:
            return apis[0]
        api_id = n.props.get("apiId")
        return self._api_ids.get(api_id) if isinstance(api_id, str) and not apis else None

    def _api_key(self, n: Node) -> Any:
        """What identifies the integration's API: the Api resource, else a literal apiId."""
        api = self.api(n)
        if api is not None:
            return api.urn
        api_id = n.props.get("apiId")
        return ("id", api_id) if isinstance(api_id, str) and not n.deps.get("apiId") else None

    def count(self, n: Node) -> int | None:
        key = self._api_keys[n.urn]
        return self._counts.get(key) if key is not None else None

    def permissions_of(self, fn: Node) -> list[tuple[Any, Mapping[str, Any]]]:
        """Every Permission as (whether it names fn, its props): once per function, which the
        integrations behind one Lambda share."""
        if fn.urn not in self._permissions:
            self._permissions[fn.urn] = [(self.names(p, fn), p.props) for p in self.permissions]
        return self._permissions[fn.urn]

    def names(self, p: Node, fn: Node) -> Any:
        """Whether Permission p's `function` is fn: True, False or UNKNOWN."""
        deps = [self.by_urn.get(u) for u in p.deps.get(res.PERMISSION_FUNCTION, ())]
        if any(d is fn for d in deps):
            return True
        if any(d is not None for d in deps):
            return False  # it follows another resource of the stack
        value = p.props.get(res.PERMISSION_FUNCTION, UNKNOWN)
        if not isinstance(value, str):
            return UNKNOWN
        known = [v for v in (fn.props.get(k) for k in _FUNCTION_NAMES) if isinstance(v, str) and v]
        if value in known or any(v.endswith(f":function:{value}") for v in known):
            return True
        # A literal that names a function whose identifiers are not known yet could be this one.
        return False if len(known) == len(_FUNCTION_NAMES) else UNKNOWN


class _Around:
    """rules.resources.Surroundings of one integration, through propertyDependencies."""

    def __init__(self, stack: Stack, n: Node) -> None:
        self.stack, self.n = stack, n

    def source(self, prop: str, kinds: Iterable[str], key: str | None = None
               ) -> res.Related | None:
        if prop == "apiId":
            api = self.stack.api(self.n)
            return res.Related(api.kind, api) if api is not None else None
        found = self.stack.related(self.n, prop, kinds)  # a mapping's entries are not told apart
        if len({d.kind for d in found}) != 1:
            return None
        return res.Related(found[0].kind, found[0] if len(found) == 1 else None)

    def props(self, resource: res.Related) -> tuple[Mapping[str, Any] | None, bool]:
        return (resource.handle.props if resource.handle is not None else None), True

    def count(self, api: res.Related | None) -> int | None:
        return self.stack.count(self.n)

    def permissions(self, function: res.Related) -> Iterable[tuple[Any, Mapping[str, Any]]]:
        """False only when the function is in the stack and no Permission could let API Gateway
        invoke it."""
        if function.handle is None:  # more than one function: which one is not known
            return [(UNKNOWN, {})]
        return self.stack.permissions_of(function.handle)


def models(resources: list[Any], settings: Settings) -> list[tuple[str, Integration]]:
    """(URN, model) for every integration of the stack."""
    return [(n.urn, m) for n, m in Stack(nodes(resources), settings).models()]
