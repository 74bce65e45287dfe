"""A CRUD API built in loops over (name, function) pairs. The integration was copied from a GET
route and keeps integration_method="GET"; AWS only takes POST for a Lambda proxy integration."""
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role("notes-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))

functions = [
    (action, aws.lambda_.Function(f"notes-{action}", runtime="python3.12",
                                  handler=f"notes.{action}", role=role.arn,
                                  code=pulumi.FileArchive("./notes")))
    for action in ("list", "get", "put", "delete")
]

api = aws.apigatewayv2.Api("notes-api", protocol_type="HTTP")

for name, fn in functions:
    aws.lambda_.Permission(
        f"notes-{name}-invoke",
        action="lambda:InvokeFunction",
        function=fn.name,
        principal="apigateway.amazonaws.com",
        source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
    )

VERBS = {"list": "GET", "get": "GET", "put": "PUT", "delete": "DELETE"}

for name, fn in functions:
    integration = aws.apigatewayv2.Integration(
        f"notes-{name}",
        api_id=api.id,
        integration_type="AWS_PROXY",
        integration_uri=fn.invoke_arn,
        integration_method="GET",
        payload_format_version="2.0",
    )
    path = "/notes" if name == "list" else "/notes/{id}"
    aws.apigatewayv2.Route(f"notes-{name}-route", api_id=api.id,
                           route_key=f"{VERBS[name]} {path}",
                           target=integration.id.apply(lambda i: f"integrations/{i}"))
