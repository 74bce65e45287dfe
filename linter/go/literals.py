"""Go literals: interpreted and raw strings, integers and floats."""
from __future__ import annotations

import re

import tree_sitter as ts

_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
           "\\": "\\", "'": "'", '"': '"'}
_ESCAPE = re.compile(r"\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{3}|.)", re.S)


def _unescape(text: str) -> str | None:
    """An interpreted string's value; None when it holds a byte escape that is not text
    (`\\xff`: the string is then not UTF-8) or an unknown escape (a compile error)."""
    bad = False

    def one(m: re.Match[str]) -> str:
        nonlocal bad
        e = m.group(1)
        if e[0] in "Uu" and len(e) > 1:
            code = int(e[1:], 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                bad = True
            return chr(code) if not bad else ""
        if e[0] == "x" or e[0] in "01234567":
            code = int(e[1:], 16) if e[0] == "x" else int(e, 8)
            bad = bad or code > 0x7F  # one byte of a UTF-8 sequence
            return chr(code)
        if e not in _SIMPLE:
            bad = True
        return _SIMPLE.get(e, "")
    out = _ESCAPE.sub(one, text)
    return None if bad else out


def string_value(node: ts.Node | None) -> str | None:
    """A string literal's value; None for anything else."""
    if node is None:
        return None
    raw = node.text.decode("utf-8", errors="replace")
    if node.type == "raw_string_literal" and len(raw) >= 2:
        return raw[1:-1].replace("\r", "")  # Go drops carriage returns from raw strings
    if node.type == "interpreted_string_literal" and len(raw) >= 2:
        return _unescape(raw[1:-1])
    return None


def number_value(node: ts.Node) -> int | float | None:
    """An int or float literal's value (`30_000`, `0x1f`, `0o17`, `017`, `1e3`)."""
    text = node.text.decode().replace("_", "")
    try:
        if node.type == "int_literal":
            if len(text) > 1 and text[0] == "0" and text.isdigit():
                return int(text, 8)  # a leading 0 is octal
            return int(text, 0)
        if node.type == "float_literal" and not text.lower().startswith("0x"):
            return float(text)
    except ValueError:
        return None
    return None
