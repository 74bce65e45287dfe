"""Parsing Go: tree-sitter's Go grammar, through the hostile-input guards every tree-sitter front
end shares (linter/treesitter.py)."""
from __future__ import annotations

from typing import Iterator

import tree_sitter as ts
import tree_sitter_go

from ..treesitter import Grammar, Unparsable, broken, grammar, position

__all__ = ["Unparsable", "broken", "captures", "comments", "errors", "parse", "position"]


def _go() -> Grammar:
    return grammar(tree_sitter_go.language)


def parse(data: bytes) -> ts.Tree:
    return _go().parse(data)


def captures(tree: ts.Tree, query: str) -> dict[str, list[ts.Node]]:
    return _go().captures(tree.root_node, query)


def errors(tree: ts.Tree) -> list[ts.Node]:
    return _go().errors(tree)


def comments(data: bytes, tree: ts.Tree) -> Iterator[tuple[int, int, str, bool]]:
    return _go().comments(data, tree)
