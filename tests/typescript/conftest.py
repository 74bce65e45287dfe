"""Helpers: lint a TypeScript project in-process through linter.typescript (test_cli.py runs
the installed CLI)."""
from __future__ import annotations

from sitter_checks import Lint

from apigw_lint.linter.typescript.integrations import Integrations
from apigw_lint.linter.typescript.project import Project

_LINT = Lint(Integrations, Project, "nodejs")
write, integrations, findings = _LINT.write, _LINT.integrations, _LINT.findings
pulumi_yaml = _LINT.pulumi_yaml
