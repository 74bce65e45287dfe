"""The C# side of `apigw-lint --fix`: a finding's rules.model.Edit as text edits on the byte
ranges tree-sitter gives, made only where the property is written in the Integration's own args
object initializer; the result is re-parsed before anyone writes it."""
from __future__ import annotations

from pathlib import Path

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments, Entry
from ..sitter_codemod import Fix, member_removal
from .layout import spelling


def plan(path: Path, data: bytes, member: ts.Node | None, args: Arguments,
         edit: Edit | None) -> Fix | None:
    """The text edits of a finding's edit, when its property is `member`, an assignment in the
    call's own args object initializer; None when it cannot be made there alone."""
    if edit is None or member is None or member.type != "assignment_expression":
        return None
    if edit.kind == REMOVE:
        return Fix(path, data, edit, (member_removal(data, member),))
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
