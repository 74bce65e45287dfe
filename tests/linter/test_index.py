"""The project index (linter/mentions.py): every file parsed at most once per run, however many
integrations ask about the project's permissions, functions and APIs; a file that cannot create
a resource (it neither spells `pulumi` nor may import a project file that does) is never parsed,
even when its licence header spells `Permission`; one that can is found through its imports."""
from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from apigw_lint.linter import lint as lint_module
from apigw_lint.linter.python import project as python_project

FILES = {
    "Pulumi.yaml": "name: idx\nruntime: python\n",
    "fns.py": """
        import pulumi
        import pulumi_aws as aws

        ROLE = "arn:aws:iam::123456789012:role/r"
        a = aws.lambda_.Function("a", role=ROLE, runtime="python3.12", handler="h.h",
                                 code=pulumi.FileArchive("."))
        b = aws.lambda_.Function("b", role=ROLE, runtime="python3.12", handler="h.h",
                                 code=pulumi.FileArchive("."))
        c = aws.lambda_.Function("c", role=ROLE, runtime="python3.12", handler="h.h",
                                 code=pulumi.FileArchive("."))
    """,
    # grants.py spells neither pulumi nor pulumi_aws: it creates permissions through factory.py
    "factory.py": """
        import pulumi_aws as aws

        Permission = aws.lambda_.Permission
    """,
    "grants.py": """
        from factory import Permission
        from fns import a, b

        Permission("pa", action="lambda:InvokeFunction", principal="apigateway.amazonaws.com",
                   function=a.name)
        Permission("pb", action="lambda:InvokeFunction", principal="apigateway.amazonaws.com",
                   function=b.name)
    """,
    "licence.py": """
        # Permission to use, copy, modify, and/or distribute this software for any purpose
        # with or without fee is hereby granted.


        def check(path):
            raise PermissionError(path)
    """,
    "__main__.py": """
        import pulumi_aws as aws
        from fns import a, b

        api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
        aws.apigatewayv2.Integration("ia", api_id=api.id, integration_type="AWS_PROXY",
                                     payload_format_version="2.0", integration_uri=a.invoke_arn)
        aws.apigatewayv2.Integration("ib", api_id=api.id, integration_type="AWS_PROXY",
                                     payload_format_version="2.0", integration_uri=b.invoke_arn)
    """,
    "routes.py": """
        import pulumi_aws as aws
        from __main__ import api
        from fns import c

        aws.apigatewayv2.Integration("ic", api_id=api.id, integration_type="AWS_PROXY",
                                     payload_format_version="2.0", integration_uri=c.invoke_arn)
    """,
}
PARSE = python_project.parse
# c has no permission: its integration's integrationUri (line 6, column 60)
UNPERMITTED = [("routes.py", "APIGW021", 6, 60)]


def write(top: Path, files: dict[str, str]) -> Path:
    top.mkdir(exist_ok=True)
    for name, text in files.items():
        (top / name).write_text(textwrap.dedent(text).lstrip())
    return top


def parsed_and_found(top: Path, monkeypatch) -> tuple[Counter, list[tuple[str, str, int, int]]]:
    """Which files the Python front end parsed, how many times each, in one run (one process,
    no cache), and the findings."""
    by_text = {path.read_bytes(): path.name for path in top.glob("*.py")}
    parses: Counter = Counter()

    def counting(data: bytes):
        parses[by_text[data]] += 1
        return PARSE(data)

    monkeypatch.setattr(python_project, "parse", counting)
    result = lint_module.lint([top], jobs=1, cache=False)
    return parses, sorted((Path(r.path).name, r.finding.rule, r.line, r.column)
                          for r in result.reports)


def test_each_file_is_parsed_once_and_a_licence_header_is_not_parsed(tmp_path: Path,
                                                                    monkeypatch) -> None:
    top = write(tmp_path, FILES)
    parses, found = parsed_and_found(top, monkeypatch)
    assert found == UNPERMITTED
    assert parses == Counter({"__main__.py": 1, "routes.py": 1, "fns.py": 1, "factory.py": 1,
                              "grants.py": 1})


def test_a_permission_through_a_chain_of_imports(tmp_path: Path, monkeypatch) -> None:
    """grants.py reaches the SDK through two project modules: its permissions still count; the
    same permissions in a file that imports nothing of the project are not the SDK's."""
    chained = {**FILES, "factory.py": "from sdk import Permission\n",
               "sdk.py": "import pulumi_aws as aws\n\nPermission = aws.lambda_.Permission\n"}
    assert parsed_and_found(write(tmp_path / "chained", chained), monkeypatch)[1] == UNPERMITTED
    unrelated = {**FILES, "grants.py": FILES["grants.py"].replace(
        "from factory import Permission\n        from fns import a, b",
        "from other import Permission, a, b")}
    parses, found = parsed_and_found(write(tmp_path / "unrelated", unrelated), monkeypatch)
    assert found == sorted([*UNPERMITTED, ("__main__.py", "APIGW021", 6, 60),
                            ("__main__.py", "APIGW021", 8, 60)])
    assert "grants.py" not in parses


@pytest.mark.parametrize("sdk", [False, True])
def test_an_unparsable_file_silences_apigw021_only_if_it_may_create_a_permission(
        tmp_path: Path, monkeypatch, sdk: bool) -> None:
    """A licence header's `Permission` in a file that does not parse: it cannot create a
    permission, so c's integration keeps its APIGW021; once the file imports the SDK it may,
    and the finding gives way to the file's syntax error."""
    broken = FILES["licence.py"] + "\n        def broken(:\n"
    if sdk:
        broken = "        import pulumi_aws\n" + broken
    top = write(tmp_path, {**FILES, "licence.py": broken})
    found = parsed_and_found(top, monkeypatch)[1]
    assert found == ([("licence.py", "APIGW999", 10, 11)] if sdk else UNPERMITTED)
