"""A Java Pulumi project: its `.java` files (never under target/ or build/), each parsed at most
once, searched (textually first) for the words a question needs."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .. import discover
from ..mentions import Mentions
from .index import Scope, Source, index
from .layout import NEVER, RUNTIME, is_program_file
from .parse import Unparsable, parse


def is_java(project_file: Path) -> bool:
    """A Pulumi.yaml whose runtime is java (`runtime: java` or `runtime: {name: java}`)."""
    try:
        doc = YAML(typ="safe", pure=True).load(discover.read(project_file))
    except (discover.Unreadable, YAMLError, ValueError, RecursionError):
        return False
    runtime = doc.get("runtime") if isinstance(doc, dict) else None
    if isinstance(runtime, dict):
        runtime = runtime.get("name")
    return runtime == RUNTIME


def program_files(root: Path) -> list[Path]:
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NEVER and d not in discover.DEFAULT_EXCLUDES)
        out += [Path(folder, n) for n in sorted(names) if is_program_file(n)]
    return out


class Project(Mentions):
    IDENTIFIER = rb"A-Za-z0-9_$"
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
