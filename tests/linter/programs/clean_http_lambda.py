"""An HTTP API in front of a Lambda function, as the Pulumi templates write it."""
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role(
    "handler-role",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                       "Principal": {"Service": "lambda.amazonaws.com"}}],
    }),
)
fn = aws.lambda_.Function(
    "handler",
    role=role.arn,
    runtime="python3.12",
    handler="app.handler",
    code=pulumi.FileArchive("./app"),
)
api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.lambda_.Permission(
    "api-invoke",
    action="lambda:InvokeFunction",
    function=fn.name,
    principal="apigateway.amazonaws.com",
    source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
)
integration = aws.apigatewayv2.Integration(
    "handler",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_uri=fn.invoke_arn,
    integration_method="POST",
    payload_format_version="2.0",
    timeout_milliseconds=30000,
)
route = aws.apigatewayv2.Route(
    "default",
    api_id=api.id,
    route_key="$default",
    target=integration.id.apply(lambda id: f"integrations/{id}"),
)
stage = aws.apigatewayv2.Stage("default", api_id=api.id, name="$default", auto_deploy=True)
pulumi.export("url", stage.invoke_url)
