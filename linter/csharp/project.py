"""A .NET Pulumi project: its `.cs` files, each parsed at most once, searched (textually first)
for the words a question needs: the classes whose constants a program reads, the files with
`global using` directives, the Permissions and Integrations of the program."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import tree_sitter as ts

from .. import discover, sitter_project
from .index import Binding, Source, index
from .layout import NEVER, is_program_file
from .parse import parse


def program_files(root: Path) -> list[Path]:
    """Every C# file of a project (never under bin/ or obj/)."""
    return sitter_project.program_files(root, NEVER, is_program_file)


class Project(sitter_project.Project):
    def __init__(self, root: Path, paths: list[Path] | None = None,
                 read: Callable[[Path], bytes] = discover.read,
                 keep: sitter_project.Keep | None = None) -> None:
        super().__init__(root, paths, read, keep)
        self._usings: tuple[dict[str, str], list[str]] | None = None

    def files(self) -> list[Path]:
        return program_files(self.root)

    def parsed(self, path: Path, data: bytes) -> Source:
        return index(path, data, parse(data))

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
