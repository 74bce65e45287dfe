// Integrations made in a component, a helper, an arrow function and a loop, as public programs do.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { backendUrl, DEFAULT_TIMEOUT } from "./settings";

const config = new pulumi.Config();
const shared = new pulumi.StackReference("org/shared/prod");
const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
const ws = new aws.apigatewayv2.Api("ws", { protocolType: "WEBSOCKET" });

class Backend extends pulumi.ComponentResource {
    constructor(name: string, api: aws.apigatewayv2.Api, timeout: number,
                opts?: pulumi.ComponentResourceOptions) {
        super("example:Backend", name, {}, opts);
        new aws.apigatewayv2.Integration(`${name}-proxy`, {
            apiId: api.id,
            integrationType: "HTTP_PROXY",
            integrationMethod: "ANY",
            integrationUri: backendUrl,
            timeoutMilliseconds: timeout,
        }, { parent: this });
    }
}
new Backend("orders", http, 45_000);  // every call agrees: http, 45000
new Backend("users", http, 45_000);

// Callers disagree on the protocol's API: only what holds for both is checked.
function mock(name: string, api: aws.apigatewayv2.Api) {
    return new aws.apigatewayv2.Integration(name, {
        apiId: api.id,
        integrationType: "MOCK",
        payloadFormatVersion: "2.0",
        timeoutMilliseconds: DEFAULT_TIMEOUT!,
    });
}
mock("mock-http", http);
mock("mock-ws", ws);

const makeProxy = (suffix: string) =>
    new aws.apigatewayv2.Integration(`proxy-${suffix}`, {
        apiId: http.id,
        integrationType: <string>"HTTP_PROXY",
        integrationMethod: "ANY",
        integrationUri: pulumi.interpolate`arn:aws:lambda:us-east-1:${shared.getOutput("account")}:function:f`,
    } satisfies aws.apigatewayv2.IntegrationArgs);
makeProxy("a");

for (const path of ["a", "b"]) {
    new aws.apigatewayv2.Integration(`loop-${path}`, {
        apiId: ws.id,
        integrationType: "AWS_PROXY",
        integrationUri: `arn:aws:apigateway:us-east-1:lambda:path/${path}`,
        timeoutMilliseconds: config.requireNumber("timeout"),
        tlsConfig: { serverNameToVerify: "example.com" },
    });
}

let method = "GET";
if (config.getBoolean("post")) {
    method = "POST";
}
new aws.apigatewayv2.Integration("reassigned", {
    apiId: http.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: method,
    integrationUri: shared.getOutput("url"),
    ["payloadFormat" + "Version"]: "3.0",
});
