"""The Java side of `apigw-lint --fix`: a finding's rules.model.Edit as text edits on the byte
ranges tree-sitter gives, made only on a setter written in the Integration's own builder chain
(removing the setter, changing its string literal, renaming it); the result is re-parsed before
anyone writes it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments, Entry
from .evaluate import member
from .parse import Unparsable, parse

TextEdit = tuple[int, int, bytes]  # replace data[start:end] with the bytes


@dataclass(frozen=True)
class Fix:
    path: Path
    data: bytes  # the text the edits were planned on
    edit: Edit
    edits: tuple[TextEdit, ...]


def plan(path: Path, data: bytes, entry: Entry | None, args: Arguments, edit: Edit | None
         ) -> Fix | None:
    """The text edit of a finding's edit on its setter (entry: the setter, when it is written in
    the call's own builder chain); None when it cannot be made there alone."""
    if edit is None or entry is None:
        return None
    setter = entry.anchor
    name = setter.child_by_field_name("name")
    dot = name.prev_sibling if name is not None else None
    if name is None or dot is None or dot.type != ".":
        return None
    if edit.kind == REMOVE:
        if args.open or _set_before(setter):  # an earlier call would then set it
            return None
        return Fix(path, data, edit, (_removal(data, dot.start_byte, setter.end_byte),))
    if edit.kind == SET:
        value = entry.value
        if value.type != "string_literal" or value.text.startswith(b'"""') or not edit.value:
            return None
        literal = edit.value.replace("\\", "\\\\").replace('"', '\\"')
        return Fix(path, data, edit, ((value.start_byte, value.end_byte,
                                       f'"{literal}"'.encode()),))
    if edit.kind == RENAME:
        new = edit.value or ""
        if not new.isidentifier() or new in args.keywords or args.open:
            return None
        return Fix(path, data, edit, ((name.start_byte, name.end_byte, new.encode()),))
    return None


def _set_before(setter: ts.Node) -> bool:
    """Whether the chain calls this setter before (the last call wins; removing it would not
    remove the property)."""
    current = setter.child_by_field_name("object")
    while current is not None and current.type == "method_invocation":
        if member(current) == member(setter):
            return True
        current = current.child_by_field_name("object")
    return False


def _removal(data: bytes, start: int, end: int) -> TextEdit:
    """The span to delete with a setter (`.name(...)`): its whole line when it stands alone on
    it."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", end)
    line_end = len(data) if line_end < 0 else line_end
    if not data[line_start:start].strip() and not data[end:line_end].strip():
        return line_start, min(line_end + 1, len(data)), b""
    return start, end, b""


def apply(data: bytes, fixes: Sequence[Fix]) -> tuple[bytes, int]:
    """data with the fixes' edits made (one fix per span; overlapping ones wait for the next
    pass), and how many fixes were made."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: f.edit.kind != REMOVE):  # a removal wins
        spans = [(s, e) for s, e, _ in fix.edits]
        if any(s < te and ts_ < e or s == e == ts_ for s, e in spans for ts_, te in taken):
            continue
        chosen.append(fix)
        taken += spans
    for start, end, text in sorted((e for f in chosen for e in f.edits), reverse=True):
        data = data[:start] + text + data[end:]
    return data, len(chosen)


def parse_error(data: bytes) -> str | None:
    """Why fixed code does not parse cleanly, or None."""
    try:
        tree = parse(data)
    except Unparsable as e:
        return str(e)
    return "syntax error after the fix" if tree.root_node.has_error else None
