// Java twin of tests/programs/lambda_http.py
package orders;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.asset.FileArchive;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.aws.apigatewayv2.Route;
import com.pulumi.aws.apigatewayv2.RouteArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var role = new Role("orders-role", RoleArgs.builder()
            .assumeRolePolicy("{\"Version\": \"2012-10-17\"}")
            .build());
        var fn = new Function("orders", FunctionArgs.builder()
            .runtime("python3.12")
            .handler("app.handler")
            .role(role.arn())
            .code(new FileArchive("./app"))
            .build());
        var api = new Api("orders-api", ApiArgs.builder().protocolType("HTTP").build());

        new Permission("orders-invoke", PermissionArgs.builder()
            .action("lambda:InvokeFunction")
            .function(fn.name())
            .principal("apigateway.amazonaws.com")
            .sourceArn(api.executionArn().applyValue(arn -> arn + "/*/*"))
            .build());

        var integration = new Integration("orders-integration", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("AWS_PROXY")
            .integrationUri(fn.invokeArn())
            .payloadFormatVersion("2.0")
            .timeoutMilliseconds(30_000)
            .build());
        new Route("orders-route", RouteArgs.builder()
            .apiId(api.id())
            .routeKey("GET /orders")
            .target(integration.id().applyValue(id -> "integrations/" + id))
            .build());

        // Copied from a WebSocket example: passthrough behaviour means nothing to an HTTP API,
        // and the REST API's 60 s timeout does not apply.
        new Integration("legacy-integration", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("AWS_PROXY")
            .integrationUri(fn.invokeArn())
            .payloadFormatVersion("2.0")
            .passthroughBehavior("WHEN_NO_TEMPLATES")
            .timeoutMilliseconds(60 * 1000)
            .build());

        // A second function nobody granted API Gateway access to.
        var reports = new Function("reports", FunctionArgs.builder()
            .runtime("python3.12")
            .handler("app.handler")
            .role(role.arn())
            .code(new FileArchive("./app"))
            .build());
        new Integration("unpermitted-integration", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("AWS_PROXY")
            .integrationUri(reports.invokeArn())
            .payloadFormatVersion("2.0")
            .build());
    }
}
