"""Every catalogue example, rendered as a C# program, gives exactly the rule ids the
catalogue's own model gives (rules.run on Example.model(), the linter's engine), which are the
example's rule and its stated overlaps (`also`), or none for a valid one."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from render_csharp import render_csharp

from apigw_lint import rules
from apigw_lint.rules import LINTER, RULES, Example

from .conftest import integrations, write


def _cases() -> list[Any]:
    cases = []
    for r in RULES.values():
        if LINTER not in r.engines:
            continue
        for kind, examples in (("invalid", r.invalid), ("valid", r.valid)):
            for i, ex in enumerate(examples):
                # `previous` needs --base (a git revision): the check loop's test covers it
                if LINTER in ex.engines and "previous" not in ex.context:
                    cases.append(pytest.param(r.id, kind, ex, id=f"{r.id}-{kind}-{i}"))
    return cases


@pytest.mark.parametrize("rule_id, kind, example", _cases())
def test_example(tmp_path: Path, rule_id: str, kind: str, example: Example) -> None:
    write(tmp_path, {"Program.cs": render_csharp(example)})
    found = [f for f in integrations(tmp_path) if getattr(f, "resource", None) == "example"]
    assert len(found) == 1, found
    got = sorted({f.rule for f in rules.run(found[0].model, engine=LINTER)})
    expected = sorted({f.rule for f in rules.run(example.model(), engine=LINTER)})
    assert got == expected
    stated = {rule_id, *example.also} if kind == "invalid" else set()  # and as the catalogue says
    assert set(got) == {r for r in stated if LINTER in RULES[r].engines}
