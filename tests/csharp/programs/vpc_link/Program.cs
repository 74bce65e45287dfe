// C# twin of tests/programs/vpc_link.py
using System.Collections.Generic;
using Pulumi;
using Pulumi.Aws.ApiGatewayV2;
using Pulumi.Aws.ApiGatewayV2.Inputs;
using Aws = Pulumi.Aws;
using VpcLinkTwin;

return await Deployment.RunAsync(() =>
{
    var group = new Aws.Ec2.SecurityGroup("link-sg", new() { VpcId = Network.VpcId });
    var alb = new Aws.LB.LoadBalancer("internal", new()
    {
        Internal = true,
        LoadBalancerType = "application",
        Subnets = Network.Subnets,
        SecurityGroups = { group.Id },
    });
    var https = new Aws.LB.Listener("https", new()
    {
        LoadBalancerArn = alb.Arn,
        Port = 443,
        Protocol = "HTTPS",
    });
    var link = new VpcLink("link", new()
    {
        SubnetIds = Network.Subnets,
        SecurityGroupIds = { group.Id },
    });
    var api = new Api("private-api", new ApiArgs { ProtocolType = "HTTP" });

    new Integration("private-orders", new IntegrationArgs
    {
        ApiId = api.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        ConnectionType = "VPC_LINK",
        ConnectionId = link.Id,
        IntegrationUri = https.Arn,
        TlsConfig = new IntegrationTlsConfigArgs { ServerNameToVerify = Network.ServerName },
        RequestParameters =
        {
            { "overwrite:path", "/orders/$request.path.id" },
            { "append:header.x-request-source", "apigw" },
        },
    });

    var nlb = new Aws.LB.LoadBalancer("internal-nlb", new()
    {
        Internal = true,
        LoadBalancerType = "network",
        Subnets = Network.Subnets,
    });
    var oldLink = new Aws.ApiGateway.VpcLink("old-link", new() { TargetArn = nlb.Arn });
    new Integration("private-old-link", new IntegrationArgs
    {
        ApiId = api.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        ConnectionType = "VPC_LINK",
        ConnectionId = oldLink.Id,
        IntegrationUri = https.Arn,
    });

    new Integration("private-reserved-header", new IntegrationArgs
    {
        ApiId = api.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        ConnectionType = "VPC_LINK",
        ConnectionId = link.Id,
        IntegrationUri = https.Arn,
        RequestParameters = new Dictionary<string, string>
        {
            ["overwrite:header.x-amz-date"] = "now",
        },
    });
});
