"""A Node.js Pulumi project: its files, each parsed at most once, found by relative import for
`import ... from "./apis"`, and searched (textually first) for the words a question needs."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .. import discover
from ..mentions import Mentions
from .index import Source, index
from .layout import NEVER, RUNTIME, SUFFIXES, is_program_file
from .parse import Unparsable, parse

# `import "./apis"` names apis.ts, apis.js, ... or apis/index.*; TypeScript's ESM style writes
# `./apis.js` for apis.ts.
_RESOLVE = [*SUFFIXES, *(f"/index{s}" for s in SUFFIXES)]
_JS_FOR_TS = {".js": (".ts", ".tsx"), ".mjs": (".mts",), ".cjs": (".cts",)}


def is_nodejs(project_file: Path) -> bool:
    """A Pulumi.yaml whose runtime is nodejs (`runtime: nodejs` or `runtime: {name: nodejs}`)."""
    try:
        data = discover.read(project_file)
        doc = YAML(typ="safe", pure=True).load(data)
    except (discover.Unreadable, YAMLError, ValueError, RecursionError):
        return False
    runtime = doc.get("runtime") if isinstance(doc, dict) else None
    if isinstance(runtime, dict):
        runtime = runtime.get("name")
    return runtime == RUNTIME


def programs(root: Path) -> list[Path]:
    """The folders of the Node.js Pulumi projects at or under root."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NEVER and d not in discover.DEFAULT_EXCLUDES)
        if any(n in names and is_nodejs(Path(folder, n)) for n in discover.PROJECT_FILES):
            found.append(Path(folder))
    return found


def program_files(root: Path) -> list[Path]:
    """Every TypeScript / JavaScript file of a project (no declarations, packages or builds)."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NEVER and d not in discover.DEFAULT_EXCLUDES)
        out += [Path(folder, n) for n in sorted(names) if is_program_file(n)]
    return out


class Project(Mentions):
    IDENTIFIER = rb"A-Za-z0-9_$"
    PACKAGE = "index"

    def __init__(self, root: Path, paths: list[Path] | None = None,
                 read: Callable[[Path], bytes] = discover.read,
                 is_file: Callable[[Path], bool] = Path.is_file) -> None:
        """paths: the project's files (default: program_files); read raises
        discover.Unreadable; is_file answers whether an import's candidate file exists."""
        super().__init__()
        self.root = root
        self._paths = paths
        self._read = read
        self._is_file = is_file
        self._data: dict[Path, bytes | None] = {}
        self._sources: dict[Path, Source | None] = {}
        self.unparsable: dict[Path, str] = {}  # path -> `line:col: why` (APIGW999)
        self._modules: dict[tuple[Path, str], Source | None] = {}
        self._set: set[Path] | None = None

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
                    self._sources[path] = index(path, data, parse(data, path))
                except Unparsable as e:
                    self.unparsable[path] = str(e)
        return self._sources[path]

    def _listed(self) -> set[Path]:
        if self._set is None:
            self._set = set(self.paths())
        return self._set

    def module(self, importer: Source, spec: str) -> Source | None:
        """The project file a relative import names, or None (a package, or not found)."""
        if not spec.startswith("."):
            return None
        key = (importer.path.parent, spec)
        if key not in self._modules:
            self._modules[key] = self._find(importer.path.parent, spec)
        return self._modules[key]

    def _find(self, folder: Path, spec: str) -> Source | None:
        base = os.path.normpath(folder / spec)
        stem, suffix = os.path.splitext(base)
        candidates = [base + s for s in _RESOLVE]
        if suffix in SUFFIXES:
            candidates = [base, *(stem + s for s in _JS_FOR_TS.get(suffix, ())), *candidates]
        for candidate in candidates:
            path = Path(candidate)
            # only the project's files, as the index knows them (Mentions._may_create)
            if path in self._listed() and self._is_file(path):
                return self.source(path)
        return None
