"""Mistakes that pass `pulumi preview` and fail minutes into `pulumi up` (or never work)."""
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
backend = config.get("backend") or "https://backend.example.com"

api = aws.apigatewayv2.Api("shop", protocol_type="HTTP")

COMMON = {"api_id": api.id, "connection_type": "INTERNET"}

# Copied from a WebSocket example: these arguments do nothing on an HTTP API.
products = aws.apigatewayv2.Integration(
    "products",
    **COMMON,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    integration_uri=f"{backend}/products/{{proxy}}",
    passthrough_behavior="WHEN_NO_MATCH",
    timeout_milliseconds=60_000,
)

# A header API Gateway reserves, and a misspelt argument.
orders = aws.apigatewayv2.Integration(
    "orders",
    **COMMON,
    integration_type="HTTP_PROXY",
    integration_method="POST",
    integration_uri=f"{backend}/orders",
    request_parameters={
        "overwrite:header.X-Forwarded-Host": "orders.internal",
        "append:header.x-request-id": "$context.requestId",
    },
    payload_format_versoin="2.0",
)

# An SQS integration without the body to send.
queue = aws.sqs.Queue("events")
events = aws.apigatewayv2.Integration(
    "events",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_subtype="SQS-SendMessage",
    credentials_arn=config.require("apigwRoleArn"),
    request_parameters={"QueueUrl": queue.url},
)
