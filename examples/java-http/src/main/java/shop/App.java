// An HTTP API in front of a Lambda function, with one route still proxied to the old shop's
// backend. One real mistake: the HTTP_PROXY integration has no integrationMethod, which
// API Gateway requires for HTTP proxies (APIGW015).
package shop;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.asset.FileArchive;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.aws.apigatewayv2.Route;
import com.pulumi.aws.apigatewayv2.RouteArgs;
import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.aws.apigatewayv2.StageArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import java.util.Map;

public class App {
    private static final String LEGACY_BACKEND = "https://legacy.shop.example.com";

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    private static void stack(Context ctx) {
        var api = new Api("shop", ApiArgs.builder()
            .protocolType("HTTP")
            .build());

        var role = new Role("orders-role", RoleArgs.builder()
            .assumeRolePolicy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]}
                """)
            .build());
        var orders = new Function("orders", FunctionArgs.builder()
            .runtime("java21")
            .handler("shop.OrdersHandler::handleRequest")
            .role(role.arn())
            .code(new FileArchive("./orders/target/orders.jar"))
            .timeout(20)
            .build());
        new Permission("orders-invoke", PermissionArgs.builder()
            .action("lambda:InvokeFunction")
            .function(orders.name())
            .principal("apigateway.amazonaws.com")
            .sourceArn(Output.format("%s/*/*", api.executionArn()))
            .build());

        var ordersIntegration = new Integration("orders", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("AWS_PROXY")
            .integrationUri(orders.invokeArn())
            .payloadFormatVersion("2.0")
            .timeoutMilliseconds(25_000)
            .build());
        new Route("orders", RouteArgs.builder()
            .apiId(api.id())
            .routeKey("ANY /orders/{proxy+}")
            .target(ordersIntegration.id().applyValue(id -> "integrations/" + id))
            .build());

        var legacy = new Integration("legacy", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("HTTP_PROXY")
            .integrationUri(LEGACY_BACKEND + "/{proxy}")
            .requestParameters(Map.of("append:header.x-forwarded-by", "shop-api"))
            .build());
        new Route("legacy", RouteArgs.builder()
            .apiId(api.id())
            .routeKey("ANY /legacy/{proxy+}")
            .target(legacy.id().applyValue(id -> "integrations/" + id))
            .build());

        var stage = new Stage("default", StageArgs.builder()
            .apiId(api.id())
            .name("$default")
            .autoDeploy(true)
            .build());
        ctx.export("url", stage.invokeUrl());
    }
}
