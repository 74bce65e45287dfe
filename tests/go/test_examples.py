"""Every catalogue example, rendered as a Go program, gives exactly the rule ids the
catalogue's own model gives (rules.run on Example.model(), the linter's engine), which are the
example's rule and its stated overlaps (`also`), or none for a valid one."""
from __future__ import annotations

from pathlib import Path

import pytest
from render_go import render_go
from sitter_checks import check_example, example_cases

from apigw_lint.rules import Example

from .conftest import integrations, write


@pytest.mark.parametrize("rule_id, kind, example", example_cases())
def test_example(tmp_path: Path, rule_id: str, kind: str, example: Example) -> None:
    write(tmp_path, {"main.go": render_go(example)})
    check_example(integrations(tmp_path), rule_id, kind, example)
