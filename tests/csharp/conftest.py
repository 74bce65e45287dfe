"""Helpers: lint a .NET project in-process through linter.csharp (test_cli.py runs the
installed CLI)."""
from __future__ import annotations

from sitter_checks import Lint

from apigw_lint.linter.csharp.integrations import Integrations
from apigw_lint.linter.csharp.project import Project

_LINT = Lint(Integrations, Project, "dotnet")
write, integrations, findings = _LINT.write, _LINT.integrations, _LINT.findings
