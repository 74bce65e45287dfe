"""The libcst side of `apigw-lint --fix`: which findings can be fixed in the source, and the
transformer that applies their edits (rules.model.Edit) with layout and comments preserved."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import libcst as cst

from apigw_lint import rules
from apigw_lint.rules import aws
from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

from ..evaluated import Arguments
from .parse import Unparsable, parse


@dataclass(frozen=True, eq=False)
class Fix:
    path: Path
    module: cst.Module
    call: cst.Call
    arg: cst.Arg  # a keyword argument written in `call` itself
    edit: Edit


def plan(path: Path, module: cst.Module, call: cst.Call, args: Arguments, anchor: cst.CSTNode,
         finding: rules.Finding) -> Fix | None:
    """The fix of a finding, when its edit can be made on the Integration call alone: the anchor
    is a keyword argument of the call (not a **kwargs entry, an args object's argument or a dict
    element elsewhere), a value to replace is a plain string literal, and a new name cannot
    collide with an argument passed some other way (args: the call's resolved arguments)."""
    edit = finding.edit
    if edit is None or not isinstance(anchor, cst.Arg) or anchor.keyword is None \
            or not any(a is anchor for a in call.args):
        return None
    if edit.kind == SET and not isinstance(anchor.value, cst.SimpleString):
        return None
    if edit.kind == RENAME:
        name = aws.PROPERTIES.get(edit.value or "")
        positional = [a for a in call.args if a.keyword is None and not a.star]
        args_object = len(positional) > 1 or any(
            a.keyword is not None and a.keyword.value == "args" for a in call.args)
        if name is None or name in args.keywords or args.open or args_object:
            return None
    return Fix(path, module, call, anchor, edit)


def apply(module: cst.Module, fixes: Sequence[Fix]) -> tuple[cst.Module, int]:
    """The module with the fixes applied, and how many of them were. One edit per argument and
    one rename per new name in a pass (a removal wins); the caller runs passes until none is
    left."""
    by_call: dict[cst.Call, dict[int, Fix]] = {}
    for fix in fixes:
        index = next(i for i, a in enumerate(fix.call.args) if a is fix.arg)
        chosen = by_call.setdefault(fix.call, {})
        if index not in chosen or fix.edit.kind == REMOVE:
            chosen[index] = fix
    transformer = _Transformer(by_call)
    new = module.visit(transformer)
    # a finding counts as fixed when its argument got its edit or was removed
    done = sum(1 for fix in fixes if (fix.call, fix.arg) in transformer.removed
               or fix in transformer.applied)
    return new, done


class _Transformer(cst.CSTTransformer):
    def __init__(self, by_call: dict[cst.Call, dict[int, Fix]]) -> None:
        super().__init__()
        self.by_call = by_call
        self.applied: set[Fix] = set()
        self.removed: set[tuple[cst.Call, cst.Arg]] = set()

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        chosen = self.by_call.get(original)
        if not chosen:
            return updated
        args = list(updated.args)
        before = updated.whitespace_before_args
        renamed: set[str] = set()
        for index in sorted(chosen, reverse=True):  # removals keep the lower indexes valid
            fix = chosen[index]
            if fix.edit.kind == REMOVE:
                before = _remove(args, index, before)
                self.removed.add((original, original.args[index]))
            elif fix.edit.kind == SET:
                args[index] = args[index].with_changes(
                    value=_string(fix.edit.value or "", args[index].value))
            else:
                name = aws.PROPERTIES[fix.edit.value or ""]
                if name in renamed:
                    continue
                renamed.add(name)
                keyword = args[index].keyword
                assert keyword is not None  # plan() only takes keyword arguments
                args[index] = args[index].with_changes(keyword=keyword.with_changes(value=name))
            self.applied.add(fix)
        return updated.with_changes(args=args, whitespace_before_args=before)


def _string(value: str, old: cst.BaseExpression) -> cst.BaseExpression:
    """The enum literal `value`, quoted as the string it replaces."""
    assert isinstance(old, cst.SimpleString)  # plan() only takes plain string literals
    return old.with_changes(value=f"{old.prefix}{old.quote}{value}{old.quote}")


Whitespace = cst.BaseParenthesizableWhitespace


def _remove(args: list[cst.Arg], index: int, before: Whitespace) -> Whitespace:
    """Remove args[index], joining the whitespace around it so that no comma dangles and the
    comments of the neighbouring lines stay; returns the call's new whitespace after '('."""
    gone = args.pop(index)
    comma = gone.comma if isinstance(gone.comma, cst.Comma) else None
    after = comma.whitespace_after if comma else gone.whitespace_after_arg
    if index == 0:
        return _join(before, after)
    prev = args[index - 1]
    assert isinstance(prev.comma, cst.Comma)  # parsed code: every argument but the last has one
    if comma or index < len(args):  # the removed one had a comma: prev keeps its own
        args[index - 1] = prev.with_changes(
            comma=prev.comma.with_changes(whitespace_after=_join(prev.comma.whitespace_after,
                                                                 after)))
    else:  # the last argument, without a trailing comma: prev becomes the last, without one too
        args[index - 1] = prev.with_changes(
            comma=cst.MaybeSentinel.DEFAULT,
            whitespace_after_arg=_join(_join(prev.whitespace_after_arg,
                                             prev.comma.whitespace_before),
                                       _join(prev.comma.whitespace_after, after)))
    return before


def _join(first: Whitespace, second: Whitespace) -> Whitespace:
    """The whitespace for `first <removed> second`: the line breaks that place what follows, the
    comments of both sides except the removed argument's own trailing comment."""
    if isinstance(first, cst.ParenthesizedWhitespace):
        if isinstance(second, cst.ParenthesizedWhitespace):
            return second.with_changes(first_line=first.first_line,
                                       empty_lines=[*first.empty_lines, *second.empty_lines])
        return first if _comments(first.first_line, first.empty_lines) else second
    return second


def _comments(first_line: cst.TrailingWhitespace, empty_lines: Iterable[cst.EmptyLine]) -> bool:
    return first_line.comment is not None or any(e.comment is not None for e in empty_lines)


def parse_error(data: bytes) -> str | None:
    """Why this code is not a program the linter checks (parse.parse: any Python from 3.10 to
    3.14, no NUL byte, decodable), or None."""
    try:
        parse(data)
    except Unparsable as e:
        return str(e)
    return None


def compile_error(data: bytes) -> str | None:
    """Why the Python running apigw-lint does not compile this code (newer syntax, or an error
    only its compiler sees, such as a repeated keyword), or None."""
    try:
        compile(data, "<fixed>", "exec", dont_inherit=True)
    except SyntaxError as e:
        return f"line {e.lineno}: {e.msg}"
    except (ValueError, RecursionError, MemoryError) as e:
        return str(e) or type(e).__name__
    return None
