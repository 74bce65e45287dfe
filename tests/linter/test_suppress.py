"""`# apigw-lint: ignore[...]` comments in Python and Pulumi YAML programs, unused suppressions and
unsuppressible rules, through the installed CLI on real files in tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

# An HTTP API integration with APIGW039 (line 9) and APIGW030 (line 10); the call spans 5-11.
CALL = """\
import pulumi_aws as aws

api = aws.apigatewayv2.Api("shop", protocol_type="HTTP")
{above}
products = aws.apigatewayv2.Integration({first}
    "products", api_id=api.id, integration_type="HTTP_PROXY",{middle}
    integration_method="ANY",
    integration_uri="https://example.com/{{proxy}}",
    passthrough_behavior="WHEN_NO_MATCH",{passthrough}
    timeout_milliseconds=60_000,{timeout}
){last}
"""
BOTH = [("APIGW030", 10), ("APIGW039", 9)]


def program(tmp_path: Path, **comments: str) -> Path:
    slots = dict.fromkeys(("above", "first", "middle", "passthrough", "timeout", "last"), "")
    slots.update(comments)
    path = tmp_path / "__main__.py"
    path.write_text(CALL.format(**slots))
    return path


@pytest.mark.parametrize("slot", ["first", "middle", "timeout", "last"])
def test_a_comment_on_any_line_of_the_call(lint, tmp_path: Path, slot: str) -> None:
    program(tmp_path, **{slot: "  # apigw-lint: ignore[APIGW030]"})
    run = lint("--format", "json", tmp_path)
    assert run.found() == [("APIGW039", 9)], run.stderr


def test_a_comment_alone_on_the_line_above(lint, tmp_path: Path) -> None:
    program(tmp_path, above="# apigw-lint: ignore[APIGW030, apigw-websocket-only-property]")
    run = lint("--format", "json", tmp_path)
    assert run.found() == [] and run.code == 0, run.stdout + run.stderr


def test_a_bare_ignore_suppresses_every_rule(lint, tmp_path: Path) -> None:
    program(tmp_path, last="  # noqa  # apigw-lint: ignore")
    assert lint("--format", "json", tmp_path).found() == []


@pytest.mark.parametrize("comments", [
    {"above": "# apigw-lint: ignore\n"},  # two lines above: a blank line between
    {"above": 'note = "# apigw-lint: ignore  # in a string"'},  # on the line above
    {"middle": "  # see docs/apigw-lint.md"},
    {"last": "\n# apigw-lint: ignore"},  # the line after the call
])
def test_what_does_not_suppress(lint, tmp_path: Path, comments: dict[str, str]) -> None:
    lines = program(tmp_path, **comments).read_text().splitlines()
    run = lint("--format", "json", tmp_path)
    assert run.found() == sorted(
        (rule, next(i for i, line in enumerate(lines, 1) if arg in line))
        for rule, arg in (("APIGW030", "timeout_"), ("APIGW039", "passthrough_"))), run.stdout


def test_a_string_on_the_call_is_not_a_comment(lint, tmp_path: Path) -> None:
    program(tmp_path, middle='\n    description="# apigw-lint: ignore  # in a string",')
    assert [r for r, _ in lint("--format", "json", tmp_path).found()] == ["APIGW030", "APIGW039"]


def test_a_comment_on_a_previous_call_does_not_reach_the_next(lint, tmp_path: Path) -> None:
    path = program(tmp_path)
    path.write_text(path.read_text().replace("\n\nproducts", "\nprint(api)  # apigw-lint: ignore\nproducts"))
    assert len(lint("--format", "json", tmp_path).json) == 2


def test_an_args_object_elsewhere_suppressed_on_its_own_line(lint, tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text(
        "import pulumi_aws as aws\n"
        "from pulumi_aws.apigatewayv2 import Integration, IntegrationArgs\n"
        'api = aws.apigatewayv2.Api("shop", protocol_type="HTTP")\n'
        "ARGS = IntegrationArgs(\n"
        '    api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",\n'
        '    integration_uri="https://example.com",\n'
        "    timeout_milliseconds=60_000,  # apigw-lint: ignore[APIGW030]\n"
        ")\n"
        'x = Integration("x", ARGS)\n')
    run = lint("--format", "json", tmp_path)
    assert run.json == [] and run.code == 0, run.stdout


def test_unknown_rule_in_a_comment_is_a_warning(lint, tmp_path: Path) -> None:
    program(tmp_path, timeout="  # apigw-lint: ignore[APIGW030, APIGW998]",
            passthrough="  # apigw-lint: ignroe")
    run = lint("--format", "json", tmp_path)
    assert run.found() == [("APIGW039", 9)]
    assert "__main__.py:10:35: warning: apigw-lint: ignore names an unknown rule 'APIGW998'" \
        in run.stderr
    assert "__main__.py:9:44: warning: not an apigw-lint directive" in run.stderr


def test_unused_ignores_are_reported_on_request(lint, tmp_path: Path) -> None:
    program(tmp_path, above="# apigw-lint: ignore[APIGW030, APIGW039, APIGW001]",
            last="  # apigw-lint: ignore[APIGW045]")
    (tmp_path / "other.py").write_text(
        "import pulumi_aws as aws\n"
        "# apigw-lint: ignore\n"
        'x = aws.apigatewayv2.Integration("x", api_id="a", integration_type="MOCK")\n')
    run = lint("--format", "json", tmp_path)
    assert (run.code, run.json) == (0, [])

    run = lint("--format", "json", "--report-unused-ignores", tmp_path)
    assert run.code == 1
    unused = [(f["rule"], f["name"], f["severity"], Path(f["path"]).name, f["line"],
               f["column"], f["message"]) for f in run.json]
    assert unused == [
        ("APIGW000", "apigw-unused-ignore", "warning", "__main__.py", 4, 1,
         "APIGW000 unused suppression: no APIGW001 finding to suppress here"),
        ("APIGW000", "apigw-unused-ignore", "warning", "__main__.py", 11, 4,
         "APIGW000 unused suppression: no APIGW045 finding to suppress here"),
        ("APIGW000", "apigw-unused-ignore", "warning", "other.py", 2, 1,
         "APIGW000 unused suppression: no finding to suppress here"),
    ], run.stdout
    # a warning: only a run that fails on warnings fails on it, unless the configuration says
    assert lint("--report-unused-ignores", "--fail-on", "error", tmp_path).code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.apigw-lint]\nseverity = {APIGW000 = "error"}\n')
    assert lint("--report-unused-ignores", "--fail-on", "error", tmp_path).code == 1


def test_rules_that_did_not_run_are_not_unused(lint, tmp_path: Path) -> None:
    program(tmp_path, timeout="  # apigw-lint: ignore[APIGW030]")
    run = lint("--format", "json", "--report-unused-ignores", "--select", "APIGW039", tmp_path)
    assert run.found() == [("APIGW039", 9)], run.stdout


def test_unsuppressible_rules(lint, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.apigw-lint]\nunsuppressible = ["apigw-timeout-range"]\n')
    program(tmp_path, first="  # apigw-lint: ignore")
    run = lint("--format", "json", "--report-unused-ignores", tmp_path)
    assert run.found() == [("APIGW030", 10)] and run.code == 1, run.stdout
    assert run.stderr.count("is unsuppressible") == 1
    assert "__main__.py:5:43: warning: APIGW030 is unsuppressible (pyproject.toml); the " \
        "apigw-lint: ignore comment does not suppress it" in run.stderr


YAML = """\
name: chat
runtime: yaml
resources:
  api:
    type: aws:apigatewayv2:Api
    properties:
      protocolType: WEBSOCKET
{above}
  slow:{key}
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${{api.id}}
      integrationType: MOCK
      description: {description}
      requestTemplates:
        application/json: |
          {{"statusCode": 200}}
          # apigw-lint: ignore
      timeoutMilliseconds: 30000{timeout}
  # apigw-lint: ignore[APIGW030]
  next:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${{api.id}}
      integrationType: MOCK
      timeoutMilliseconds: 29000
outputs:
  url: ${{api.apiEndpoint}}
"""


@pytest.mark.parametrize("where, suppressed", [
    ({"above": "  # apigw-lint: ignore[APIGW030]"}, True),
    ({"key": "  # apigw-lint: ignore[apigw-timeout-range]"}, True),
    ({"timeout": "  # apigw-lint: ignore"}, True),
    ({"description": '"x # apigw-lint: ignore  # in a string"'}, False),
    ({"description": "x  # apigw-lint: ignore[APIGW030]"}, True),
    ({}, False),
])
def test_yaml_program(lint, tmp_path: Path, where: dict[str, str], suppressed: bool) -> None:
    slots = {"above": "", "key": "", "timeout": "", "description": "plain"}
    slots.update(where)
    (tmp_path / "Pulumi.yaml").write_text(YAML.format(**slots))
    run = lint("--format", "json", "--report-unused-ignores", tmp_path)
    rules = sorted((f["rule"], f["resource"]) for f in run.json)
    # the block scalar's "# apigw-lint: ignore" line is template text, not a comment
    # the comment above `next:` suppresses nothing there: it is reported, never applied to `slow`
    assert rules == [("APIGW000", None)] + ([] if suppressed else [("APIGW030", "slow")]), \
        run.stdout + run.stderr


def test_yaml_with_windows_line_ends(lint, tmp_path: Path) -> None:
    text = YAML.format(above="", key="", timeout="  # apigw-lint: ignore", description="plain")
    (tmp_path / "Pulumi.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    run = lint("--format", "json", tmp_path)
    assert run.json == [] and run.code == 0, run.stdout + run.stderr
