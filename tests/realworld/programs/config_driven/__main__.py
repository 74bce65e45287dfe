"""A generated service: protocol, method, payload version and timeout all come from the stack's
configuration, so nothing about them can be known from the source."""
import json

import pulumi
import pulumi_aws as aws

import settings

cfg = settings.load()

role = aws.iam.Role("app-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))
app = aws.lambda_.Function("app", runtime="python3.12", handler="app.handler", role=role.arn,
                           code=pulumi.FileArchive("./app"))

api = aws.apigatewayv2.Api("app-api", protocol_type=cfg.protocol_type)
integration = aws.apigatewayv2.Integration(
    "app-integration",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_uri=app.invoke_arn,
    integration_method=cfg.integration_method,
    payload_format_version=cfg.payload_format_version,
    timeout_milliseconds=cfg.timeout_ms,
)
aws.apigatewayv2.Route("app-route", api_id=api.id, route_key="$default",
                       target=pulumi.Output.concat("integrations/", integration.id))
aws.lambda_.Permission("app-perm", action="lambda:InvokeFunction", function=app.name,
                       principal="apigateway.amazonaws.com",
                       source_arn=pulumi.Output.concat(api.execution_arn, "/*/*"))
