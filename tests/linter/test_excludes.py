"""Excludes select what is reported, never what is known: a file hidden by --exclude, the
configuration's exclude or .gitignore still feeds the project's index (its Lambda permission,
its function), and --force-exclude hides even the files named on the command line."""
from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

# api.py's integration runs a function defined in fns.py, which perms.py lets API Gateway invoke.
API = """
    import pulumi_aws as aws
    from fns import fn

    api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
    aws.apigatewayv2.Integration("i", api_id=api.id, integration_type="AWS_PROXY",
                                 payload_format_version="2.0", integration_uri=fn.invoke_arn,
                                 timeout_milliseconds=60000)
"""
FNS = """
    import pulumi
    import pulumi_aws as aws

    fn = aws.lambda_.Function("fn", role="arn:aws:iam::123456789012:role/r", runtime="python3.12",
                              handler="h.h", code=pulumi.FileArchive("."))
"""
PERMS = """
    import pulumi_aws as aws
    from fns import fn

    aws.lambda_.Permission("p", action="lambda:InvokeFunction",
                           principal="apigateway.amazonaws.com", function=fn.arn)
    api = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")
    aws.apigatewayv2.Integration("m", api_id=api.id, integration_type="MOCK",
                                 timeout_milliseconds=30000)
"""
API_FINDING = ("api.py", "APIGW030", 7)  # timeout above 30000 on an HTTP API
PERMS_FINDING = ("perms.py", "APIGW030", 8)  # timeout above 29000 on a WebSocket API
NO_PERMISSION = ("api.py", "APIGW021", 6)  # what api.py gets when perms.py is not known


def write(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code).lstrip())
    return path


def project(top: Path, exclusion: str = "") -> Path:
    """A git repository holding the Pulumi project; exclusion hides perms.py: `config` in
    pyproject.toml, `gitignore` in .gitignore (`cli`: the test passes --exclude)."""
    top.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    write(top, "Pulumi.yaml", "name: p\nruntime: python\n")
    write(top, "api.py", API)
    write(top, "fns.py", FNS)
    write(top, "perms.py", PERMS)
    if exclusion == "config":
        write(top, "pyproject.toml", '[tool.apigw-lint]\nexclude = ["perms.py"]\n')
    elif exclusion == "gitignore":
        write(top, ".gitignore", "perms.py\n")
    return top


def found(run) -> list[tuple[str, str, int]]:
    assert "Traceback" not in run.stderr, run.stderr
    return sorted((f["path"], f["rule"], f["line"]) for f in run.json)


def test_every_file_known_nothing_excluded(lint, tmp_path: Path) -> None:
    """The control: the permission in perms.py silences APIGW021 on api.py; without it, the
    rule reports (so the tests below would see a permission that went missing)."""
    top = project(tmp_path / "repo")
    assert found(lint("--format", "json", "--no-cache", ".", cwd=top)) == \
        [API_FINDING, PERMS_FINDING]
    write(top, "perms.py", PERMS.replace("lambda:InvokeFunction", "lambda:GetFunction"))
    assert found(lint("--format", "json", "--no-cache", ".", cwd=top)) == \
        [NO_PERMISSION, API_FINDING, PERMS_FINDING]


@pytest.mark.parametrize("exclusion", ["cli", "config", "gitignore"])
@pytest.mark.parametrize("paths, reported", [
    ((".",), [API_FINDING]),
    (("api.py",), [API_FINDING]),
    (("api.py", "fns.py"), [API_FINDING]),
    # a file named on the command line is checked even when excluded (as Ruff does)...
    (("api.py", "perms.py"), [API_FINDING, PERMS_FINDING]),
    # ...unless --force-exclude: its findings are hidden, its definitions still known
    (("--force-exclude", "api.py", "perms.py"), [API_FINDING]),
    (("--force-exclude", "."), [API_FINDING]),
    (("--force-exclude", "perms.py"), []),
])
def test_an_excluded_file_still_feeds_the_index(lint, tmp_path: Path, exclusion: str,
                                                paths: tuple[str, ...], reported: list) -> None:
    top = project(tmp_path / "repo", exclusion)
    excludes = ("--exclude", "perms.py") if exclusion == "cli" else ()
    for jobs in ("-j1", "-j2"):
        run = lint("--format", "json", "--no-cache", jobs, *excludes, *paths, cwd=top)
        assert found(run) == reported, run.stdout
        assert run.code == (1 if reported else 0)


def test_force_exclude_in_the_configuration(lint, tmp_path: Path) -> None:
    top = project(tmp_path / "repo")
    write(top, "pyproject.toml", '[tool.apigw-lint]\nexclude = ["perms.py"]\n'
          "force-exclude = true\n")
    run = lint("--format", "json", "--no-cache", "api.py", "perms.py", cwd=top)
    assert found(run) == [API_FINDING]
    run = lint("--format", "json", "--no-cache", "--no-force-exclude", "api.py", "perms.py",
               cwd=top)
    assert found(run) == [API_FINDING, PERMS_FINDING]


def test_force_exclude_covers_excluded_folders_and_always_excluded_ones(lint,
                                                                        tmp_path: Path) -> None:
    """A named file inside an excluded folder, or inside one the walk never enters (build/),
    is hidden by --force-exclude; the same file is reported without it."""
    top = project(tmp_path / "repo")
    for folder in ("legacy", "build"):
        write(top, f"{folder}/perms.py", PERMS)
    for folder in ("legacy", "build"):
        named = ("api.py", f"{folder}/perms.py")
        run = lint("--format", "json", "--no-cache", "--exclude", "legacy/", "--force-exclude",
                   *named, cwd=top)
        assert found(run) == [API_FINDING], run.stdout
        run = lint("--format", "json", "--no-cache", "--exclude", "legacy/", *named, cwd=top)
        assert found(run) == [API_FINDING, (f"{folder}/perms.py", "APIGW030", 8)], run.stdout


def test_force_exclude_never_hides_the_current_folder(lint, tmp_path: Path) -> None:
    """Only folders below the current one count: working in a checkout called build/ hides
    nothing."""
    top = project(tmp_path / "build")
    for named in ((".",), ("api.py", "perms.py")):
        run = lint("--format", "json", "--no-cache", "--force-exclude", *named, cwd=top)
        assert found(run) == [API_FINDING, PERMS_FINDING], run.stdout


def test_an_excluded_file_that_cannot_be_parsed_is_not_reported(lint, tmp_path: Path,
                                                               monkeypatch) -> None:
    """Read for the index (it mentions Permission, and is the first file looked at) but
    excluded: its syntax error is not reported, unless it is named on the command line; the
    cache keeps those runs apart."""
    monkeypatch.setenv("APIGW_LINT_CACHE_DIR", str(tmp_path / "cache"))
    top = project(tmp_path / "repo")
    write(top, "_template.py", "import pulumi_aws as aws\naws.lambda_.Permission({% name %})\n")
    cache = ("--exclude", "_template.py")
    hidden = lint("--format", "json", *cache, ".", cwd=top)
    assert (found(hidden), hidden.code) == ([API_FINDING, PERMS_FINDING], 1)
    assert "_template" not in hidden.stderr, hidden.stderr
    quiet = lint("--format", "json", *cache, "api.py", "perms.py", cwd=top)
    assert "_template" not in quiet.stderr, quiet.stderr
    named = lint("--format", "json", *cache, "api.py", "perms.py", "_template.py", cwd=top)
    assert found(named) == [("_template.py", "APIGW999", 2), API_FINDING, PERMS_FINDING]
    assert "syntax error" in next(f["message"] for f in named.json if f["rule"] == "APIGW999")
    forced = lint("--format", "json", "--force-exclude", *cache, "api.py", "perms.py",
                  "_template.py", cwd=top)
    assert found(forced) == [API_FINDING, PERMS_FINDING]
    assert "_template" not in forced.stderr, forced.stderr
    without = lint("--format", "json", "api.py", "perms.py", cwd=top)  # nothing excluded
    assert found(without) == [("_template.py", "APIGW999", 2), API_FINDING, PERMS_FINDING]


def test_a_kept_result_is_dropped_when_an_excluded_file_changes(lint, tmp_path: Path,
                                                                monkeypatch) -> None:
    """Excluded files are inputs of the check: the cache must not serve the result of a
    project whose excluded perms.py changed."""
    monkeypatch.setenv("APIGW_LINT_CACHE_DIR", str(tmp_path / "cache"))
    top = project(tmp_path / "repo")
    run = ("--format", "json", "--exclude", "perms.py", "api.py")
    assert found(lint(*run, cwd=top)) == [API_FINDING]
    assert list((tmp_path / "cache").rglob("*.json")), "nothing kept"
    write(top, "perms.py", PERMS.replace("lambda:InvokeFunction", "lambda:GetFunction"))
    assert found(lint(*run, cwd=top)) == [NO_PERMISSION, API_FINDING]
    write(top, "perms.py", PERMS)
    assert found(lint(*run, cwd=top)) == [API_FINDING]
    (top / "perms.py").unlink()  # gone from the project's file list (and its import is unmet)
    assert found(lint(*run, cwd=top)) == [NO_PERMISSION, API_FINDING]


def test_a_yaml_program_in_an_excluded_file(lint, tmp_path: Path) -> None:
    """`main:` naming an excluded folder: the program's findings are hidden, unless its file
    is named on the command line."""
    top = tmp_path / "repo"
    write(top, "Pulumi.yaml", "name: relay\nruntime: yaml\nmain: src/\n")
    write(top, "src/Main.yaml", """
        resources:
          ws:
            type: aws:apigatewayv2:Api
            properties: {protocolType: WEBSOCKET, routeSelectionExpression: $request.body.action}
          relay:
            type: aws:apigatewayv2:Integration
            properties:
              apiId: ${ws.id}
              integrationType: MOCK
              timeoutMilliseconds: 30000
    """)
    finding = [("src/Main.yaml", "APIGW030", 10)]
    assert found(lint("--format", "json", ".", cwd=top)) == finding
    assert found(lint("--format", "json", "--exclude", "src/", ".", cwd=top)) == []
    assert found(lint("--format", "json", "--exclude", "src/", "Pulumi.yaml", cwd=top)) == []
    assert found(lint("--format", "json", "--exclude", "src/", "src/Main.yaml", cwd=top)) == \
        finding


@pytest.mark.parametrize("exclude", [(), ("--exclude", "perms.py")])
def test_a_permission_file_that_does_not_parse_makes_apigw021_silent(lint, tmp_path: Path,
                                                                     exclude: tuple) -> None:
    """perms.py mentions Permission but cannot be parsed: it may grant the invoke, so api.py
    gets no APIGW021 whether perms.py is reported (its syntax error) or excluded (silent)."""
    top = project(tmp_path / "repo")
    write(top, "perms.py", PERMS + "\ndef broken(:\n")
    run = lint("--format", "json", "--no-cache", *exclude, ".", cwd=top)
    assert NO_PERMISSION not in found(run)
    assert API_FINDING in found(run)
    assert ("perms.py" in run.stdout + run.stderr) == (not exclude), (run.stdout, run.stderr)
