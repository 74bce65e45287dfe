"""The TypeScript front end through the check loop: the installed CLI run as a process on Node.js
projects in tmp_path (findings, suppressions, --fix / --diff, --show-skipped, --jobs, the cache,
APIGW999, --base, the depth bound)."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from sitter_checks import found, tamper

from apigw_lint.linter.typescript.parse import parse

from .conftest import write

APIS = """\
import * as aws from "@pulumi/aws";

export const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
export const TIMEOUT = 30_000;
"""
INDEX = """\
import * as pulumi from "@pulumi/pulumi";
import { apigatewayv2 } from "@pulumi/aws";
import { http, TIMEOUT } from "./apis";

const config = new pulumi.Config();

new apigatewayv2.Integration("proxy", {
    apiId: http.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: "ANY",
    integrationUri: "https://example.com",
    timeoutMilliseconds: TIMEOUT + 1,
    passthroughBehavior: "NEVER",
});

new apigatewayv2.Integration("typo", {
    apiId: http.id,
    intergrationType: "HTTP_PROXY",
    integrationUri: "https://example.com",
});

new apigatewayv2.Integration("configured", {
    apiId: http.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: "ANY",
    integrationUri: "https://example.com",
    timeoutMilliseconds: config.requireNumber("timeout"),
});
"""
# what index.ts reports: (rule, property, line, column, end line, end column), 1-based
FOUND = [("APIGW030", "timeoutMilliseconds", 12, 5, 12, 37),
         ("APIGW039", "passthroughBehavior", 13, 5, 13, 33),
         ("APIGW049", "", 16, 1, 20, 3),
         ("APIGW048", "intergrationType", 18, 5, 18, 35)]
# a mistake (APIGW039) in every file the front end must never read
HIDDEN = ('import * as aws from "@pulumi/aws";\nnew aws.apigatewayv2.Integration("hidden", '
          '{ apiId: "x", integrationType: "HTTP_PROXY", integrationMethod: "ANY", '
          'integrationUri: "https://example.com", passthroughBehavior: "NEVER" });\n')


def project(folder: Path, index: str = INDEX) -> Path:
    return write(folder, {"apis.ts": APIS, "index.ts": index, "node_modules/x/index.ts": HIDDEN,
                          "dist/index.js": HIDDEN, "bin/index.js": HIDDEN, "types.d.ts": HIDDEN})


def test_findings_exact_and_no_package_or_build_file_read(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run = lint("--format", "json", root, cwd=tmp_path)
    assert run.code == 1
    assert found(run) == FOUND
    assert {f["path"] for f in run.json} == {"p/index.ts"}
    assert [f["resource"] for f in run.json] == ["proxy", "proxy", "typo", "typo"]


def test_suppressions(lint, tmp_path: Path) -> None:
    index = INDEX.replace('    passthroughBehavior: "NEVER",',
                          '    passthroughBehavior: "NEVER", // apigw-lint: ignore[APIGW039]') \
        .replace('new apigatewayv2.Integration("typo"',
                 '// apigw-lint: ignore[APIGW048]\nnew apigatewayv2.Integration("typo"') \
        .replace('    timeoutMilliseconds: TIMEOUT',
                 '    description: "// apigw-lint: ignore[APIGW030]",\n    timeoutMilliseconds: '
                 'TIMEOUT')
    run = lint("--format", "json", project(tmp_path / "p", index), cwd=tmp_path)
    # the comment on the call's line and the one alone above it count; one in a string does not
    # (APIGW030 stays), and one rule's comment leaves the others (APIGW049)
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 13, 5, 13, 37),
                          ("APIGW049", "", 18, 1, 22, 3)]


def test_fix_and_diff(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    index = root / "index.ts"
    diff = lint("check", "--diff", root, cwd=tmp_path)
    assert diff.code == 1 and index.read_text() == INDEX  # --diff writes nothing
    assert diff.stdout == (
        '--- a/p/index.ts\n'
        '+++ b/p/index.ts\n'
        '@@ -10,12 +10,11 @@\n'
        '     integrationMethod: "ANY",\n'
        '     integrationUri: "https://example.com",\n'
        '     timeoutMilliseconds: TIMEOUT + 1,\n'
        '-    passthroughBehavior: "NEVER",\n'
        ' });\n'
        ' \n'
        ' new apigatewayv2.Integration("typo", {\n'
        '     apiId: http.id,\n'
        '-    intergrationType: "HTTP_PROXY",\n'
        '+    integrationType: "HTTP_PROXY",\n'
        '     integrationUri: "https://example.com",\n'
        ' });\n'
        ' \n')
    run = lint("check", "--fix", "--format", "json", root, cwd=tmp_path)
    expected = INDEX.replace('    passthroughBehavior: "NEVER",\n', "") \
        .replace("intergrationType", "integrationType")
    assert index.read_text() == expected
    assert not parse(expected.encode(), index).root_node.has_error
    # what is left: the timeout, which has no safe fix, and the renamed HTTP_PROXY type shows
    # that the typo's method is missing
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 12, 5, 12, 37),
                          ("APIGW015", "", 15, 1, 19, 3)]
    assert (root / "dist/index.js").read_text() == HIDDEN


def test_show_skipped_gives_the_reason(lint, tmp_path: Path) -> None:
    run = lint("check", "--show-skipped", project(tmp_path / "p"), cwd=tmp_path)
    assert [line for line in run.stdout.splitlines() if ": skipped APIGW" in line] == [
        "p/index.ts:22:1: configured: skipped APIGW030 (timeoutMilliseconds: config value "
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
    messages = {(f["path"].split("/")[0], f["message"]) for f in
                lint("--format", "json", ".", cwd=tmp_path).json}
    assert {m for _, m in messages} == {"TAMPERED"}
    # the imported module changes: b's result is checked again (its timeout is now fine)
    (tmp_path / "b/apis.ts").write_text(APIS.replace("30_000", "20_000"))
    after = lint("--format", "json", ".", cwd=tmp_path).json
    assert {(f["path"], f["message"]) for f in after if f["path"].startswith("b/")} == {
        ("b/index.ts", m) for m in (
            "APIGW039 passthroughBehavior is only supported by WebSocket APIs and has no "
            "effect on HTTP APIs.",
            "APIGW049 Integration needs integrationType.",
            "APIGW048 Integration takes no argument 'intergrationType'; did you mean "
            "integrationType?")}
    assert {f["message"] for f in after if not f["path"].startswith("b/")} == {"TAMPERED"}


def test_syntax_error_around_an_integration_is_apigw999(lint, tmp_path: Path) -> None:
    index = INDEX.replace('    integrationUri: "https://example.com",\n});',
                          '    integrationUri: "https://example.com" +,\n});')
    run = lint("--format", "json", project(tmp_path / "p", index), cwd=tmp_path)
    # the broken call is not checked, the others are
    assert found(run) == [*FOUND[:2], ("APIGW999", "", 19, 43, 19, 43)]
    assert "syntax error" in run.json[-1]["message"]


def chain(terms: int) -> str:
    """A `+` chain of that many terms: one tree level per operator, no bracket."""
    return ('import * as aws from "@pulumi/aws";\nconst long = ' + "+".join(["1"] * terms) + ";\n"
            + 'new aws.apigatewayv2.Integration("typo", { apiId: "a1", intergrationType: "MOCK" });\n')


def test_depth_bound_both_sides(lint, tmp_path: Path) -> None:
    # 998 terms: the deepest node is 1,000 levels below the program (declaration, declarator,
    # 997 `+`, a number)
    under = lint("--format", "json", write(tmp_path / "under", {"index.ts": chain(998)}))
    assert [(f["rule"], f["line"]) for f in under.json] == [("APIGW049", 3), ("APIGW048", 3)]
    over = lint("--format", "json", write(tmp_path / "over", {"index.ts": chain(999)}))
    assert [(f["rule"], f["line"], f["column"]) for f in over.json] == [("APIGW999", 2, 14)]
    assert "nested too deeply to lint (over 1000 levels of syntax)" in over.json[0]["message"]
    start = time.monotonic()
    huge = lint("--format", "json", write(tmp_path / "huge", {"index.ts": chain(400_000)}))
    assert [f["rule"] for f in huge.json] == ["APIGW999"] and time.monotonic() - start < 30


def test_base_reports_a_changed_integration_type(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
           "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=root, check=True)
    (root / "index.ts").write_text(INDEX.replace(
        '"proxy", {\n    apiId: http.id,\n    integrationType: "HTTP_PROXY"',
        '"proxy", {\n    apiId: http.id,\n    integrationType: "HTTP"'))
    run = lint("--base", "HEAD", "--format", "json", ".", cwd=root)
    assert [f for f in found(run) if f[0] == "APIGW044"] == [
        ("APIGW044", "integrationType", 9, 5, 9, 28)]
    assert "APIGW044" not in lint(".", cwd=root).stdout  # without --base: silent


def test_a_spread_may_replace_the_keys_before_it(lint, tmp_path: Path) -> None:
    """`{ timeoutMilliseconds: 45_000, ...opts }`: opts may replace the timeout, so it is unknown
    (and --show-skipped says why); written after the spread, it is what the object holds. A
    spread of a known object replaces only its own keys."""
    index = (
        'import * as aws from "@pulumi/aws";\n'
        "declare const opts: object;\n"
        'const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });\n'
        'const known = { integrationMethod: "ANY" };\n'
        'const base = { apiId: http.id, integrationType: "HTTP_PROXY", integrationUri: '
        '"https://example.com" };\n'
        'new aws.apigatewayv2.Integration("before", { ...base, timeoutMilliseconds: 45_000, '
        "...opts });\n"
        'new aws.apigatewayv2.Integration("after", { ...base, ...opts, timeoutMilliseconds: '
        "45_000 });\n"
        'new aws.apigatewayv2.Integration("known", { ...base, integrationMethod: "ANY", '
        "timeoutMilliseconds: 45_000, ...known });\n")
    root = write(tmp_path / "p", {"index.ts": index})
    run = lint("--format", "json", "--show-skipped", root, cwd=tmp_path)
    assert run.code == 1, run.stderr
    assert [(f["resource"], f["rule"], f["line"], f["column"]) for f in run.json
            if not f.get("skipped") and f["rule"] == "APIGW030"] == \
        [("after", "APIGW030", 7, 63), ("known", "APIGW030", 8, 80)]
    [skipped] = [f for f in run.json if f.get("skipped") and f["rule"] == "APIGW030"]
    assert (skipped["resource"], skipped["unknown"]) == (
        "before", [{"input": "timeoutMilliseconds", "reason": "may be replaced by ...opts"}])
