// An HTTP API with two routes: /orders runs a .NET Lambda function, /legacy proxies to an older
// HTTP backend. Two real mistakes: the Lambda integration keeps the REST API's 60 s timeout
// (HTTP APIs stop at 30 s: APIGW030), and the proxy integration asks for payload format 2.0,
// which only Lambda integrations take (APIGW011).
using System.Collections.Generic;
using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    const string LegacyHost = "legacy.example.com";

    var role = new Aws.Iam.Role("orders", new()
    {
        AssumeRolePolicy = Aws.Iam.GetPolicyDocument.Invoke(new()
        {
            Statements = new[]
            {
                new Aws.Iam.Inputs.GetPolicyDocumentStatementInputArgs
                {
                    Actions = { "sts:AssumeRole" },
                    Principals = new[]
                    {
                        new Aws.Iam.Inputs.GetPolicyDocumentStatementPrincipalInputArgs
                        {
                            Type = "Service",
                            Identifiers = { "lambda.amazonaws.com" },
                        },
                    },
                },
            },
        }).Apply(document => document.Json),
        ManagedPolicyArns = { "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" },
    });

    var orders = new Aws.Lambda.Function("orders", new()
    {
        Runtime = "dotnet8",
        Handler = "Orders::Orders.Function::Handle",
        Role = role.Arn,
        Code = new FileArchive(config.Get("ordersPackage") ?? "./orders/publish"),
        Timeout = 60,
    });

    var api = new Aws.ApiGatewayV2.Api("shop", new()
    {
        ProtocolType = "HTTP",
    });

    new Aws.Lambda.Permission("orders-invoke", new()
    {
        Action = "lambda:InvokeFunction",
        Function = orders.Name,
        Principal = "apigateway.amazonaws.com",
        SourceArn = Output.Format($"{api.ExecutionArn}/*/*"),
    });

    var ordersIntegration = new Aws.ApiGatewayV2.Integration("orders", new()
    {
        ApiId = api.Id,
        IntegrationType = "AWS_PROXY",
        IntegrationUri = orders.InvokeArn,
        PayloadFormatVersion = "2.0",
        TimeoutMilliseconds = 60_000,
    });

    var legacyIntegration = new Aws.ApiGatewayV2.Integration("legacy", new()
    {
        ApiId = api.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        IntegrationUri = $"https://{LegacyHost}/{{proxy}}",
        PayloadFormatVersion = "2.0",
        RequestParameters =
        {
            { "append:header.x-forwarded-by", "shop-api" },
        },
    });

    new Aws.ApiGatewayV2.Route("orders", new()
    {
        ApiId = api.Id,
        RouteKey = "ANY /orders/{proxy+}",
        Target = Output.Format($"integrations/{ordersIntegration.Id}"),
    });
    new Aws.ApiGatewayV2.Route("legacy", new()
    {
        ApiId = api.Id,
        RouteKey = "ANY /legacy/{proxy+}",
        Target = Output.Format($"integrations/{legacyIntegration.Id}"),
    });
    var stage = new Aws.ApiGatewayV2.Stage("default", new()
    {
        ApiId = api.Id,
        Name = "$default",
        AutoDeploy = true,
    });

    return new Dictionary<string, object?>
    {
        ["url"] = stage.InvokeUrl,
    };
});
