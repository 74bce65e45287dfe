"""The C# side of `apigw-lint --fix`: a finding's rules.model.Edit as text edits on the byte
ranges tree-sitter gives, made only where the property is written in the Integration's own args
object initializer; the result is re-parsed before anyone writes it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments, Entry
from .layout import spelling
from .parse import Unparsable, parse

TextEdit = tuple[int, int, bytes]  # replace data[start:end] with the bytes


@dataclass(frozen=True)
class Fix:
    path: Path
    data: bytes  # the text the edits were planned on
    edit: Edit
    edits: tuple[TextEdit, ...]


def plan(path: Path, data: bytes, member: ts.Node | None, args: Arguments,
         edit: Edit | None) -> Fix | None:
    """The text edits of a finding's edit, when its property is `member`, an assignment in the
    call's own args object initializer; None when it cannot be made there alone."""
    if edit is None or member is None or member.type != "assignment_expression":
        return None
    if edit.kind == REMOVE:
        return Fix(path, data, edit, (_removal(data, member),))
    if edit.kind == SET:
        value = member.child_by_field_name("right")
        if value is None or value.type != "string_literal" or not edit.value:
            return None
        text = edit.value.replace("\\", "\\\\").replace('"', '\\"')
        return Fix(path, data, edit, ((value.start_byte, value.end_byte,
                                       f'"{text}"'.encode()),))
    if edit.kind == RENAME:
        name = spelling(edit.value or "")
        left = member.child_by_field_name("left")
        written = {written_name(e) for e in args.keywords.values()}
        if not name.isidentifier() or name in written or args.open or left is None:
            return None
        return Fix(path, data, edit, ((left.start_byte, left.end_byte, name.encode()),))
    return None


def written_name(entry: Entry) -> str:
    """A property's name as its assignment in an initializer writes it."""
    left = entry.anchor.child_by_field_name("left") \
        if entry.anchor.type == "assignment_expression" else None
    return left.text.decode() if left is not None else ""


def _removal(data: bytes, member: ts.Node) -> TextEdit:
    """The span to delete with a member of an initializer: with its comma, and its whole line
    when it stands alone on it; else the comma before it when it is the last one."""
    after = member.next_sibling
    start, end = member.start_byte, member.end_byte
    if after is not None and after.type == ",":
        end = after.end_byte
    else:
        before = member.prev_sibling
        if before is not None and before.type == ",":
            start = before.start_byte
    line_start = data.rfind(b"\n", 0, member.start_byte) + 1
    line_end = data.find(b"\n", end)
    line_end = len(data) if line_end < 0 else line_end
    if not data[line_start:member.start_byte].strip() and not data[end:line_end].strip() \
            and start == member.start_byte:
        return line_start, min(line_end + 1, len(data)), b""
    while end < len(data) and data[end:end + 1] in (b" ", b"\t"):
        end += 1
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
