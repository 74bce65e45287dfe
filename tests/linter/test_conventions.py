"""The command-line conventions of other linters: stdin (`-` with --stdin-filename), --exit-zero,
--output-format and APIGW_LINT_OUTPUT_FORMAT, GitLab Code Quality, --show-files, --select ALL,
did-you-mean for rule ids and names, and a top-level --help that shows check's options. The
installed command as a process on real files."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from .test_formats import CLEAN, EXECUTABLE, PROGRAM, cli, environment

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")

# a module of the project on disk, and a buffer that imports it (not saved yet)
LIB = "TIMEOUT = 60000\n"
BUFFER = '''import pulumi_aws as aws

from lib import TIMEOUT

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.apigatewayv2.Integration("slow", api_id=api.id, integration_type="HTTP_PROXY",
                             integration_method="ANY", integration_uri="https://example.com",
                             timeout_milliseconds=TIMEOUT)
'''

FIXABLE = CLEAN.replace('"ok",', '"ok", payload_format_versoin="2.0",')  # APIGW048 [*]


@pytest.fixture
def infra(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "Pulumi.yaml").write_text("name: x\nruntime: python\n")
    (tmp_path / "infra" / "lib.py").write_text(LIB)
    (tmp_path / "infra" / "__main__.py").write_text(CLEAN)
    return tmp_path


def stdin(*args: str, cwd: Path, text: str, env: dict[str, str] | None = None):
    return subprocess.run([str(EXECUTABLE), *args], cwd=cwd, input=text, capture_output=True,
                          text=True, env=environment(env), timeout=300)


@pytest.mark.parametrize("fmt", FORMATS)
def test_stdin_is_checked_as_the_file_it_names_in_every_format(infra: Path, fmt: str) -> None:
    main = infra / "infra" / "__main__.py"
    assert cli("--format", fmt, main, cwd=infra).returncode == 0  # the disk's text: clean
    from_stdin = stdin("check", "-", "--stdin-filename", "infra/__main__.py", "--format", fmt,
                       cwd=infra, text=PROGRAM.lstrip())
    main.write_text(PROGRAM.lstrip())
    from_disk = cli("--format", fmt, main, cwd=infra)
    assert from_stdin.returncode == from_disk.returncode == 1
    assert from_stdin.stdout == from_disk.stdout and from_stdin.stderr == from_disk.stderr
    assert "infra/__main__.py" in from_stdin.stdout


def test_stdin_reads_the_rest_of_the_project_from_disk(infra: Path) -> None:
    """A new buffer, not on disk, whose value comes from a module on disk: found at its line."""
    run = stdin("-", "--stdin-filename", "infra/new.py", "--format", "json", cwd=infra,
                text=BUFFER)
    assert run.returncode == 1, run.stderr
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(run.stdout)] == \
        [("infra/new.py", "APIGW030", 8, 30)]
    # no PATH and --stdin-filename: stdin too (as Ruff)
    run = stdin("--stdin-filename", "infra/new.py", "-q", cwd=infra, text=BUFFER)
    assert run.returncode == 1 and run.stdout.startswith("infra/new.py:8:30: APIGW030 ")
    # the configuration found from the named file applies
    (infra / "pyproject.toml").write_text('[tool.apigw-lint]\nignore = ["APIGW030"]\n')
    run = stdin("-", "--stdin-filename", "infra/new.py", cwd=infra, text=BUFFER)
    assert (run.returncode, run.stdout) == (0, "")


@pytest.mark.parametrize("args, message", [
    (["-"], "`-` needs --stdin-filename"),
    (["-", "infra", "--stdin-filename", "x.py"], "`-` (stdin) must be the only PATH"),
    (["infra", "--stdin-filename", "x.py"], "give `-` as the only PATH"),
    (["-", "--stdin-filename", "x.py", "--fix"], "--fix and --diff change files, not stdin"),
])
def test_stdin_misuse_is_a_usage_error(infra: Path, args: list[str], message: str) -> None:
    run = stdin(*args, cwd=infra, text=BUFFER)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_exit_zero(infra: Path) -> None:
    main = infra / "infra" / "__main__.py"
    main.write_text(PROGRAM.lstrip())
    failing = cli("--format", "json", main, cwd=infra)
    passing = cli("--format", "json", "--exit-zero", main, cwd=infra)
    assert (failing.returncode, passing.returncode) == (1, 0)
    assert passing.stdout == failing.stdout and len(json.loads(passing.stdout)) == 4
    main.write_text(FIXABLE)
    assert cli("--diff", main, cwd=infra).returncode == 1
    assert cli("--diff", "--exit-zero", main, cwd=infra).returncode == 0
    # a usage error is not a finding
    assert cli("--exit-zero", "--select", "nope", main, cwd=infra).returncode == 2


def test_output_format_and_its_environment_variable(infra: Path) -> None:
    main = infra / "infra" / "__main__.py"
    main.write_text(PROGRAM.lstrip())
    as_json = cli("--format", "json", main, cwd=infra).stdout
    assert json.loads(as_json)
    assert cli("--output-format", "json", main, cwd=infra).stdout == as_json
    env = {"APIGW_LINT_OUTPUT_FORMAT": "json"}
    assert cli(main, cwd=infra, env=env).stdout == as_json
    # the command line wins over the environment
    assert cli("--format", "github", main, cwd=infra, env=env).stdout.startswith("::error ")
    bad = cli(main, cwd=infra, env={"APIGW_LINT_OUTPUT_FORMAT": "xml"})
    assert bad.returncode == 2 and "'xml' is not one of" in bad.stderr


def test_gitlab_code_quality(infra: Path) -> None:
    main = infra / "infra" / "__main__.py"
    main.write_text(PROGRAM.lstrip())
    found = json.loads(cli("--format", "json", main, cwd=infra).stdout)
    report = json.loads(cli("--format", "gitlab", main, cwd=infra).stdout)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    assert [(q["check_name"], q["severity"], q["location"]) for q in report] == [
        (f["rule"], severities[f["severity"]], {"path": "infra/__main__.py", "positions": {
            "begin": {"line": f["line"], "column": f["column"]},
            "end": {"line": f["end_line"], "column": f["end_column"]}}}) for f in found]
    assert [q["description"] for q in report][0].startswith("APIGW030 timeout_milliseconds 60000")
    prints = [q["fingerprint"] for q in report]
    assert len(set(prints)) == len(prints) == 4
    # stable when lines move: the same fingerprints after a comment is added at the top
    main.write_text("# moved down\n" + PROGRAM.lstrip())
    moved = json.loads(cli("--format", "gitlab", main, cwd=infra).stdout)
    assert [q["fingerprint"] for q in moved] == prints
    assert [q["location"]["positions"]["begin"]["line"] for q in moved] == \
        [q["location"]["positions"]["begin"]["line"] + 1 for q in report]
    assert cli("--format", "gitlab", infra / "infra" / "lib.py", cwd=infra).stdout == "[]\n"


def test_show_files(infra: Path) -> None:
    (infra / "legacy").mkdir()
    (infra / "legacy" / "old.py").write_text("import pulumi\n")
    (infra / ".gitignore").write_text("legacy/\n")
    run = cli("--show-files", cwd=infra)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "infra/Pulumi.yaml: skipped: no integration can be in it",
        "infra/__main__.py",
        "infra/lib.py: skipped: no integration can be in it",
        "legacy/old.py: skipped: excluded (--exclude, the configuration's exclude or a "
        ".gitignore)"]
    run = cli("--show-files", "--force-exclude", "--exclude", "legacy/", "legacy/old.py",
              "infra/__main__.py", cwd=infra)
    assert run.stdout.splitlines() == ["infra/__main__.py",
                                       "legacy/old.py: skipped: excluded (--force-exclude)"]


def test_select_all(infra: Path) -> None:
    main = infra / "infra" / "__main__.py"
    main.write_text(PROGRAM.lstrip())
    every = cli("--format", "json", main, cwd=infra).stdout
    assert cli("--format", "json", "--select", "ALL", main, cwd=infra).stdout == every
    rules = [f["rule"] for f in json.loads(cli("--format", "json", "--select", "all",
                                                "--ignore", "APIGW030", main, cwd=infra).stdout)]
    assert rules == ["APIGW012", "APIGW040"]


@pytest.mark.parametrize("args, message", [
    (["--select", "APIGW30"], "--select: unknown rule 'APIGW30'; did you mean APIGW030 or "
                              "APIGW003? (`apigw-lint rules` lists them)"),
    (["--ignore", "apigw-timout-range"], "--ignore: unknown rule 'apigw-timout-range'; did you "
                                         "mean apigw-timeout-range?"),
    (["--select", "E501"], "--select: unknown rule 'E501' (`apigw-lint rules` lists them)"),
    (["rule", "APIGW30"], "apigw-lint: unknown rule 'APIGW30'; did you mean APIGW030 or "
                          "APIGW003?"),
    (["rule", "apigw-timeout-rnge"], "did you mean apigw-timeout-range?"),
])
def test_did_you_mean(infra: Path, args: list[str], message: str) -> None:
    run = cli(*args, cwd=infra)
    assert run.returncode == 2 and message in run.stderr and run.stderr.count("\n") == 1, \
        run.stderr


def test_did_you_mean_in_the_configuration_and_comments(infra: Path) -> None:
    (infra / "pyproject.toml").write_text('[tool.apigw-lint]\nselect = ["APIGW03"]\n'
                                          'severity = { APIGW30 = "info" }\n')
    run = cli(cwd=infra)
    assert run.returncode == 2 and run.stderr == (
        "apigw-lint: pyproject.toml: [tool.apigw-lint] severity.APIGW30: unknown rule "
        "'APIGW30'; did you mean APIGW030 or APIGW003?\n")
    (infra / "pyproject.toml").unlink()
    (infra / "infra" / "__main__.py").write_text(
        CLEAN.replace('"ok",', '"ok",  # apigw-lint: ignore[APIGW3O]\n'))
    run = cli(cwd=infra)
    assert "ignore names an unknown rule 'APIGW3O'" in run.stderr


def test_top_level_help_shows_the_commands_and_check_options(infra: Path) -> None:
    run = cli("--help", cwd=infra)
    assert run.returncode == 0
    out = run.stdout
    assert "`check` is the default command" in out
    commands = out[out.index("Commands:"):out.index("Options of check (the default command):")]
    assert [line.split()[0] for line in commands.splitlines()[1:] if line.strip()] == \
        ["check", "rule", "rules", "server"]
    check_options = out[out.index("Options of check"):]
    for option in ("--format, --output-format", "--stdin-filename FILE", "--exit-zero",
                   "--show-files", "--select RULES", "--fix", "APIGW_LINT_OUTPUT_FORMAT"):
        assert option in check_options, option
    assert check_options.count("--help") == 0
