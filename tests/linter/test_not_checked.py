"""APIGW999: a file that could not be checked is a finding in every format, never dropped by rule
selection or a baseline, with exit code 1 (2 for an internal error alone). The installed CLI as a
process on real files, except where a bug of ours has to be injected (in process)."""
from __future__ import annotations

import dataclasses
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from apigw_lint.linter.discover import MAX_BYTES
from apigw_lint.rules import RULES
from sarif_schema import schema_errors

RULE = RULES["APIGW999"]
BROKEN = "import pulumi_aws as aws\naws.apigatewayv2.Integration(\n"  # 2:29: '(' never closed
REASON = "syntax error: '(' was never closed"
LINE = f"broken.py:2:29: APIGW999 [error] {REASON}\n"
GOOD = ('import pulumi_aws as aws\napi = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")\n'
        'aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",\n'
        '                             timeout_milliseconds=30000)\n')  # APIGW030 on line 4


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / "broken.py").write_text(BROKEN)
    return tmp_path


@pytest.mark.parametrize("index", range(len(RULE.situations)),
                         ids=[s.title for s in RULE.situations])
def test_each_documented_situation_reports_what_its_page_says(lint, tmp_path: Path,
                                                              index: int) -> None:
    """The rule's examples are files: each one, linted alone, prints exactly its line."""
    situation = RULE.situations[index]
    (tmp_path / situation.file).write_bytes(situation.content)
    run = lint(situation.file, cwd=tmp_path)
    assert (run.code, run.stdout) == (1, situation.reported + "\n"), run.stderr


def test_text(lint, broken: Path) -> None:
    run = lint(".", cwd=broken)
    assert (run.code, run.stdout, run.stderr) == (1, LINE, "1 finding in 1 file (1 not checked).\n")


def test_json(lint, broken: Path) -> None:
    run = lint("--format", "json", ".", cwd=broken)
    assert run.code == 1 and run.stderr == ""
    assert run.json == [{
        "rule": "APIGW999", "name": "apigw-file-not-checked", "severity": "error",
        "path": "broken.py", "line": 2, "column": 29, "end_line": 2, "end_column": 29,
        "message": f"APIGW999 {REASON}", "resource": None, "property": "", "fix": RULE.fix,
        "fixable": False}]


def test_github(lint, broken: Path) -> None:
    run = lint("--format", "github", ".", cwd=broken)
    assert run.code == 1 and run.stdout == (
        "::error file=broken.py,line=2,endLine=2,col=29,endColumn=29,"
        f"title=APIGW999 (apigw-file-not-checked)::{REASON}\n")


def test_junit_is_an_error_not_a_failure(lint, broken: Path) -> None:
    (broken / "good.py").write_text(GOOD)
    run = lint("--format", "junit", ".", cwd=broken)
    suite = ET.fromstring(run.stdout).find("testsuite")
    assert run.code == 1 and suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "1")
    cases = {case.get("classname"): case for case in suite.iter("testcase")}
    error = cases["broken.py"].find("error")
    assert error is not None and cases["broken.py"].find("failure") is None
    assert (error.get("type"), error.get("message"), error.text) == ("error", REASON, LINE + f"fix: {RULE.fix}\n")
    assert cases["good.py"].find("failure") is not None and cases["good.py"].find("error") is None


def sarif(run: Any) -> dict[str, Any]:
    return json.loads(run.stdout)["runs"][0]


def test_sarif_result_and_unsuccessful_invocation(lint, broken: Path) -> None:
    run = lint("--format", "sarif", ".", cwd=broken)
    assert run.code == 1
    assert schema_errors(json.loads(run.stdout)) == []
    log = sarif(run)
    location = {"physicalLocation": {
        "artifactLocation": {"uri": "broken.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 29, "endLine": 2, "endColumn": 29}}}
    assert [r["id"] for r in log["tool"]["driver"]["rules"]] == ["APIGW999"]
    [result] = log["results"]
    assert (result["ruleId"], result["level"], result["message"], result["locations"]) == (
        "APIGW999", "error", {"text": REASON}, [location])
    assert log["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": [{
        "level": "error", "message": {"text": REASON}, "locations": [location],
        "associatedRule": {"id": "APIGW999", "index": 0}}]}]
    (broken / "broken.py").write_text(GOOD)
    assert sarif(lint("--format", "sarif", ".", cwd=broken))["invocations"] == [
        {"executionSuccessful": True}]


@pytest.mark.parametrize("name, content, line", [
    ("huge.py", b"#" * (MAX_BYTES + 1),
     f"huge.py:1:1: APIGW999 [error] {MAX_BYTES + 1:,} bytes, over the {MAX_BYTES:,}-byte limit"),
    ("latin1.py", b"import pulumi_aws as aws\n# caf\xe9\naws.apigatewayv2.Integration\n",
     "latin1.py:2:6: APIGW999 [error] not UTF-8: byte 0xe9 (invalid continuation byte)"),
    ("Pulumi.yaml", b"name: p\nruntime: yaml\nresources: [\n",
     "Pulumi.yaml:4:1: APIGW999 [error] YAML error: while parsing a flow node expected the node "
     "content, but found '<stream end>'"),
])
def test_each_reason_at_its_position(lint, tmp_path: Path, name: str, content: bytes,
                                     line: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.py").write_text(GOOD)
    run = lint(".", cwd=tmp_path)
    assert run.code == 1 and run.stdout.splitlines() == sorted(
        [line, "good.py:4:30: APIGW030 [error] timeout_milliseconds 30000 is outside 50-29000 for "
               "a WebSocket API (WebSocket 50-29000, HTTP 50-30000; the quota is not "
               "increasable). (x)"]), run.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode; "
                    "test_hostile's read that fails (EIO) covers an unreadable file as root")
def test_a_file_without_read_permission(lint, broken: Path) -> None:
    (broken / "broken.py").chmod(0)
    run = lint("broken.py", cwd=broken)
    assert (run.code, run.stdout) == (
        1, "broken.py:1:1: APIGW999 [error] cannot read: Permission denied\n")


def test_rule_selection_never_drops_it(lint, broken: Path) -> None:
    """As Ruff's syntax errors: select does not drop it, ignoring it by name is a usage error
    (tests/linter/test_settings.py), and ignoring every rule still shows it."""
    for args in (["--select", "APIGW030"], ["--ignore", "APIGW"]):
        run = lint(*args, ".", cwd=broken)
        assert (run.code, run.stdout) == (1, LINE), args


def test_baselines_never_hold_it(lint, broken: Path) -> None:
    (broken / "good.py").write_text(GOOD)
    run = lint("--write-baseline", "base.json", ".", cwd=broken)
    assert run.code == 1 and run.stderr.startswith(LINE), run.stderr
    assert [e["rule"] for e in json.loads((broken / "base.json").read_text())["findings"]] == [
        "APIGW030"]
    run = lint("--baseline", "base.json", ".", cwd=broken)
    assert (run.code, run.stdout) == (1, LINE)


def test_diff_prints_it_on_stderr(lint, broken: Path) -> None:
    run = lint("--diff", ".", cwd=broken)
    assert (run.code, run.stdout) == (0, "") and run.stderr.startswith(LINE), run.stderr


def test_an_internal_error_reports_the_file_too(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug of ours while checking a file: exit 2 with its line on stderr when nothing else is
    reported, and the file is APIGW999 in the report, never missing from it. In process: only
    a patched check can raise."""
    from click.testing import CliRunner

    from apigw_lint.linter import cli

    def boom(m: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setitem(RULES, "APIGW030", dataclasses.replace(RULES["APIGW030"], check=boom))
    (tmp_path / "good.py").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["--format", "json", "--no-cache", "."])
    assert result.exit_code == 2, result.output
    reason = "internal error while checking: APIGW030 raised RuntimeError('boom')"
    assert [(f["rule"], f["path"], f["line"], f["message"]) for f in json.loads(result.stdout)] \
        == [("APIGW999", "good.py", 1, f"APIGW999 {reason}")]
    assert result.stderr == "good.py: internal error: APIGW030 raised RuntimeError('boom')\n"


def test_warning_for_a_folder_without_a_pulumi_program(lint, tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "util.py").write_text("def helper():\n    return 1\n")
    run = lint("-q", "lib", cwd=tmp_path)
    assert (run.code, run.stderr) == (0, "apigw-lint: warning: no Pulumi program found under lib\n")
    assert lint("-q", "lib/util.py", cwd=tmp_path).stderr == ""  # named: pre-commit's way
    (tmp_path / "lib" / "Pulumi.yaml").write_text("name: lib\nruntime: python\n")
    assert lint("-q", "lib", cwd=tmp_path).stderr == ""  # a project, if without integrations
    (tmp_path / "lib" / "Pulumi.yaml").unlink()
    (tmp_path / "lib" / "main.py").write_text(GOOD)  # a program without a project file
    assert lint("-q", "lib", cwd=tmp_path).stderr == ""
