"""The chat's Lambda handlers, one per WebSocket route, sharing a role and a table."""
import json

import pulumi
import pulumi_aws as aws

connections = aws.dynamodb.Table(
    "connections",
    attributes=[aws.dynamodb.TableAttributeArgs(name="connectionId", type="S")],
    hash_key="connectionId",
    billing_mode="PAY_PER_REQUEST",
)

role = aws.iam.Role("chat-handlers", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))


def handler(name: str, entry: str) -> aws.lambda_.Function:
    return aws.lambda_.Function(
        name,
        runtime="nodejs20.x",
        handler=f"{entry}.handler",
        role=role.arn,
        code=pulumi.FileArchive("./app"),
        environment=aws.lambda_.FunctionEnvironmentArgs(
            variables={"TABLE": connections.name}),
    )


on_connect = handler("on-connect", "connect")
on_disconnect = handler("on-disconnect", "disconnect")
on_message = handler("on-message", "message")
