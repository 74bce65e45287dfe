"""One lint run: discover files, keep those that can hold an integration, check them.

libcst and the rule catalogue are imported only once a file needs parsing."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .discover import (PROJECT_FILES, Unreadable, Walker, display, may_hold_integration,
                       project_root, read)
from .settings import Settings


@dataclass(frozen=True)
class Report:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Any  # rules.Finding
    resource: str | None
    fix: Any = field(default=None, compare=False)  # python.codemod.Fix: what --fix would do

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
    from apigw_lint.rules import RULES, Finding
    from apigw_lint.rules.files import NOT_CHECKED

    line = column = 1
    position = _POSITION.fullmatch(reason)
    if position:
        # CPython gives -1 for a column it cannot place
        line, column, reason = max(1, int(position[1])), max(1, int(position[2])), position[3]
    r = RULES[NOT_CHECKED]
    return Report(path if isinstance(path, str) else display(path), line, column, line, column,
                  Finding(r.id, r.name, r.severity, (), f"{r.id} {reason}", r.fix), None)


@dataclass
class Result:
    reports: list[Report] = field(default_factory=list)  # files not checked too (APIGW999)
    diagnostics: list[str] = field(default_factory=list)  # internal errors, for stderr
    warnings: list[str] = field(default_factory=list)  # notes that do not fail the run
    failed: bool = False  # an internal error happened (exit 2)
    files: int = 0  # files looked at
    skipped: list | None = None  # with --show-skipped: skipped.Skipped, checks kept silent


_WAITING_BYTES = 4_000_000  # non-candidates' contents held before hashing, at most
# A report's fix outside a --fix run (other processes, the cache): only that there is one.
FIXABLE = "fixable"


@dataclass(frozen=True)
class Run:
    """What checking a file needs besides the files: the same in every worker process."""

    settings: Settings
    base: Any = None  # base.Revision (--base), or None
    show_skipped: bool = False  # list the checks an unknown value kept silent (result.skipped)
    fixing: bool = False  # reports carry the fixes themselves (fix.py): they stay in-process


def lint(paths: list[Path], excludes: tuple[str, ...] = (), run: Run | None = None, *,
         progress: Callable[[int, int], None] | None = None,
         contents: dict[Path, bytes] | None = None, jobs: int | None = None,
         cache: bool = True) -> Result:
    """run: what checking needs (configuration, --base, --show-skipped, --fix). progress, if
    given, hears (files checked, files to check) as files are checked. contents: files' text to
    use instead of what is on disk (fixes not written yet). jobs: worker processes for Python
    files (None: one per CPU, at most one per project). cache: reuse and keep results
    (cache.py)."""
    run = run or Run(Settings())
    # what only this process can do, or the cache cannot key: in this process, not kept
    if contents is not None or run.show_skipped or run.fixing:
        jobs, cache = 1, False
    walker = Walker(excludes, run.settings.excludes(), run.settings.force_exclude)
    result = Result(skipped=[] if run.show_skipped else None)
    # each file once, however many links or arguments lead to it: (device, inode) -> (path, root)
    targets: dict[tuple[int, int], tuple[Path, Path]] = {}
    folders: list[tuple[Path, list[Path]]] = []  # the folders given, with the files found
    for given in paths:
        found = walker.targets(given)
        if given.is_dir():
            folders.append((given, found))
        root = given.absolute() if given.is_dir() else given.absolute().parent
        for path in found:
            try:
                st = os.stat(path)
            except OSError:
                continue
            targets.setdefault((st.st_dev, st.st_ino), (path, root))
    result.files = len(targets)
    data: dict[Path, bytes | None] = dict(contents or {})
    digests: dict[Path, str] = {}  # the other files' contents, as the cache compares them
    pending: list[tuple[Path, bytes | None]] = []  # not hashed yet
    waiting = 0
    candidates = []
    yaml_candidates = []
    for path, root in targets.values():
        try:
            data[path] = data[path] if path in data else read(path)
        except Unreadable as e:
            result.reports.append(not_checked(path, str(e)))
            continue
        if path.suffix in (".yaml", ".yml"):
            # a project file names its runtime (yaml) and may point elsewhere with `main:`
            if b"yaml" in data[path] if path.name in PROJECT_FILES \
                    else may_hold_integration(data[path]):
                yaml_candidates.append(path)
                continue
        elif may_hold_integration(data[path]):
            candidates.append((path, root))
            continue
        # only the files checked keep their contents: memory stays flat. The cache compares
        # the others by digest, needed only once a Python file is to be checked: until then
        # (a pre-commit run on files without integrations) a few MB wait, and hashlib's import
        # (OpenSSL, a fifth of such a run) is never paid.
        content = data.pop(path)
        if cache:
            pending.append((path, content))
            waiting += len(content or b"")
            if candidates or waiting > _WAITING_BYTES:
                _hash(pending, digests)
                waiting = 0
    if cache and candidates:
        _hash(pending, digests)
    _warn_without_programs(folders, {p for p, _ in candidates}.union(yaml_candidates), result)
    total = len(candidates) + len(yaml_candidates)
    if candidates:
        from .parallel import check_projects
        check_projects(candidates, walker, data, result, run, jobs, digests if cache else None,
                       lambda done: progress(done, total) if progress else None)
    if yaml_candidates:
        _check_yaml(_told(yaml_candidates, progress, len(candidates), total), walker, data,
                    result, run)
    result.reports.sort(key=lambda r: (r.path, r.line, r.column, r.finding.rule))
    return result


def _warn_without_programs(folders: list[tuple[Path, list[Path]]], held: set[Path],
                           result: Result) -> None:
    """As Ruff warns of a path without Python files: a folder given with no Pulumi project file
    and no file that may hold an integration under it (a file given by name never is)."""
    for given, found in folders:
        if not any(p.name in PROJECT_FILES or p in held for p in found):
            result.warnings.append(f"apigw-lint: warning: no Pulumi program found under {given}")


def _told(items: list[Any], progress: Callable[[int, int], None] | None, done: int, total: int
          ) -> Iterator[Any]:
    """The items, telling progress (files checked, files to check) after each one."""
    for n, item in enumerate(items, done + 1):
        yield item
        if progress:
            progress(n, total)


def _hash(pending: list[tuple[Path, bytes | None]], digests: dict[Path, str]) -> None:
    from .cache import digest

    for path, content in pending:
        digests[path] = digest(content or b"")
    pending.clear()


def _internal_error(result: Result, path: Path, what: str) -> None:
    """A bug of ours while checking a file: a line on stderr, exit 2, and the file reported as
    not checked (once per reason), so that it never vanishes from a report."""
    result.failed = True
    report = not_checked(path, f"internal error while checking: {what}")
    if report not in result.reports:
        result.reports.append(report)
        result.diagnostics.append(f"{display(path)}: internal error: {what}")


def _on_error(result: Result, path: Path) -> Any:
    """For a check that raised on one of the file's integrations: the others still ran."""
    def on_error(rule: Any, exc: Exception) -> None:
        _internal_error(result, path, f"{rule.id} raised {exc!r}")
    return on_error


def _keep(found: list[Any], path: Path, text: bytes | None, yaml: bool, run: Run,
          result: Result, select: frozenset[str] | None) -> None:
    """Reports for what no comment suppresses, with the configured severities."""
    from .suppress import apply

    shown = display(path)
    for located in apply(found, text, yaml, run.settings, select, shown, result.warnings.append):
        fix = located.fix if run.fixing or located.fix is None else FIXABLE
        result.reports.append(Report(shown, *located.start, *located.end,
                                     run.settings.reported(located.finding), located.resource,
                                     fix))


def _check(candidates: Iterable[tuple[Path, Path]], walker: Walker, data: dict[Path, bytes | None],
           result: Result, run: Run, inputs: Any = None) -> None:
    from .python.evaluate import Evaluator
    from .python.integrations import Integrations
    from .python.project import Files

    files = Files(walker, lambda path, reason: result.reports.append(not_checked(path, reason)),
                  data, inputs)
    checkers: dict[Path, Integrations] = {}
    for path, root in candidates:
        try:
            source = files.source(path)
            if source is None:
                continue
            project = files.project(path, root)
            if project.root not in checkers:
                checker = checkers[project.root] = Integrations(Evaluator(project),
                                                                run.settings.api_protocols)
                if run.base is not None:
                    checker.base = run.base.comparison(project.root, checker.everything)
            select = run.settings.rules_for(path)
            _keep(checkers[project.root].check(source, _on_error(result, path), select,
                                               result.skipped),
                  path, data[path], False, run, result, select)
        except RecursionError:
            result.reports.append(not_checked(path, "too deeply nested to lint"))
        except Exception as exc:  # noqa: BLE001 - one file's bug must not hide the others
            _internal_error(result, path, repr(exc))


def _check_yaml(candidates: Iterable[Path], walker: Walker, data: dict[Path, bytes | None],
                result: Result, run: Run) -> None:
    from .yaml.integrations import Integrations
    from .yaml.program import Program, YamlError, program_file

    seen: set[tuple[int, int]] = set()  # a Main.yaml found directly and through `main:`
    for path in candidates:
        try:
            program = program_file(path, data[path] or b"")
            if program is None or not walker.reported(program):  # `main:` names an excluded file
                continue
            st = os.stat(program)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            text = data[program] if program in data else read(program)
            if not text or not may_hold_integration(text):
                continue
            checker = Integrations(Program(program, text), run.settings.api_protocols)
            if run.base is not None:
                checker.base = run.base.comparison(project_root(program, program.parent),
                                                   checker.everything)
            select = run.settings.rules_for(program)
            _keep(checker.check(_on_error(result, program), select, result.skipped), program,
                  text, True, run, result, select)
        except YamlError as e:
            result.reports.append(not_checked(e.path, f"{e.line}:{e.column}: YAML error: "
                                                      f"{e.message}"))
        except Unreadable as e:
            result.reports.append(not_checked(path, f"its program {display(program)}: {e}"))
        except OSError as e:
            result.reports.append(not_checked(path, f"cannot read its program: {e.strerror}"))
        except RecursionError:
            result.reports.append(not_checked(path, "too deeply nested to lint"))
        except Exception as exc:  # noqa: BLE001 - one file's bug must not hide the others
            _internal_error(result, path, repr(exc))
