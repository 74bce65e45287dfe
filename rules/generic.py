"""Shapes that many rules share (cfn-lint style): a value in a set, a length in a range."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from . import aws
from .catalogue import Hit
from .model import REMOVE, Edit, Integration
from .spelling import name
from .values import ABSENT, UNKNOWN


def shown(value: Any) -> str:
    """A short, quotable rendering of an enum-like value (never used for URIs, ARNs, mappings)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def enum_hit(m: Integration, prop: str, allowed: tuple[str, ...]) -> Iterator[Hit]:
    value = m.get(prop)
    if value is UNKNOWN or value is ABSENT or value in allowed:
        return
    yield Hit((prop,), f"{name(prop)} {shown(value)} is not one of {', '.join(allowed)} (values "
                       "are case-sensitive).")


def no_effect(m: Integration, props: Iterable[str], why: str, *, default_counts: bool = True,
              removable: Callable[[str], bool] | bool = False) -> Iterator[Hit]:
    """`{prop} {why}` for each of props the author wrote (a value the provider may have filled
    in does not count) that does nothing where it is. default_counts False: writing the
    provider's default changes nothing either. removable: whether --fix may remove it."""
    for prop in props:
        if not m.written(prop) or (not default_counts
                                   and m.get(prop) == aws.PROVIDER_DEFAULTS.get(prop)):
            continue
        remove = removable(prop) if callable(removable) else removable
        yield Hit((prop,), f"{name(prop)} {why}", edit=Edit(REMOVE) if remove else None)


def length_hit(path: tuple[Any, ...], value: Any, low: int, high: int, what: str) -> Iterator[Hit]:
    if isinstance(value, str) and not low <= len(value) <= high:
        yield Hit(path, f"{what} is {len(value)} characters long; AWS accepts {low}-{high}.")
