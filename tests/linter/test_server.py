"""`apigw-lint server` driven by a real LSP client (pytest-lsp's) over stdio: the installed
command as a process, a project on disk, buffers that differ from it."""
from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, make_test_lsp_client

from apigw_lint.linter.warm import _RACY_NS
from apigw_lint.rules import RULES

from .test_formats import CLEAN, EXECUTABLE, environment

PROGRAM = '''import pulumi_aws as aws

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.apigatewayv2.Integration("😀", api_id=api.id, timeout_milliseconds=60000, integration_type="HTTP_PROXY",
                             integration_method="ANY", integration_uri="https://example.com")
aws.apigatewayv2.Integration("typo", api_id=api.id, integration_type="HTTP_PROXY",
                             integration_method="ANY", integration_uri="https://example.com",
                             payload_format_versoin="2.0")
'''
YAML = '''name: relay
runtime: yaml
resources:
  ws:
    type: aws:apigatewayv2:Api
    properties:
      protocolType: WEBSOCKET
      routeSelectionExpression: $request.body.action
  relay:
    type: aws:apigatewayv2:Integration
    properties:
      apiId: ${ws.id}
      integrationType: HTTP_PROXY
      integrationMethod: POST
      integrationUri: https://chat.example.com/messages
      timeoutMilliseconds: 30000
'''
TIMEOUT = 10.0


def project(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "Pulumi.yaml").write_text("name: x\nruntime: python\n")
    (tmp_path / "infra" / "__main__.py").write_text(CLEAN)  # the disk's text: no finding
    (tmp_path / "relay").mkdir()
    (tmp_path / "relay" / "Pulumi.yaml").write_text("name: relay\nruntime: yaml\n")
    return tmp_path


def session(cwd: Path, body: Callable[[LanguageClient], Awaitable[None]]) -> None:
    """Start the server, initialize it as a client without special capabilities (UTF-16
    positions), run body, shut the server down."""
    async def run() -> None:
        client = make_test_lsp_client()
        await client.start_io(str(EXECUTABLE), "server", cwd=str(cwd), env=environment(None))
        try:
            await client.initialize_session(types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=cwd.as_uri()))
            await body(client)
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        finally:
            server = client._server  # a failed test leaves it running: stop() would wait
            if server is not None and server.returncode is None:
                server.kill()
            await client.stop()
    asyncio.run(run())


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics the server publishes (for uri)."""
    while True:
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), TIMEOUT)
        if params.uri == uri:
            return list(params.diagnostics)


def shown(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return [(d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line,
             d.range.end.character) for d in diagnostics]


def cli_findings(cwd: Path, name: str, text: str) -> list[tuple[Any, ...]]:
    """The command line's findings on the same text (stdin), as LSP ranges of an ASCII text."""
    run = subprocess.run([str(EXECUTABLE), "-", "--stdin-filename", name, "--format", "json"],
                         cwd=cwd, input=text, capture_output=True, text=True, timeout=300)
    levels = {"error": 1, "warning": 2, "info": 3}
    return [(f["rule"], levels[f["severity"]], f["line"] - 1, f["column"] - 1,
             f["end_line"] - 1, f["end_column"] - 1) for f in json.loads(run.stdout)]


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        start = sum(map(len, lines[:e.range.start.line])) + e.range.start.character
        end = sum(map(len, lines[:e.range.end.line])) + e.range.end.character
        text = text[:start] + e.new_text + text[end:]
        lines = text.splitlines(keepends=True)
    return text


def open_doc(client: LanguageClient, uri: str, text: str, language: str = "python") -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))


def test_buffer_diagnostics_actions_and_hover(tmp_path: Path) -> None:
    cwd = project(tmp_path)
    main = cwd / "infra" / "__main__.py"
    uri = main.as_uri()

    async def body(client: LanguageClient) -> None:
        # open: the buffer, not the disk, is checked; the range of the property, in UTF-16
        # units (the emoji before it is two), severities mapped, code and its documentation
        open_doc(client, uri, PROGRAM)
        found = await published(client, uri)
        assert shown(found) == [
            ("APIGW030", types.DiagnosticSeverity.Error, 3, 50, 3, 76),
            ("APIGW048", types.DiagnosticSeverity.Error, 7, 29, 7, 57)]
        assert PROGRAM.splitlines()[3][49:75] == "timeout_milliseconds=60000"  # code points
        assert [(d.source, d.code_description.href) for d in found] == \
            [("apigw-lint", RULES[str(d.code)].sources[0]) for d in found]
        assert found[0].message.startswith("timeout_milliseconds 60000 is outside 50-30000") \
            and found[0].message.endswith("(😀)")

        # hover on a diagnostic: its rule's page; elsewhere: nothing
        hover = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(3, 60)))
        assert hover.contents.kind == types.MarkupKind.Markdown
        assert "APIGW030" in hover.contents.value and "Why is this bad" in hover.contents.value
        assert await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(2, 3))) is None

        # change (debounced: two quick edits, one check of the last): ASCII names, exact ranges
        # as the command line gives for the same text
        edited = PROGRAM.replace("😀", "slow")
        change(client, uri, 2, edited.replace("60000", "70000"))
        change(client, uri, 3, edited)
        found = await published(client, uri)
        assert shown(found) == cli_findings(cwd, "infra/__main__.py", edited)
        assert shown(found)[0][2:] == (3, 52, 3, 78)

        # code actions on the typo: the fix --fix makes, and an ignore comment
        typo = found[1]
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), typo.range, types.CodeActionContext([typo])))
        assert len(actions) == 2 and actions[0].title.startswith("Fix APIGW048: ")
        assert actions[1].title == "Ignore APIGW048 on this line"
        assert [a.kind for a in actions] == [types.CodeActionKind.QuickFix] * 2
        fixed = apply(edited, actions[0].edit.changes[uri])
        assert fixed == edited.replace("payload_format_versoin", "payload_format_version")
        ignored = apply(edited, actions[1].edit.changes[uri])
        assert ignored == edited.replace('"2.0")', '"2.0")  # apigw-lint: ignore[APIGW048]')
        # the ignore comment works: the finding is gone once the buffer has it
        change(client, uri, 4, ignored)
        assert [d.code for d in await published(client, uri)] == ["APIGW030"]

        # save: checked again (the disk now holds the buffer)
        main.write_text(fixed)
        change(client, uri, 5, fixed)
        await published(client, uri)
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(uri)))
        found = await published(client, uri)
        assert shown(found) == cli_findings(cwd, "infra/__main__.py", fixed)
        assert [d.code for d in found] == ["APIGW030", "APIGW011"]
        # close: its diagnostics are cleared
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            types.TextDocumentIdentifier(uri)))
        assert await published(client, uri) == []

    session(cwd, body)


def test_settings_from_pyproject_and_a_change_to_it_and_yaml(tmp_path: Path) -> None:
    cwd = project(tmp_path)
    pyproject = cwd / "pyproject.toml"
    pyproject.write_text('[tool.apigw-lint]\nignore = ["APIGW030"]\n')
    uri = (cwd / "relay" / "Pulumi.yaml").as_uri()

    async def body(client: LanguageClient) -> None:
        # Pulumi YAML through the same loop; the workspace's settings apply
        open_doc(client, uri, YAML, "yaml")
        assert await published(client, uri) == []
        pyproject.write_text('[tool.apigw-lint]\nselect = ["APIGW030"]\n')
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)]))
        found = await published(client, uri)
        assert shown(found) == cli_findings(cwd, "relay/Pulumi.yaml", YAML) == [
            ("APIGW030", 1, 15, 6, 15, 25)]
        # a YAML finding has no fix, but an ignore comment (`#`) at the end of its line
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), found[0].range,
            types.CodeActionContext([found[0]])))
        assert [a.title for a in actions] == ["Ignore APIGW030 on this line"]
        ignored = apply(YAML, actions[0].edit.changes[uri])
        assert ignored.splitlines()[15].endswith("  # apigw-lint: ignore[APIGW030]")
        # a broken configuration: told, and no finding guessed
        pyproject.write_text('[tool.apigw-lint]\nselect = ["APIGW30"]\n')
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)]))
        assert await published(client, uri) == []
        assert "did you mean APIGW030 or APIGW003?" in client.messages[-1].message
        assert client.messages[-1].type == types.MessageType.Error

    session(cwd, body)


LAMBDA = '''import pulumi
import pulumi_aws as aws

f = aws.lambda_.Function("f", role="arn:aws:iam::123456789012:role/r", runtime="python3.12",
                         handler="h.h", code=pulumi.FileArchive("."))
'''
LAMBDA_PROGRAM = '''import pulumi_aws as aws
from fns import f

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.apigatewayv2.Integration("i", api_id=api.id, integration_type="AWS_PROXY",
                             payload_format_version="2.0", integration_uri=f.invoke_arn)
'''
GRANT = '''import pulumi_aws as aws
from fns import f

aws.lambda_.Permission("pf", action="lambda:InvokeFunction",
                       principal="apigateway.amazonaws.com", function=f.name)
'''
UNPERMITTED = [("APIGW021", types.DiagnosticSeverity.Warning, 5, 59, 5, 87)]


def test_another_file_changed_on_disk_changes_the_open_buffers_findings(tmp_path: Path) -> None:
    """The project is kept warm between checks, never stale: a lambda.Permission added to
    another file on disk silences the buffer's APIGW021 at the next check, and removing it
    brings it back, whether the client's watcher, a save or only the next edit tells."""
    cwd = project(tmp_path)
    (cwd / "infra" / "fns.py").write_text(LAMBDA)
    grants = cwd / "infra" / "grants.py"
    grants.write_text("import pulumi_aws as aws\n")
    uri = (cwd / "infra" / "__main__.py").as_uri()
    time.sleep(_RACY_NS / 1e9 + 0.1)  # old enough for the server to trust the files' stat

    async def body(client: LanguageClient) -> None:
        open_doc(client, uri, LAMBDA_PROGRAM)
        assert shown(await published(client, uri)) == UNPERMITTED
        # the client's file watcher tells: checked again, the permission seen
        grants.write_text(GRANT)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(grants.as_uri(), types.FileChangeType.Changed)]))
        assert await published(client, uri) == []
        # nobody tells: the next edit of the buffer reads the file again
        grants.write_text("import pulumi_aws as aws\n")
        change(client, uri, 2, LAMBDA_PROGRAM + "# typing\n")
        assert shown(await published(client, uri)) == UNPERMITTED
        # saved in the editor: the other open buffers are checked again
        grants.write_text(GRANT)
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(grants.as_uri())))
        assert await published(client, uri) == []

    session(cwd, body)


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# (example folder, its program, the language id an editor sends): the tree-sitter front ends
TREE_SITTER = [("typescript-websocket", "index.ts", "typescript"),
               ("go-http", "main.go", "go"),
               ("java-http", "src/main/java/shop/App.java", "java"),
               ("csharp-http", "Program.cs", "csharp")]


@pytest.mark.parametrize("example, program, language", TREE_SITTER,
                         ids=[t[2] for t in TREE_SITTER])
def test_every_language_through_the_same_server(tmp_path: Path, example: str, program: str,
                                                language: str) -> None:
    """Each tree-sitter front end's example, opened as a buffer: what the command line reports
    on the same text, and an ignore comment in the language's own syntax that silences it."""
    shutil.copytree(EXAMPLES / example, tmp_path / example)
    path = tmp_path / example / program
    text = path.read_text()
    path.write_text("")  # the buffer, not the disk, is checked
    uri = path.as_uri()
    expected = cli_findings(tmp_path, f"{example}/{program}", text)
    assert expected  # every example holds a mistake on purpose

    async def body(client: LanguageClient) -> None:
        open_doc(client, uri, text, language)
        found = await published(client, uri)
        assert shown(found) == expected
        first = found[0]
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), first.range, types.CodeActionContext([first])))
        ignore = [a for a in actions if a.title == f"Ignore {first.code} on this line"]
        assert len(ignore) == 1
        ignored = apply(text, ignore[0].edit.changes[uri])
        assert ignored.splitlines()[first.range.start.line].endswith(
            f"  // apigw-lint: ignore[{first.code}]")
        change(client, uri, 2, ignored)
        assert shown(await published(client, uri)) == expected[1:]

    session(tmp_path, body)
