"""Integrations on an API the program does not create (its id comes from stack config)."""
# expect: shared-proxy
# expect: confused APIGW047
import pulumi
import pulumi_aws as aws

api_id = pulumi.Config().get("apiId") or pulumi.Output.secret("abcdef1234")

aws.apigatewayv2.Integration(
    "shared-proxy", api_id=api_id, integration_type="HTTP_PROXY", integration_method="ANY",
    integration_uri="https://backend.example.com/{proxy}", timeout_milliseconds=29000)

# Request templates (WebSocket only) and a response mapping (HTTP only): right for no API.
aws.apigatewayv2.Integration(
    "confused", api_id=api_id, integration_type="HTTP_PROXY", integration_method="POST",
    integration_uri="https://backend.example.com/hook",
    request_templates={"application/json": "$input.body"},
    response_parameters=[{"status_code": "500",
                          "mappings": {"overwrite:statuscode": "503"}}])
