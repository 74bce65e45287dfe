"""A Go Pulumi project: its files, each parsed at most once, the files of each package (a folder's
files with the same package clause), searched textually first for the words a question needs."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_project
from .index import Binding, Source, index
from .layout import NEVER, is_program_file
from .parse import parse


def program_files(root: Path) -> list[Path]:
    """Every Go file of a project (no tests, no vendor/)."""
    return sitter_project.program_files(root, NEVER, is_program_file)


class Project(sitter_project.Project):

    def files(self) -> list[Path]:
        return program_files(self.root)

    def parsed(self, path: Path, data: bytes) -> Source:
        return index(path, data, parse(data))

    def _package(self, source: Source, word: str) -> list[Source]:
        return [s for s in self.sources_mentioning(word)
                if s.path.parent == source.path.parent and s.package == source.package]

    def package_bindings(self, source: Source, name: str) -> list[Binding] | None:
        """The package-level bindings of a name in every file of source's package; None when
        none has one, [] when a file that may have one cannot be read."""
        if self.blind(name):
            return []
        found = [b for s in self._package(source, name) for b in s.scope.bindings.get(name, ())]
        return found or None

    def escapes(self, source: Source, name: str) -> tuple[int, int]:
        """How often the package lets a name's value escape (index.Source.escapes) and takes
        its address."""
        if self.blind(name):
            return 1 << 30, 1 << 30
        package = self._package(source, name)
        return sum(s.escapes[name] for s in package), sum(s.addressed[name] for s in package)
