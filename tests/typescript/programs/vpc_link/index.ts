// TypeScript twin of tests/programs/vpc_link.py: named and subpath imports, across modules.
import { Api, Integration as V2Integration } from "@pulumi/aws/apigatewayv2";
import { link, listener, oldLink } from "./network";

const api = new Api("private-api", { protocolType: "HTTP" });
const privately = {
    connectionType: "VPC_LINK",
    connectionId: link.id,
    integrationUri: listener.arn,
} as const;

new V2Integration("private-orders", {
    apiId: api.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: "ANY",
    ...privately,
    tlsConfig: { serverNameToVerify: "orders.internal.example.com" },
    requestParameters: {
        "overwrite:path": "/orders/$request.path.id",
        "append:header.x-request-source": "apigw",
    },
});

new V2Integration("private-old-link", {
    apiId: api.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: "ANY",
    connectionType: "VPC_LINK",
    connectionId: oldLink.id,
    integrationUri: listener.arn,
});

// API Gateway owns x-amz-* headers: a mapping may not touch them.
new V2Integration("private-reserved-header", {
    apiId: api.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: "ANY",
    ...privately,
    requestParameters: { "overwrite:header.x-amz-date": "now" },
});
