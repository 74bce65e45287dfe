"""WebSocket API with a MOCK integration answering from templates, and a Lambda route."""
# expect: ping
# expect: chat
# expect: chat-slow APIGW030
# expect: chat-function-arn APIGW018
import pulumi
import pulumi_aws as aws

api = aws.apigatewayv2.Api("chat-api", protocol_type="WEBSOCKET",
                           route_selection_expression="$request.body.action")

aws.apigatewayv2.Integration(
    "ping", api_id=api.id, integration_type="MOCK",
    template_selection_expression="200",
    request_templates={"200": '{"statusCode": 200}'})

role = aws.iam.Role("chat-role", assume_role_policy="{}")
fn = aws.lambda_.Function("chat", runtime="python3.12", handler="app.handler", role=role.arn,
                          code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("chat-invoke", action="lambda:InvokeFunction", function=fn.name,
                       principal="apigateway.amazonaws.com")

aws.apigatewayv2.Integration(
    "chat", api_id=api.id, integration_type="AWS_PROXY", integration_uri=fn.invoke_arn,
    content_handling_strategy="CONVERT_TO_TEXT")

# 30 s is the HTTP API maximum; WebSocket integrations stop at 29 s.
aws.apigatewayv2.Integration(
    "chat-slow", api_id=api.id, integration_type="AWS_PROXY", integration_uri=fn.invoke_arn,
    timeout_milliseconds=30000)

# WebSocket APIs take the invoke ARN, not the function ARN.
aws.apigatewayv2.Integration(
    "chat-function-arn", api_id=api.id, integration_type="AWS_PROXY",
    integration_uri="arn:aws:lambda:us-east-1:123456789012:function:chat")
