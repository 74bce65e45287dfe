"""A Go Pulumi project: its files, each parsed at most once, the files of each package (a folder's
files with the same package clause), searched textually first for the words a question needs."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .. import discover
from ..mentions import Mentions
from .index import Binding, Source, index
from .layout import NEVER, is_program_file
from .parse import Unparsable, parse


def program_files(root: Path) -> list[Path]:
    """Every Go file of a project (no tests, no vendor/)."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NEVER and d not in discover.DEFAULT_EXCLUDES)
        out += [Path(folder, n) for n in sorted(names) if is_program_file(n)]
    return out


class Project(Mentions):
    def __init__(self, root: Path, paths: list[Path] | None = None,
                 read: Callable[[Path], bytes] = discover.read) -> None:
        """paths: the project's files (default: program_files); read raises
        discover.Unreadable."""
        super().__init__()
        self.root = root
        self._paths = paths
        self._read = read
        self._data: dict[Path, bytes | None] = {}
        self._sources: dict[Path, Source | None] = {}
        self.unparsable: dict[Path, str] = {}  # path -> `line:col: why` (APIGW999)

    def paths(self) -> list[Path]:
        if self._paths is None:
            self._paths = program_files(self.root)
        return self._paths

    def read(self, path: Path) -> bytes | None:
        if path not in self._data:
            try:
                self._data[path] = self._read(path)
            except discover.Unreadable as e:
                self._data[path] = None
                self.unparsable[path] = f"1:1: {e}"
        return self._data[path]

    def source(self, path: Path) -> Source | None:
        """The indexed file, or None when it cannot be read or parsed (the reason is kept)."""
        if path not in self._sources:
            self._sources[path] = None
            data = self.read(path)
            if data is not None:
                try:
                    self._sources[path] = index(path, data, parse(data))
                except Unparsable as e:
                    self.unparsable[path] = str(e)
        return self._sources[path]

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
