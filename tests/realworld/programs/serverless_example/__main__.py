"""One Lambda behind an HTTP API, written the way the widely copied serverless example does:
every argument spelled out, the invoke permission with a lower-case `invokeFunction`."""
import pulumi
import pulumi_aws as aws

import iam

hello = aws.lambda_.Function(
    "hello",
    role=iam.lambda_role.arn,
    runtime="python3.12",
    handler="hello.handler",
    code=pulumi.AssetArchive({"hello.py": pulumi.StringAsset("def handler(e, c):\n    return {}\n")}),
)

http_api = aws.apigatewayv2.Api("hello-http", protocol_type="HTTP")

backend = aws.apigatewayv2.Integration(
    "hello-backend",
    api_id=http_api.id,
    integration_type="AWS_PROXY",
    connection_type="INTERNET",
    description="Lambda behind the HTTP API",
    integration_method="POST",
    integration_uri=hello.arn,
    passthrough_behavior="WHEN_NO_MATCH",
)

route = aws.apigatewayv2.Route(
    "hello-route",
    api_id=http_api.id,
    route_key="ANY /{proxy+}",
    target=backend.id.apply(lambda integration_id: "integrations/" + integration_id),
)

aws.apigatewayv2.Stage("hello-stage", api_id=http_api.id, name="$default", auto_deploy=True)

aws.lambda_.Permission(
    "hello-http-invoke",
    action="lambda:invokeFunction",
    function=hello.name,
    principal="apigateway.amazonaws.com",
    source_arn=http_api.execution_arn.apply(lambda arn: arn + "/*/*"),
)

pulumi.export("endpoint", http_api.api_endpoint)
