// C# twin of tests/programs/lambda_http.py
using System.Collections.Generic;
using System.Text.Json;
using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var role = new Aws.Iam.Role("orders-role", new()
    {
        AssumeRolePolicy = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Version"] = "2012-10-17",
        }),
    });
    var fn = new Aws.Lambda.Function("orders", new()
    {
        Runtime = "python3.12",
        Handler = "app.handler",
        Role = role.Arn,
        Code = new FileArchive("./app"),
    });
    var api = new Aws.ApiGatewayV2.Api("orders-api", new() { ProtocolType = "HTTP" });

    new Aws.Lambda.Permission("orders-invoke", new()
    {
        Action = "lambda:InvokeFunction",
        Function = fn.Name,
        Principal = "apigateway.amazonaws.com",
        SourceArn = Output.Format($"{api.ExecutionArn}/*/*"),
    });

    var integration = new Aws.ApiGatewayV2.Integration("orders-integration", new()
    {
        ApiId = api.Id,
        IntegrationType = "AWS_PROXY",
        IntegrationUri = fn.InvokeArn,
        PayloadFormatVersion = "2.0",
        TimeoutMilliseconds = 30_000,
    });
    new Aws.ApiGatewayV2.Route("orders-route", new()
    {
        ApiId = api.Id,
        RouteKey = "GET /orders",
        Target = Output.Format($"integrations/{integration.Id}"),
    });

    // Copied from a WebSocket example: passthrough behaviour means nothing to an HTTP API, and
    // the REST API's 60 s timeout does not apply.
    new Aws.ApiGatewayV2.Integration("legacy-integration", new Aws.ApiGatewayV2.IntegrationArgs
    {
        ApiId = api.Id,
        IntegrationType = "AWS_PROXY",
        IntegrationUri = fn.InvokeArn,
        PayloadFormatVersion = "2.0",
        PassthroughBehavior = "WHEN_NO_TEMPLATES",
        TimeoutMilliseconds = 60 * 1000,
    });

    // A second function nobody granted API Gateway access to.
    var reports = new Aws.Lambda.Function("reports", new()
    {
        Runtime = "python3.12",
        Handler = "app.handler",
        Role = role.Arn,
        Code = new FileArchive("./app"),
    });
    new Aws.ApiGatewayV2.Integration("unpermitted-integration", new()
    {
        ApiId = api.Id,
        IntegrationType = "AWS_PROXY",
        IntegrationUri = reports.InvokeArn,
        PayloadFormatVersion = "2.0",
    });
});
