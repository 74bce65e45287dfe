"""Parsing Java: tree-sitter's Java grammar through the hostile-input guards every tree-sitter
front end shares (linter/treesitter.py)."""
from __future__ import annotations

from typing import Iterator

import tree_sitter as ts
import tree_sitter_java

from ..treesitter import Grammar, Unparsable, broken, grammar, position

__all__ = ["Unparsable", "broken", "captures", "comments", "errors", "parse", "position"]


def _grammar() -> Grammar:
    return grammar(tree_sitter_java.language)


def parse(data: bytes) -> ts.Tree:
    return _grammar().parse(data)


def captures(tree: ts.Tree, query: str) -> dict[str, list[ts.Node]]:
    return _grammar().captures(tree.root_node, query)


def errors(tree: ts.Tree) -> list[ts.Node]:
    return _grammar().errors(tree)


def comments(data: bytes, tree: ts.Tree) -> Iterator[tuple[int, int, str, bool]]:
    return _grammar().comments(data, tree, "[(line_comment) (block_comment)] @comment")
