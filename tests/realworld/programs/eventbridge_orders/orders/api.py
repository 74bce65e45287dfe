"""POST /orders: the request body becomes an event on the orders bus."""
import pulumi
import pulumi_aws as aws

from orders.bus import ACCOUNT_ID, STACK, bus


def create_api(name: str) -> pulumi.Output[str]:
    api = aws.apigatewayv2.Api(f"{name}-http", name=f"{STACK}-{name}", protocol_type="HTTP")
    put_events = aws.apigatewayv2.Integration(
        f"{name}-put-events",
        api_id=api.id,
        credentials_arn=f"arn:aws:iam::{ACCOUNT_ID}:role/{STACK}-orders-bus-api",
        integration_type="AWS_PROXY",
        integration_subtype="EventBridge-PutEvents",
        payload_format_version="1.0",
        passthrough_behavior="WHEN_NO_MATCH",
        request_parameters={
            "EventBusName": bus.name,
            "Source": "shop.orders",
            "DetailType": "OrderPlaced",
            "Detail": "$request.body",
        },
        opts=pulumi.ResourceOptions(parent=api),
    )
    aws.apigatewayv2.Route(
        f"{name}-post",
        api_id=api.id,
        route_key="POST /orders",
        target=put_events.id.apply(lambda i: f"integrations/{i}"),
        opts=pulumi.ResourceOptions(parent=api),
    )
    return api.id
