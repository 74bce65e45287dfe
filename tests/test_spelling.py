"""Property and attribute names in messages, in the reader's spelling (rules/spelling.py): the
pack's (and YAML's, TypeScript's) camelCase, Python's snake_case, Go's PascalCase; over every
invalid example of the catalogue, and through the CLI on a Python and a TypeScript program."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

from apigw_lint.linter.frontends import BY_NAME
from apigw_lint.rules import LINTER, RULES, aws, run
from apigw_lint.rules.spelling import camel, name, pascal, render, snake

# the camelCase names rules write (the Integration's properties, nested fields, attributes)
# that Python spells otherwise; `context.connectionId` is an AWS mapping expression
CAMEL = re.compile(r"(?<![.\w])(%s)\b" % "|".join(
    n for n in sorted({*aws.PROPERTIES, "serverNameToVerify", "statusCode", "invokeArn"},
                      key=len, reverse=True) if snake(n) != n))
SNAKE = re.compile(r"(?<![.\w])(%s)\b" % "|".join(
    snake(n) for n in {*aws.PROPERTIES, "serverNameToVerify", "statusCode", "invokeArn",
                       "sourceArn", "executionArn"} if snake(n) != n))
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # what the program wrote (an argument, a key)


def test_spellings_and_render() -> None:
    assert [f("invokeArn") for f in (camel, snake, pascal)] == \
        ["invokeArn", "invoke_arn", "InvokeArn"]
    assert snake("timeoutMilliseconds") == "timeout_milliseconds"
    assert [BY_NAME[n].spelling("invokeArn") for n in ("python", "yaml", "typescript")] == \
        ["invoke_arn", "invokeArn", "invokeArn"]
    text = f"{name('integrationUri')} is set; integrationUri stays as written"
    assert render(text, snake) == "integration_uri is set; integrationUri stays as written"
    assert render(text) == "integrationUri is set; integrationUri stays as written"
    assert render("no names here", snake) == "no names here"


def test_every_message_marks_the_names_it_writes() -> None:
    """Each invalid example's findings, spelled for Python, name no property in camelCase outside
    what the program wrote (quoted); and camelCase, the default, is what the pack prints."""
    checked = 0
    for r in RULES.values():
        for example in r.invalid:
            engine = LINTER if LINTER in example.engines else None
            for spelling, other in ((snake, CAMEL), (camel, SNAKE)):
                for f in run(example.model(), engine=engine, spelling=spelling):
                    for text in (f.message, f.fix or ""):
                        assert "\ue000" not in text and "\ue001" not in text, text
                        assert not other.search(QUOTED.sub("", text)), f"{f.rule}: {text}"
                    checked += 1
    assert checked > 200
    # the same findings with no spelling: what was spelled for Python is camelCase there
    r = RULES["APIGW030"]
    [f] = [f for f in run(r.invalid[0].model()) if f.rule == "APIGW030"]
    assert f.message.startswith("APIGW030 timeoutMilliseconds ")
    [f] = [f for f in run(r.invalid[0].model(), spelling=snake) if f.rule == "APIGW030"]
    assert f.message.startswith("APIGW030 timeout_milliseconds ")


PYTHON = '''\
import pulumi_aws as aws

ws = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")
fn = aws.lambda_.Function("fn", role="r", runtime="python3.12", handler="h.h",
                          code=None)
aws.lambda_.Permission("p", action="lambda:InvokeFunction", function=fn.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("i", api_id=ws.id, integration_type="AWS_PROXY",
                             integration_uri=fn.arn, timeoutMilliseconds=1000)
'''
TYPESCRIPT = '''\
import * as aws from "@pulumi/aws";

const ws = new aws.apigatewayv2.Api("ws", { protocolType: "WEBSOCKET" });
const fn = new aws.lambda.Function("fn", { role: "r", runtime: "nodejs20.x", handler: "h.h" });
new aws.lambda.Permission("p", { action: "lambda:InvokeFunction", function: fn.name,
                                 principal: "apigateway.amazonaws.com" });
new aws.apigatewayv2.Integration("i", { apiId: ws.id, integrationType: "AWS_PROXY",
                                        integrationUri: fn.arn, timeout_milliseconds: 1000 });
'''


def test_the_cli_spells_as_the_file_is_written(lint, tmp_path: Path) -> None:
    for folder, runtime, main, text in (("py", "python", "__main__.py", PYTHON),
                                        ("ts", "nodejs", "index.ts", TYPESCRIPT)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Pulumi.yaml").write_text(f"name: {folder}\nruntime: {runtime}\n")
        (tmp_path / folder / main).write_text(textwrap.dedent(text))
    run_ = lint("--format", "json", tmp_path, cwd=tmp_path)
    assert run_.code == 1, run_.stderr
    got = sorted((Path(f["path"]).parent.name, f["message"]) for f in run_.json)
    assert got == [
        ("py", "APIGW018 WebSocket Lambda integrations should use the function's invoke ARN "
               "(invoke_arn), not the function ARN."),
        ("py", "APIGW048 Integration takes no argument 'timeoutMilliseconds'; did you mean "
               "timeout_milliseconds?"),
        ("ts", "APIGW018 WebSocket Lambda integrations should use the function's invoke ARN "
               "(invokeArn), not the function ARN."),
        ("ts", "APIGW048 Integration takes no argument 'timeout_milliseconds'; did you mean "
               "timeoutMilliseconds?")]
