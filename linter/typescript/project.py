"""A Node.js Pulumi project: its files, each parsed at most once, found by relative import for
`import ... from "./apis"`, and searched (textually first) for the words a question needs."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .. import discover, sitter_project
from .index import Source, index
from .layout import NEVER, RUNTIME, SUFFIXES, is_program_file
from .parse import parse

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
    return sitter_project.program_files(root, NEVER, is_program_file)


class Project(sitter_project.Project):
    IDENTIFIER = rb"A-Za-z0-9_$"
    PACKAGE = "index"

    def __init__(self, root: Path, paths: list[Path] | None = None,
                 read: Callable[[Path], bytes] = discover.read,
                 is_file: Callable[[Path], bool] = Path.is_file,
                 keep: sitter_project.Keep | None = None) -> None:
        """is_file answers whether an import's candidate file exists."""
        super().__init__(root, paths, read, keep)
        self._is_file = is_file
        self._modules: dict[tuple[Path, str], Source | None] = {}
        self._set: set[Path] | None = None

    def files(self) -> list[Path]:
        return program_files(self.root)

    def parsed(self, path: Path, data: bytes) -> Source:
        return index(path, data, parse(data, path))

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
