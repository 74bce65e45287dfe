"""A WebSocket chat: $connect and sendmessage routes backed by Lambda."""
import pulumi
import pulumi_aws as aws

from chat.api import chat_api
from chat import functions

TIMEOUT_SECONDS = 30

aws.lambda_.Permission(
    "connect-invoke",
    action="lambda:InvokeFunction",
    principal="apigateway.amazonaws.com",
    function=functions.connect_fn.name,
    source_arn=chat_api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
)

connect_integration = aws.apigatewayv2.Integration(
    "connect",
    api_id=chat_api.id,
    integration_type="AWS_PROXY",
    integration_uri=functions.connect_fn.invoke_arn,
    timeout_milliseconds=TIMEOUT_SECONDS * 1000,
)

message_integration = aws.apigatewayv2.Integration(
    "message",
    api_id=chat_api.id,
    integration_type="AWS_PROXY",
    integration_uri=functions.message_fn.arn,
    content_handling_strategy="CONVERT_TO_TEXT",
)

for route_key, target in {"$connect": connect_integration, "sendmessage": message_integration}.items():
    aws.apigatewayv2.Route(
        route_key.strip("$"),
        api_id=chat_api.id,
        route_key=route_key,
        target=target.id.apply(lambda id: f"integrations/{id}"),
    )

pulumi.export("url", chat_api.api_endpoint)
