// C# twin of tests/programs/websocket_mock.py, as a Stack class
using System.Threading.Tasks;
using Pulumi;
using Aws = Pulumi.Aws;

class Program
{
    static Task<int> Main() => Deployment.RunAsync<ChatStack>();
}

class ChatStack : Stack
{
    private const string Proxy = "AWS_PROXY";

    public ChatStack()
    {
        var api = new Aws.ApiGatewayV2.Api("chat-api", new()
        {
            ProtocolType = "WEBSOCKET",
            RouteSelectionExpression = "$request.body.action",
        });
        new Aws.ApiGatewayV2.Integration("ping", new()
        {
            ApiId = api.Id,
            IntegrationType = "MOCK",
            TemplateSelectionExpression = "200",
            RequestTemplates = { ["200"] = @"{""statusCode"": 200}" },
        });

        var role = new Aws.Iam.Role("chat-role", new() { AssumeRolePolicy = "{}" });
        var chat = new Aws.Lambda.Function("chatFn", new()
        {
            Runtime = "python3.12",
            Handler = "app.handler",
            Role = role.Arn,
            Code = new FileArchive("./app"),
        });
        new Aws.Lambda.Permission("chat-invoke", new()
        {
            Action = "lambda:InvokeFunction",
            Function = chat.Name,
            Principal = "apigateway.amazonaws.com",
        });
        new Aws.ApiGatewayV2.Integration("chat", new()
        {
            ApiId = api.Id,
            IntegrationType = Proxy,
            IntegrationUri = chat.InvokeArn,
            ContentHandlingStrategy = "CONVERT_TO_TEXT",
        });
        new Aws.ApiGatewayV2.Integration("chat-slow", new()
        {
            ApiId = api.Id,
            IntegrationType = Proxy,
            IntegrationUri = chat.InvokeArn,
            TimeoutMilliseconds = 30000,
        });
        new Aws.ApiGatewayV2.Integration("chat-function-arn", new()
        {
            ApiId = api.Id,
            IntegrationType = Proxy,
            IntegrationUri = "arn:aws:lambda:us-east-1:123456789012:function:chat",
        });
    }
}
