// Helpers that take their resources destructured, as public programs pass a props object.
import * as aws from "@pulumi/aws";

export interface RouteProps {
    api: aws.apigatewayv2.Api;
    fn: aws.lambda.Function;
    timeout?: number;
}

// Every caller passes the same Api; the default timeout applies (no caller gives one).
export function lambdaRoute(name: string, { api, fn, timeout = 45_000 }: RouteProps) {
    return new aws.apigatewayv2.Integration(name, {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationUri: fn.arn,
        timeoutMilliseconds: timeout,
    });
}

// Callers disagree on `api` (HTTP and WebSocket): only what holds for both is checked.
export const mockRoute = (props: { name: string; api: aws.apigatewayv2.Api; version: string }) => {
    const { name, api, version: payloadFormatVersion } = props;
    return new aws.apigatewayv2.Integration(`mock-${name}`, {
        apiId: api.id,
        integrationType: "MOCK",
        payloadFormatVersion,
        tlsConfig: { serverNameToVerify: "example.com" },
    });
};
