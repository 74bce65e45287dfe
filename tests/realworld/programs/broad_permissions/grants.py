"""Permissions written in the other spellings IAM accepts: a service wildcard, a full wildcard
and an action in another letter case all let API Gateway invoke the function."""
import pulumi_aws as aws

from functions import admin_fn, metrics_fn, webhook_fn

aws.lambda_.Permission("admin-any-lambda", action="lambda:*", function=admin_fn.arn,
                       principal="apigateway.amazonaws.com")
aws.lambda_.Permission("metrics-everything", action="*", function=metrics_fn.name,
                       principal="apigateway.amazonaws.com")
aws.lambda_.Permission("webhook-upper", action="LAMBDA:INVOKEFUNCTION", function=webhook_fn.name,
                       principal="apigateway.amazonaws.com")
