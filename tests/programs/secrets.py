"""Secret inputs (`pulumi.Output.secret`): the values are still checked, and never printed."""
# expect: private-backend APIGW030
# expect: secret-map APIGW031
# expect: secret-api
import pulumi
from pulumi import Output

import pulumi_aws as aws

api = aws.apigatewayv2.Api("http", protocol_type="HTTP")

aws.apigatewayv2.Integration(
    "private-backend", api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",
    integration_uri=pulumi.Output.secret("https://internal.example.com/orders"),
    timeout_milliseconds=Output.secret(45000))

aws.apigatewayv2.Integration(
    "secret-map", api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",
    integration_uri="https://example.com",
    request_parameters={"append:header.x-key": pulumi.Output.secret("$request.header.x"),
                        "header.bad": "static"})

# The API's id secret-wrapped: still that API.
aws.apigatewayv2.Integration(
    "secret-api", api_id=pulumi.Output.secret(api.id), integration_type="HTTP_PROXY",
    integration_method="ANY", integration_uri="https://example.com")
