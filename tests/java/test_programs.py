"""Java programs through linter.java: the twins of the YAML parity programs (same rule ids per
integration as their Python originals in tests/programs/), with exact (resource, rule, property,
line, column)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitter_checks import check_twin

from .conftest import findings

HERE = Path(__file__).parent / "programs"

EXPECTED = {
    "lambda_http": [
        ("legacy-integration", "APIGW039", "passthroughBehavior", 64, 14),
        ("legacy-integration", "APIGW030", "timeoutMilliseconds", 65, 14),  # 60 * 1000
        ("unpermitted-integration", "APIGW021", "integrationUri", 78, 14)],
    "vpc_link": [
        ("private-old-link", "APIGW027", "connectionId", 82, 14),  # fully qualified v1 link
        ("private-reserved-header", "APIGW032",
         'requestParameters["overwrite:header.x-amz-date"]', 94, 39)],  # the Map.of key
    "websocket_mock": [
        ("chat-slow", "APIGW030", "timeoutMilliseconds", 64, 18),  # a static final constant
        ("chat-function-arn", "APIGW018", "integrationUri", 71, 18)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program(name: str) -> None:
    assert findings(HERE / name) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_twin_reports_what_the_python_original_expects(name: str) -> None:
    """The `# expect: resource RULE...` lines of the Python original, integration by integration."""
    check_twin(name, ((resource, rule) for resource, rule, *_ in findings(HERE / name)))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_twin_through_the_cli(lint, name: str) -> None:
    run = lint("--format", "json", HERE / name)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert sorted((f["resource"], f["rule"], f["property"], f["line"], f["column"])
                  for f in run.json) == sorted(EXPECTED[name])
