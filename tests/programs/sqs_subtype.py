"""HTTP API that sends request bodies to an SQS queue through the SQS-SendMessage subtype."""
# expect: enqueue
# expect: enqueue-incomplete APIGW004 APIGW007
# expect: enqueue-as-lambda APIGW019
import json

import pulumi_aws as aws

queue = aws.sqs.Queue("orders")
api = aws.apigatewayv2.Api("queue-api", protocol_type="HTTP")
role = aws.iam.Role("apigw-sqs", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "apigateway.amazonaws.com"}}]}))
aws.iam.RolePolicy("apigw-sqs-send", role=role.id, policy=queue.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": arn}]})))

aws.apigatewayv2.Integration(
    "enqueue", api_id=api.id, integration_type="AWS_PROXY",
    integration_subtype="SQS-SendMessage", credentials_arn=role.arn,
    payload_format_version="1.0",
    request_parameters={"QueueUrl": queue.url, "MessageBody": "$request.body"})

# No MessageBody and no role: AWS rejects both at deploy.
aws.apigatewayv2.Integration(
    "enqueue-incomplete", api_id=api.id, integration_type="AWS_PROXY",
    integration_subtype="SQS-SendMessage", request_parameters={"QueueUrl": queue.url})

# The subtype forgotten: AWS_PROXY alone means Lambda, and a queue URL is no Lambda ARN.
aws.apigatewayv2.Integration(
    "enqueue-as-lambda", api_id=api.id, integration_type="AWS_PROXY",
    integration_uri="https://sqs.us-east-1.amazonaws.com/123456789012/orders",
    payload_format_version="2.0")
