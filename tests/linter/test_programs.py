"""Handwritten programs written the way public Pulumi projects are: the findings they must give,
with their lines, and programs that must give none."""
from __future__ import annotations

from pathlib import Path

import pytest

PROGRAMS = Path(__file__).with_name("programs")

EXPECTED = {
    # multi-module project: the Api and the functions are imported from a package
    "chat": [("APIGW018", 30), ("APIGW021", 30), ("APIGW030", 23)],  # 018: fn.arn on WebSocket
    # a ComponentResource building integrations in a loop from an IntegrationArgs object
    "http_component.py": [("APIGW012", 19), ("APIGW039", 25)],
    # a helper called twice; the reserved header is in a module-level dict
    "proxy_helpers.py": [("APIGW032", 12)],
    # shapes of values the source cannot compute (test_shapes.py has the details)
    "shapes.py": [("APIGW017", 35), ("APIGW017", 36), ("APIGW017", 38), ("APIGW018", 41),
                  ("APIGW026", 43), ("APIGW026", 45), ("APIGW026", 46), ("APIGW026", 47),
                  ("APIGW026", 48), ("APIGW026", 50), ("APIGW026", 52), ("APIGW026", 53),
                  ("APIGW020", 56), ("APIGW019", 59), ("APIGW028", 60)],
    "clean_http_lambda.py": [],
    "clean_sqs_kwargs.py": [],
}


@pytest.mark.parametrize("program", EXPECTED)
def test_program(lint, program: str) -> None:
    run = lint("--format", "json", PROGRAMS / program)
    assert run.found() == sorted(EXPECTED[program]), run.stdout
    assert run.code == (1 if EXPECTED[program] else 0)
    assert "error" not in run.stderr


def test_whole_folder_at_once(lint) -> None:
    """Linting the folder gives the same findings as linting each program alone."""
    run = lint("--format", "json", PROGRAMS)
    expected = sorted((rule, line) for rules in EXPECTED.values() for rule, line in rules)
    assert run.found() == expected


def test_finding_names_the_resource_and_property(lint) -> None:
    run = lint("--format", "json", PROGRAMS / "chat")
    (timeout,) = [f for f in run.json if f["rule"] == "APIGW030"]
    assert timeout["resource"] == "connect"
    assert timeout["property"] == "timeoutMilliseconds"
    assert (timeout["line"], timeout["column"], timeout["end_line"]) == (23, 5, 23)
    assert timeout["path"].endswith("chat/__main__.py")
    assert timeout["severity"] == "error" and timeout["name"] == "apigw-timeout-range"
    assert timeout["message"].startswith("APIGW030 ") and timeout["fix"]


def test_repository_examples(lint) -> None:
    """`apigw-lint examples/`, the README's first command: some programs clean, some not."""
    examples = Path(__file__).parents[2] / "examples"
    run = lint("--format", "json", examples)
    by_program: dict[str, list[str]] = {}
    for f in run.json:
        parts = Path(f["path"]).parts  # the program's folder under examples/
        by_program.setdefault(parts[parts.index("examples") + 1], []).append(f["rule"])
    assert sorted(by_program) == ["broken", "csharp-http", "go-http", "java-http",
                                  "typescript-websocket",
                                  "websocket-chat", "yaml-websocket"]
    assert by_program["go-http"] == ["APIGW039", "APIGW030"]
    assert by_program["java-http"] == ["APIGW015"]
    assert by_program["yaml-websocket"] == ["APIGW030"]
    assert by_program["typescript-websocket"] == ["APIGW018"]
    assert by_program["csharp-http"] == ["APIGW030", "APIGW011"]
    assert sorted(by_program["websocket-chat"]) == ["APIGW021", "APIGW030"]
    assert {"APIGW004", "APIGW030", "APIGW032", "APIGW039", "APIGW048"} <= set(by_program["broken"])
    assert run.code == 1
