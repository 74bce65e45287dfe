"""An HTTP API that fronts public backends: a configured host, a static website bucket and an
EC2 instance, with URLs built by f-string, Output.concat and apply."""
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
legacy_host = config.require("legacyHost")

site = aws.s3.Bucket("docs-site", website=aws.s3.BucketWebsiteArgs(index_document="index.html"))
box = aws.ec2.Instance("api-box", ami="ami-0abcdef1234567890", instance_type="t3.small",
                       associate_public_ip_address=True)

edge = aws.apigatewayv2.Api("edge", protocol_type="HTTP")

legacy = aws.apigatewayv2.Integration(
    "legacy-proxy",
    api_id=edge.id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    integration_uri=f"https://{legacy_host}/{{proxy}}",
    request_parameters={"overwrite:header.x-edge-source": "edge-gateway"},
)
docs = aws.apigatewayv2.Integration(
    "docs-proxy",
    api_id=edge.id,
    integration_type="HTTP_PROXY",
    integration_method="GET",
    integration_uri=pulumi.Output.concat("http://", site.website_endpoint, "/{proxy}"),
)
box_proxy = aws.apigatewayv2.Integration(
    "box-proxy",
    api_id=edge.id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    integration_uri=box.public_ip.apply(lambda ip: f"http://{ip}:8080/{{proxy}}"),
    timeout_milliseconds=29_000,
    response_parameters=[aws.apigatewayv2.IntegrationResponseParameterArgs(
        status_code="500", mappings={"overwrite:statuscode": "503"})],
)

for path, target in (("legacy", legacy), ("docs", docs), ("box", box_proxy)):
    aws.apigatewayv2.Route(f"{path}-route", api_id=edge.id, route_key=f"ANY /{path}/{{proxy+}}",
                           target=pulumi.Output.concat("integrations/", target.id))
