"""Hostile input for the linter: every bad file is one line on stderr naming it, the run goes on,
no traceback, no hang, and the exit code says that something could not be checked."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from apigw_lint.linter.cli import exit_code
from apigw_lint.linter.discover import MAX_BYTES
from apigw_lint.linter.lint import Result, lint as lint_in_process, not_checked
from apigw_lint.rules import aws

GOOD = textwrap.dedent("""
    import pulumi_aws as aws
    api = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")
    aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",
                                 timeout_milliseconds=30000)
""").lstrip()  # APIGW030 on line 4
HEADER = b"import pulumi_aws as aws\naws.apigatewayv2.Integration\n"  # passes the pre-filter


def deep(n: int) -> bytes:
    return HEADER + b"x = " + b"[" * n + b"]" * n + b"\n"


HUGE = HEADER + b"#" * MAX_BYTES + b"\n"
HOSTILE: dict[str, tuple[bytes, str]] = {
    "syntax.py": (HEADER + b"aws.apigatewayv2.Integration(\n", "syntax.py:3:29: syntax error"),
    "nul.py": (HEADER + b"x = 1\x00\n", "nul.py:1:1: syntax error: source code string cannot "
                                          "contain null bytes"),
    "latin1.py": (HEADER + b"x = '\xe9\xff'\n", "latin1.py:3:9: syntax error: (unicode error) 'utf-8' codec"),
    "bad_coding.py": (b"# -*- coding: klingon -*-\n" + HEADER, "bad_coding.py:"),
    "nested.py": (deep(5000), "nested.py:3:205: syntax error: too many nested parentheses"),
    # CPython accepts these; libcst's native parser overflowed an 8 MB stack on them
    "and_chain.py": (HEADER + b"x = a" + b" and a" * 20000 + b"\n", "and_chain.py"),
    "long_sum.py": (HEADER + b"x = 1" + b" + 1" * 100000 + b"\n",
                    "long_sum.py:1:1: too deeply nested to lint"),
    "huge.py": (HUGE, f"huge.py:1:1: {len(HUGE):,} bytes, over the {MAX_BYTES:,}-byte limit"),
}


def unchecked(run: Any) -> list[str]:
    """The JSON report's APIGW999 findings, as `path:line:col: reason`."""
    return [f"{f['path']}:{f['line']}:{f['column']}: {f['message'].removeprefix('APIGW999 ')}"
            for f in run.json if f["rule"] == "APIGW999"]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_bad_file_is_one_finding_and_the_good_file_is_still_linted(lint, tmp_path: Path,
                                                                       name: str) -> None:
    data, expected = HOSTILE[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.py").write_text(GOOD)
    run = lint("--format", "json", ".", cwd=tmp_path)
    assert run.found("good.py") == [("APIGW030", 4)], run.stderr
    problems = unchecked(run)
    assert len(problems) <= 1 and len(run.json) == 1 + len(problems), run.stdout
    assert run.stderr == "", run.stderr
    if name != "and_chain.py":  # libcst may parse it; then it is linted (no finding) or too deep
        assert problems and problems[0].startswith(expected), problems
    assert run.code == 1


def test_a_bad_file_alone_fails_the_run(lint, tmp_path: Path) -> None:
    """Its findings are unknown, so the run cannot pass (as Ruff exits 1 on a syntax error)."""
    (tmp_path / "syntax.py").write_bytes(HOSTILE["syntax.py"][0])
    run = lint(tmp_path / "syntax.py", cwd=tmp_path)
    assert run.code == 1 and run.stderr == "1 finding in 1 file (1 not checked).\n"
    assert run.stdout == "syntax.py:3:29: APIGW999 [error] syntax error: '(' was never closed\n"


def test_empty_files_are_clean(lint, tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_bytes(b"")
    (tmp_path / "Pulumi.yaml").write_bytes(b"")
    assert (lint(".", cwd=tmp_path).code, lint("empty.py", cwd=tmp_path).code) == (0, 0)


def test_fifo_devices_and_unreadable_files_never_block(lint, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")  # reading it would block forever
    os.symlink("/proc/self/mem", tmp_path / "eio.py")  # a regular file whose read fails (EIO)
    (tmp_path / "folder.py").mkdir()
    (tmp_path / "good.py").write_text(GOOD)
    run = lint("--format", "json", ".", cwd=tmp_path)  # walked: the FIFO is not a file to lint
    assert run.found("good.py") == [("APIGW030", 4)]
    assert unchecked(run) == ["eio.py:1:1: cannot read: Input/output error"], run.stdout
    named = lint("--format", "json", "pipe.py", "/dev/zero", "good.py", cwd=tmp_path)
    assert named.found("good.py") == [("APIGW030", 4)], named.stderr
    assert unchecked(named) == ["/dev/zero:1:1: not a regular file",
                                "pipe.py:1:1: not a regular file"]
    assert named.code == 1 and run.stderr == named.stderr == ""


def test_yaml_main_pointing_at_a_fifo(lint, tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: yaml\nmain: prog.yaml\n")
    os.mkfifo(tmp_path / "prog.yaml")
    run = lint(".", cwd=tmp_path)
    assert run.stdout == ("Pulumi.yaml:1:1: APIGW999 [error] its program prog.yaml: not a "
                          "regular file\n"), run.stdout
    assert run.code == 1


FINDING = next(r for r in lint_in_process([Path(__file__).parents[2] / "examples"]).reports
               if r.finding.severity == "error")


@pytest.mark.parametrize("failed, reports, diagnostics, expected", [
    (False, [], [], 0),
    (False, [not_checked("x.py", "1:1: syntax error: ...")], [], 1),
    # an internal error and nothing else could be reported: its file is not checked
    (True, [not_checked("x.py", "internal error while checking: ...")],
     ["x.py: internal error: ..."], 2),
    (True, [FINDING, not_checked("x.py", "internal error while checking: ...")],
     ["x.py: internal error: ..."], 1),
    (False, [FINDING], [], 1),
])
def test_exit_codes(failed: bool, reports: list, diagnostics: list, expected: int) -> None:
    assert exit_code(Result(reports, diagnostics, failed=failed), ("error",)) == expected


# --- Property-based: arbitrary programs never raise and give the same output twice.
NAMES = st.sampled_from(["api.id", "cfg.get('x')", "param", "fn.arn", "FOO", "f(x)", "x.y.z",
                         "lb.arn", "link.id", "None", "...", "lambda: 1", "[*a]", "{**d}"])
LITERALS = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
              st.floats(allow_nan=False, allow_infinity=False),
              st.sampled_from([*aws.INTEGRATION_TYPES, *aws.SUBTYPES, "POST", "GET", "2.0",
                               "$request.body.x", "append:header.x", "VPC_LINK", "WHEN_NO_MATCH",
                               "arn:aws:lambda:us-east-1:1:function:f", "https://x.example"]),
              st.text(max_size=12)).map(repr) | NAMES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: f"[{', '.join(xs)}]"),
        st.dictionaries(st.text(max_size=6).map(repr) | st.sampled_from(["FOO", "param"]), inner,
                        max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"),
        st.tuples(inner, st.sampled_from(["+", "*", "%", "if x else"]), inner).map(" ".join),
        inner.map(lambda v: f"str({v}).upper()")),
    max_leaves=8)
KEYWORDS = st.sampled_from([*aws.SNAKE_TO_CAMEL, "args", "opts", "payload_format_versoin", "x"])
CALL_FORMS = st.sampled_from(["aws.apigatewayv2.Integration({args})",
                              "aws.apigatewayv2.Integration(*{{}}, {args})",
                              "aws.apigatewayv2.Integration('n', aws.apigatewayv2.IntegrationArgs({args}))",
                              "def make(param):\n    return aws.apigatewayv2.Integration({args})",
                              "for FOO in range(3):\n    aws.apigatewayv2.Integration({args})"])


@st.composite
def programs(draw: Any) -> str:
    lines = ["import pulumi", "import pulumi_aws as aws", "cfg = pulumi.Config()",
             f"api = aws.apigatewayv2.Api('a', protocol_type={draw(LITERALS)})",
             f"FOO = {draw(LITERALS)}"]
    for i in range(draw(st.integers(1, 3))):
        args = [draw(LITERALS)] if draw(st.booleans()) else [repr(f"i{i}")]
        args += [f"{k}={draw(LITERALS)}" for k in draw(st.lists(KEYWORDS, max_size=6, unique=True))]
        if draw(st.booleans()):
            args.append(f"**{draw(LITERALS)}")
        lines.append(draw(CALL_FORMS).format(args=", ".join(args)))
    return "\n".join(lines) + "\n"


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=10),
              st.sampled_from(["${api.id}", "${cfg}", "${fn.arn}", "${api}", "$${x}", "*anchor",
                               *aws.INTEGRATION_TYPES, "WEBSOCKET", "HTTP", "2.0"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from([*aws.PROPERTIES, "fn::invoke", "fn::secret", "x"]), inner, max_size=3)),
    max_leaves=8)


@st.composite
def yaml_programs(draw: Any) -> str:
    import json
    resources = {"api": {"type": "aws:apigatewayv2:Api",
                         "properties": {"protocolType": draw(YAML_VALUES)}}}
    for i in range(draw(st.integers(1, 3))):
        resources[f"i{i}"] = {"type": draw(st.sampled_from(["aws:apigatewayv2:Integration",
                                                            "aws:apigatewayv2/integration:Integration"])),
                              "properties": draw(st.dictionaries(st.sampled_from(list(aws.PROPERTIES)),
                                                                 YAML_VALUES, max_size=6))}
    # JSON is YAML: every generated document is well-formed, so every run reaches the checks
    return json.dumps({"name": "p", "runtime": "yaml", "resources": resources})


def _outcome(result: Result) -> list[Any]:
    return [(r.path, r.line, r.column, r.finding) for r in result.reports] + result.diagnostics


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(source=programs())
def test_arbitrary_python_programs(tmp_path: Path, source: str) -> None:
    path = tmp_path / "__main__.py"
    path.write_text(source)
    first = lint_in_process([path])
    assert not first.failed, first.diagnostics
    assert not [d for d in first.diagnostics if "internal error" in d], first.diagnostics
    assert _outcome(lint_in_process([path])) == _outcome(first)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(source=yaml_programs())
def test_arbitrary_yaml_programs(tmp_path: Path, source: str) -> None:
    path = tmp_path / "Pulumi.yaml"
    path.write_text(source)
    first = lint_in_process([tmp_path])
    assert not first.failed and not first.diagnostics, first.diagnostics
    assert not any(r.unchecked for r in first.reports), first.reports
    assert _outcome(lint_in_process([tmp_path])) == _outcome(first)


def test_yaml_merge_keys(lint, tmp_path: Path) -> None:
    """Resources and properties a merge key (`<<: *base`) brings in are linted, not a crash."""
    (tmp_path / "Pulumi.yaml").write_text(textwrap.dedent("""
        name: p
        runtime: yaml
        x-base: &base
          api:
            type: aws:apigatewayv2:Api
            properties:
              protocolType: HTTP
        resources:
          <<: *base
          i:
            type: aws:apigatewayv2:Integration
            properties:
              apiId: ${api.id}
              integrationType: HTTP_PROXY
              integrationMethod: ANY
              integrationUri: https://example.com
              timeoutMilliseconds: 60000
              <<: {passthroughBehavior: NEVER}
    """).lstrip())
    run = lint("--format", "json", ".", cwd=tmp_path)
    assert run.found() == [("APIGW030", 17), ("APIGW039", 13)], run.stderr  # merged: the map's line
    assert run.code == 1 and run.stderr.count("\n") == 0


def test_control_characters_never_reach_the_terminal(lint, tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(GOOD.replace('"x"', '"x\\n\\x1b[2J"'))
    run = lint("main.py", cwd=tmp_path)
    assert run.stdout.count("\n") == 1 and "\x1b" not in run.stdout, run.stdout
    assert run.stdout.rstrip().endswith("(x\\x0a\\x1b[2J)")


def test_patterns_that_are_not_gitignore_patterns(lint, tmp_path: Path) -> None:
    """pathspec raises on a lone backslash: in a .gitignore the line is skipped (as git does), on
    the command line or in the configuration it is a usage error naming it."""
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / ".gitignore").write_text("ignored/\n\\\n")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "x.py").write_text(GOOD)
    run = lint("--format", "json", ".", cwd=tmp_path)
    assert run.found() == [("APIGW030", 4)] and "Traceback" not in run.stderr, run.stderr
    bad = lint("--exclude", "\\", ".", cwd=tmp_path)
    assert (bad.code, bad.stderr.strip()) == (2, "apigw-lint: --exclude: not a gitignore pattern: '\\\\'")
    (tmp_path / "pyproject.toml").write_text('[tool.apigw-lint]\nexclude = ["\\\\"]\n')
    bad = lint(".", cwd=tmp_path)
    assert bad.code == 2 and "exclude: not a gitignore pattern" in bad.stderr, bad.stderr


def test_a_bug_anywhere_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    """Outside the per-file guards (a broken install, a bug in the report), the command still
    prints one line and exits 2. In process: nothing outside can make the code raise there."""
    from click.testing import CliRunner

    from apigw_lint.linter import cli, lint

    def broken(*args: Any, **kwargs: Any) -> None:
        raise ImportError("no module named 'libcst'")

    monkeypatch.setattr(lint, "lint", broken)
    (tmp_path / "good.py").write_text(GOOD)
    result = CliRunner().invoke(cli.main, [str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == "apigw-lint: internal error: ImportError(\"no module named 'libcst'\")"
