"""Helpers: lint a .NET project in-process through linter.csharp (test_cli.py runs the
installed CLI)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from apigw_lint import rules
from apigw_lint.linter.csharp.integrations import Found, Integrations, NotCheckable
from apigw_lint.linter.csharp.project import Project

PULUMI_YAML = "name: test\nruntime: dotnet\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Pulumi.yaml").write_text(PULUMI_YAML)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
    return folder


def integrations(folder: Path) -> list[Found | NotCheckable]:
    return list(Integrations(Project(folder)).everything())


def findings(folder: Path) -> list[tuple[str | None, str, str, int, int]]:
    """(resource, rule, property, line, column) of every finding, sorted; APIGW999 for what
    cannot be checked, at the reason's position."""
    out: list[Any] = []
    for found in integrations(folder):
        if isinstance(found, NotCheckable):
            line, column = found.reason.split(":")[:2]
            out.append((None, "APIGW999", found.path.name, int(line), int(column)))
            continue
        for f in rules.run(found.model, engine=rules.LINTER):
            (line, column), _ = found.locate(f.path)
            out.append((found.resource, f.rule, f.property, line, column))
    return sorted(out, key=lambda x: (x[3], x[4], x[1]))
