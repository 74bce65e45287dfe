"""What a check finds and a run reports, whatever the language read: the bottom floor of linter/
(it imports nothing of linter/ but discover and settings, which import nothing of it).

The rule catalogue is imported inside functions: a run whose files hold no integration never
loads it (start-up time of a pre-commit run)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol

from .discover import display
from .settings import Settings

if TYPE_CHECKING:
    from apigw_lint import rules

    from .skipped import Skipped

# A report's fix outside a --fix run (other processes, the cache): only that there is one.
FIXABLE = "fixable"
# (model, Api): an integration and the Api its apiId is an output of, as (logical name, whether
# its options may carry aliases); the Api is None when it is not a project Api of static name.
Api = tuple[str, bool]
Pair = tuple["rules.Integration", "Api | None"]


@dataclass(frozen=True)
class Located:
    """A finding placed in its file by the front end that read it."""

    finding: rules.Finding
    resource: str | None
    start: tuple[int, int]  # 1-based line and column
    end: tuple[int, int]
    lines: tuple[int, int]  # the first and last line of the resource (suppression comments)
    fix: Any = None  # the front end's fix (frontend.FrontEnd.fixed applies it), or None


@dataclass(frozen=True)
class Report:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: rules.Finding
    resource: str | None
    fix: Any = field(default=None, compare=False)  # a Located's fix, or FIXABLE

    @property
    def unchecked(self) -> bool:
        """APIGW999: the file could not be checked (not_checked)."""
        from apigw_lint.rules.files import NOT_CHECKED  # a Finding has loaded the catalogue
        return self.finding.rule == NOT_CHECKED


# A reason that starts with the position of the error in the file (parse errors).
_POSITION = re.compile(r"(-?\d+):(-?\d+): (.*)", re.S)


def not_checked(path: Path | str, reason: str) -> Report:
    """APIGW999 for a file that could not be checked (a path, or as display() prints it), at
    the position its reason starts with (`line:col: `), else at 1:1."""
    from apigw_lint.rules import RULES, Finding  # deferred: the catalogue (start-up time)
    from apigw_lint.rules.files import NOT_CHECKED

    line = column = 1
    position = _POSITION.fullmatch(reason)
    if position:
        # CPython gives -1 for a column it cannot place
        line, column, reason = max(1, int(position[1])), max(1, int(position[2])), position[3]
    r = RULES[NOT_CHECKED]
    return Report(path if isinstance(path, str) else display(path), line, column, line, column,
                  Finding(r.id, r.name, r.severity, (), f"{r.id} {reason}", r.fix), None)


def message(r: Report) -> str:
    """The finding's message without its leading rule id, and the resource it is about."""
    f = r.finding
    text = f.message[len(f.rule):].lstrip() if f.message.startswith(f.rule) else f.message
    return f"{text} ({r.resource})" if r.resource else text


def posix(path: str) -> str:
    return Path(path).as_posix()


def fingerprints(reports: list[Report]) -> list[str]:
    """Each finding's id across runs (SARIF partialFingerprints, GitLab's fingerprint): its
    file, resource, rule and property, not its line, so that an edit above it keeps it; equal
    ones told apart by their order."""
    import hashlib  # deferred: OpenSSL (start-up time)

    seen: Counter[str] = Counter()
    out = []
    for r in reports:
        f = r.finding
        key = hashlib.sha256("\0".join((posix(r.path), r.resource or "", f.rule, f.property))
                             .encode()).hexdigest()
        seen[key] += 1
        out.append(f"{key}:{seen[key]}")
    return out


@dataclass
class Result:
    reports: list[Report] = field(default_factory=list)  # files not checked too (APIGW999)
    diagnostics: list[str] = field(default_factory=list)  # internal errors, for stderr
    warnings: list[str] = field(default_factory=list)  # notes that do not fail the run
    failed: bool = False  # an internal error happened (exit 2)
    files: int = 0  # files looked at
    skipped: list[Skipped] | None = None  # with --show-skipped: checks kept silent


class Base(Protocol):
    """`--base REV` (revision.Revision): APIGW044's models for a project's integrations."""

    rule: str  # the rule that runs on them

    def compared(self, project: Path, now: Callable[[], Iterable[Pair]]
                 ) -> Mapping[str, rules.Integration]:
        """Logical name -> the model APIGW044 runs on, for the integrations of the project at
        `project` (now() lists all of them) that REV holds too."""
        ...


@dataclass(frozen=True)
class Run:
    """What checking a file needs besides the files: the same in every worker process."""

    settings: Settings
    base: Base | None = None  # --base REV
    show_skipped: bool = False  # list the checks an unknown value kept silent (result.skipped)
    fixing: bool = False  # reports carry the fixes themselves (fix.py): they stay in-process
