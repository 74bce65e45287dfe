// The styles of public C# programs: global usings, a Stack-less RunAsync, helpers, loops.
using System.Collections.Generic;
using Styles;
using Lambda = Pulumi.Aws.Lambda;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var http = new Api("http", new ApiArgs { ProtocolType = "HTTP" });

    new Integration("proxy-a", new IntegrationArgs
    {
        ApiId = http.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        IntegrationUri = Output.Format($"ftp://{Settings.Backend}/{http.Id}"),
        TimeoutMilliseconds = Settings.Timeout,
    });

    var timeout = 1_000;
    timeout = 60_000;  // reassigned: its value is not known
    new Gw.Integration("reassigned", new()
    {
        ApiId = http.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        IntegrationUri = $"https://{Settings.Backend}",
        TimeoutMilliseconds = timeout,
        PayloadFormatVersion = config.Require("payload"),
    });

    var args = new IntegrationArgs
    {
        ApiId = http.Id,
        IntegrationType = "HTTP_PROXY",
        IntegrationMethod = "ANY",
        IntegrationUri = Settings.Mutable + "example.com",
        PayloadFormatVersion = "3.0",
    };
    new Integration("from-args", args);

    var changed = new IntegrationArgs { ApiId = http.Id, IntegrationType = "MOCK" };
    changed.PayloadFormatVersion = "3.0";  // changed after it is made: not read
    new Integration("changed-args", changed);

    foreach (var name in new[] { "a", "b" })
    {
        new Integration($"loop-{name}", new()
        {
            ApiId = http.Id,
            IntegrationType = "HTTP_PROXY",
            IntegrationMethod = "ANY",
            IntegrationUri = "https://example.com",
            TlsConfig = new Pulumi.Aws.ApiGatewayV2.Inputs.IntegrationTlsConfigArgs
            {
                ServerNameToVerify = "example.com",
            },
        });
    }

    Helpers.Proxy(http, "https://example.com");

    var fn = new Lambda.Function("handler", new() { Runtime = "dotnet8", Handler = "h" });
    new Integration("typo", new()
    {
        ApiId = http.Id,
        IntergrationType = "AWS_PROXY",
        IntegrationUri = fn.InvokeArn,
        PayloadFormatVersion = "2.0",
    });
});

static class Helpers
{
    // A parameter's value is not known here (no call site is followed): only the literals are.
    public static Integration Proxy(Api api, string uri) =>
        new("helper", new IntegrationArgs
        {
            ApiId = api.Id,
            IntegrationType = "HTTP_PROXY",
            IntegrationMethod = "ANY",
            IntegrationUri = uri,
            TimeoutMilliseconds = 31_000,
        });
}
