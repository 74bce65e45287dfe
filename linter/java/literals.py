"""Java literals: strings (text blocks too), integers and what string concatenation makes of a
value."""
from __future__ import annotations

import re
from typing import Any

import tree_sitter as ts

_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "s": " ", "0": "\0",
           "\\": "\\", "'": "'", '"': '"', "\n": ""}
_ESCAPE = re.compile(r"\\(u+[0-9a-fA-F]{4}|[0-3]?[0-7]{1,2}|[\s\S])")
INT_MAX = 2**31  # Java's int; a long literal ends with L
LONG_MAX = 2**63


def _unescape(text: str) -> str | None:
    bad = False

    def one(m: re.Match[str]) -> str:
        nonlocal bad
        e = m.group(1)
        if e[0] == "u":
            return chr(int(e.lstrip("u"), 16))
        if e[0].isdigit():
            return chr(int(e, 8))
        if e not in _SIMPLE:
            bad = True
        return _SIMPLE.get(e, e)
    out = _ESCAPE.sub(one, text)
    return None if bad else out


def _text_block(raw: str) -> str | None:
    """A text block's value: the lines after the opening delimiter, the common indentation and
    trailing spaces stripped, escapes decoded last (JLS 3.10.6)."""
    body = raw[3:-3]
    first, _, rest = body.partition("\n")
    if first.strip():
        return None
    lines = rest.split("\n")
    significant = [ln for ln in lines[:-1] if ln.strip()] + [lines[-1]]
    indent = min((len(ln) - len(ln.lstrip(" \t")) for ln in significant), default=0)
    return _unescape("\n".join(ln[indent:].rstrip(" \t") for ln in lines))


def string_value(node: ts.Node | None) -> str | None:
    """A string literal's value (escapes decoded); None for anything else."""
    if node is None or node.type != "string_literal":
        return None
    raw = node.text.decode("utf-8", errors="replace")
    if raw.startswith('"""'):
        return _text_block(raw) if len(raw) >= 6 else None
    return _unescape(raw[1:-1]) if len(raw) >= 2 else None


def integer_value(text: str) -> int | None:
    """An integer literal's value (`30_000`, `0x1F`, `017`, `0b1`, `5L`), None if out of range."""
    text = text.replace("_", "")
    long = text[-1:] in ("l", "L")
    text = text.rstrip("lL")
    try:
        if text[:2].lower() in ("0x", "0b"):
            value = int(text, 0)
        elif len(text) > 1 and text[0] == "0":
            value = int(text, 8)
        else:
            value = int(text)
    except ValueError:
        return None
    return value if value < (LONG_MAX if long else INT_MAX) else None


def to_string(value: Any) -> str | None:
    """What `"" + value` gives in Java for a known string, int or boolean; None otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return str(value)
    return None
