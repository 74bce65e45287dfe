"""A feed API; its integrations live in a module written with Python 3.12 syntax."""
import pulumi
import pulumi_aws as aws

from registry import feed_api, integrations

for key, integration in integrations.items.items():
    aws.apigatewayv2.Route(key.replace(" ", "").replace("/", "-").lower(), api_id=feed_api.id,
                           route_key=key, target=integration.id.apply(lambda i: f"integrations/{i}"))

pulumi.export("url", feed_api.api_endpoint)
