"""An HTTP API reaching a private ALB through a VPC link (v2), the way ECS services are exposed."""
import pulumi
import pulumi_aws as aws

import network


class PrivateGateway(pulumi.ComponentResource):
    def __init__(self, name: str, listener_arn: pulumi.Input[str],
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("svc:edge:PrivateGateway", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.link = aws.apigatewayv2.VpcLink(
            f"{name}-link",
            subnet_ids=network.private_subnets,
            security_group_ids=[network.alb_sg.id],
            opts=child,
        )
        self.api = aws.apigatewayv2.Api(f"{name}-api", protocol_type="HTTP", opts=child)
        self.integration = aws.apigatewayv2.Integration(
            f"{name}-alb",
            api_id=self.api.id,
            integration_type="HTTP_PROXY",
            integration_method="ANY",
            integration_uri=listener_arn,
            connection_type="VPC_LINK",
            connection_id=self.link.id,
            payload_format_version="1.0",
            request_parameters={"overwrite:path": "$request.path"},
            timeout_milliseconds=30_000,
            opts=child,
        )
        aws.apigatewayv2.Route(f"{name}-proxy", api_id=self.api.id, route_key="ANY /{proxy+}",
                               target=self.integration.id.apply(lambda i: f"integrations/{i}"),
                               opts=child)
        self.register_outputs({})


gateway = PrivateGateway("svc", network.listener.arn)
pulumi.export("endpoint", gateway.api.api_endpoint)
