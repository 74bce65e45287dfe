"""The Java side of `apigw-lint --fix`: a finding's rules.model.Edit as text edits on the byte
ranges tree-sitter gives, made only on a setter written in the Integration's own builder chain
(removing the setter, changing its string literal, renaming it); the result is re-parsed before
anyone writes it."""
from __future__ import annotations

from pathlib import Path

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments, Entry
from ..sitter_codemod import Fix, whole_line
from .evaluate import member


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
        start, end = dot.start_byte, setter.end_byte  # `.name(...)`, or its whole line
        return Fix(path, data, edit, (whole_line(data, start, end) or (start, end, b""),))
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
