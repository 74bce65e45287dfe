"""A webhook receiver whose function is invoked by EventBridge and by an HTTP API; the only
permission granted names EventBridge, so every API call fails with 500."""
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role("hooks-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))
receiver = aws.lambda_.Function("hooks", runtime="python3.12", handler="hooks.handler",
                                role=role.arn, code=pulumi.FileArchive("./hooks"))

nightly = aws.cloudwatch.EventRule("hooks-nightly", schedule_expression="cron(0 3 * * ? *)")
aws.cloudwatch.EventTarget("hooks-nightly-target", rule=nightly.name, arn=receiver.arn)
aws.lambda_.Permission("hooks-from-events", action="lambda:InvokeFunction",
                       principal="events.amazonaws.com", function=receiver.arn,
                       source_arn=nightly.arn)

api = aws.apigatewayv2.Api("hooks-api", protocol_type="HTTP")
hooks = aws.apigatewayv2.Integration(
    "hooks-lambda",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_uri=receiver.invoke_arn,
    payload_format_version="2.0",
)
aws.apigatewayv2.Route("hooks-post", api_id=api.id, route_key="POST /hooks/{source}",
                       target=hooks.id.apply(lambda i: f"integrations/{i}"))
