// TypeScript twin of tests/programs/lambda_http.py
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("orders-role", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17" }),
});
const fn = new aws.lambda.Function("orders", {
    runtime: "python3.12",
    handler: "app.handler",
    role: role.arn,
    code: new pulumi.asset.FileArchive("./app"),
});
const api = new aws.apigatewayv2.Api("orders-api", { protocolType: "HTTP" });

new aws.lambda.Permission("orders-invoke", {
    action: "lambda:InvokeFunction",
    function: fn.name,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

const integration = new aws.apigatewayv2.Integration("orders-integration", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: fn.invokeArn,
    payloadFormatVersion: "2.0",
    timeoutMilliseconds: 30_000,
});
new aws.apigatewayv2.Route("orders-route", {
    apiId: api.id,
    routeKey: "GET /orders",
    target: pulumi.interpolate`integrations/${integration.id}`,
});

// Copied from a WebSocket example: passthrough behaviour means nothing to an HTTP API, and the
// REST API's 60 s timeout does not apply.
new aws.apigatewayv2.Integration("legacy-integration", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: fn.invokeArn,
    payloadFormatVersion: "2.0",
    passthroughBehavior: "WHEN_NO_TEMPLATES",
    timeoutMilliseconds: 60 * 1000,
});

// A second function nobody granted API Gateway access to.
const reports = new aws.lambda.Function("reports", {
    runtime: "python3.12",
    handler: "app.handler",
    role: role.arn,
    code: new pulumi.asset.FileArchive("./app"),
});
new aws.apigatewayv2.Integration("unpermitted-integration", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: reports.invokeArn,
    payloadFormatVersion: "2.0",
});
