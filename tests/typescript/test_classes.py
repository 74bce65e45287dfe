"""Component classes (`this.api` set once by the constructor, a field or a parameter property;
`this.helper(...)` call sites) and destructured parameters and constants (`function f({ api }:
Props)`, `const { api } = props`), through the installed CLI: exact findings, and silence for
everything not proven (a field written twice, in a branch, after its read; `this` in a
`function`; `this` handed on; a subclass's write; callers that disagree; a method passed as a
callback)."""
from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import write

PROGRAM = Path(__file__).parent / "programs" / "classes"

# (file, resource, rule, property, line, column), 1-based
EXPECTED = [
    ("index.ts", "chat-connect", "APIGW018", "integrationUri", 38, 13),  # this.handler.arn on WS
    ("index.ts", "chat-connect", "APIGW030", "timeoutMilliseconds", 39, 13),  # this.args.timeout
    ("index.ts", "chat-default", "APIGW011", "payloadFormatVersion", 49, 13),  # field, this.api
    ("routes.ts", None, "APIGW012", "", 12, 12),
    ("routes.ts", None, "APIGW021", "integrationUri", 15, 9),  # fn: orders, no Permission
    ("routes.ts", None, "APIGW030", "timeoutMilliseconds", 16, 9),  # the default 45_000, HTTP
    ("routes.ts", None, "APIGW047", "integrationType", 25, 9),  # `api` disagrees: MOCK ...
    ("routes.ts", None, "APIGW029", "tlsConfig", 27, 9),  # ... and tlsConfig
]


def _found(run) -> list[tuple]:
    assert run.code in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return [(Path(f["path"]).name, f["resource"], f["rule"], f["property"], f["line"],
             f["column"]) for f in run.json]


def test_classes_and_destructuring(lint, tmp_path: Path) -> None:
    root = shutil.copytree(PROGRAM, tmp_path / "classes")
    run = lint("--format", "json", root, cwd=tmp_path)
    assert run.code == 1
    assert _found(run) == EXPECTED


HEAD = """\
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
const ws = new aws.apigatewayv2.Api("ws", { protocolType: "WEBSOCKET" });
const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
"""
# 29_500 is out of range on a WebSocket API only: each program reports APIGW030 when its
# `api` is known to be `ws`.
USE = """\
        new aws.apigatewayv2.Integration("i", {
            apiId: %s.id,
            integrationType: "HTTP_PROXY",
            integrationMethod: "ANY",
            integrationUri: "https://example.com",
            timeoutMilliseconds: 29_500,
        });
"""
CASES = {
    # proven: a constructor's assignment, a parameter property, `this` in an arrow function
    "assigned": ("class C {\n    api: aws.apigatewayv2.Api;\n    constructor() {\n"
                 "        this.api = ws;\n" + USE % "this.api" + "    }\n}\nnew C();\n", True),
    "parameter property": ("class C {\n    constructor(private readonly api: aws.apigatewayv2.Api)"
                           " {\n        [1].forEach(() => {\n" + USE % "this.api"
                           + "        });\n    }\n}\nnew C(ws);\n", True),
    "destructured constant": ("const props = { api: ws, n: 1 };\nconst { api: { id } } = "
                              "{ api: props.api };\nfunction f() {\n"
                              + USE.replace("%s.id", "id") + "}\nf();\n", True),
    # not proven
    "a subclass writes it": ("class C {\n    api = ws;\n    m() {\n" + USE % "this.api"
                             + "    }\n}\nclass D extends C {\n    constructor() {\n"
                             "        super();\n        this.api = http;\n    }\n}\n"
                             "new D().m();\n", False),
    "written from outside": ("class C {\n    api = ws;\n    m() {\n" + USE % "this.api"
                             + "    }\n}\nconst c = new C();\nc.api = http;\nc.m();\n", False),
    "static method": ("class C {\n    static api = ws;\n    static m() {\n" + USE % "this.api"
                      + "    }\n}\nC.m();\n", False),
    "constructor returns early": ("class C {\n    api: aws.apigatewayv2.Api;\n"
                                  "    constructor(x: boolean) {\n        if (x) { return; }\n"
                                  "        this.api = ws;\n        this.m();\n    }\n"
                                  "    m() {\n" + USE % "this.api" + "    }\n}\nnew C(true);\n",
                                  False),
    "callers disagree": ("function f({ api }: { api: aws.apigatewayv2.Api }) {\n"
                         + USE % "api" + "}\nf({ api: ws });\nf({ api: http });\n", False),
    "a caller's object is open": ("declare const more: object;\n"
                                  "function f({ api }: { api: aws.apigatewayv2.Api }) {\n"
                                  + USE % "api" + "}\nf({ api: ws, ...more });\n", False),
    "a method passed as a callback": ("class C {\n    constructor() {\n        this.m(ws);\n"
                                      "        [http].forEach(this.m);\n    }\n"
                                      "    m(api: aws.apigatewayv2.Api) {\n" + USE % "api"
                                      + "    }\n}\nnew C();\n", False),
    "destructuring assignment rebinds": ("let { api } = { api: ws };\n({ api } = { api: http });\n"
                                         "function f() {\n" + USE % "api" + "}\nf();\n", False),
}


def test_what_is_proven_and_what_is_not(lint, tmp_path: Path) -> None:
    for i, (name, (body, proven)) in enumerate(CASES.items()):
        write(tmp_path / str(i), {"index.ts": HEAD + body})
    run = lint("--format", "json", tmp_path, cwd=tmp_path)
    assert run.code == 1 and "Traceback" not in run.stderr, run.stderr
    got = {int(Path(f["path"]).parent.name) for f in run.json if f["rule"] == "APIGW030"}
    assert {name for i, name in enumerate(CASES) if i in got} == \
        {name for name, (_, proven) in CASES.items() if proven}
