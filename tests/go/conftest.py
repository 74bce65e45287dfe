"""Helpers: lint a Go project in-process through linter.go (test_cli.py runs the installed
CLI)."""
from __future__ import annotations

from sitter_checks import Lint

from apigw_lint.linter.go.integrations import Integrations
from apigw_lint.linter.go.project import Project

_LINT = Lint(Integrations, Project, "go")
write, integrations, findings = _LINT.write, _LINT.integrations, _LINT.findings
