"""HTTP proxy routes to a backend read from config, made by a helper function."""
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
backend_url = config.require("backendUrl")
stage = pulumi.get_stack()

api = aws.apigatewayv2.Api("proxy", protocol_type="HTTP")

FORWARDED = {
    "append:header.X-Forwarded-For": "$context.identity.sourceIp",
    "overwrite:header.x-request-id": "$context.requestId",
}


def proxy(path: str, method: str = "ANY", timeout: int = 29000) -> aws.apigatewayv2.Integration:
    return aws.apigatewayv2.Integration(
        f"proxy-{path}",
        api_id=api.id,
        integration_type="HTTP_PROXY",
        integration_method=method,
        integration_uri=f"{backend_url}/{path}",
        timeout_milliseconds=timeout,
        request_parameters=FORWARDED,
    )


users = proxy("users")
orders = proxy("orders", method="GET")
