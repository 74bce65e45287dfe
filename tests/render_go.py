"""Catalogue examples rendered as complete Pulumi Go programs: the Integration with its args
struct (fields in Go's spelling, values through pulumi.String, pulumi.Int, pulumi.StringMap and
the SDK's nested Args types), its Api, and the related resources each context key asks for (the
Go twin of render_python)."""
from __future__ import annotations

import json
from typing import Any

from render_python import ROLE, SUBNETS

from apigw_lint.linter.go.layout import spelling
from apigw_lint.rules import Example, aws

HEAD = """package main

import (
\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigateway"
\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ec2"
\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lb"
\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sfn"
\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

var _, _, _, _, _, _ = apigateway.NewVpcLink, ec2.NewVpcEndpoint, lambda.NewFunction, lb.NewListener, sfn.NewStateMachine, config.Require

func main() {
\tpulumi.Run(func(ctx *pulumi.Context) error {
"""
# the SDK's Args type of a nested struct, by the property (or list) that holds it
_STRUCTS = {"tlsConfig": "apigatewayv2.IntegrationTlsConfigArgs",
            "responseParameters": "apigatewayv2.IntegrationResponseParameterArgs"}


class Code(str):
    """Source text to paste as is (an expression), not a literal."""


def go(value: Any, prop: str | None = None) -> str:
    """A value as an input of the Go SDK; prop: the property holding it (its nested type)."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool):
        return f"pulumi.Bool({'true' if value else 'false'})"
    if value is None:
        return "nil"
    if isinstance(value, int):
        return f"pulumi.Int({value})"
    if isinstance(value, float):
        return f"pulumi.Float64({value!r})"
    if isinstance(value, str):
        return f"pulumi.String({json.dumps(value, ensure_ascii=False)})"
    if isinstance(value, list):
        kind = "apigatewayv2.IntegrationResponseParameterArray" \
            if prop == "responseParameters" else "pulumi.Array"
        return kind + "{" + ", ".join(go(v, prop) for v in value) + "}"
    if prop in _STRUCTS:
        return f"&{_STRUCTS[prop]}{{" + ", ".join(
            f"{spelling(k)}: {go(v)}" for k, v in value.items()) + "}"
    kind = "pulumi.StringMap" if all(isinstance(v, (str, Code)) for v in value.values()) \
        else "pulumi.Map"
    return kind + "{" + ", ".join(f"{json.dumps(str(k))}: {go(v)}"
                                   for k, v in value.items()) + "}"


def render_go(example: Example, name: str = "example") -> str:
    ctx = example.context
    lines = []
    args: dict[str, Any] = {}
    if example.protocol is not None:
        lines.append(f'api, _ := apigatewayv2.NewApi(ctx, "api", &apigatewayv2.ApiArgs{{'
                     f'ProtocolType: {go(example.protocol)}}})')
        api_id = Code("api.ID()")
    else:
        api_id = Code('pulumi.String(config.Require(ctx, "apiId"))')
    args["apiId"] = api_id
    args.update(example.props)

    uri_from = ctx.get("uri_from")
    if uri_from in ("lambda", "lambda_arn"):
        lines.append(f'fn, _ := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{{Role: '
                     f'{go(ROLE)}, Runtime: pulumi.String("nodejs20.x"), Handler: '
                     f'pulumi.String("index.handler"), Code: pulumi.NewFileArchive("./app")}})')
        if ctx.get("lambda_permission", True):
            lines.append('lambda.NewPermission(ctx, "fn-invoke", &lambda.PermissionArgs{Action: '
                         'pulumi.String("lambda:InvokeFunction"), Principal: '
                         'pulumi.String("apigateway.amazonaws.com"), Function: fn.Name})')
        args["integrationUri"] = Code("fn.InvokeArn" if uri_from == "lambda" else "fn.Arn")
    elif uri_from in ("listener", "load_balancer"):
        lines.append(f'alb, _ := lb.NewLoadBalancer(ctx, "lb", &lb.LoadBalancerArgs{{Internal: '
                     f'pulumi.Bool(true), LoadBalancerType: pulumi.String("application"), '
                     f'Subnets: pulumi.ToStringArray({_strings(SUBNETS)})}})')
        if uri_from == "listener":
            lines.append('listener, _ := lb.NewListener(ctx, "listener", &lb.ListenerArgs{'
                         'LoadBalancerArn: alb.Arn, Port: pulumi.Int(80), DefaultActions: '
                         'lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{Type: '
                         'pulumi.String("fixed-response")}}})')
        args["integrationUri"] = Code("listener.Arn" if uri_from == "listener" else "alb.Arn")
    if "uri_prefix" in ctx:
        lines.append('endpoint, _ := ec2.NewVpcEndpoint(ctx, "endpoint", &ec2.VpcEndpointArgs{'
                     'VpcId: pulumi.String("vpc-0a1b2c3d"), ServiceName: pulumi.String('
                     '"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f6a7b8"), '
                     'VpcEndpointType: pulumi.String("Interface")})')
        args["integrationUri"] = Code(
            f'endpoint.DnsEntries.ApplyT(func(e []ec2.VpcEndpointDnsEntry) string {{ return '
            f'{json.dumps(ctx["uri_prefix"])} + *e[0].DnsName }}).(pulumi.StringOutput)')
    if ctx.get("vpc_link") == "v1":
        lines.append(f'nlb, _ := lb.NewLoadBalancer(ctx, "nlb", &lb.LoadBalancerArgs{{Internal: '
                     f'pulumi.Bool(true), LoadBalancerType: pulumi.String("network"), Subnets: '
                     f'pulumi.ToStringArray({_strings(SUBNETS)})}})')
        lines.append('link, _ := apigateway.NewVpcLink(ctx, "link", &apigateway.VpcLinkArgs{'
                     'TargetArn: nlb.Arn})')
        args["connectionId"] = Code("link.ID()")
    elif ctx.get("vpc_link") == "v2":
        lines.append(f'link, _ := apigatewayv2.NewVpcLink(ctx, "link", &apigatewayv2.VpcLinkArgs{{'
                     f'SecurityGroupIds: pulumi.ToStringArray([]string{{"sg-0a1b2c3d"}}), '
                     f'SubnetIds: pulumi.ToStringArray({_strings(SUBNETS)})}})')
        args["connectionId"] = Code("link.ID()")
    if "state_machine" in ctx:
        definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
        lines.append(f'machine, _ := sfn.NewStateMachine(ctx, "machine", &sfn.StateMachineArgs{{'
                     f'RoleArn: {go(ROLE)}, Definition: {go(definition)}, Type: '
                     f'{go(ctx["state_machine"])}}})')
        params = dict(args.get("requestParameters") or {})
        params[aws.STATE_MACHINE_PARAMETER] = Code("machine.Arn")
        args["requestParameters"] = params

    body = "".join(f"\t\t\t{spelling(k)}: {go(v, k)},\n" for k, v in args.items())
    lines.append(f"apigatewayv2.NewIntegration(ctx, {json.dumps(name)}, "
                 f"&apigatewayv2.IntegrationArgs{{\n{body}\t\t}})")
    for i in range(ctx.get("siblings", 0)):
        lines.append(f'apigatewayv2.NewIntegration(ctx, "sibling-{i}", &apigatewayv2.'
                     f'IntegrationArgs{{ApiId: {api_id}, IntegrationType: '
                     f'pulumi.String("HTTP_PROXY"), IntegrationMethod: pulumi.String("ANY"), '
                     f'IntegrationUri: pulumi.String("https://backend.example.com/{i}")}})')
    return HEAD + "".join(f"\t\t{line}\n" for line in lines) + "\t\treturn nil\n\t})\n}\n"


def _strings(values: list[str]) -> str:
    return "[]string{" + ", ".join(json.dumps(v) for v in values) + "}"
