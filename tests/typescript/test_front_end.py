"""The TypeScript front end's parts: discovery, import styles, values, bad input, positions,
reasons for --show-skipped, fixes and comments."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from apigw_lint import rules
from apigw_lint.linter.sitter_found import Found, NotCheckable
from apigw_lint.linter.skipped import entries
from apigw_lint.linter.typescript import codemod
from apigw_lint.linter.typescript.parse import comments, parse
from apigw_lint.linter.typescript.project import program_files, programs

from .conftest import findings, integrations, write

HTTP = 'const api = new aws.apigatewayv2.Api("api", { protocolType: "HTTP" });\n'
TIMEOUT = '{ apiId: api.id, integrationType: "HTTP_PROXY", integrationMethod: "ANY", ' \
          'integrationUri: "https://example.com", timeoutMilliseconds: 31_000 }'


def test_programs_and_files(tmp_path: Path) -> None:
    write(tmp_path / "a", {"index.ts": "", "lib/x.mjs": "", "lib/y.cjs": "", "z.js": "",
                           "w.tsx": "", "types.d.ts": "", "node_modules/p/i.js": "",
                           "bin/i.js": "", "dist/i.js": "", "notes.md": ""})
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Pulumi.yaml").write_text("name: b\nruntime:\n  name: nodejs\n")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "Pulumi.yaml").write_text("name: c\nruntime: python\n")
    assert programs(tmp_path) == [tmp_path / "a", tmp_path / "b"]
    assert [p.relative_to(tmp_path / "a").as_posix() for p in program_files(tmp_path / "a")] \
        == ["index.ts", "w.tsx", "z.js", "lib/x.mjs", "lib/y.cjs"]


@pytest.mark.parametrize("head, cls", [
    ('import * as aws from "@pulumi/aws";', "aws.apigatewayv2.Integration"),
    ('import * as cloud from "@pulumi/aws";', "cloud.apigatewayv2.Integration"),
    ('import aws from "@pulumi/aws";', "aws.apigatewayv2.Integration"),
    ('import { apigatewayv2 as v2 } from "@pulumi/aws";', "v2.Integration"),
    ('import { Integration as I } from "@pulumi/aws/apigatewayv2";', "I"),
    ('const aws = require("@pulumi/aws");', "aws.apigatewayv2.Integration"),
    ('const { apigatewayv2 } = require("@pulumi/aws");', "apigatewayv2.Integration"),
    ('import aws = require("@pulumi/aws");', "aws.apigatewayv2.Integration"),
])
def test_import_styles(tmp_path: Path, head: str, cls: str) -> None:
    api = 'import { Api } from "@pulumi/aws/apigatewayv2";\n' \
          'const api = new Api("api", { protocolType: "HTTP" });\n'
    call = f'new {cls}("i", {TIMEOUT});'
    write(tmp_path, {"index.ts": f"{head}\n{api}{call}\n"})
    column = call.index("timeoutMilliseconds") + 1
    assert findings(tmp_path) == [("i", "APIGW030", "timeoutMilliseconds", 4, column)]


def test_not_aws(tmp_path: Path) -> None:
    """Another package's Integration, or a local class of that name, is not one."""
    write(tmp_path, {"index.ts": 'import * as aws from "./aws";\nclass Integration {}\n'
                                 'new aws.apigatewayv2.Integration("a", {intergrationType: 1});\n'
                                 'new Integration("b", {intergrationType: 1});\n',
                     "aws.ts": "export const apigatewayv2 = {};\n"})
    assert integrations(tmp_path) == []


@pytest.mark.parametrize("value, expected", [
    ("31_000", [31000]), ("30 * 1000 + 1", [30001]), ("0x7918", [31000]),
    ("cond ? 31000 : 40000", [31000]), ("t", [31000]), ("T.t", [31000]),
    ("(31000 as number)", [31000]), ("<number>31000", [31000]), ("31000!", [31000]),
    ("Number(x)", []), ("cfg.requireNumber('t')", []), ("reassigned", []), ("param", []),
])
def test_values(tmp_path: Path, value: str, expected: list[int]) -> None:
    """Known values report APIGW030 on a 31000 ms timeout; unknown ones are silent."""
    write(tmp_path, {"index.ts": f"""import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as T from "./t";
const cfg = new pulumi.Config();
const cond = true;
const t = 31_000;
let reassigned = 31_000;
reassigned += 1;
{HTTP}function make(param: number) {{
    new aws.apigatewayv2.Integration("i", {{ apiId: api.id, integrationType: "HTTP_PROXY",
        integrationMethod: "ANY", integrationUri: "https://example.com",
        timeoutMilliseconds: {value} }});
}}
make(31000);
make(31001);
""", "t.ts": "export const t = 31_000;\n"})
    got = [f for f in findings(tmp_path) if f[1] == "APIGW030"]
    assert [f[3:] for f in got] == [(13, 9)] * len(expected)


def test_strings_and_shapes(tmp_path: Path) -> None:
    write(tmp_path, {"index.ts": f"""import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
{HTTP}const fn = new aws.lambda.CallbackFunction("cb", {{ callback: async () => ({{}}) }});
const host = "example.com";
const proxy = {{ integrationType: "HTTP_PROXY", integrationMethod: "ANY" }};
new aws.apigatewayv2.Integration("arn", {{ apiId: api.id, ...proxy, integrationUri: fn.arn }});
new aws.apigatewayv2.Integration("concat", {{ apiId: api.id, ...proxy,
    integrationUri: pulumi.concat("arn:aws:states:", fn.name) }});
new aws.apigatewayv2.Integration("url", {{ apiId: api.id, ...proxy,
    integrationUri: "https://" + host + `/${{"x"}}\\u0041`, description: 'it\\'s' }});
new aws.apigatewayv2.Integration("secret", {{ apiId: api.id, ...proxy,
    integrationUri: pulumi.secret("ftp://x") }});
"""})
    found = {f.resource: f for f in integrations(tmp_path)}
    assert found["url"].model.props["integrationUri"] == "https://example.com/xA"
    assert found["url"].model.props["description"] == "it's"
    assert found["secret"].model.secret == {"integrationUri"}
    assert findings(tmp_path) == [
        ("arn", "APIGW017", "integrationUri", 7, 68),
        ("concat", "APIGW017", "integrationUri", 9, 5),
        ("secret", "APIGW017", "integrationUri", 13, 5)]


def test_not_checkable_inside_a_syntax_error(tmp_path: Path) -> None:
    write(tmp_path, {"index.ts": f"""import * as aws from "@pulumi/aws";
{HTTP}new aws.apigatewayv2.Integration("fine", {TIMEOUT});
new aws.apigatewayv2.Integration("broken", {{ apiId: api.id timeoutMilliseconds: 99 }});
""", "bad.js": b"\xff apigatewayv2 Integration"})
    assert findings(tmp_path) == [
        (None, "APIGW999", "bad.js", 1, 1),
        ("fine", "APIGW030", "timeoutMilliseconds", 3, 155),
        (None, "APIGW999", "index.ts", 4, 60)]
    bad = [f for f in integrations(tmp_path) if isinstance(f, NotCheckable)]
    assert sorted(b.reason for b in bad) == ["1:1: not UTF-8: byte 0xff (invalid start byte)",
                                             "4:60: syntax error"]


@pytest.mark.parametrize("content", [
    b"(" * 200_000 + b"1",  # deeply nested
    b"x = [" * 90_000,  # unclosed, deep
    b"var a=1;" + b"function f(){return g(h(1),i(2))};" * 25_000,  # minified
    b"const t = " + b"+".join([b"1"] * 2_000) + b";\n",  # a long expression
])
def test_hostile_input(tmp_path: Path, content: bytes) -> None:
    write(tmp_path, {"index.js": content + b'\nconst aws = require("@pulumi/aws");\n'
                     b'new aws.apigatewayv2.Integration("i", {timeoutMilliseconds: t});\n'})
    start = time.monotonic()
    out = integrations(tmp_path)
    assert time.monotonic() - start < 20
    assert all(isinstance(f, (Found, NotCheckable)) for f in out) and out


def test_locate_fix_and_reasons(tmp_path: Path) -> None:
    source = f"""import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
{HTTP}const cfg = new pulumi.Config();
new aws.apigatewayv2.Integration("i", {{
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: cfg.require("fn"),
    passthroughBehavior: "NEVER",
    intergrationSubtype: "x",
    timeoutMilliseconds: cfg.requireNumber("timeout"),
}});
"""
    write(tmp_path, {"index.ts": source})
    [found] = integrations(tmp_path)
    assert isinstance(found, Found)
    assert (found.resource, found.api, found.api_aliased, found.lines) == ("i", "api", False,
                                                                          (5, 12))
    result = rules.run(found.model, engine=rules.LINTER, skipped=(skips := []))
    by_rule = {f.rule: f for f in result}
    assert sorted(by_rule) == ["APIGW012", "APIGW039", "APIGW048"]
    assert found.locate(("passthroughBehavior",)) == ((9, 5), (9, 33))
    assert found.locate(()) == ((5, 1), (12, 3))
    fixes = [found.fix(f) for f in result]
    fixed, count = codemod.apply(source.encode(), [f for f in fixes if f])
    assert count == sum(1 for f in fixes if f) == 2 and codemod.parse_error(fixed, Path("index.ts")) is None
    assert b"passthroughBehavior" not in fixed and b"    integrationSubtype: \"x\",\n" in fixed
    why = {s.rule: dict(s.why) for s in entries(skips, found.reasons, found.path, found.start,
                                                 found.resource)}
    assert why["APIGW030"] == {"timeoutMilliseconds": "config value 'timeout'"}


def test_comments() -> None:
    data = b'const a = 1; // apigw-lint: ignore[APIGW030]\n  /* x */\n'
    assert list(comments(data, parse(data, Path("a.ts")))) == [
        (1, 13, "// apigw-lint: ignore[APIGW030]", False), (2, 2, "/* x */", True)]
