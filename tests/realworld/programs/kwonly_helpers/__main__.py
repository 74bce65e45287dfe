"""An API assembled with keyword-only helpers; the callers pick different timeouts and payload
versions, so nothing here is a mistake."""
import json

import pulumi
import pulumi_aws as aws

from helpers import http_route, lambda_route

role = aws.iam.Role("tasks-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))
tasks_fn = aws.lambda_.Function("tasks", runtime="python3.12", handler="tasks.handler",
                                role=role.arn, code=pulumi.FileArchive("./tasks"))
search_fn = aws.lambda_.Function("search", runtime="python3.12", handler="search.handler",
                                 role=role.arn, code=pulumi.FileArchive("./search"))

api = aws.apigatewayv2.Api("tasks-api", protocol_type="HTTP")

lambda_route(api, name="tasks", route_key="ANY /tasks/{proxy+}", function=tasks_fn,
             timeout_ms=10_000)
lambda_route(api, name="search", route_key="GET /search", function=search_fn,
             payload_version="1.0", timeout_ms=25_000)
http_route(api, name="status", route_key="GET /status", url="https://status.example.com/api",
           method="GET")
http_route(api, name="docs", route_key="ANY /docs/{proxy+}",
           url="https://docs.example.com/{proxy}")
