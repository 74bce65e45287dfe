"""Parsing TypeScript and JavaScript: the TypeScript and TSX grammars of tree-sitter, through the
hostile-input guards every tree-sitter front end shares (linter/treesitter.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import tree_sitter as ts
import tree_sitter_typescript as grammars

from ..treesitter import Grammar, Unparsable, broken, grammar, position

__all__ = ["Unparsable", "broken", "captures", "comments", "errors", "is_tsx", "parse",
           "parse_either", "position"]

# .tsx and .jsx need the TSX grammar (JSX elements); the TypeScript one parses the rest, JS too.
_TSX = (".tsx", ".jsx")


def _grammar(tsx: bool) -> Grammar:
    return grammar(grammars.language_tsx if tsx else grammars.language_typescript)


def is_tsx(path: Path) -> bool:
    return path.suffix.lower() in _TSX


def parse(data: bytes, path: Path) -> ts.Tree:
    return _grammar(is_tsx(path)).parse(data)


def parse_either(data: bytes) -> ts.Tree:
    """The tree of a file whose name is not known: the TypeScript grammar's, unless only the TSX
    one parses it without errors."""
    tree = parse(data, Path("file.ts"))
    if tree.root_node.has_error:
        tsx = parse(data, Path("file.tsx"))
        if not tsx.root_node.has_error:
            return tsx
    return tree


def _of(tree: ts.Tree) -> Grammar:
    return _grammar(tree.language == _grammar(True).language)  # a new object each time


def captures(tree: ts.Tree, query: str) -> dict[str, list[ts.Node]]:
    """A query's captures on a tree."""
    return _of(tree).captures(tree.root_node, query)


def errors(tree: ts.Tree) -> list[ts.Node]:
    return _of(tree).errors(tree)


def comments(data: bytes, tree: ts.Tree) -> Iterator[tuple[int, int, str, bool]]:
    return _of(tree).comments(data, tree)
