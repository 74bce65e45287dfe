"""Routes of the orders API, each to its own Lambda integration."""
import pulumi_aws as aws

import lambdas
from api import http_api

list_integration = aws.apigatewayv2.Integration(
    "orders-list",
    api_id=http_api.id,
    integration_type="AWS_PROXY",
    integration_uri=lambdas.list_orders.invoke_arn,
    payload_format_version="2.0",
)
create_integration = aws.apigatewayv2.Integration(
    "orders-create",
    api_id=http_api.id,
    integration_type="AWS_PROXY",
    integration_uri=lambdas.create_order.invoke_arn,
    integration_method="POST",
    payload_format_version="1.0",
)

for key, integration in (("GET /orders", list_integration), ("POST /orders", create_integration)):
    aws.apigatewayv2.Route(
        key.split()[0].lower() + "-orders",
        api_id=http_api.id,
        route_key=key,
        target=integration.id.apply(lambda i: "integrations/" + i),
    )
