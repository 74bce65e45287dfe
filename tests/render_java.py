"""Catalogue examples rendered as complete Pulumi Java programs: the Integration with its
builder, its Api, and the related resources each context key asks for (the Java twin of
render_python)."""
from __future__ import annotations

import json
from typing import Any

from render_python import ROLE, SUBNETS

from apigw_lint.rules import Example, aws

AWS = "com.pulumi.aws"
# nested input types of Integration: their builder classes (com.pulumi.aws.apigatewayv2.inputs)
_NESTED = {"tlsConfig": "IntegrationTlsConfigArgs",
           "responseParameters": "IntegrationResponseParameterArgs"}


class Code(str):
    """Source text to paste as is (an expression), not a literal."""


def java(value: Any, holder: str | None = None) -> str:
    """A value as a Java expression; holder: the Integration property it is (or is an element
    of), for the builder of a nested input type."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict) and holder in _NESTED:
        setters = "".join(f".{k}({java(v)})" for k, v in value.items())
        return f"{_NESTED[holder]}.builder(){setters}.build()"
    if isinstance(value, dict):
        return "Map.ofEntries(" + ", ".join(f"Map.entry({java(str(k))}, {java(v)})"
                                            for k, v in value.items()) + ")"
    if isinstance(value, list):
        return "List.of(" + ", ".join(java(v, holder) for v in value) + ")"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _new(cls: str, name: str, setters: dict[str, Any]) -> str:
    """`new com.pulumi.aws.x.Cls(name, ...Args.builder()...build())`, fully qualified (two
    packages have a VpcLink)."""
    body = "".join(f"\n                .{k}({java(v)})" for k, v in setters.items())
    return (f"new {AWS}.{cls}({java(name)}, {AWS}.{cls}Args.builder(){body}\n"
            "                .build())")


def render_java(example: Example, name: str = "example") -> str:
    ctx = example.context
    lines = []
    args: dict[str, Any] = {}
    if example.protocol is not None:
        lines.append(f'var api = new Api("api", ApiArgs.builder().protocolType('
                     f'{java(example.protocol)}).build());')
        api_id = Code("api.id()")
    else:
        api_id = Code('ctx.config().require("apiId")')
    args["apiId"] = api_id
    args.update(example.props)

    uri_from = ctx.get("uri_from")
    if uri_from in ("lambda", "lambda_arn"):
        lines.append("var fn = " + _new("lambda.Function", "fn", {
            "role": ROLE, "runtime": "java21", "handler": "example.Handler",
            "code": Code('new com.pulumi.asset.FileArchive("./handler.jar")')}) + ";")
        if ctx.get("lambda_permission", True):
            lines.append(_new("lambda.Permission", "fn-invoke", {
                "action": "lambda:InvokeFunction", "principal": "apigateway.amazonaws.com",
                "function": Code("fn.name()")}) + ";")
        args["integrationUri"] = Code("fn.invokeArn()" if uri_from == "lambda" else "fn.arn()")
    elif uri_from in ("listener", "load_balancer"):
        lines.append("var lb = " + _new("lb.LoadBalancer", "lb", {
            "internal": True, "loadBalancerType": "application", "subnets": SUBNETS}) + ";")
        if uri_from == "listener":
            lines.append("var listener = " + _new("lb.Listener", "listener", {
                "loadBalancerArn": Code("lb.arn()"), "port": 80}) + ";")
        args["integrationUri"] = Code("listener.arn()" if uri_from == "listener" else "lb.arn()")
    if "uri_prefix" in ctx:
        lines.append("var endpoint = " + _new("ec2.VpcEndpoint", "endpoint", {
            "vpcId": "vpc-0a1b2c3d",
            "serviceName": "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f6a7b8",
            "vpcEndpointType": "Interface"}) + ";")
        args["integrationUri"] = Code(f"endpoint.dnsEntries().applyValue(e -> "
                                      f"{java(ctx['uri_prefix'])} + e.get(0).dnsName())")
    if ctx.get("vpc_link") == "v1":
        lines.append("var nlb = " + _new("lb.LoadBalancer", "nlb", {
            "internal": True, "loadBalancerType": "network", "subnets": SUBNETS}) + ";")
        lines.append("var link = " + _new("apigateway.VpcLink", "link", {
            "targetArn": Code("nlb.arn()")}) + ";")
        args["connectionId"] = Code("link.id()")
    elif ctx.get("vpc_link") == "v2":
        lines.append("var link = " + _new("apigatewayv2.VpcLink", "link", {
            "securityGroupIds": ["sg-0a1b2c3d"], "subnetIds": SUBNETS}) + ";")
        args["connectionId"] = Code("link.id()")
    if "state_machine" in ctx:
        definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
        lines.append("var machine = " + _new("sfn.StateMachine", "machine", {
            "roleArn": ROLE, "definition": definition, "type": ctx["state_machine"]}) + ";")
        params = dict(args.get("requestParameters") or {})
        params[aws.STATE_MACHINE_PARAMETER] = Code("machine.arn()")
        args["requestParameters"] = params

    setters = "".join(f"\n            .{k}({java(v, k)})" for k, v in args.items())
    lines.append(f"var integration = new Integration({java(name)}, IntegrationArgs.builder()"
                 f"{setters}\n            .build());")
    for i in range(ctx.get("siblings", 0)):
        lines.append(f'new Integration("sibling-{i}", IntegrationArgs.builder().apiId({api_id})'
                     '.integrationType("HTTP_PROXY").integrationMethod("ANY")'
                     f'.integrationUri("https://backend.example.com/{i}").build());')
    body = "".join(f"        {line}\n" for line in lines)
    return ("package example;\n\n"
            "import com.pulumi.Context;\nimport com.pulumi.Pulumi;\n"
            "import com.pulumi.aws.apigatewayv2.Api;\nimport com.pulumi.aws.apigatewayv2.ApiArgs;\n"
            "import com.pulumi.aws.apigatewayv2.Integration;\n"
            "import com.pulumi.aws.apigatewayv2.IntegrationArgs;\n"
            "import com.pulumi.aws.apigatewayv2.inputs.*;\n"
            "import java.util.List;\nimport java.util.Map;\n\n"
            "public class App {\n"
            "    public static void main(String[] args) {\n"
            "        Pulumi.run(App::stack);\n    }\n\n"
            f"    static void stack(Context ctx) {{\n{body}    }}\n}}\n")
