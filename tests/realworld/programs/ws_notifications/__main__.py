"""Push notifications over a WebSocket API. Two mistakes the source proves: a timeout past the
WebSocket limit (29 s; 30 s is the HTTP API's) and a plain function ARN where a WebSocket API
needs the invoke ARN."""
import json

import pulumi
import pulumi_aws as aws

exec_role = aws.iam.Role("notify-exec", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))

subscribe_fn = aws.lambda_.Function(
    "notify-subscribe", runtime="python3.12", handler="subscribe.handler",
    role=exec_role.arn, code=pulumi.FileArchive("./src"))
push_fn = aws.lambda_.Function(
    "notify-push", runtime="python3.12", handler="push.handler",
    role=exec_role.arn, code=pulumi.FileArchive("./src"), timeout=30)

ws = aws.apigatewayv2.Api("notify-ws", protocol_type="WEBSOCKET",
                          route_selection_expression="$request.body.type")

subscribe = aws.apigatewayv2.Integration(
    "notify-subscribe-int",
    api_id=ws.id,
    integration_type="AWS_PROXY",
    integration_uri=subscribe_fn.invoke_arn,
    timeout_milliseconds=30_000,  # "the API Gateway maximum"
)

push = aws.apigatewayv2.Integration(
    "notify-push-int",
    api_id=ws.id,
    integration_type="AWS_PROXY",
    integration_uri=push_fn.arn,
)

for key, target in (("$connect", subscribe), ("push", push)):
    aws.apigatewayv2.Route(f"notify-{key.strip('$')}", api_id=ws.id, route_key=key,
                           target=target.id.apply(lambda i: f"integrations/{i}"))

for label, fn in {"subscribe": subscribe_fn, "push": push_fn}.items():
    aws.lambda_.Permission(
        f"notify-{label}-from-ws",
        action="lambda:InvokeFunction",
        function=fn.name,
        principal="apigateway.amazonaws.com",
        source_arn=ws.execution_arn.apply(lambda arn: f"{arn}/*/*"),
    )
