"""A component that publishes one Lambda function through an HTTP API of its own."""
from __future__ import annotations

from typing import Optional

import pulumi
import pulumi_aws as aws


class LambdaHttpService(pulumi.ComponentResource):
    """HTTP API + Lambda proxy integration + catch-all route + invoke permission."""

    def __init__(self, name: str, function: aws.lambda_.Function,
                 opts: Optional[pulumi.ResourceOptions] = None) -> None:
        super().__init__("platform:http:LambdaHttpService", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        self.api = aws.apigatewayv2.Api(f"{name}-api", protocol_type="HTTP", opts=child)
        self.integration = aws.apigatewayv2.Integration(
            f"{name}-lambda",
            api_id=self.api.id,
            integration_type="AWS_PROXY",
            integration_uri=function.invoke_arn,
            payload_format_version="2.0",
            timeout_milliseconds=15_000,
            opts=child,
        )
        aws.apigatewayv2.Route(
            f"{name}-any",
            api_id=self.api.id,
            route_key="$default",
            target=self.integration.id.apply(lambda i: f"integrations/{i}"),
            opts=child,
        )
        aws.apigatewayv2.Stage(f"{name}-stage", api_id=self.api.id, name="$default",
                               auto_deploy=True, opts=child)
        aws.lambda_.Permission(
            f"{name}-invoke",
            action="lambda:InvokeFunction",
            function=function.name,
            principal="apigateway.amazonaws.com",
            source_arn=pulumi.Output.concat(self.api.execution_arn, "/*/*"),
            opts=child,
        )
        self.url = self.api.api_endpoint
        self.register_outputs({"url": self.url})
