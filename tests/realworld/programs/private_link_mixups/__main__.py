"""Private integrations wired with the wrong target: an HTTP API VPC link needs a listener ARN
(or a Cloud Map service ARN), not the load balancer's ARN and not its DNS name; and a private
integration only speaks payload format 1.0."""
import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
subnets = cfg.require_object("subnetIds")

nlb = aws.lb.LoadBalancer("orders-nlb", internal=True, load_balancer_type="network",
                          subnets=subnets)
link = aws.apigatewayv2.VpcLink("orders-link", subnet_ids=subnets, security_group_ids=[])
api = aws.apigatewayv2.Api("orders-private", protocol_type="HTTP")

by_arn = aws.apigatewayv2.Integration(
    "orders-by-lb-arn",
    api_id=api.id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    connection_type="VPC_LINK",
    connection_id=link.id,
    integration_uri=nlb.arn,
)
by_dns = aws.apigatewayv2.Integration(
    "orders-by-dns",
    api_id=api.id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    connection_type="VPC_LINK",
    connection_id=link.id,
    integration_uri=pulumi.Output.concat("http://", nlb.dns_name),
    payload_format_version="2.0",
)

for key, target in (("ANY /a/{proxy+}", by_arn), ("ANY /b/{proxy+}", by_dns)):
    aws.apigatewayv2.Route(f"orders-{key[5]}", api_id=api.id, route_key=key,
                           target=target.id.apply(lambda i: f"integrations/{i}"))
