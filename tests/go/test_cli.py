"""The Go front end through the check loop: the installed CLI run as a process on Go projects in
tmp_path (findings, suppressions, --fix / --diff, --show-skipped, --jobs, the cache, APIGW999,
bad input, --base)."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from sitter_checks import found, tamper

from apigw_lint.linter.go.parse import parse

from .conftest import write

APIS = """\
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const Timeout = 30_000

func newAPI(ctx *pulumi.Context) (*apigatewayv2.Api, error) {
	return apigatewayv2.NewApi(ctx, "http", &apigatewayv2.ApiArgs{ProtocolType: pulumi.String("HTTP")})
}
"""
MAIN = """\
package main

import (
	v2 "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		http, err := newAPI(ctx)
		if err != nil {
			return err
		}
		_, err = v2.NewIntegration(ctx, "proxy", &v2.IntegrationArgs{
			ApiId:               http.ID(),
			IntegrationType:     pulumi.String("HTTP_PROXY"),
			IntegrationMethod:   pulumi.String("ANY"),
			IntegrationUri:      pulumi.String("https://example.com"),
			TimeoutMilliseconds: pulumi.Int(Timeout + 1),
			PassthroughBehavior: pulumi.String("NEVER"),
		})
		if err != nil {
			return err
		}
		_, err = v2.NewIntegration(ctx, "typo", &v2.IntegrationArgs{
			ApiId:            http.ID(),
			IntergrationType: pulumi.String("HTTP_PROXY"),
			IntegrationUri:   pulumi.String("https://example.com"),
		})
		if err != nil {
			return err
		}
		_, err = v2.NewIntegration(ctx, "configured", &v2.IntegrationArgs{
			ApiId:               http.ID(),
			IntegrationType:     pulumi.String("HTTP_PROXY"),
			IntegrationMethod:   pulumi.String("ANY"),
			IntegrationUri:      pulumi.String("https://example.com"),
			TimeoutMilliseconds: pulumi.Int(cfg.RequireInt("timeout")),
		})
		return err
	})
}
"""
# what main.go reports: (rule, property, line, column, end line, end column), 1-based
FOUND = [("APIGW030", "timeoutMilliseconds", 21, 4, 21, 48),
         ("APIGW039", "passthroughBehavior", 22, 4, 22, 47),
         ("APIGW049", "", 27, 12, 31, 5),
         ("APIGW048", "IntergrationType", 29, 4, 29, 49)]
# a mistake (APIGW039) in every file the front end must never read
HIDDEN = """\
package hidden

import "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"

func hidden(ctx *pulumi.Context) {
	apigatewayv2.NewIntegration(ctx, "hidden", &apigatewayv2.IntegrationArgs{ApiId: pulumi.String("x"), IntegrationType: pulumi.String("HTTP_PROXY"), IntegrationMethod: pulumi.String("ANY"), IntegrationUri: pulumi.String("https://example.com"), PassthroughBehavior: pulumi.String("NEVER")})
}
"""


def project(folder: Path, main: str = MAIN) -> Path:
    return write(folder, {"apis.go": APIS, "main.go": main, "main_test.go": HIDDEN,
                          "vendor/example.com/x/x.go": HIDDEN})


def test_findings_exact_and_no_test_or_vendored_file_read(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run = lint("--format", "json", root, cwd=tmp_path)
    assert run.code == 1
    assert found(run) == FOUND
    assert {f["path"] for f in run.json} == {"p/main.go"}
    assert [f["resource"] for f in run.json] == ["proxy", "proxy", "typo", "typo"]


def test_a_file_named_on_the_command_line(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    assert found(lint("--format", "json", root / "main.go", cwd=tmp_path)) == FOUND


def test_suppressions(lint, tmp_path: Path) -> None:
    main = MAIN.replace('PassthroughBehavior: pulumi.String("NEVER"),',
                        'PassthroughBehavior: pulumi.String("NEVER"), // apigw-lint: ignore[APIGW039]') \
        .replace('\t\t_, err = v2.NewIntegration(ctx, "typo"',
                 '\t\t// apigw-lint: ignore[APIGW048]\n\t\t_, err = v2.NewIntegration(ctx, "typo"') \
        .replace('\t\t\tTimeoutMilliseconds: pulumi.Int(Timeout',
                 '\t\t\tDescription: pulumi.String("// apigw-lint: ignore[APIGW030]"),\n'
                 '\t\t\tTimeoutMilliseconds: pulumi.Int(Timeout')
    run = lint("--format", "json", project(tmp_path / "p", main), cwd=tmp_path)
    # the comment on the field's line and the one alone above the call count; one in a string
    # does not (APIGW030 stays), and one rule's comment leaves the others (APIGW049)
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 22, 4, 22, 48),
                          ("APIGW049", "", 29, 12, 33, 5)]


def test_fix_and_diff(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    main = root / "main.go"
    diff = lint("check", "--diff", root, cwd=tmp_path)
    assert diff.code == 1 and main.read_text() == MAIN  # --diff writes nothing
    assert diff.stdout == (
        '--- a/p/main.go\n'
        '+++ b/p/main.go\n'
        '@@ -19,14 +19,13 @@\n'
        ' \t\t\tIntegrationMethod:   pulumi.String("ANY"),\n'
        ' \t\t\tIntegrationUri:      pulumi.String("https://example.com"),\n'
        ' \t\t\tTimeoutMilliseconds: pulumi.Int(Timeout + 1),\n'
        '-\t\t\tPassthroughBehavior: pulumi.String("NEVER"),\n'
        ' \t\t})\n'
        ' \t\tif err != nil {\n'
        ' \t\t\treturn err\n'
        ' \t\t}\n'
        ' \t\t_, err = v2.NewIntegration(ctx, "typo", &v2.IntegrationArgs{\n'
        ' \t\t\tApiId:            http.ID(),\n'
        '-\t\t\tIntergrationType: pulumi.String("HTTP_PROXY"),\n'
        '+\t\t\tIntegrationType: pulumi.String("HTTP_PROXY"),\n'
        ' \t\t\tIntegrationUri:   pulumi.String("https://example.com"),\n'
        ' \t\t})\n'
        ' \t\tif err != nil {\n')
    run = lint("check", "--fix", "--format", "json", root, cwd=tmp_path)
    expected = MAIN.replace('\t\t\tPassthroughBehavior: pulumi.String("NEVER"),\n', "") \
        .replace("IntergrationType", "IntegrationType")
    assert main.read_text() == expected
    assert not parse(expected.encode()).root_node.has_error
    # what is left: the timeout, which has no safe fix, and the renamed HTTP_PROXY type shows
    # that the typo's method is missing
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 21, 4, 21, 48),
                          ("APIGW015", "", 26, 12, 30, 5)]
    assert (root / "main_test.go").read_text() == HIDDEN


def test_show_skipped_gives_the_reason(lint, tmp_path: Path) -> None:
    run = lint("check", "--show-skipped", project(tmp_path / "p"), cwd=tmp_path)
    assert [line for line in run.stdout.splitlines() if ": skipped APIGW03" in line] == [
        "p/main.go:35:12: configured: skipped APIGW030 (timeoutMilliseconds: config value "
        "'timeout')"]


def test_jobs_and_cache(lint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APIGW_LINT_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("a", "b", "c"):
        project(tmp_path / name)
    one = lint("--no-cache", "-j1", "--format", "json", ".", cwd=tmp_path)
    two = lint("--no-cache", "-j2", "--format", "json", ".", cwd=tmp_path)
    assert one.stdout == two.stdout and len(one.json) == 3 * len(FOUND)
    lint("--format", "json", ".", cwd=tmp_path)  # keeps each project's result
    assert tamper(tmp_path / "cache") == 3  # each project's result, kept
    messages = {f["message"] for f in lint("--format", "json", ".", cwd=tmp_path).json}
    assert messages == {"TAMPERED"}
    # the other file of the package changes: b's result is checked again (its timeout is fine)
    (tmp_path / "b/apis.go").write_text(APIS.replace("30_000", "20_000"))
    after = lint("--format", "json", ".", cwd=tmp_path).json
    assert sorted(f["rule"] for f in after if f["path"].startswith("b/")) == [
        "APIGW039", "APIGW048", "APIGW049"]
    assert {f["message"] for f in after if f["path"].startswith("b/")} != {"TAMPERED"}
    assert {f["message"] for f in after if not f["path"].startswith("b/")} == {"TAMPERED"}


def test_syntax_error_around_an_integration_is_apigw999(lint, tmp_path: Path) -> None:
    main = MAIN.replace('\t\t\tIntegrationUri:   pulumi.String("https://example.com"),\n\t\t})',
                        '\t\t\tIntegrationUri:   pulumi.String("https://example.com") +,\n\t\t})')
    run = lint("--format", "json", project(tmp_path / "p", main), cwd=tmp_path)
    # the broken call is not checked, the others are
    assert found(run) == [*FOUND[:2], ("APIGW999", "", 30, 59, 30, 59)]
    assert "syntax error" in run.json[-1]["message"]


@pytest.mark.parametrize("data, where, message", [
    (b"package main\n// caf\xe9\n", (2, 7), "not UTF-8: byte 0xe9"),
    (b"package main\n\x00\n", (2, 1), "not text: a null byte"),
    (b"package main\nvar x = " + b"(" * 1001 + b"1" + b")" * 1001 + b"\n", (1, 1),
     "nested too deeply to lint (over 1000 brackets)"),
])
def test_bad_input_is_apigw999_not_a_traceback(lint, tmp_path: Path, data: bytes,
                                               where: tuple[int, int], message: str) -> None:
    root = project(tmp_path / "p")
    (root / "bad.go").write_bytes(data + b"// apigatewayv2 Integration\n")
    run = lint("--format", "json", root, cwd=tmp_path)
    assert [f for f in found(run) if f[0] != "APIGW999"] == FOUND  # main.go is still checked
    bad = [f for f in run.json if f["path"] == "p/bad.go"]
    assert [(f["rule"], f["line"], f["column"]) for f in bad] == [("APIGW999", *where)]
    assert message in bad[0]["message"]


def test_nesting_under_both_bounds_is_read(lint, tmp_path: Path) -> None:
    # 996 brackets: one level of syntax each, 1,000 in all with the file, declaration, spec,
    # list (997 is APIGW999 by the depth bound, as the `+` chain below shows)
    root = project(tmp_path / "p")
    (root / "deep.go").write_text("package main\n\nvar x = " + "(" * 996 + "1" + ")" * 996
                                  + "\n// apigatewayv2 Integration\n")
    assert found(lint("--format", "json", root, cwd=tmp_path)) == FOUND


def chain(terms: int) -> str:
    """A `+` chain of that many terms: one tree level per operator, no bracket."""
    return ('package main\n\nimport "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"\n\n'
            "var long = " + "+".join(["1"] * terms) + "\n\nfunc f(ctx *pulumi.Context) {\n"
            '\tapigatewayv2.NewIntegration(ctx, "typo", &apigatewayv2.IntegrationArgs{ApiId: '
            'pulumi.String("a1"), IntergrationType: pulumi.String("MOCK")})\n}\n')


def test_depth_bound_both_sides(lint, tmp_path: Path) -> None:
    # 997 terms: the deepest node is 1,000 levels below the file (declaration, spec, list,
    # 996 `+`, a number)
    under = lint("--format", "json", write(tmp_path / "under", {"main.go": chain(997)}))
    assert [(f["rule"], f["line"]) for f in under.json] == [("APIGW049", 8), ("APIGW048", 8)]
    over = lint("--format", "json", write(tmp_path / "over", {"main.go": chain(998)}))
    assert [(f["rule"], f["line"], f["column"]) for f in over.json] == [("APIGW999", 5, 12)]
    assert "nested too deeply to lint (over 1000 levels of syntax)" in over.json[0]["message"]
    start = time.monotonic()
    huge = lint("--format", "json", write(tmp_path / "huge", {"main.go": chain(400_000)}))
    assert [f["rule"] for f in huge.json] == ["APIGW999"] and time.monotonic() - start < 30


def test_base_reports_a_changed_integration_type(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
           "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=root, check=True)
    (root / "main.go").write_text(MAIN.replace(
        'IntegrationType:     pulumi.String("HTTP_PROXY"),\n\t\t\tIntegrationMethod:   '
        'pulumi.String("ANY"),\n\t\t\tIntegrationUri:      pulumi.String("https://example.com"),'
        '\n\t\t\tTimeoutMilliseconds: pulumi.Int(Timeout + 1)',
        'IntegrationType:     pulumi.String("HTTP"),\n\t\t\tIntegrationMethod:   '
        'pulumi.String("ANY"),\n\t\t\tIntegrationUri:      pulumi.String("https://example.com"),'
        '\n\t\t\tTimeoutMilliseconds: pulumi.Int(Timeout + 1)'))
    run = lint("--base", "HEAD", "--format", "json", ".", cwd=root)
    assert [f for f in found(run) if f[0] == "APIGW044"] == [
        ("APIGW044", "integrationType", 18, 4, 18, 46)]
    assert "APIGW044" not in lint(".", cwd=root).stdout  # without --base: silent


LAMBDA = """\
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const method = "GET"

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		api, _ := apigatewayv2.NewApi(ctx, "api", &apigatewayv2.ApiArgs{ProtocolType: pulumi.String("HTTP")})
		fn, _ := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: pulumi.String("arn:aws:iam::123456789012:role/r")})
		lambda.NewPermission(ctx, "fn-invoke", &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"), Function: fn.Name, Principal: pulumi.String("apigateway.amazonaws.com")})
		apigatewayv2.NewIntegration(ctx, "literal", &apigatewayv2.IntegrationArgs{ApiId: api.ID(), IntegrationType: pulumi.String("AWS_PROXY"), IntegrationUri: fn.InvokeArn, IntegrationMethod: pulumi.String("GET"), PayloadFormatVersion: pulumi.String("2.0"), PassthroughBehavior: pulumi.String("NEVER")})
		apigatewayv2.NewIntegration(ctx, "constant", &apigatewayv2.IntegrationArgs{ApiId: api.ID(), IntegrationType: pulumi.String("AWS_PROXY"), IntegrationUri: fn.InvokeArn, IntegrationMethod: pulumi.String(method), PayloadFormatVersion: pulumi.String("2.0")})
		return nil
	})
}
"""


def test_fix_sets_a_string_literal_and_removes_a_field_inside_a_line(lint, tmp_path: Path
                                                                      ) -> None:
    root = write(tmp_path / "p", {"main.go": LAMBDA})
    before = lint("--format", "json", root, cwd=tmp_path).json
    # the constant's method is reported but not fixable: the edit would change `method`
    assert [(f["resource"], f["rule"], f["fixable"]) for f in before] == [
        ("literal", "APIGW014", True), ("literal", "APIGW039", True),
        ("constant", "APIGW014", False)]
    run = lint("check", "--fix", "--format", "json", root, cwd=tmp_path)
    assert (root / "main.go").read_text() == LAMBDA.replace(
        'IntegrationMethod: pulumi.String("GET"), PayloadFormatVersion: pulumi.String("2.0"), '
        'PassthroughBehavior: pulumi.String("NEVER")})',
        'IntegrationMethod: pulumi.String("POST"), PayloadFormatVersion: pulumi.String("2.0")})')
    assert [(f["resource"], f["rule"]) for f in run.json] == [("constant", "APIGW014")]
