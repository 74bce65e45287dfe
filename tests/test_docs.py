"""docs/rules.md is generated from the catalogue; this fails when it is stale."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from apigw_lint.rules import RULES, Example, aws, docs
from apigw_lint.rules.catalogue import run

REPO = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("apigw-lint")


def test_rules_page_is_current():
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == docs.as_markdown(), \
        "regenerate it: apigw-lint rules --format markdown > docs/rules.md"


def test_rules_json_lists_the_whole_catalogue():
    out = subprocess.run([str(CLI), "rules", "--format", "json"], check=True, capture_output=True,
                         text=True).stdout
    rules = json.loads(out)
    assert [r["id"] for r in rules] == list(RULES)
    for r in rules:
        for key in ("name", "title", "severity", "engines", "sources", "summary", "rationale", "fix"):
            assert r[key], (r["id"], key)
        if RULES[r["id"]].check is None:  # a file rule: files as examples
            assert r["situations"] == [{
                "title": s.title, "file": s.file, "reported": s.reported,
                "content": s.content.decode("utf-8", "backslashreplace")}
                for s in RULES[r["id"]].situations]
        else:
            assert r["examples"]["valid"] and r["examples"]["invalid"] and "situations" not in r


def test_rule_page_in_the_terminal():
    result = subprocess.run([str(CLI), "rule", "APIGW030"], capture_output=True, text=True)
    assert result.returncode == 0
    for section in ("What it does", "Why is this bad", "Example", "Use instead", "References",
                    "timeout_milliseconds=29001", "timeout_milliseconds=29000"):
        assert section in result.stdout
    missing = subprocess.run([str(CLI), "rule", "APIGW998"], capture_output=True, text=True)
    assert missing.returncode == 2 and not missing.stdout
    assert missing.stderr == ("apigw-lint: unknown rule 'APIGW998'; did you mean APIGW999? "
                              "(`apigw-lint rules` lists them)\n")


def test_a_file_rule_page_shows_its_files_and_what_is_reported():
    result = subprocess.run([str(CLI), "rule", "apigw-file-not-checked"], capture_output=True,
                            text=True)
    assert result.returncode == 0
    first = RULES["APIGW999"].situations[0]
    assert f"  # {first.title}\n  # {first.file}:\n" in result.stdout
    assert f"  # {first.reported}\n" in result.stdout
    assert "Use instead" not in result.stdout  # a file rule has no valid integration


def test_the_linters_own_finding_has_a_page():
    for name in ("APIGW000", "apigw-unused-ignore"):
        result = subprocess.run([str(CLI), "rule", name], capture_output=True, text=True)
        assert result.returncode == 0 and "--report-unused-ignores" in result.stdout


def _written(value, nested: dict):
    """A rendered value back in the catalogue's spelling (nested fields camelCase again)."""
    if isinstance(value, dict):
        return {nested.get(k, k): _written(v, nested) for k, v in value.items()}
    if isinstance(value, list):
        return [_written(v, nested) for v in value]
    return value


def test_every_example_on_a_rule_page_is_the_example_itself():
    """Pasted into a program, an example is exactly what the catalogue checks: valid Python whose
    every argument evaluates to the example's value (no value cut with `...`)."""
    import ast

    from apigw_lint.rules import aws

    snake_to_camel = {v: k for k, v in {**aws.RESPONSE_PARAMETER_FIELDS,
                                        **aws.TLS_CONFIG_FIELDS}.items()}
    for r in RULES.values():
        for example in (*r.valid, *r.invalid):
            call = ast.parse(docs.example_source(example)).body[0].value
            got = {k.arg: eval(compile(ast.Expression(k.value), "<doc>", "eval"), {"__builtins__": {}})
                   for k in call.keywords if k.arg != "api_id"}
            # (an argument the resource does not take, APIGW048's, is rendered as written)
            assert {aws.SNAKE_TO_CAMEL[k]: _written(v, snake_to_camel) for k, v in got.items()
                    if k in aws.SNAKE_TO_CAMEL} == \
                {k: v for k, v in example.props.items() if k in aws.PROPERTIES}, (r.id, example)


def test_a_rule_page_pairs_its_example_with_a_fix_for_the_same_protocol():
    page = subprocess.run([str(CLI), "rule", "APIGW030"], check=True, capture_output=True,
                          text=True).stdout
    example, _, rest = page.partition("Use instead")
    assert "# api: a WebSocket API" in example and "# api: a WebSocket API" in rest


def test_every_typescript_example_on_a_rule_page_is_the_example_itself(tmp_path):
    """The TypeScript rendering, read by the TypeScript front end, is the example: the same
    properties with the same values (an argument the resource does not take, as written)."""
    from apigw_lint.rules import aws
    from typescript.conftest import integrations, write

    examples = [e for r in RULES.values() for e in (*r.valid, *r.invalid)]
    for i, example in enumerate(examples):
        write(tmp_path / str(i), {"index.ts": 'import * as aws from "@pulumi/aws";\n'
                                              "declare const api: aws.apigatewayv2.Api;\n"
                                              + docs.example_typescript(example)})
    for i, example in enumerate(examples):
        [found] = integrations(tmp_path / str(i))
        model = found.model
        assert {k: v for k, v in model.props.items() if k != "apiId"} == \
            {k: v for k, v in example.props.items() if k in aws.PROPERTIES}, example
        assert set(model.extra_args) == set(example.props) - set(aws.PROPERTIES), example


# the property whose value each context key supplies (`previous`: the properties it names)
CONTEXT_PROPERTY = {"uri_from": "integrationUri", "uri_prefix": "integrationUri",
                    "lambda_permission": "integrationUri", "vpc_link": "connectionId",
                    "state_machine": "requestParameters", "siblings": "apiId"}


def _changed(before: Example, after: Example) -> set[str]:
    """The properties that differ between two examples, context included."""
    props = {k for k in {*before.props, *after.props} if before.props.get(k) != after.props.get(k)}
    for key in {*before.context, *after.context}:
        old, new = before.context.get(key), after.context.get(key)
        if old != new:
            props |= {*(old or {}), *(new or {})} if key == "previous" else {CONTEXT_PROPERTY[key]}
    return props


@pytest.mark.parametrize("rule_id", [r.id for r in RULES.values() if r.check and r.valid])
def test_use_instead_is_the_example_fixed(rule_id: str) -> None:
    """A rule page pairs its first invalid example with the first valid one on the same protocol
    (a WebSocket mistake is not fixed by an HTTP API); that one changes only what the invalid
    example's findings point at or their fix text names."""
    r = RULES[rule_id]
    invalid = r.invalid[0]
    fixed = next((e for e in r.valid if e.protocol == invalid.protocol), None)
    assert fixed is not None, f"no valid example on the protocol {invalid.protocol}"
    page = docs.as_text(r)
    for shown in (invalid, fixed):
        assert "\n".join("  " + line for line in docs.example_source(shown).splitlines()) in page
    findings = list(run(invalid.model()))
    pointed = {f.path[0] for f in findings if f.path}
    named = {k for k, snake in aws.PROPERTIES.items()
             if any(re.search(rf"\b({k}|{snake})\b", f.fix or r.fix) for f in findings)}
    assert _changed(invalid, fixed) <= pointed | named
