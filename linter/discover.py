"""Which files to lint: a walk that honours .gitignore files and --exclude patterns, survives
symlink loops and dangling links, and a textual test that decides, before any parsing, whether a
file can hold an integration."""
from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    import pathspec

# Never descend into these (virtualenvs hold pulumi_aws itself), as Ruff's defaults do.
DEFAULT_EXCLUDES = (".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "node_modules", ".tox",
                    ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
                    "__pypackages__", "build", "dist")
PROJECT_FILES = ("Pulumi.yaml", "Pulumi.yml")  # what marks a Pulumi project's folder
# Larger files are reported, not read: no Pulumi program is this big, and libcst's parse time and
# native stack grow with the size of an expression (see python/parse.py).
MAX_BYTES = 1_000_000


class Unreadable(Exception):
    """A file that is not linted, with the reason (one line, no path)."""


def read(path: Path) -> bytes:
    """A regular file's bytes; never blocks on a FIFO or a device, never reads a huge file."""
    return read_identified(path)[0]


def read_identified(path: Path) -> tuple[bytes, tuple[int, int]]:
    """read(path), with the file's (device, inode): which file several links name, known
    without a second system call."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise Unreadable(f"cannot read: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable("not a regular file")
        if st.st_size > MAX_BYTES:
            raise Unreadable(f"{st.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit")
        data = b""  # os.read, not a file object: this runs for every file
        while len(data) <= MAX_BYTES:  # more than the size: a file that grew shows it
            chunk = os.read(fd, min(max(st.st_size + 1, 1 << 16), MAX_BYTES + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    except OSError as e:
        raise Unreadable(f"cannot read: {e.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # grew since the stat
        raise Unreadable(f"over the {MAX_BYTES:,}-byte limit")
    return data, (st.st_dev, st.st_ino)


def may_hold_integration(data: bytes) -> bool:
    """Every way to name the class spells both words in the file."""
    return b"apigatewayv2" in data and b"Integration" in data


def _spec(lines: list[str]) -> pathspec.PathSpec:
    import pathspec  # only for --exclude patterns and .gitignore files

    return pathspec.GitIgnoreSpec.from_lines(lines)


def invalid_pattern(patterns: Iterable[str]) -> str | None:
    """The first pattern that is not a valid gitignore pattern (pathspec raises on `\\`)."""
    for pattern in patterns:
        try:
            _spec([pattern])
        except ValueError:
            return pattern
    return None


def _every(name: str) -> bool:
    return True


class Walker:
    """Walks directories once each (results are cached). A walk lists every file of the tree but
    the always-excluded folders': the project's index needs them all, excluded or not, and only
    the files not excluded (--exclude, the configuration's exclude, .gitignore) are reported."""

    def __init__(self, excludes: tuple[str, ...] = (),
                 rooted: tuple[tuple[Path, tuple[str, ...]], ...] = (),
                 force: bool = False, lists: Callable[[str], bool] = _every) -> None:
        """excludes are relative to the current folder, each of rooted to its own folder; force:
        exclusions apply to the paths named on the command line too (--force-exclude); lists:
        whether a file of this name is listed (frontends.lists: the front ends' files)."""
        self.cwd = Path.cwd()
        self.lists = lists
        self.patterns = excludes  # --exclude, as given
        self.rooted_patterns = rooted  # the configuration's, each relative to its folder
        self.force = force
        self.named: set[Path] = set()  # the files targets() gave: their findings are reported
        # root -> every file under it, each with whether exclusions hide it from the report
        self._walks: dict[Path, list[tuple[Path, bool]]] = {}
        self._ending: dict[tuple[Path, str], list[Path]] = {}
        self._folders: dict[Path, dict[str, tuple[int, int]]] = {}
        self._gitignores: dict[Path, list[tuple[Path, pathspec.PathSpec]] | None] = {}

    @functools.cached_property
    def excludes(self) -> pathspec.PathSpec:
        return _spec(list(self.patterns))

    @functools.cached_property
    def rooted(self) -> list[tuple[Path, pathspec.PathSpec]]:
        return [(root, _spec(list(patterns))) for root, patterns in self.rooted_patterns]

    def excluded(self, path: Path, is_dir: bool) -> bool:
        """Whether --exclude or the configuration's exclude matches path."""
        if not self.patterns and not self.rooted_patterns:
            return False
        try:
            rel = path.relative_to(self.cwd).as_posix()
        except ValueError:
            rel = path.as_posix()
        if self.excludes.match_file(rel + ("/" if is_dir else "")):
            return True
        for root, spec in self.rooted:
            under = relative(path, root)
            if under is not None and spec.match_file(under + ("/" if is_dir else "")):
                return True
        return False

    def targets(self, given: Path) -> list[Path]:
        """The files a path named on the command line stands for, to check and report: a
        folder's files that no exclusion hides; a file itself, even when excluded, unless
        --force-exclude (as Ruff's)."""
        if given.is_dir():
            found = [] if self.force and self.hidden(given) else self.files(given)
        else:
            found = [] if self.force and self.hidden(given) else [given.absolute()]
        self.named.update(found)
        return found

    def reported(self, path: Path) -> bool:
        """Whether a file's findings, or that it could not be checked, are reported: it is a
        target, or a file no exclusion hides (a module a target imports, say)."""
        return path in self.named or not self.hidden(path)

    def hidden(self, path: Path) -> bool:
        """Whether exclusions hide path from the report, as a walk from the current folder
        would decide: an always-excluded folder, a pattern or a .gitignore matching it or one
        of its folders below the current folder (a path elsewhere: itself only; the current
        folder and those above it: never)."""
        path = Path(os.path.abspath(path))
        specs = self._gitignores_in(path.parent) or []
        chain = [p for p in (path, *path.parents) if self.cwd in p.parents]
        if not chain and path not in (self.cwd, *self.cwd.parents):
            chain = [path]
        for p in chain:
            is_dir = p != path or path.is_dir()
            if (is_dir and p.name in DEFAULT_EXCLUDES) or self.excluded(p, is_dir) \
                    or _ignored([(b, s) for b, s in specs if b in p.parents], p, is_dir):
                return True
        return False

    def ending(self, root: Path, suffix: str) -> list[Path]:
        """Every listed file under root whose name ends with suffix (absolute, not resolved),
        excluded or not, in a stable order: a project's index."""
        key = (root.absolute(), suffix)
        if key not in self._ending:
            self._ending[key] = [f for f, _ in self._walk_of(key[0]) if f.name.endswith(suffix)]
        return self._ending[key]

    def files(self, root: Path) -> list[Path]:
        """The listed files under root that no exclusion hides."""
        return [f for f, hidden in self._walk_of(root.absolute()) if not hidden]

    def _walk_of(self, root: Path) -> list[tuple[Path, bool]]:
        if root not in self._walks:
            covering = next((walked for walked in self._walks if walked in root.parents), None)
            if covering is None:
                self._walks[root] = self._walk(root)
            else:  # a walk of an ancestor covers root
                start, end = self._spans(covering).get(str(root), (0, 0))
                self._walks[root] = self._walks[covering][start:end]
        return self._walks[root]

    def _spans(self, walked: Path) -> dict[str, tuple[int, int]]:
        """Each folder of a walk -> the slice of its files under that folder: a top-down walk
        lists a folder's files one after the other."""
        if walked not in self._folders:
            spans: dict[str, tuple[int, int]] = {}
            top = len(str(walked))
            for i, (f, _) in enumerate(self._walks[walked]):
                folder = str(f)
                while len(folder) > top:  # each folder from the file's up to the walk's root
                    folder = folder[:folder.rindex(os.sep)]
                    spans[folder] = (spans.get(folder, (i, i))[0], i + 1)
            self._folders[walked] = spans
        return self._folders[walked]

    def _walk(self, root: Path) -> list[tuple[Path, bool]]:
        """Top-down, folders and files in name order, a folder's files before its subfolders';
        symbolic links followed. os.scandir tells files from folders without a stat each. Each
        file comes with whether it is hidden: it, or a folder it is in, is excluded."""
        out: list[tuple[Path, bool]] = []
        seen: set[tuple[int, int]] = set()
        above = self._gitignores_in(root.parent) if root.parent != root else None
        stack = [(root, above or [], False)]
        while stack:
            here, specs, hidden = stack.pop()
            try:
                st = os.stat(here)
                with os.scandir(here) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen:  # a symlink loop or a second link to a folder
                continue
            seen.add((st.st_dev, st.st_ino))
            if not hidden and any(e.name == ".gitignore" and e.is_file() for e in entries):
                specs = [*specs, (here, _read_gitignore(here / ".gitignore"))]
            folders = []
            for e in entries:
                if e.is_dir():
                    if e.name not in DEFAULT_EXCLUDES:  # never entered: a venv holds pulumi_aws
                        path = here / e.name
                        folders.append((path, specs, hidden or self._hides(specs, path, True)))
                elif self.lists(e.name) and e.is_file():
                    path = here / e.name
                    out.append((path, hidden or self._hides(specs, path, False)))
            stack.extend(reversed(folders))
        return out

    def _hides(self, specs: list[tuple[Path, pathspec.PathSpec]], path: Path, is_dir: bool
               ) -> bool:
        return self.excluded(path, is_dir) or _ignored(specs, path, is_dir)

    def _gitignores_in(self, folder: Path) -> list[tuple[Path, pathspec.PathSpec]] | None:
        """The .gitignore files that apply to folder's entries: its own and those above it, up
        to the enclosing git repository's top; None outside a repository (then only the
        .gitignore files inside a walked root count)."""
        if folder not in self._gitignores:
            gitignore = folder / ".gitignore"
            own = [(folder, _read_gitignore(gitignore))] if gitignore.is_file() else []
            if (folder / ".git").exists():
                found: list[tuple[Path, pathspec.PathSpec]] | None = own
            else:
                above = self._gitignores_in(folder.parent) if folder.parent != folder else None
                found = None if above is None else [*above, *own]
            self._gitignores[folder] = found
        return self._gitignores[folder]


def display(path: Path) -> str:
    """A path as findings and messages print it: relative to the working folder when under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def relative(path: Path, root: Path) -> str | None:
    """path relative to root (posix), None when it is not under root."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return None if rel == os.curdir or rel.split(os.sep)[0] == os.pardir else \
        Path(rel).as_posix()


def _read_gitignore(path: Path) -> pathspec.PathSpec:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return _spec([])
    try:
        return _spec(lines)
    except ValueError:  # git skips a line that is no pattern; so do we
        bad = {line for line in lines if invalid_pattern([line]) is not None}
        return _spec([line for line in lines if line not in bad])


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
