global using Pulumi;
global using Pulumi.Aws.ApiGatewayV2;
global using Gw = Pulumi.Aws.ApiGatewayV2;
