"""A WebSocket API that relays messages to a service in a VPC: WebSocket private integrations use
a REST (v1) VPC link to a network load balancer, and the load balancer's URL."""
import pulumi
import pulumi_aws as aws

settings = pulumi.Config()
subnet_ids = settings.require_object("subnetIds")

relay_nlb = aws.lb.LoadBalancer("relay-nlb", internal=True, load_balancer_type="network",
                                subnets=subnet_ids)
relay_link = aws.apigateway.VpcLink("relay-link", name="relay-link", target_arn=relay_nlb.arn)

socket = aws.apigatewayv2.Api("relay-socket", protocol_type="WEBSOCKET",
                              route_selection_expression="$request.body.action")

relay = aws.apigatewayv2.Integration(
    "relay-backend",
    api_id=socket.id,
    integration_type="HTTP_PROXY",
    integration_method="POST",
    integration_uri=pulumi.Output.concat("http://", relay_nlb.dns_name, ":8080/messages"),
    connection_type="VPC_LINK",
    connection_id=relay_link.id,
    request_parameters={
        "integration.request.header.X-Connection-Id": "context.connectionId",
        "integration.request.header.X-Source": "'websocket'",
    },
    timeout_milliseconds=29_000,
)

aws.apigatewayv2.Route("relay-default", api_id=socket.id, route_key="$default",
                       target=relay.id.apply(lambda i: f"integrations/{i}"))
