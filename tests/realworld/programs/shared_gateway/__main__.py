"""A team's routes on a gateway that another stack owns: the API id comes from a stack reference,
so its protocol is unknown here. A timeout above 30 s is wrong for either protocol."""
import pulumi
import pulumi_aws as aws

platform = pulumi.StackReference(pulumi.Config().require("platformStack"))
gateway_id = platform.get_output("gatewayId")

search = aws.apigatewayv2.Integration(
    "team-search",
    api_id=gateway_id,
    integration_type="HTTP_PROXY",
    integration_method="ANY",
    integration_uri="https://search.team.example.com/{proxy}",
    timeout_milliseconds=60_000,
)
reports = aws.apigatewayv2.Integration(
    "team-reports",
    api_id=gateway_id,
    integration_type="HTTP_PROXY",
    integration_method="GET",
    integration_uri="https://reports.team.example.com",
    timeout_milliseconds=29_500,
)
