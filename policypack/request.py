"""One Analyze or AnalyzeStack request, read once for all the pack's policies.

The SDK deserializes the request again for every policy it runs (protobuf to dicts, secrets,
unknown-checking proxies, options, the provider's properties), and the pack has one policy per
rule: over 5,000 integrations that repetition alone cost 60 times a one-policy pack, and in
Analyze it would cost a millisecond per resource. install() wraps the servicer's Analyze and
AnalyzeStack, as secrets.py wraps its deserializer: within one call, the SDK's loop over policies
reads the request's properties (Analyze) or resources (AnalyzeStack) once (the first policy it
runs gets them, every later one an empty value) and never the provider, which no policy of the
pack reads; each policy takes them from the call instead (`first`), and work that does not depend
on the policy is done once per call (`once`).
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from google.protobuf import struct_pb2
from pulumi_policy.policy import _PolicyAnalyzerServicer

T = TypeVar("T")


@dataclass
class _Call:
    given: Any = None  # what the first policy of the call was given
    taken: bool = False
    results: dict[Any, Any] = field(default_factory=dict)


# Each gRPC call runs in a thread of its own, which starts with an empty context.
_call: ContextVar[_Call | None] = ContextVar("apigw_lint_request", default=None)


class _ReadOnce:
    """The request as the SDK's loop over policies reads it: `name` the first time only (later:
    `empty`), and no provider."""

    def __init__(self, request: Any, name: str, empty: Callable[[], Any]) -> None:
        self._request, self._name, self._empty = request, name, empty
        self._read = False

    def __getattr__(self, name: str) -> Any:
        if name != self._name:
            return getattr(self._request, name)
        if self._read:
            return self._empty()
        self._read = True
        return getattr(self._request, name)

    def HasField(self, name: str) -> bool:  # noqa: N802 - the protobuf method the SDK calls
        return name != "provider" and self._request.HasField(name)


def _wrap(original: Callable[..., Any], name: str, empty: Callable[[], Any]) -> Callable[..., Any]:
    def wrapped(self: _PolicyAnalyzerServicer, request: Any, context: Any) -> Any:
        token = _call.set(_Call())
        try:
            return original(self, _ReadOnce(request, name, empty), context)
        finally:
            _call.reset(token)
    wrapped.wrapped = original  # type: ignore[attr-defined]
    return wrapped


def install() -> None:
    """Wrap the servicer's Analyze and AnalyzeStack (idempotent). Every policy of the pack must
    call `first` before anything else, so that the one the SDK hands the request to keeps it."""
    for method, name, empty in (("Analyze", "properties", struct_pb2.Struct),
                                ("AnalyzeStack", "resources", list)):
        current = getattr(_PolicyAnalyzerServicer, method)
        original = getattr(current, "wrapped", current)
        setattr(_PolicyAnalyzerServicer, method, _wrap(original, name, empty))


def first(given: Any) -> Any:
    """What the SDK gave this policy (a resource's props, or the stack's resources), or what it
    gave the call's first policy."""
    call = _call.get()
    if call is None:
        return given
    if not call.taken:
        call.given, call.taken = given, True
    return call.given


def in_call() -> bool:
    """Whether results can be shared with the other policies of one call."""
    return _call.get() is not None


def once(key: Any, compute: Callable[[], T]) -> T:
    """compute(), once per call and key (every time outside a wrapped call)."""
    call = _call.get()
    if call is None:
        return compute()
    if key not in call.results:
        call.results[key] = compute()
    return call.results[key]
