"""A static site with a small API beside it, with the mistakes such first programs make: an
HTTP_PROXY integration pointed at a function ARN (it needs a URL; a Lambda wants AWS_PROXY), a
WebSocket-only content handling setting, an HTTP_PROXY without a method, and a timeout past the
HTTP API's 30 seconds."""
import json

import pulumi
import pulumi_aws as aws

site = aws.s3.Bucket("site", website=aws.s3.BucketWebsiteArgs(index_document="index.html"))

lambda_role = aws.iam.Role("visits-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))
visits_fn = aws.lambda_.Function(
    "visits",
    code=pulumi.FileArchive("visits.zip"),
    role=lambda_role.arn,
    handler="visits.handler",
    runtime="python3.12",
)

site_api = aws.apigatewayv2.Api("site-api", protocol_type="HTTP")

visits = aws.apigatewayv2.Integration(
    "visits",
    api_id=site_api.id,
    content_handling_strategy="CONVERT_TO_TEXT",
    integration_type="HTTP_PROXY",
    integration_method="GET",
    integration_uri=visits_fn.arn,
)
pricing = aws.apigatewayv2.Integration(
    "pricing",
    api_id=site_api.id,
    integration_type="HTTP_PROXY",
    integration_uri="https://pricing.example.com/v2/quote",
    timeout_milliseconds=30_001,
)

aws.apigatewayv2.Route("visits-get", api_id=site_api.id, route_key="GET /visits",
                       target=visits.id.apply(lambda i: f"integrations/{i}"))
aws.apigatewayv2.Route("pricing-get", api_id=site_api.id, route_key="GET /quote",
                       target=pricing.id.apply(lambda i: f"integrations/{i}"))
aws.apigatewayv2.Stage("site-api-stage", api_id=site_api.id, name="$default", auto_deploy=True)

pulumi.export("site", pulumi.Output.concat("http://", site.website_endpoint))
