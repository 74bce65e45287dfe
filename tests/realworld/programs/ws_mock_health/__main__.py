"""A WebSocket API whose `ping` route is answered by API Gateway itself (MOCK), and whose other
messages go to a Lambda through a non-proxy AWS integration with a mapping template."""
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role("game-fn", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))
moves = aws.lambda_.Function("game-moves", runtime="nodejs20.x", handler="moves.handler",
                             role=role.arn, code=pulumi.FileArchive("./moves"))

game = aws.apigatewayv2.Api("game-socket", protocol_type="WEBSOCKET",
                            route_selection_expression="$request.body.action")

ping = aws.apigatewayv2.Integration(
    "game-ping",
    api_id=game.id,
    integration_type="MOCK",
    request_templates={"$default": json.dumps({"statusCode": 200})},
    template_selection_expression="\\$default",
)
aws.apigatewayv2.IntegrationResponse(
    "game-ping-response",
    api_id=game.id,
    integration_id=ping.id,
    integration_response_key="/200/",
)

move = aws.apigatewayv2.Integration(
    "game-move",
    api_id=game.id,
    integration_type="AWS",
    integration_method="POST",
    integration_uri=moves.invoke_arn,
    content_handling_strategy="CONVERT_TO_TEXT",
    passthrough_behavior="WHEN_NO_TEMPLATES",
    request_templates={"application/json": '{"player": $input.json(\'$.player\')}'},
    template_selection_expression="application/json",
)

aws.lambda_.Permission("game-moves-invoke", action="lambda:InvokeFunction",
                       function=moves.name, principal="apigateway.amazonaws.com",
                       source_arn=game.execution_arn.apply(lambda arn: f"{arn}/*/move"))

for key, target in (("ping", ping), ("move", move)):
    aws.apigatewayv2.Route(f"game-{key}", api_id=game.id, route_key=key,
                           target=target.id.apply(lambda i: f"integrations/{i}"))
