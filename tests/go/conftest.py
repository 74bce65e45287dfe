"""Helpers: lint a Go project in-process through linter.go (test_cli.py runs the installed
CLI)."""
from __future__ import annotations

from pathlib import Path

import sitter_checks

from apigw_lint.linter.go.integrations import Found, Integrations, NotCheckable
from apigw_lint.linter.go.project import Project

PULUMI_YAML = "name: test\nruntime: go\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    return sitter_checks.write(folder, files, PULUMI_YAML)


def integrations(folder: Path) -> list[Found | NotCheckable]:
    return list(Integrations(Project(folder)).everything())


def findings(folder: Path) -> list[tuple[str | None, str, str, int, int]]:
    return sitter_checks.findings(integrations(folder))
