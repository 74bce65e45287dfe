"""Lambda functions of the orders service."""
import json

import pulumi
import pulumi_aws as aws

_role = aws.iam.Role("orders-fn-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))


def _function(name: str) -> aws.lambda_.Function:
    return aws.lambda_.Function(name, runtime="python3.12", handler=f"{name.replace('-', '_')}.handler",
                                role=_role.arn, code=pulumi.FileArchive("./functions"))


list_orders = _function("list-orders")
create_order = _function("create-order")
