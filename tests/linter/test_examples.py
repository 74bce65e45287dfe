"""Every catalogue example, rendered as a Pulumi program, linted by the installed CLI: an invalid
example yields its rule, a valid one does not. One process lints all of them (one file each);
examples with a `previous` context (APIGW044) are a git repository whose commit holds the program
before the change, linted with `--base HEAD` by a second process."""
from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from render_python import render_python, where

from apigw_lint.rules import LINTER, RULES, Example

from .conftest import EXECUTABLE

NAME = "example"


def _cases() -> list[Any]:
    cases = []
    for r in RULES.values():
        if LINTER not in r.engines:
            continue
        for kind, examples in (("invalid", r.invalid), ("valid", r.valid)):
            for i, ex in enumerate(examples):
                # a previous apiId has no source form (the linter compares Api resources)
                if LINTER in ex.engines and "apiId" not in ex.context.get("previous", {}):
                    cases.append(pytest.param(r.id, kind, ex, id=f"{r.id}-{kind}-{i}"))
    return cases


CASES = _cases()


def _write(folder: Path, project: str, example: Example) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "Pulumi.yaml").write_text(f"name: {project.lower()}\nruntime: python\n")
    (folder / "__main__.py").write_text(render_python(example, NAME))


def _before(example: Example) -> Example:
    """The example as it was: its `previous` values (None: unset) in place of today's."""
    previous = example.context["previous"]
    props = {k: v for k, v in {**example.props, **previous}.items() if v is not None}
    context = {k: v for k, v in example.context.items() if k != "previous"}
    return dataclasses.replace(example, props=props, context=context)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
                    "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True)


def _lint(root: Path, *options: str) -> dict[str, list[dict[str, Any]]]:
    """Folder name -> the findings reported on the example's integration."""
    p = subprocess.run([str(EXECUTABLE), "--format", "json", *options, str(root)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode in (0, 1), p.stderr
    assert "error" not in p.stderr, p.stderr
    out: dict[str, list[dict[str, Any]]] = {}
    for f in json.loads(p.stdout):
        if f["resource"] == NAME:
            out.setdefault(Path(f["path"]).parent.name, []).append(f)
    return out


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    root, based = tmp_path_factory.mktemp("examples"), tmp_path_factory.mktemp("based")
    changed = [case for case in CASES if "previous" in case.values[2].context]
    for case in CASES:
        if case not in changed:
            _write(root / case.id, case.id, case.values[2])
    _git(based, "init", "-q")
    for case in changed:
        _write(based / case.id, case.id, _before(case.values[2]))
    _git(based, "add", "-A")
    _git(based, "commit", "-q", "-m", "before")
    for case in changed:
        _write(based / case.id, case.id, case.values[2])
    return {**_lint(root), **_lint(based, "--base", "HEAD")}


@pytest.mark.parametrize("rule_id, kind, example", CASES)
def test_example(findings: dict[str, list[dict[str, Any]]], rule_id: str, kind: str,
                 example: Example, request: pytest.FixtureRequest) -> None:
    """Exactly the example's rule and its stated overlaps (`also`), or nothing at all; and the
    rule's findings exactly where the example says, at the line and column of the rendered
    program where that property is written."""
    found = findings.get(request.node.callspec.id, [])
    expected = {rule_id, *example.also} if kind == "invalid" else set()
    assert {f["rule"] for f in found} == {r for r in expected if LINTER in RULES[r].engines}
    if kind == "invalid":
        source = render_python(example, NAME)
        assert sorted((f["line"], f["column"]) for f in found if f["rule"] == rule_id) == \
            sorted(where(source, path) for path in example.paths), found
