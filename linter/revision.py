"""`--base REV`: APIGW044 from a comparison with the same projects at a git revision.

One pass after a project is read, over its (logical name -> model, Api) pairs and those of the
project at REV. An integration is matched by its logical name within its project (the folder with
Pulumi.yaml, at the same path relative to the repository's top at REV), so one moved to another
file of the project still matches; a renamed integration, project folder or repository does not
(silence). The project's files at REV are written to a temporary folder and read by the same
front ends. The Api an apiId is an output of is a plain token, its logical name.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

from apigw_lint import rules
from apigw_lint.rules import aws
from apigw_lint.rules.values import ABSENT, UNKNOWN

from .findings import Api, Pair
from .frontends import FRONT_ENDS

class BaseError(Exception):
    """--base cannot be honoured; the message is one line."""


RULE = "APIGW044"
# What a project at REV needs: every front end's files, and the .gitignore files its walk honours.
_NEEDED = (".py", ".yaml", ".yml", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".go", ".java",
           ".cs", ".gitignore")
Values = dict[str, Any]  # APIGW044's properties as compared (replacement_values)
Before = tuple[Values, "Api | None"]  # an integration at REV; None: its name is used twice


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "--literal-pathspecs", *args], cwd=cwd, input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise BaseError("--base needs git, and git is not installed (or not on PATH)") from None


class Revision:
    """REV in each git repository holding a linted path; use as a context manager (the files
    read at REV live in a temporary folder until it closes)."""

    rule = RULE

    def __init__(self, rev: str, paths: list[Path]) -> None:
        self.rev = rev
        self._commits: dict[Path, str] = {}  # repository top -> REV's commit there
        self._tops: dict[Path, Path | str] = {}  # folder -> its repository's top, or git's error
        self._written: set[tuple[Path, str]] = set()
        self._before: dict[Path, dict[str, Before | None]] = {}
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

    def compared(self, project: Path, now: Callable[[], Iterable[Pair]]
                 ) -> dict[str, rules.Integration]:
        """findings.Base: logical name -> the model APIGW044 runs on, for each integration of
        the project (now() lists all of them) whose name it alone has, today and at REV."""
        project = project.resolve()
        if project not in self._before:
            folder = self.folder(project)
            self._before[project] = _by_name(
                pair for f in FRONT_ENDS for pair in f.everything(folder)) \
                if folder is not None else {}
        before = self._before[project]
        if not before:
            return {}
        pairs = list(now())
        names = Counter(m.name for m, _ in pairs if m.name is not None)
        return {m.name: _compared(m, api, then) for m, api in pairs
                if m.name is not None and names[m.name] == 1
                and (then := before.get(m.name)) is not None}


def replacement_values(m: rules.Integration, api: Api | None) -> Values:
    """APIGW044's properties as compared: known, ABSENT (certainly unset) or UNKNOWN. An apiId
    written as the output of a project Api is that Api's logical name."""
    out = {}
    for prop in aws.REPLACEMENT_PROPERTIES:
        value = m.get(prop)
        if prop == "apiId" and value is UNKNOWN and api is not None:
            value = api[0]
        if value is ABSENT and (m.open_args or prop in aws.REQUIRED_PROPERTIES):
            value = UNKNOWN  # unseen arguments may set it; a required one missing never deployed
        out[prop] = value
    return out


def _api(m: rules.Integration, api: Api | None) -> Api | None:
    """The Api the apiId compared is an output of (replacement_values), or None."""
    return api if api is not None and m.get("apiId") is UNKNOWN else None


def _by_name(pairs: Iterable[Pair]) -> dict[str, Before | None]:
    """Logical name -> what is compared; a name used twice is ambiguous (None)."""
    out: dict[str, Before | None] = {}
    for m, api in pairs:
        if m.name is not None:
            out[m.name] = None if m.name in out else (replacement_values(m, api), _api(m, api))
    return out


def _compared(m: rules.Integration, api: Api | None, before: Before) -> rules.Integration:
    """The model APIGW044 runs on: today's values, and REV's as the previous state. apiId
    holds the Api's logical name where it is an output of one (at both revisions, else it is
    not comparable)."""
    now, now_api = replacement_values(m, api), _api(m, api)
    then, then_api = before
    previous = {}
    for prop, value in then.items():
        if prop == "apiId" and (now_api or then_api) and (
                not (now_api and then_api) or (now_api[0] != then_api[0] and now_api[1])):
            # an Api against a literal id or nothing, or a renamed Api that may carry an
            # alias to its old name: not comparable
            now[prop], value = UNKNOWN, UNKNOWN
        previous[prop] = None if value is ABSENT else value  # None: certainly unset before
    return rules.Integration({k: v for k, v in now.items() if v is not ABSENT},
                             rules.Context(previous=previous), name=m.name, secret=m.secret)
