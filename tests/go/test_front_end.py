"""linter.go in-process: what the evaluator proves and what it must leave unknown (a value it
cannot be sure of silences its rules), spelling(), and the codemod's edits."""
from __future__ import annotations

from pathlib import Path

import pytest

from apigw_lint.linter.go.frontend import Go
from apigw_lint.rules import UNKNOWN

from .conftest import findings, integrations, write

HEAD = """\
package main

import (
	"fmt"

	aws2 "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var _ = fmt.Sprintf
"""


def program(body: str, *extra: str) -> str:
    return HEAD + "\n".join(extra) + "\nfunc main() {\n\tpulumi.Run(func(ctx *pulumi.Context) " \
        "error {\n\t\tapi, _ := aws2.NewApi(ctx, \"api\", &aws2.ApiArgs{ProtocolType: " \
        "pulumi.String(\"HTTP\")})\n" + body + "\n\t\treturn nil\n\t})\n}\n"


def integration(body: str, *extra: str, timeout: str = "") -> str:
    return program(f'\t\taws2.NewIntegration(ctx, "it", &aws2.IntegrationArgs{{ApiId: api.ID(), '
                   f'IntegrationType: pulumi.String("HTTP_PROXY"), IntegrationMethod: '
                   f'pulumi.String("ANY"), {body}}})' + timeout, *extra)


def props(tmp_path: Path, files: dict[str, str]) -> dict:
    found = integrations(write(tmp_path, files))
    assert len(found) == 1, found
    return found[0].model.props  # type: ignore[union-attr]


@pytest.mark.parametrize("value, expected", [
    ('pulumi.String("https://a.example.com/x")', "https://a.example.com/x"),
    ('pulumi.StringPtr(`https://raw.example.com/\\n`)', "https://raw.example.com/\\n"),
    ('pulumi.String("https://\\u00e9.example.com/\\x41")', "https://\u00e9.example.com/A"),
    ('pulumi.String(base + "/v1")', "https://c.example.com/v1"),
    ('pulumi.String(fmt.Sprintf("%s/%d%%", base, 7))', "https://c.example.com/7%"),
    ('pulumi.String(fmt.Sprintf("%q", base))', UNKNOWN),  # a verb not rendered here
    ('pulumi.String(fmt.Sprintf("%s", base, 1))', UNKNOWN),  # an extra argument
    ('pulumi.String(fmt.Sprintf("%s/%", base))', UNKNOWN),  # a lone `%`
    ('pulumi.String("\\xff")', UNKNOWN),  # not text
    ('pulumi.String(shadowed())', UNKNOWN),  # two returns disagree
])
def test_string_values(tmp_path: Path, value: str, expected: object) -> None:
    extra = ('const base = "https://c.example.com"\n'
             'func shadowed() string {\n\tif len(base) > 3 {\n\t\treturn "a"\n\t}\n'
             '\treturn "b"\n}\n')
    assert props(tmp_path, {"main.go": integration(f"IntegrationUri: {value}", extra)})[
        "integrationUri"] == expected


@pytest.mark.parametrize("value, expected", [
    ("30_000", 30000), ("0x7530", 30000), ("070", 56), ("(29000 + 2000) / 2", 15500),
    ("-7 / 2", -3), ("timeout", 29000), ("changed", UNKNOWN), ("local", UNKNOWN),
    ("fromOtherFile", 1234), ("fromOtherPackage", UNKNOWN),
])
def test_numbers_and_names(tmp_path: Path, value: str, expected: object) -> None:
    extra = ("const timeout = 29_000\nvar changed = 1\n"
             "func change() {\n\tchanged = 2\n}\n"
             "var local = 5\n")
    body = integration(f"TimeoutMilliseconds: pulumi.Int({value})", extra)
    # a function's own `local` hides the package's: the one seen by the integration is unknown
    body = body.replace("\t\tapi, _ :=", "\t\tlocal := len(fmt.Sprint(1))\n\t\tapi, _ :=")
    files = {"main.go": body, "other.go": "package main\n\nconst fromOtherFile = 1234\n",
             "sub/other.go": "package sub\n\nconst fromOtherPackage = 1\n"}
    assert props(tmp_path, files)["timeoutMilliseconds"] == expected


def test_maps_lists_and_structs(tmp_path: Path) -> None:
    body = ('RequestParameters: pulumi.StringMap{"overwrite:path": pulumi.String("/x"), '
            'key: pulumi.String("v")}, ResponseParameters: '
            'aws2.IntegrationResponseParameterArray{&aws2.IntegrationResponseParameterArgs{'
            'StatusCode: pulumi.String("500"), Mappings: map[string]string{"a": "b"}}}, '
            'TlsConfig: tls')
    found = props(tmp_path, {"main.go": integration(body, 'const key = "append:header.k"',
                  'var tls = &aws2.IntegrationTlsConfigArgs{ServerNameToVerify: '
                  'pulumi.String("x.example.com")}')})
    assert found["requestParameters"] == {"overwrite:path": "/x", "append:header.k": "v"}
    assert found["responseParameters"] == [{"statusCode": "500", "mappings": {"a": "b"}}]
    assert found["tlsConfig"] == {"serverNameToVerify": "x.example.com"}


def test_a_map_a_function_may_change_is_unknown(tmp_path: Path) -> None:
    body = integration("RequestParameters: params", "func fill(m pulumi.StringMap) {}")
    body = body.replace("\t\taws2.NewIntegration",
                        '\t\tparams := pulumi.StringMap{"overwrite:path": pulumi.String("/x")}\n'
                        "\t\tfill(params)\n\t\taws2.NewIntegration")
    assert props(tmp_path, {"main.go": body})["requestParameters"] is UNKNOWN
    unchanged = body.replace("\t\tfill(params)\n", "")
    assert props(tmp_path / "b", {"main.go": unchanged})["requestParameters"] == {
        "overwrite:path": "/x"}


def test_secret_and_output_shapes(tmp_path: Path) -> None:
    body = integration('IntegrationUri: pulumi.Sprintf("https://%s/x", api.ApiEndpoint), '
                       'Description: pulumi.ToSecret(pulumi.String("d"))')
    [found] = integrations(write(tmp_path, {"main.go": body}))
    assert found.model.secret == {"description"} and found.model.props["description"] == "d"
    assert found.model.props["integrationUri"] is UNKNOWN
    assert found.model.shapes["integrationUri"].prefix == "https://"


def test_only_pulumi_aws_apigatewayv2_is_an_integration(tmp_path: Path) -> None:
    other = HEAD.replace("github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2",
                         "example.com/fake/apigatewayv2")
    fake = other + ('func f(ctx *pulumi.Context) {\n\taws2.NewIntegration(ctx, "x", '
                    '&aws2.IntegrationArgs{IntergrationType: pulumi.String("MOCK")})\n}\n')
    assert integrations(write(tmp_path / "fake", {"main.go": fake})) == []
    # the default name of a versioned import path is its last element before the version
    real = fake.replace('\taws2 "example.com/fake/apigatewayv2"',
                        '\t"github.com/pulumi/pulumi-aws/sdk/go/aws/apigatewayv2"') \
        .replace("aws2.", "apigatewayv2.")
    assert [f[1:3] for f in findings(write(tmp_path / "real", {"main.go": real}))] == [
        ("APIGW049", ""), ("APIGW049", ""), ("APIGW048", "IntergrationType")]


def test_parameters_follow_every_call_or_none(tmp_path: Path) -> None:
    helper = ("func make(ctx *pulumi.Context, api *aws2.Api, t int) {\n"
              '\taws2.NewIntegration(ctx, "it", &aws2.IntegrationArgs{ApiId: api.ID(), '
              'IntegrationType: pulumi.String("HTTP_PROXY"), IntegrationMethod: '
              'pulumi.String("ANY"), IntegrationUri: pulumi.String("https://x.example.com"), '
              "TimeoutMilliseconds: pulumi.Int(t)})\n}\n")
    same = program("\t\tmake(ctx, api, 40000)\n\t\tmake(ctx, api, 40000)", helper)
    assert [f[1:3] for f in findings(write(tmp_path / "same", {"main.go": same}))] == [
        ("APIGW030", "timeoutMilliseconds")]
    differ = program("\t\tmake(ctx, api, 40000)\n\t\tmake(ctx, api, 20000)", helper)
    assert findings(write(tmp_path / "differ", {"main.go": differ})) == []
    passed = program("\t\tmake(ctx, api, 40000)\n\t\tvar f = make\n\t\t_ = f", helper)
    assert findings(write(tmp_path / "passed", {"main.go": passed})) == []


def test_spelling() -> None:
    go = Go()
    assert [go.spelling(n) for n in ("timeoutMilliseconds", "apiId", "tlsConfig", "invokeArn",
                                     "id")] == ["TimeoutMilliseconds", "ApiId", "TlsConfig",
                                                "InvokeArn", "ID"]


def test_a_misspelt_field_points_at_itself_as_written(tmp_path: Path) -> None:
    body = integration('IntegrationUri: pulumi.String("https://x.example.com"), '
                       'TimeoutMilis: pulumi.Int(100)')
    [found] = integrations(write(tmp_path, {"main.go": body}))
    assert found.model.extra_args == ("TimeoutMilis",)
    assert findings(tmp_path) == [("it", "APIGW048", "TimeoutMilis", 15, 216)]


@pytest.mark.parametrize("change, known", [
    ("", True),
    ("\t\tp := &timeout\n\t\t*p = 45000\n", False),  # through a pointer to the variable
    ("\t\talias := args\n\t\talias.TimeoutMilliseconds = pulumi.Int(20000)\n", False),
    ("\t\tkeep(args)\n", False),  # handed to a function: it may change it
])
def test_what_a_pointer_may_change_is_unknown(tmp_path: Path, change: str, known: bool) -> None:
    body = program("\t\ttimeout := 40000\n\t\targs := &aws2.IntegrationArgs{ApiId: api.ID(), "
                   'IntegrationType: pulumi.String("HTTP_PROXY"), IntegrationMethod: '
                   'pulumi.String("ANY"), IntegrationUri: pulumi.String("https://x.example.com"), '
                   "TimeoutMilliseconds: pulumi.Int(timeout)}\n" + change
                   + '\t\taws2.NewIntegration(ctx, "it", args)',
                   "func keep(a *aws2.IntegrationArgs) {}")
    expected = [("it", "APIGW030", "timeoutMilliseconds")] if known else []
    assert [f[:3] for f in findings(write(tmp_path, {"main.go": body}))] == expected


def test_a_field_in_the_engine_spelling_is_apigw048_where_it_is_written(tmp_path: Path) -> None:
    body = integration('IntegrationUri: pulumi.String("https://x.example.com"), '
                       "timeoutMilliseconds: pulumi.Int(100)")
    assert findings(write(tmp_path, {"main.go": body})) == [
        ("it", "APIGW048", "timeoutMilliseconds", 15, 216)]
