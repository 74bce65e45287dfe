"""Parameter-mapping grammar: the $-expressions inside mapping values."""
from __future__ import annotations

import json
import re

from . import aws


def expressions(value: str) -> list[str]:
    """The sources a mapping value reads, without their `$` / `${}`: a value that starts with a
    bare `$` is one expression; elsewhere only the `${...}` form is an expression."""
    text = value.strip()
    if text.startswith("$") and not text.startswith("${"):
        return [text[1:]]
    return re.findall(r"\$\{([^}]*)\}", text)


def is_json_literal(value: str) -> bool:
    text = value.strip()
    if not text.startswith(("{", "[")):
        return False
    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False


def unsupported_json_path(source: str) -> bool:
    return source.startswith(("request.body", "response.body")) and any(
        bad in source for bad in aws.UNSUPPORTED_JSON_PATH)


def bad_sources(value: str, allowed: re.Pattern[str]) -> list[str]:
    """The expressions in a value that the grammar does not accept (or uses unsupported JSON
    path features in). The caller must not echo them: they are parts of a mapping value."""
    return [s for s in expressions(value) if not allowed.match(s) or unsupported_json_path(s)]


def header_name(key: str, pattern: re.Pattern[str]) -> str | None:
    match = pattern.match(key)
    return match.group("name") if match and match.groupdict().get("name") else None


def is_reserved_header(name: str) -> bool:
    lower = name.lower()
    return lower in aws.RESERVED_HEADERS or lower.startswith(aws.RESERVED_HEADER_PREFIXES)
