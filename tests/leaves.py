"""The scalar values inside a JSON-shaped value, as a message would print them."""
from __future__ import annotations

from typing import Any, Iterator


def leaves(value: Any, numbers: bool = True) -> Iterator[str]:
    """Strings as they are, numbers (unless left out) as `%g` prints them (60000.0 -> 60000);
    booleans never."""
    if isinstance(value, str):
        yield value
    elif numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        yield f"{value:g}"
    elif isinstance(value, dict):
        for v in value.values():
            yield from leaves(v, numbers)
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v, numbers)
