"""Which checks an unknown value kept from deciding (`apigw-lint check --show-skipped`).

A check is *skipped* when it reports nothing and some way of filling in the unknown inputs it
read could make it report. Each check runs against a recording view of the model that notes
the unknown inputs it reads:
- a property whose value is UNKNOWN or holds an UNKNOWN (through `get`, `str`, `type`,
  `subtype`, ...; `has` and `absent` ask only whether it is set, which is known),
- a property that is not among the arguments seen while unseen ones (**kwargs, an args object:
  `open_args`) may set it, or `open_args` itself (ANY_ARGUMENT),
- a Context field that is not known: UNKNOWN, or `integrations_on_api` None.
An unknown integrationUri or connectionId does not count against a check that consulted the
Context's account of the resource it comes from (uri_source, connection_source), nor an unknown
property against a check that read its shape's kind (Integration.shape): an output of a
resource of that kind has the form that kind implies.
Inputs with a closed set of values (the API's protocol, the enum properties) are filled in with
each value in turn, and an enum property also with one value outside its set: a check that
stays silent under every value, reading nothing else unknown, was not skipped, and such an
input is a reason only when its values lead to different outcomes. Other values cannot be
enumerated, so reading one while unknown counts as skipped: a check that reads an unknown
property before a known one rules it out is still listed (the list errs on the side of
listing).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from . import aws
from .model import Context, Finding, Integration
from .values import ABSENT, UNKNOWN, is_known

ANY_ARGUMENT = "*"  # in Skip.unseen: the check asked whether unseen arguments exist at all

# A value outside every enum and longer than every length limit, standing for all such values.
_OUTSIDE = "~" * (max(high for _, high in aws.LENGTHS.values()) + 1)
_CONTEXT_CHOICES: dict[str, tuple[Any, ...]] = {
    "protocol": aws.PROTOCOLS, "lambda_permitted": (True, False)}
_PROPERTY_CHOICES: dict[str, tuple[Any, ...]] = {
    "integrationType": aws.INTEGRATION_TYPES, "connectionType": aws.CONNECTION_TYPES,
    "contentHandlingStrategy": aws.CONTENT_HANDLING_STRATEGIES,
    "passthroughBehavior": aws.PASSTHROUGH_BEHAVIORS,
    "payloadFormatVersion": aws.PAYLOAD_FORMAT_VERSIONS, "integrationMethod": aws.HTTP_METHODS,
    "integrationSubtype": tuple(aws.SUBTYPES)}
_CHOICES = {**_CONTEXT_CHOICES, **{name: (*values, _OUTSIDE)
                                   for name, values in _PROPERTY_CHOICES.items()}}
_REPORTED = (True, frozenset(), frozenset())  # the outcome of a run that reports
# Context fields that say what resource a property's unknown value comes from.
_SOURCES = {"uri_source": "integrationUri", "connection_source": "connectionId"}


@dataclass(frozen=True)
class Skip:
    rule: Any  # catalogue.Rule
    unknown: tuple[str, ...]  # properties (camelCase) and Context fields read while not known
    unseen: tuple[str, ...]  # properties that unseen arguments may set, or ANY_ARGUMENT


def findings(rule: Any, m: Integration, skipped: list[Skip], spelling: Any = None
             ) -> list[Finding]:
    """rule's findings on m (messages spelled with spelling); appends a Skip to skipped when an
    unknown input kept it silent."""
    reads = _Reads()
    found = list(rule.findings(_Recording(m, {}, reads), spelling))
    if found or not (reads.unknown or reads.unseen):
        return found
    outcomes, reasons = _explore(rule, m, {}, reads)
    if outcomes != {(False, frozenset(), frozenset())}:  # not silent whatever the values
        unknown = reasons | {n for _, names, _ in outcomes for n in names}
        unseen = {n for _, _, names in outcomes for n in names}
        skipped.append(Skip(rule, tuple(sorted(unknown)), tuple(sorted(unseen))))
    return found


def _explore(rule: Any, m: Integration, chosen: dict[str, Any], reads: "_Reads"
             ) -> tuple[frozenset, set[str]]:
    """A silent run's outcomes over every way of filling in the closed-set inputs it read while
    unknown, as (reported, other unknown inputs, unseen inputs), and the closed-set inputs whose
    values lead to different outcomes."""
    pending = sorted(n for n in reads.unknown if n in _CHOICES)
    if not pending:
        unknown = reads.unknown - reads.settled
        return frozenset({(False, frozenset(unknown), frozenset(reads.unseen))}), set()
    name, branches, reasons = pending[0], [], set()
    for value in _CHOICES[name]:
        alt = _Reads()
        choice = {**chosen, name: value}
        if any(True for _ in rule.findings(_Recording(m, choice, alt))):
            branches.append(frozenset({_REPORTED}))
        else:
            outcomes, deeper = _explore(rule, m, choice, alt)
            branches.append(outcomes)
            reasons |= deeper
    if len(set(branches)) > 1 or branches[0] == {_REPORTED}:
        reasons.add(name)
    return frozenset().union(*branches), reasons


class _Reads:
    __slots__ = ("unknown", "unseen", "settled")

    def __init__(self) -> None:
        self.unknown: set[str] = set()
        self.unseen: set[str] = set()
        # unknown properties whose form the check learnt: from a _SOURCES field or a shape's kind
        self.settled: set[str] = set()


class _Context:
    """The model's Context, noting the fields read while not known."""

    __slots__ = ("_context", "_reads")

    def __init__(self, context: Context, reads: _Reads) -> None:
        self._context, self._reads = context, reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._context, name)
        if value is UNKNOWN or (value is None and name == "integrations_on_api"):
            self._reads.unknown.add(name)
        elif value is not None and name in _SOURCES:
            self._reads.settled.add(_SOURCES[name])
        return value


class _Recording(Integration):
    """The model as a check sees it, with some unknown inputs filled in (chosen); `has`, `str`,
    `type`, ... all go through `get`."""

    def __init__(self, m: Integration, chosen: dict[str, Any], reads: _Reads) -> None:
        # not the dataclass __init__: the model is taken as it is, only observed
        for f in dataclasses.fields(Integration):
            if f.name not in ("props", "context", "open_args"):
                object.__setattr__(self, f.name, getattr(m, f.name))
        props = {k: v for k, v in chosen.items() if k in _PROPERTY_CHOICES}
        context = {k: v for k, v in chosen.items() if k in _CONTEXT_CHOICES}
        object.__setattr__(self, "props", {**m.props, **props} if props else m.props)
        object.__setattr__(self, "context", _Context(
            dataclasses.replace(m.context, **context) if context else m.context, reads))
        object.__setattr__(self, "_open", m.open_args)
        object.__setattr__(self, "_reads", reads)

    @property  # type: ignore[override]
    def open_args(self) -> bool:
        if self._open:
            self._reads.unseen.add(ANY_ARGUMENT)
        return self._open

    def get(self, name: str) -> Any:
        value = Integration.get(self, name)
        if value is ABSENT:
            self._unseen(name)
        elif not is_known(value):
            self._reads.unknown.add(name)
        return value

    def shape(self, name: str) -> Any:
        found = Integration.shape(self, name)
        if found is not None and found.kind is not None:
            self._reads.settled.add(name)
        return found

    def has(self, name: str) -> bool:
        if Integration.get(self, name) is not ABSENT:
            return True
        self._unseen(name)
        return False

    def absent(self, name: str) -> bool:
        return not self.has(name) and not self._open

    def _unseen(self, name: str) -> None:
        """name is not among the arguments we see; with unseen ones it may be among those."""
        if self._open:
            self._reads.unseen.add(name)
