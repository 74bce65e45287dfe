"""Parsing TypeScript and JavaScript with tree-sitter, without crashing or hanging on hostile input.

tree-sitter never fails: it recovers from syntax errors with ERROR and MISSING nodes, and its
parser and cursors are iterative, so depth costs no stack. What could hurt is ours: input that is
not UTF-8 (positions would be wrong), and recursion in the evaluator (bounded there). A file is
refused only when it is not text; an integration inside broken syntax is refused on its own
(`broken`), and the rest of the file is still checked.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterator

import tree_sitter as ts
import tree_sitter_typescript as grammars

# .tsx and .jsx need the TSX grammar (JSX elements); the TypeScript one parses the rest, JS too.
_TSX = (".tsx", ".jsx")
_TIMEOUT_MICROS = 5_000_000  # error recovery on garbage is the only slow path; never hang
_CHUNK = 1 << 16


class Unparsable(Exception):
    """`line:col: what`, for APIGW999."""


@functools.lru_cache(maxsize=None)
def language(tsx: bool) -> ts.Language:
    return ts.Language(grammars.language_tsx() if tsx else grammars.language_typescript())


@functools.lru_cache(maxsize=None)
def _parser(tsx: bool) -> ts.Parser:
    return ts.Parser(language(tsx))


def is_tsx(path: Path) -> bool:
    return path.suffix.lower() in _TSX


def parse(data: bytes, path: Path) -> ts.Tree:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - data.rfind(b"\n", 0, e.start)
        raise Unparsable(f"{line}:{column}: not UTF-8: byte 0x{data[e.start]:02x} ({e.reason})") \
            from None
    null = data.find(b"\0")
    if null >= 0:
        raise Unparsable(f"{line_col(data, null)}: not text: a null byte")
    # read through a callback: tree-sitter honours the deadline only then
    tree = _parser(is_tsx(path)).parse(lambda at, _: data[at:at + _CHUNK],
                                       progress_callback=_Deadline())
    if tree is None:
        raise Unparsable("1:1: too slow to parse (over 5 s)")
    return tree


class _Deadline:
    """tree-sitter's progress callback: returning True cancels the parse."""

    def __init__(self) -> None:
        import time
        self._clock = time.monotonic
        self._end = self._clock() + _TIMEOUT_MICROS / 1e6

    def __call__(self, *_: object) -> bool:
        return self._clock() > self._end


def line_col(data: bytes, offset: int) -> str:
    line, column = position(data, offset)
    return f"{line}:{column}"


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, \
        len(data[start:offset].decode("utf-8", errors="replace")) + 1


def broken(node: ts.Node, data: bytes) -> str | None:
    """Why a node cannot be trusted: it lies inside an ERROR node or holds a syntax error
    (`line:col: message` of the error), else None."""
    around: ts.Node | None = node
    while around is not None:
        if around.is_error:
            return _error_message(around, data)
        around = around.parent
    if node.has_error:
        cursor = node.walk()
        while True:  # the first ERROR or MISSING node inside, depth first
            current = cursor.node
            if current is not None and (current.is_error or current.is_missing):
                return _error_message(current, data)
            if current is not None and current.has_error and cursor.goto_first_child():
                continue
            while not cursor.goto_next_sibling():
                if not cursor.goto_parent():
                    return _error_message(node, data)
    return None


def _error_message(node: ts.Node, data: bytes) -> str:
    what = f"missing '{node.type}'" if node.is_missing else "syntax error"
    return f"{line_col(data, node.start_byte)}: {what}"


def comments(data: bytes, tree: ts.Tree) -> Iterator[tuple[int, int, str, bool]]:
    """(line, column, comment, alone) of every comment, as linter.suppress reads Python's
    (1-based line, 0-based column): for `// apigw-lint: ignore[...]`."""
    found = ts.QueryCursor(_comment_query(tree.language)).captures(tree.root_node)
    for node in sorted(found.get("comment", []), key=lambda n: n.start_byte):
        line, column = position(data, node.start_byte)
        start = data.rfind(b"\n", 0, node.start_byte) + 1
        alone = not data[start:node.start_byte].strip()
        yield line, column - 1, node.text.decode("utf-8", errors="replace"), alone


@functools.lru_cache(maxsize=None)
def _comment_query(lang: ts.Language) -> ts.Query:
    return ts.Query(lang, "(comment) @comment")
