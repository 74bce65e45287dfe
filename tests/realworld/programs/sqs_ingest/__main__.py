"""POST /events puts the request body on an SQS queue, with no Lambda in between."""
import pulumi
import pulumi_aws as aws

queue = aws.sqs.Queue("ingest", visibility_timeout_seconds=60)

apigw_role = aws.iam.Role(
    "ingest-apigw",
    assume_role_policy=pulumi.Output.json_dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"Service": "apigateway.amazonaws.com"}}],
    }),
)
aws.iam.RolePolicy(
    "ingest-send",
    role=apigw_role.id,
    policy=pulumi.Output.json_dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": queue.arn}],
    }),
)

api = aws.apigatewayv2.Api("ingest-api", protocol_type="HTTP")

send = aws.apigatewayv2.Integration(
    "ingest-send-message",
    api_id=api.id,
    integration_type="AWS_PROXY",
    integration_subtype="SQS-SendMessage",
    credentials_arn=apigw_role.arn,
    payload_format_version="1.0",
    request_parameters={
        "QueueUrl": queue.url,
        "MessageBody": "$request.body",
        "MessageGroupId": "$context.requestId",
    },
)

aws.apigatewayv2.Route("ingest-post", api_id=api.id, route_key="POST /events",
                       target=send.id.apply(lambda i: f"integrations/{i}"))
aws.apigatewayv2.Stage("ingest-default", api_id=api.id, name="$default", auto_deploy=True)
