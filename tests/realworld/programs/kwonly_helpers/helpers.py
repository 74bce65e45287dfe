"""Helpers that wire a backend into an HTTP API; everything after the API is keyword-only."""
from __future__ import annotations

import pulumi
import pulumi_aws as aws


def lambda_route(api: aws.apigatewayv2.Api, *, name: str, route_key: str,
                 function: aws.lambda_.Function, payload_version: str = "2.0",
                 timeout_ms: int | None = None) -> aws.apigatewayv2.Integration:
    integration = aws.apigatewayv2.Integration(
        f"{name}-integration",
        api_id=api.id,
        integration_type="AWS_PROXY",
        integration_uri=function.invoke_arn,
        payload_format_version=payload_version,
        timeout_milliseconds=timeout_ms,
    )
    aws.apigatewayv2.Route(f"{name}-route", api_id=api.id, route_key=route_key,
                           target=integration.id.apply(lambda i: f"integrations/{i}"))
    aws.lambda_.Permission(
        f"{name}-permission",
        action="lambda:InvokeFunction",
        function=function.name,
        principal="apigateway.amazonaws.com",
        source_arn=pulumi.Output.concat(api.execution_arn, "/*/*"),
    )
    return integration


def http_route(api: aws.apigatewayv2.Api, *, name: str, route_key: str, url: str,
               method: str = "ANY") -> aws.apigatewayv2.Integration:
    integration = aws.apigatewayv2.Integration(
        f"{name}-integration",
        api_id=api.id,
        integration_type="HTTP_PROXY",
        integration_method=method,
        integration_uri=url,
    )
    aws.apigatewayv2.Route(f"{name}-route", api_id=api.id, route_key=route_key,
                           target=integration.id.apply(lambda i: f"integrations/{i}"))
    return integration
