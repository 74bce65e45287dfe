"""The `apigw-lint` command line. `apigw-lint [PATHS]...` lints; `rules` and `rule ID` print the
catalogue. A first argument that is not a subcommand name is a path to lint."""
from __future__ import annotations

import json
import sys

import click


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
