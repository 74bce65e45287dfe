"""Values the source cannot compute but whose shape it proves: resource outputs of a known kind and
strings built from a literal prefix. The pack sees most of them as unknown at preview."""
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
host = config.require("host")

fn = aws.lambda_.Function("fn", role="arn:aws:iam::123456789012:role/fn", runtime="python3.12",
                          handler="index.handler", code=pulumi.FileArchive("./app"))
aws.lambda_.Permission("invoke", action="lambda:InvokeFunction", function=fn.name,
                       principal="apigateway.amazonaws.com")
role = aws.iam.Role("sqs", assume_role_policy="{}")
nlb = aws.lb.LoadBalancer("nlb", internal=True, load_balancer_type="network",
                          subnets=["subnet-0a1b2c3d"])
listener = aws.lb.Listener("listener", load_balancer_arn=nlb.arn, port=80,
                           default_actions=[{"type": "forward", "target_group_arn": "tg"}])
endpoint = aws.ec2.VpcEndpoint("endpoint", vpc_id="vpc-0a1b2c3d", vpc_endpoint_type="Interface",
                               service_name="com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d")
link = aws.apigatewayv2.VpcLink("link", subnet_ids=["subnet-0a1b2c3d"],
                                security_group_ids=["sg-0a1b2c3d"])
ws_link = aws.apigateway.VpcLink("ws-link", target_arn=nlb.arn)
http = aws.apigatewayv2.Api("http", protocol_type="HTTP")
ws = aws.apigatewayv2.Api("ws", protocol_type="WEBSOCKET")

PUBLIC = dict(api_id=http.id, integration_type="HTTP_PROXY", integration_method="ANY")
PRIVATE = dict(PUBLIC, connection_type="VPC_LINK", connection_id=link.id)
WS_PRIVATE = dict(api_id=ws.id, integration_type="HTTP_PROXY", integration_method="POST",
                  connection_type="VPC_LINK", connection_id=ws_link.id)
SQS = dict(api_id=http.id, integration_type="AWS_PROXY", integration_subtype="SQS-SendMessage",
           request_parameters={"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/orders",
                               "MessageBody": "$request.body"})

# a function ARN, a host name and a Lambda ARN prefix are no http(s) URLs
aws.apigatewayv2.Integration("fn-arn", **PUBLIC, integration_uri=fn.arn)
aws.apigatewayv2.Integration("dns-name", **PUBLIC, integration_uri=nlb.dns_name)
aws.apigatewayv2.Integration("lambda-prefix", **PUBLIC,
                             integration_uri=f"arn:aws:lambda:us-east-1:{host}")
# a plain function ARN on a WebSocket API
aws.apigatewayv2.Integration("ws-fn-arn", api_id=ws.id, integration_type="AWS_PROXY",
                             integration_uri=fn.qualified_arn)
# URLs are no listener ARNs, however they are built
aws.apigatewayv2.Integration("endpoint-url", **PRIVATE, integration_uri=endpoint.dns_entries.apply(
    lambda entries: "http://" + entries[0]["dns_name"]))
aws.apigatewayv2.Integration("fstring", **PRIVATE, integration_uri=f"http://{host}/orders")
aws.apigatewayv2.Integration("plus", **PRIVATE, integration_uri="http://" + host)
aws.apigatewayv2.Integration("percent", **PRIVATE, integration_uri="http://%s/orders" % host)
aws.apigatewayv2.Integration("format", **PRIVATE, integration_uri="http://{}".format(host))
aws.apigatewayv2.Integration("concat", **PRIVATE,
                             integration_uri=pulumi.Output.concat("http://", nlb.dns_name))
aws.apigatewayv2.Integration("output-format", **PRIVATE,
                             integration_uri=pulumi.Output.format("http://{0}", nlb.dns_name))
aws.apigatewayv2.Integration("all-apply", **PRIVATE, integration_uri=pulumi.Output.all(
    nlb.dns_name, host).apply(lambda parts: f"http://{parts[0]}/{parts[1]}"))
# a function's ARN is no role; an SQS URL is no Lambda; a load balancer ARN is no URL
aws.apigatewayv2.Integration("role-fn", **SQS, credentials_arn=fn.arn)
aws.apigatewayv2.Integration("sqs-url", api_id=http.id, integration_type="AWS_PROXY",
                             payload_format_version="2.0",
                             integration_uri=f"https://sqs.{host}.amazonaws.com/orders")
aws.apigatewayv2.Integration("ws-lb-arn", **WS_PRIVATE, integration_uri=nlb.arn)

# fine, or not proven wrong
aws.apigatewayv2.Integration("https-ok", **PUBLIC, integration_uri=f"https://{host}/orders")
aws.apigatewayv2.Integration("listener-ok", **PRIVATE, integration_uri=listener.arn)
aws.apigatewayv2.Integration("role-ok", **SQS, credentials_arn=role.arn)
aws.apigatewayv2.Integration("ws-nlb-url", **WS_PRIVATE,
                             integration_uri=nlb.dns_name.apply(lambda name: f"http://{name}/ws"))
aws.apigatewayv2.Integration("disagree", **PUBLIC, integration_uri=fn.arn.apply(
    lambda arn: "https://" + arn if arn.startswith("x") else "arn:" + arn))
aws.apigatewayv2.Integration("arn-only", **PRIVATE,
                             integration_uri=pulumi.Output.concat("arn:", endpoint.id))
