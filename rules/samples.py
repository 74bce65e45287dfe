"""Realistic integration configs the catalogue's examples start from (camelCase, as written)."""
from __future__ import annotations

FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders"
INVOKE_ARN = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:123456789012:function:chat/invocations")
ROLE_ARN = "arn:aws:iam::123456789012:role/apigw-sqs"
LISTENER_ARN = ("arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                "listener/app/internal/50dc6c495c0c9188/f2f7dc8efc522ab2")
LOAD_BALANCER_ARN = ("arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                     "loadbalancer/app/internal/50dc6c495c0c9188")

HTTP_LAMBDA = {"integrationType": "AWS_PROXY", "integrationUri": FUNCTION_ARN,
               "payloadFormatVersion": "2.0"}
WS_LAMBDA = {"integrationType": "AWS_PROXY", "integrationUri": INVOKE_ARN}
WS_LAMBDA_CUSTOM = {"integrationType": "AWS", "integrationUri": INVOKE_ARN,
                    "templateSelectionExpression": "$default",
                    "requestTemplates": {"$default": '{"action": "$input.json(\'$.action\')"}'}}
HTTP_PUBLIC = {"integrationType": "HTTP_PROXY", "integrationMethod": "ANY",
               "integrationUri": "https://backend.example.com/{proxy}"}
WS_HTTP = {"integrationType": "HTTP", "integrationMethod": "POST",
           "integrationUri": "https://backend.example.com/messages"}
HTTP_PRIVATE = {"integrationType": "HTTP_PROXY", "integrationMethod": "ANY",
                "connectionType": "VPC_LINK", "connectionId": "abc123",
                "integrationUri": LISTENER_ARN}
WS_PRIVATE = {"integrationType": "HTTP_PROXY", "integrationMethod": "POST",
              "connectionType": "VPC_LINK", "connectionId": "vpclnk1",
              "integrationUri": "http://internal-nlb-123.elb.us-east-1.amazonaws.com/connect"}
SQS_SEND = {"integrationType": "AWS_PROXY", "integrationSubtype": "SQS-SendMessage",
            "credentialsArn": ROLE_ARN,
            "requestParameters": {
                "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
                "MessageBody": "$request.body.message"}}
START_SYNC = {"integrationType": "AWS_PROXY",
              "integrationSubtype": "StepFunctions-StartSyncExecution",
              "credentialsArn": ROLE_ARN,
              "requestParameters": {"Input": "$request.body"}}
WS_MOCK = {"integrationType": "MOCK", "templateSelectionExpression": "200",
           "requestTemplates": {"200": '{"statusCode": 200}'}}
