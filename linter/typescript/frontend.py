"""The TypeScript / JavaScript front end (frontend.FrontEnd): the `.ts`, `.tsx`, `.js`, `.mjs` and
`.cjs` files of Node.js Pulumi programs (never node_modules/, bin/, dist/ or `*.d.ts`), parsed
with tree-sitter (what every tree-sitter front end shares: sitter_frontend)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import sitter_frontend
from ..discover import may_hold_integration, project_root
from .layout import SUFFIXES, is_program_file, outside_program

if TYPE_CHECKING:
    import tree_sitter as ts


class TypeScript(sitter_frontend.FrontEnd):
    name = "typescript"
    package = __package__

    def spelling(self, camel: str) -> str:
        return camel  # the engine's names, as the language writes them

    def lists(self, name: str) -> bool:
        return is_program_file(name)

    def owns(self, path: Path) -> bool:
        return path.name.endswith(SUFFIXES)  # `*.d.ts` too: it is not Python

    def wants(self, path: Path, data: bytes) -> bool:
        return is_program_file(path.name) and may_hold_integration(data) \
            and not outside_program(path, project_root(path, path.parent))

    def tree(self, text: bytes) -> ts.Tree:
        """The file's name is not given: the TypeScript grammar reads it unless only the TSX one
        (JSX elements) parses it cleanly."""
        from .parse import parse_either  # deferred: tree-sitter (start-up time)

        return parse_either(text)

    def parse_error(self, data: bytes, path: Path) -> str | None:
        from . import codemod  # deferred: tree-sitter (start-up time)

        return codemod.parse_error(data, path)
