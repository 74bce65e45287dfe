"""HTTP API in front of a Lambda function, with the permission that lets API Gateway invoke it."""
# expect: orders-integration
# expect: legacy-integration APIGW039 APIGW030
# expect: unpermitted-integration APIGW021
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role("orders-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}]}))
fn = aws.lambda_.Function("orders", runtime="python3.12", handler="app.handler",
                          role=role.arn, code=pulumi.FileArchive("./app"))
api = aws.apigatewayv2.Api("orders-api", protocol_type="HTTP")

aws.lambda_.Permission("orders-invoke", action="lambda:InvokeFunction", function=fn.name,
                       principal="apigateway.amazonaws.com",
                       source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"))

integration = aws.apigatewayv2.Integration(
    "orders-integration", api_id=api.id, integration_type="AWS_PROXY",
    integration_uri=fn.invoke_arn, payload_format_version="2.0", timeout_milliseconds=30000)
aws.apigatewayv2.Route("orders-route", api_id=api.id, route_key="GET /orders",
                       target=integration.id.apply(lambda i: f"integrations/{i}"))

# Copied from a WebSocket example: passthrough behaviour means nothing to an HTTP API, and the
# REST API's 60 s timeout does not apply.
aws.apigatewayv2.Integration(
    "legacy-integration", api_id=api.id, integration_type="AWS_PROXY",
    integration_uri=fn.invoke_arn, payload_format_version="2.0",
    passthrough_behavior="WHEN_NO_TEMPLATES", timeout_milliseconds=60000)

# A second function nobody granted API Gateway access to.
reports = aws.lambda_.Function("reports", runtime="python3.12", handler="app.handler",
                               role=role.arn, code=pulumi.FileArchive("./app"))
aws.apigatewayv2.Integration(
    "unpermitted-integration", api_id=api.id, integration_type="AWS_PROXY",
    integration_uri=reports.invoke_arn, payload_format_version="2.0")
