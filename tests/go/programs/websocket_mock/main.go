// Go twin of tests/programs/websocket_mock.py: helper functions, a struct args variable.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func newChatAPI(ctx *pulumi.Context) (*apigatewayv2.Api, error) {
	api, err := apigatewayv2.NewApi(ctx, "chat-api", &apigatewayv2.ApiArgs{
		ProtocolType:             pulumi.String("WEBSOCKET"),
		RouteSelectionExpression: pulumi.String("$request.body.action"),
	})
	if err != nil {
		return nil, err
	}
	return api, nil
}

func chatIntegration(ctx *pulumi.Context, api *apigatewayv2.Api, fn *lambda.Function) error {
	args := &apigatewayv2.IntegrationArgs{
		ApiId:                   api.ID(),
		IntegrationType:         pulumi.String("AWS_PROXY"),
		IntegrationUri:          fn.InvokeArn,
		ContentHandlingStrategy: pulumi.String("CONVERT_TO_TEXT"),
	}
	_, err := apigatewayv2.NewIntegration(ctx, "chat", args)
	return err
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		api, err := newChatAPI(ctx)
		if err != nil {
			return err
		}
		_, err = apigatewayv2.NewIntegration(ctx, "ping", &apigatewayv2.IntegrationArgs{
			ApiId:                       api.ID(),
			IntegrationType:             pulumi.String("MOCK"),
			TemplateSelectionExpression: pulumi.String("200"),
			RequestTemplates: pulumi.StringMap{
				"200": pulumi.String(`{"statusCode": 200}`),
			},
		})
		if err != nil {
			return err
		}
		role, err := iam.NewRole(ctx, "chat-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String("{}")})
		if err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, "chat", &lambda.FunctionArgs{
			Runtime: pulumi.String("python3.12"),
			Handler: pulumi.String("app.handler"),
			Role:    role.Arn,
			Code:    pulumi.NewFileArchive("./app"),
		})
		if err != nil {
			return err
		}
		if _, err = lambda.NewPermission(ctx, "chat-invoke", &lambda.PermissionArgs{
			Action:    pulumi.String("lambda:InvokeFunction"),
			Function:  fn.Name,
			Principal: pulumi.String("apigateway.amazonaws.com"),
		}); err != nil {
			return err
		}
		if err = chatIntegration(ctx, api, fn); err != nil {
			return err
		}

		// 30 s is the HTTP API maximum; WebSocket integrations stop at 29 s.
		_, err = apigatewayv2.NewIntegration(ctx, "chat-slow", &apigatewayv2.IntegrationArgs{
			ApiId:               api.ID(),
			IntegrationType:     pulumi.String("AWS_PROXY"),
			IntegrationUri:      fn.InvokeArn,
			TimeoutMilliseconds: pulumi.IntPtr(30000),
		})
		if err != nil {
			return err
		}

		// WebSocket APIs take the invoke ARN, not the function ARN.
		_, err = apigatewayv2.NewIntegration(ctx, "chat-function-arn", &apigatewayv2.IntegrationArgs{
			ApiId:           api.ID(),
			IntegrationType: pulumi.String("AWS_PROXY"),
			IntegrationUri:  pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:chat"),
		})
		return err
	})
}
