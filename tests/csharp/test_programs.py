"""C# programs through linter.csharp: the twins of the YAML parity programs (same rule ids per
integration as their Python originals in tests/programs/) and a program in the styles of public
ones, with exact (resource, rule, property, line, column)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitter_checks import check_twin

from .conftest import findings

HERE = Path(__file__).parent / "programs"

EXPECTED = {
    "lambda_http": [
        ("legacy-integration", "APIGW039", "passthroughBehavior", 56, 9),
        ("legacy-integration", "APIGW030", "timeoutMilliseconds", 57, 9),  # 60 * 1000
        ("unpermitted-integration", "APIGW021", "integrationUri", 72, 9)],
    "vpc_link": [
        ("private-old-link", "APIGW027", "connectionId", 61, 9),
        ("private-reserved-header", "APIGW032",
         'requestParameters["overwrite:header.x-amz-date"]', 75, 13)],  # `["k"] = v`
    "websocket_mock": [  # a Stack's constructor, a private const
        ("chat-slow", "APIGW030", "timeoutMilliseconds", 56, 13),
        ("chat-function-arn", "APIGW018", "integrationUri", 62, 13)],
    "styles": [
        ("proxy-a", "APIGW017", "integrationUri", 16, 9),  # Output.Format's known prefix
        ("proxy-a", "APIGW030", "timeoutMilliseconds", 17, 9),  # a const of another file
        # `reassigned` (a local assigned twice, a config value) and `changed-args` (an args
        # object changed after it is made) are silent
        ("from-args", "APIGW010", "payloadFormatVersion", 38, 9),  # an args object by name
        (None, "APIGW029", "tlsConfig", 54, 13),  # in a loop: the rest is known
        ("typo", "APIGW049", "", 64, 5),
        ("typo", "APIGW048", "IntergrationType", 67, 9),
        ("helper", "APIGW030", "timeoutMilliseconds", 83, 13)],  # `=> new(...)`, a parameter
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program(name: str) -> None:
    assert findings(HERE / name) == EXPECTED[name]


@pytest.mark.parametrize("name", ["lambda_http", "vpc_link", "websocket_mock"])
def test_twin_reports_what_the_python_original_expects(lint, name: str) -> None:
    """The `# expect: resource RULE...` lines of the Python original, integration by integration,
    from the CLI run as a process on the twin."""
    run = lint("--format", "json", HERE / name)
    assert run.code == 1, run.stderr
    check_twin(name, ((f["resource"], f["rule"]) for f in run.json))


def test_show_skipped_says_why_in_csharp_terms(lint) -> None:
    run = lint("check", "--show-skipped", HERE / "styles")
    lines = {line.split("styles/")[1] for line in run.stdout.splitlines()
             if "skipped APIGW030" in line or "skipped APIGW017" in line}
    assert lines == {
        "Program.cs:22:5: reassigned: skipped APIGW030 (timeoutMilliseconds: 'timeout' is "
        "assigned more than once)",
        "Program.cs:40:5: from-args: skipped APIGW017 (integrationUri: Settings.Mutable is not a "
        "constant (const or static readonly) of the project)",
        "Program.cs:44:5: changed-args: skipped APIGW017 (connectionType, integrationType: may "
        "be set by the args object changed)",
        "Program.cs:44:5: changed-args: skipped APIGW030 (timeoutMilliseconds: may be set by "
        "the args object changed)",
        "Program.cs:77:9: helper: skipped APIGW017 (integrationUri: 'uri' is a parameter)"}
