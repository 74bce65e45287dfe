"""Results of earlier runs, per project, reused when nothing they depend on has changed.

A project's check is a deterministic function of the tool (apigw-lint's own code, libcst's and
Python's versions), the run's settings (the working folder, which paths print relative to, and
--exclude) and the answers to the questions it asks the file system while it runs: the content of
every file it reads, whether each module path it tries exists, which Python files the project's
folder holds. An entry keeps all those answers (contents as SHA-256) with the result, and is
reused only when every answer is the same now: the check would then ask the same questions, get
the same answers and report the same findings. Whether a file that could not be parsed is
reported (an excluded one is not, unless named on the command line) is such an answer too.
Checks that hit an internal error are not kept.

Entries are JSON files in $APIGW_LINT_CACHE_DIR, else $XDG_CACHE_HOME/apigw-lint, else
~/.cache/apigw-lint; delete the folder at any time. `--no-cache` neither reads nor writes it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomic import replace
from .discover import Unreadable, Walker, read
from .findings import FIXABLE, Report, Result, Run

def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Inputs:
    """What one project's check learned from the file system, in the order it asked."""

    reads: dict[str, str | None] = field(default_factory=dict)  # path -> content hash, or unreadable
    probes: dict[str, bool] = field(default_factory=dict)  # path -> is a file
    folders: dict[str, bool] = field(default_factory=dict)  # path -> is a folder
    # suffix -> folder -> the files under it whose names end with it
    listings: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    reported: dict[str, bool] = field(default_factory=dict)  # path -> are its lines reported

    def read(self, path: Path, content: bytes | None) -> None:
        key = str(path)
        if key not in self.reads:
            self.reads[key] = None if content is None else digest(content)

    def probe(self, path: Path, found: bool, folder: bool = False) -> None:
        """found: path is a file (folder: a folder)."""
        (self.folders if folder else self.probes).setdefault(str(path), found)

    def listing(self, root: Path, suffix: str, paths: list[Path]) -> None:
        self.listings.setdefault(suffix, {}).setdefault(str(root), [str(p) for p in paths])

    def report(self, path: Path, reported: bool) -> None:
        self.reported.setdefault(str(path), reported)


def folder() -> Path:
    if os.environ.get("APIGW_LINT_CACHE_DIR"):
        return Path(os.environ["APIGW_LINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "apigw-lint"


def _tool() -> str:
    """apigw-lint's code (every module of the linter, this one too, and of the catalogue), the
    parsers' (libcst's, ruamel.yaml's, tree-sitter's) and Python's versions: any change there changes every
    key."""
    h = hashlib.sha256(sys.version.encode())
    here = Path(__file__).resolve().parent
    rules = importlib.util.find_spec("apigw_lint.rules")  # the catalogue, not imported
    assert rules is not None and rules.origin is not None
    for package in (here, Path(rules.origin).resolve().parent):
        for path in sorted(package.rglob("*.py")):
            h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    # the file that holds each parser's version, located without importing the parser (none in
    # tree-sitter's packages: their metadata then)
    for name, holder in (("libcst", "_version.py"), ("ruamel.yaml", "__init__.py"),
                         ("tree_sitter", None), ("tree_sitter_typescript", None),
                         ("tree_sitter_go", None), ("tree_sitter_java", None),
                         ("tree_sitter_c_sharp", None)):
        spec = importlib.util.find_spec(name)
        version = Path(spec.origin).with_name(holder) if holder and spec and spec.origin \
            else None
        if version is not None and version.is_file():
            h.update(version.read_bytes())
        else:
            from importlib.metadata import version as installed
            h.update(installed(name).encode())
    return h.hexdigest()


class Cache:
    def __init__(self, walker: Walker, data: dict[Path, bytes | None], digests: dict[Path, str],
                 run: Run, location: Path | None = None) -> None:
        self.walker = walker
        # what the run has read: contents it keeps, digests of those it let go (by path string,
        # as entries hold them)
        self.data = {str(p): content for p, content in data.items()}
        self.digests = {str(p): d for p, d in digests.items()}
        self.location = location or folder()
        self._settings = [_tool(), str(Path.cwd()), list(walker.patterns),
                          [[str(root), list(p)] for root, p in walker.rooted_patterns],
                          run.settings.fingerprint()]

    def _entry(self, frontend: str, root: Path, unit: list[tuple[Path, Path]]) -> Path:
        key = digest(json.dumps([*self._settings, frontend, str(root),
                                 [[str(p), str(r)] for p, r in unit]]).encode())
        return self.location / key[:2] / f"{key}.json"

    def lookup(self, frontend: str, root: Path, unit: list[tuple[Path, Path]]) -> Result | None:
        """The result kept for this project's check, when every answer it rests on holds."""
        try:
            entry = json.loads(self._entry(frontend, root, unit).read_text())
            return _result(entry["result"]) if self._holds(entry["inputs"]) else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # none, or not one this code wrote: check again

    def store(self, frontend: str, root: Path, unit: list[tuple[Path, Path]], inputs: Inputs,
              result: Result) -> None:
        if result.failed:
            return  # an internal error is not a result
        saved = _saved(result)
        try:
            if _result(json.loads(json.dumps(saved))) != result:
                return  # a value JSON does not carry back as it was: not kept
        except (TypeError, ValueError):
            return
        path = self._entry(frontend, root, unit)
        text = json.dumps({"inputs": {"reads": inputs.reads, "probes": inputs.probes,
                                      "folders": inputs.folders, "listings": inputs.listings,
                                      "reported": inputs.reported}, "result": saved})
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            replace(path, text.encode(), 0o600)  # readers see the old entry or the new, never half
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _holds(self, inputs: Any) -> bool:
        return all(self._content(p) == h for p, h in inputs["reads"].items()) \
            and all(Path(p).is_file() == f for p, f in inputs["probes"].items()) \
            and all(Path(p).is_dir() == f for p, f in inputs["folders"].items()) \
            and all([str(f) for f in self.walker.ending(Path(root), suffix)] == listed
                    for suffix, roots in inputs["listings"].items()
                    for root, listed in roots.items()) \
            and all(self.walker.reported(Path(p)) == r for p, r in inputs["reported"].items())

    def _content(self, path: str) -> str | None:
        if path in self.digests:
            return self.digests[path]
        content = self.data.get(path)
        if content is None:
            try:
                content = read(Path(path))
            except Unreadable:
                return None
        return digest(content)


def _saved(result: Result) -> dict[str, Any]:
    return {"reports": [[r.path, r.line, r.column, r.end_line, r.end_column, r.resource,
                         r.fix is not None, dataclasses.asdict(r.finding)]
                        for r in result.reports],
            "diagnostics": result.diagnostics, "warnings": result.warnings}


def _result(saved: dict[str, Any]) -> Result:
    reports = []
    if saved["reports"]:
        from apigw_lint.rules import Finding  # the catalogue, only when there is a finding
        from apigw_lint.rules.model import Edit
        for path, line, column, end_line, end_column, resource, fixable, finding \
                in saved["reports"]:
            finding["path"] = tuple(finding["path"])
            finding["edit"] = Edit(**finding["edit"]) if finding["edit"] else None
            reports.append(Report(path, line, column, end_line, end_column, Finding(**finding),
                                  resource, FIXABLE if fixable else None))
    return Result(reports, list(saved["diagnostics"]), list(saved["warnings"]))
