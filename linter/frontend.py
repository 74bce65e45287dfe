"""The interface a language implements to be linted (Python in python/, Pulumi YAML in yaml/,
TypeScript and JavaScript in typescript/): which files it reads, how it parses them, and for each
integration its model, its Api, where a property is written, why a value is not known and how a
property is fixed. check.py runs the rules over what it yields; nothing else in linter/ knows
which language it reads. frontends.py lists the front ends."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Protocol, Sequence

from .files import Files
from .findings import Api, Pair

if TYPE_CHECKING:
    from apigw_lint import rules

    from .skipped import Reasons

Place = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]  # start, end, resource's lines


class Found(Protocol):
    """One integration as the front end read it."""

    model: rules.Integration  # its name is the logical name

    def api(self) -> Api | None:
        """The project's Api its apiId is an output of, for --base."""
        ...

    def position(self) -> tuple[int, int]:
        """Where the integration starts (1-based line, column): skipped checks point there."""
        ...

    def reasons(self) -> Reasons:
        """Why the model's unknown values are not known (--show-skipped)."""
        ...

    def fix(self, finding: rules.Finding) -> Any:
        """The fix of a finding with an edit, when the source allows it (FrontEnd.fixed applies
        it), else None."""
        ...


class Source(Protocol):
    """One file of a project, parsed, with the integrations it defines."""

    path: Path
    project: Path  # the project's folder, which --base compares at REV
    text: bytes | None  # for the suppression comments

    def integrations(self) -> Iterator[Found]: ...

    def locate(self, found: Sequence[tuple[Found, rules.Finding]]) -> list[Place]:
        """Where each finding points (the property path's key or element, else the
        resource), in one pass over the file."""
        ...

    def everything(self) -> Iterable[Pair]:
        """Every integration of the project this file belongs to (for --base; memoized)."""
        ...


class Project(Protocol):
    def sources(self, path: Path) -> Iterator[Source]:
        """The file a candidate stands for, parsed (none when there is nothing to check); a
        file that cannot be checked raises files.NotChecked or is told to files.on_unparsable."""
        ...


class Reader(Protocol):
    """A front end's state for one unit of work (what it parsed, the projects it found)."""

    def project(self, path: Path, root: Path) -> Project:
        """The project a candidate file belongs to (root: the folder it was found under)."""
        ...


class FrontEnd(Protocol):
    name: str  # as a unit of work names it
    comment: str  # what starts a comment, for `apigw-lint: ignore` directives

    def lists(self, name: str) -> bool:
        """Whether the walk lists a file of this name (its sources, its program files)."""
        ...

    def spelling(self, camel: str) -> str:
        """How this language writes an Integration argument or a related resource's output
        attribute given in camelCase (`invokeArn`: Python `invoke_arn`, Go `InvokeArn`): the
        names a finding's message marks (rules/spelling.py) are written so."""
        ...

    def owns(self, path: Path) -> bool:
        """Whether a file is of this language (by its name; frontends.owner)."""
        ...

    def wants(self, path: Path, data: bytes) -> bool:
        """Whether a file of this language may hold an integration (before parsing)."""
        ...

    def load(self) -> None:
        """Import what checking needs (before worker processes fork, so that they share it)."""
        ...

    def reader(self, files: Files, api_protocols: Mapping[str, str]) -> Reader:
        """What checks one unit of work, reading through files; api_protocols: API id ->
        protocol, for APIs defined elsewhere (configuration)."""
        ...

    def comments(self, text: bytes) -> Iterator[tuple[int, int, str, bool]]:
        """(line, 0-based column, comment, alone on its line) of the file's comments (those
        that mention apigw-lint at least)."""
        ...

    def everything(self, folder: Path) -> Iterable[Pair]:
        """Every integration of the project in folder, read without a run (--base at REV);
        what cannot be read or parsed adds nothing."""
        ...

    def fixed(self, fixes: Sequence[Any]) -> tuple[bytes, str, bytes, int]:
        """One file's fixes applied: its text as parsed and encoding, the new text, how many
        fixes were applied."""
        ...

    def parse_error(self, data: bytes, path: Path) -> str | None:
        """Why this front end would not check this text of the file (its parser), or None."""
        ...

    def compile_error(self, data: bytes) -> str | None:
        """Why the language as installed here would not compile this text (it may be newer
        than this installation), or None."""
        ...
