// Integrations in component classes and helpers taking destructured props.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { lambdaRoute, mockRoute } from "./routes";

const code = new pulumi.asset.AssetArchive({});
const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
const ws = new aws.apigatewayv2.Api("ws", { protocolType: "WEBSOCKET" });

interface ChatArgs { timeout: number; stage?: string }

// The constructor assigns this.api and this.handler once, before they are read.
class ChatApi extends pulumi.ComponentResource {
    public readonly api: aws.apigatewayv2.Api;
    public readonly handler: aws.lambda.Function;
    private readonly format = "2.0";

    constructor(name: string, private readonly args: ChatArgs, opts?: pulumi.ComponentResourceOptions) {
        super("example:ChatApi", name, {}, opts);
        this.api = new aws.apigatewayv2.Api(`${name}-api`, {
            protocolType: "WEBSOCKET",
            routeSelectionExpression: "$request.body.action",
        }, { parent: this });
        this.handler = new aws.lambda.Function(`${name}-handler`, {
            role: "arn:aws:iam::123456789012:role/chat",
            runtime: "nodejs20.x",
            handler: "index.handler",
            code,
        }, { parent: this });
        new aws.lambda.Permission(`${name}-invoke`, {
            action: "lambda:InvokeFunction",
            function: this.handler.name,
            principal: "apigateway.amazonaws.com",
        }, { parent: this });
        new aws.apigatewayv2.Integration(`${name}-connect`, {
            apiId: this.api.id,
            integrationType: "AWS_PROXY",
            integrationUri: this.handler.arn,
            timeoutMilliseconds: this.args.timeout,
        }, { parent: this });
        this.addRoute("default", this.handler.invokeArn);
    }

    private addRoute(route: string, uri: pulumi.Input<string>) {
        return new aws.apigatewayv2.Integration(`chat-${route}`, {
            apiId: this.api.id,
            integrationType: "AWS_PROXY",
            integrationUri: uri,
            payloadFormatVersion: this.format,
        }, { parent: this });
    }
}
new ChatApi("chat", { timeout: 40_000 });

// Not proven, so silent: a field written twice, one written in a branch, one read before it
// is written, `this` inside a `function` (here another object), and a class that hands `this`
// to Object.assign.
class Unproven extends pulumi.ComponentResource {
    public timeout: number;
    public url?: string;
    public early: number;
    public api: aws.apigatewayv2.Api;

    constructor(name: string, fast: boolean) {
        super("example:Unproven", name);
        this.timeout = 45_000;
        if (fast) {
            this.url = "arn:aws:lambda:us-east-1:123456789012:function:f";
        }
        this.api = http;
        new aws.apigatewayv2.Integration(`${name}-early`, {
            apiId: this.api.id,
            integrationType: "HTTP_PROXY",
            integrationMethod: "ANY",
            integrationUri: this.url ?? "https://example.com",
            timeoutMilliseconds: this.early,
        });
        this.early = 45_000;
        const self = this;
        [1].forEach(function () {
            new aws.apigatewayv2.Integration(`${name}-function`, {
                apiId: http.id,
                integrationType: "HTTP_PROXY",
                integrationMethod: "ANY",
                integrationUri: "https://example.com",
                timeoutMilliseconds: this.timeout,
            });
        }, { timeout: 10_000 });  // `this` is this object
        this.make(self.timeout);
    }

    make(timeout: number) {
        new aws.apigatewayv2.Integration("twice", {
            apiId: this.api.id,
            integrationType: "HTTP_PROXY",
            integrationMethod: "ANY",
            integrationUri: "https://example.com",
            timeoutMilliseconds: this.timeout,
        });
    }

    slow() {
        this.timeout = 10_000;
    }
}
new Unproven("u", true);

class Assigned {
    api = ws;
    constructor(extra: object) {
        Object.assign(this, extra);
        new aws.apigatewayv2.Integration("assigned", {
            apiId: this.api.id,
            integrationType: "HTTP_PROXY",
            integrationMethod: "ANY",
            integrationUri: "https://example.com",
            timeoutMilliseconds: 29_500,
        });
    }
}
new Assigned({});

const orders = new aws.lambda.Function("orders", {
    role: "arn:aws:iam::123456789012:role/orders",
    runtime: "nodejs20.x",
    handler: "index.handler",
    code,
});
lambdaRoute("orders-a", { api: http, fn: orders });
lambdaRoute("orders-b", { api: http, fn: orders });
mockRoute({ name: "http", api: http, version: "2.0" });
mockRoute({ name: "ws", api: ws, version: "2.0" });
