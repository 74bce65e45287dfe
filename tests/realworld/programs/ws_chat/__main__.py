"""A WebSocket chat: $connect, $disconnect and $default, each a Lambda proxy integration (the
pass-through behaviour written out is the default, which changes nothing)."""
import pulumi
import pulumi_aws as aws

from handlers import on_connect, on_disconnect, on_message

socket_api = aws.apigatewayv2.Api(
    "chat-socket",
    protocol_type="WEBSOCKET",
    route_selection_expression="$request.body.action",
)
stage = aws.apigatewayv2.Stage("chat-live", api_id=socket_api.id, name="live", auto_deploy=True)

ROUTES = {
    "$connect": on_connect,
    "$disconnect": on_disconnect,
    "$default": on_message,
}

for route_key, fn in ROUTES.items():
    slug = route_key.lstrip("$")
    integration = aws.apigatewayv2.Integration(
        f"chat-{slug}",
        api_id=socket_api.id,
        integration_type="AWS_PROXY",
        integration_uri=fn.invoke_arn,
        content_handling_strategy="CONVERT_TO_TEXT",
        passthrough_behavior="WHEN_NO_MATCH",
    )
    aws.apigatewayv2.Route(
        f"chat-{slug}-route",
        api_id=socket_api.id,
        route_key=route_key,
        target=pulumi.Output.concat("integrations/", integration.id),
    )
    aws.lambda_.Permission(
        f"chat-{slug}-invoke",
        action="lambda:InvokeFunction",
        function=fn.name,
        principal="apigateway.amazonaws.com",
        source_arn=pulumi.Output.concat(socket_api.execution_arn, "/", stage.name, "/", route_key),
    )

pulumi.export("url", stage.invoke_url)
