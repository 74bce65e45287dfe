"""The WebSocket API shared by the route modules."""
import pulumi_aws as aws

chat_api = aws.apigatewayv2.Api(
    "chat",
    protocol_type="WEBSOCKET",
    route_selection_expression="$request.body.action",
)
