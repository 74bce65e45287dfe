"""Catalogue examples rendered as complete Pulumi C# programs: the Integration with its
PascalCase IntegrationArgs, its Api, and the related resources each context key asks for (the C#
twin of render_python)."""
from __future__ import annotations

import json
from typing import Any

from render_python import NESTED_ARGS, ROLE, SUBNETS

from apigw_lint.rules import Example, aws


class Code(str):
    """Source text to paste as is (an expression), not a literal."""


def cs(value: Any) -> str:
    """A value as C# writes it: a dict as a map's collection initializer."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        entries = ", ".join(f"[{_string(str(k))}] = {cs(v)}" for k, v in value.items())
        return f"new Dictionary<string, object?> {{ {entries} }}"
    if isinstance(value, list):
        return "new object?[] { " + ", ".join(cs(v) for v in value) + " }"
    if isinstance(value, str):
        return _string(value)
    return repr(value)


def _string(text: str) -> str:
    """A regular C# string literal (json's escapes are C#'s, \\uXXXX included)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def _args(cls: str, value: Any) -> Any:
    """A dict as a nested `Inputs.*Args` object (PascalCase properties)."""
    if not isinstance(value, dict):
        return value
    body = ", ".join(f"{pascal(k)} = {cs(v)}" for k, v in value.items())
    return Code(f"new Aws.ApiGatewayV2.Inputs.{cls} {{ {body} }}")


def render_csharp(example: Example, name: str = "example") -> str:
    ctx = example.context
    lines = ["using System.Collections.Generic;", "using Pulumi;", "using Aws = Pulumi.Aws;", "",
             "return await Deployment.RunAsync(() =>", "{"]
    args: dict[str, Any] = {}
    if example.protocol is not None:
        lines.append(f'var api = new Aws.ApiGatewayV2.Api("api", new() {{ ProtocolType = '
                     f'{cs(example.protocol)} }});')
        api_id = Code("api.Id")
    else:
        api_id = Code('new Config().Require("apiId")')
    args["apiId"] = api_id
    args.update(example.props)
    for prop, cls in NESTED_ARGS.items():
        if isinstance(args.get(prop), list):
            args[prop] = Code("new[] { " + ", ".join(cs(_args(cls, v)) for v in args[prop])
                              + " }")
        elif prop in args:
            args[prop] = _args(cls, args[prop])

    uri_from = ctx.get("uri_from")
    if uri_from in ("lambda", "lambda_arn"):
        lines.append(f'var fn = new Aws.Lambda.Function("fn", new()\n{{\n    Role = {cs(ROLE)},\n'
                     '    Runtime = "dotnet8",\n    Handler = "App::App.Function::Handle",\n'
                     '    Code = new FileArchive("./publish"),\n});')
        if ctx.get("lambda_permission", True):
            lines.append('new Aws.Lambda.Permission("fn-invoke", new()\n{\n'
                         '    Action = "lambda:InvokeFunction",\n'
                         '    Principal = "apigateway.amazonaws.com",\n    Function = fn.Name,\n'
                         '});')
        args["integrationUri"] = Code("fn.InvokeArn" if uri_from == "lambda" else "fn.Arn")
    elif uri_from in ("listener", "load_balancer"):
        lines.append(f'var lb = new Aws.LB.LoadBalancer("lb", new() {{ Internal = true, '
                     f'LoadBalancerType = "application", Subnets = {cs(SUBNETS)} }});')
        if uri_from == "listener":
            lines.append('var listener = new Aws.LB.Listener("listener", new()\n{\n'
                         '    LoadBalancerArn = lb.Arn,\n    Port = 80,\n'
                         '    DefaultActions = new[]\n    {\n'
                         '        new Aws.LB.Inputs.ListenerDefaultActionArgs { Type = '
                         '"fixed-response" },\n    },\n});')
        args["integrationUri"] = Code("listener.Arn" if uri_from == "listener" else "lb.Arn")
    if "uri_prefix" in ctx:
        lines.append('var endpoint = new Aws.Ec2.VpcEndpoint("endpoint", new() { VpcId = '
                     '"vpc-0a1b2c3d", ServiceName = '
                     '"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f6a7b8", '
                     'VpcEndpointType = "Interface" });')
        prefix = ctx["uri_prefix"].replace("{", "{{").replace("}", "}}")
        args["integrationUri"] = Code(
            f"Output.Format(${_string(prefix)[:-1]}{{endpoint.DnsEntries.Apply(e => "
            f'e[0].DnsName)}}")')
    if ctx.get("vpc_link") == "v1":
        lines.append(f'var nlb = new Aws.LB.LoadBalancer("nlb", new() {{ Internal = true, '
                     f'LoadBalancerType = "network", Subnets = {cs(SUBNETS)} }});')
        lines.append('var link = new Aws.ApiGateway.VpcLink("link", new() { TargetArn = nlb.Arn '
                     '});')
        args["connectionId"] = Code("link.Id")
    elif ctx.get("vpc_link") == "v2":
        lines.append(f'var link = new Aws.ApiGatewayV2.VpcLink("link", new() {{ SecurityGroupIds '
                     f'= {{ "sg-0a1b2c3d" }}, SubnetIds = {cs(SUBNETS)} }});')
        args["connectionId"] = Code("link.Id")
    if "state_machine" in ctx:
        definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
        lines.append(f'var machine = new Aws.Sfn.StateMachine("machine", new()\n{{\n'
                     f'    RoleArn = {cs(ROLE)},\n    Definition = {cs(definition)},\n'
                     f'    Type = {cs(ctx["state_machine"])},\n}});')
        params = dict(args.get("requestParameters") or {})
        params[aws.STATE_MACHINE_PARAMETER] = Code("machine.Arn")
        args["requestParameters"] = params

    body = "".join(f"    {pascal(k)} = {cs(v)},\n" for k, v in args.items())
    lines.append(f"var integration = new Aws.ApiGatewayV2.Integration({cs(name)}, new()\n"
                 f"{{\n{body}}});")
    for i in range(ctx.get("siblings", 0)):
        lines.append(f'new Aws.ApiGatewayV2.Integration("sibling-{i}", new() {{ ApiId = {api_id}, '
                     f'IntegrationType = "HTTP_PROXY", IntegrationMethod = "ANY", '
                     f'IntegrationUri = "https://backend.example.com/{i}" }});')
    return "\n".join([*lines, "});"]) + "\n"
