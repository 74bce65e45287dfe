"""One AnalyzeStack request, read once for all the pack's policies.

The SDK's AnalyzeStack deserializes the whole request again for every stack policy (protobuf to
dicts, secrets, unknown-checking proxies, options, for every resource), and the pack has one
policy per rule: over 5,000 integrations that repetition alone cost 60 times a one-policy pack.
install() wraps the servicer's AnalyzeStack, as secrets.py wraps its deserializer: within one
call, the SDK's loop over policies reads the request's resources once (the first stack policy it
runs gets them, every later one an empty list); each policy of the pack takes them from the call
instead, and work that does not depend on the policy is done once per call (`once`).
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from pulumi_policy.policy import _PolicyAnalyzerServicer

T = TypeVar("T")


@dataclass
class _Call:
    resources: list[Any] | None = None
    results: dict[Any, Any] = field(default_factory=dict)


# Each gRPC call runs in a thread of its own, which starts with an empty context.
_call: ContextVar[_Call | None] = ContextVar("apigw_lint_analyze_stack", default=None)


class _ResourcesOnce:
    """The request as the SDK's loop over policies reads it: `resources` the first time only."""

    def __init__(self, request: Any) -> None:
        self._request = request
        self._read = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)

    @property
    def resources(self) -> Any:
        if self._read:
            return []
        self._read = True
        return self._request.resources


_original = _PolicyAnalyzerServicer.AnalyzeStack


def _analyze_stack(self: _PolicyAnalyzerServicer, request: Any, context: Any) -> Any:
    token = _call.set(_Call())
    try:
        return _original(self, _ResourcesOnce(request), context)
    finally:
        _call.reset(token)


def install() -> None:
    """Wrap the servicer's AnalyzeStack (idempotent). Every policy of the pack must call
    `resources` before anything else, so that the one the SDK hands the resources to keeps them."""
    _PolicyAnalyzerServicer.AnalyzeStack = _analyze_stack  # type: ignore[method-assign]


def resources(given: list[Any]) -> list[Any]:
    """The stack's resources for a policy: those the SDK gave it, or gave the call's first."""
    call = _call.get()
    if call is None:
        return given
    if call.resources is None:
        call.resources = given
    return call.resources


def in_call() -> bool:
    """Whether results can be shared with the other policies of one AnalyzeStack call."""
    return _call.get() is not None


def once(key: Any, compute: Callable[[], T]) -> T:
    """compute(), once per AnalyzeStack call and key (every time outside a wrapped call)."""
    call = _call.get()
    if call is None:
        return compute()
    if key not in call.results:
        call.results[key] = compute()
    return call.results[key]
