"""Time `apigw-lint server`'s check of an edited buffer, through a real LSP client (pytest-lsp's),
with and without the project kept warm between checks (linter/warm.py).

    .venv/bin/python bench/server.py [--edits 20] [--files 500]

The project (one Pulumi.yaml): --files Python files, a fifth of them modules that each create a
Lambda function and its permission (every check of the program asks about them), the rest real
code of the standard library (read and searched, never parsed), and one open program whose
integrations use the functions. Each edit changes the buffer; the time is from the change to the
diagnostics it publishes, less the server's debounce. "cold" is the same server with its store
emptied before every check, as every check ran before the store; the two servers take turns,
edit by edit, so that a noisy neighbour slows both alike. Prints medians and their ratio.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, make_test_lsp_client

import corpus  # bench/corpus.py (this folder is on sys.path when the script runs)

SERVE = "from apigw_lint.linter.server import serve; serve()"
# the baseline: every check starts with an empty store
COLD = ("from apigw_lint.linter import warm\n"
        "using = warm.Warm.using\n"
        "warm.Warm.using = lambda self: (self.__init__(), using(self))[1]\n" + SERVE)
FUNCTION = '''import pulumi
import pulumi_aws as aws

f = aws.lambda_.Function("f{i}", role="arn:aws:iam::123456789012:role/r", runtime="python3.12",
                         handler="h.h", code=pulumi.FileArchive("."))
aws.lambda_.Permission("p{i}", action="lambda:InvokeFunction",
                       principal="apigateway.amazonaws.com", function=f.name)
'''
INTEGRATION = '''aws.apigatewayv2.Integration("i{i}", api_id=api.id, integration_type="AWS_PROXY",
                             payload_format_version="2.0", integration_uri=fn{i}.f.invoke_arn)
'''


def write_project(top: Path, files: int) -> str:
    """The project's files on disk; returns the open program's text."""
    (top / "Pulumi.yaml").write_text("name: bench\nruntime: python\n")
    functions = files // 5
    for i in range(functions):
        (top / f"fn{i}.py").write_text(FUNCTION.format(i=i))
    lib = top / "lib"
    for n, (root, rel) in enumerate(corpus.real_code()[:files - functions - 1]):
        dest = lib / f"m{n}" / Path(rel).name
        dest.parent.mkdir(parents=True)
        shutil.copyfile(root / rel, dest)
    program = "import pulumi_aws as aws\n" + "".join(
        f"import fn{i}\n" for i in range(0, functions, 10)) + \
        'api = aws.apigatewayv2.Api("http", protocol_type="HTTP")\n' + "".join(
        INTEGRATION.format(i=i) for i in range(0, functions, 10))
    (top / "__main__.py").write_text(program)
    return program


async def start(top: Path, code: str) -> LanguageClient:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-c", code, cwd=str(top))
    await client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=top.as_uri()))
    return client


async def check(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    params = await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 120)
    assert params.uri == uri
    return list(params.diagnostics)


async def run(top: Path, program: str, edits: int) -> dict[str, list[float]]:
    from apigw_lint.linter.server import DEBOUNCE

    uri = (top / "__main__.py").as_uri()
    clients = {"warm": await start(top, SERVE), "cold": await start(top, COLD)}
    times: dict[str, list[float]] = {name: [] for name in clients}
    try:
        for client in clients.values():  # the first check of each: the project read and parsed
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="python", version=1, text=program)))
            assert await check(client, uri) == []
        for version in range(2, edits + 2):
            text = program + f"# edit {version}\n"
            for name, client in clients.items():
                started = time.perf_counter()
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [types.TextDocumentContentChangeWholeDocument(text=text)]))
                assert await check(client, uri) == []  # every function has its permission
                times[name].append(time.perf_counter() - started - DEBOUNCE)
    finally:
        for client in clients.values():
            await client.shutdown_session()
            await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        program = write_project(top, args.files)
        count = sum(len(names) for _, _, names in os.walk(top))
        times = asyncio.run(run(top, program, args.edits))
    warm, cold = (statistics.median(times[k]) for k in ("warm", "cold"))
    print(f"{count} files, {args.edits} edits; median time per check after an edit "
          f"(debounce excluded):")
    print(f"  cold (store emptied before each check): {cold * 1000:8.1f} ms")
    print(f"  warm (this server):                     {warm * 1000:8.1f} ms")
    print(f"  cold / warm: {cold / warm:.1f}x")


if __name__ == "__main__":
    main()
