"""HTTP API to SQS (AWS service integration), arguments shared through **kwargs and args objects."""
import pulumi
import pulumi_aws as aws
from pulumi_aws import apigatewayv2 as apigw

queue = aws.sqs.Queue("orders")
role = aws.iam.Role(
    "apigw-sqs",
    assume_role_policy="""{"Version": "2012-10-17", "Statement": [{"Action": "sts:AssumeRole",
    "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}}]}""",
)
api = apigw.Api("queue-api", args=apigw.ApiArgs(protocol_type="HTTP"))

COMMON = dict(api_id=api.id, integration_type="AWS_PROXY", credentials_arn=role.arn)

send = apigw.Integration(
    "send",
    **COMMON,
    integration_subtype="SQS-SendMessage",
    request_parameters={"QueueUrl": queue.url, "MessageBody": "$request.body"},
)
receive = apigw.Integration(
    "receive",
    apigw.IntegrationArgs(
        **COMMON,
        integration_subtype="SQS-ReceiveMessage",
        request_parameters={"QueueUrl": queue.url},
    ),
)
settings = pulumi.Config().get_object("integration") or {}
tuned = apigw.Integration("tuned", api_id=api.id, integration_type="HTTP_PROXY",
                          integration_method="ANY", integration_uri="https://example.com/{proxy}",
                          **settings)
