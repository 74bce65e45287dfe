// A WebSocket API whose $connect route runs a Lambda function. One real mistake: the
// integration's URI is the function's ARN, where API Gateway needs its invoke ARN (APIGW018).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { handlerRole } from "./iam";

const api = new aws.apigatewayv2.Api("chat", {
    protocolType: "WEBSOCKET",
    routeSelectionExpression: "$request.body.action",
});

const connect = new aws.lambda.Function("connect", {
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: handlerRole.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(
            "exports.handler = async () => ({ statusCode: 200 });"),
    }),
});

new aws.lambda.Permission("connect-invoke", {
    action: "lambda:InvokeFunction",
    function: connect.name,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

const integration = new aws.apigatewayv2.Integration("connect", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: connect.arn,
    timeoutMilliseconds: 10_000,
});

new aws.apigatewayv2.Route("connect", {
    apiId: api.id,
    routeKey: "$connect",
    target: pulumi.interpolate`integrations/${integration.id}`,
});

export const url = api.apiEndpoint;
