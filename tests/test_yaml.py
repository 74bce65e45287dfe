"""Pulumi YAML programs, linted by the installed CLI as a process on files in tmp_path."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXECUTABLE = Path(sys.executable).with_name("apigw-lint")
HERE = Path(__file__).parent
TWINS = HERE / "yaml_programs"  # YAML twins of programs in tests/programs/

API = """\
  api:
    type: aws:apigatewayv2:Api
    properties:
      protocolType: {protocol}
"""


def lint(*paths: Path) -> tuple[int, list[dict[str, Any]], str]:
    p = subprocess.run([str(EXECUTABLE), "--format", "json", *map(str, paths)],
                       capture_output=True, text=True, timeout=300)
    assert "Traceback" not in p.stderr, p.stderr
    return p.returncode, json.loads(p.stdout), p.stderr


def program(folder: Path, body: str, protocol: str = "HTTP", name: str = "Pulumi.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    head = "name: test\nruntime: yaml\n" if name != "Main.yaml" else ""
    path.write_text(f"{head}resources:\n{API.format(protocol=protocol)}{body}")
    return path


def found(findings: list[dict[str, Any]]) -> list[tuple[str, str, int, int]]:
    return sorted((f["resource"], f["rule"], f["line"], f["column"]) for f in findings)


def test_clean_program(tmp_path: Path) -> None:
    program(tmp_path, """\
  proxy:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${api.id}
      integrationType: HTTP_PROXY
      integrationMethod: ANY
      integrationUri: https://example.com/{proxy}
      payloadFormatVersion: "1.0"
""")
    code, findings, _ = lint(tmp_path)
    assert (code, findings) == (0, [])


def test_violations_with_positions(tmp_path: Path) -> None:
    program(tmp_path, """\
  bad:
    type: aws:apigatewayv2/integration:Integration
    options:
      protect: true
    properties:
      apiId: ${api.id}
      integrationType: HTTP_PROXY
      integrationUri: https://example.com
      integrationMethod: ANY
      timeoutMilliseconds: 31000
      tlsConfig:
        serverNameToVerify: 42
      requestParameters:
        overwrite:header.x-amz-date: now
      bogus: 1
  missing:
    type: aws:apigatewayv2:Integration
    properties:
      integrationType: MOCK
""")
    code, findings, _ = lint(tmp_path)
    assert code == 1
    assert found(findings) == [
        ("bad", "APIGW029", 18, 7), ("bad", "APIGW030", 17, 7),
        ("bad", "APIGW032", 21, 9),  # the nested key
        ("bad", "APIGW048", 22, 7),  # an unknown property
        ("missing", "APIGW049", 23, 3)]  # no apiId: the resource's key
    assert {f["path"] for f in findings} == {str(tmp_path / "Pulumi.yaml")}


@pytest.mark.parametrize("main", ["app", "app/Main.yaml", "prog.yaml"])
def test_main_indirection(tmp_path: Path, main: str) -> None:
    (tmp_path / "Pulumi.yaml").write_text(f"name: test\nruntime:\n  name: yaml\nmain: {main}\n")
    target = tmp_path / (main if main.endswith(".yaml") else f"{main}/Main.yaml")
    program(target.parent, """\
  slow:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${api.id}
      integrationType: MOCK
      timeoutMilliseconds: 40000
""", "WEBSOCKET", name=target.name)
    _, findings, _ = lint(tmp_path)  # Main.yaml is also found directly: reported once
    assert [(f["rule"], f["line"], Path(f["path"]).name) for f in findings] == \
        [("APIGW030", 11 if target.name == "Main.yaml" else 13, target.name)]


def test_python_project_file_ignored(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n"
                                          "description: not apigatewayv2 Integration yaml\n")
    assert lint(tmp_path)[:2] == (0, [])


@pytest.mark.parametrize("protocol, rules", [("HTTP", ["APIGW039"]),
                                             ("WEBSOCKET", ["APIGW030", "APIGW040"])])
def test_protocol_from_api_reference(tmp_path: Path, protocol: str, rules: list[str]) -> None:
    program(tmp_path, """\
  it:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${api.id}
      integrationType: HTTP_PROXY
      integrationMethod: ANY
      integrationUri: https://example.com
      passthroughBehavior: NEVER
      timeoutMilliseconds: 29500
""", protocol)
    _, findings, _ = lint(tmp_path)
    assert sorted(f["rule"] for f in findings) == rules


def test_unknown_config_values_silent(tmp_path: Path) -> None:
    path = program(tmp_path, """\
  it:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${api.id}
      integrationType: ${kind}
      integrationMethod: ANY
      integrationUri: https://${host}/x
      timeoutMilliseconds: ${timeout}
      payloadFormatVersion:
        fn::select: [0, ["1.0"]]
""", protocol="${protocol}")
    path.write_text(path.read_text().replace("resources:", "config:\n  timeout:\n    type: integer\n"
                                             "variables:\n  kind: HTTP_PROXY\nresources:", 1))
    assert lint(tmp_path)[:2] == (0, [])


def test_secret_values_checked_and_never_printed(tmp_path: Path) -> None:
    """`fn::secret` wraps a value the engine still sends (marked secret), as the pack sees it."""
    program(tmp_path, """\
  it:
    type: aws:apigatewayv2:Integration
    properties:
      apiId:
        fn::secret: ${api.id}
      integrationType: HTTP_PROXY
      integrationMethod: ANY
      integrationUri:
        fn::secret: https://internal.example.com/orders
      timeoutMilliseconds:
        fn::secret: 45000
      requestParameters:
        header.bad:
          fn::secret: static-token
""")
    code, findings, _ = lint(tmp_path)
    assert [(f["rule"], f["line"]) for f in findings] == [("APIGW030", 17), ("APIGW031", 20)]
    assert code == 1
    text = json.dumps(findings)
    assert "45000" not in text and "internal.example.com" not in text
    assert "static-token" not in text


def test_bad_files_reported_others_linted(tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken/Pulumi.yaml").write_text("name: x\nruntime: yaml\nresources: [\n")
    bomb = ["name: x\nruntime: yaml\na: &a [apigatewayv2, Integration]"]
    for i in range(1, 12):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]")
    bomb.append("resources:\n  it:\n    type: aws:apigatewayv2:Integration\n"
                "    properties:\n      apiId: *l\n      integrationType: MOCK\n")
    (tmp_path / "bomb").mkdir()
    (tmp_path / "bomb/Pulumi.yaml").write_text("\n".join(bomb))
    tagged = program(tmp_path / "tagged", """\
  it:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${api.id}
      integrationType: MOCK
      description: !!python/object/apply:os.system ["touch pwned"]
      timeoutMilliseconds: 40000
""", "WEBSOCKET")
    code, findings, stderr = lint(tmp_path)
    assert code == 1
    assert [(f["rule"], f["path"]) for f in findings if f["rule"] != "APIGW999"] == [
        ("APIGW030", str(tagged))]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    errors = sorted(f"{f['path']}:{f['line']}:{f['column']}: {f['message'][9:]}"
                    for f in findings if f["rule"] == "APIGW999")
    assert len(errors) == 2 and "YAML error" not in stderr
    assert errors[0].startswith(f"{tmp_path}/bomb/Pulumi.yaml:1:1: YAML error: ")
    assert "alias" in errors[0]
    assert errors[1].startswith(f"{tmp_path}/broken/Pulumi.yaml:4:1: YAML error: ")


def _per_integration(findings: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f["resource"], []).append(f["rule"])
    return {k: sorted(v) for k, v in out.items()}


@pytest.mark.parametrize("twin", sorted(p.stem for p in TWINS.glob("*.yaml")))
def test_parity_with_python(tmp_path: Path, twin: str) -> None:
    (tmp_path / "Pulumi.yaml").write_bytes((TWINS / f"{twin}.yaml").read_bytes())
    _, yaml_findings, _ = lint(tmp_path)
    _, python_findings, _ = lint(HERE / "programs" / f"{twin}.py")
    assert python_findings
    assert _per_integration(yaml_findings) == _per_integration(python_findings)


def test_three_twins() -> None:
    assert len(list(TWINS.glob("*.yaml"))) >= 3
