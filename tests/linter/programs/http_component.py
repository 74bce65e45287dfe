"""An HTTP API component that wires one Lambda integration per route."""
from __future__ import annotations

import pulumi
import pulumi_aws as aws
from pulumi_aws.apigatewayv2 import Integration, IntegrationArgs


class LambdaHttpApi(pulumi.ComponentResource):
    def __init__(self, name: str, routes: dict[str, aws.lambda_.Function],
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:web:LambdaHttpApi", name, None, opts)
        self.api = aws.apigatewayv2.Api(
            f"{name}-api",
            protocol_type="HTTP",
            opts=pulumi.ResourceOptions(parent=self),
        )
        for route_key, fn in routes.items():
            integration = Integration(
                f"{name}-{route_key.replace(' ', '-')}",
                IntegrationArgs(
                    api_id=self.api.id,
                    integration_type="AWS_PROXY",
                    integration_uri=fn.invoke_arn,
                    passthrough_behavior="WHEN_NO_MATCH",
                ),
                opts=pulumi.ResourceOptions(parent=self),
            )
            aws.apigatewayv2.Route(
                f"{name}-{route_key.replace(' ', '-')}",
                api_id=self.api.id,
                route_key=route_key,
                target=integration.id.apply(lambda id: f"integrations/{id}"),
                opts=pulumi.ResourceOptions(parent=self),
            )
        self.register_outputs({"endpoint": self.api.api_endpoint})


orders = aws.lambda_.Function.get("orders", "orders")
site = LambdaHttpApi("shop", {"GET /orders": orders})
