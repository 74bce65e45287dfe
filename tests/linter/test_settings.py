"""[tool.apigw-lint] in pyproject.toml and the options that override it, through the installed CLI
on real projects in tmp_path."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from apigw_lint.rules import LINTER, RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# An HTTP API integration with APIGW030 (line 8) and APIGW039 (line 7).
PROGRAM = """\
import pulumi_aws as aws

api = aws.apigatewayv2.Api("shop", protocol_type="HTTP")
products = aws.apigatewayv2.Integration(
    "products", api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",
    integration_uri="https://example.com/{proxy}",
    passthrough_behavior="WHEN_NO_MATCH",
    timeout_milliseconds=60_000,
)
"""
BOTH = [("APIGW030", 8), ("APIGW039", 7)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def project(root: Path, config: str, program: str = PROGRAM) -> Path:
    """root/pyproject.toml with config under [tool.apigw-lint], and root/infra/__main__.py."""
    write(root / "pyproject.toml", '[project]\nname = "shop"\n\n[tool.apigw-lint]\n'
          + textwrap.dedent(config))
    write(root / "infra" / "__main__.py", program)
    return root / "infra"


def test_nearest_pyproject_above_the_path(lint, tmp_path: Path) -> None:
    infra = project(tmp_path, 'ignore = ["APIGW039"]\n')
    # a nearer pyproject.toml without the table is not ours (as Ruff skips one without [tool.ruff])
    write(infra / "pyproject.toml", '[project]\nname = "infra"\n')
    run = lint("--format", "json", infra)
    assert run.found() == [("APIGW030", 8)] and run.code == 1, run.stderr
    # from inside the project with no path, and from elsewhere with a file path
    assert lint("--format", "json", cwd=infra).found() == [("APIGW030", 8)]
    assert lint("--format", "json", infra / "__main__.py").found() == [("APIGW030", 8)]
    assert lint("--format", "json", "--isolated", infra).found() == BOTH


@pytest.mark.parametrize("config, args, expected", [
    ('select = ["APIGW03"]\n', [], [("APIGW030", 8), ("APIGW039", 7)]),
    ('select = ["apigw-timeout-range"]\n', [], [("APIGW030", 8)]),
    ('select = ["APIGW030"]\nextend-select = ["APIGW039"]\n', [], BOTH),
    ('ignore = ["APIGW0"]\n', [], []),
    # the command line overrides the file: --select starts afresh, --ignore removes
    ('select = ["APIGW030"]\n', ["--select", "APIGW039"], [("APIGW039", 7)]),
    ('ignore = ["APIGW039"]\n', ["--select", "APIGW039,APIGW030"], BOTH),
    ('select = ["APIGW030"]\n', ["--extend-select", "apigw-websocket-only-property"], BOTH),
    ('', ["--ignore", "APIGW030", "--ignore", "APIGW001"], [("APIGW039", 7)]),
])
def test_rule_selection(lint, tmp_path: Path, config: str, args: list[str],
                        expected: list[tuple[str, int]]) -> None:
    infra = project(tmp_path, config)
    run = lint("--format", "json", *args, infra)
    assert run.found() == expected, run.stderr
    assert run.code == (1 if expected else 0)


def test_severity_override_changes_the_exit_code(lint, tmp_path: Path) -> None:
    program = PROGRAM.replace('    passthrough_behavior="WHEN_NO_MATCH",\n', "")
    infra = project(tmp_path, "", program)
    run = lint("--format", "json", "--fail-on", "error", infra)
    assert [(f["rule"], f["severity"]) for f in run.json] == [("APIGW030", "error")]
    assert run.code == 1
    project(tmp_path, 'severity = { APIGW030 = "warning" }\n', program)
    run = lint("--format", "json", "--fail-on", "error", infra)
    assert [(f["rule"], f["severity"]) for f in run.json] == [("APIGW030", "warning")]
    assert run.code == 0
    assert "APIGW030 [warning]" in lint(infra).stdout
    # fail-on from the file, and the command line over it
    project(tmp_path, 'fail-on = "error"\nseverity = { apigw-timeout-range = "info" }\n', program)
    assert lint(infra).code == 0
    assert lint("--fail-on", "info", infra).code == 1


def test_per_file_ignores_and_exclude_are_relative_to_the_config(lint, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    project(root, """\
        exclude = ["generated/"]
        [tool.apigw-lint.per-file-ignores]
        "legacy/" = ["APIGW030"]
        "*_old.py" = ["apigw-websocket-only-property"]
    """)
    write(root / "legacy" / "stack.py", PROGRAM)
    write(root / "infra" / "stack_old.py", PROGRAM)
    write(root / "generated" / "stack.py", PROGRAM)
    # run from outside the project: the patterns still anchor at the pyproject's folder
    run = lint("--format", "json", root, cwd=tmp_path)
    found = sorted((f["path"], f["rule"]) for f in run.json)
    assert found == [("repo/infra/__main__.py", "APIGW030"), ("repo/infra/__main__.py", "APIGW039"),
                     ("repo/infra/stack_old.py", "APIGW030"),
                     ("repo/legacy/stack.py", "APIGW039")], run.stderr
    # --exclude adds to the file's exclude, relative to the current folder
    run = lint("--format", "json", "--exclude", "repo/infra/", root, cwd=tmp_path)
    assert {f["path"] for f in run.json} == {"repo/legacy/stack.py"}


API_ID_PROGRAM = """\
import pulumi_aws as aws

API_ID = "a1b2c3d4e5"
chat = aws.apigatewayv2.Integration(
    "chat", api_id=API_ID, integration_type="MOCK", timeout_milliseconds=29_500,
)
"""
API_ID_YAML = """\
name: chat
runtime: yaml
resources:
  chat:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: a1b2c3d4e5
      integrationType: MOCK
      timeoutMilliseconds: 29500
"""


def test_api_protocols_for_an_api_defined_elsewhere(lint, tmp_path: Path) -> None:
    """29500 ms is too long only for a WebSocket API: silent while the API is unknown."""
    infra = project(tmp_path, "", API_ID_PROGRAM)
    write(infra / "yaml" / "Pulumi.yaml", API_ID_YAML)
    assert lint("--format", "json", infra).json == []
    project(tmp_path, '[tool.apigw-lint.api-protocols]\na1b2c3d4e5 = "WEBSOCKET"\n',
            API_ID_PROGRAM)
    run = lint("--format", "json", infra)
    assert run.found() == [("APIGW030", 5), ("APIGW030", 9)], run.stderr
    assert all("WebSocket API" in f["message"] for f in run.json)
    # on an HTTP API the timeout is fine, and MOCK is not an HTTP API integration type
    project(tmp_path, '[tool.apigw-lint.api-protocols]\na1b2c3d4e5 = "HTTP"\n', API_ID_PROGRAM)
    assert lint("--format", "json", infra).found() == [("APIGW001", 5), ("APIGW001", 8)]


@pytest.mark.parametrize("config, key", [
    ('selct = ["APIGW030"]\n', "unknown key 'selct'; did you mean 'select'?"),
    ('select = "APIGW030"\n', "select: expected a list of strings"),
    ('ignore = ["APIGW998"]\n', "ignore: unknown rule 'APIGW998'"),
    # a file that could not be checked cannot be turned off (as Ruff's syntax errors cannot)
    ('ignore = ["APIGW999"]\n', "ignore: 'APIGW999' names APIGW999: a file that could not be "
                                 "checked is always reported, as an error"),
    ('per-file-ignores = { "x/" = ["apigw-file-not-checked"] }\n',
     "per-file-ignores.\"x/\": 'apigw-file-not-checked' names APIGW999"),
    ('severity = { APIGW999 = "info" }\n', "severity.APIGW999: 'APIGW999' names APIGW999"),
    ('extend-select = ["E501"]\n', "extend-select: unknown rule 'E501'"),
    ('severity = { APIGW030 = "fatal" }\n', "severity.APIGW030: expected one of error, warning"),
    ('severity = { APIGW03 = "info" }\n', "severity.APIGW03: unknown rule 'APIGW03'"),
    ('fail-on = "critical"\n', "fail-on: expected one of error, warning, info"),
    ('force-exclude = "yes"\n', 'force-exclude: expected true or false, not "yes"'),
    ('per-file-ignores = { "tests/" = ["nope"] }\n', 'per-file-ignores."tests/": unknown rule'),
    ('per-file-ignores = ["tests/"]\n', "per-file-ignores: expected a table"),
    ('unsuppressible = [30]\n', "unsuppressible: expected a list of strings"),
    ('api-protocols = { abc = "REST" }\n', 'api-protocols."abc": expected one of HTTP, WEBSOCKET'),
    ('select = [\n', "not valid TOML"),
])
def test_bad_configuration_is_one_line_and_exit_2(lint, tmp_path: Path, config: str,
                                                  key: str) -> None:
    infra = project(tmp_path, config)
    for args in ([infra], ["--show-settings", infra]):
        run = lint(*args, cwd=tmp_path)
        assert run.code == 2 and run.stdout == ""
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
        assert run.stderr.startswith("apigw-lint: pyproject.toml:") and key in run.stderr, \
            run.stderr


def test_bad_command_line(lint, tmp_path: Path) -> None:
    infra = project(tmp_path, "")
    for args, message in ((["--select", "APIGW8"], "--select: unknown rule 'APIGW8'"),
                          (["--ignore", "APIGW9"], "--ignore: 'APIGW9' names APIGW999: a file "
                           "that could not be checked is always reported, as an error"),
                          (["--config", tmp_path / "pyproject.toml", "--isolated"],
                           "--config and --isolated cannot be used together"),
                          (["--config", write(tmp_path / "black.toml", "[tool.black]\n")],
                           "black.toml: no [tool.apigw-lint] table"),
                          (["--config", infra / "__main__.py"], "__main__.py: not valid TOML")):
        run = lint(*args, infra)
        assert run.code == 2 and message in run.stderr and "Traceback" not in run.stderr, \
            run.stderr


def test_config_file_and_show_settings(lint, tmp_path: Path) -> None:
    infra = project(tmp_path, 'ignore = ["APIGW039"]\n')
    other = write(tmp_path / "ci" / "lint.toml", """\
        [tool.apigw-lint]
        select = ["APIGW039"]
        severity = { APIGW039 = "error" }
        exclude = ["build-*/"]
        force-exclude = true
        unsuppressible = ["APIGW03"]
        api-protocols = { "a1b2c3" = "HTTP" }
        [tool.apigw-lint.per-file-ignores]
        "legacy/" = ["APIGW039"]
    """)
    run = lint("--format", "json", "--config", other, infra)
    assert [(f["rule"], f["severity"]) for f in run.json] == [("APIGW039", "error")]

    run = lint("--show-settings", "--config", other, "--fail-on", "warning", "--ignore",
               "APIGW039", "--extend-select", "APIGW001", infra)
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"# settings from {other} [tool.apigw-lint]\n")
    shown = tomllib.loads(run.stdout)
    assert shown == {
        "rules": ["APIGW001", "APIGW999"], "severity": {"APIGW039": "error"},
        "exclude": ["build-*/"], "force-exclude": True,
        "per-file-ignores": {"legacy/": ["APIGW039"]}, "fail-on": "warning",
        "unsuppressible": [f"APIGW03{i}" for i in range(10)],
        "api-protocols": {"a1b2c3": "HTTP"}, "report-unused-ignores": False,
    }
    # the command line wins over the file, either way
    for flag, expected in (("--no-force-exclude", False), ("--force-exclude", True)):
        run = lint("--show-settings", "--config", other, flag, infra)
        assert tomllib.loads(run.stdout)["force-exclude"] is expected, run.stdout
    run = lint("--show-settings", "--isolated", "--force-exclude", infra)
    assert tomllib.loads(run.stdout)["force-exclude"] is True

    run = lint("--show-settings", infra)
    assert run.stdout.startswith(f"# settings from {tmp_path / 'pyproject.toml'} ")
    assert "APIGW039" not in tomllib.loads(run.stdout)["rules"]
    run = lint("--show-settings", "--isolated", infra)
    assert run.stdout.startswith("# settings from defaults (no configuration file)\n")
    assert tomllib.loads(run.stdout)["rules"] == [i for i, r in RULES.items() if LINTER in r.engines]
