// JavaScript twin of tests/programs/websocket_mock.py (CommonJS require).
"use strict";
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");

const api = new aws.apigatewayv2.Api("chat-api", {
    protocolType: "WEBSOCKET",
    routeSelectionExpression: "$request.body.action",
});

new aws.apigatewayv2.Integration("ping", {
    apiId: api.id,
    integrationType: "MOCK",
    templateSelectionExpression: "200",
    requestTemplates: { "200": '{"statusCode": 200}' },
});

const role = new aws.iam.Role("chat-role", { assumeRolePolicy: "{}" });
const fn = new aws.lambda.Function("chat", {
    runtime: "python3.12",
    handler: "app.handler",
    role: role.arn,
    code: new pulumi.asset.FileArchive("./app"),
});
new aws.lambda.Permission("chat-invoke", {
    action: "lambda:InvokeFunction",
    function: fn.name,
    principal: "apigateway.amazonaws.com",
});

new aws.apigatewayv2.Integration("chat", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: fn.invokeArn,
    contentHandlingStrategy: "CONVERT_TO_TEXT",
});

// 30 s is the HTTP API maximum; WebSocket integrations stop at 29 s.
new aws.apigatewayv2.Integration("chat-slow", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: fn.invokeArn,
    timeoutMilliseconds: 30000,
});

// WebSocket APIs take the invoke ARN, not the function ARN.
new aws.apigatewayv2.Integration("chat-function-arn", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: "arn:aws:lambda:us-east-1:123456789012:function:chat",
});
