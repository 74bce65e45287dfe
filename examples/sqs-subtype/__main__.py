"""An HTTP API that sends request bodies to an SQS queue (an AWS service integration): no finding."""
import json

import pulumi
import pulumi_aws as aws
from pulumi_aws import apigatewayv2 as apigw

queue = aws.sqs.Queue("orders")
role = aws.iam.Role(
    "apigw-to-sqs",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                       "Principal": {"Service": "apigateway.amazonaws.com"}}],
    }),
)
aws.iam.RolePolicy(
    "send-message",
    role=role.id,
    policy=queue.arn.apply(lambda arn: json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": arn}],
    })),
)

api = apigw.Api("orders", args=apigw.ApiArgs(protocol_type="HTTP"))
send = apigw.Integration(
    "send-order",
    apigw.IntegrationArgs(
        api_id=api.id,
        integration_type="AWS_PROXY",
        integration_subtype="SQS-SendMessage",
        credentials_arn=role.arn,
        request_parameters={
            "QueueUrl": queue.url,
            "MessageBody": "$request.body",
        },
    ),
)
apigw.Route("post-order", api_id=api.id, route_key="POST /orders",
            target=send.id.apply(lambda id: f"integrations/{id}"))

pulumi.export("queue", queue.url)
