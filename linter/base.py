"""`--base REV`: APIGW044 from a comparison with the same projects at a git revision.

An integration is matched by its logical name within its project (the folder with Pulumi.yaml,
at the same path relative to the repository's top at REV), so one moved to another file of the
project still matches; a renamed integration, project folder or repository does not (silence).
The project's files at REV are written to a temporary folder and read by the same front ends.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from apigw_lint import rules
from apigw_lint.rules import aws
from apigw_lint.rules.values import ABSENT, UNKNOWN

RULE = "APIGW044"
# What a project at REV needs: sources, YAML programs, and the .gitignore files its walk honours.
_NEEDED = (".py", ".yaml", ".yml", ".gitignore")


class BaseError(Exception):
    """--base cannot be honoured; the message is one line."""


@dataclass(frozen=True)
class ApiResource:
    """An apiId that is an output of the project's Api resource of this logical name: the same
    name at both revisions is the same API. `aliased`: its options may carry aliases (a rename
    that keeps the API), so a different name is not a different API."""

    name: str
    aliased: bool = field(default=False, compare=False)


Models = Iterable[tuple[rules.Integration, "ApiResource | None"]]


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "--literal-pathspecs", *args], cwd=cwd, input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise BaseError("--base needs git, and git is not installed (or not on PATH)") from None


class Revision:
    """REV in each git repository holding a linted path; use as a context manager (the files
    read at REV live in a temporary folder until it closes)."""

    def __init__(self, rev: str, paths: list[Path]) -> None:
        self.rev = rev
        self._commits: dict[Path, str] = {}  # repository top -> REV's commit there
        self._tops: dict[Path, Path | str] = {}  # folder -> its repository's top, or git's error
        self._written: set[tuple[Path, str]] = set()
        self._before: dict[Path, dict[str, Any]] = {}
        self._tmp = Path(tempfile.mkdtemp(prefix="apigw-lint-base-"))
        try:
            for path in paths:
                folder = path if path.is_dir() else path.parent
                top = self._top(folder.resolve())
                if isinstance(top, str):
                    raise BaseError(f"--base: {path}: {top}")
                self._commit(top)
        except BaseError:
            self.close()
            raise

    def __enter__(self) -> "Revision":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _top(self, folder: Path) -> Path | str:
        if folder not in self._tops:
            p = _git(folder, "rev-parse", "--show-toplevel")
            error = (p.stderr.decode(errors="replace").strip().splitlines() or [""])[0]
            self._tops[folder] = Path(p.stdout.decode().strip()).resolve() \
                if p.returncode == 0 and p.stdout.strip() else error or "not in a git work tree"
        return self._tops[folder]

    def _commit(self, top: Path) -> str:
        if top not in self._commits:
            p = _git(top, "rev-parse", "--verify", "--quiet", f"{self.rev}^{{commit}}") \
                if not self.rev.startswith("-") else None
            if p is None or p.returncode != 0:
                raise BaseError(f"--base: unknown revision {self.rev!r} in {top} (in a shallow "
                                "clone, fetch it first)")
            self._commits[top] = p.stdout.decode().strip()
        return self._commits[top]

    def folder(self, project: Path) -> Path | None:
        """The project folder as it was at REV (a temporary copy), None when it did not exist
        or is not in a repository."""
        project = project.resolve()
        top = self._top(project)
        if not isinstance(top, Path) or top not in self._commits:
            return None
        rel = project.relative_to(top).as_posix()
        commit = self._commits[top]
        copy = self._tmp / commit / rel
        if (top, rel) not in self._written:
            self._written.add((top, rel))
            self._write(top, commit, rel, self._tmp / commit)
        return copy if copy.is_dir() else None

    def _write(self, top: Path, commit: str, rel: str, into: Path) -> None:
        """Writes the project's files at REV under into (regular files only: no links)."""
        listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit,
                       *(["--", rel] if rel != "." else []))
        blobs = []
        for entry in listing.stdout.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            parts = meta.split()
            path = name.decode("utf-8", "surrogateescape")
            if len(parts) == 3 and parts[0] in (b"100644", b"100755") and \
                    path.endswith(_NEEDED) and ".." not in path.split("/"):
                blobs.append((parts[2], path))
        if not blobs:
            return
        out = _git(top, "cat-file", "--batch", stdin=b"".join(sha + b"\n" for sha, _ in blobs))
        data, at = out.stdout, 0
        for _, path in blobs:  # `<sha> blob <size>\n<content>\n`, in the order asked
            header_end = data.index(b"\n", at)
            size = int(data[at:header_end].split()[2])
            target = into / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data[header_end + 1:header_end + 1 + size])
            at = header_end + 1 + size + 1

    def comparison(self, project: Path, now: Callable[[], Models]) -> "Comparison":
        """APIGW044 for the integrations of one project; now() lists all of them today."""
        project = project.resolve()
        if project not in self._before:
            folder = self.folder(project)
            self._before[project] = _by_name(_models_at(folder)) if folder is not None else {}
        return Comparison(self._before[project], now)


def _models_at(folder: Path) -> list[tuple[rules.Integration, ApiResource | None]]:
    """Every integration of the project (Python and YAML) in folder, read by the front ends.
    What cannot be read or parsed there adds nothing (its integrations count as new)."""
    from .discover import PROJECT_FILES, Walker
    from .python.evaluate import Evaluator
    from .python.integrations import Integrations
    from .python.project import Files, Project
    from .yaml.integrations import Integrations as YamlIntegrations
    from .yaml.program import Program, YamlError, program_file

    models = list(Integrations(Evaluator(Project(folder, Files(Walker(), lambda *_: None, {}))))
                  .everything())
    for name in (*PROJECT_FILES, "Main.yaml"):
        try:
            program = program_file(folder / name, (folder / name).read_bytes())
            if program is not None:
                models += YamlIntegrations(Program(program, program.read_bytes())).everything()
                break
        except (OSError, YamlError):
            continue
    return models


def replacement_values(m: rules.Integration, api: ApiResource | None) -> dict[str, Any]:
    """APIGW044's properties as compared: known, ABSENT (certainly unset) or UNKNOWN. An apiId
    written as the output of a project Api is that Api."""
    out = {}
    for prop in aws.REPLACEMENT_PROPERTIES:
        value = m.get(prop)
        if prop == "apiId" and value is UNKNOWN and api is not None:
            value = api
        if value is ABSENT and (m.open_args or prop in aws.REQUIRED_PROPERTIES):
            value = UNKNOWN  # unseen arguments may set it; a required one missing never deployed
        out[prop] = value
    return out


def _by_name(models: Models) -> dict[str, Any]:
    """Logical name -> replacement values; a name used twice is ambiguous (None)."""
    out: dict[str, Any] = {}
    for m, api in models:
        if m.name is not None:
            out[m.name] = None if m.name in out else replacement_values(m, api)
    return out


class Comparison:
    def __init__(self, before: Mapping[str, Any], now: Callable[[], Models]) -> None:
        self.before = before
        self._now = now
        self._names: Counter[str] | None = None

    def findings(self, m: rules.Integration, api: ApiResource | None,
                 on_error: Callable[[rules.Rule, Exception], None],
                 select: frozenset[str] | None = None) -> list[rules.Finding]:
        """APIGW044 for one integration of today's project, compared with the one of the same
        logical name at REV (none when either side has no such single integration, or when the
        rule is not selected)."""
        if select is not None and RULE not in select:
            return []
        before = self.before.get(m.name) if m.name is not None else None
        if before is None:
            return []
        if self._names is None:
            self._names = Counter(n.name for n, _ in self._now() if n.name is not None)
        if self._names[m.name] != 1:
            return []
        now = replacement_values(m, api)
        previous = {}
        for prop, value in before.items():
            now[prop], value = _comparable(now[prop], value)
            previous[prop] = None if value is ABSENT else value  # None: certainly unset before
        # The rule compares values; `api.id` is unknown to the integration's own model, so it
        # runs on a model that holds what is compared (the Api's name in place of its id).
        compared = rules.Integration({k: v for k, v in now.items() if v is not ABSENT},
                                     rules.Context(previous=previous), name=m.name,
                                     secret=m.secret)
        return rules.run(compared, engine=rules.LINTER, select=(RULE,), on_error=on_error)


def _comparable(now: Any, before: Any) -> tuple[Any, Any]:
    """Both values, or both UNKNOWN when they cannot be compared: an Api against a literal id or
    nothing, or a renamed Api that may carry an alias to its old name."""
    apis = isinstance(now, ApiResource), isinstance(before, ApiResource)
    if any(apis) and (not all(apis) or (now != before and now.aliased)):
        return UNKNOWN, UNKNOWN
    return now, before
