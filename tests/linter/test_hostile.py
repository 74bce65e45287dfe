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
from apigw_lint.linter.python.parse import Unparsable, parse
from apigw_lint.linter.python.scan import MAX_DEPTH, MAX_RUN, MAX_WORK
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
    "syntax.py": (HEADER + b"aws.apigatewayv2.Integration(\n", "syntax.py:3:29: syntax error: '(' was never closed"),
    "nul.py": (HEADER + b"x = 1\x00\n", "nul.py:3:6: syntax error: source code cannot contain null "
                                          "bytes"),
    "latin1.py": (HEADER + b"x = '\xe9\xff'\n", "latin1.py:3:6: not UTF-8: byte 0xe9 "
                                                  "(invalid continuation byte)"),
    "bad_coding.py": (b"# -*- coding: klingon -*-\n" + HEADER,
                      "bad_coding.py:1:1: syntax error: unknown encoding: klingon"),
    "nested.py": (deep(5000), f"nested.py:3:{5 + MAX_DEPTH}: too deeply nested to lint (more than "
                              f"{MAX_DEPTH} nested brackets)"),
    # libcst's native parser overflowed an 8 MB stack on these, or took minutes
    "and_chain.py": (HEADER + b"x = a" + b" and a" * 20000 + b"\n",
                     f"and_chain.py:3:1: too long to lint (more than {MAX_RUN:,} tokens"),
    "long_sum.py": (HEADER + b"x = 1" + b" + 1" * 100000 + b"\n",
                    f"long_sum.py:3:1: too long to lint (more than {MAX_RUN:,} tokens"),
    "fstrings.py": (HEADER + b"x = " + b'f"{' * 300 + b"1" + b'}"' * 300 + b"\n",
                    f"fstrings.py:3:{5 + 3 * MAX_DEPTH + 2}: too deeply nested to lint"),
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
    assert len(problems) == 1 and len(run.json) == 2, run.stdout
    assert run.stderr == "", run.stderr
    assert problems[0].startswith(expected), problems
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


def test_each_file_once_however_many_links_or_arguments_name_it(lint, tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD)
    os.link(tmp_path / "good.py", tmp_path / "hard.py")
    os.symlink("good.py", tmp_path / "soft.py")
    os.mkfifo(tmp_path / "pipe.py")
    os.symlink("pipe.py", tmp_path / "pipe_link.py")
    run = lint("--format", "json", ".", "good.py", "soft.py", "pipe.py", "pipe_link.py",
               cwd=tmp_path)
    assert [(f["path"], f["rule"], f["line"]) for f in run.json
            if f["rule"] != "APIGW999"] == [("good.py", "APIGW030", 4)], run.stdout
    assert unchecked(run) == ["pipe.py:1:1: not a regular file"]
    text = lint("--no-cache", ".", "pipe_link.py", "pipe.py", cwd=tmp_path)
    assert text.stderr == "2 findings in 2 files (1 not checked).\n"  # the first name given
    assert text.stdout.splitlines()[1] == "pipe_link.py:1:1: APIGW999 [error] not a regular file"


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


# --- The pre-pass limits (linter/python/scan.py), both sides of each bound, in process: what
# passes is parsed by libcst (these shapes are valid Python), what does not is one message.
def _outcome_of(source: str) -> str:
    try:
        parse(source.encode())
    except Unparsable as e:
        return str(e)
    return "parsed"


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("(", ")"), ("{", "}"),
                                              ('f"{', '}"'), ("f'''{", "}'''")])
def test_nesting_limit(opening: str, closing: str) -> None:
    assert _outcome_of("x = " + opening * MAX_DEPTH + "1" + closing * MAX_DEPTH + "\n") \
        == "parsed"
    deeper = "x = " + opening * (MAX_DEPTH + 1) + "1" + closing * (MAX_DEPTH + 1) + "\n"
    column = 5 + len(opening) * MAX_DEPTH + len(opening) - 1  # the bracket past the limit
    assert _outcome_of(deeper) == \
        f"1:{column}: too deeply nested to lint (more than {MAX_DEPTH} nested brackets)"


@pytest.mark.parametrize("link, tokens", [(" + 1", 2), (" and a", 2), ("[0]", 2), (".b", 2),
                                          ("-", 1), (" if a else a", 4)])
def test_expression_length_limit(link: str, tokens: int) -> None:
    """x = a <link> <link> ...: `x`, `=` and one operand are three tokens of the run."""
    def build(n: int) -> str:
        chain = "-" * n + "1" if link == "-" else "a" + link * n
        return "y = [1, 2]\nx = " + chain + "\n"
    most = (MAX_RUN - 3) // tokens
    assert _outcome_of(build(most)) == "parsed"
    assert _outcome_of(build(most + 1)) == \
        f"2:1: too long to lint (more than {MAX_RUN:,} tokens in one expression)"


def test_separators_end_a_run_and_flat_data_is_not_limited() -> None:
    """10,000 items in one list, or one statement per line, are cheap for libcst."""
    assert _outcome_of("x = [" + "1, " * 10_000 + "]\n") == "parsed"
    assert _outcome_of("x = a\n" * 10_000) == "parsed"


def test_strings_and_comments_hold_no_brackets() -> None:
    many = "[" * (MAX_DEPTH + 1)
    source = (f"a = '{many}'\nb = '''{many}\n'''\nc = rb'\\\\' b'{many}'  # {many}\nd = "
              f"f'{{{{{many}}}}}'\ne = f'{{x:{{w}}>{many}}}'\n")
    assert _outcome_of(source) == "parsed"


def test_work_limit() -> None:
    """Nested code costs libcst more than flat code of the same size; the file's total is
    bounded. Each statement here is 50 deep: within the depth limit, not within the work."""
    statement = "x = " + "[" * 50 + "]" * 50 + "\n"
    # as scan.py counts: `x`, `=` (1 + 2), the first `[` (a group weighs two tokens: 3 + 4),
    # then at each depth d a `[` starting a run (2 * d * d + 1 + 2)
    per = 3 + 7 + sum(2 * d * d + 3 for d in range(1, 50))
    fits = MAX_WORK // per
    assert fits > 1
    assert _outcome_of(statement * fits) == "parsed"
    outcome = _outcome_of(statement * (fits + 1))
    assert outcome.startswith(f"{fits + 1}:") and outcome.endswith(
        ": too complex to lint (its nesting and chains would take libcst too long)"), outcome


def test_newer_syntax_than_the_running_python(lint, tmp_path: Path) -> None:
    """Python 3.12-3.14 syntax is linted whatever Python runs apigw-lint (libcst's grammar)."""
    program = textwrap.dedent("""
        import pulumi_aws as aws
        type Name = str
        class Box[T = int]:
            def get[U](self, x: U) -> U:
                return x
        d = {"k": "ws"}
        api = aws.apigatewayv2.Api(f"{d["k"]}", protocol_type="WEBSOCKET")
        try:
            pass
        except ValueError, TypeError:
            pass
        greeting = t"hello {d}"
        aws.apigatewayv2.Integration("x", api_id=api.id, integration_type="MOCK",
                                     timeout_milliseconds=30000)
    """).lstrip()
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(program)
    run = lint("--format", "json", ".", cwd=tmp_path)
    assert (run.code, run.stderr) == (1, ""), run.stderr
    assert [(f["rule"], f["line"], f["column"]) for f in run.json] == [("APIGW030", 14, 30)]
    (tmp_path / "__main__.py").write_text(program.replace("=30000", "=29000"))
    clean = lint(".", cwd=tmp_path)
    assert (clean.code, clean.stdout, clean.stderr) == (0, "", "0 findings in 2 files.\n")
