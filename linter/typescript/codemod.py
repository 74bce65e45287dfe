"""The TypeScript side of `apigw-lint --fix`: a finding's rules.model.Edit as text edits on the
byte ranges tree-sitter gives, made only where the property is written in the Integration's own
args object literal; the result is re-parsed before anyone writes it."""
from __future__ import annotations

from pathlib import Path

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments
from .. import sitter_codemod
from ..sitter_codemod import Fix, apply, member_removal
from .parse import parse

__all__ = ["Fix", "apply", "parse_error", "plan"]


def plan(path: Path, data: bytes, literal: ts.Node | None, args: Arguments, anchor: ts.Node,
         edit: Edit | None) -> Fix | None:
    """The text edits of a finding's edit, when its property is a member of `literal` (the
    call's own args object); None when it cannot be made there alone."""
    if edit is None or literal is None or anchor.parent != literal \
            or anchor.type not in ("pair", "shorthand_property_identifier"):
        return None
    if edit.kind == REMOVE:
        return Fix(path, data, edit, (member_removal(data, anchor),))
    if edit.kind == SET:
        value = anchor.child_by_field_name("value") if anchor.type == "pair" else None
        if value is None or value.type != "string" or not edit.value:
            return None
        quote = data[value.start_byte:value.start_byte + 1]
        return Fix(path, data, edit, ((value.start_byte, value.end_byte,
                                 quote + edit.value.encode() + quote),))
    if edit.kind == RENAME:
        name = edit.value or ""
        if not name.isidentifier() or name in args.keywords or args.open:
            return None
        if anchor.type == "shorthand_property_identifier":  # `{ intergrationType }`
            return Fix(path, data, edit, ((anchor.start_byte, anchor.start_byte,
                                     name.encode() + b": "),))
        key = anchor.child_by_field_name("key")
        if key is None or key.type not in ("property_identifier", "string"):
            return None
        return Fix(path, data, edit, ((key.start_byte, key.end_byte, name.encode()),))
    return None


def parse_error(data: bytes, path: Path) -> str | None:
    """Why fixed code does not parse cleanly, or None (the file's name picks TSX or not)."""
    return sitter_codemod.parse_error(lambda text: parse(text, path), data)
