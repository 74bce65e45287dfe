"""Lambda permissions as public programs spell the action: IAM action names are case-insensitive,
and `lambda:*` and `*` grant invoke too. Only a permission for another action leaves a function
that API Gateway cannot invoke."""
# expect: lower-i
# expect: upper-case
# expect: service-wildcard
# expect: any-action
# expect: url-only APIGW021
# expect: read-only APIGW021
import pulumi
import pulumi_aws as aws

role = aws.iam.Role("handler-role", assume_role_policy="{}")
api = aws.apigatewayv2.Api("spellings-api", protocol_type="HTTP")

# the most copied example writes it this way
lower_i = aws.lambda_.Function("lower-i", runtime="python3.12", handler="app.handler",
                               role=role.arn, code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("lower-i-invoke", action="lambda:invokeFunction", function=lower_i.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("lower-i", api_id=api.id, integration_type="AWS_PROXY",
                             integration_uri=lower_i.invoke_arn, payload_format_version="2.0")

upper_case = aws.lambda_.Function("upper-case", runtime="python3.12", handler="app.handler",
                                  role=role.arn, code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("upper-case-invoke", action="LAMBDA:INVOKEFUNCTION",
                       function=upper_case.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("upper-case", api_id=api.id, integration_type="AWS_PROXY",
                             integration_uri=upper_case.invoke_arn, payload_format_version="2.0")

service_wildcard = aws.lambda_.Function("service-wildcard", runtime="python3.12",
                                        handler="app.handler",
                                        role=role.arn, code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("service-wildcard-invoke", action="lambda:*", function=service_wildcard.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("service-wildcard", api_id=api.id, integration_type="AWS_PROXY",
                             integration_uri=service_wildcard.invoke_arn,
                             payload_format_version="2.0")

any_action = aws.lambda_.Function("any-action", runtime="python3.12", handler="app.handler",
                                  role=role.arn, code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("any-action-invoke", action="*", function=any_action.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("any-action", api_id=api.id, integration_type="AWS_PROXY",
                             integration_uri=any_action.invoke_arn, payload_format_version="2.0")

# function URLs, not API Gateway's Invoke
url_only = aws.lambda_.Function("url-only", runtime="python3.12", handler="app.handler",
                                role=role.arn, code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("url-only-invoke", action="lambda:InvokeFunctionUrl", function=url_only.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("url-only", api_id=api.id, integration_type="AWS_PROXY",
                             integration_uri=url_only.invoke_arn, payload_format_version="2.0")

read_only = aws.lambda_.Function("read-only", runtime="python3.12", handler="app.handler",
                                 role=role.arn, code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("read-only-invoke", action="lambda:GetFunction", function=read_only.name,
                       principal="apigateway.amazonaws.com")
aws.apigatewayv2.Integration("read-only", api_id=api.id, integration_type="AWS_PROXY",
                             integration_uri=read_only.invoke_arn, payload_format_version="2.0")
