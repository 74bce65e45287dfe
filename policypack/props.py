"""Engine property bags -> plain values and `rules.Integration` models.

The SDK hands policies its unknown-checking proxies, whose `in`, `.get` and `.items()` raise on an
unknown value (and turn the whole policy into a "can't run during preview" advisory). Everything
here reads the raw values behind them through `__target` and never raises.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_policy import Secret, proxy, secret

from apigw_lint.rules import UNKNOWN, Context, Integration, possible_defaults

_SENTINELS = frozenset({
    proxy.UNKNOWN_BOOLEAN_VALUE, proxy.UNKNOWN_NUMBER_VALUE, proxy.UNKNOWN_STRING_VALUE,
    proxy.UNKNOWN_ARRAY_VALUE, proxy.UNKNOWN_ASSET_VALUE, proxy.UNKNOWN_ARCHIVE_VALUE,
    proxy.UNKNOWN_OBJECT_VALUE,
})

PROXIES = frozenset({proxy._DictProxy, proxy._ListProxy, secret._DictSecretsProxy,
                      secret._ListSecretsProxy})
_PLAIN = frozenset({dict, list, str, bool, int, float, type(None)})


def target(value: Any) -> Any:
    """The container behind an SDK proxy (unknown-checking and secrets-preserving alike); any
    other Mapping or Sequence that is not plain data is UNKNOWN (nothing to decide on)."""
    kind = type(value)
    if kind in PROXIES:
        return value["__target"]
    if kind in _PLAIN or not isinstance(value, (Mapping, Sequence)):
        return value
    return UNKNOWN


def plain(value: Any) -> tuple[Any, bool]:
    """(JSON-shaped value with UNKNOWN for every unknown sentinel, whether a secret was inside).

    Keys that start with `__` are dropped at any depth (`__defaults`); anything that is not
    JSON-shaped (assets, archives, foreign objects) is UNKNOWN: nothing a check can decide on.
    """
    value = target(value)
    if isinstance(value, Secret):
        return plain(value.value)[0], True
    if isinstance(value, str):
        return (UNKNOWN if value in _SENTINELS else value), False
    if value is None or isinstance(value, (bool, int, float)):
        return value, False
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        secret = False
        for key, item in value.items():
            if isinstance(key, str) and not key.startswith("__"):
                out[key], inner = plain(item)
                secret = secret or inner
        return out, secret
    if isinstance(value, list):
        items, secret = [], False
        for item in value:
            converted, inner = plain(item)
            items.append(converted)
            secret = secret or inner
        return items, secret
    return UNKNOWN, False


def plain_props(props: Any) -> tuple[dict[str, Any], frozenset[str]]:
    """A resource's properties as a plain dict, and the names of those holding a secret."""
    raw = target(props)
    if not isinstance(raw, dict):
        return {}, frozenset()
    out: dict[str, Any] = {}
    secret: set[str] = set()
    for key, item in raw.items():
        if isinstance(key, str) and not key.startswith("__"):
            out[key], inner = plain(item)
            if inner:
                secret.add(key)
    return out, frozenset(secret)


def integration(props: dict[str, Any], secret: frozenset[str], context: Context,
                name: str | None) -> Integration:
    """The model of one integration as the engine sent it: raw inputs, or after the provider's
    Check (where a default cannot be told from a written value)."""
    return Integration(props, context, name=name, maybe_default=possible_defaults(props),
                       secret=secret)
