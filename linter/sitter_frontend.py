"""What every tree-sitter front end (frontend.FrontEnd) shares: its reader, comments, whole-project
listing and fixes, from the modules of its own package (reader, parse, project, integrations).

Those modules, tree-sitter, the evaluator and the catalogue are imported inside the methods that
need them: a run whose files hold no integration never loads them (start-up time of a pre-commit
run). So the package is named, not imported: a front end sets `package = __package__`."""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

if TYPE_CHECKING:
    import tree_sitter as ts

    from .files import Files
    from .findings import Pair
    from .frontend import Reader
    from .sitter_codemod import Fix


class FrontEnd:
    comment = "//"
    package: str  # the front end's package, whose modules the methods import when first needed

    def _module(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.package}.{name}")

    def load(self) -> None:
        self._module("reader")

    def reader(self, files: Files, api_protocols: Mapping[str, str]) -> Reader:
        return self._module("reader").Reader(files, api_protocols)

    def comments(self, text: bytes) -> Iterator[tuple[int, int, str, bool]]:
        from .treesitter import Unparsable

        try:
            tree = self.tree(text)
        except Unparsable:
            return  # the file has been reported
        yield from self._module("parse").comments(text, tree)

    def tree(self, text: bytes) -> ts.Tree:
        """A file's tree, for its comments (a language of two grammars picks one)."""
        return self._module("parse").parse(text)

    def everything(self, folder: Path) -> Iterable[Pair]:
        project = self._module("project").Project(folder)
        return self._module("reader").pairs(self._module("integrations").Integrations(project))

    def fixed(self, fixes: Sequence[Fix]) -> tuple[bytes, str, bytes, int]:
        from . import sitter_codemod as codemod

        data = fixes[0].data
        new, done = codemod.apply(data, fixes)
        return data, "utf-8", new, done  # the parse reads nothing but UTF-8

    def parse_error(self, data: bytes, path: Path) -> str | None:
        from . import sitter_codemod as codemod

        return codemod.parse_error(self._module("parse").parse, data)

    def compile_error(self, data: bytes) -> str | None:
        # No compiler or toolchain of the language is needed or used to lint: tree-sitter's parse
        # (parse_error) is all that vouches for a fix.
        return None
