"""Go programs through linter.go: the twins of the YAML parity programs (same rule ids per
integration as their Python originals in tests/programs/) and a program in the styles of public
ones (helpers, args structs, package-level names), with exact (resource, rule, property, line,
column)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitter_checks import check_twin

from .conftest import findings

HERE = Path(__file__).parent / "programs"

EXPECTED = {
    "lambda_http": [
        ("legacy-integration", "APIGW039", "passthroughBehavior", 69, 4),
        ("legacy-integration", "APIGW030", "timeoutMilliseconds", 70, 4),
        ("unpermitted-integration", "APIGW021", "integrationUri", 89, 4)],
    "vpc_link": [  # resources from a helper's struct in network.go, an import alias
        ("private-old-link", "APIGW027", "connectionId", 44, 4),
        ("private-reserved-header", "APIGW032",
         'requestParameters["overwrite:header.x-amz-date"]', 58, 40)],
    "websocket_mock": [  # the API from a helper's return, an args variable
        ("chat-slow", "APIGW030", "timeoutMilliseconds", 79, 4),
        ("chat-function-arn", "APIGW018", "integrationUri", 89, 4)],
    "helpers": [
        (None, "APIGW030", "timeoutMilliseconds", 19, 3),  # a const of settings.go; both
        # callers pass the same API, their names differ
        ("plain", "APIGW015", "", 69, 16),  # `later` and `handed` change: silent
        ("prod-function", "APIGW017", "integrationUri", 78, 4),  # Sprintf's known start
        (None, "APIGW029", "tlsConfig", 91, 5)],  # in a loop: the rest is known
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program(name: str) -> None:
    assert findings(HERE / name) == EXPECTED[name]


@pytest.mark.parametrize("name", ["lambda_http", "vpc_link", "websocket_mock"])
def test_twin_reports_what_the_python_original_expects(name: str) -> None:
    """The `# expect: resource RULE...` lines of the Python original, integration by integration."""
    check_twin(name, ((resource, rule) for resource, rule, *_ in findings(HERE / name)))
