"""Back-office API; the invoke permissions are granted in grants.py."""
import pulumi_aws as aws

import grants  # noqa: F401
from functions import admin_fn, metrics_fn, webhook_fn

office = aws.apigatewayv2.Api("office-api", protocol_type="HTTP")

admin = aws.apigatewayv2.Integration("admin-backend", api_id=office.id,
                                     integration_type="AWS_PROXY",
                                     integration_uri=admin_fn.invoke_arn,
                                     payload_format_version="2.0")
metrics = aws.apigatewayv2.Integration("metrics-backend", api_id=office.id,
                                       integration_type="AWS_PROXY",
                                       integration_uri=metrics_fn.invoke_arn,
                                       payload_format_version="2.0")
webhook = aws.apigatewayv2.Integration("webhook-backend", api_id=office.id,
                                       integration_type="AWS_PROXY",
                                       integration_uri=webhook_fn.invoke_arn,
                                       payload_format_version="2.0")

for key, backend in (("ANY /admin/{proxy+}", admin), ("GET /metrics", metrics),
                     ("POST /webhook", webhook)):
    aws.apigatewayv2.Route(key.split()[1].strip("/").split("/")[0], api_id=office.id,
                           route_key=key, target=backend.id.apply(lambda i: f"integrations/{i}"))
