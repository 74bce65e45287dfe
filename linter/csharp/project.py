"""A .NET Pulumi project: its `.cs` files, each parsed at most once, searched (textually first)
for the words a question needs: the classes whose constants a program reads, the files with
`global using` directives, the Permissions and Integrations of the program."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import tree_sitter as ts

from .. import discover
from ..mentions import Mentions
from .index import Binding, Source, index
from .layout import NEVER, is_program_file
from .parse import Unparsable, parse


def program_files(root: Path) -> list[Path]:
    """Every C# file of a project (never under bin/ or obj/)."""
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
        self._usings: tuple[dict[str, str], list[str]] | None = None

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

    def global_usings(self) -> tuple[dict[str, str], list[str]] | None:
        """The aliases and namespaces of the project's `global using` directives; None when a
        file that may hold some cannot be read."""
        if self._usings is None:
            if self.blind("global"):
                return None
            aliases: dict[str, str] = {}
            namespaces: list[str] = []
            for other in self.sources_mentioning("global"):
                if other.global_usings:  # which of its directives are global: all, to be safe
                    aliases.update(other.aliases)
                    namespaces += other.namespaces
            self._usings = aliases, namespaces
        return self._usings

    def declares_type(self, name: str) -> bool:
        """Whether a file of the project may declare a type of this name."""
        return self.blind(name) or any(name in s.types for s in self.sources_mentioning(name))

    def constant(self, cls: str, name: str) -> tuple[Source, Binding] | None:
        """The one `const` or `static readonly` field `name` of the project's class `cls`."""
        if self.blind(cls):
            return None
        found = []
        for source in self.sources_mentioning(cls):
            for declared in source.types.get(cls, ()):
                found += [(source, d) for d in source.occurrences.get(name, ())
                          if _inside(d, declared) and d.parent is not None
                          and d.parent.type == "variable_declarator"
                          and d.parent.child_by_field_name("name") == d]
        if len(found) != 1:
            return None
        source, node = found[0]
        bound = source.binding(name)
        return (source, bound) if bound is not None and bound.declarator == node.parent else None


def _inside(node: ts.Node, outer: ts.Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte
