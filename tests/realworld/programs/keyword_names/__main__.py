"""Every resource named with the resource_name= keyword. The Lambda integration is given the
method ANY, which AWS rejects for AWS_PROXY ("HttpMethod must be POST")."""
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role(
    resource_name="inventory-role",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"Service": "lambda.amazonaws.com"}}],
    }),
)
inventory = aws.lambda_.Function(
    resource_name="inventory",
    runtime="python3.12",
    handler="inventory.handler",
    role=role.arn,
    code=pulumi.FileArchive("./inventory"),
)
gateway = aws.apigatewayv2.Api(resource_name="inventory-api", protocol_type="HTTP")

integration = aws.apigatewayv2.Integration(
    resource_name="inventory-lambda",
    api_id=gateway.id,
    integration_type="AWS_PROXY",
    integration_method="ANY",
    integration_uri=inventory.arn,
    payload_format_version="2.0",
)

for route_key in ("ANY /inventory", "ANY /inventory/{id}"):
    aws.apigatewayv2.Route(
        resource_name=route_key.replace(" ", "").replace("/", "-").strip("-").lower(),
        api_id=gateway.id,
        route_key=route_key,
        target=integration.id.apply(lambda i: f"integrations/{i}"),
    )

aws.lambda_.Permission(
    resource_name="inventory-apigw",
    action="lambda:InvokeFunction",
    function=inventory.name,
    principal="apigateway.amazonaws.com",
    source_arn=gateway.execution_arn.apply(lambda arn: f"{arn}/*/*"),
)
