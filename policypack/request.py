"""One Analyze or AnalyzeStack request, read once for all the pack's policies.

The SDK deserializes the request again for every policy it runs (protobuf to dicts, secrets,
unknown-checking proxies, options, the provider's properties), and the pack has one policy per
rule: over 5,000 integrations that repetition alone cost 60 times a one-policy pack, and in
Analyze it would cost a millisecond per resource. install() wraps the servicer's Analyze and
AnalyzeStack, as secrets.py wraps its deserializer: within one call, the SDK's loop over policies
reads an Analyze request's properties once (the first policy it runs gets them, every later one
an empty value) and never the provider, which no policy of the pack reads; each policy takes them
from the call instead (`first`), and work that does not depend on the policy is done once per
call (`once`). The SDK never reads an AnalyzeStack request's resources: its per-resource objects
(unknown-checking proxies, options, PolicyResource) cost as much as the rest of its work, and
stack.py reads the AnalyzerResource messages itself (`resources`), deserializing only those of
the kinds it knows, as the SDK does.

Even so, the SDK's own work per policy (arguments, options, a report callback, its loop) cost more
than the checks: most policies report nothing on most resources, and a policy that reports
nothing adds nothing to the response. So once a policy has taken the request, the loop runs only
the policies that `reports` says would add something.
"""
from __future__ import annotations

import copy
import gc
import threading
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, TypeVar

from google.protobuf import struct_pb2
from pulumi_policy.policy import _PolicyAnalyzerServicer

T = TypeVar("T")


@dataclass
class _Call:
    request: Any = None  # as the engine sent it
    given: Any = None  # the arguments of the call's first policy
    taken: bool = False
    results: dict[Any, Any] = field(default_factory=dict)


# Each gRPC call runs in a thread of its own, which starts with an empty context.
_call: ContextVar[_Call | None] = ContextVar("apigw_lint_request", default=None)


class _ReadOnce:
    """The request as the SDK's loop over policies reads it: `name` the first time only if
    `once`, else never (later: `empty`), and no provider."""

    def __init__(self, request: Any, name: str, empty: Callable[[], Any], once: bool) -> None:
        self._request, self._name, self._empty = request, name, empty
        self._read = not once

    def __getattr__(self, name: str) -> Any:
        if name != self._name:
            return getattr(self._request, name)
        if self._read:
            return self._empty()
        self._read = True
        return getattr(self._request, name)

    def HasField(self, name: str) -> bool:  # noqa: N802 - the protobuf method the SDK calls
        return name != "provider" and self._request.HasField(name)


Reports = Callable[[Any, Any, Any], bool]  # (policy, the call's first arguments, its config)


def _running(servicer: _PolicyAnalyzerServicer, reports: Reports) -> _PolicyAnalyzerServicer:
    """A copy of the servicer (calls may run at the same time) whose loop runs every policy until
    one has taken the request, then only those that report."""
    policies = servicer._PolicyAnalyzerServicer__policies  # type: ignore[attr-defined]

    def run() -> Iterator[Any]:
        call = _call.get()
        for policy in policies:
            # the config as the SDK gives it to the policy (ResourceValidationArgs.get_config)
            if not call.taken or reports(policy, call.given,
                                         servicer._get_policy_config(policy.name) or {}):
                yield policy
    clone = copy.copy(servicer)
    clone._PolicyAnalyzerServicer__policies = run()  # type: ignore[attr-defined]
    return clone


_lock = threading.Lock()
_calls = 0  # calls being served


def _collector_paused(pause: bool) -> None:
    """The cyclic garbage collector waits while any call runs. An AnalyzeStack call builds
    objects for every resource that all live until it ends, so collections during it would
    only traverse them again and again (about a sixth of its time on 5,000 integrations); cycles
    it leaves are collected after it. Reference counting frees everything else as usual."""
    global _calls
    with _lock:
        _calls += 1 if pause else -1
        if pause:
            gc.disable()
        elif not _calls:
            gc.enable()


def _wrap(original: Callable[..., Any], name: str, empty: Callable[[], Any], once: bool,
          reports: Reports) -> Callable[..., Any]:
    def wrapped(self: _PolicyAnalyzerServicer, request: Any, context: Any) -> Any:
        token = _call.set(_Call(request))
        _collector_paused(True)
        try:
            return original(_running(self, reports), _ReadOnce(request, name, empty, once),
                            context)
        finally:
            _collector_paused(False)
            _call.reset(token)
    wrapped.wrapped = original  # type: ignore[attr-defined]
    return wrapped


def install(reports: Reports) -> None:
    """Wrap the servicer's Analyze and AnalyzeStack (idempotent). Every policy of the pack must
    call `first` before anything else, so that the one the SDK hands the request to keeps it, and
    report nothing but what reports(policy, first arguments, its config) promised."""
    for method, name, empty, once in (("Analyze", "properties", struct_pb2.Struct, True),
                                      ("AnalyzeStack", "resources", list, False)):
        current = getattr(_PolicyAnalyzerServicer, method)
        original = getattr(current, "wrapped", current)
        setattr(_PolicyAnalyzerServicer, method, _wrap(original, name, empty, once, reports))


def first(given: Any) -> Any:
    """The arguments the SDK gave this policy or, within a call, the call's first policy (later
    ones get an empty resource or stack: see _ReadOnce)."""
    call = _call.get()
    if call is None:
        return given
    if not call.taken:
        call.given, call.taken = given, True
    return call.given


def resources(given: Any) -> Any:
    """The stack's resources: within a call, the request's AnalyzerResource messages (the SDK was
    given none); else what the SDK gave the policy (PolicyResources)."""
    call = _call.get()
    return call.request.resources if call is not None else given


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
