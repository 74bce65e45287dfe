"""Catalogue examples rendered as complete, runnable Pulumi Python programs: the Integration with
snake_case arguments, its Api, and the related resources each context key asks for."""
from __future__ import annotations

import re
from typing import Any, Mapping

from apigw_lint.rules import Example, aws

ROLE = "arn:aws:iam::123456789012:role/example"
SUBNETS = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
NESTED_ARGS = {"responseParameters": "IntegrationResponseParameterArgs",
               "tlsConfig": "IntegrationTlsConfigArgs"}
NESTED_FIELDS = {"responseParameters": aws.RESPONSE_PARAMETER_FIELDS,
                 "tlsConfig": aws.TLS_CONFIG_FIELDS}
FIELDS = {**aws.RESPONSE_PARAMETER_FIELDS, **aws.TLS_CONFIG_FIELDS}


class Code(str):
    """Source text to paste as is (an expression), not a string literal."""


def snake(name: str) -> str:
    return aws.PROPERTIES.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def py(value: Any) -> str:
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py(k)}: {py(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(py(v) for v in value) + "]"
    return repr(value)


def _nested(prop: str, value: Any) -> Any:
    """tlsConfig / responseParameters items as the SDK's Args classes when they have exactly the
    fields the class takes, else as dicts with snake_case keys (both are what authors write)."""
    fields = NESTED_FIELDS[prop]
    cls = NESTED_ARGS[prop]

    def one(item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        if set(item) == set(fields) or (prop == "tlsConfig" and set(item) <= set(fields)):
            args = ", ".join(f"{fields[k]}={py(v)}" for k, v in item.items())
            return Code(f"aws.apigatewayv2.{cls}({args})")
        return {fields.get(k, k): v for k, v in item.items()}

    return [one(i) for i in value] if isinstance(value, list) else one(value)


def render_python(example: Example, name: str = "example") -> str:
    lines = ["import pulumi", "import pulumi_aws as aws", ""]
    if example.protocol is not None:
        lines.append(f'api = aws.apigatewayv2.Api("api", protocol_type={example.protocol!r})')
        api_id = Code("api.id")
    else:
        api_id = Code('pulumi.Config().require("apiId")')
    kwargs: dict[str, Any] = {"api_id": api_id}
    for prop, value in example.props.items():
        kwargs[snake(prop)] = _nested(prop, value) if prop in NESTED_ARGS else value
    lines += related(example.context, kwargs)
    args = "".join(f"    {k}={py(v)},\n" for k, v in kwargs.items())
    lines.append(f"integration = aws.apigatewayv2.Integration(\n    {name!r},\n{args})")
    return "\n".join(lines + siblings(example.context, api_id)) + "\n"


def related(ctx: Mapping[str, Any], kwargs: dict[str, Any]) -> list[str]:
    """The resources a context asks for, created before the integration; kwargs (the
    integration's arguments, snake_case) gain the outputs it reads from them."""
    lines = []
    uri_from = ctx.get("uri_from")
    if uri_from in ("lambda", "lambda_arn"):
        lines.append('fn = aws.lambda_.Function(\n    "fn",\n    role=' + repr(ROLE) +
                     ',\n    runtime="python3.12",\n    handler="index.handler",\n'
                     '    code=pulumi.AssetArchive({"index.py": pulumi.StringAsset('
                     '"def handler(event, context):\\n    return {}\\n")}),\n)')
        if ctx.get("lambda_permission", True):
            lines.append('aws.lambda_.Permission(\n    "fn-invoke",\n    action="lambda:InvokeFunction",'
                         '\n    principal="apigateway.amazonaws.com",\n    function=fn.name,\n)')
        kwargs["integration_uri"] = Code("fn.invoke_arn" if uri_from == "lambda" else "fn.arn")
    elif uri_from in ("listener", "load_balancer"):
        lines.append(f'lb = aws.lb.LoadBalancer("lb", internal=True, load_balancer_type="application", '
                     f'subnets={SUBNETS!r})')
        if uri_from == "listener":
            lines.append(
                'listener = aws.lb.Listener(\n    "listener",\n    load_balancer_arn=lb.arn,\n'
                '    port=80,\n    default_actions=[aws.lb.ListenerDefaultActionArgs(\n'
                '        type="fixed-response",\n'
                '        fixed_response=aws.lb.ListenerDefaultActionFixedResponseArgs(\n'
                '            content_type="text/plain", status_code="200"),\n    )],\n)')
        kwargs["integration_uri"] = Code("listener.arn" if uri_from == "listener" else "lb.arn")
    if "uri_prefix" in ctx:
        lines.append('endpoint = aws.ec2.VpcEndpoint("endpoint", vpc_id="vpc-0a1b2c3d", '
                     'service_name="com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f6a7b8", '
                     'vpc_endpoint_type="Interface")')
        kwargs["integration_uri"] = Code(f'endpoint.dns_entries.apply(lambda e: '
                                         f'{ctx["uri_prefix"]!r} + e[0]["dns_name"])')
    if ctx.get("vpc_link") == "v1":
        lines.append(f'nlb = aws.lb.LoadBalancer("nlb", internal=True, load_balancer_type="network", '
                     f'subnets={SUBNETS!r})')
        lines.append('link = aws.apigateway.VpcLink("link", target_arn=nlb.arn)')
        kwargs["connection_id"] = Code("link.id")
    elif ctx.get("vpc_link") == "v2":
        lines.append(f'link = aws.apigatewayv2.VpcLink("link", security_group_ids=["sg-0a1b2c3d"], '
                     f'subnet_ids={SUBNETS!r})')
        kwargs["connection_id"] = Code("link.id")
    if "state_machine" in ctx:
        lines.append(
            f'machine = aws.sfn.StateMachine(\n    "machine",\n    role_arn={ROLE!r},\n'
            f'    definition=\'{{"StartAt": "Done", "States": {{"Done": {{"Type": "Succeed"}}}}}}\',\n'
            f'    type={ctx["state_machine"]!r},\n)')
        params = dict(kwargs.get("request_parameters") or {})
        params[aws.STATE_MACHINE_PARAMETER] = Code("machine.arn")
        kwargs["request_parameters"] = params
    return lines


def siblings(ctx: Mapping[str, Any], api_id: Any) -> list[str]:
    """The other integrations of the same API that a context asks for, after the integration."""
    return [f'aws.apigatewayv2.Integration("sibling-{i}", api_id={api_id}, '
            f'integration_type="HTTP_PROXY", integration_method="ANY", '
            f'integration_uri="https://backend.example.com/{i}")'
            for i in range(ctx.get("siblings", 0))]


def where(source: str, path: tuple[Any, ...]) -> tuple[int, int]:
    """The oracle for a finding's position, read off the rendered program: the call for an empty
    path or a property not written, else the property's keyword, then for each later part the
    n-th `...Args(` of a list, the nested field's keyword (or key), or the dict key's literal."""
    at = source.index("aws.apigatewayv2.Integration(")
    for depth, part in enumerate(path):
        if isinstance(part, int):
            for _ in range(part + 1):
                at = source.index("Args(", at) + 1
            continue
        if depth == 0:
            name = aws.PROPERTIES.get(part) or re.sub(r"([A-Z])", r"_\1", part).lower()
            if f"{name}=" not in source:
                break  # not written: the call
            needle = f"{name}="
        elif part in FIELDS:  # a nested field: an Args keyword or a dict's key
            needle = f"{FIELDS[part]}="
            needle = needle if needle in source[at:] else repr(FIELDS[part])
        else:
            needle = repr(part)
        at = source.index(needle, at)
    line = source.count("\n", 0, at) + 1
    return line, at - (source.rfind("\n", 0, at) + 1) + 1

