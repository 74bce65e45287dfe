"""linter.csharp in-process: how C# names the classes, which values it proves and which it must
leave unknown (precision first), the context it reads from related resources, and its spelling."""
from __future__ import annotations

from pathlib import Path

import pytest

from apigw_lint.linter.csharp.frontend import CSharp
from apigw_lint.linter.csharp.integrations import Found
from apigw_lint.rules import UNKNOWN

from .conftest import findings, integrations, write

HEAD = "using Pulumi;\nusing Aws = Pulumi.Aws;\n"


def models(tmp_path: Path, body: str, head: str = HEAD, **files: str) -> list:
    found = integrations(write(tmp_path / "p", {"Program.cs": head + body, **files}))
    assert all(isinstance(f, Found) for f in found)
    return [f.model for f in found]  # type: ignore[union-attr]


def one(tmp_path: Path, args: str, before: str = "", head: str = HEAD, **files: str) -> dict:
    body = f'{before}\nnew Aws.ApiGatewayV2.Integration("i", new() {{ {args} }});\n'
    [m] = models(tmp_path, body, head, **files)
    return dict(m.props)


@pytest.mark.parametrize("head, cls", [
    (HEAD, "Aws.ApiGatewayV2.Integration"),
    ("", "Pulumi.Aws.ApiGatewayV2.Integration"),
    ("", "global::Pulumi.Aws.ApiGatewayV2.Integration"),
    ("using Pulumi.Aws.ApiGatewayV2;\n", "Integration"),
    ("using Gw = Pulumi.Aws.ApiGatewayV2;\n", "Gw.Integration"),
])
def test_the_ways_to_name_the_class(tmp_path: Path, head: str, cls: str) -> None:
    [m] = models(tmp_path, f'new {cls}("i", new() {{ IntegrationType = "MOCK" }});\n', head)
    assert m.name == "i" and m.props == {"integrationType": "MOCK"}


@pytest.mark.parametrize("head, body", [
    ("", 'new Integration("i", new() { IntegrationType = "MOCK" });\n'),  # no using
    ("using Aws = Pulumi.Aws;\n", 'new Aws.ApiGateway.Integration("i", new() {});\n'),  # REST
    ("using Pulumi.Aws.ApiGatewayV2;\n",  # the program's own class of that name
     'new Integration("i", new() {});\nclass Integration { public Integration(string n, '
     'object a) {} }\n'),
])
def test_what_is_not_the_class_is_not_read(tmp_path: Path, head: str, body: str) -> None:
    assert models(tmp_path, body, head) == []


def test_values_the_front_end_proves(tmp_path: Path) -> None:
    props = one(tmp_path, 'Description = $"{Prefix}-{{x}}\\t" + @"a""b" + "\\u0041", '
                'TimeoutMilliseconds = Base * 2 - 0x10, PayloadFormatVersion = flag ? "2.0" : '
                '"1.0", RequestParameters = { { "a", "1" }, ["b"] = Text }, '
                'ResponseParameters = new[] { new Aws.ApiGatewayV2.Inputs.'
                'IntegrationResponseParameterArgs { StatusCode = "500", Mappings = '
                'new Dictionary<string, string> { ["x"] = "y" } } }',
                before='const string Prefix = "p";\nconst int Base = 1_000;\nvar flag = true;\n'
                       'var Text = string.Empty;')
    assert props == {
        "description": 'p-{x}\ta"bA', "timeoutMilliseconds": 1984,
        "payloadFormatVersion": "2.0", "requestParameters": {"a": "1", "b": ""},
        "responseParameters": [{"statusCode": "500", "mappings": {"x": "y"}}]}


@pytest.mark.parametrize("before, value", [
    ("var t = 1;\nt = 60_000;", "t"),  # assigned again
    ("var t = 1;\nt++;", "t"),
    ("int t;\nSet(out t);", "t"),  # through `out`
    ("foreach (var t in new[] { 60_000 }) {}\nvar t = 60_000;", "t"),  # a loop's own t
    ("if (x) { var t = 1; } else { var t = 60_000; }", "t"),  # two declarations
    ("", "Settings.Mutable"),  # a static field that is not readonly
    ("", "Settings.Instance"),  # readonly, not static
    ("", "Missing.Timeout"),  # a class of no file of the project
    ("var t = Config.Require(\"t\");", "t"),
    ("", "int.Parse(\"60000\")"),
    ("", "(int)60_000.0"),
    ("", '$"{60000:N0}"'),  # a format: how it prints is not known
    ("", "100_000 * 100_000"),  # beyond C#'s int
    ("var t = 60_000;\nclass K { int M() => t; }", "t"),  # a top-level local read in a type
])
def test_values_left_unknown(tmp_path: Path, before: str, value: str) -> None:
    settings = ("class Settings { public static int Mutable = 60_000; "
                "public readonly int Instance = 60_000; }\n")
    props = one(tmp_path, f"TimeoutMilliseconds = {value}", before,
                **{"Settings.cs": settings})
    assert props == {"timeoutMilliseconds": UNKNOWN}


def test_a_list_filled_after_it_is_made_is_unknown(tmp_path: Path) -> None:
    props = one(tmp_path, "RequestParameters = map, ResponseParameters = list",
                'var map = new Dictionary<string, string> { ["a"] = "1" };\nmap.Add("b", "2");\n'
                "var list = new List<object>();\nlist.Add(new object());")
    assert props == {"requestParameters": UNKNOWN, "responseParameters": UNKNOWN}


def test_constants_of_another_file_and_global_usings(tmp_path: Path) -> None:
    body = 'new Gw.Integration("i", new IntegrationArgs { TimeoutMilliseconds = Limits.Timeout, ' \
        'Description = Limits.Name });\n'
    [m] = models(tmp_path, body, "", **{
        "Usings.cs": "global using Pulumi.Aws.ApiGatewayV2;\n"
                     "global using Gw = Pulumi.Aws.ApiGatewayV2;\n",
        "Limits.cs": "namespace X { static class Limits { public const int Timeout = 29_000; "
                     'public static readonly string Name = "n" + "m"; } }\n'})
    assert m.props == {"timeoutMilliseconds": 29_000, "description": "nm"}


def test_secret_and_output_format(tmp_path: Path) -> None:
    [m] = models(tmp_path, 'var api = new Aws.ApiGatewayV2.Api("a", new() { ProtocolType = '
                 '"HTTP" });\nnew Aws.ApiGatewayV2.Integration("i", new() { ApiId = api.Id, '
                 'IntegrationUri = Output.Format($"https://{api.Id}/x"), RequestParameters = '
                 '{ ["a"] = Output.CreateSecret("s") } });\n')
    assert m.props == {"apiId": UNKNOWN, "integrationUri": UNKNOWN,
                       "requestParameters": {"a": "s"}}
    assert m.secret == {"requestParameters"}
    assert m.shapes["integrationUri"].prefix == "https://"
    assert m.context.protocol == "HTTP"


COUNTED = """\
var api = new Aws.ApiGatewayV2.Api("a", new() { ProtocolType = "WEBSOCKET" });
new Aws.ApiGatewayV2.Integration("one", new() { ApiId = api.Id, IntegrationType = "MOCK" });
new Aws.ApiGatewayV2.Integration("two", new() { ApiId = api.Id, IntegrationType = "MOCK" });
"""


@pytest.mark.parametrize("extra, count", [
    ("", 2),
    ('for (var i = 0; i < 3; i++) { new Aws.ApiGatewayV2.Integration("x", new() { ApiId = api.Id'
     ' }); }\n', None),
    ('void Make() { new Aws.ApiGatewayV2.Integration("x", new() { ApiId = api.Id }); }\n', None),
])
def test_integrations_counted_on_the_api_only_when_each_runs_once(tmp_path: Path, extra: str,
                                                                   count: int | None) -> None:
    found = models(tmp_path, COUNTED + extra)
    assert [m.context.integrations_on_api for m in found][:2] == [count, count]


@pytest.mark.parametrize("function, permitted", [
    ("fn.Name", True), ("fn.Arn", True), ("other.Name", False), ("name", UNKNOWN)])
def test_lambda_permission(tmp_path: Path, function: str, permitted: object) -> None:
    body = ('var fn = new Aws.Lambda.Function("f", new() {});\n'
            'var other = new Aws.Lambda.Function("g", new() {});\n'
            'var name = Config.Require("fn");\n'
            f'new Aws.Lambda.Permission("p", new() {{ Action = "lambda:InvokeFunction", '
            f'Function = {function}, Principal = "apigateway.amazonaws.com" }});\n'
            'new Aws.ApiGatewayV2.Integration("i", new() { IntegrationType = "AWS_PROXY", '
            'IntegrationUri = fn.InvokeArn });\n')
    [m] = models(tmp_path, body)
    assert m.context.lambda_permitted == permitted
    assert m.context.uri_source == "lambda-function"


def test_express_state_machine(tmp_path: Path) -> None:
    body = ('var machine = new Aws.Sfn.StateMachine("m", new() { Type = "STANDARD" });\n'
            'var api = new Aws.ApiGatewayV2.Api("a", new() { ProtocolType = "HTTP" });\n'
            'new Aws.ApiGatewayV2.Integration("sync", new()\n{\n    ApiId = api.Id,\n'
            '    IntegrationType = "AWS_PROXY",\n'
            '    IntegrationSubtype = "StepFunctions-StartSyncExecution",\n'
            '    CredentialsArn = "arn:aws:iam::123456789012:role/r",\n'
            '    PayloadFormatVersion = "1.0",\n'
            '    RequestParameters =\n    {\n        { "StateMachineArn", machine.Arn },\n'
            '        { "Input", "$request.body" },\n    },\n});\n')
    root = write(tmp_path / "p", {"Program.cs": HEAD + body})
    assert findings(root) == [("sync", "APIGW009", 'requestParameters["StateMachineArn"]', 14, 9)]


def test_spelling() -> None:
    spell = CSharp().spelling
    assert [spell(n) for n in ("timeoutMilliseconds", "invokeArn", "apiId", "id")] == [
        "TimeoutMilliseconds", "InvokeArn", "ApiId", "Id"]


def test_strings_as_csharp_reads_them(tmp_path: Path) -> None:
    props = one(tmp_path, 'Description = "\\uD83D\\uDE00" + "\\U0001F600", ConnectionId = '
                '"\\uD83D", IntegrationUri = "\\x41", IntegrationMethod = $@"{x}""{{", '
                'CredentialsArn = """raw""", PassthroughBehavior = "a" + 1 + 2',
                before="const int x = 1;")
    # a surrogate pair is one character, a lone one is no text; \\x's length is not read
    assert props == {"description": "\U0001F600" * 2, "connectionId": UNKNOWN,
                     "integrationUri": UNKNOWN, "integrationMethod": '1"{',
                     "credentialsArn": UNKNOWN, "passthroughBehavior": "a12"}
