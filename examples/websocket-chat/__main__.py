"""A WebSocket chat API whose routes are made by a helper function.

apigw-lint reports the timeout (WebSocket integrations stop at 29 s) and the message handler,
which has no permission that lets API Gateway invoke it."""
import json

import pulumi
import pulumi_aws as aws

TIMEOUT_SECONDS = 30

role = aws.iam.Role(
    "chat-role",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                       "Principal": {"Service": "lambda.amazonaws.com"}}],
    }),
)
code = pulumi.AssetArchive({"index.py": pulumi.StringAsset(
    "def handler(event, context):\n    return {'statusCode': 200}\n")})
connect_fn = aws.lambda_.Function("connect", role=role.arn, runtime="python3.12",
                                  handler="index.handler", code=code)
message_fn = aws.lambda_.Function("message", role=role.arn, runtime="python3.12",
                                  handler="index.handler", code=code)

api = aws.apigatewayv2.Api(
    "chat",
    protocol_type="WEBSOCKET",
    route_selection_expression="$request.body.action",
)

aws.lambda_.Permission(
    "connect-invoke",
    action="lambda:InvokeFunction",
    function=connect_fn.name,
    principal="apigateway.amazonaws.com",
    source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
)


def lambda_route(route_key: str, fn: aws.lambda_.Function) -> aws.apigatewayv2.Route:
    integration = aws.apigatewayv2.Integration(
        route_key.strip("$"),
        api_id=api.id,
        integration_type="AWS_PROXY",
        integration_uri=fn.invoke_arn,
        timeout_milliseconds=TIMEOUT_SECONDS * 1000,
    )
    return aws.apigatewayv2.Route(
        route_key.strip("$"),
        api_id=api.id,
        route_key=route_key,
        target=integration.id.apply(lambda id: f"integrations/{id}"),
    )


lambda_route("$connect", connect_fn)

message = aws.apigatewayv2.Integration(
    "sendmessage",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_uri=message_fn.invoke_arn,
)
aws.apigatewayv2.Route("sendmessage", api_id=api.id, route_key="sendmessage",
                       target=message.id.apply(lambda id: f"integrations/{id}"))

pulumi.export("url", api.api_endpoint)
