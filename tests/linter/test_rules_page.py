"""docs/rules.md as a user reads it: each rule's code blocks, taken from the rendered page by
their fence language, pasted into a Pulumi program with the Api and the resources the block's
comments state, and linted by the installed CLI. A "Use instead" block reports nothing at all; an
"Example" block reports exactly the findings the catalogue states for it (its rule at each
property it names, and its stated overlaps). One process lints every block (a folder each)."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from render_python import Code, py, related, siblings, where

from apigw_lint.rules import LINTER, RULES, Example
from apigw_lint.rules.model import format_path

from .conftest import EXECUTABLE

PAGE = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
NAME = "example"
SECTION = re.compile(r"^## (APIGW\d{3})\n(.*?)(?=^## |\Z)", re.M | re.S)
BLOCK = re.compile(r"^```(\w+)\n(.*?)\n```$", re.M | re.S)
APIS = {"an HTTP API": 'api = aws.apigatewayv2.Api("api", protocol_type="HTTP")',
        "a WebSocket API": 'api = aws.apigatewayv2.Api("api", protocol_type="WEBSOCKET")',
        "an API that cannot be resolved":
            'api = aws.apigatewayv2.Api.get("api", pulumi.Config().require("apiId"))'}
# what each context comment of a block asks the user to write, as a context (CONTEXT_KEYS)
CONTEXT = [
    (r"integration_uri = fn\.invoke_arn of an aws\.lambda_\.Function", lambda m: {"uri_from": "lambda"}),
    (r"integration_uri = fn\.arn of an aws\.lambda_\.Function", lambda m: {"uri_from": "lambda_arn"}),
    (r"integration_uri = listener\.arn of an aws\.lb\.Listener", lambda m: {"uri_from": "listener"}),
    (r"integration_uri = lb\.arn of an aws\.lb\.LoadBalancer",
     lambda m: {"uri_from": "load_balancer"}),
    (r'integration_uri = endpoint\.dns_entries\.apply\(lambda e: "(.*)" \+ e\[0\]\["dns_name"\]\) '
     r"of an aws\.ec2\.VpcEndpoint", lambda m: {"uri_prefix": m[1]}),
    (r"connection_id = link\.id of an aws\.apigateway\.VpcLink \(REST, v1\)",
     lambda m: {"vpc_link": "v1"}),
    (r"connection_id = link\.id of an aws\.apigatewayv2\.VpcLink \(v2\)", lambda m: {"vpc_link": "v2"}),
    (r"(no|a) Permission lets apigateway\.amazonaws\.com invoke it",
     lambda m: {"lambda_permission": m[1] == "a"}),
    (r"StateMachineArn = the arn of an aws\.sfn\.StateMachine of type (\w+)",
     lambda m: {"state_machine": m[1]}),
    (r"the API has (\d+) other integrations", lambda m: {"siblings": int(m[1])}),
]
BEFORE = "deployed before with "  # a change to an earlier deployment: tests/linter/test_examples.py


def code_blocks(section: str, heading: str) -> list[tuple[str, str]]:
    """(fence language, code) of each block under '### heading' in a rule's section."""
    part = section.split(f"\n### {heading}\n", 1)[1].split("\n### ", 1)[0]
    return BLOCK.findall(part)


def program(block: str) -> str:
    """The block pasted into a program: the imports, the Api its `# api:` line names, the
    resources its other comments name (the integration reads their outputs), then the block."""
    lines = block.splitlines()
    comments = [line[2:] for line in lines if line.startswith("# ")]
    api = next(c for c in comments if c.startswith("api: "))[len("api: "):]
    context: dict[str, Any] = {"lambda_permission": False}  # a Permission only where it says so
    for comment in comments[comments.index(f"api: {api}") + 1:]:
        found = [make(m) for pattern, make in CONTEXT if (m := re.fullmatch(pattern, comment))]
        assert len(found) == 1, f"a comment the test cannot paste: {comment!r}"
        context.update(found[0])
    kwargs: dict[str, Any] = {}
    setup = related(context, kwargs)
    for key, value in kwargs.items():
        opening = f"    {key}={{"
        if opening in block:  # a key added to a dict the block writes
            extra = ", ".join(f"{py(k)}: {py(v)}" for k, v in value.items())
            block = block.replace(opening, f"{opening}{extra}, ", 1)
        else:
            assert block.endswith("\n)")
            block = f"{block[:-2]}\n    {key}={py(value)},\n)"
    return "\n".join(["import pulumi", "import pulumi_aws as aws", "", APIS[api], *setup, block,
                      *siblings(context, Code("api.id"))]) + "\n"


def _cases() -> list[Any]:
    sections = dict(SECTION.findall(PAGE.read_text("utf-8")))
    assert list(sections) == list(RULES)
    cases = []
    for rule_id, section in sections.items():
        r = RULES[rule_id]
        if r.check is None or LINTER not in r.engines:
            continue  # a file rule's blocks are files (tests/linter/test_not_checked.py)
        for kind, heading, examples in (("invalid", "Example", r.invalid),
                                        ("valid", "Use instead", r.valid)):
            blocks = [code for fence, code in code_blocks(section, heading) if fence == "python"]
            assert len(blocks) == len(examples), (rule_id, heading)  # the page's order is the catalogue's
            for i, (block, example) in enumerate(zip(blocks, examples)):
                if LINTER in example.engines and BEFORE not in block:
                    cases.append(pytest.param(rule_id, kind, block, example,
                                              id=f"{rule_id}-{kind}-{i}"))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("page")
    for case in CASES:
        folder = root / case.id
        folder.mkdir()
        (folder / "Pulumi.yaml").write_text(f"name: {case.id.lower()}\nruntime: python\n")
        (folder / "__main__.py").write_text(program(case.values[2]))
    p = subprocess.run([str(EXECUTABLE), "--format", "json", str(root)], capture_output=True,
                       text=True, timeout=600)
    assert p.returncode in (0, 1) and "error" not in p.stderr, p.stderr
    out: dict[str, list[dict[str, Any]]] = {}
    for f in json.loads(p.stdout):
        out.setdefault(Path(f["path"]).parent.name, []).append(f)
    return out


def test_every_rule_with_a_check_has_blocks_to_paste() -> None:
    """All but APIGW044, whose blocks are changes to an earlier deployment (`--base`)."""
    pasted = {case.values[0] for case in CASES}
    assert pasted == {r.id for r in RULES.values()
                      if r.check is not None and LINTER in r.engines} - {"APIGW044"}


@pytest.mark.parametrize("rule_id, kind, block, example", CASES)
def test_a_pasted_block(findings: dict[str, list[dict[str, Any]]], rule_id: str, kind: str,
                        block: str, example: Example, request: pytest.FixtureRequest) -> None:
    found = [f for f in findings.get(request.node.callspec.id, []) if f["resource"] == NAME]
    expected = {rule_id, *example.also} if kind == "invalid" else set()
    assert {f["rule"] for f in found} == {r for r in expected if LINTER in RULES[r].engines}, found
    # each finding of the rule where the catalogue says: at the keyword (or dict key) in the
    # pasted program, or for an item of a list by its property path
    mine = [f for f in found if f["rule"] == rule_id]
    source = program(block)
    listed = [p for p in example.paths if any(isinstance(x, int) for x in p)]
    assert sorted(f["property"] for f in mine if re.search(r"\[\d+\]", f["property"])) == \
        sorted(format_path(p) for p in listed)
    assert sorted((f["line"], f["column"]) for f in mine if not re.search(r"\[\d+\]", f["property"])) \
        == sorted(where(source, p) for p in example.paths if p not in listed)
