"""Two services, each published through the LambdaHttpService component."""
import json

import pulumi
import pulumi_aws as aws

from infra.service import LambdaHttpService

role = aws.iam.Role("svc-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}],
}))

catalog_fn = aws.lambda_.Function("catalog", runtime="python3.12", handler="catalog.main",
                                  role=role.arn, code=pulumi.FileArchive("./catalog"))
billing_fn = aws.lambda_.Function("billing", runtime="python3.12", handler="billing.main",
                                  role=role.arn, code=pulumi.FileArchive("./billing"))

catalog = LambdaHttpService("catalog", catalog_fn)
billing = LambdaHttpService("billing", billing_fn)

pulumi.export("catalog_url", catalog.url)
pulumi.export("billing_url", billing.url)
