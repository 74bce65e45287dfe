"""The pre-commit hook: its manifest, its entry run on staged files as pre-commit runs it, and
pre-commit itself installing the hook from this repository (only the package registry is used)."""
from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from identify.identify import tags_from_path  # what pre-commit filters files with
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOOK_PROGRAM = '''
import pulumi_aws as aws
from settings import TIMEOUT

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.apigatewayv2.Integration("slow", api_id=api.id, integration_type="HTTP_PROXY",
                             integration_method="ANY", integration_uri="https://example.com",
                             timeout_milliseconds=TIMEOUT)
'''
YAML_PROGRAM = '''
name: relay
runtime: yaml
resources:
  ws:
    type: aws:apigatewayv2:Api
    properties: {protocolType: WEBSOCKET, routeSelectionExpression: $request.body.action}
  relay:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${ws.id}
      integrationType: HTTP_PROXY
      integrationMethod: POST
      integrationUri: https://chat.example.com/messages
      timeoutMilliseconds: 30000
'''


def hook() -> dict:
    (only,) = YAML(typ="safe").load(REPO / ".pre-commit-hooks.yaml")
    return only


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose commit stages a Python program (its timeout comes from an
    unchanged module), an executable script named `rules`, a Pulumi YAML program and a README."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "settings.py").write_text("TIMEOUT = 60000\n")
    git(repo, "add", "settings.py")
    git(repo, "commit", "-q", "-m", "settings")
    (repo / "__main__.py").write_text(HOOK_PROGRAM.lstrip())
    script = repo / "rules"
    script.write_text("#!/usr/bin/env python3\n" + HOOK_PROGRAM.lstrip())
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    (repo / "Pulumi.yaml").write_text(YAML_PROGRAM.lstrip())
    (repo / "README.md").write_text("# infra\n")
    git(repo, "add", "-A")
    return repo


def test_the_manifest_declares_the_hook() -> None:
    h = hook()
    scripts = metadata.distribution("apigw-lint").entry_points.select(group="console_scripts")
    assert h["id"] == "apigw-lint" and shlex.split(h["entry"]) == ["apigw-lint", "check", "--force-exclude"]
    assert "apigw-lint" in scripts.names
    assert h["language"] == "python" and h["types_or"] == [
        "python", "yaml", "ts", "tsx", "javascript", "go", "java", "c#"]
    assert h["require_serial"] is True


def test_pre_commit_validates_the_manifest(tmp_path: Path) -> None:
    check = [str(BIN / "pre-commit"), "validate-manifest"]
    ok = subprocess.run([*check, str(REPO / ".pre-commit-hooks.yaml")], capture_output=True)
    assert ok.returncode == 0, ok.stdout
    broken = tmp_path / "hooks.yaml"  # the same without its entry: the check can fail
    broken.write_text((REPO / ".pre-commit-hooks.yaml").read_text().replace("entry:", "# entry:"))
    assert subprocess.run([*check, str(broken)], capture_output=True).returncode == 1


def test_the_entry_lints_the_staged_files_as_pre_commit_passes_them(repo: Path) -> None:
    h = hook()
    staged = git(repo, "diff", "--cached", "--name-only", "-z").split("\0")[:-1]
    files = [f for f in staged if tags_from_path(str(repo / f)) & set(h["types_or"])]
    assert sorted(files) == ["Pulumi.yaml", "__main__.py", "rules"]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(shlex.split(h["entry"]) + h.get("args", []) + files, cwd=repo, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    found = sorted(line.split(" [")[0] for line in run.stdout.splitlines())
    # the timeout is resolved from settings.py, which is not staged
    assert found == ["Pulumi.yaml:14:7: APIGW030", "__main__.py:7:30: APIGW030",
                     "rules:8:30: APIGW030"]


def test_the_entry_hides_staged_files_that_are_excluded(repo: Path) -> None:
    """The entry forces exclusions on the files pre-commit names: the staged script `rules` is
    not reported; settings.py, excluded too, still gives __main__.py its timeout."""
    h = hook()
    (repo / "pyproject.toml").write_text('[tool.apigw-lint]\nexclude = ["rules", "settings.py"]\n')
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(shlex.split(h["entry"]) + h.get("args", []) +
                         ["Pulumi.yaml", "__main__.py", "rules", "settings.py"], cwd=repo,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    found = sorted(line.split(" [")[0] for line in run.stdout.splitlines())
    assert found == ["Pulumi.yaml:14:7: APIGW030", "__main__.py:7:30: APIGW030"]


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="the project is not a git checkout")
def test_pre_commit_installs_and_runs_the_hook_from_this_repository(repo: Path,
                                                                     tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")  # a fresh hook environment
    try_repo = [str(BIN / "pre-commit"), "try-repo", str(REPO), "apigw-lint"]
    run = subprocess.run(try_repo, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "- hook id: apigw-lint" in run.stdout
    assert "__main__.py:7:30: APIGW030 [error]" in run.stdout
    assert "Pulumi.yaml:14:7: APIGW030 [error]" in run.stdout
    (repo / "settings.py").write_text("TIMEOUT = 29000\n")
    (repo / "Pulumi.yaml").write_text(YAML_PROGRAM.replace("30000", "29000"))
    git(repo, "add", "-A")
    run = subprocess.run(try_repo, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "apigw-lint" in run.stdout and "Passed" in run.stdout
