"""The order events bus and the role API Gateway assumes to put events on it."""
import json

import pulumi
import pulumi_aws as aws

ACCOUNT_ID = pulumi.Config().require("accountId")
STACK = pulumi.get_stack()

bus = aws.cloudwatch.EventBus("orders-bus", name=f"orders-{STACK}")

bus_role = aws.iam.Role(
    "orders-bus-api",
    name=f"{STACK}-orders-bus-api",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"Service": "apigateway.amazonaws.com"}}],
    }),
    managed_policy_arns=["arn:aws:iam::aws:policy/AmazonEventBridgeFullAccess"],
)
