"""The linted project's Python files: each parsed at most once per run, found by module name
for imports, and searched (textually first) for calls of a name."""
from __future__ import annotations

from pathlib import Path

from .. import discover
from ..files import Files
from ..mentions import Mentions
from .index import ImportTarget, Source, index
from .parse import Unparsable, parse


class Parsed:
    """The Python files one unit of work reads (its project's, and those of the projects they
    lead to), each parsed at most once; dropped after, so that memory does not grow with the
    tree."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self._sources: dict[Path, Source | None] = {}
        self._projects: dict[Path, Project] = {}

    def read(self, path: Path) -> bytes | None:
        return self.files.read(path)

    def source(self, path: Path) -> Source | None:
        """The indexed file, or None when it cannot be read or parsed (reported once)."""
        if path not in self._sources:
            self._sources[path] = None
            data = self.read(path)
            if data is not None:
                try:
                    self._sources[path] = self.files.parsed(
                        path, data, lambda: index(path, parse(data)))
                except Unparsable as e:
                    if self.files.reported(path):  # an excluded file's is not reported
                        self.files.on_unparsable(path, str(e))
        return self._sources[path]

    def project(self, path: Path, fallback: Path) -> "Project":
        root = discover.project_root(path, fallback)
        if root not in self._projects:
            self._projects[root] = Project(root, self)
        return self._projects[root]


class Project(Mentions):
    def __init__(self, root: Path, files: Parsed) -> None:
        super().__init__()
        self.root = root
        self.files = files
        self._modules: dict[tuple[Path, ImportTarget, str | None], Source | None] = {}
        self._paths: set[Path] | None = None

    def paths(self) -> list[Path]:
        return self.files.files.listing(self.root, ".py")

    def read(self, path: Path) -> bytes | None:
        return self.files.read(path)

    def source(self, path: Path) -> Source | None:
        return self.files.source(path)

    def module(self, importer: Source, target: ImportTarget, submodule: str | None = None
               ) -> Source | None:
        """The project file an import names, or None when it is not part of the project."""
        key = (importer.path.parent, target, submodule)
        if key not in self._modules:
            self._modules[key] = self._find_module(importer, target, submodule)
        return self._modules[key]

    def _find_module(self, importer: Source, target: ImportTarget, submodule: str | None
                     ) -> Source | None:
        parts = [p for p in target.module.split(".") if p]
        if submodule:
            parts.append(submodule)
        if target.level:
            base = importer.path.parent
            for _ in range(target.level - 1):
                base = base.parent
            bases = [base]
        else:
            bases = [importer.path.parent, self.root]
        listed = self._listed()
        for base in bases:
            stem = base.joinpath(*parts)
            candidates = [stem.with_name(stem.name + ".py")] if parts else []
            for candidate in [*candidates, stem / "__init__.py"]:
                # only the project's files, as the index knows them (Mentions._may_create)
                if candidate in listed and self.files.files.is_file(candidate):
                    return self.files.source(candidate)
        return None

    def _listed(self) -> set[Path]:
        if self._paths is None:
            self._paths = set(self.paths())
        return self._paths
