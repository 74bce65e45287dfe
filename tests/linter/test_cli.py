"""The CLI on small real files: import styles, argument forms, values, positions, exit codes,
discovery."""
from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

WS_API = 'api = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")'
URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" \
      "arn:aws:lambda:us-east-1:123456789012:function:chat/invocations"


def rules_found(run, rule: str = "APIGW030") -> list[tuple[str, int]]:
    return [f for f in run.found() if f[0] == rule]


def write(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code).lstrip())
    return path


@pytest.mark.parametrize("imports, cls", [
    ("import pulumi_aws as aws", "aws.apigatewayv2.Integration"),
    ("import pulumi_aws", "pulumi_aws.apigatewayv2.Integration"),
    ("import pulumi_aws.apigatewayv2", "pulumi_aws.apigatewayv2.Integration"),
    ("from pulumi_aws import apigatewayv2", "apigatewayv2.Integration"),
    ("from pulumi_aws import apigatewayv2 as gw", "gw.Integration"),
    ("from pulumi_aws.apigatewayv2 import Integration as I", "I"),
    ("from pulumi_aws.apigatewayv2 import *", "Integration"),
    ("import pulumi_aws.apigatewayv2.integration as m", "m.Integration"),
])
def test_import_styles(lint, tmp_path: Path, imports: str, cls: str) -> None:
    write(tmp_path, "main.py", f"""
        import pulumi_aws as aws
        {imports}
        {WS_API}
        x = {cls}("x", api_id=api.id, integration_type="MOCK", timeout_milliseconds=30000)
    """)
    run = lint("--format", "json", tmp_path)
    assert ("APIGW030", 4) in run.found(), run.stdout


def test_other_integration_classes_are_not_ours(lint, tmp_path: Path) -> None:
    write(tmp_path, "main.py", """
        import pulumi_aws as aws
        from mylib.apigatewayv2 import Integration
        rest = aws.apigateway.Integration("r", rest_api="x", resource_id="y", http_method="GET",
                                          type="MOCK", timeout_milliseconds=60000)
        mine = Integration("m", timeout_milliseconds=60000)
    """)
    run = lint("--format", "json", tmp_path)
    assert run.json == [] and run.code == 0


@pytest.mark.parametrize("call", [
    'Integration("x", IntegrationArgs(api_id=api.id, integration_type="MOCK", '
    'timeout_milliseconds=30000))',
    'Integration("x", args=IntegrationArgs(api_id=api.id, integration_type="MOCK", '
    'timeout_milliseconds=30000))',
    'Integration("x", **COMMON, timeout_milliseconds=30000)',
    'Integration("x", **dict(api_id=api.id, integration_type="MOCK"), '
    'timeout_milliseconds=30000)',
    'Integration(resource_name="x", **{**COMMON, "timeout_milliseconds": 30000})',
    'Integration("x", **COMMON, timeout_milliseconds=TIMEOUT_S * 1000)',
    'Integration("x", **COMMON, timeout_milliseconds=int(f"{TIMEOUT_S}000"))',
])
def test_argument_forms(lint, tmp_path: Path, call: str) -> None:
    write(tmp_path, "main.py", f"""
        import pulumi_aws as aws
        from pulumi_aws.apigatewayv2 import Integration, IntegrationArgs
        {WS_API}
        COMMON = {{"api_id": api.id, "integration_type": "MOCK"}}
        TIMEOUT_S = 30
        {call}
    """)
    run = lint("--format", "json", tmp_path)
    assert [f["rule"] for f in run.json] == ["APIGW030"], run.stdout


def test_unresolvable_values_are_silent(lint, tmp_path: Path) -> None:
    write(tmp_path, "main.py", f"""
        import pulumi
        import pulumi_aws as aws
        config = pulumi.Config()
        {WS_API}
        def make(timeout):
            return aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",
                                                timeout_milliseconds=timeout)
        make(config.require_int("timeout"))
        for t in [10, 20]:
            aws.apigatewayv2.Integration(f"l{{t}}", api_id=api.id, integration_type="MOCK",
                                         timeout_milliseconds=t * 1000)
        aws.apigatewayv2.Integration("f", api_id=api.id, integration_type="MOCK",
                                     timeout_milliseconds=config.get_int("t") or 30000)
        aws.apigatewayv2.Integration("o", **config.require_object("integration"))
    """)
    run = lint("--format", "json", tmp_path)
    assert run.json == [] and run.code == 0, run.stdout


def test_parameter_known_when_every_call_agrees(lint, tmp_path: Path) -> None:
    write(tmp_path, "main.py", f"""
        import pulumi_aws as aws
        {WS_API}
        def route(name, timeout=30000):
            aws.apigatewayv2.Integration(name, api_id=api.id, integration_type="MOCK",
                                         timeout_milliseconds=timeout)
        route("a")
        route("b", timeout=30000)
    """)
    run = lint("--format", "json", tmp_path)
    assert run.found() == [("APIGW030", 5)], run.stdout
    assert run.json[0]["resource"] is None  # the name differs between the calls


def test_api_imported_from_another_module(lint, tmp_path: Path) -> None:
    write(tmp_path, "Pulumi.yaml", "name: p\nruntime: python\n")
    write(tmp_path, "infra/__init__.py", "")
    write(tmp_path, "infra/api.py", """
        import pulumi_aws
        ws = pulumi_aws.apigatewayv2.Api("ws", args=pulumi_aws.apigatewayv2.ApiArgs(
            protocol_type="WEBSOCKET"))
    """)
    write(tmp_path, "__main__.py", """
        import pulumi_aws as aws
        from infra.api import ws
        from infra import api as api_module
        a = aws.apigatewayv2.Integration("a", api_id=ws.id, integration_type="MOCK",
                                         timeout_milliseconds=29500)
        b = aws.apigatewayv2.Integration("b", api_id=api_module.ws.id.apply(lambda i: i),
                                         integration_type="MOCK", timeout_milliseconds=29500)
    """)
    run = lint("--format", "json", tmp_path / "__main__.py")
    assert run.found() == [("APIGW030", 5), ("APIGW030", 7)], run.stdout


def test_positions(lint, tmp_path: Path) -> None:
    write(tmp_path, "main.py", """
        import pulumi_aws as aws
        api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
        aws.apigatewayv2.Integration(
            "x",
            api_id=api.id,
            integration_type="HTTP_PROXY",
            integration_method="ANY",
            integration_uri="https://example.com",
            intergration_subtype="SQS-SendMessage",
            request_parameters={
                "overwrite:path": "/v1",
                "append:header.Connection": "close",
            },
        )
        aws.apigatewayv2.Integration("y", api_id=api.id)
    """)
    run = lint("--format", "json", tmp_path)
    by_rule = {f["rule"]: f for f in run.json}
    typo = by_rule["APIGW048"]  # the unknown keyword itself
    assert (typo["line"], typo["column"], typo["end_line"], typo["end_column"]) == (9, 5, 9, 43)
    header = by_rule["APIGW032"]  # the dict key inside request_parameters
    assert (header["line"], header["column"]) == (12, 9)
    assert header["property"] == 'requestParameters["append:header.Connection"]'
    missing = by_rule["APIGW049"]  # a missing argument: the call
    assert (missing["line"], missing["column"], missing["resource"]) == (15, 1, "y")


def test_text_output_and_exit_codes(lint, tmp_path: Path) -> None:
    write(tmp_path, "main.py", """
        import pulumi_aws as aws
        api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
        aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="AWS_PROXY",
                                     integration_uri="arn:aws:lambda:us-east-1:123456789012:function:f")
    """)
    run = lint(tmp_path, cwd=tmp_path)
    assert run.code == 1
    assert run.stdout.startswith("main.py:3:1: APIGW012 [info] payload_format_version"), \
        run.stdout
    assert run.stdout.rstrip().endswith("(x)")
    assert lint("--fail-on", "warning", tmp_path).code == 0  # only an info finding
    assert lint("--fail-on", "info", tmp_path).code == 1
    assert lint("check", tmp_path).code == 1
    assert lint("--format", "xml", tmp_path).code == 2
    assert lint(tmp_path / "missing").code == 2


def test_no_integration_no_finding(lint, tmp_path: Path) -> None:
    write(tmp_path, "main.py", "import pulumi\npulumi.export('x', 1)\n")
    run = lint(tmp_path)
    assert (run.code, run.stdout) == (0, "")


def test_syntax_error_is_one_finding_and_the_run_goes_on(lint, tmp_path: Path) -> None:
    write(tmp_path, "a_broken.py", "import pulumi_aws as aws\naws.apigatewayv2.Integration(\n")
    write(tmp_path, "b_good.py", f"""
        import pulumi_aws as aws
        {WS_API}
        aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",
                                     timeout_milliseconds=30000)
    """)
    run = lint("--format", "json", tmp_path, cwd=tmp_path)
    assert run.found() == [("APIGW030", 4), ("APIGW999", 2)]
    assert run.code == 1 and run.stderr == ""
    [error] = [f for f in run.json if f["rule"] == "APIGW999"]
    assert (error["path"], error["line"], error["column"], error["message"]) == (
        "a_broken.py", 2, 29, "APIGW999 syntax error: '(' was never closed")


def test_gitignore_exclude_and_default_excludes(lint, tmp_path: Path) -> None:
    bad = f"""
        import pulumi_aws as aws
        {WS_API}
        aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",
                                     timeout_milliseconds=30000)
    """
    for name in ("ignored/main.py", "generated_stack.py", "venv/lib/pulumi_aws/x.py",
                 "legacy/main.py", "kept/main.py"):
        write(tmp_path, name, bad)
    write(tmp_path, ".gitignore", "ignored/\n*_stack.py\n")
    run = lint("--format", "json", "--exclude", "legacy", tmp_path, cwd=tmp_path)
    assert sorted({f["path"] for f in run.json}) == ["kept/main.py"]
    # A file named on the command line is linted even when ignored (pre-commit passes files).
    assert lint("--format", "json", tmp_path / "ignored/main.py").found() == [("APIGW030", 4)]


def test_symlink_loop_and_dangling_link(lint, tmp_path: Path) -> None:
    write(tmp_path, "src/main.py", f"""
        import pulumi_aws as aws
        {WS_API}
        aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",
                                     timeout_milliseconds=30000)
    """)
    os.symlink(tmp_path / "src", tmp_path / "src" / "loop")
    os.symlink(tmp_path / "nowhere.py", tmp_path / "src" / "dangling.py")
    run = lint("--format", "json", tmp_path)
    assert run.found() == [("APIGW030", 4)], run.stderr
    assert run.code == 1


@pytest.mark.parametrize("permission, expected", [
    ("", [("APIGW021", 7)]),  # no permission anywhere in the project
    ('aws.lambda_.Permission("p", action="lambda:InvokeFunction", '
     'principal="apigateway.amazonaws.com", function=fn.arn)', []),
    # made in a loop over functions it cannot resolve: it could name this one, so silent
    ('for f in FUNCTIONS:\n    aws.lambda_.Permission(f"p-{f}", action="lambda:InvokeFunction", '
     'principal="apigateway.amazonaws.com", function=f)', []),
    ('aws.lambda_.Permission("p", action="lambda:InvokeFunction", '
     'principal="apigateway.amazonaws.com", function=other.name)', [("APIGW021", 7)]),
    # IAM action names are case-insensitive; `lambda:*` and `*` grant invoke too
    ('aws.lambda_.Permission("p", action="lambda:invokeFunction", '
     'principal="apigateway.amazonaws.com", function=fn.name)', []),
    ('aws.lambda_.Permission("p", action="*", '
     'principal="apigateway.amazonaws.com", function=fn.name)', []),
    ('aws.lambda_.Permission("p", action="lambda:InvokeFunctionUrl", '
     'principal="apigateway.amazonaws.com", function=fn.name)', [("APIGW021", 7)]),
])
def test_lambda_permission_across_the_project(lint, tmp_path: Path, permission: str,
                                              expected: list) -> None:
    write(tmp_path, "Pulumi.yaml", "name: p\nruntime: python\n")
    fn = ('aws.lambda_.Function("{0}", role="arn:aws:iam::123456789012:role/r", '
          'runtime="python3.12", handler="h.h", code=pulumi.FileArchive("."))')
    write(tmp_path, "__main__.py", f"""
        import pulumi
        import pulumi_aws as aws
        api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
        fn = {fn.format("fn")}
        aws.apigatewayv2.Integration("i", api_id=api.id, integration_type="AWS_PROXY",
                                     payload_format_version="2.0",
                                     integration_uri=fn.invoke_arn)
    """)
    write(tmp_path, "permissions.py", "import pulumi\nimport pulumi_aws as aws\n"
          f"from __main__ import fn\nother = {fn.format('other')}\n"
          f"FUNCTIONS = pulumi.Config().require_object('functions')\n{permission}\n")
    run = lint("--format", "json", tmp_path)
    assert run.found() == expected, run.stdout


def test_library_code_without_pulumi_is_not_followed(lint, tmp_path: Path) -> None:
    """A project's library that mentions a resource's name in passing (`Permission denied`)
    and passes its parameters around: read, never followed into, never an internal error."""
    write(tmp_path, "Pulumi.yaml", "name: p\nruntime: python\n")
    write(tmp_path, "lib/files.py", """
        import os
        from errno import EACCES

        def lock(path):
            if not os.access(path, os.W_OK):
                raise PermissionError(EACCES, "Permission denied", path)
            opened = []
            return open_into(opened, path)

        def open_into(opened, path):
            opened.extend(map(os.open, (path,)))
            return opened[0]
    """)
    shutil.copy(Path(__file__).parents[1] / "programs" / "lambda_http.py",
                tmp_path / "__main__.py")
    run = lint("--format", "json", "--no-cache", tmp_path)
    assert "internal error" not in run.stderr, run.stderr
    assert sorted({f["rule"] for f in run.json}) == ["APIGW021", "APIGW030", "APIGW039"]
