"""Property-based: arbitrary TypeScript-ish programs, generated from the constructs the front end
reads (import styles, consts and reassigned lets, template literals and `+`, objects with
spreads, computed keys and shorthands, `as`/`satisfies`/`!`, helper functions with plain and
destructured parameters, component classes with `this` fields and methods, loops, arrow
functions, `pulumi.interpolate`, `.repeat`) plus junk spliced in anywhere, never make the
linter raise, and give the same output twice (as tests/linter/test_hostile.py does for Python and
YAML). In process: the process boundary adds nothing here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from apigw_lint.linter.lint import Result, lint as lint_in_process
from apigw_lint.rules import aws

from .conftest import pulumi_yaml

IMPORTS = st.sampled_from([
    'import * as aws from "@pulumi/aws";',
    'import { apigatewayv2 } from "@pulumi/aws";\nconst aws = { apigatewayv2 };',
    'const aws = require("@pulumi/aws");',
    'import aws = require("@pulumi/aws");',
    'import * as aws from "@pulumi/aws/apigatewayv2";',  # the wrong module: nothing resolves
])
NAMES = st.sampled_from(["api.id", "ws.id", "fn.arn", "fn.invokeArn", "cfg.require('x')", "FOO",
                         "param", "api", "fn", "this.api.id", "this.timeout", "props.api.id",
                         "picked", "undefined", "null", "x.y.z", "f(x)", "[...more]", "more!",
                         "(FOO as any)", "(FOO satisfies number)", "<number>FOO"])
LITERALS = st.recursive(
    st.one_of(st.none().map(lambda _: "null"), st.booleans().map(str).map(str.lower),
              st.integers(-10**12, 10**12).map(str),
              st.sampled_from(["30_000", "0x10", "1e5", ".5", "-0", "NaN", "Infinity"]),
              st.sampled_from([*aws.INTEGRATION_TYPES, *aws.SUBTYPES, "POST", "2.0", "VPC_LINK",
                               "WHEN_NO_MATCH", "arn:aws:lambda:us-east-1:1:function:f",
                               "https://x.example", "$request.body.x"]).map(lambda s: f'"{s}"'),
              st.text(max_size=8).map(lambda s: '"' + s.replace("\\", "").replace('"', "")
                                      .replace("\n", "") + '"')) | NAMES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: f"[{', '.join(xs)}]"),
        st.dictionaries(st.sampled_from(["a", "api", "fn", "[FOO]", '"k"', "...more"]), inner,
                        max_size=3).map(lambda d: "{ " + ", ".join(
                            k if k.startswith("...") else f"{k}: {v}" for k, v in d.items())
                            + " }"),
        st.tuples(inner, st.sampled_from(["+", "*", "??", "||", "&&", "-"]), inner)
        .map(" ".join),
        st.tuples(inner, inner).map(lambda t: f"x ? {t[0]} : {t[1]}"),
        inner.map(lambda v: f"`a${{{v}}}b`"),
        inner.map(lambda v: f"pulumi.interpolate`https://${{{v}}}/x`"),
        inner.map(lambda v: f"{v}.repeat(3)"),
        inner.map(lambda v: f"JSON.stringify({v})"),
        inner.map(lambda v: f"({v})!")),
    max_leaves=8)
KEYS = st.sampled_from([*aws.PROPERTIES, "intergrationType", "timeout_milliseconds", "x"])
CALLS = st.sampled_from([
    "new aws.apigatewayv2.Integration({name}, {args});",
    "new aws.apigatewayv2.Integration({name}, {{ ...base, ...{args} }});",
    "function make(param: any, {{ api, fn }}: any) {{\n"
    "    return new aws.apigatewayv2.Integration({name}, {args});\n}}\n"
    "make(FOO, {{ api, fn }});\nmake(1, {{ api: ws, fn }});",
    "const arrow = (param = FOO) => new aws.apigatewayv2.Integration({name}, {args});\narrow();",
    "for (const param of [1, 2]) {{\n    new aws.apigatewayv2.Integration({name}, {args});\n}}",
    "class C extends pulumi.ComponentResource {{\n    api = api;\n    timeout: number;\n"
    "    constructor(param: any, private readonly fn: any) {{\n        super('c', 'c');\n"
    "        this.timeout = FOO;\n        this.make(param);\n    }}\n"
    "    make(param: any) {{\n        new aws.apigatewayv2.Integration({name}, {args});\n    }}\n}}\n"
    "new C(FOO, fn);",
])
JUNK = st.sampled_from(["", "{", "}", ")", "(", "`", "${", "/*", "*/", "//", "'", '"', "<T>",
                        "=>", "...", "\x00", "\ufeff", "class", "new", "this.", "!", ";;"])


@st.composite
def programs(draw: Any) -> str:
    lines = [draw(IMPORTS), 'import * as pulumi from "@pulumi/pulumi";',
             "const cfg = new pulumi.Config();",
             f"const api = new aws.apigatewayv2.Api('a', {{ protocolType: {draw(LITERALS)} }});",
             "const ws = new aws.apigatewayv2.Api('w', { protocolType: 'WEBSOCKET' });",
             "const fn = new aws.lambda.Function('f', { role: 'r' });",
             f"const FOO = {draw(LITERALS)};", f"let more = {draw(LITERALS)};",
             f"const base = {{ apiId: {draw(LITERALS)} }};",
             f"const props = {{ api: {draw(NAMES)} }};", "const { api: picked } = props;"]
    if draw(st.booleans()):
        lines.append(f"more = {draw(LITERALS)};")
    for i in range(draw(st.integers(1, 3))):
        args = "{ " + ", ".join(f"{k}: {draw(LITERALS)}" for k in
                                draw(st.lists(KEYS, max_size=6, unique=True))) + " }"
        name = draw(st.sampled_from([f'"i{i}"', f"`i{i}-${{param}}`", "FOO"]))
        lines.append(draw(CALLS).format(name=name, args=args))
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):  # junk spliced in anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(JUNK) + text[at:]
    return text


def _outcome(result: Result) -> list[Any]:
    return [(r.path, r.line, r.column, r.finding) for r in result.reports] + result.diagnostics


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(source=programs())
def test_arbitrary_typescript_programs(tmp_path: Path, source: str) -> None:
    (tmp_path / "Pulumi.yaml").write_text(pulumi_yaml)
    (tmp_path / "index.ts").write_text(source)
    first = lint_in_process([tmp_path])
    assert not first.failed, first.diagnostics
    assert not [d for d in first.diagnostics if "internal error" in d], first.diagnostics
    assert _outcome(lint_in_process([tmp_path])) == _outcome(first)
