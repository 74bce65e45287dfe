"""The `apigw-lint` command line. `apigw-lint [PATHS]...` lints; `rules` and `rule ID` print the
catalogue. A first argument that is not a subcommand name is a path to lint."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import settings
from .discover import display, invalid_pattern
from .report import FORMATS, text

if TYPE_CHECKING:
    from .findings import Result

_SEVERITIES = ("error", "warning", "info")  # most severe first, as rules.SEVERITIES


class _LintByDefault(click.Group):
    """Run `check` unless the first argument names another subcommand (as `ruff` did for years)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands or args[0] == "check":
            if args[:1] != ["check"] and not (args and args[0] in ("--help", "--version")):
                args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's options and subcommands, then those of check, the default command."""
        super().format_options(ctx, formatter)
        check = self.commands["check"]
        sub = click.Context(check, info_name="check", parent=ctx)
        rows = [row for p in check.params if isinstance(p, click.Option)  # not --help
                and (row := p.get_help_record(sub)) is not None]
        with formatter.section("Options of check (the default command)"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> None:
        """The last line of defence: a bug outside the per-file guards is one line, exit 2."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - never a traceback
            click.echo(f"apigw-lint: internal error: {exc!r}", err=True)
            sys.exit(2)


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="apigw-lint", prog_name="apigw-lint")
def main() -> None:
    """Find mistakes in AWS API Gateway V2 integrations of Pulumi programs before deploying.

    `check` is the default command: `apigw-lint [OPTIONS] [PATHS]...` is `apigw-lint check
    [OPTIONS] [PATHS]...`; `apigw-lint COMMAND --help` describes a command. To lint a folder whose name is also a subcommand (`rules`), write it as `./rules`."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, envvar="APIGW_LINT_OUTPUT_FORMAT", show_envvar=True,
              help="How to print findings (gitlab: GitLab Code Quality).")
@click.option("--stdin-filename", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Check the text on stdin (PATH `-`, or no PATH) as FILE of its project; the "
                   "rest of the project is read from disk.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when there are findings (an internal error still fails).")
@click.option("--show-files", is_flag=True,
              help="List the files a run would look at (why each skipped one is), and exit.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the report to FILE (replaced at once) instead of stdout.")
@click.option("--statistics", is_flag=True,
              help="Print how many findings each rule has instead of the findings (text, json).")
@click.option("--quiet", "-q", is_flag=True, help="Print only findings: no summary, no progress.")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="gitignore-style pattern of files or folders whose findings are not "
                   "reported; their definitions still count (repeatable).")
@click.option("--fail-on", type=click.Choice(_SEVERITIES),
              help="Exit 1 when a finding is at least this severe (default: the configuration's "
                   "fail-on, else info).")
@click.option("--base", metavar="REV",
              help="Git revision to compare with: report changes that replace an integration "
                   "(APIGW044).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes ([*], Python files), then report "
              "what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes --fix would make as a unified diff "
              "and write nothing; exit 1 if there is one.")
@click.option("--show-skipped", is_flag=True,
              help="Also list the checks that an unknown value kept silent, and why.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for Python files (default: one per CPU, at most one per "
                   "project with candidate files).")
@click.option("--no-cache", is_flag=True,
              help="Neither reuse nor keep results of earlier runs (kept per project, reused only "
                   "when no file they depend on changed).")
@settings.options
def check_command(paths: tuple[Path, ...], fmt: str, stdin_filename: Path | None,
                  exit_zero: bool, show_files: bool, output: Path | None, statistics: bool,
                  quiet: bool, exclude: tuple[str, ...], fail_on: str | None, base: str | None,
                  fix: bool, diff: bool, show_skipped: bool, jobs: int | None, no_cache: bool,
                  options: settings.Options) -> None:
    """Lint Pulumi programs under PATHS (default: the current folder; `-`: stdin)."""
    from apigw_lint.linter import baseline, report, terminal
    from apigw_lint.linter.lint import Run, listing, lint

    for flag, given in (("--statistics", statistics), ("--show-skipped", show_skipped)):
        if given and fmt not in ("text", "json"):
            raise click.UsageError(f"{flag} prints text or json, not {fmt}.")
    stdin = _stdin(paths, stdin_filename, fix or diff)
    if stdin is not None:
        paths = (stdin_filename,)  # type: ignore[assignment]
    targets = list(paths) or [Path(".")]
    revision = None
    try:
        bad = invalid_pattern(exclude)
        if bad is not None:
            raise settings.SettingsError(f"--exclude: not a gitignore pattern: {bad!r}")
        conf = settings.load(paths, options, fail_on)
        if options.show_settings:
            click.echo(conf.describe(exclude), nl=False)
            return
        if show_files:
            for path, why in listing(targets, exclude, conf, stdin):
                click.echo(f"{display(path)}{f': skipped: {why}' if why else ''}")
            return
        known = baseline.load(options.baseline) if options.baseline else None
    except (settings.SettingsError, baseline.BaselineError) as e:
        click.echo(f"apigw-lint: {e}", err=True)
        sys.exit(2)
    if base is not None:
        from apigw_lint.linter.revision import BaseError, Revision  # imports the catalogue
        try:
            revision = Revision(base, targets)
        except BaseError as e:
            click.echo(f"apigw-lint: {e}", err=True)
            sys.exit(2)
    with revision or contextlib.nullcontext(), terminal.progress(wanted=not quiet) as progress:
        def run(contents: dict[Path, bytes] | None = None) -> Result:
            return lint(targets, exclude, Run(conf, revision, show_skipped, fix or diff),
                        progress=progress, contents=contents or stdin, jobs=jobs,
                        cache=not no_cache)

        if fix or diff:
            from apigw_lint.linter import fix as fixing
            outcome = fixing.fix(run, write=not diff)
            result = outcome.result
        else:
            result = run()
    if diff:
        click.echo("".join(outcome.diffs), nl=False)
        _echo_unchecked(result)
        for line in [*result.diagnostics, *result.warnings]:
            click.echo(line, err=True)
        click.echo(f"Would fix {outcome.fixed} finding{'s' * (outcome.fixed != 1)}.", err=True)
        sys.exit(2 if result.failed else 1 if outcome.fixed and not exit_zero else 0)
    if fix:
        click.echo(f"{outcome.fixed} fixed.", err=True)
    if options.write_baseline:
        sys.exit(_write_baseline(options.write_baseline, result))
    if known is not None:
        result.reports, held = baseline.new(result.reports, known, options.baseline)
        if held:
            result.warnings.append(f"{held} finding{'s' * (held != 1)} in the baseline "
                                   "not shown.")
    colour = terminal.colour() if fmt == "text" and output is None else False
    out = report.statistics(result.reports, fmt) if statistics else \
        report.render(fmt, result.reports, styled=colour is not False)
    if result.skipped is not None and not statistics:
        from apigw_lint.linter import skipped
        if fmt == "json":
            out = skipped.merge_json(out, result.skipped)
        elif fmt == "text":
            out += skipped.text(result.skipped)
    if output is None:
        click.echo(out, nl=False, color=colour)
    else:
        try:
            report.write(output, out)
        except OSError as e:
            click.echo(f"apigw-lint: cannot write {output}: {e.strerror}", err=True)
            sys.exit(2)
    for line in [*result.diagnostics, *result.warnings]:
        click.echo(line, err=True)
    failing = _SEVERITIES[:_SEVERITIES.index(conf.fail_on) + 1]
    if fmt == "text" and not quiet:
        n = len(result.reports)
        unchecked = sum(r.unchecked for r in result.reports)
        click.echo(f"{n} finding{'s' * (n != 1)} in {result.files} file"
                   f"{'s' * (result.files != 1)}"
                   f"{f' ({unchecked} not checked)' if unchecked else ''}.", err=True)
        fixable = sum(r.fix is not None for r in result.reports)
        if fixable:
            click.echo(f"[*] {fixable} fixable with --fix.", err=True)
    code = exit_code(result, failing)
    sys.exit(0 if exit_zero and code == 1 and not result.diagnostics else code)


def _stdin(paths: tuple[Path, ...], filename: Path | None, fixing: bool
           ) -> dict[Path, bytes] | None:
    """The text on stdin as the file it stands for, when the run reads stdin."""
    dash = [p for p in paths if str(p) == "-"]
    if not dash and (paths or filename is None):
        if filename is not None:
            raise click.UsageError("--stdin-filename names the file stdin stands for: give `-` "
                                   "as the only PATH.")
        return None
    if len(paths) > 1:
        raise click.UsageError("`-` (stdin) must be the only PATH.")
    if filename is None:
        raise click.UsageError("`-` needs --stdin-filename: the file the text on stdin stands "
                               "for (its language, its project).")
    if fixing:
        raise click.UsageError("--fix and --diff change files, not stdin.")
    return {filename.absolute(): sys.stdin.buffer.read()}


def exit_code(result: Result, failing: tuple[str, ...]) -> int:
    """2: an internal error and nothing else to show (the files it hit are reported as not
    checked); 1: a finding at the fail level, a file that could not be checked (APIGW999, an
    error: its findings are unknown, so the run cannot pass, as Ruff exits 1 on a syntax error)
    or an internal error besides findings; else 0."""
    if result.failed and all(r.unchecked for r in result.reports):
        return 2
    return 1 if result.diagnostics or any(r.finding.severity in failing for r in result.reports) \
        else 0


def _echo_unchecked(result: Result) -> None:
    """The files not checked, on stderr, when the output has no findings (--diff, baselines)."""
    click.echo(text([r for r in result.reports if r.unchecked]), nl=False, err=True)


def _write_baseline(file: Path, result: Any) -> int:
    """Record the run's findings; the exit code: 1 when a file could not be checked (it is
    never recorded: a baseline must not hide it)."""
    from apigw_lint.linter import baseline

    _echo_unchecked(result)
    for line in [*result.diagnostics, *result.warnings]:
        click.echo(line, err=True)
    if result.failed:
        click.echo(f"apigw-lint: internal errors; {file} not written", err=True)
        return 2
    try:
        n = baseline.write(file, result.reports)
    except baseline.BaselineError as e:
        click.echo(f"apigw-lint: {e}", err=True)
        return 2
    click.echo(f"apigw-lint: recorded {n} finding{'s' * (n != 1)} in {file}", err=True)
    return 1 if any(r.unchecked for r in result.reports) else 0


@main.command("server")
def server_command() -> None:
    """Run the language server (LSP) on stdin and stdout, for editors."""
    try:
        from apigw_lint.linter.server import serve
    except ImportError as e:
        click.echo(f"apigw-lint: the server needs pygls ({e.name} is missing): "
                   "pip install 'apigw-lint[server]'", err=True)
        sys.exit(2)
    serve()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
def rules_command(fmt: str) -> None:
    """List the rule catalogue (markdown: the page docs/rules.md is generated as)."""
    from apigw_lint.rules import RULES, docs

    if fmt == "markdown":
        click.echo(docs.as_markdown(), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps([docs.as_json(r) for r in RULES.values()], indent=2))
        return
    for r in RULES.values():
        click.echo(f"{r.id}  {r.severity:<7}  {r.name:<40}  {r.title}")


@main.command("rule")
@click.argument("rule_id")
def rule_command(rule_id: str) -> None:
    """Print one rule's documentation: what it checks, why, examples, sources."""
    from apigw_lint.rules import RULES, docs

    r = RULES.get(rule_id.upper()) or next((x for x in RULES.values() if x.name == rule_id), None)
    if rule_id.upper() == settings.UNUSED_IGNORE or rule_id == settings.UNUSED_IGNORE_NAME:
        click.echo(settings.UNUSED_IGNORE_DOC, nl=False)
        return
    if r is None:
        click.echo(f"apigw-lint: {settings.unknown_rule(rule_id)} (`apigw-lint rules` lists "
                   "them)", err=True)
        sys.exit(2)
    click.echo(docs.as_text(r))
