"""The Go side of `apigw-lint --fix`: a finding's rules.model.Edit as text edits on the byte
ranges tree-sitter gives, made only where the field is written in the Integration's own args
struct literal; the result is re-parsed before anyone writes it."""
from __future__ import annotations

import json
from pathlib import Path

import tree_sitter as ts

from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments
from ..sitter_codemod import Fix, TextEdit, whole_line
from .layout import spelling

_STRING_INPUTS = (b"pulumi.String", b"pulumi.StringPtr")


def plan(path: Path, data: bytes, body: ts.Node | None, args: Arguments, anchor: ts.Node,
         edit: Edit | None) -> Fix | None:
    """The text edits of a finding's edit, when its field is a keyed element of `body` (the
    call's own args literal); None when it cannot be made there alone."""
    if edit is None or body is None or anchor.parent != body or anchor.type != "keyed_element":
        return None
    edits: tuple[TextEdit, ...] | None = None
    if edit.kind == REMOVE:
        edits = (_removal(data, anchor),)
    elif edit.kind == SET and isinstance(edit.value, str) and edit.value:
        literal = _string_literal(anchor.child_by_field_name("value"))
        if literal is not None:  # a Go string literal is JSON's, escapes and all
            edits = ((literal.start_byte, literal.end_byte,
                      json.dumps(edit.value, ensure_ascii=False).encode()),)
    elif edit.kind == RENAME and isinstance(edit.value, str) and edit.value.isidentifier():
        name, key = spelling(edit.value), anchor.child_by_field_name("key")
        if name not in args.keywords and not args.open and key is not None:
            edits = ((key.start_byte, key.end_byte, name.encode()),)
    return Fix(path, data, edit, edits) if edits else None


def _string_literal(value: ts.Node | None) -> ts.Node | None:
    """The string literal a field's value is written as: `"x"` or `pulumi.String("x")`."""
    node = value.named_children[0] if value is not None and value.named_children else None
    if node is not None and node.type == "call_expression" and \
            node.child_by_field_name("function").text in _STRING_INPUTS:  # type: ignore[union-attr]
        args = node.child_by_field_name("arguments")
        node = args.named_children[0] if args is not None and args.named_child_count == 1 \
            else None
    return node if node is not None and node.type == "interpreted_string_literal" else None


def _removal(data: bytes, element: ts.Node) -> TextEdit:
    """The span to delete with a keyed element: its whole line when it stands alone there (gofmt
    puts each on its own line, with its comma), else the element with the comma and blanks after
    it, or the comma before it when it is the last one of its line."""
    end = element.end_byte
    after = element.next_sibling
    if after is not None and after.type == ",":
        end = after.end_byte
    line = whole_line(data, element.start_byte, end)
    if line is not None:
        return line
    if end > element.end_byte:  # `A: 1, B: 2` -> `B: 2`
        return element.start_byte, len(data) - len(data[end:].lstrip(b" \t")), b""
    before = element.prev_sibling  # `A: 1, B: 2` -> `A: 1`
    start = before.start_byte if before is not None and before.type == "," else \
        element.start_byte
    return start, end, b""
