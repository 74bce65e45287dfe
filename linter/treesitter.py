"""Parsing with tree-sitter for every front end built on it (TypeScript today), without crashing
or hanging on hostile input.

tree-sitter never fails: it recovers from syntax errors with ERROR and MISSING nodes, and its
parser and cursors are iterative, so depth costs no stack. What could hurt is ours: input that is
not UTF-8 (positions would be wrong), trees so deep that queries take minutes, and recursion in
an evaluator (bounded there). A file is refused only when it is not text or nests too deeply; an
integration inside broken syntax is refused on its own (`broken`), and the rest of the file is
still checked.
"""
from __future__ import annotations

import functools
import time
from typing import Callable, Iterator

import tree_sitter as ts

_TIMEOUT_MICROS = 5_000_000  # error recovery on garbage is the only slow path; never hang
_CHUNK = 1 << 16
# tree-sitter queries slow down with the depth of the tree (a 200,000-deep `((((...` takes
# minutes); no program nests brackets this deep
_MAX_NESTING = 1000
# ... and so do they with an operator chain without brackets (`a+a+...` nests one binary
# expression per operator): measured (tree-sitter 0.26, 2 shared cores), indexing a file whose tree
# is 1,000 deep takes 0.15 s, 5,000 deep 2.5 s, 50,000 deep 220 s; real code is under 100 deep.
_MAX_DEPTH = 1000
_BRACKETS = bytes(range(256)).translate(None, b"([{)]}")


class Unparsable(Exception):
    """`line:col: what`, for APIGW999."""


class Grammar:
    """One tree-sitter language: its parser and its compiled queries."""

    def __init__(self, language: Callable[[], object]) -> None:
        self.language = ts.Language(language())
        self._parser = ts.Parser(self.language)
        self._queries: dict[str, ts.Query] = {}

    def parse(self, data: bytes) -> ts.Tree:
        """The tree of a file's text, or Unparsable."""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            column = e.start - data.rfind(b"\n", 0, e.start)
            raise Unparsable(f"{line}:{column}: not UTF-8: byte 0x{data[e.start]:02x} "
                             f"({e.reason})") from None
        null = data.find(b"\0")
        if null >= 0:
            raise Unparsable(f"{line_col(data, null)}: not text: a null byte")
        if _nesting(data) > _MAX_NESTING:
            raise Unparsable(f"1:1: nested too deeply to lint (over {_MAX_NESTING} brackets)")
        # read through a callback: tree-sitter honours the deadline only then
        tree = self._parser.parse(lambda at, _: data[at:at + _CHUNK],
                                  progress_callback=_Deadline())
        if tree is None:
            raise Unparsable("1:1: too slow to parse (over 5 s)")
        deep = _too_deep(tree)
        if deep is not None:
            raise Unparsable(f"{line_col(data, deep.start_byte)}: nested too deeply to lint "
                             f"(over {_MAX_DEPTH} levels of syntax)")
        return tree

    def captures(self, node: ts.Node, query: str) -> dict[str, list[ts.Node]]:
        """A query's captures under a node of this grammar's tree (parse() has refused trees
        too deep to query)."""
        if query not in self._queries:
            self._queries[query] = ts.Query(self.language, query)
        return ts.QueryCursor(self._queries[query]).captures(node)

    def errors(self, tree: ts.Tree) -> list[ts.Node]:
        """The ERROR nodes of a tree."""
        if not tree.root_node.has_error:
            return []
        return self.captures(tree.root_node, "(ERROR) @error").get("error", [])

    def comments(self, data: bytes, tree: ts.Tree, query: str = "(comment) @comment"
                 ) -> Iterator[tuple[int, int, str, bool]]:
        """(line, column, comment, alone) of every comment the query captures, as
        linter.suppress reads Python's (1-based line, 0-based column): for `apigw-lint:
        ignore[...]` directives."""
        found = [n for nodes in self.captures(tree.root_node, query).values() for n in nodes]
        for node in sorted(found, key=lambda n: n.start_byte):
            line, column = position(data, node.start_byte)
            start = data.rfind(b"\n", 0, node.start_byte) + 1
            alone = not data[start:node.start_byte].strip()
            yield line, column - 1, node.text.decode("utf-8", errors="replace"), alone


@functools.lru_cache(maxsize=None)
def grammar(language: Callable[[], object]) -> Grammar:
    """One Grammar per language function (a module's `language`), made when first needed."""
    return Grammar(language)


def _too_deep(tree: ts.Tree) -> ts.Node | None:
    """The first node deeper than _MAX_DEPTH, or None: a cursor walk, in C step by step (about
    0.2 us a node), stopped there."""
    cursor, depth = tree.walk(), 0
    while True:
        if cursor.goto_first_child():
            depth += 1
            if depth > _MAX_DEPTH:
                return cursor.node
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return None
            depth -= 1


class _Deadline:
    """tree-sitter's progress callback: returning True cancels the parse."""

    def __init__(self) -> None:
        self._end = time.monotonic() + _TIMEOUT_MICROS / 1e6

    def __call__(self, *_: object) -> bool:
        return time.monotonic() > self._end


def _nesting(data: bytes) -> int:
    """How deep brackets nest (strings and comments included: an upper bound)."""
    depth = deepest = 0
    for byte in data.translate(None, _BRACKETS):
        depth = depth + 1 if byte in b"([{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def line_col(data: bytes, offset: int) -> str:
    line, column = position(data, offset)
    return f"{line}:{column}"


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, \
        len(data[start:offset].decode("utf-8", errors="replace")) + 1


def broken(node: ts.Node, data: bytes, errors: list[ts.Node]) -> str | None:
    """Why a node cannot be trusted: it lies inside an ERROR node (errors: the tree's, from
    `Grammar.errors`) or holds a syntax error (`line:col: message` of the error), else None. By
    byte ranges: a node's parent costs a walk from the root in tree-sitter."""
    for error in errors:
        if error.start_byte <= node.start_byte and node.end_byte <= error.end_byte:
            return _error_message(error, data)
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
