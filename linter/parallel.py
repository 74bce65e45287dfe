"""Checking a run's candidate files in worker processes (`--jobs`), and through the result cache.

The unit of work is a project of one front end (its files under one Pulumi.yaml): names resolve
across its files, so one process checks all of a project's candidate files, in their order, with
caches of its own (the same in every process count, so results do not depend on it). Units run
front end by front end (frontends.FRONT_ENDS), each's in the order its first file was found;
results come back in that order and are merged the same way however many workers ran: `-j2`
prints what `-j1` prints.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .check import Unit, check
from .discover import Walker, project_root
from .findings import Base, Result, Run, not_checked
from .frontend import FrontEnd

if TYPE_CHECKING:
    from .cache import Inputs

Work = tuple[FrontEnd, Unit]

# A worker's view of the run: inherited through fork, or sent once to each spawned worker.
_run_state: tuple[Walker, dict[Path, bytes | None], Run, bool] | None = None


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_projects(candidates: list[tuple[FrontEnd, Path, Path]], walker: Walker,
                   data: dict[Path, bytes | None], result: Result, run: Run,
                   jobs: int | None, digests: dict[Path, str] | None = None,
                   progress: Callable[[int], None] | None = None) -> None:
    """candidates: (front end, file, the root it was found under). digests: of the run's files
    that `data` does not hold, to compare with the cache's entries; None: no cache. progress
    hears how many candidate files are checked so far."""
    units = _units(candidates)
    kept = None
    if digests is not None and run.base is None:
        from .cache import Cache  # deferred: hashlib, for runs that keep results

        kept = Cache(walker, data, digests, run)
    outcomes: list[Result | None] = [kept.lookup(frontend.name, root, unit) if kept else None
                                     for frontend, root, unit in units]
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    done = sum(len(unit) for outcome, (_, _, unit) in zip(outcomes, units)
               if outcome is not None)
    record = kept is not None
    for i, (outcome, inputs) in zip(todo, _run(walker, data, run, jobs, record,
                                               [(units[i][0], units[i][2]) for i in todo],
                                               result)):
        outcomes[i] = outcome
        frontend, root, unit = units[i]
        if kept is not None and inputs is not None:
            kept.store(frontend.name, root, unit, inputs, outcome)
        done += len(unit)
        if progress:
            progress(done)
    for i in todo:  # its worker died (an internal error in result): its files were not checked
        if outcomes[i] is None:
            outcomes[i] = Result([not_checked(path, "internal error while checking: a worker "
                                                    "process died") for path, _ in units[i][2]])
    _merge(result, [o for o in outcomes if o is not None])


def _run(walker: Walker, data: dict[Path, bytes | None], run: Run, jobs: int | None,
         record: bool, units: list[Work], result: Result) -> Iterator[tuple[Result, Inputs | None]]:
    workers = _workers(jobs, len(units), run.base)
    if workers == 1:
        yield from (_check_unit(walker, data, run, record, work) for work in units)
        return
    global _run_state
    import multiprocessing  # here: a run that needs no worker does not pay their import
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    for frontend in {id(f): f for f, _ in units}.values():
        frontend.load()  # before the fork, so that workers share it instead of each loading it
    fork = sys.platform.startswith("linux")
    _run_state = (walker, data, run, record)
    try:
        with ProcessPoolExecutor(
                workers, multiprocessing.get_context("fork" if fork else "spawn"),
                initializer=None if fork else _start,
                initargs=() if fork else (walker, run, record)
        ) as pool:
            yield from pool.map(_check_in_worker, units)
    except BrokenProcessPool as e:
        result.diagnostics.append(f"internal error: a worker process died ({e})")
        result.failed = True
    finally:
        _run_state = None


def _units(candidates: list[tuple[FrontEnd, Path, Path]]) -> list[tuple[FrontEnd, Path, Unit]]:
    """Candidates grouped by front end and project, projects in the order their first file was
    found."""
    units: dict[tuple[int, Path], tuple[FrontEnd, Path, Unit]] = {}
    for frontend, path, root in candidates:
        project = project_root(path, root)
        units.setdefault((id(frontend), project), (frontend, project, []))[2].append((path, root))
    return list(units.values())


def _workers(jobs: int | None, units: int, base: Base | None) -> int:
    if base is not None:
        # --base writes each project's files at REV into one temporary folder, where projects
        # nested in others share files: one process writes them.
        return 1
    return max(1, min(jobs or cpus(), units))


def _check_unit(walker: Walker, data: dict[Path, bytes | None], run: Run, record: bool,
                work: Work) -> tuple[Result, Inputs | None]:
    result = Result(skipped=[] if run.show_skipped else None)
    inputs: Inputs | None = None
    if record:
        from .cache import Inputs  # deferred with Cache

        inputs = Inputs()
    check(*work, walker, data, result, run, inputs)
    return result, inputs


def _start(walker: Walker, run: Run, record: bool) -> None:
    global _run_state
    _run_state = (walker, {}, run, record)  # a spawned worker reads the files itself


def _check_in_worker(work: Work) -> tuple[Result, Inputs | None]:
    assert _run_state is not None
    return _check_unit(*_run_state, work)


def _merge(result: Result, outcomes: Iterable[Result]) -> None:
    """A file that cannot be parsed is reported once per run, whichever projects read it."""
    seen = set(result.diagnostics)
    unchecked = set(result.reports)  # APIGW999: the only reports two projects can share
    for outcome in outcomes:
        for report in outcome.reports:
            if report not in unchecked:
                result.reports.append(report)
                if report.unchecked:
                    unchecked.add(report)
        result.warnings += outcome.warnings
        if result.skipped is not None and outcome.skipped:
            result.skipped += outcome.skipped
        result.failed = result.failed or outcome.failed
        for line in outcome.diagnostics:
            if line not in seen:
                seen.add(line)
                result.diagnostics.append(line)
