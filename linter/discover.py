"""Which files to lint: a walk that honours .gitignore files and --exclude patterns, survives
symlink loops and dangling links, and a textual test that decides, before any parsing, whether a
file can hold an integration."""
from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

# Never descend into these (virtualenvs hold pulumi_aws itself), as Ruff's defaults do.
DEFAULT_EXCLUDES = (".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "node_modules", ".tox",
                    ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
                    "__pypackages__", "build", "dist")
PROJECT_FILES = ("Pulumi.yaml", "Pulumi.yml")
YAML_PROGRAM_FILES = (*PROJECT_FILES, "Main.yaml")  # a YAML program's resources live in these
# Larger files are reported, not read: no Pulumi program is this big, and libcst's parse time and
# native stack grow with the size of an expression (see python/parse.py).
MAX_BYTES = 1_000_000


class Unreadable(Exception):
    """A file that is not linted, with the reason (one line, no path)."""


def read(path: Path) -> bytes:
    """A regular file's bytes; never blocks on a FIFO or a device, never reads a huge file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise Unreadable(f"cannot read: {e.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable("not a regular file")
        if st.st_size > MAX_BYTES:
            raise Unreadable(f"{st.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit")
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as e:
            raise Unreadable(f"cannot read: {e.strerror}") from None
    if len(data) > MAX_BYTES:  # grew since the stat
        raise Unreadable(f"over the {MAX_BYTES:,}-byte limit")
    return data


def may_hold_integration(data: bytes) -> bool:
    """Every way to name the class spells both words in the file."""
    return b"apigatewayv2" in data and b"Integration" in data


def _spec(lines: list[str]) -> pathspec.PathSpec:
    import pathspec  # only when a folder is walked: linting one file needs no patterns

    return pathspec.GitIgnoreSpec.from_lines(lines)


class Walker:
    """Walks directories once each (results are cached) and filters them the same way."""

    def __init__(self, excludes: tuple[str, ...] = ()) -> None:
        self.cwd = Path.cwd()
        self._patterns = excludes
        self._walks: dict[Path, list[Path]] = {}
        self._python: dict[Path, list[Path]] = {}

    @functools.cached_property
    def defaults(self) -> pathspec.PathSpec:
        return _spec(list(DEFAULT_EXCLUDES))

    @functools.cached_property
    def excludes(self) -> pathspec.PathSpec:
        return _spec(list(self._patterns))

    def excluded(self, path: Path, is_dir: bool) -> bool:
        if self.defaults.match_file(path.name + ("/" if is_dir else "")):
            return True
        try:
            rel = path.relative_to(self.cwd).as_posix()
        except ValueError:
            rel = path.as_posix()
        return self.excludes.match_file(rel + ("/" if is_dir else ""))

    def python_files(self, root: Path) -> list[Path]:
        """The .py files under root (absolute, not resolved), in a stable order."""
        root = root.absolute()
        if root not in self._python:
            self._python[root] = [f for f in self.files(root) if f.suffix == ".py"]
        return self._python[root]

    def files(self, root: Path) -> list[Path]:
        """The .py files and YAML program files under root, in a stable order."""
        root = root.absolute()
        if root not in self._walks:
            prefix = os.path.join(str(root), "")
            covering = next((files for walked, files in self._walks.items()
                             if walked in root.parents), None)  # a walk of an ancestor covers root
            self._walks[root] = self._walk(root) if covering is None else \
                [f for f in covering if str(f).startswith(prefix)]
        return self._walks[root]

    def _walk(self, root: Path) -> list[Path]:
        out: list[Path] = []
        ignores = {root: _ancestor_gitignores(root)}
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            here = Path(dirpath)
            try:
                st = os.stat(here)
            except OSError:
                dirnames[:] = []
                continue
            if (st.st_dev, st.st_ino) in seen:  # a symlink loop or a second link to a folder
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            specs = ignores.pop(here, [])
            own = here / ".gitignore"
            if own.is_file():
                specs = [*specs, (here, _read_gitignore(own))]
            kept = []
            for d in sorted(dirnames):
                path = here / d
                if not self.excluded(path, True) and not _ignored(specs, path, True):
                    kept.append(d)
                    ignores[path] = specs
            dirnames[:] = kept
            for f in sorted(filenames):
                path = here / f
                if (f.endswith(".py") or f in YAML_PROGRAM_FILES) and path.is_file() and not self.excluded(path, False) \
                        and not _ignored(specs, path, False):
                    out.append(path)
        return out


def _read_gitignore(path: Path) -> pathspec.PathSpec:
    try:
        return _spec(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return _spec([])


def _ancestor_gitignores(root: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """The .gitignore files above root, up to the enclosing git repository's top."""
    found = []
    for parent in root.parents:
        gitignore = parent / ".gitignore"
        if gitignore.is_file():
            found.append((parent, _read_gitignore(gitignore)))
        if (parent / ".git").exists():
            return list(reversed(found))
    return []  # not in a repository: only the .gitignore files inside root count


def _ignored(specs: list[tuple[Path, pathspec.PathSpec]], path: Path, is_dir: bool) -> bool:
    for base, spec in specs:
        rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


def project_root(path: Path, fallback: Path) -> Path:
    """The Pulumi project a file belongs to: the nearest folder with a Pulumi.yaml, else fallback."""
    for parent in path.parents:
        if any((parent / name).is_file() for name in PROJECT_FILES):
            return parent
    return fallback
