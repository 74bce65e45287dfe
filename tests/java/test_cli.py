"""The Java front end through the check loop: the installed CLI run as a process on Java projects
in tmp_path (findings, suppressions, --fix / --diff, --show-skipped, --jobs, the cache,
APIGW999, bad input, --base)."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from sitter_checks import found, tamper

from apigw_lint.linter.java.parse import parse

from .conftest import write

APIS = """\
package app;

import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;

final class Limits {
    static final int TIMEOUT = 30_000;
}
"""
APP = """\
package app;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    static void stack(Context ctx) {
        var http = new Api("http", ApiArgs.builder().protocolType("HTTP").build());

        new Integration("proxy", IntegrationArgs.builder()
            .apiId(http.id())
            .integrationType("HTTP_PROXY")
            .integrationMethod("ANY")
            .integrationUri("https://example.com")
            .timeoutMilliseconds(Limits.TIMEOUT + 1)
            .passthroughBehavior("NEVER")
            .build());

        new Integration("typo", IntegrationArgs.builder()
            .apiId(http.id())
            .intergrationType("HTTP_PROXY")
            .integrationUri("https://example.com")
            .build());

        new Integration("configured", IntegrationArgs.builder()
            .apiId(http.id())
            .integrationType("HTTP_PROXY")
            .integrationMethod("ANY")
            .integrationUri("https://example.com")
            .timeoutMilliseconds(ctx.config().requireInteger("timeout"))
            .build());
    }
}
"""
# what App.java reports: (rule, property, line, column, end line, end column), 1-based
FOUND = [("APIGW030", "timeoutMilliseconds", 23, 14, 23, 53),
         ("APIGW039", "passthroughBehavior", 24, 14, 24, 42),
         ("APIGW049", "", 27, 9, 31, 22),
         ("APIGW048", "intergrationType", 29, 14, 29, 44)]
# a mistake (APIGW030) in every file the front end must never read
HIDDEN = ("import com.pulumi.aws.apigatewayv2.*;\nclass H { void f() { new Integration(\"hidden\", "
          "IntegrationArgs.builder().apiId(\"x\").integrationType(\"MOCK\")"
          ".timeoutMilliseconds(10).build()); } }\n")
MAIN = "src/main/java/app/"


def project(folder: Path, app: str = APP) -> Path:
    return write(folder, {MAIN + "Limits.java": APIS, MAIN + "App.java": app,
                          "target/classes/H.java": HIDDEN, "build/H.java": HIDDEN,
                          "src/test/java/app/HTest.java": HIDDEN.replace("hidden", "tested")})


def test_findings_exact_and_no_build_output_read(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run = lint("--format", "json", root, cwd=tmp_path)
    assert run.code == 1
    # a test source is a source of the project: read (it is no build output)
    assert found(run)[:4] == FOUND
    assert {f["path"] for f in run.json} == {f"p/{MAIN}App.java", "p/src/test/java/app/HTest.java"}
    assert [f["resource"] for f in run.json] == ["proxy", "proxy", "typo", "typo", "tested"]


def test_suppressions(lint, tmp_path: Path) -> None:
    app = APP.replace('            .passthroughBehavior("NEVER")',
                      '            .passthroughBehavior("NEVER") // apigw-lint: ignore[APIGW039]') \
        .replace('        new Integration("typo"',
                 '        // apigw-lint: ignore[APIGW048]\n        new Integration("typo"') \
        .replace('            .timeoutMilliseconds(Limits',
                 '            .description("// apigw-lint: ignore[APIGW030]")\n'
                 '            .timeoutMilliseconds(Limits')
    run = lint("--format", "json", write(tmp_path / "p", {MAIN + "Limits.java": APIS,
                                                          MAIN + "App.java": app}))
    # the comment on the setter's line and the one alone above the call count; one in a string
    # does not (APIGW030 stays), and one rule's comment leaves the others (APIGW049)
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 24, 14, 24, 53),
                          ("APIGW049", "", 29, 9, 33, 22)]


def test_fix_and_diff(lint, tmp_path: Path) -> None:
    root = write(tmp_path / "p", {MAIN + "Limits.java": APIS, MAIN + "App.java": APP})
    app = root / MAIN / "App.java"
    diff = lint("check", "--diff", root, cwd=tmp_path)
    assert diff.code == 1 and app.read_text() == APP  # --diff writes nothing
    assert diff.stdout == (
        f'--- a/p/{MAIN}App.java\n'
        f'+++ b/p/{MAIN}App.java\n'
        '@@ -21,12 +21,11 @@\n'
        '             .integrationMethod("ANY")\n'
        '             .integrationUri("https://example.com")\n'
        '             .timeoutMilliseconds(Limits.TIMEOUT + 1)\n'
        '-            .passthroughBehavior("NEVER")\n'
        '             .build());\n'
        ' \n'
        '         new Integration("typo", IntegrationArgs.builder()\n'
        '             .apiId(http.id())\n'
        '-            .intergrationType("HTTP_PROXY")\n'
        '+            .integrationType("HTTP_PROXY")\n'
        '             .integrationUri("https://example.com")\n'
        '             .build());\n'
        ' \n')
    run = lint("check", "--fix", "--format", "json", root, cwd=tmp_path)
    expected = APP.replace('            .passthroughBehavior("NEVER")\n', "") \
        .replace("intergrationType", "integrationType")
    assert app.read_text() == expected
    assert not parse(expected.encode()).root_node.has_error
    # what is left: the timeout, which has no safe fix, and the renamed HTTP_PROXY type shows
    # that the typo's method is missing
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 23, 14, 23, 53),
                          ("APIGW015", "", 26, 9, 30, 22)]


def test_a_setter_inline_is_removed_alone_and_a_literal_set(lint, tmp_path: Path) -> None:
    app = APP.replace('            .timeoutMilliseconds(Limits.TIMEOUT + 1)\n'
                      '            .passthroughBehavior("NEVER")\n',
                      '            .timeoutMilliseconds(Limits.TIMEOUT)'
                      '.passthroughBehavior("NEVER")\n')
    root = write(tmp_path / "p", {MAIN + "Limits.java": APIS, MAIN + "App.java": app})
    lint("check", "--fix", root, cwd=tmp_path)
    assert (root / MAIN / "App.java").read_text() == app.replace(
        '.passthroughBehavior("NEVER")', "").replace("intergrationType", "integrationType")


def test_no_fix_where_the_setter_is_not_in_the_call(lint, tmp_path: Path) -> None:
    """A builder bound to a name (it may be used twice): nothing is fixable, nothing written."""
    app = APP.replace('        new Integration("proxy", IntegrationArgs.builder()',
                      '        var shared = IntegrationArgs.builder()') \
        .replace('            .passthroughBehavior("NEVER")\n            .build());',
                 '            .passthroughBehavior("NEVER")\n            .build();\n'
                 '        new Integration("proxy", shared);')
    root = write(tmp_path / "p", {MAIN + "Limits.java": APIS, MAIN + "App.java": app})
    run = lint("--format", "json", root, cwd=tmp_path)
    assert [(f["rule"], f["line"], f["fixable"]) for f in run.json][:2] == [
        ("APIGW030", 23, False), ("APIGW039", 24, False)]
    lint("check", "--fix", root, cwd=tmp_path)
    assert "passthroughBehavior" in (root / MAIN / "App.java").read_text()


def test_show_skipped_gives_the_reason(lint, tmp_path: Path) -> None:
    run = lint("check", "--show-skipped", project(tmp_path / "p"), cwd=tmp_path)
    assert [line for line in run.stdout.splitlines()
            if line.startswith(f"p/{MAIN}App.java") and ": skipped APIGW" in line] == [
        f"p/{MAIN}App.java:33:9: configured: skipped APIGW030 (timeoutMilliseconds: config "
        "value 'timeout')"]


def test_jobs_and_cache(lint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APIGW_LINT_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("a", "b", "c"):
        write(tmp_path / name, {MAIN + "Limits.java": APIS, MAIN + "App.java": APP})
    one = lint("--no-cache", "-j1", "--format", "json", ".", cwd=tmp_path)
    two = lint("--no-cache", "-j2", "--format", "json", ".", cwd=tmp_path)
    assert one.stdout == two.stdout and len(one.json) == 3 * len(FOUND)
    lint("--format", "json", ".", cwd=tmp_path)  # keeps each project's result
    assert tamper(tmp_path / "cache") == 3  # each project's result, kept
    assert {f["message"] for f in lint("--format", "json", ".", cwd=tmp_path).json} == \
        {"TAMPERED"}
    # the constant's class changes: b's result is checked again (its timeout is now fine)
    (tmp_path / "b" / MAIN / "Limits.java").write_text(APIS.replace("30_000", "20_000"))
    after = lint("--format", "json", ".", cwd=tmp_path).json
    assert sorted(f["message"].split()[0] for f in after if f["path"].startswith("b/")) == [
        "APIGW039", "APIGW048", "APIGW049"]
    assert {f["message"] for f in after if not f["path"].startswith("b/")} == {"TAMPERED"}


def test_did_you_mean_in_java_spelling(lint, tmp_path: Path) -> None:
    run = lint("--format", "json", project(tmp_path / "p"), cwd=tmp_path)
    (typo,) = [f for f in run.json if f["rule"] == "APIGW048"]
    assert typo["message"] == ("APIGW048 Integration takes no argument 'intergrationType'; "
                               "did you mean integrationType?")


def test_syntax_error_around_an_integration_is_apigw999(lint, tmp_path: Path) -> None:
    app = APP.replace('            .integrationUri("https://example.com")\n            .build());\n'
                      '\n        new Integration("configured"',
                      '            .integrationUri("https://example.com" +)\n'
                      '            .build());\n'
                      '\n        new Integration("configured"')
    run = lint("--format", "json", write(tmp_path / "p", {MAIN + "Limits.java": APIS,
                                                          MAIN + "App.java": app}))
    # the broken call is not checked, the others are
    assert found(run) == [*FOUND[:2], ("APIGW999", "", 30, 52, 30, 52)]
    assert run.json[-1]["message"] == "APIGW999 missing 'identifier'"


@pytest.mark.parametrize("data, where, why", [
    (b"class A { String s = \"\xff\"; } // apigatewayv2 Integration\n", (1, 23), "not UTF-8"),
    (b"class A {} // apigatewayv2 Integration\0\n", (1, 39), "not text"),
    (b"class A { int x = " + b"(" * 1001 + b"1" + b")" * 1001 + b"; } // apigatewayv2 "
     b"Integration\n", (1, 1), "nested too deeply")])
def test_bad_input_is_apigw999_never_a_traceback(lint, tmp_path: Path, data: bytes,
                                                 where: tuple[int, int], why: str) -> None:
    root = write(tmp_path / "p", {MAIN + "Bad.java": data, MAIN + "App.java": APP,
                                  MAIN + "Limits.java": APIS})
    run = lint("--format", "json", root, cwd=tmp_path)
    assert found(run)[:4] == FOUND  # the other files are still checked
    (bad,) = [f for f in run.json if f["path"].endswith("Bad.java")]
    assert (bad["rule"], bad["line"], bad["column"]) == ("APIGW999", *where)
    assert why in bad["message"]


def chain(terms: int) -> str:
    """A `+` chain of that many terms: one tree level per operator, no bracket."""
    return ("import com.pulumi.aws.apigatewayv2.*;\nclass A { void f() {\nint n = "
            + "+".join(["1"] * terms) + ";\n"
            + 'new Integration("typo", IntegrationArgs.builder().apiId("a1")'
              '.intergrationType("MOCK").build()); } }\n')


def test_depth_bound_both_sides(lint, tmp_path: Path) -> None:
    # 994 terms: the deepest node is 1,000 levels below the program (class, body, method,
    # block, declaration, declarator, 993 `+`, a number)
    under = lint("--format", "json", write(tmp_path / "under", {"A.java": chain(994)}))
    assert [(f["rule"], f["line"]) for f in under.json] == [("APIGW049", 4), ("APIGW048", 4)]
    over = lint("--format", "json", write(tmp_path / "over", {"A.java": chain(995)}))
    assert [(f["rule"], f["line"], f["column"]) for f in over.json] == [("APIGW999", 3, 9)]
    assert "nested too deeply to lint (over 1000 levels of syntax)" in over.json[0]["message"]
    start = time.monotonic()
    huge = lint("--format", "json", write(tmp_path / "huge", {"A.java": chain(400_000)}))
    assert [f["rule"] for f in huge.json] == ["APIGW999"] and time.monotonic() - start < 30


def test_base_reports_a_changed_integration_type(lint, tmp_path: Path) -> None:
    root = write(tmp_path / "repo", {MAIN + "Limits.java": APIS, MAIN + "App.java": APP})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
           "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=root, check=True)
    (root / MAIN / "App.java").write_text(APP.replace(
        '.apiId(http.id())\n            .integrationType("HTTP_PROXY")',
        '.apiId(http.id())\n            .integrationType("HTTP")', 1))
    run = lint("--base", "HEAD", "--format", "json", ".", cwd=root)
    assert [f for f in found(run) if f[0] == "APIGW044"] == [
        ("APIGW044", "integrationType", 20, 14, 20, 37)]
    assert "APIGW044" not in lint(".", cwd=root).stdout  # without --base: silent


def test_baseline_hides_known_findings_and_not_a_new_one(lint, tmp_path: Path) -> None:
    root = write(tmp_path / "p", {MAIN + "Limits.java": APIS, MAIN + "App.java": APP})
    baseline = tmp_path / "baseline.json"
    assert lint("--write-baseline", baseline, root, cwd=tmp_path).code == 0
    assert lint("--baseline", baseline, root, cwd=tmp_path).code == 0
    # the same mistake on a new integration is reported, the old ones stay hidden
    (root / MAIN / "App.java").write_text(APP.replace(
        '        new Integration("configured"',
        '        new Integration("copy", IntegrationArgs.builder()\n'
        "            .apiId(http.id())\n"
        '            .integrationType("HTTP_PROXY")\n'
        '            .integrationMethod("ANY")\n'
        '            .integrationUri("https://example.com")\n'
        '            .passthroughBehavior("NEVER")\n'
        "            .build());\n\n"
        '        new Integration("configured"'))
    run = lint("--baseline", baseline, "--format", "json", root, cwd=tmp_path)
    assert [(f["resource"], f["rule"], f["line"]) for f in run.json] == [
        ("copy", "APIGW039", 38)]
