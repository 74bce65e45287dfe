"""The check loop's view of a tree-sitter front end (frontend.Reader, Project, Source, Found):
one unit of work's projects, read through files.Files so that the cache sees every answer. A
front end subclasses Reader with its `checker` (which files make a project, its Integrations)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from apigw_lint import rules

from . import discover
from .files import Files, NotChecked
from .findings import Api, Pair
from .frontend import Place
from .sitter_found import Found, NotCheckable


def pairs(checker: Any) -> list[Pair]:
    """Every checkable integration of a project's Integrations, with its Api (for --base)."""
    return [(f.model, _api(f)) for f in checker.everything() if isinstance(f, Found)]


def _api(found: Found) -> Api | None:
    return (found.api, found.api_aliased) if found.api is not None else None


class Reader:
    """frontend.Reader: the projects of one unit of work, each read at most once."""

    def __init__(self, files: Files, api_protocols: Mapping[str, str]) -> None:
        self.files, self.api_protocols = files, api_protocols
        self._projects: dict[Path, _Project] = {}

    def checker(self, root: Path, read: Callable[[Path], bytes]) -> Any:
        """The front end's Integrations of the project at root, reading files with `read`."""
        raise NotImplementedError

    def may_hold_integration(self, data: bytes) -> bool:
        """The cheap test of a file's text before it is parsed (a front end may know better)."""
        return discover.may_hold_integration(data)

    def project(self, path: Path, root: Path) -> _Project:
        folder = discover.project_root(path, root)
        if folder not in self._projects:
            self._projects[folder] = _Project(self, folder)
        return self._projects[folder]


class _Project:
    """frontend.Project: one project's files, through files.Files."""

    def __init__(self, reader: Reader, root: Path) -> None:
        self.files, self.root = reader.files, root
        self._may_hold = reader.may_hold_integration
        self.checker = reader.checker(root, self._read)

    def _read(self, path: Path) -> bytes:
        data = self.files.read(path)
        if data is None:
            raise discover.Unreadable(self.files.why(path))
        return data

    def sources(self, path: Path) -> Iterator[_Source]:
        project = self.checker.project
        data = project.read(path)
        if data is None:
            raise NotChecked(path, project.unparsable[path])
        if not self._may_hold(data):
            return
        if project.source(path) is None:
            raise NotChecked(path, project.unparsable[path])
        yield _Source(self, path, data)


class _Found:
    """frontend.Found: one integration."""

    def __init__(self, found: Found) -> None:
        self.found = found
        self.model = found.model

    def api(self) -> Api | None:
        return _api(self.found)

    def position(self) -> tuple[int, int]:
        return self.found.start

    def reasons(self) -> Any:
        return self.found.reasons

    def fix(self, finding: rules.Finding) -> object:
        return self.found.fix(finding)


class _Source:
    """frontend.Source: one file of the project, parsed."""

    def __init__(self, project: _Project, path: Path, text: bytes) -> None:
        self._of = project
        self.path, self.project, self.text = path, project.root, text

    def integrations(self) -> Iterator[_Found]:
        """Its integrations; one inside broken syntax is reported (APIGW999) and the others are
        still checked."""
        for found in self._of.checker.of_file(self.path):
            if isinstance(found, NotCheckable):
                if self._of.files.reported(found.path):
                    self._of.files.on_unparsable(found.path, found.reason)
            else:
                yield _Found(found)

    def locate(self, found: Sequence[tuple[_Found, rules.Finding]]) -> list[Place]:
        return [(*integration.found.locate(finding.path), integration.found.lines)
                for integration, finding in found]

    def everything(self) -> list[Pair]:
        return pairs(self._of.checker)
