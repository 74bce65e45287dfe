"""Parsing C# with tree-sitter's C# grammar, through the hostile-input guards every tree-sitter
front end shares (linter/treesitter.py)."""
from __future__ import annotations

from typing import Iterator

import tree_sitter as ts
import tree_sitter_c_sharp as grammar_module

from ..treesitter import Grammar, Unparsable, broken, grammar, position

__all__ = ["Unparsable", "broken", "comments", "csharp", "parse", "position"]


def csharp() -> Grammar:
    return grammar(grammar_module.language)


def parse(data: bytes) -> ts.Tree:
    return csharp().parse(data)


def comments(data: bytes, tree: ts.Tree) -> Iterator[tuple[int, int, str, bool]]:
    return csharp().comments(data, tree)
