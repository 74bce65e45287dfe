// An HTTP API with a Lambda function for its orders and a legacy backend behind a proxy.
// Two real mistakes, on the proxy copied from a REST API: its 60 s timeout is over the HTTP
// API maximum (APIGW030), and passthrough behaviour applies to WebSocket APIs only (APIGW039).
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const legacyBackend = "https://legacy.example.com/{proxy}"

func route(ctx *pulumi.Context, api *apigatewayv2.Api, key string, target *apigatewayv2.Integration) error {
	_, err := apigatewayv2.NewRoute(ctx, key, &apigatewayv2.RouteArgs{
		ApiId:    api.ID(),
		RouteKey: pulumi.String(key),
		Target:   pulumi.Sprintf("integrations/%s", target.ID()),
	})
	return err
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "orders", &iam.RoleArgs{
			AssumeRolePolicy: pulumi.String(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]}`),
		})
		if err != nil {
			return err
		}
		orders, err := lambda.NewFunction(ctx, "orders", &lambda.FunctionArgs{
			Runtime: pulumi.String("provided.al2023"),
			Handler: pulumi.String("bootstrap"),
			Role:    role.Arn,
			Code:    pulumi.NewFileArchive("./handler.zip"),
		})
		if err != nil {
			return err
		}
		api, err := apigatewayv2.NewApi(ctx, "shop", &apigatewayv2.ApiArgs{
			ProtocolType: pulumi.String("HTTP"),
		})
		if err != nil {
			return err
		}
		if _, err := lambda.NewPermission(ctx, "orders-invoke", &lambda.PermissionArgs{
			Action:    pulumi.String("lambda:InvokeFunction"),
			Function:  orders.Name,
			Principal: pulumi.String("apigateway.amazonaws.com"),
			SourceArn: pulumi.Sprintf("%s/*/*", api.ExecutionArn),
		}); err != nil {
			return err
		}

		ordersIntegration, err := apigatewayv2.NewIntegration(ctx, "orders", &apigatewayv2.IntegrationArgs{
			ApiId:                api.ID(),
			IntegrationType:      pulumi.String("AWS_PROXY"),
			IntegrationUri:       orders.InvokeArn,
			PayloadFormatVersion: pulumi.String("2.0"),
			TimeoutMilliseconds:  pulumi.Int(10_000),
		})
		if err != nil {
			return err
		}
		legacy, err := apigatewayv2.NewIntegration(ctx, "legacy", &apigatewayv2.IntegrationArgs{
			ApiId:               api.ID(),
			IntegrationType:     pulumi.String("HTTP_PROXY"),
			IntegrationMethod:   pulumi.String("ANY"),
			IntegrationUri:      pulumi.String(legacyBackend),
			PassthroughBehavior: pulumi.String("WHEN_NO_MATCH"),
			TimeoutMilliseconds: pulumi.Int(60_000),
		})
		if err != nil {
			return err
		}

		if err := route(ctx, api, "GET /orders", ordersIntegration); err != nil {
			return err
		}
		if err := route(ctx, api, "ANY /legacy/{proxy+}", legacy); err != nil {
			return err
		}
		ctx.Export("url", api.ApiEndpoint)
		return nil
	})
}
