"""The C# front end through the check loop: the installed CLI run as a process on .NET projects
in tmp_path (findings, what it never reads, suppressions, --fix / --diff, --show-skipped, --jobs,
the cache, APIGW999, bad input, --base)."""
from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from cli_run import EXECUTABLE
from sitter_checks import found, tamper

from apigw_lint.linter.csharp.frontend import CSharp
from apigw_lint.linter.csharp.parse import parse

from .conftest import write

APIS = """\
using Pulumi.Aws.ApiGatewayV2;

namespace Shop;

static class Apis
{
    public const int Timeout = 30_000;
}
"""
PROGRAM = """\
using Pulumi;
using Pulumi.Aws.ApiGatewayV2;
using Shop;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var http = new Api("http", new() { ProtocolType = "HTTP" });

    new Integration("proxy", new IntegrationArgs
    {
        ApiId = http.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        IntegrationUri = "https://example.com",
        TimeoutMilliseconds = Apis.Timeout + 1,
        PassthroughBehavior = "NEVER",
    });

    new Integration("typo", new IntegrationArgs
    {
        ApiId = http.Id,
        IntergrationType = "HTTP_PROXY",
        IntegrationUri = "https://example.com",
    });

    new Integration("configured", new IntegrationArgs
    {
        ApiId = http.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        IntegrationUri = "https://example.com",
        TimeoutMilliseconds = config.RequireInt32("timeout"),
    });
});
"""
# what Program.cs reports: (rule, property, line, column, end line, end column), 1-based
FOUND = [("APIGW030", "timeoutMilliseconds", 16, 9, 16, 47),
         ("APIGW039", "passthroughBehavior", 17, 9, 17, 38),
         ("APIGW049", "", 20, 5, 25, 7),
         ("APIGW048", "IntergrationType", 23, 9, 23, 40)]
# a mistake (APIGW039) in every file the front end must never read
HIDDEN = ('using Pulumi.Aws.ApiGatewayV2;\nclass Hidden { static void M() { new Integration('
          '"hidden", new IntegrationArgs { ApiId = "x", IntegrationType = "HTTP_PROXY", '
          'IntegrationMethod = "ANY", IntegrationUri = "https://example.com", '
          'PassthroughBehavior = "NEVER" }); } }\n')


def project(folder: Path, program: str = PROGRAM) -> Path:
    return write(folder, {"Apis.cs": APIS, "Program.cs": program, "bin/Debug/Hidden.cs": HIDDEN,
                          "obj/Hidden.cs": HIDDEN, "Hidden.csx": HIDDEN})


def test_findings_exact_and_no_build_file_read(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run = lint("--format", "json", root, cwd=tmp_path)
    assert run.code == 1
    assert found(run) == FOUND
    assert {f["path"] for f in run.json} == {"p/Program.cs"}
    assert [f["resource"] for f in run.json] == ["proxy", "proxy", "typo", "typo"]


def test_a_file_named_on_the_command_line(lint, tmp_path: Path) -> None:
    """discover.may_hold_integration looks for `apigatewayv2`, which C# never spells: the front
    end's own test (wants) lets the file through, and still skips one that never names the
    class."""
    root = project(tmp_path / "p")
    assert CSharp().wants(root / "Program.cs", PROGRAM.encode())
    assert not CSharp().wants(root / "Program.cs", PROGRAM.replace("Integration", "X").encode())
    assert not CSharp().wants(root / "bin/Debug/Hidden.cs", HIDDEN.encode())
    run = lint("check", "--force-exclude", "--format", "json", "p/Program.cs", cwd=tmp_path)
    assert found(run) == FOUND


def test_suppressions(lint, tmp_path: Path) -> None:
    program = PROGRAM.replace(
        '        PassthroughBehavior = "NEVER",',
        '        PassthroughBehavior = "NEVER", // apigw-lint: ignore[APIGW039]') \
        .replace('    new Integration("typo"',
                 '    // apigw-lint: ignore[APIGW048]\n    new Integration("typo"') \
        .replace('        TimeoutMilliseconds = Apis',
                 '        Description = "// apigw-lint: ignore[APIGW030]",\n'
                 '        TimeoutMilliseconds = Apis')
    run = lint("--format", "json", project(tmp_path / "p", program), cwd=tmp_path)
    # the comment on the property's line and the one alone above the call count; one in a
    # string does not (APIGW030 stays), and one rule's comment leaves the others (APIGW049)
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 17, 9, 17, 47),
                          ("APIGW049", "", 22, 5, 27, 7)]


def test_fix_and_diff(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    program = root / "Program.cs"
    diff = lint("check", "--diff", root, cwd=tmp_path)
    assert diff.code == 1 and program.read_text() == PROGRAM  # --diff writes nothing
    assert diff.stdout == (
        '--- a/p/Program.cs\n'
        '+++ b/p/Program.cs\n'
        '@@ -14,13 +14,12 @@\n'
        '         IntegrationMethod = "ANY",\n'
        '         IntegrationUri = "https://example.com",\n'
        '         TimeoutMilliseconds = Apis.Timeout + 1,\n'
        '-        PassthroughBehavior = "NEVER",\n'
        '     });\n'
        ' \n'
        '     new Integration("typo", new IntegrationArgs\n'
        '     {\n'
        '         ApiId = http.Id,\n'
        '-        IntergrationType = "HTTP_PROXY",\n'
        '+        IntegrationType = "HTTP_PROXY",\n'
        '         IntegrationUri = "https://example.com",\n'
        '     });\n'
        ' \n')
    run = lint("check", "--fix", "--format", "json", root, cwd=tmp_path)
    expected = PROGRAM.replace('        PassthroughBehavior = "NEVER",\n', "") \
        .replace("IntergrationType", "IntegrationType")
    assert program.read_text() == expected
    assert not parse(expected.encode()).root_node.has_error
    # what is left: the timeout, which has no safe fix, and the renamed HTTP_PROXY type shows
    # that the typo's method is missing
    assert found(run) == [("APIGW030", "timeoutMilliseconds", 16, 9, 16, 47),
                          ("APIGW015", "", 19, 5, 24, 7)]
    assert (root / "obj/Hidden.cs").read_text() == HIDDEN


def test_a_value_set_elsewhere_is_not_fixed(lint, tmp_path: Path) -> None:
    """An args object built by name, or a value not written as a string literal: the finding
    stays, unmarked."""
    program = PROGRAM.replace('        PassthroughBehavior = "NEVER",\n', "") \
        .replace('    new Integration("typo", new IntegrationArgs\n    {',
                 '    var typoArgs = new IntegrationArgs\n    {') \
        .replace('        IntegrationUri = "https://example.com",\n    });\n\n    new Integration('
                 '"configured"',
                 '        IntegrationUri = "https://example.com",\n    };\n'
                 '    new Integration("typo", typoArgs);\n\n    new Integration("configured"')
    root = project(tmp_path / "p", program)
    run = lint("check", "--fix", "--format", "json", root, cwd=tmp_path)
    assert (root / "Program.cs").read_text() == program
    assert [(f["rule"], f["line"], f["fixable"]) for f in run.json] == [
        ("APIGW030", 16, False), ("APIGW048", 22, False), ("APIGW049", 25, False)]


def test_show_skipped_gives_the_reason(lint, tmp_path: Path) -> None:
    run = lint("check", "--show-skipped", project(tmp_path / "p"), cwd=tmp_path)
    assert [line for line in run.stdout.splitlines() if ": skipped APIGW030" in line] == [
        "p/Program.cs:27:5: configured: skipped APIGW030 (timeoutMilliseconds: config value "
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
    assert {f["message"] for f in lint("--format", "json", ".", cwd=tmp_path).json} == \
        {"TAMPERED"}
    # the class of constants changes: b's result is checked again (its timeout is now fine)
    (tmp_path / "b/Apis.cs").write_text(APIS.replace("30_000", "20_000"))
    after = lint("--format", "json", ".", cwd=tmp_path).json
    assert sorted(f["rule"] for f in after if f["path"].startswith("b/")) == \
        ["APIGW039", "APIGW048", "APIGW049"]
    assert {f["message"] for f in after if f["path"].startswith("b/")} != {"TAMPERED"}
    assert {f["message"] for f in after if not f["path"].startswith("b/")} == {"TAMPERED"}


def test_syntax_error_around_an_integration_is_apigw999(lint, tmp_path: Path) -> None:
    program = PROGRAM.replace('        IntergrationType = "HTTP_PROXY",',
                              '        IntergrationType = "HTTP_PROXY" +,')
    run = lint("--format", "json", project(tmp_path / "p", program), cwd=tmp_path)
    # the broken call is not checked (the comma where an operand is missing), the others are
    assert found(run) == [*FOUND[:2], ("APIGW999", "", 23, 42, 23, 42)]
    assert "syntax error" in run.json[-1]["message"]


NEW = b'using Pulumi.Aws.ApiGatewayV2;\nnew Integration("x", new IntegrationArgs());\n'


@pytest.mark.parametrize("data, line, column, message", [
    (b"// caf\xe9\n" + NEW, 1, 7, "not UTF-8: byte 0xe9"),
    (b"\0" + NEW, 1, 1, "not text: a null byte"),
    (NEW + b"var x = " + b"(" * 1001 + b"1" + b")" * 1001 + b";\n", 1, 1,
     "nested too deeply to lint (over 1000 brackets)"),
    (NEW + b"var x = " + b"(" * 900 + b"1" + b")" * 900 + b";\n", None, None, None),
])
def test_bad_input_is_apigw999_never_a_traceback(lint, tmp_path: Path, data: bytes,
                                                 line: int | None, column: int | None,
                                                 message: str | None) -> None:
    run = lint("--format", "json", write(tmp_path / "p", {"Program.cs": data}), cwd=tmp_path)
    assert run.code == 1 and "Traceback" not in run.stderr
    if message is None:  # 900 brackets: still read (the call lacks its required arguments)
        assert [f["rule"] for f in run.json] == ["APIGW049", "APIGW049"]  # apiId, type
        return
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in run.json] == [
        ("APIGW999", "p/Program.cs", line, column)]
    assert message in run.json[0]["message"]


def chain(terms: int) -> str:
    """A `+` chain of that many terms: one tree level per operator, no bracket."""
    return ("using Pulumi.Aws.ApiGatewayV2;\nvar longSum = " + "+".join(["1"] * terms) + ";\n"
            'new Integration("typo", new IntegrationArgs { ApiId = "a1", '
            'IntergrationType = "MOCK" });\n')


def test_depth_bound_both_sides(lint, tmp_path: Path) -> None:
    depth = _depth(chain(10)) - 9  # the levels above the chain's first `+`, and the number
    under = lint("--format", "json", write(tmp_path / "under", {"Program.cs": chain(
        1000 - depth + 1)}))
    assert [(f["rule"], f["line"]) for f in under.json] == [("APIGW049", 3), ("APIGW048", 3)]
    over = lint("--format", "json", write(tmp_path / "over", {"Program.cs": chain(
        1000 - depth + 2)}))
    assert [(f["rule"], f["line"]) for f in over.json] == [("APIGW999", 2)]
    assert "nested too deeply to lint (over 1000 levels of syntax)" in over.json[0]["message"]
    start = time.monotonic()
    huge = lint("--format", "json", write(tmp_path / "huge", {"Program.cs": chain(400_000)}))
    assert [f["rule"] for f in huge.json] == ["APIGW999"] and time.monotonic() - start < 30


def _depth(text: str) -> int:
    """The depth of the deepest node of a parse (tree-sitter's, without the guards)."""
    import tree_sitter as ts
    import tree_sitter_c_sharp

    tree = ts.Parser(ts.Language(tree_sitter_c_sharp.language())).parse(text.encode())
    deepest, stack = 0, [(tree.root_node, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack += [(c, depth + 1) for c in node.children]
    return deepest


def test_base_reports_a_changed_integration_type(lint, tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
           "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=root, check=True)
    (root / "Program.cs").write_text(PROGRAM.replace(
        'ApiId = http.Id,\n        IntegrationType = "HTTP_PROXY",\n        IntegrationMethod = '
        '"ANY",\n        IntegrationUri = "https://example.com",\n        TimeoutMilliseconds = '
        'Apis', 'ApiId = http.Id,\n        IntegrationType = "HTTP",\n        IntegrationMethod = '
        '"ANY",\n        IntegrationUri = "https://example.com",\n        TimeoutMilliseconds = '
        'Apis'))
    run = lint("--base", "HEAD", "--format", "json", ".", cwd=root)
    assert [f for f in found(run) if f[0] == "APIGW044"] == [
        ("APIGW044", "integrationType", 13, 9, 13, 33)]
    assert "APIGW044" not in lint(".", cwd=root).stdout  # without --base: silent


def test_a_property_in_the_wrong_case_is_apigw048_and_renamed(lint, tmp_path: Path) -> None:
    """C# spells properties in PascalCase: `integrationType` is no property of IntegrationArgs
    (the compiler refuses it), even though the model's name is spelt so."""
    program = ('using Pulumi.Aws.ApiGatewayV2;\n'
               'new Integration("i", new IntegrationArgs\n{\n    ApiId = "a1",\n'
               '    integrationType = "MOCK",\n});\n')
    root = write(tmp_path / "p", {"Program.cs": program})
    run = lint("--format", "json", root, cwd=tmp_path)
    assert [(f["rule"], f["property"], f["line"], f["column"], f["fixable"]) for f in run.json] \
        == [("APIGW049", "", 2, 1, False), ("APIGW048", "integrationType", 5, 5, True)]
    assert "Integration takes no argument 'integrationType'" in run.json[1]["message"]
    lint("check", "--fix", root, cwd=tmp_path)
    assert (root / "Program.cs").read_text() == program.replace("integrationType",
                                                                "IntegrationType")


def test_stdin_is_read_as_the_file_it_names(tmp_path: Path) -> None:
    """An editor's unsaved text: the project's other files (Apis.cs) still give its constant."""
    root = project(tmp_path / "p")
    run = subprocess.run([str(EXECUTABLE), "check", "-", "--stdin-filename", "Program.cs",
                          "--format", "json"], cwd=root, input=PROGRAM, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert [(f["rule"], f["line"], f["column"]) for f in json.loads(run.stdout)] == \
        [(rule, line, column) for rule, _, line, column, *_ in FOUND]
