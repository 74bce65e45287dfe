"""Who may invoke what: API Gateway may invoke every function of the service."""
import pulumi_aws as aws

import lambdas
from api import http_api

for label, fn in (("list", lambdas.list_orders), ("create", lambdas.create_order)):
    aws.lambda_.Permission(
        f"orders-{label}-apigw",
        statement_id="AllowApiGateway",
        action="lambda:InvokeFunction",
        function=fn.arn,
        principal="apigateway.amazonaws.com",
        source_arn=http_api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
    )
