"""One lint run: discover files, keep those that can hold an integration, check them.

libcst and the rule catalogue are imported only once a file needs parsing."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import digest
from .discover import (PROJECT_FILES, Unreadable, Walker, may_hold_integration, project_root,
                       read)


@dataclass(frozen=True)
class Report:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Any  # rules.Finding
    resource: str | None


@dataclass
class Result:
    reports: list[Report] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)  # syntax and internal errors
    failed: bool = False  # an internal error happened (exit 2)
    files: int = 0  # files looked at


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def lint(paths: list[Path], excludes: tuple[str, ...] = (), base: Any = None,
         jobs: int | None = None, cache: bool = True) -> Result:
    """base: a base.Revision to compare with (--base), or None; jobs: worker processes for
    Python files (None: one per CPU, at most one per project); cache: reuse and keep results
    (cache.py)."""
    walker = Walker(excludes)
    result = Result()
    # each file once, however many links or arguments lead to it: (device, inode) -> (path, root)
    targets: dict[tuple[int, int], tuple[Path, Path]] = {}
    for given in paths:
        found = walker.files(given) if given.is_dir() else [given.absolute()]
        root = given.absolute() if given.is_dir() else given.absolute().parent
        for path in found:
            try:
                st = os.stat(path)
            except OSError:
                continue
            targets.setdefault((st.st_dev, st.st_ino), (path, root))
    result.files = len(targets)
    data: dict[Path, bytes | None] = {}
    digests: dict[Path, str] = {}  # the other files' contents, as the cache compares them
    candidates = []
    yaml_candidates = []
    for path, root in targets.values():
        try:
            data[path] = read(path)
        except Unreadable as e:
            result.diagnostics.append(f"{display(path)}: {e}")
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
        # only the files checked keep their contents: memory stays flat
        if cache:
            digests[path] = digest(data.pop(path))
        else:
            del data[path]
    if candidates:
        from .parallel import check_projects
        check_projects(candidates, walker, data, result, base, jobs, digests if cache else None)
    if yaml_candidates:
        _check_yaml(yaml_candidates, data, result, base)
    result.reports.sort(key=lambda r: (r.path, r.line, r.column, r.finding.rule))
    return result


def _on_error(result: Result) -> Any:
    def on_error(rule: Any, exc: Exception) -> None:
        result.diagnostics.append(f"internal error: {rule.id} raised {exc!r}")
        result.failed = True
    return on_error


def _check(candidates: list[tuple[Path, Path]], walker: Walker, data: dict[Path, bytes | None],
           result: Result, base: Any = None, inputs: Any = None) -> None:
    from .python.evaluate import Evaluator
    from .python.integrations import Integrations
    from .python.project import Files

    files = Files(walker, result.diagnostics.append, data, inputs)
    checkers: dict[Path, Integrations] = {}
    on_error = _on_error(result)
    for path, root in candidates:
        try:
            source = files.source(path)
            if source is None:
                continue
            project = files.project(path, root)
            if project.root not in checkers:
                checkers[project.root] = Integrations(Evaluator(project))
                if base is not None:
                    checkers[project.root].base = base.comparison(
                        project.root, checkers[project.root].everything)
            for located in checkers[project.root].check(source, on_error):
                result.reports.append(Report(display(path), *located.start, *located.end,
                                             located.finding, located.resource))
        except RecursionError:
            result.diagnostics.append(f"{display(path)}: too deeply nested to lint")
        except Exception as exc:  # noqa: BLE001 - one file's bug must not hide the others
            result.diagnostics.append(f"{display(path)}: internal error: {exc!r}")
            result.failed = True


def _check_yaml(candidates: list[Path], data: dict[Path, bytes | None], result: Result,
                base: Any = None) -> None:
    from .yaml.integrations import Integrations
    from .yaml.program import Program, YamlError, program_file

    on_error = _on_error(result)
    seen: set[tuple[int, int]] = set()  # a Main.yaml found directly and through `main:`
    for path in candidates:
        try:
            program = program_file(path, data[path] or b"")
            if program is None:
                continue
            st = os.stat(program)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            text = data[program] if program in data else read(program)
            if not text or not may_hold_integration(text):
                continue
            checker = Integrations(Program(program, text))
            if base is not None:
                checker.base = base.comparison(project_root(program, program.parent),
                                               checker.everything)
            for located in checker.check(on_error):
                result.reports.append(Report(display(program), *located.start, *located.end,
                                             located.finding, located.resource))
        except YamlError as e:
            result.diagnostics.append(f"{display(e.path)}:{e.line}:{e.column}: YAML error: "
                                      f"{e.message}")
        except Unreadable as e:
            result.diagnostics.append(f"{display(path)}: its program {display(program)}: {e}")
        except OSError as e:
            result.diagnostics.append(f"{display(path)}: cannot read its program: {e.strerror}")
        except RecursionError:
            result.diagnostics.append(f"{display(path)}: too deeply nested to lint")
        except Exception as exc:  # noqa: BLE001 - one file's bug must not hide the others
            result.diagnostics.append(f"{display(path)}: internal error: {exc!r}")
            result.failed = True
