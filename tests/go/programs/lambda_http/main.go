// Go twin of tests/programs/lambda_http.py
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "orders-role", &iam.RoleArgs{
			AssumeRolePolicy: pulumi.String(`{"Version": "2012-10-17"}`),
		})
		if err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, "orders", &lambda.FunctionArgs{
			Runtime: pulumi.String("python3.12"),
			Handler: pulumi.String("app.handler"),
			Role:    role.Arn,
			Code:    pulumi.NewFileArchive("./app"),
		})
		if err != nil {
			return err
		}
		api, err := apigatewayv2.NewApi(ctx, "orders-api", &apigatewayv2.ApiArgs{
			ProtocolType: pulumi.String("HTTP"),
		})
		if err != nil {
			return err
		}
		_, err = lambda.NewPermission(ctx, "orders-invoke", &lambda.PermissionArgs{
			Action:    pulumi.String("lambda:InvokeFunction"),
			Function:  fn.Name,
			Principal: pulumi.String("apigateway.amazonaws.com"),
			SourceArn: pulumi.Sprintf("%s/*/*", api.ExecutionArn),
		})
		if err != nil {
			return err
		}
		integration, err := apigatewayv2.NewIntegration(ctx, "orders-integration", &apigatewayv2.IntegrationArgs{
			ApiId:                api.ID(),
			IntegrationType:      pulumi.String("AWS_PROXY"),
			IntegrationUri:       fn.InvokeArn,
			PayloadFormatVersion: pulumi.String("2.0"),
			TimeoutMilliseconds:  pulumi.Int(30000),
		})
		if err != nil {
			return err
		}
		_, err = apigatewayv2.NewRoute(ctx, "orders-route", &apigatewayv2.RouteArgs{
			ApiId:    api.ID(),
			RouteKey: pulumi.String("GET /orders"),
			Target:   pulumi.Sprintf("integrations/%s", integration.ID()),
		})
		if err != nil {
			return err
		}

		// Copied from a WebSocket example: passthrough behaviour means nothing to an HTTP API,
		// and the REST API's 60 s timeout does not apply.
		_, err = apigatewayv2.NewIntegration(ctx, "legacy-integration", &apigatewayv2.IntegrationArgs{
			ApiId:                api.ID(),
			IntegrationType:      pulumi.String("AWS_PROXY"),
			IntegrationUri:       fn.InvokeArn,
			PayloadFormatVersion: pulumi.String("2.0"),
			PassthroughBehavior:  pulumi.String("WHEN_NO_TEMPLATES"),
			TimeoutMilliseconds:  pulumi.Int(60 * 1000),
		})
		if err != nil {
			return err
		}

		// A second function nobody granted API Gateway access to.
		reports, err := lambda.NewFunction(ctx, "reports", &lambda.FunctionArgs{
			Runtime: pulumi.String("python3.12"),
			Handler: pulumi.String("app.handler"),
			Role:    role.Arn,
			Code:    pulumi.NewFileArchive("./app"),
		})
		if err != nil {
			return err
		}
		_, err = apigatewayv2.NewIntegration(ctx, "unpermitted-integration", &apigatewayv2.IntegrationArgs{
			ApiId:                api.ID(),
			IntegrationType:      pulumi.String("AWS_PROXY"),
			IntegrationUri:       reports.InvokeArn,
			PayloadFormatVersion: pulumi.String("2.0"),
		})
		return err
	})
}
