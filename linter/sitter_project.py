"""What every tree-sitter front end's Project shares: the project's files, each read and parsed
at most once (the reason kept when it cannot be), searched textually first (Mentions)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Collection

from . import discover
from .mentions import Mentions
from .treesitter import Unparsable


def program_files(root: Path, never: Collection[str],
                  is_program_file: Callable[[str], bool]) -> list[Path]:
    """Every program file under root, in a stable order, never under a `never` folder."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in never and d not in discover.DEFAULT_EXCLUDES)
        out += [Path(folder, n) for n in sorted(names) if is_program_file(n)]
    return out


# files.Files.parsed: (path, its text, what parses it) -> the parse, maybe kept from before
Keep = Callable[[Path, bytes, Callable[[], Any]], Any]


class Project(Mentions):
    """A front end's Project provides files() (the default listing) and parsed(path, data)
    (its indexed file, or Unparsable)."""

    def __init__(self, root: Path, paths: list[Path] | None = None,
                 read: Callable[[Path], bytes] = discover.read,
                 keep: Keep | None = None) -> None:
        """paths: the project's files (default: files()); read raises discover.Unreadable;
        keep: files.Files.parsed, through which the language server reuses a parse while the
        text is the same."""
        super().__init__()
        self.root = root
        self._paths = paths
        self._read = read
        self._keep = keep
        self._data: dict[Path, bytes | None] = {}
        self._sources: dict[Path, Any] = {}
        self.unparsable: dict[Path, str] = {}  # path -> `line:col: why` (APIGW999)

    def files(self) -> list[Path]:
        raise NotImplementedError

    def parsed(self, path: Path, data: bytes) -> Any:
        raise NotImplementedError

    def paths(self) -> list[Path]:
        if self._paths is None:
            self._paths = self.files()
        return self._paths

    def read(self, path: Path) -> bytes | None:
        if path not in self._data:
            try:
                self._data[path] = self._read(path)
            except discover.Unreadable as e:
                self._data[path] = None
                self.unparsable[path] = f"1:1: {e}"
        return self._data[path]

    def source(self, path: Path) -> Any:
        """The indexed file, or None when it cannot be read or parsed (the reason is kept)."""
        if path not in self._sources:
            self._sources[path] = None
            data = self.read(path)
            if data is not None:
                try:
                    self._sources[path] = self._keep(path, data, lambda: self.parsed(path, data)) \
                        if self._keep else self.parsed(path, data)
                except Unparsable as e:
                    self.unparsable[path] = str(e)
        return self._sources[path]
