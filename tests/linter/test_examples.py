"""Every catalogue example, rendered as a Pulumi program, linted by the installed CLI: an invalid
example yields its rule, a valid one does not. One process lints all of them (one file each)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from render_python import render_python

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
                # APIGW044 compares with a git revision (--base), not part of one source tree.
                if LINTER in ex.engines and "previous" not in ex.context:
                    cases.append(pytest.param(r.id, kind, ex, id=f"{r.id}-{kind}-{i}"))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Folder name -> rule ids reported on the example's integration."""
    root = tmp_path_factory.mktemp("examples")
    for case in CASES:
        folder = root / case.id
        folder.mkdir()
        (folder / "Pulumi.yaml").write_text(f"name: {case.id.lower()}\nruntime: python\n")
        (folder / "__main__.py").write_text(render_python(case.values[2], NAME))
    p = subprocess.run([str(EXECUTABLE), "--format", "json", str(root)], capture_output=True,
                       text=True, timeout=600)
    assert p.returncode in (0, 1), p.stderr
    assert "error" not in p.stderr, p.stderr
    out: dict[str, set[str]] = {case.id: set() for case in CASES}
    for f in json.loads(p.stdout):
        if f["resource"] == NAME:
            out[Path(f["path"]).parent.name].add(f["rule"])
    return out


@pytest.mark.parametrize("rule_id, kind, example", CASES)
def test_example(findings: dict[str, set[str]], rule_id: str, kind: str, example: Example,
                 request: pytest.FixtureRequest) -> None:
    got = findings[request.node.callspec.id]
    if kind == "invalid":
        assert rule_id in got, f"{rule_id} not reported; got {sorted(got)}"
    else:
        assert rule_id not in got, f"{rule_id} reported on a valid example"
