"""Helpers: lint a Java project in-process through linter.java (test_cli.py runs the installed
CLI)."""
from __future__ import annotations

from sitter_checks import Lint

from apigw_lint.linter.java.integrations import Integrations
from apigw_lint.linter.java.project import Project

_LINT = Lint(Integrations, Project, "java")
write, integrations, findings = _LINT.write, _LINT.integrations, _LINT.findings
