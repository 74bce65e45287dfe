"""Start workflows from an HTTP API. The quote route waits for the result with
StartSyncExecution, which only EXPRESS state machines support; `quotes` is STANDARD (the
default type)."""
import json

import pulumi
import pulumi_aws as aws

from machines import quotes, reports

invoker = aws.iam.Role("workflow-invoker", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "apigateway.amazonaws.com"}}],
}))

api = aws.apigatewayv2.Api("workflows-api", protocol_type="HTTP")

start_report = aws.apigatewayv2.Integration(
    "start-report",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_subtype="StepFunctions-StartExecution",
    credentials_arn=invoker.arn,
    payload_format_version="1.0",
    timeout_milliseconds=10_000,
    request_parameters={"StateMachineArn": reports.arn, "Input": "$request.body"},
)
price_quote = aws.apigatewayv2.Integration(
    "price-quote",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_subtype="StepFunctions-StartSyncExecution",
    credentials_arn=invoker.arn,
    payload_format_version="1.0",
    request_parameters={"StateMachineArn": quotes.arn, "Input": "$request.body",
                        "Name": "$context.requestId"},
)

for key, target in {"POST /reports": start_report, "POST /quotes": price_quote}.items():
    aws.apigatewayv2.Route(key.split("/")[1], api_id=api.id, route_key=key,
                           target=target.id.apply(lambda i: f"integrations/{i}"))
