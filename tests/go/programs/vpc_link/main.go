// Go twin of tests/programs/vpc_link.py: an import alias, and resources from another file.
package main

import (
	apigw "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const ordersHost = "orders.internal.example.com"

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		net, err := newNetwork(ctx)
		if err != nil {
			return err
		}
		api, err := apigw.NewApi(ctx, "private-api", &apigw.ApiArgs{ProtocolType: pulumi.String("HTTP")})
		if err != nil {
			return err
		}
		if _, err := apigw.NewIntegration(ctx, "private-orders", &apigw.IntegrationArgs{
			ApiId:             api.ID(),
			IntegrationType:   pulumi.String("HTTP_PROXY"),
			IntegrationMethod: pulumi.String("ANY"),
			ConnectionType:    pulumi.String("VPC_LINK"),
			ConnectionId:      net.Link.ID(),
			IntegrationUri:    net.Listener.Arn,
			TlsConfig: &apigw.IntegrationTlsConfigArgs{
				ServerNameToVerify: pulumi.String(ordersHost),
			},
			RequestParameters: pulumi.StringMap{
				"overwrite:path":                 pulumi.String("/orders/$request.path.id"),
				"append:header.x-request-source": pulumi.String("apigw"),
			},
		}); err != nil {
			return err
		}

		if _, err := apigw.NewIntegration(ctx, "private-old-link", &apigw.IntegrationArgs{
			ApiId:             api.ID(),
			IntegrationType:   pulumi.String("HTTP_PROXY"),
			IntegrationMethod: pulumi.String("ANY"),
			ConnectionType:    pulumi.String("VPC_LINK"),
			ConnectionId:      net.OldLink.ID(),
			IntegrationUri:    net.Listener.Arn,
		}); err != nil {
			return err
		}

		// API Gateway owns x-amz-* headers: a mapping may not touch them.
		_, err = apigw.NewIntegration(ctx, "private-reserved-header", &apigw.IntegrationArgs{
			ApiId:             api.ID(),
			IntegrationType:   pulumi.String("HTTP_PROXY"),
			IntegrationMethod: pulumi.String("ANY"),
			ConnectionType:    pulumi.String("VPC_LINK"),
			ConnectionId:      net.Link.ID(),
			IntegrationUri:    net.Listener.Arn,
			RequestParameters: pulumi.StringMap{"overwrite:header.x-amz-date": pulumi.String("now")},
		})
		return err
	})
}
