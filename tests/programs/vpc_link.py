"""HTTP API private integration: a VPC link to an internal ALB listener, with TLS and mappings."""
# expect: private-orders
# expect: private-old-link APIGW027
# expect: private-reserved-header APIGW032
import pulumi_aws as aws

vpc_subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
sg = aws.ec2.SecurityGroup("link-sg", vpc_id="vpc-0123456789abcdef0")
alb = aws.lb.LoadBalancer("internal", internal=True, load_balancer_type="application",
                          subnets=vpc_subnets, security_groups=[sg.id])
target_group = aws.lb.TargetGroup("orders", port=8443, protocol="HTTPS",
                                  vpc_id="vpc-0123456789abcdef0")
listener = aws.lb.Listener("https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                           certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc",
                           default_actions=[{"type": "forward",
                                             "target_group_arn": target_group.arn}])
link = aws.apigatewayv2.VpcLink("link", subnet_ids=vpc_subnets, security_group_ids=[sg.id])
api = aws.apigatewayv2.Api("private-api", protocol_type="HTTP")

aws.apigatewayv2.Integration(
    "private-orders", api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",
    connection_type="VPC_LINK", connection_id=link.id, integration_uri=listener.arn,
    tls_config={"server_name_to_verify": "orders.internal.example.com"},
    request_parameters={"overwrite:path": "/orders/$request.path.id",
                        "append:header.x-request-source": "apigw"})

# A REST API (v1) VPC link: HTTP APIs need an apigatewayv2 VPC link.
nlb = aws.lb.LoadBalancer("internal-nlb", internal=True, load_balancer_type="network",
                          subnets=vpc_subnets)
old_link = aws.apigateway.VpcLink("old-link", target_arn=nlb.arn)
aws.apigatewayv2.Integration(
    "private-old-link", api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",
    connection_type="VPC_LINK", connection_id=old_link.id, integration_uri=listener.arn)

# API Gateway owns x-amz-* headers: a mapping may not touch them.
aws.apigatewayv2.Integration(
    "private-reserved-header", api_id=api.id, integration_type="HTTP_PROXY",
    integration_method="ANY", connection_type="VPC_LINK", connection_id=link.id,
    integration_uri=listener.arn, request_parameters={"overwrite:header.x-amz-date": "now"})
