import json

import pulumi
import pulumi_aws as aws

lambda_role = aws.iam.Role(
    "chat-lambda-role",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
        }],
    }),
)

CODE = pulumi.FileArchive("./handlers")


def handler(name: str, entry: str) -> aws.lambda_.Function:
    return aws.lambda_.Function(
        name,
        role=lambda_role.arn,
        runtime="python3.12",
        handler=entry,
        code=CODE,
    )


connect_fn = aws.lambda_.Function(
    "connect",
    role=lambda_role.arn,
    runtime="python3.12",
    handler="connect.handler",
    code=CODE,
)
message_fn = aws.lambda_.Function(
    "message",
    role=lambda_role.arn,
    runtime="python3.12",
    handler="message.handler",
    code=CODE,
)
