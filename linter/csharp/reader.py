"""The check loop's view of the C# front end (frontend.Reader, Project, Source, Found): one unit
of work's .NET projects, read through files.Files so that the cache sees every answer."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Mapping, Sequence

from apigw_lint import rules

from .. import discover
from ..files import Files, NotChecked
from ..findings import Api, Pair
from ..frontend import Place
from . import integrations
from .layout import SUFFIX, is_program_file, may_hold_integration, outside_program
from .project import Project
from .why import Reasons


def pairs(checker: integrations.Integrations) -> list[Pair]:
    """Every checkable integration of the project, with its Api (for --base)."""
    return [(f.model, _api(f)) for f in checker.everything()
            if isinstance(f, integrations.Found)]


def _api(found: integrations.Found) -> Api | None:
    return (found.api, found.api_aliased) if found.api is not None else None


class Reader:
    """frontend.Reader: the projects of one unit of work, each read at most once."""

    def __init__(self, files: Files, api_protocols: Mapping[str, str]) -> None:
        self.files, self.api_protocols = files, api_protocols
        self._projects: dict[Path, _Project] = {}

    def project(self, path: Path, root: Path) -> _Project:
        folder = discover.project_root(path, root)
        if folder not in self._projects:
            self._projects[folder] = _Project(self.files, folder, self.api_protocols)
        return self._projects[folder]


class _Project:
    """frontend.Project: one .NET project's files, through files.Files."""

    def __init__(self, files: Files, root: Path, api_protocols: Mapping[str, str]) -> None:
        self.files, self.root = files, root
        listed = sorted(p for p in files.listing(root, SUFFIX)
                        if is_program_file(p.name) and not outside_program(p, root))
        self.checker = integrations.Integrations(Project(root, listed, self._read),
                                                 api_protocols)

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
        if not may_hold_integration(data):
            return
        if project.source(path) is None:
            raise NotChecked(path, project.unparsable[path])
        yield _Source(self, path, data)


class _Found:
    """frontend.Found: one `new Aws.ApiGatewayV2.Integration(...)`."""

    def __init__(self, found: integrations.Found) -> None:
        self.found = found
        self.model = found.model

    def api(self) -> Api | None:
        return _api(self.found)

    def position(self) -> tuple[int, int]:
        return self.found.start

    def reasons(self) -> Reasons:
        return self.found.reasons  # type: ignore[no-any-return]

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
            if isinstance(found, integrations.NotCheckable):
                if self._of.files.reported(found.path):
                    self._of.files.on_unparsable(found.path, found.reason)
            else:
                yield _Found(found)

    def locate(self, found: Sequence[tuple[_Found, rules.Finding]]) -> list[Place]:
        return [(*integration.found.locate(finding.path), integration.found.lines)
                for integration, finding in found]

    def everything(self) -> list[Pair]:
        return pairs(self._of.checker)
