"""Three functions of the back office."""
import json

import pulumi
import pulumi_aws as aws

role = aws.iam.Role("office-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))

admin_fn = aws.lambda_.Function("admin", runtime="python3.12", handler="admin.handler",
                                role=role.arn, code=pulumi.FileArchive("./admin"))
metrics_fn = aws.lambda_.Function("metrics", runtime="python3.12", handler="metrics.handler",
                                  role=role.arn, code=pulumi.FileArchive("./metrics"))
webhook_fn = aws.lambda_.Function("webhook", runtime="python3.12", handler="webhook.handler",
                                  role=role.arn, code=pulumi.FileArchive("./webhook"))
