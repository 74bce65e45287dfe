"""TypeScript / JavaScript programs through linter.typescript: the twins of the YAML parity
programs (same rule ids per integration as their Python originals in tests/programs/) and a
program in the styles of public ones, with exact (resource, rule, property, line, column)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitter_checks import check_twin

from .conftest import findings

HERE = Path(__file__).parent / "programs"

EXPECTED = {
    "lambda_http": [
        ("legacy-integration", "APIGW039", "passthroughBehavior", 43, 5),
        ("legacy-integration", "APIGW030", "timeoutMilliseconds", 44, 5),
        ("unpermitted-integration", "APIGW021", "integrationUri", 57, 5)],
    "vpc_link": [
        ("private-old-link", "APIGW027", "connectionId", 29, 5),
        ("private-reserved-header", "APIGW032",
         'requestParameters["overwrite:header.x-amz-date"]', 39, 26)],
    "websocket_mock": [
        ("chat-slow", "APIGW030", "timeoutMilliseconds", 43, 5),
        ("chat-function-arn", "APIGW018", "integrationUri", 50, 5)],
    "component": [
        (None, "APIGW030", "timeoutMilliseconds", 20, 13),  # both callers pass http, 45_000
        (None, "APIGW047", "integrationType", 31, 9),  # callers disagree on the API
        (None, "APIGW011", "payloadFormatVersion", 32, 9),
        (None, "APIGW030", "timeoutMilliseconds", 33, 9),  # `export { T as D }`, `!`
        ("proxy-a", "APIGW017", "integrationUri", 44, 9),  # interpolate's prefix, satisfies
        (None, "APIGW029", "tlsConfig", 54, 9),  # in a loop: the rest is known
        ("reassigned", "APIGW010", "payloadFormatVersion", 67, 5)],  # computed key, known
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program(name: str) -> None:
    assert findings(HERE / name) == EXPECTED[name]


@pytest.mark.parametrize("name", ["lambda_http", "vpc_link", "websocket_mock"])
def test_twin_reports_what_the_python_original_expects(name: str) -> None:
    """The `# expect: resource RULE...` lines of the Python original, integration by integration."""
    check_twin(name, ((resource, rule) for resource, rule, *_ in findings(HERE / name)))
