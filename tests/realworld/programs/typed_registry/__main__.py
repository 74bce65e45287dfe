"""A typed program: outputs are cast for the type checker. The pass-through behaviour is a
WebSocket setting that an HTTP API ignores (NEVER is not even its default)."""
from typing import cast

import pulumi
import pulumi_aws as aws

gateway = aws.apigatewayv2.Api("reports-gw", protocol_type="HTTP")
gateway_id = cast(pulumi.Output[str], gateway.id)

reports_url = cast(str, pulumi.Config().get("reportsUrl") or "https://reports.internal.example.com")

reports = aws.apigatewayv2.Integration(
    "reports-proxy",
    api_id=cast(pulumi.Input[str], gateway_id),
    integration_type="HTTP_PROXY",
    integration_method="GET",
    integration_uri=reports_url,
    passthrough_behavior=cast(str, "NEVER"),
)

aws.apigatewayv2.Route(
    "reports-get",
    api_id=gateway_id,
    route_key="GET /reports",
    target=cast(pulumi.Output[str], reports.id).apply(lambda i: f"integrations/{i}"),
)
