"""Shapes that many rules share (cfn-lint style): a value in a set, a length in a range."""
from __future__ import annotations

from typing import Any, Iterator

from .catalogue import Hit
from .model import Integration
from .values import ABSENT, UNKNOWN


def shown(value: Any) -> str:
    """A short, quotable rendering of an enum-like value (never used for URIs, ARNs, mappings)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def enum_hit(m: Integration, prop: str, allowed: tuple[str, ...]) -> Iterator[Hit]:
    value = m.get(prop)
    if value is UNKNOWN or value is ABSENT or value in allowed:
        return
    yield Hit((prop,), f"{prop} {shown(value)} is not one of {', '.join(allowed)} "
                       "(values are case-sensitive).")


def length_hit(path: tuple[Any, ...], value: Any, low: int, high: int, what: str) -> Iterator[Hit]:
    if isinstance(value, str) and not low <= len(value) <= high:
        yield Hit(path, f"{what} is {len(value)} characters long; AWS accepts {low}-{high}.")
