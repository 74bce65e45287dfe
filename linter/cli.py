"""The `apigw-lint` command line. `apigw-lint [PATHS]...` lints; `rules` and `rule ID` print the
catalogue. A first argument that is not a subcommand name is a path to lint."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .lint import Result

_SEVERITIES = ("error", "warning", "info")  # most severe first, as rules.SEVERITIES


class _LintByDefault(click.Group):
    """Run `check` unless the first argument names another subcommand (as `ruff` did for years)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands or args[0] == "check":
            if args[:1] != ["check"] and not (args and args[0] in ("--help", "--version")):
                args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="apigw-lint", prog_name="apigw-lint")
def main() -> None:
    """Find mistakes in AWS API Gateway V2 integrations of Pulumi programs before deploying.

    To lint a folder whose name is also a subcommand (`rules`), write it as `./rules`."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print findings.")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="gitignore-style pattern of files or folders to skip (repeatable).")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default="info", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--base", metavar="REV",
              help="Git revision to compare with: report changes that replace an integration "
                   "(APIGW044).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for Python files (default: one per CPU, at most one per "
                   "project with candidate files).")
@click.option("--no-cache", is_flag=True,
              help="Neither reuse nor keep results of earlier runs (kept per project, reused only "
                   "when no file they depend on changed).")
def check_command(paths: tuple[Path, ...], fmt: str, exclude: tuple[str, ...], fail_on: str,
                  base: str | None, jobs: int | None, no_cache: bool) -> None:
    """Lint Pulumi programs under PATHS (default: the current folder)."""
    from apigw_lint.linter import report
    from apigw_lint.linter.lint import lint

    targets = list(paths) or [Path(".")]
    revision = None
    if base is not None:
        from apigw_lint.linter.base import BaseError, Revision  # imports the catalogue
        try:
            revision = Revision(base, targets)
        except BaseError as e:
            click.echo(f"apigw-lint: {e}", err=True)
            sys.exit(2)
    with revision or contextlib.nullcontext():
        result = lint(targets, exclude, revision, jobs, not no_cache)
    click.echo(report.as_json(result.reports) if fmt == "json" else report.text(result.reports),
               nl=False)
    for line in result.diagnostics:
        click.echo(line, err=True)
    failing = _SEVERITIES[:_SEVERITIES.index(fail_on) + 1]
    if fmt == "text":
        n = len(result.reports)
        click.echo(f"{n} finding{'s' * (n != 1)} in {result.files} file"
                   f"{'s' * (result.files != 1)}.", err=True)
    sys.exit(exit_code(result, failing))


def exit_code(result: Result, failing: tuple[str, ...]) -> int:
    """2: an internal error and nothing else to show; 1: a finding at the fail level, or a file
    that could not be checked (its findings are unknown, so the run cannot pass); else 0."""
    if result.failed and not result.reports:
        return 2
    return 1 if result.diagnostics or any(r.finding.severity in failing for r in result.reports) \
        else 0


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
    if r is None:
        click.echo(f"apigw-lint: no rule {rule_id!r}; `apigw-lint rules` lists them.", err=True)
        sys.exit(2)
    click.echo(docs.as_text(r))
