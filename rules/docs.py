"""Rule documentation from the catalogue: `apigw-lint rule ID`, `rules --format json`, docs/rules.md.
Sections follow Ruff's rule pages: what it does, why, example, use instead, references. Each
example is shown as a Python call and as a TypeScript one (camelCase, as YAML writes it too)."""
from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from . import aws
from .catalogue import RULES, Example, Rule, Situation

_NESTED = {**aws.RESPONSE_PARAMETER_FIELDS, **aws.TLS_CONFIG_FIELDS}
_CONTEXT_TEXT = {
    "uri_from": {"lambda": "integration_uri = fn.invoke_arn of an aws.lambda_.Function",
                 "lambda_arn": "integration_uri = fn.arn of an aws.lambda_.Function",
                 "listener": "integration_uri = listener.arn of an aws.lb.Listener",
                 "load_balancer": "integration_uri = lb.arn of an aws.lb.LoadBalancer"},
    "vpc_link": {"v1": "connection_id = link.id of an aws.apigateway.VpcLink (REST, v1)",
                 "v2": "connection_id = link.id of an aws.apigatewayv2.VpcLink (v2)"},
}
_CONTEXT_TYPESCRIPT = {
    "uri_from": {"lambda": "integrationUri: fn.invokeArn of an aws.lambda.Function",
                 "lambda_arn": "integrationUri: fn.arn of an aws.lambda.Function",
                 "listener": "integrationUri: listener.arn of an aws.lb.Listener",
                 "load_balancer": "integrationUri: lb.arn of an aws.lb.LoadBalancer"},
    "vpc_link": {"v1": "connectionId: link.id of an aws.apigateway.VpcLink (REST, v1)",
                 "v2": "connectionId: link.id of an aws.apigatewayv2.VpcLink (v2)"},
}


def _python_value(value: Any, nested: bool = False) -> str:
    """A Python literal; with nested, dict keys are schema fields to snake-case."""
    if isinstance(value, dict):
        items = ", ".join(f"{_python_value(_NESTED.get(k, k) if nested else k)}: "
                          f"{_python_value(v, nested)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_python_value(v, nested) for v in value) + "]"
    if isinstance(value, str) and len(value) > 90:
        run = max(re.finditer(r"(.)\1*", value, re.S), key=lambda m: len(m.group()))
        if len(run.group()) > 20:  # "x" * 1025: exact, and short enough to read
            parts = [repr(value[:run.start()])] * bool(run.start()) + [
                f"{run.group(1)!r} * {len(run.group())}"] + \
                [repr(value[run.end():])] * bool(value[run.end():])
            return " + ".join(parts)
    return repr(value)  # never cut: an example pasted into a program must be what it says


def _typescript_value(value: Any) -> str:
    """A TypeScript literal (JSON, with long runs of one character as `.repeat`)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k if k.isidentifier() else json.dumps(k)}: "
                                f"{_typescript_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_typescript_value(v) for v in value) + "]"
    if isinstance(value, str) and len(value) > 90:
        run = max(re.finditer(r"(.)\1*", value, re.S), key=lambda m: len(m.group()))
        if len(run.group()) > 20:
            parts = [json.dumps(value[:run.start()])] * bool(run.start()) + [
                f"{json.dumps(run.group(1))}.repeat({len(run.group())})"] + \
                [json.dumps(value[run.end():])] * bool(value[run.end():])
            return " + ".join(parts)
    return json.dumps(value)  # bool, None (null), numbers and strings as JSON writes them


def _context_lines(example: Example, typescript: bool = False) -> list[str]:
    out = []
    texts = _CONTEXT_TYPESCRIPT if typescript else _CONTEXT_TEXT
    for key, value in example.context.items():
        if key in texts:
            out.append(texts[key][value])
        elif key == "uri_prefix" and typescript:
            out.append(f'integrationUri: endpoint.dnsEntries.apply(e => "{value}" + '
                       'e[0].dnsName) of an aws.ec2.VpcEndpoint')
        elif key == "uri_prefix":
            out.append(f'integration_uri = endpoint.dns_entries.apply(lambda e: "{value}" + '
                       'e[0]["dns_name"]) of an aws.ec2.VpcEndpoint')
        elif key == "lambda_permission":
            out.append("a Permission lets apigateway.amazonaws.com invoke it" if value
                       else "no Permission lets apigateway.amazonaws.com invoke it")
        elif key == "state_machine":
            out.append(f"StateMachineArn = the arn of an aws.sfn.StateMachine of type {value}")
        elif key == "previous":
            out.append("deployed before with " + ", ".join(f"{k}={v}" for k, v in value.items()))
        elif key == "siblings":
            out.append(f"the API has {value} other integrations")
    return out


def _api(example: Example) -> str:
    return {aws.HTTP: "an HTTP API", aws.WEBSOCKET: "a WebSocket API"}.get(
        example.protocol or "", "an API that cannot be resolved")


def example_typescript(example: Example) -> str:
    """The example as a TypeScript (or JavaScript) Pulumi call, with its context as comments."""
    lines = [f"// {line}" for line in ([example.title] if example.title else []) + [
        f"api: {_api(example)}"] + _context_lines(example, typescript=True)]
    args = ["    apiId: api.id,"] + [f"    {key}: {_typescript_value(value)},"
                                     for key, value in example.props.items()]
    return "\n".join(lines + ['new aws.apigatewayv2.Integration("example", {'] + args + ["});"])


def example_source(example: Example) -> str:
    """The example as a Python Pulumi call, with its context as comments."""
    lines = [f"# api: {_api(example)}"] + [f"# {line}" for line in _context_lines(example)]
    if example.title:
        lines.insert(0, f"# {example.title}")
    args = ["    api_id=api.id,"]
    for key, value in example.props.items():
        name = aws.PROPERTIES.get(key) or "".join("_" + c.lower() if c.isupper() else c for c in key)
        nested = key in ("responseParameters", "tlsConfig")
        args.append(f"    {name}={_python_value(value, nested)},")
    return "\n".join(lines + ['aws.apigatewayv2.Integration("example",'] + args + [")"])


def situation_text(s: Situation) -> str:
    """A file rule's example: the file (bytes that are not UTF-8 escaped) and what is reported."""
    return "\n".join([f"# {s.title}", f"# {s.file}:",
                      s.content.decode("utf-8", "backslashreplace").rstrip("\n"),
                      f"# apigw-lint {s.file}", f"# {s.reported}"])


def _examples(r: Rule, render: Any = example_source) -> tuple[list[str], list[str]]:
    """The rule's examples as text: (invalid, valid). A file rule has situations, no valid."""
    if r.check is None:
        return [situation_text(s) for s in r.situations] if render is example_source else [], []
    return [render(e) for e in r.invalid], [render(e) for e in r.valid]


def _pair(r: Rule, render: Any = example_source) -> tuple[list[str], list[str]]:
    """The example and the "use instead" shown on a rule's page: the first invalid example and
    the first valid one for the same protocol (a WebSocket mistake is not fixed by an HTTP API)."""
    invalid, valid = _examples(r, render)
    if r.check is None or not r.valid:
        return invalid[:1], valid[:1]
    protocol = r.invalid[0].protocol
    same = [text for e, text in zip(r.valid, valid) if e.protocol == protocol]
    return invalid[:1], (same or valid)[:1]


def as_text(r: Rule) -> str:
    invalid, valid = _pair(r)
    ts_invalid, ts_valid = _pair(r, example_typescript)
    parts = [f"{r.id} ({r.name}) [{r.severity}]", r.title, "",
             "What it does", _wrap(r.summary), "",
             "Why is this bad", _wrap(r.rationale), "",
             "Example"] + [_indent(e) for e in invalid] + (
             ["", "  In TypeScript:"] + [_indent(e) for e in ts_invalid] if ts_invalid else []) + (
             ["", "Use instead"] + [_indent(e) for e in valid] +
             ["", "  In TypeScript:"] + [_indent(e) for e in ts_valid] if valid else []) + [
             "", "Fix", _wrap(r.fix), "",
             "Runs in", "  " + ", ".join(r.engines), "",
             "References"] + [f"  {s}" for s in r.sources]
    return "\n".join(parts)


def as_json(r: Rule) -> dict[str, Any]:
    def ex(e: Example) -> dict[str, Any]:
        return {"title": e.title, "protocol": e.protocol, "props": e.props,
                "context": e.context, "engines": list(e.engines), "source": example_source(e),
                "typescript": example_typescript(e)}
    out = {"id": r.id, "name": r.name, "title": r.title, "severity": r.severity,
           "engines": list(r.engines), "summary": r.summary, "rationale": r.rationale,
           "sources": list(r.sources), "fix": r.fix, "options": dict(r.options),
           "examples": {"valid": [ex(e) for e in r.valid], "invalid": [ex(e) for e in r.invalid]}}
    if r.check is None:  # a file rule: its examples are files
        out["situations"] = [{"title": s.title, "file": s.file,
                              "content": s.content.decode("utf-8", "backslashreplace"),
                              "reported": s.reported} for s in r.situations]
    return out


def as_markdown() -> str:
    out = ["# apigw-lint rules", "",
           "Generated from the catalogue in `rules/` by `apigw-lint rules --format markdown`; do "
           "not edit by hand.", "",
           "| id | name | severity | engines | title |", "|---|---|---|---|---|"]
    out += [f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.severity} | {', '.join(r.engines)} "
            f"| {r.title} |" for r in RULES.values()]
    for r in RULES.values():
        out += ["", f"## {r.id}", "", rule_markdown(r)]
    return "\n".join(out) + "\n"


def rule_markdown(r: Rule) -> str:
    """One rule's section of docs/rules.md, below its heading (also the SARIF rule's help)."""
    invalid, valid = _examples(r)
    out = [f"**{r.title}** (`{r.name}`, {r.severity}, runs in {', '.join(r.engines)})", "",
           "### What it does", "", r.summary, "", "### Why is this bad", "", r.rationale, "",
           "### Example", ""]
    ts_invalid, ts_valid = _examples(r, example_typescript)
    fence = "text" if r.check is None else "python"  # a file rule's examples are files
    out += [f"```{fence}\n{e}\n```" for e in invalid]
    out += [f"In TypeScript:\n\n```typescript\n{e}\n```" for e in ts_invalid]
    if valid:
        out += ["", "### Use instead", ""]
        out += [f"```python\n{e}\n```" for e in valid]
        out += [f"In TypeScript:\n\n```typescript\n{e}\n```" for e in ts_valid]
    out += ["", "### Fix", "", r.fix, "", "### References", ""]
    out += [f"- <{s}>" for s in r.sources]
    return "\n".join(out)


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=98, initial_indent="  ", subsequent_indent="  ")


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
