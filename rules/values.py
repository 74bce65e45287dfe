"""What a front end knows about one value: the value itself, UNKNOWN, or ABSENT.

A known value is plain data (str, int, float, bool, None, list, dict); containers may hold
UNKNOWN element by element. Checks decide only on known values.
"""
from __future__ import annotations

from typing import Any


class _Sentinel:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name

    def __reduce__(self) -> str:  # keep the singletons singletons through pickling
        return self._name


UNKNOWN = _Sentinel("UNKNOWN")
"""Computed during preview, read from config, a parameter: anything not statically resolvable."""

ABSENT = _Sentinel("ABSENT")
"""Not set by the author (and not filled in by anyone we can see)."""


def is_known(value: Any) -> bool:
    """True when value, and everything inside it, is known."""
    if value is UNKNOWN or value is ABSENT:
        return False
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    return True


def known_str(value: Any) -> str | None:
    """The value when it is a known string, else None (absent, unknown or another type)."""
    return value if isinstance(value, str) else None


def known_items(value: Any) -> list[tuple[str, Any]]:
    """(key, value) pairs of a known mapping whose keys are strings; values may be UNKNOWN."""
    if not isinstance(value, dict):
        return []
    return [(k, v) for k, v in value.items() if isinstance(k, str) and not k.startswith("__")]
