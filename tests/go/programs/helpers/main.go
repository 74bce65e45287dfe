// Helper functions, parameters, args structs changed after they are written, a loop.
package main

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// Both callers pass the same API: its protocol is known; the names and URLs differ.
func proxy(ctx *pulumi.Context, name string, api *apigatewayv2.Api, url string) error {
	_, err := apigatewayv2.NewIntegration(ctx, name, &apigatewayv2.IntegrationArgs{
		ApiId:               api.ID(),
		IntegrationType:     pulumi.String("HTTP_PROXY"),
		IntegrationMethod:   pulumi.String("ANY"),
		IntegrationUri:      pulumi.String(url),
		TimeoutMilliseconds: pulumi.Int(defaultTimeout),
	})
	return err
}

func tweak(args *apigatewayv2.IntegrationArgs) {
	args.IntegrationMethod = pulumi.String("GET")
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		http, err := apigatewayv2.NewApi(ctx, "http", &apigatewayv2.ApiArgs{ProtocolType: pulumi.String("HTTP")})
		if err != nil {
			return err
		}
		if err := proxy(ctx, "proxy-a", http, "https://a.example.com"); err != nil {
			return err
		}
		if err := proxy(ctx, "proxy-b", http, backend); err != nil {
			return err
		}

		// set after it is written, or handed to a function: what it holds is not all seen
		later := &apigatewayv2.IntegrationArgs{
			ApiId:           http.ID(),
			IntegrationType: pulumi.String("HTTP_PROXY"),
			IntegrationUri:  pulumi.String("https://example.com"),
		}
		if stage == "prod" {
			later.IntegrationMethod = pulumi.String("POST")
		}
		if _, err := apigatewayv2.NewIntegration(ctx, "later", later); err != nil {
			return err
		}
		handed := apigatewayv2.IntegrationArgs{
			ApiId:           http.ID(),
			IntegrationType: pulumi.String("HTTP_PROXY"),
			IntegrationUri:  pulumi.String("https://example.com"),
		}
		tweak(&handed)
		if _, err := apigatewayv2.NewIntegration(ctx, "handed", &handed); err != nil {
			return err
		}
		// nothing changes this one: its missing method is certain
		plain := &apigatewayv2.IntegrationArgs{
			ApiId:           http.ID(),
			IntegrationType: pulumi.String("HTTP_PROXY"),
			IntegrationUri:  pulumi.String("https://example.com"),
		}
		if _, err := apigatewayv2.NewIntegration(ctx, "plain", plain); err != nil {
			return err
		}

		// pulumi.Sprintf's known start is a Lambda function ARN, not an http(s) URL
		_, err = apigatewayv2.NewIntegration(ctx, fmt.Sprintf("%s-function", stage), &apigatewayv2.IntegrationArgs{
			ApiId:             http.ID(),
			IntegrationType:   pulumi.String("HTTP_PROXY"),
			IntegrationMethod: pulumi.String("ANY"),
			IntegrationUri:    pulumi.Sprintf("%s:%s", accountARN, cfg.Require("function")),
		})
		if err != nil {
			return err
		}

		for _, path := range []string{"a", "b"} {
			_, err = apigatewayv2.NewIntegration(ctx, "loop-"+path, &apigatewayv2.IntegrationArgs{
				ApiId:                http.ID(),
				IntegrationType:      pulumi.String("AWS_PROXY"),
				IntegrationUri:       pulumi.String("arn:aws:apigateway:us-east-1:lambda:path/" + path),
				PayloadFormatVersion: pulumi.String("2.0"),
				TimeoutMilliseconds:  pulumi.Int(cfg.RequireInt("timeout")),
				TlsConfig: &apigatewayv2.IntegrationTlsConfigArgs{
					ServerNameToVerify: pulumi.String("example.com"),
				},
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
