"""A Java Pulumi project: its `.java` files (never under target/ or build/), each parsed at most
once, searched (textually first) for the words a question needs."""
from __future__ import annotations

import re
from pathlib import Path

from .. import sitter_project
from .index import Scope, Source, index
from .layout import NEVER, is_program_file
from .parse import parse


def program_files(root: Path) -> list[Path]:
    return sitter_project.program_files(root, NEVER, is_program_file)


class Project(sitter_project.Project):
    IDENTIFIER = rb"A-Za-z0-9_$"

    def files(self) -> list[Path]:
        return program_files(self.root)

    def parsed(self, path: Path, data: bytes) -> Source:
        return index(path, data, parse(data))

    # --- the project's types
    def _declaring(self, name: str) -> list[Source]:
        return [s for s in self.sources_mentioning(name) if name in s.types]

    def declared_type(self, name: str, package: str) -> bool:
        """Whether the project may declare a top-level type of this name in this package (which
        an on-demand import does not override)."""
        return self.blind(name) or any(s.package == package for s in self._declaring(name))

    def type_body(self, qualified: str) -> Scope | None:
        """The body of the project's one top-level type of this qualified name."""
        package, _, name = qualified.rpartition(".")
        found = [s for s in self._declaring(name) if s.package == package]
        return found[0].types[name] if len(found) == 1 and not self.blind(name) else None

    def entry(self, method: str) -> bool:
        """Whether a method is the program's one entry (`Pulumi.run(App::stack)`) and is
        called nowhere else (its name is spelt only there and where it is declared)."""
        if self.blind("run") or self.blind(method):
            return False
        runs = [s for s in self.sources_mentioning("run") if s.entries or s.entry_lambdas]
        if len(runs) != 1 or runs[0].entries != [method] or runs[0].entry_lambdas:
            return False
        whole = re.compile(rb"(?<![A-Za-z0-9_$])%s(?![A-Za-z0-9_$])" % re.escape(method.encode()))
        return sum(len(whole.findall(s.data)) for s in self.sources_mentioning(method)) == 2
