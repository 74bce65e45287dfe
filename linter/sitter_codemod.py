"""The language-free half of a tree-sitter front end's `--fix`: a fix as text edits on byte
ranges, applying several at once, the spans that delete a member with its line or its comma, and
the re-parse that vouches for the result."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, Edit

from .treesitter import Unparsable

TextEdit = tuple[int, int, bytes]  # replace data[start:end] with the bytes


@dataclass(frozen=True)
class Fix:
    path: Path
    data: bytes  # the text the edits were planned on
    edit: Edit
    edits: tuple[TextEdit, ...]


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


def whole_line(data: bytes, start: int, end: int) -> TextEdit | None:
    """The edit deleting the line of data[start:end] when nothing else stands on it, else
    None."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", end)
    line_end = len(data) if line_end < 0 else line_end
    if data[line_start:start].strip() or data[end:line_end].strip():
        return None
    return line_start, min(line_end + 1, len(data)), b""


def member_removal(data: bytes, member: ts.Node) -> TextEdit:
    """The span to delete with a member of a comma-separated list (an object literal, an
    initializer): with its comma, and its whole line when it stands alone on it; else the comma
    before it when it is the last one."""
    after = member.next_sibling
    start, end = member.start_byte, member.end_byte
    if after is not None and after.type == ",":
        end = after.end_byte
    else:
        before = member.prev_sibling
        if before is not None and before.type == ",":
            start = before.start_byte
    line = whole_line(data, member.start_byte, end) if start == member.start_byte else None
    if line is not None:
        return line
    while end < len(data) and data[end:end + 1] in (b" ", b"\t"):
        end += 1
    return start, end, b""


def parse_error(parse: Callable[[bytes], ts.Tree], data: bytes) -> str | None:
    """Why fixed code does not parse cleanly (parse: the front end's), or None."""
    try:
        tree = parse(data)
    except Unparsable as e:
        return str(e)
    return "syntax error after the fix" if tree.root_node.has_error else None
