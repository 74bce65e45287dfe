"""An HTTP API in front of one Lambda function: no finding."""
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
    managed_policy_arns=["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
)
handler = aws.lambda_.Function(
    "handler",
    role=role.arn,
    runtime="python3.12",
    handler="index.handler",
    code=pulumi.AssetArchive({"index.py": pulumi.StringAsset(
        "def handler(event, context):\n    return {'statusCode': 200, 'body': 'hello'}\n")}),
)

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")

aws.lambda_.Permission(
    "api-invoke",
    action="lambda:InvokeFunction",
    function=handler.name,
    principal="apigateway.amazonaws.com",
    source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
)

integration = aws.apigatewayv2.Integration(
    "handler",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_uri=handler.invoke_arn,
    payload_format_version="2.0",
)
aws.apigatewayv2.Route(
    "default",
    api_id=api.id,
    route_key="$default",
    target=integration.id.apply(lambda id: f"integrations/{id}"),
)
stage = aws.apigatewayv2.Stage("default", api_id=api.id, name="$default", auto_deploy=True)

pulumi.export("url", stage.invoke_url)
