"""The rule catalogue: every rule's metadata, examples and check, and the one way to run them.

A rule is registered with `@rule(...)` next to its check (one module per family of rules);
`RULES` is filled when this package is imported.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from . import aws, shapes, trace
from .model import (LAMBDA_FUNCTION, LB_LISTENER, LB_LOAD_BALANCER, VPC_LINK_V1, VPC_LINK_V2,
                    Context, Edit, Finding, Integration)
from .spelling import Spelling, render
from .values import UNKNOWN

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)  # most severe first
PACK, LINTER = "pack", "linter"
BOTH = (PACK, LINTER)


@dataclass(frozen=True)
class Hit:
    """What a check reports; the catalogue turns it into a Finding."""

    path: tuple[Any, ...]
    message: str
    severity: str | None = None  # None: the rule's severity
    fix: str | None = None  # None: the rule's fix
    edit: Edit | None = None  # a safe mechanical fix, when there is one


# Related resources an example can ask for, rendered by each front end's tests as real
# resources (source code or engine requests) and by Example.model() as their model.
CONTEXT_KEYS = {
    "uri_from": "integrationUri comes from a resource of the program: 'lambda' (its invoke_arn), "
                "'lambda_arn' (a function's arn), 'listener' or 'load_balancer' (its arn)",
    "uri_prefix": "integrationUri is this literal prefix and a VPC endpoint's DNS name (an output "
                  "the pack does not know at preview; the linter knows the prefix)",
    "lambda_permission": "with uri_from='lambda': whether a Permission lets API Gateway invoke it "
                         "(default True)",
    "vpc_link": "connectionId comes from a VPC link: 'v1' (aws.apigateway) or 'v2' (apigatewayv2)",
    "state_machine": "requestParameters StateMachineArn comes from a state machine of this type",
    "previous": "apiId / integrationType / integrationSubtype before the change",
    "siblings": "how many other integrations the same API has",
}
# uri_from -> the resource kind and the output used
_URI_SOURCES = {"lambda": (LAMBDA_FUNCTION, "invokeArn"), "lambda_arn": (LAMBDA_FUNCTION, "arn"),
                "listener": (LB_LISTENER, "arn"), "load_balancer": (LB_LOAD_BALANCER, "arn")}
_LINK_SOURCES = {"v1": VPC_LINK_V1, "v2": VPC_LINK_V2}


@dataclass(frozen=True)
class Example:
    """An integration as an author writes it (camelCase), the protocol of its API (None: the API
    cannot be resolved) and its related resources (CONTEXT_KEYS)."""

    props: Mapping[str, Any]
    protocol: str | None = aws.HTTP
    context: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""
    engines: tuple[str, ...] = BOTH  # where this example's expectation holds
    # other rules an invalid example reports too, on purpose (a valid example reports nothing)
    also: tuple[str, ...] = ()
    # the property path of each finding its rule reports on an invalid example (() for the call)
    paths: tuple[tuple[Any, ...], ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.context) - set(CONTEXT_KEYS)
        if unknown:
            raise ValueError(f"unknown example context keys: {sorted(unknown)}")

    def model(self, provider_defaults: bool = False) -> Integration:
        """The model a front end builds for this example at preview, where the outputs of the
        related resources are not known yet (the linter knows their shapes). With
        provider_defaults, as the pack sees it after the provider's Check (without shapes)."""
        ctx = self.context
        props = {"apiId": UNKNOWN, **{k: v for k, v in self.props.items() if k in aws.PROPERTIES}}
        extra = tuple(k for k in self.props if k not in aws.PROPERTIES)
        fields: dict[str, Any] = {"protocol": self.protocol or UNKNOWN}
        found: dict[str, Any] = {}
        if "uri_from" in ctx:
            props["integrationUri"] = UNKNOWN
            kind, output = _URI_SOURCES[ctx["uri_from"]]
            fields["uri_source"] = kind
            found["integrationUri"] = shapes.output(kind, output)
            if kind == LAMBDA_FUNCTION:
                fields["lambda_permitted"] = ctx.get("lambda_permission", True)
        if "uri_prefix" in ctx:
            props["integrationUri"] = UNKNOWN
            found["integrationUri"] = shapes.Shape(prefix=ctx["uri_prefix"])
        if "vpc_link" in ctx:
            props["connectionId"] = UNKNOWN
            fields["connection_source"] = _LINK_SOURCES[ctx["vpc_link"]]
        if "state_machine" in ctx:
            params = props.get("requestParameters")
            props["requestParameters"] = {**(params or {}), aws.STATE_MACHINE_PARAMETER: UNKNOWN}
            fields["state_machine_type"] = ctx["state_machine"]
        if "previous" in ctx:
            fields["previous"] = ctx["previous"]
        if "siblings" in ctx:
            fields["integrations_on_api"] = ctx["siblings"] + 1
        maybe_default: frozenset[str] = frozenset()
        if provider_defaults:
            props = with_provider_defaults(props)
            maybe_default = possible_defaults(props)
        return Integration(props, Context(**fields), name="example", maybe_default=maybe_default,
                           extra_args=extra, shapes={} if provider_defaults else found)


def with_provider_defaults(props: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs after the provider's Check: its defaults filled in where absent."""
    out = dict(props)
    for name, value in aws.PROVIDER_DEFAULTS.items():
        if out.get(name) is None:
            out[name] = value
    return out


def possible_defaults(props: Mapping[str, Any]) -> frozenset[str]:
    """Properties whose value could have come from the provider rather than the author."""
    return frozenset(n for n, v in aws.PROVIDER_DEFAULTS.items() if props.get(n) == v)


@dataclass(frozen=True)
class Situation:
    """A file rule's example: a file as the user has it (name and bytes) and the finding line
    `apigw-lint` prints for it. The tests write it to disk and run the CLI on it."""

    title: str
    file: str
    content: bytes
    reported: str


@dataclass(frozen=True)
class Rule:
    """A rule about integrations (`check`, and valid and invalid integration examples), or a file
    rule (no check: the linter itself reports it about a whole file, with `situations` as its
    examples)."""

    id: str
    name: str  # kebab-case; the CrossGuard policy name
    title: str
    severity: str
    engines: tuple[str, ...]
    summary: str  # what it checks
    rationale: str  # why it matters, what AWS does
    sources: tuple[str, ...]  # AWS documentation links
    fix: str
    valid: tuple[Example, ...]
    invalid: tuple[Example, ...]
    check: Callable[[Integration], Iterable[Hit]] | None = field(repr=False, compare=False)
    # the inputs (camelCase properties, or "protocol") whose being UNKNOWN silences the rule
    decisive: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)  # JSON schema properties
    situations: tuple[Situation, ...] = ()  # a file rule's examples
    marked_fix: str | None = None  # fix with its names marked (spelling.name), for findings

    def findings(self, m: Integration, spelling: Spelling | None = None) -> Iterator[Finding]:
        """spelling: how the reader writes the names a message marks (spelling.py)."""
        secrets = None  # computed at the first hit: most checks find nothing
        for hit in self.check(m):
            if secrets is None:
                secrets = _secret_strings(m)
            text = render(hit.message, spelling)
            for secret in secrets:  # the check's text only: the rule id is never a secret
                text = text.replace(secret, "[secret]")
            yield Finding(self.id, self.name, hit.severity or self.severity, tuple(hit.path),
                          f"{self.id} {text}",
                          render(hit.fix if hit.fix is not None else self.marked_fix or self.fix,
                                 spelling),
                          hit.edit)


RULES: dict[str, Rule] = {}


def rule(*, id: str, name: str, title: str, severity: str, summary: str, rationale: str,
         sources: Iterable[str], fix: str, valid: Iterable[Example], invalid: Iterable[Example],
         decisive: Iterable[str], engines: tuple[str, ...] = BOTH,
         options: Mapping[str, Any] | None = None
         ) -> Callable[[Callable[[Integration], Iterable[Hit]]], Callable]:
    def register(check: Callable[[Integration], Iterable[Hit]]) -> Callable:
        _add(Rule(id, name, title, severity, tuple(engines), summary, rationale, tuple(sources),
                  render(fix), tuple(valid), tuple(invalid), check, tuple(decisive),
                  options or {}, marked_fix=fix))
        return check
    return register


def file_rule(*, id: str, name: str, title: str, summary: str, rationale: str,
              sources: Iterable[str], fix: str, situations: Iterable[Situation]) -> None:
    """A rule the linter reports about a whole file (an error, in the linter only), not about
    an integration: it has no check and no integration examples."""
    _add(Rule(id, name, title, ERROR, (LINTER,), summary, rationale, tuple(sources), fix, (), (),
              None, (), {}, tuple(situations)))


def _add(r: Rule) -> None:
    if r.id in RULES:
        raise ValueError(f"{r.id} registered twice")
    RULES[r.id] = r


def run(m: Integration, engine: str | None = None, select: Iterable[str] | None = None,
        on_error: Callable[[Rule, Exception], None] | None = None,
        skipped: list | None = None, spelling: Spelling | None = None) -> list[Finding]:
    """All findings for one integration. A check that raises is reported to on_error (and
    re-raised without one): one broken check never hides the others' findings. With a list as
    skipped, the checks that an unknown value kept silent are appended to it (trace.Skip).
    spelling: how the reader writes property names (camelCase by default, as the engine)."""
    # RULES is in id order: a selection is walked in that order, without the rest of the catalogue
    rules = RULES.values() if select is None else [RULES[i] for i in sorted(set(select))
                                                   if i in RULES]
    out: list[Finding] = []
    for r in rules:
        if r.check is None or (engine and engine not in r.engines):
            continue
        try:
            out.extend(r.findings(m, spelling) if skipped is None
                       else trace.findings(r, m, skipped, spelling))
        except Exception as exc:  # noqa: BLE001 - contained, reported through on_error
            if on_error is None:
                raise
            on_error(r, exc)
    return out


def run_alone(m: Integration, engine: str | None = None, select: Iterable[str] | None = None,
              on_error: Callable[[Rule, Exception], None] | None = None) -> list[Finding]:
    """The findings of m that hold whatever the resources around it turn out to be, m's Context
    holding only what the integration itself tells (resources.alone_context). Unknown context
    fields only ever silence a check, except the protocol: a check may report because it is
    unknown (APIGW047), so with the protocol unknown a finding counts only when both protocols
    report it too (same rule and property); tests/test_alone.py checks this over the catalogue."""
    found = run(m, engine, select, on_error)
    if not found or m.protocol is not UNKNOWN:
        return found
    kept = {(f.rule, f.path) for f in found}
    rules = {f.rule for f in found}
    for protocol in aws.PROTOCOLS:
        known = dataclasses.replace(m, context=dataclasses.replace(m.context, protocol=protocol))
        kept &= {(f.rule, f.path) for f in run(known, engine, rules, on_error)}
    return [f for f in found if (f.rule, f.path) in kept]


def _secret_strings(m: Integration) -> list[str]:
    found: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, str) and v:
            found.append(v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):  # as messages print them
            found.append(f"{v:g}" if isinstance(v, float) else str(v))
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for name in m.secret:
        walk(m.props.get(name))
    return sorted(found, key=len, reverse=True)
