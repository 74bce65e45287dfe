"""The project's one HTTP API and its stage."""
import pulumi_aws as aws

http_api = aws.apigatewayv2.Api(
    "orders-http",
    protocol_type="HTTP",
    cors_configuration=aws.apigatewayv2.ApiCorsConfigurationArgs(
        allow_origins=["https://shop.example.com"], allow_methods=["GET", "POST"]),
)
stage = aws.apigatewayv2.Stage("orders-prod", api_id=http_api.id, name="prod", auto_deploy=True)
