"""The one loop that checks a project's integrations, whatever front end reads them: the rules
on each model, APIGW044 against --base, the skipped checks for --show-skipped, each finding placed
and fixed by its front end, suppression comments, and the reports."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from apigw_lint import rules

from .discover import Walker, display
from .files import Files, NotChecked
from .findings import FIXABLE, Located, Report, Result, Run, not_checked
from .frontend import FrontEnd, Source
from .skipped import entries
from .suppress import apply

if TYPE_CHECKING:
    from .cache import Inputs

Unit = list[tuple[Path, Path]]  # one project's candidate files, with the root each was found under


def check(frontend: FrontEnd, unit: Unit, walker: Walker, data: dict[Path, bytes | None],
          result: Result, run: Run, inputs: Inputs | None = None) -> None:
    """Checks one unit's files, in order, into result. inputs: records what the check asked the
    file system (for the cache), or None."""
    files = Files(walker, lambda path, reason: result.reports.append(not_checked(path, reason)),
                  data, inputs)
    reader = frontend.reader(files, run.settings.api_protocols)
    for path, root in unit:
        try:
            project = reader.project(path, root)
            for source in project.sources(path):
                _check_source(frontend, source, result, run)
        except NotChecked as e:
            result.reports.append(not_checked(e.path, e.reason))
        except RecursionError:
            result.reports.append(not_checked(path, "too deeply nested to lint"))
        except Exception as exc:  # noqa: BLE001 - one file's bug must not hide the others
            _internal_error(result, path, repr(exc))


def _check_source(frontend: FrontEnd, source: Source, result: Result, run: Run) -> None:
    on_error = _on_error(result, source.path)
    select = run.settings.rules_for(source.path)
    # --base: logical name -> APIGW044's model, once the file needs it
    compared: Mapping[str, rules.Integration] | None = None
    found = []
    for integration in source.integrations():
        m = integration.model
        skips: list | None = None if result.skipped is None else []
        findings = rules.run(m, engine=rules.LINTER, select=select, on_error=on_error,
                             skipped=skips, spelling=frontend.spelling)
        if run.base is not None and m.name is not None and \
                (select is None or run.base.rule in select):
            if compared is None:
                compared = run.base.compared(source.project, source.everything)
            if m.name in compared:
                findings += rules.run(compared[m.name], engine=rules.LINTER,
                                      select=(run.base.rule,), on_error=on_error,
                                      spelling=frontend.spelling)
        if skips:
            result.skipped.extend(entries(skips, integration.reasons(),  # type: ignore[union-attr]
                                          source.path, integration.position(), m.name))
        found += [(integration, f) for f in findings]
    located = [Located(f, integration.model.name, start, end, lines,
                       integration.fix(f) if f.edit is not None else None)
               for (integration, f), (start, end, lines) in zip(found, source.locate(found))]
    shown = display(source.path)
    for kept in apply(located, source.text, frontend.comment, frontend.comments, run.settings,
                      select, shown, result.warnings.append):
        fix = kept.fix if run.fixing or kept.fix is None else FIXABLE
        result.reports.append(Report(shown, *kept.start, *kept.end,
                                     run.settings.reported(kept.finding), kept.resource, fix))


def _internal_error(result: Result, path: Path, what: str) -> None:
    """A bug of ours while checking a file: a line on stderr, exit 2, and the file reported as
    not checked (once per reason), so that it never vanishes from a report."""
    result.failed = True
    report = not_checked(path, f"internal error while checking: {what}")
    if report not in result.reports:
        result.reports.append(report)
        result.diagnostics.append(f"{display(path)}: internal error: {what}")


def _on_error(result: Result, path: Path) -> Callable[[rules.Rule, Exception], None]:
    """For a check that raised on one of the file's integrations: the others still ran."""
    def on_error(rule: rules.Rule, exc: Exception) -> None:
        _internal_error(result, path, f"{rule.id} raised {exc!r}")
    return on_error
