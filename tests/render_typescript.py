"""Catalogue examples rendered as complete Pulumi TypeScript programs: the Integration with its
camelCase args object, its Api, and the related resources each context key asks for (the
TypeScript twin of render_python)."""
from __future__ import annotations

import json
from typing import Any

from render_python import ROLE, SUBNETS

from apigw_lint.rules import Example, aws


class Code(str):
    """Source text to paste as is (an expression), not a string literal."""


def ts(value: Any) -> str:
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)}: {ts(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(ts(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def _key(key: Any) -> str:
    return key if isinstance(key, str) and key.isidentifier() else json.dumps(str(key))


def render_typescript(example: Example, name: str = "example") -> str:
    ctx = example.context
    lines = ['import * as pulumi from "@pulumi/pulumi";', 'import * as aws from "@pulumi/aws";',
             ""]
    args: dict[str, Any] = {}
    if example.protocol is not None:
        lines.append(f'const api = new aws.apigatewayv2.Api("api", {{ protocolType: '
                     f'{ts(example.protocol)} }});')
        api_id = Code("api.id")
    else:
        api_id = Code('new pulumi.Config().require("apiId")')
    args["apiId"] = api_id
    args.update(example.props)

    uri_from = ctx.get("uri_from")
    if uri_from in ("lambda", "lambda_arn"):
        lines.append(f'const fn = new aws.lambda.Function("fn", {{\n    role: {ts(ROLE)},\n'
                     '    runtime: "nodejs20.x",\n    handler: "index.handler",\n'
                     '    code: new pulumi.asset.AssetArchive({ "index.js": new '
                     'pulumi.asset.StringAsset("exports.handler = async () => ({});") }),\n});')
        if ctx.get("lambda_permission", True):
            lines.append('new aws.lambda.Permission("fn-invoke", {\n'
                         '    action: "lambda:InvokeFunction",\n'
                         '    principal: "apigateway.amazonaws.com",\n    function: fn.name,\n});')
        args["integrationUri"] = Code("fn.invokeArn" if uri_from == "lambda" else "fn.arn")
    elif uri_from in ("listener", "load_balancer"):
        lines.append(f'const lb = new aws.lb.LoadBalancer("lb", {{ internal: true, '
                     f'loadBalancerType: "application", subnets: {ts(SUBNETS)} }});')
        if uri_from == "listener":
            lines.append('const listener = new aws.lb.Listener("listener", {\n'
                         '    loadBalancerArn: lb.arn,\n    port: 80,\n'
                         '    defaultActions: [{\n        type: "fixed-response",\n'
                         '        fixedResponse: { contentType: "text/plain", statusCode: "200" '
                         '},\n    }],\n});')
        args["integrationUri"] = Code("listener.arn" if uri_from == "listener" else "lb.arn")
    if "uri_prefix" in ctx:
        lines.append('const endpoint = new aws.ec2.VpcEndpoint("endpoint", { vpcId: '
                     '"vpc-0a1b2c3d", serviceName: '
                     '"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f6a7b8", '
                     'vpcEndpointType: "Interface" });')
        args["integrationUri"] = Code(f'endpoint.dnsEntries.apply(e => '
                                      f'{ts(ctx["uri_prefix"])} + e[0].dnsName)')
    if ctx.get("vpc_link") == "v1":
        lines.append(f'const nlb = new aws.lb.LoadBalancer("nlb", {{ internal: true, '
                     f'loadBalancerType: "network", subnets: {ts(SUBNETS)} }});')
        lines.append('const link = new aws.apigateway.VpcLink("link", { targetArn: nlb.arn });')
        args["connectionId"] = Code("link.id")
    elif ctx.get("vpc_link") == "v2":
        lines.append(f'const link = new aws.apigatewayv2.VpcLink("link", {{ securityGroupIds: '
                     f'["sg-0a1b2c3d"], subnetIds: {ts(SUBNETS)} }});')
        args["connectionId"] = Code("link.id")
    if "state_machine" in ctx:
        definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
        lines.append(f'const machine = new aws.sfn.StateMachine("machine", {{\n'
                     f'    roleArn: {ts(ROLE)},\n    definition: {ts(definition)},\n'
                     f'    type: {ts(ctx["state_machine"])},\n}});')
        params = dict(args.get("requestParameters") or {})
        params[aws.STATE_MACHINE_PARAMETER] = Code("machine.arn")
        args["requestParameters"] = params

    body = "".join(f"    {_key(k)}: {ts(v)},\n" for k, v in args.items())
    lines.append(f"const integration = new aws.apigatewayv2.Integration({ts(name)}, {{\n{body}}});")
    for i in range(ctx.get("siblings", 0)):
        lines.append(f'new aws.apigatewayv2.Integration("sibling-{i}", {{ apiId: {api_id}, '
                     f'integrationType: "HTTP_PROXY", integrationMethod: "ANY", '
                     f'integrationUri: "https://backend.example.com/{i}" }});')
    return "\n".join(lines) + "\n"
