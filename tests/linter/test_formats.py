"""Report formats, --output, --statistics, --quiet, colour and the progress bar: the installed CLI
as a process on real files, on pipes and on a real terminal (a pseudo-terminal)."""
from __future__ import annotations

import json
import os
import pty
import re
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from apigw_lint.rules import RULES
from sarif_schema import SCHEMA, schema_errors

EXECUTABLE = Path(sys.executable).with_name("apigw-lint")
FORMATS = ("text", "json", "sarif", "github", "junit")
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
ANNOTATIONS = {"error": "error", "warning": "warning", "info": "notice"}
ANSI = "\x1b["

PROGRAM = '''
import pulumi_aws as aws

LAMBDA = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:123456789012:function:orders/invocations")

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
ws = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET",
                          route_selection_expression="$request.body.action")

aws.apigatewayv2.Integration(
    "slow",
    api_id=api.id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    integration_uri="https://example.com/{proxy}",
    timeout_milliseconds=60000,
)

aws.apigatewayv2.Integration(
    "orders",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_uri=LAMBDA,
)

aws.apigatewayv2.Integration(
    "chat",
    api_id=ws.id,
    integration_type="AWS_PROXY",
    integration_uri=LAMBDA,
    request_templates={"$default": "{}"},
)

aws.apigatewayv2.Integration(
    "odd,name: 100%\\r\\nnext\\x01<&>",
    api_id=api.id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    integration_uri="https://example.com/{proxy}",
    timeout_milliseconds=30001,
)
'''
# what PROGRAM holds: (rule, severity, line, end_line)
EXPECTED = [("APIGW030", "error", 16, 16), ("APIGW012", "info", 19, 24),
            ("APIGW040", "info", 31, 31), ("APIGW030", "error", 40, 40)]

YAML_PROGRAM = '''
name: relay
runtime: yaml
resources:
  ws:
    type: aws:apigatewayv2:Api
    properties:
      protocolType: WEBSOCKET
      routeSelectionExpression: $request.body.action
  relay:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${ws.id}
      integrationType: HTTP_PROXY
      integrationMethod: POST
      integrationUri: https://chat.example.com/messages
      timeoutMilliseconds: 30000
'''

CLEAN = '''
import pulumi_aws as aws

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.apigatewayv2.Integration("ok", api_id=api.id, integration_type="HTTP_PROXY",
                             integration_method="ANY", integration_uri="https://example.com")
'''


def environment(env: dict[str, str] | None) -> dict[str, str]:
    """This one without NO_COLOR, FORCE_COLOR or CI (as a CI runner sets), plus env."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    return {**clean, **(env or {})}


def cli(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, text: bool = True
        ) -> subprocess.CompletedProcess:
    """The console script with stdout and stderr on pipes (as bytes unless text)."""
    return subprocess.run([str(EXECUTABLE), *map(str, args)], cwd=cwd, env=environment(env),
                          capture_output=True, text=text, timeout=300)


def on_terminal(*args: str | Path, cwd: Path, stream: str, env: dict[str, str] | None = None
                ) -> tuple[int, str, str]:
    """Run with `stream` (stdout or stderr) on a pseudo-terminal and the other on a pipe:
    (exit code, what the terminal showed, what the pipe got)."""
    master, slave = pty.openpty()
    other = "stderr" if stream == "stdout" else "stdout"
    with tempfile.TemporaryFile() as piped:
        p = subprocess.Popen([str(EXECUTABLE), *map(str, args)], cwd=cwd, env=environment(env),
                             stdin=subprocess.DEVNULL, **{stream: slave, other: piped})
        os.close(slave)
        shown = bytearray()
        while True:  # read as it comes, or a full terminal buffer would block the child
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        code = p.wait(timeout=300)
        os.close(master)
        piped.seek(0)
        return code, shown.decode(), piped.read().decode()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A Python program (in a folder with a space in its name) and a Pulumi YAML program."""
    (tmp_path / "infra dir").mkdir()
    (tmp_path / "infra dir" / "__main__.py").write_text(PROGRAM.lstrip())
    (tmp_path / "relay").mkdir()
    (tmp_path / "relay" / "Pulumi.yaml").write_text(YAML_PROGRAM.lstrip())
    return tmp_path


def json_findings(cwd: Path, *args: str) -> list[dict]:
    run = cli("--format", "json", *args, cwd=cwd)
    assert run.returncode == 1, run.stderr
    return json.loads(run.stdout)


def short(f: dict) -> str:
    """A JSON finding's message as the other formats show it: no rule id, the resource after."""
    text = f["message"].removeprefix(f["rule"]).lstrip()
    return f"{text} ({f['resource']})" if f["resource"] else text


def test_the_program_has_the_findings_the_tests_rely_on(project: Path) -> None:
    found = [(f["path"], f["rule"], f["severity"], f["line"], f["end_line"])
             for f in json_findings(project)]
    assert found == [("infra dir/__main__.py", *e) for e in EXPECTED] + \
        [("relay/Pulumi.yaml", "APIGW030", "error", 16, 16)]


def test_sarif_is_what_github_code_scanning_reads(project: Path) -> None:
    found = json_findings(project)
    run = cli("--format", "sarif", cwd=project)
    assert run.returncode == 1 and run.stderr == ""
    log = json.loads(run.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (only_run,) = log["runs"]
    driver = only_run["tool"]["driver"]
    assert driver["name"] == "apigw-lint"
    assert driver["version"] == metadata.version("apigw-lint")
    declared = metadata.metadata("apigw-lint").get_all("Project-URL")
    assert ("informationUri" in driver) == bool(declared)
    assert only_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"

    # the rules: those the results reference, each once, with GitHub's help fields
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted({f["rule"] for f in found})
    for r in rules:
        rule = RULES[r["id"]]
        assert r["name"] == rule.name
        assert r["shortDescription"]["text"] == rule.title
        assert r["fullDescription"]["text"] == rule.summary
        assert r["help"]["text"].startswith(f"{rule.id} ({rule.name})")
        assert "### Why is this bad" in r["help"]["markdown"]
        assert r["helpUri"] == rule.sources[0] and r["helpUri"].startswith("https://")
        assert r["defaultConfiguration"]["level"] == LEVELS[rule.severity]

    # the results: one per JSON finding, in the same order, at the same positions
    results = only_run["results"]
    assert len(results) == len(found)
    for result, f in zip(results, found):
        assert result["ruleId"] == f["rule"]
        assert rules[result["ruleIndex"]]["id"] == f["rule"]
        assert result["level"] == LEVELS[f["severity"]]
        assert result["message"]["text"] == short(f)
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert artifact["uri"] == quote(f["path"]) and unquote(artifact["uri"]) == f["path"]
        assert location["physicalLocation"]["region"] == {
            "startLine": f["line"], "startColumn": f["column"],
            "endLine": f["end_line"], "endColumn": f["end_column"]}
    assert any(" " in f["path"] and "%20" in r["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"] for r, f in zip(results, found))
    prints = [r["partialFingerprints"]["apigwLint/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_sarif_validates_against_the_oasis_schema(project: Path) -> None:
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    (project / "clean").mkdir()
    (project / "clean" / "main.py").write_text(CLEAN)
    for where in (project, project / "clean"):  # with findings, and an empty run
        log = json.loads(cli("--format", "sarif", cwd=where).stdout)
        assert schema_errors(log) == []
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    bad = {**log, "version": "2.0.0"}  # the check can fail
    assert schema_errors(bad)


def test_sarif_fingerprints_survive_moved_lines(project: Path) -> None:
    def prints() -> list[tuple[str, int, str]]:
        log = json.loads(cli("--format", "sarif", cwd=project).stdout)
        return [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"],
                 r["partialFingerprints"]["apigwLint/v1"]) for r in log["runs"][0]["results"]]

    before = prints()
    main = project / "infra dir" / "__main__.py"
    main.write_text("# a comment\n\n\n" + main.read_text())
    after = prints()
    assert [fp for *_, fp in after] == [fp for *_, fp in before]
    assert [line for _, line, _ in after] == \
        [line + 3 * uri.startswith("infra") for uri, line, _ in before]
    # another resource name is another alert
    main.write_text(main.read_text().replace('"slow"', '"slower"'))
    renamed = [fp for *_, fp in prints()]
    assert renamed[0] != before[0][2] and renamed[1:] == [fp for *_, fp in before[1:]]


def test_sarif_names_a_file_outside_the_folder_by_absolute_uri(project: Path) -> None:
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    log = json.loads(cli("--format", "sarif", project / "relay", cwd=elsewhere).stdout)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (project / "relay" / "Pulumi.yaml").as_uri()}


_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(value: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in pairs + [("%25", "%")]:
        value = value.replace(code, char)
    return value


def test_github_annotations_parse_back_to_the_findings(project: Path) -> None:
    found = json_findings(project)
    run = cli("--format", "github", cwd=project)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert len(lines) == len(found)  # the resource's \r\n did not split a command
    for line, f in zip(lines, found):
        level, props, data = _COMMAND.match(line).groups()
        fields = dict(item.split("=", 1) for item in props.split(","))
        fields = {k: _unescape(v, prop=True) for k, v in fields.items()}
        assert level == ANNOTATIONS[f["severity"]]
        assert fields["file"] == f["path"]
        assert (int(fields["line"]), int(fields["endLine"])) == (f["line"], f["end_line"])
        if f["line"] == f["end_line"]:
            assert (int(fields["col"]), int(fields["endColumn"])) == (f["column"], f["end_column"])
        else:  # GitHub takes columns only within one line
            assert "col" not in fields and "endColumn" not in fields
        assert fields["title"] == f"{f['rule']} ({f['name']})"
        assert _unescape(data, prop=False) == short(f)
    assert any("%0D%0A" in line and "%25" in line for line in lines)


def test_github_properties_escape_a_path_with_comma_and_colon(tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    (folder / "main.py").write_text(PROGRAM.lstrip())
    (line, *_) = cli("--format", "github", cwd=tmp_path).stdout.splitlines()
    assert line.startswith("::error file=a%2Cb%3Ac/main.py,line=16,")


def test_junit_is_well_formed_and_counts_the_findings(project: Path) -> None:
    found = json_findings(project)
    run = cli("--format", "junit", cwd=project)
    assert run.returncode == 1
    root = ET.fromstring(run.stdout)  # raises on XML that is not well formed
    (suite,) = root.iter("testsuite")
    cases = list(suite.iter("testcase"))
    assert suite.get("tests") == suite.get("failures") == str(len(found)) == str(len(cases))
    # GitLab keys a testcase by (classname, name) and drops repeats
    assert len({(c.get("classname"), c.get("name")) for c in cases}) == len(cases)
    for case, f in zip(cases, found):
        (failure,) = case.findall("failure")
        assert case.get("classname") == case.get("file") == f["path"]
        assert case.get("name").startswith(f"{f['rule']} {f['name']}")
        assert f"at {f['line']}:{f['column']}" in case.get("name")
        assert failure.get("type") == f["severity"]
        assert failure.text.startswith(f"{f['path']}:{f['line']}:{f['column']}: {f['rule']}")
        assert f"fix: {f['fix']}" in failure.text
    odd = cases[3].find("failure").get("message")
    assert "odd,name: 100%\r\nnext\\x01<&>" in odd  # \x01 cannot be in XML; shown escaped


def test_junit_of_a_clean_run_has_one_passing_testcase(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(CLEAN)
    run = cli("--format", "junit", cwd=tmp_path)
    assert run.returncode == 0
    suite = ET.fromstring(run.stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    assert [c.findall("failure") for c in suite.iter("testcase")] == [[]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_writes_the_bytes_stdout_would(project: Path, fmt: str) -> None:
    piped = cli("--format", fmt, cwd=project, text=False)  # bytes: "\r" is in a message
    out = project / "reports" / f"report.{fmt}"
    out.parent.mkdir()
    out.write_text("an older report, longer than any line of the new one\n" * 500)
    written = cli("--format", fmt, "--output", out, cwd=project, env={"FORCE_COLOR": "1"},
                  text=False)
    assert written.returncode == piped.returncode == 1
    assert written.stdout == b""
    assert written.stderr == piped.stderr
    assert out.read_bytes() == piped.stdout
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_output_that_cannot_be_written_is_one_line_and_exit_2(project: Path) -> None:
    run = cli("--output", project / "missing" / "report.sarif", "--format", "sarif", cwd=project)
    assert run.returncode == 2
    assert run.stderr.splitlines()[0].startswith("apigw-lint: cannot write ")
    assert "Traceback" not in run.stderr
    run = cli("--output", project, cwd=project)  # a folder
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(project: Path) -> None:
    assert ANSI not in cli(cwd=project).stdout  # a pipe
    code, shown, summary = on_terminal(cwd=project, stream="stdout")
    assert code == 1 and ANSI in shown and "\x1b[31mAPIGW030 [error]" in shown
    assert summary == "5 findings in 2 files.\n" and ANSI not in summary
    assert ANSI not in on_terminal(cwd=project, stream="stdout", env={"NO_COLOR": "1"})[1]
    # an empty NO_COLOR is not set (no-color.org)
    assert ANSI in on_terminal(cwd=project, stream="stdout", env={"NO_COLOR": ""})[1]
    forced = cli(cwd=project, env={"FORCE_COLOR": "1"}).stdout
    assert ANSI in forced
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced) == cli(cwd=project).stdout
    assert ANSI not in cli(cwd=project, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    for fmt in FORMATS[1:]:  # colour is for the text format only
        assert ANSI not in on_terminal("--format", fmt, cwd=project, stream="stdout")[1]


def test_statistics_count_the_findings_per_rule(project: Path) -> None:
    found = json_findings(project)
    counts: dict[str, int] = {}
    for f in found:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    text = cli("--statistics", cwd=project)
    assert text.returncode == 1
    rows = [line.split() for line in text.stdout.splitlines()]
    assert {rule: int(n) for n, rule, _ in rows} == counts
    assert [int(n) for n, *_ in rows] == sorted(counts.values(), reverse=True)
    assert all(RULES[rule].name == name for _, rule, name in rows)
    as_json = json.loads(cli("--statistics", "--format", "json", cwd=project).stdout)
    assert {s["rule"]: s["count"] for s in as_json} == counts == {"APIGW030": 3, "APIGW012": 1,
                                                                   "APIGW040": 1}
    for fail_on in ("error", "info"):  # the exit code is the run's, as without --statistics
        assert cli("--statistics", "--fail-on", fail_on, "relay", cwd=project).returncode == \
            cli("--fail-on", fail_on, "relay", cwd=project).returncode == 1
    (project / "chat").mkdir()
    (project / "chat" / "main.py").write_text(PROGRAM[:PROGRAM.index("aws.apigatewayv2.Integr")]
                                              + PROGRAM.split("\n\n")[5] + "\n")
    assert cli("--fail-on", "warning", "--statistics", "chat", cwd=project).returncode == 0
    assert cli("--fail-on", "info", "--statistics", "chat", cwd=project).returncode == 1
    wrong = cli("--statistics", "--format", "sarif", cwd=project)
    assert wrong.returncode == 2 and "--statistics" in wrong.stderr and wrong.stdout == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_that_cannot_be_checked_is_a_finding_in_the_report(project: Path, fmt: str
                                                                   ) -> None:
    """Exact outputs per format: tests/linter/test_not_checked.py."""
    (project / "broken.py").write_text("import pulumi_aws as aws\naws.apigatewayv2.Integration(\n")
    for quiet in ((), ("--quiet",)):
        run = cli("--format", fmt, *quiet, cwd=project)
        assert run.returncode == 1
        assert "APIGW999" in run.stdout and "broken.py" in run.stdout
        summary = "6 findings in 3 files (1 not checked).\n" if fmt == "text" and not quiet else ""
        assert run.stderr == summary


def test_quiet_prints_only_findings(project: Path) -> None:
    loud, quiet = cli(cwd=project), cli("-q", cwd=project)
    assert loud.stderr == "5 findings in 2 files.\n" and quiet.stderr == ""
    assert quiet.stdout == loud.stdout and quiet.returncode == loud.returncode == 1


def test_progress_bar_on_a_terminal_for_many_files(tmp_path: Path) -> None:
    for n in range(200):
        (tmp_path / f"stack_{n:03d}.py").write_text(CLEAN)
    code, bar, findings = on_terminal(cwd=tmp_path, stream="stderr")
    assert code == 0 and findings == ""
    assert "Checking" in bar and "100%" in bar and "0 findings in 200 files." in bar
    # a pipe, CI, --quiet, or fewer files: no bar
    assert cli(cwd=tmp_path).stderr == "0 findings in 200 files.\n"
    quiet_runs = (({"CI": "true"}, ()), ({}, ("--quiet",)), ({}, ("--exclude", "stack_000.py")))
    for env, args in quiet_runs:
        code, shown, _ = on_terminal(*args, cwd=tmp_path, stream="stderr", env=env)
        assert code == 0 and "Checking" not in shown, (env, args)
