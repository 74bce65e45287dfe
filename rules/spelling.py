"""Property and attribute names in messages, marked so that each engine writes them as its users
do: a check writes `name("timeoutMilliseconds")` (camelCase, the engine's name) in its message,
and the finding's text is rendered with the spelling of whoever reads it: the policy pack keeps
camelCase, each linter front end gives its language's (`timeout_milliseconds` in Python,
`TimeoutMilliseconds` in Go). Marking, not guessing: English words are never rewritten."""
from __future__ import annotations

import re
from typing import Callable

Spelling = Callable[[str], str]  # camelCase -> how a language writes it

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in a message's own text
_MARKED = re.compile(f"{_OPEN}([A-Za-z0-9]+){_CLOSE}")
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def name(camel: str) -> str:
    """A property or attribute name (camelCase) in a message, to be spelled by its reader."""
    return f"{_OPEN}{camel}{_CLOSE}"


def camel(name: str) -> str:
    """The engine's spelling (the policy pack, YAML, TypeScript, Java)."""
    return name


def snake(name: str) -> str:
    """Python's spelling: `invokeArn` -> `invoke_arn`."""
    return _HUMP.sub("_", name).lower()


def pascal(name: str) -> str:
    """Go's and C#'s spelling: `invokeArn` -> `InvokeArn`."""
    return name[:1].upper() + name[1:]


def render(text: str, spelling: Spelling | None = None) -> str:
    """The text with every marked name spelled (camelCase without a spelling)."""
    spell = spelling or camel
    return _MARKED.sub(lambda m: spell(m.group(1)), text) if _OPEN in text else text
