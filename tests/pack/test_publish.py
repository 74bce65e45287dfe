"""The pack as `pulumi policy publish` uploads it and a machine of the organization installs it:
the archive honours .gitignore at every depth, holds what `pip install -r requirements.txt`
needs, and the installed pack, started as the engine starts it, answers AnalyzeStack."""
from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from apigw_lint.rules import aws
from apigw_lint.rules.samples import HTTP_LAMBDA, WS_LAMBDA
from harness.pack import REPO, SETTINGS, PackClient, Resource, UNKNOWN
from harness.publish import PREFIX, archive, install

INTEGRATION = "aws:apigatewayv2/integration:Integration"
API = "aws:apigatewayv2/api:Api"


def _names(tgz: bytes) -> set[str]:
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as tar:
        return set(tar.getnames())


def test_archive_honours_gitignore_at_every_depth(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / ".gitignore").write_text("/venv/\n*.log\n")
    (tmp_path / "venv" / "bin").mkdir(parents=True)
    (tmp_path / "venv" / "bin" / "python").write_text("")
    (tmp_path / "sub" / "deep").mkdir(parents=True)
    (tmp_path / "sub" / ".gitignore").write_text("secret.txt\n")
    for name in ("keep.py", "a.log", "sub/secret.txt", "sub/deep/secret.txt", "sub/deep/x.py",
                 ".pulumiignore"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".pulumiignore").write_text("keep.py\n")  # not read by publish
    assert _names(archive(tmp_path)) == {f"{PREFIX}/{n}" for n in (
        ".gitignore", "keep.py", "sub/.gitignore", "sub/deep/x.py", ".pulumiignore")}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository published and installed in a fresh folder (reaches the package index)."""
    tgz = archive(REPO)
    names = _names(tgz)
    assert {f"{PREFIX}/{n}" for n in ("PulumiPolicy.yaml", "__main__.py", "requirements.txt",
                                      "pyproject.toml", "policypack/pack.py")} <= names
    assert not [n for n in names if "/.venv/" in n or "/venv/" in n or "__pycache__" in n]
    return install(tgz, tmp_path_factory.mktemp("published"))


def test_published_pack_answers_as_the_engine_drives_it(published: Path) -> None:
    python = str(published / "venv" / "bin" / "python")
    with PackClient(published, python=python) as pack:
        assert pack.info().name == "apigw-lint"
        pack.configure_as_engine({SETTINGS: {"apiProtocols": {"abc123": "WEBSOCKET"}}})
        api = Resource(API, "api", {"protocolType": aws.WEBSOCKET, "id": UNKNOWN})
        on_api = Resource(INTEGRATION, "slow", {**WS_LAMBDA, "apiId": UNKNOWN,
                                                "timeoutMilliseconds": 29500.0},
                          {"apiId": [api.urn]})
        literal = Resource(INTEGRATION, "literal", {**HTTP_LAMBDA, "apiId": "abc123"})
        assert {(d.rule, d.urn) for d in pack.analyze_stack([api, on_api, literal])} == {
            ("APIGW030", on_api.urn)}
        # Its API is WEBSOCKET by apiProtocols: decided in Analyze, before creation.
        assert [d.rule for d in pack.analyze(literal)] == ["APIGW011", "APIGW018"]
