"""The result cache: a project's kept result is reused while nothing it depends on changed, and
never after (a file it read, a module it looked for, the project's file list, the settings).

To see whether a run reused a kept result, the tests tamper with the kept messages: a reused
result prints the tampered text, a fresh check does not."""
from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

TAMPERED = "TAMPERED"
PROGRAM = """
    import pulumi_aws as aws
    from generated.settings import TIMEOUT
    api = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")

    def route(name, timeout):
        aws.apigatewayv2.Integration(name, api_id=api.id, integration_type="MOCK",
                                     timeout_milliseconds=timeout)

    route("a", 60000)
    aws.apigatewayv2.Integration("b", api_id=api.id, integration_type="MOCK",
                                 timeout_milliseconds=TIMEOUT)
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("APIGW_LINT_CACHE_DIR", str(folder))
    return folder


def write(folder: Path, name: str, code: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code).lstrip())


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "infra"
    write(folder, "Pulumi.yaml", "name: infra\nruntime: python\n")
    write(folder, ".gitignore", "generated/\n")  # not reported, still in the project's index
    write(folder, "__main__.py", PROGRAM)
    write(folder, "lib/util.py", "def helper(x):\n    return x\n")
    return folder


def tamper(cache: Path) -> int:
    """Rewrite every kept message; returns how many entries were changed."""
    entries = list(cache.rglob("*.json"))
    for entry in entries:
        kept = json.loads(entry.read_text())
        for report in kept["result"]["reports"]:
            report[-1]["message"] = TAMPERED
        entry.write_text(json.dumps(kept))
    return len(entries)


def found(run) -> list[tuple[str, int, str]]:
    return sorted((f["rule"], f["line"], f["message"]) for f in run.json)


def test_kept_result_reused_until_a_dependency_changes(lint, tmp_path: Path, cache: Path) -> None:
    folder = project(tmp_path)
    first = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(first)] == [("APIGW030", 7)], first.stdout
    assert tamper(cache) == 1
    assert {m for _, _, m in found(lint("--format", "json", folder))} == {TAMPERED}

    # a module the program looked for and did not find now exists (in an ignored folder,
    # which hides its findings, never its definitions)
    write(folder, "generated/settings.py", "TIMEOUT = 70000\n")
    run = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(run)] == [("APIGW030", 7), ("APIGW030", 11)]
    assert TAMPERED not in run.stdout

    # a file the check read (the imported module) changed
    tamper(cache)
    write(folder, "generated/settings.py", "TIMEOUT = 1000\n")
    run = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(run)] == [("APIGW030", 7)] and TAMPERED not in run.stdout

    # a new file in the project: route() now has callers that disagree, so timeout is unknown
    tamper(cache)
    write(folder, "more.py", "from __main__ import route\nroute('c', 1000)\n")
    run = lint("--format", "json", folder)
    assert found(run) == [], run.stdout

    # the program itself changed
    tamper(cache)
    write(folder, "more.py", "")
    write(folder, "__main__.py", PROGRAM.replace("60000", "80000"))
    run = lint("--format", "json", folder)
    assert [m for _, _, m in found(run)] and all("80000" in m for _, _, m in found(run)), run.stdout

    # unchanged: reused again
    tamper(cache)
    assert {m for _, _, m in found(lint("--format", "json", folder))} == {TAMPERED}


def test_settings_are_part_of_the_key(lint, tmp_path: Path, cache: Path) -> None:
    folder = project(tmp_path)
    lint("--format", "json", folder)
    tamper(cache)
    # another working folder prints other paths; another --exclude may see other files
    for run in (lint("--format", "json", folder.name, cwd=folder.parent),
                lint("--format", "json", "--exclude", "lib/", folder)):
        assert found(run) and TAMPERED not in run.stdout, run.stdout


def test_no_cache_neither_reads_nor_writes(lint, tmp_path: Path, cache: Path) -> None:
    folder = project(tmp_path)
    run = lint("--format", "json", "--no-cache", folder)
    assert found(run) and not cache.exists()
    lint("--format", "json", folder)
    tamper(cache)
    assert TAMPERED not in lint("--format", "json", "--no-cache", folder).stdout


def test_damaged_entries_are_checked_again(lint, tmp_path: Path, cache: Path) -> None:
    folder = project(tmp_path)
    expected = lint("--format", "json", folder)
    for damage in ("{", "[]", '{"inputs": {}, "result": {}}', "\0\1"):
        for entry in cache.rglob("*.json"):
            entry.write_text(damage)
        run = lint("--format", "json", folder)
        assert (run.code, run.stdout, run.stderr) == (expected.code, expected.stdout,
                                                     expected.stderr)


def test_cached_runs_print_what_fresh_runs_print(lint, tmp_path: Path, cache: Path) -> None:
    """Some projects kept and some not, with workers: the same output as checking everything."""
    repo = Path(__file__).resolve().parents[2]
    tree = tmp_path / "tree"
    for example in ("broken", "http-lambda", "websocket-chat", "sqs-subtype"):
        target = tree / example
        target.mkdir(parents=True)
        for f in (repo / "examples" / example).iterdir():
            target.joinpath(f.name).write_bytes(f.read_bytes())
    # a file that cannot be checked is a finding kept with its project's result
    (tree / "broken" / "bad.py").write_text("import pulumi_aws as aws\n"
                                            "aws.apigatewayv2.Integration(\n")
    fresh = lint("--no-cache", "-j1", tree, cwd=tmp_path)
    assert "tree/broken/bad.py:2:29: APIGW999 [error] syntax error: '(' was never closed\n" \
        in fresh.stdout
    lint("-j2", tree / "broken", tree / "sqs-subtype", cwd=tmp_path)  # keeps two of them
    for jobs in ("-j1", "-j2"):
        run = lint(jobs, tree, cwd=tmp_path)
        assert (run.code, run.stdout, run.stderr) == (fresh.code, fresh.stdout, fresh.stderr)
    assert os.listdir(cache)


def test_configuration_is_part_of_the_key(lint, tmp_path: Path, cache: Path) -> None:
    """pyproject.toml is read before the check, not by it: the effective settings key the
    entry, so a changed severity, selection or api-protocols is never served a kept result."""
    folder = project(tmp_path)
    assert [(f["rule"], f["severity"]) for f in lint("--format", "json", folder).json] \
        == [("APIGW030", "error")]
    tamper(cache)
    write(tmp_path / "repo", "pyproject.toml", '[tool.apigw-lint]\nseverity = {APIGW030 = "warning"}\n')
    run = lint("--format", "json", folder)
    assert [(f["rule"], f["severity"]) for f in run.json] == [("APIGW030", "warning")]
    assert TAMPERED not in run.stdout
    tamper(cache)
    write(tmp_path / "repo", "pyproject.toml", '[tool.apigw-lint]\nignore = ["APIGW030"]\n')
    assert lint("--format", "json", folder).json == []


def test_fixable_mark_and_suppressions_survive_the_cache(lint, tmp_path: Path,
                                                         cache: Path) -> None:
    folder = tmp_path / "p"
    write(folder, "__main__.py", """
        import pulumi_aws as aws
        api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
        aws.apigatewayv2.Integration("a", api_id=api.id, integration_type="HTTP_PROXY",
                                     integration_method="ANY", integration_uri="https://x.example",
                                     passthrough_behavior="NEVER",
                                     timeout_milliseconds=60000)  # apigw-lint: ignore[APIGW030]
        aws.apigatewayv2.Integration("b", api_id=api.id, integration_type="HTTP_PROXY",
                                     integration_method="ANY", integration_uri="https://x.example",
                                     timeout_milliseconds=30000)  # apigw-lint: ignore[APIGW039]
    """)
    first = lint("--report-unused-ignores", folder, cwd=folder)
    assert tamper(cache) == 1
    kept = lint("--report-unused-ignores", folder, cwd=folder)
    for run in (first, kept):
        assert [line.split()[1:3] for line in run.stdout.splitlines()] == [
            ["APIGW039", "[*]"], ["APIGW000", "[warning]"]], run.stdout
    assert TAMPERED not in first.stdout and kept.stdout.count(TAMPERED) == 2


YAML_PROGRAM = """
    resources:
      ws:
        type: aws:apigatewayv2:Api
        properties:
          protocolType: WEBSOCKET
      slow:
        type: aws:apigatewayv2:Integration
        properties:
          apiId: ${ws.id}
          integrationType: MOCK
          timeoutMilliseconds: 60000
"""


def test_yaml_program_kept_until_what_it_read_changes(lint, tmp_path: Path, cache: Path
                                                      ) -> None:
    """A YAML project is kept as a Python one is: keyed by the files it read (its project file
    and the program `main:` names) and by whether `main:` names a folder."""
    folder = tmp_path / "yaml-infra"
    write(folder, "Pulumi.yaml", "name: y\nruntime: yaml\nmain: src\n")
    write(folder, "src/Main.yaml", YAML_PROGRAM)
    first = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(first)] == [("APIGW030", 11)], first.stdout
    assert tamper(cache) == 1
    assert {m for _, _, m in found(lint("--format", "json", folder))} == {TAMPERED}

    # the program `main:` leads to changed
    write(folder, "src/Main.yaml", YAML_PROGRAM.replace("60000", "70000"))
    run = lint("--format", "json", folder)
    assert [m for _, _, m in found(run)] and all("70000" in m for _, _, m in found(run)), run.stdout
    tamper(cache)
    assert {m for _, _, m in found(lint("--format", "json", folder))} == {TAMPERED}

    # `main: src` names a folder without Main.yaml, then a file: its program is that file
    # (src/Main.yaml is unreadable both times: only whether src is a folder changed)
    (folder / "src" / "Main.yaml").unlink()
    run = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(run)] == [("APIGW999", 1)], run.stdout
    tamper(cache)
    (folder / "src").rmdir()
    write(folder, "src", YAML_PROGRAM.replace("60000", "80000"))
    run = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(run)] == [("APIGW030", 11)], run.stdout
    assert "80000" in run.stdout and TAMPERED not in run.stdout

    # a program `main:` names that does not exist, then does
    write(folder, "Pulumi.yaml", "name: y\nruntime: yaml\nmain: later.yaml\n")
    run = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(run)] == [("APIGW999", 1)], run.stdout
    tamper(cache)
    write(folder, "later.yaml", YAML_PROGRAM)
    run = lint("--format", "json", folder)
    assert [(r, line) for r, line, _ in found(run)] == [("APIGW030", 11)], run.stdout
    assert TAMPERED not in run.stdout
