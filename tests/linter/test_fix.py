"""`apigw-lint --fix` and `--diff`, run as a process on real files: each fix kind on single- and
multi-line calls with comments, idempotence, what is left alone, and the safety of the write."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

HEAD = """\
import pulumi_aws as aws
http = aws.apigatewayv2.Api("http", protocol_type="HTTP")
ws = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET",
                          route_selection_expression="$request.body.action")
fn = aws.lambda_.Function("fn", runtime="python3.12", handler="app.handler", role=ROLE, code=CODE)
aws.lambda_.Permission("invoke", action="lambda:InvokeFunction", function=fn.name,
                       principal="apigateway.amazonaws.com")
"""


def program(tmp_path: Path, body: str, name: str = "main.py") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body).lstrip("\n"))
    return path


def body_of(path: Path) -> str:
    return path.read_text()[len(HEAD):]


def fixed(run) -> int:
    line = next(x for x in run.stderr.splitlines() if x.endswith(" fixed."))
    return int(line.split()[0])


def test_websocket_only_arguments_removed_multi_line_with_comments(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        x = aws.apigatewayv2.Integration(
            "x",
            api_id=http.id,  # the API
            # set by the template we copied
            passthrough_behavior="WHEN_NO_MATCH",  # the removed argument's own comment
            # about the type
            integration_type="HTTP_PROXY",
            integration_method="ANY",
            integration_uri="https://example.com/{proxy}",
            content_handling_strategy="CONVERT_TO_TEXT",  # last, with a trailing comma
        )
        y = aws.apigatewayv2.Integration(
            "y",
            api_id=http.id,
            integration_type="HTTP_PROXY",
            integration_method="ANY",  # kept
            integration_uri="https://example.com",
            request_templates={"application/json": "{}"}
        )
    """)
    run = lint("--fix", tmp_path)
    assert body_of(path) == textwrap.dedent("""\
        x = aws.apigatewayv2.Integration(
            "x",
            api_id=http.id,  # the API
            # set by the template we copied
            # about the type
            integration_type="HTTP_PROXY",
            integration_method="ANY",
            integration_uri="https://example.com/{proxy}",
        )
        y = aws.apigatewayv2.Integration(
            "y",
            api_id=http.id,
            integration_type="HTTP_PROXY",
            integration_method="ANY",  # kept
            integration_uri="https://example.com"
        )
    """)
    assert fixed(run) == 3 and run.stdout == "" and run.code == 0, run.stderr


def test_websocket_only_arguments_removed_single_line(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        a = aws.apigatewayv2.Integration("a", api_id=http.id, template_selection_expression="$default", integration_type="HTTP_PROXY", integration_method="ANY", integration_uri="https://example.com")
        b = aws.apigatewayv2.Integration("b", api_id=http.id, integration_type="HTTP_PROXY",  # why
                                         integration_method="ANY", integration_uri="https://example.com",
                                         passthrough_behavior="NEVER")
    """)
    run = lint("--fix", tmp_path)
    assert body_of(path) == textwrap.dedent("""\
        a = aws.apigatewayv2.Integration("a", api_id=http.id, integration_type="HTTP_PROXY", integration_method="ANY", integration_uri="https://example.com")
        b = aws.apigatewayv2.Integration("b", api_id=http.id, integration_type="HTTP_PROXY",  # why
                                         integration_method="ANY", integration_uri="https://example.com")
    """)
    assert fixed(run) == 2 and run.code == 0, run.stderr


def test_lambda_method_becomes_post_in_the_same_quotes(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        a = aws.apigatewayv2.Integration("a", api_id=http.id, integration_type="AWS_PROXY",
                                         integration_uri=fn.invoke_arn, integration_method='GET',
                                         payload_format_version="2.0")
        b = aws.apigatewayv2.Integration(
            "b",
            api_id=http.id,
            integration_type="AWS_PROXY",
            integration_uri=fn.invoke_arn,
            integration_method=("ANY"),  # copied from the HTTP one
            payload_format_version="2.0",
        )
    """)
    run = lint("--fix", tmp_path)
    assert body_of(path) == textwrap.dedent("""\
        a = aws.apigatewayv2.Integration("a", api_id=http.id, integration_type="AWS_PROXY",
                                         integration_uri=fn.invoke_arn, integration_method='POST',
                                         payload_format_version="2.0")
        b = aws.apigatewayv2.Integration(
            "b",
            api_id=http.id,
            integration_type="AWS_PROXY",
            integration_uri=fn.invoke_arn,
            integration_method=("POST"),  # copied from the HTTP one
            payload_format_version="2.0",
        )
    """)
    assert fixed(run) == 2 and run.code == 0, run.stderr


def test_mock_backend_arguments_removed(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        m = aws.apigatewayv2.Integration(
            "m",
            api_id=ws.id,
            integration_type="MOCK",
            integration_uri="https://example.com",  # left over
            integration_method="POST",
            credentials_arn="arn:aws:iam::123456789012:role/gw",
            request_templates={"$default": '{"statusCode": 200}'},
            template_selection_expression="$default",
        )
        private = aws.apigatewayv2.Integration("private", api_id=ws.id, integration_type="MOCK",
                                               connection_type="VPC_LINK", connection_id="abc123",
                                               integration_method="POST")
    """)
    run = lint("--fix", "--format", "json", tmp_path)
    assert body_of(path) == textwrap.dedent("""\
        m = aws.apigatewayv2.Integration(
            "m",
            api_id=ws.id,
            integration_type="MOCK",
            request_templates={"$default": '{"statusCode": 200}'},
            template_selection_expression="$default",
        )
        private = aws.apigatewayv2.Integration("private", api_id=ws.id, integration_type="MOCK",
                                               connection_type="VPC_LINK", connection_id="abc123")
    """)
    # without connection_id, VPC_LINK would be an error: reported, not removed
    assert {(f["rule"], f["property"], f["fixable"]) for f in run.json} == \
        {("APIGW028", "integrationType", False), ("APIGW043", "connectionId", False)}
    assert fixed(run) == 4 and run.code == 1


def test_misspelt_argument_renamed_then_its_method_fixed(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        x = aws.apigatewayv2.Integration(
            "x",
            api_id=http.id,
            intergration_type="AWS_PROXY",  # typo
            integration_uri=fn.invoke_arn,
            integration_method="GET",
            payloadFormatVersion="2.0",
        )
    """)
    run = lint("--fix", tmp_path)
    # the rename shows a Lambda integration, whose method the next pass sets to POST
    assert body_of(path) == textwrap.dedent("""\
        x = aws.apigatewayv2.Integration(
            "x",
            api_id=http.id,
            integration_type="AWS_PROXY",  # typo
            integration_uri=fn.invoke_arn,
            integration_method="POST",
            payload_format_version="2.0",
        )
    """)
    assert fixed(run) == 3 and run.stdout == "" and run.code == 0, run.stderr
    again = lint("--fix", tmp_path)
    assert fixed(again) == 0 and body_of(path).count("POST") == 1


def test_rename_beside_known_kwargs(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        COMMON = {"api_id": http.id, "integration_method": "ANY"}
        x = aws.apigatewayv2.Integration("x", **COMMON, integration_uri="https://example.com",
                                         intergration_type="HTTP_PROXY")
    """)
    run = lint("--fix", tmp_path)
    assert body_of(path) == textwrap.dedent("""\
        COMMON = {"api_id": http.id, "integration_method": "ANY"}
        x = aws.apigatewayv2.Integration("x", **COMMON, integration_uri="https://example.com",
                                         integration_type="HTTP_PROXY")
    """)
    assert fixed(run) == 1 and run.code == 0, run.stderr


@pytest.mark.parametrize("call", [
    # a second valid name is nearly as close: no rename
    'Integration("x", api_id=http.id, integration_type="HTTP_PROXY", integration_method="ANY", '
    'integration_uri="https://example.com", template_selection="$default")',
    # the new name is taken
    'Integration("x", api_id=http.id, integration_type="HTTP_PROXY", intergration_type="AWS", '
    'integration_method="ANY", integration_uri="https://example.com")',
    # **kwargs hold the new name, or could
    'Integration("x", **COMMON, integration_type="HTTP_PROXY", intergration_type="AWS")',
    'Integration("x", **COMMON, **extra(), intergration_type="HTTP_PROXY")',
    # an args object
    'Integration("x", aws.apigatewayv2.IntegrationArgs(api_id=http.id), '
    'intergration_type="HTTP_PROXY")',
])
def test_renames_that_could_be_wrong_are_not_made(lint, tmp_path: Path, call: str) -> None:
    path = program(tmp_path, f"""
        COMMON = dict(api_id=http.id, integration_method="ANY", integration_uri="https://example.com")
        x = aws.apigatewayv2.{call}
    """)
    before = path.read_bytes()
    run = lint("--fix", tmp_path)
    assert path.read_bytes() == before
    assert "APIGW048 [error]" in run.stdout and "[*]" not in run.stdout and fixed(run) == 0


@pytest.mark.parametrize("code", [
    # **kwargs from a dict defined elsewhere
    """COMMON = {"api_id": http.id, "integration_type": "HTTP_PROXY", "passthrough_behavior": "NEVER"}
x = aws.apigatewayv2.Integration("x", integration_method="ANY", integration_uri=URI, **COMMON)""",
    # a dict literal spread in the call
    """x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
    integration_method="ANY", integration_uri=URI, **{"passthrough_behavior": "NEVER"})""",
    # an args object
    """x = aws.apigatewayv2.Integration("x", aws.apigatewayv2.IntegrationArgs(
    api_id=http.id, integration_type="HTTP_PROXY", integration_method="ANY", integration_uri=URI,
    passthrough_behavior="NEVER"))""",
    # a value from a variable: the finding is fixed where the variable is, by a person
    """METHOD = "GET"
x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="AWS_PROXY",
    integration_uri=fn.invoke_arn, integration_method=METHOD, payload_format_version="2.0")""",
])
def test_arguments_not_written_in_the_call_are_left_alone(lint, tmp_path: Path, code: str
                                                           ) -> None:
    path = program(tmp_path, 'URI = "https://example.com"\n' + code + "\n")
    before = path.read_bytes()
    plain = lint(tmp_path)
    assert plain.code == 1 and "[*]" not in plain.stdout and "fixable" not in plain.stderr
    run = lint("--fix", tmp_path)
    assert path.read_bytes() == before
    assert run.stdout == plain.stdout and fixed(run) == 0 and run.code == 1
    assert lint("--diff", tmp_path).code == 0


def test_fixable_findings_are_marked(lint, tmp_path: Path) -> None:
    program(tmp_path, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
                                         integration_method="ANY", passthrough_behavior="NEVER",
                                         integration_uri="https://example.com", timeout_milliseconds=60000)
    """)
    run = lint(tmp_path)
    assert "APIGW039 [*] [warning] passthrough_behavior" in run.stdout
    assert "APIGW030 [error]" in run.stdout
    assert "[*] 1 fixable with --fix." in run.stderr
    found = {f["rule"]: f["fixable"] for f in lint("--format", "json", tmp_path).json}
    assert found == {"APIGW030": False, "APIGW039": True}


def test_diff_prints_and_writes_nothing(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        x = aws.apigatewayv2.Integration(
            "x",
            api_id=http.id,
            integration_type="HTTP_PROXY",
            integration_method="ANY",
            integration_uri="https://example.com",
            passthrough_behavior="NEVER",  # from the docs
        )
    """)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    run = lint("--diff", path.name, cwd=tmp_path)
    assert run.stdout == textwrap.dedent("""\
        --- a/main.py
        +++ b/main.py
        @@ -11,5 +11,4 @@
             integration_type="HTTP_PROXY",
             integration_method="ANY",
             integration_uri="https://example.com",
        -    passthrough_behavior="NEVER",  # from the docs
         )
    """)
    assert run.code == 1 and "Would fix 1 finding." in run.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py"]
    lint("--fix", tmp_path)
    clean = lint("--diff", tmp_path)
    assert clean.code == 0 and clean.stdout == "" and "Would fix 0 findings." in clean.stderr


def test_diff_of_a_file_without_a_final_newline(lint, tmp_path: Path) -> None:
    path = tmp_path / "main.py"
    path.write_text(HEAD + 'x = aws.apigatewayv2.Integration("x", api_id=http.id, '
                    'integration_type="HTTP_PROXY", integration_method="ANY", '
                    'integration_uri="https://example.com", passthrough_behavior="NEVER")')
    run = lint("--diff", tmp_path)
    assert run.stdout.endswith('"https://example.com")\n\\ No newline at end of file\n')
    assert run.stdout.count("\\ No newline at end of file") == 2


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8-sig", b""),
    ("latin-1", b"# -*- coding: latin-1 -*-\r\n"),
])
def test_line_endings_and_encoding_are_kept(lint, tmp_path: Path, encoding: str, prefix: bytes
                                            ) -> None:
    body = textwrap.dedent("""\
        x = aws.apigatewayv2.Integration(
            "x",  # café
            api_id=http.id,
            content_handling_strategy="CONVERT_TO_TEXT",
            integration_type="HTTP_PROXY",
            integration_method="ANY",
            integration_uri="https://example.com",
        )
    """)
    path = tmp_path / "main.py"
    path.write_bytes(prefix + (HEAD + body).replace("\n", "\r\n").encode(encoding))
    run = lint("--fix", tmp_path)
    expected = body.replace('    content_handling_strategy="CONVERT_TO_TEXT",\n', "")
    assert path.read_bytes() == prefix + (HEAD + expected).replace("\n", "\r\n").encode(encoding)
    assert fixed(run) == 1 and run.code == 0, run.stderr


def test_mode_kept_and_links_followed(lint, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    real = program(tmp_path / "src", """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER")
    """)
    real.chmod(0o751)
    link = tmp_path / "infra" / "main.py"
    link.parent.mkdir()
    link.symlink_to(real)
    run = lint("--fix", link)
    assert fixed(run) == 1 and "passthrough" not in real.read_text()
    assert link.is_symlink() and stat.S_IMODE(real.stat().st_mode) == 0o751
    assert sorted(p.name for p in real.parent.iterdir()) == ["main.py"]  # no temporary file left


def test_files_that_do_not_parse_are_never_touched(lint, tmp_path: Path) -> None:
    broken = program(tmp_path, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER"
    """, "broken.py")
    # libcst reads a repeated keyword, Python refuses to compile it: the error is the author's,
    # and the fix does not touch it
    repeated = program(tmp_path, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER",
            description="a", description="b")
    """, "repeated.py")
    good = program(tmp_path, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER")
    """, "good.py")
    before = {p: p.read_bytes() for p in (broken,)}
    run = lint("--fix", tmp_path)
    assert all(p.read_bytes() == data for p, data in before.items())
    assert "passthrough" not in good.read_text() and fixed(run) == 2
    assert "passthrough" not in repeated.read_text()
    assert repeated.read_text().count('description="') == 2
    assert "broken.py:8:33: APIGW999 [error] syntax error: '(' was never closed\n" \
        in run.stdout, run.stdout
    assert "Traceback" not in run.stderr and run.code == 1


def test_read_only_file_is_left_intact(lint, tmp_path: Path) -> None:
    path = program(tmp_path, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER")
    """)
    path.chmod(0o444)
    before = path.read_bytes()
    run = lint("--fix", tmp_path)
    assert path.read_bytes() == before
    assert "main.py: not fixed: the file is read-only" in run.stderr
    assert "Traceback" not in run.stderr and fixed(run) == 0
    assert "APIGW039 [*]" in run.stdout and run.code == 1  # still there, still fixable


def test_unwritable_folder_is_left_intact(lint, tmp_path: Path) -> None:
    folder = tmp_path / "infra"
    folder.mkdir()
    path = program(folder, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER")
    """)
    before = path.read_bytes()
    # root writes into a read-only folder; an immutable one stops it too
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", folder]).returncode != 0:
            pytest.skip("running as root without chattr +i")
        unlock = [chattr, "-i", folder]
    else:
        folder.chmod(0o555)
        unlock = ["chmod", "755", folder]
    try:
        run = lint("--fix", folder)
        files = sorted(p.name for p in folder.iterdir())
    finally:
        subprocess.run(unlock, check=True)
    assert path.read_bytes() == before and files == ["main.py"]
    assert "main.py: not fixed: cannot write it: " in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and fixed(run) == 0 and run.code == 1


# --- property: whatever the arguments and their layout, --fix leaves code that compiles, keeps
# every own-line comment, and a second run has nothing to do.
VALUES = {
    "api_id": ["http.id", "ws.id"],
    "integration_type": ['"AWS_PROXY"', '"HTTP_PROXY"', '"MOCK"', '"AWS"', '"HTTP"', '"proxy"'],
    "integration_method": ['"GET"', "'POST'", '"ANY"', '"get"'],
    "integration_uri": ["fn.invoke_arn", '"https://example.com"'],
    "passthrough_behavior": ['"NEVER"', '"WHEN_NO_MATCH"', '"WHEN_NO_TEMPLATE"'],
    "content_handling_strategy": ['"CONVERT_TO_TEXT"', '"CONVERT_TO_JSON"'],
    "request_templates": ['{"$default": "{}"}'],
    "template_selection_expression": ['"$default"'],
    "credentials_arn": ['"arn:aws:iam::123456789012:role/gw"'],
    "connection_type": ['"VPC_LINK"', '"INTERNET"'],
    "connection_id": ['"abc123"'],
    "timeout_milliseconds": ["100", "60000"],
    "payload_format_version": ['"2.0"', '"1.0"'],
    "intergration_type": ['"AWS_PROXY"', '"HTTP_PROXY"'],
    "integration_typ": ['"AWS_PROXY"'],
    "integrationMethod": ['"GET"'],
    "passthrough_behaviour": ['"NEVER"'],
    "request_parameter": ["{}"],
}

argument = st.sampled_from(sorted(VALUES)).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from(VALUES[name]),
                           st.booleans(), st.booleans(), st.sampled_from(["=", " = "])))
call = st.tuples(st.lists(argument, max_size=8, unique_by=lambda a: a[0]), st.booleans(),
                 st.booleans())


def render(index: int, args: list, multi_line: bool, trailing_comma: bool) -> tuple[str, list]:
    own_line = []
    parts = [f'"i{index}"']
    for n, (name, value, trailing, above, equals) in enumerate(args):
        text = f"{name}{equals}{value}"
        if multi_line and above:
            tag = f"# above {index}.{n}"
            own_line.append(tag)
            text = f"{tag}\n    {text}"
        parts.append((text, trailing and multi_line, f"# after {index}.{n}"))
    if not multi_line:
        return f"i{index} = aws.apigatewayv2.Integration(" + ", ".join(
            p if isinstance(p, str) else p[0] for p in parts) + ")\n", own_line
    lines = [f"i{index} = aws.apigatewayv2.Integration("]
    for n, p in enumerate(parts):
        text, comment, tag = (p, False, "") if isinstance(p, str) else p
        last = n == len(parts) - 1
        lines.append(f"    {text}{',' if not last or trailing_comma else ''}"
                     + (f"  {tag}" if comment else ""))
    return "\n".join(lines) + "\n)\n", own_line


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(calls=st.lists(call, min_size=1, max_size=4))
def test_fix_always_leaves_code_that_compiles_and_is_done(lint, tmp_path_factory, calls) -> None:
    folder = tmp_path_factory.mktemp("prop")
    rendered = [render(i, *c) for i, c in enumerate(calls)]
    path = folder / "main.py"
    path.write_text(HEAD + "".join(code for code, _ in rendered))
    first = lint("--fix", folder)
    assert first.code in (0, 1) and "Traceback" not in first.stderr, first.stderr
    assert "internal error" not in first.stderr and "not fixed" not in first.stderr, first.stderr
    text = path.read_text()
    compile(text, str(path), "exec")
    for _, own_line in rendered:
        assert all(tag in text for tag in own_line), text
    second = lint("--fix", folder)
    assert fixed(second) == 0 and path.read_text() == text and second.stdout == first.stdout
    assert "[*]" not in second.stdout


def test_newer_python_syntax_is_fixed_on_any_supported_python(lint, tmp_path: Path) -> None:
    """A file in Python 3.12 syntax (a `type` alias, a generic function) is fixed even where the
    Python running apigw-lint could not compile it; the rest of it is left as written."""
    path = program(tmp_path, """
        type Names = list[str]

        def first[T](items: list[T]) -> T:
            return items[0]

        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER")
    """)
    run = lint("--fix", tmp_path)
    assert fixed(run) == 1 and run.code == 0, (run.stdout, run.stderr)
    assert body_of(path) == textwrap.dedent("""
        type Names = list[str]

        def first[T](items: list[T]) -> T:
            return items[0]

        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com")
    """).lstrip("\n")


def test_a_fix_that_would_break_the_file_is_never_written(tmp_path: Path, monkeypatch) -> None:
    """The re-parse before writing is what keeps a wrong edit out: with an edit made to leave a
    bracket open, the file stays as it was and its finding is still reported, unfixed."""
    from types import SimpleNamespace

    from apigw_lint.linter import fix as fixing
    from apigw_lint.linter.lint import Run, lint
    from apigw_lint.linter.python import codemod
    from apigw_lint.linter.settings import Settings

    path = program(tmp_path, """
        x = aws.apigatewayv2.Integration("x", api_id=http.id, integration_type="HTTP_PROXY",
            integration_method="ANY", integration_uri="https://example.com", passthrough_behavior="NEVER")
    """)
    before = path.read_bytes()
    monkeypatch.setattr(codemod, "apply", lambda module, fixes: (
        SimpleNamespace(bytes=module.bytes.replace(b"NEVER\")", b"NEVER\"")), len(fixes)))
    outcome = fixing.fix(lambda contents: lint([path], run=Run(Settings(), fixing=True),
                                               contents=contents, cache=False), write=True)
    assert path.read_bytes() == before
    assert outcome.fixed == 0
    assert [r.finding.rule for r in outcome.result.reports] == ["APIGW039"]
    assert any("not fixed: the fixed code would not parse" in note
               for note in outcome.result.warnings), outcome.result.warnings
