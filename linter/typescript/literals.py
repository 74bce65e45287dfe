"""JavaScript literals and conversions: string escapes, numbers, and what `String(x)` gives."""
from __future__ import annotations

import math
import re
from typing import Any

import tree_sitter as ts

_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")


def unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            code = int(e[2:-1] if e.startswith("u{") else e[1:], 16)
            return chr(code) if code <= 0x10FFFF else ""
        if e in ("\n", "\r\n", "\r", "\u2028", "\u2029"):  # a line continuation
            return ""
        return _SIMPLE.get(e, e)
    return _ESCAPE.sub(one, text)


def string_value(node: ts.Node | None) -> str | None:
    """A string literal's value (escapes decoded); None for anything else."""
    if node is None or node.type != "string":
        return None
    raw = node.text.decode("utf-8", errors="replace")
    return unescape(raw[1:-1]) if len(raw) >= 2 else None


def number_value(text: str) -> int | float | None:
    """A numeric literal's value (`30_000`, `0x1f`, `1e3`); None for a BigInt or nonsense."""
    text = text.replace("_", "")
    if text.endswith("n"):
        return None
    try:
        if text[:2].lower() in ("0x", "0o", "0b"):
            return int(text, 0)
        if len(text) > 1 and text[0] == "0" and text.isdigit():  # legacy octal
            return int(text, 8) if set(text) <= set("01234567") else int(text)
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() \
        else value


def to_string(value: Any) -> str | None:
    """`${value}` in JavaScript for a known scalar; None when that is not plain text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if value is None:
        return None  # "null" or "undefined": not told apart here
    return None
