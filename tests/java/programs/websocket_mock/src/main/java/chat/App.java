// Java twin of tests/programs/websocket_mock.py: a lambda given to Pulumi.run, a text block.
package chat;

import static java.util.Map.entry;

import com.pulumi.Pulumi;
import com.pulumi.asset.FileArchive;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import java.util.Map;

public class App {
    private static final String MOCK = "MOCK";
    private static final int TIMEOUT = 30 * 1_000;

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var api = new Api("chat-api", ApiArgs.builder()
                .protocolType("WEBSOCKET")
                .routeSelectionExpression("$request.body.action")
                .build());

            new Integration("ping", IntegrationArgs.builder()
                .apiId(api.id())
                .integrationType(MOCK)
                .templateSelectionExpression("200")
                .requestTemplates(Map.ofEntries(entry("200", """
                    {"statusCode": 200}""")))
                .build());

            var role = new Role("chat-role", RoleArgs.builder().assumeRolePolicy("{}").build());
            var fn = new Function("chat", FunctionArgs.builder()
                .runtime("python3.12")
                .handler("app.handler")
                .role(role.arn())
                .code(new FileArchive("./app"))
                .build());
            new Permission("chat-invoke", PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(fn.name())
                .principal("apigateway.amazonaws.com")
                .build());

            new Integration("chat", IntegrationArgs.builder()
                .apiId(api.id())
                .integrationType("AWS_PROXY")
                .integrationUri(fn.invokeArn())
                .contentHandlingStrategy("CONVERT_TO_TEXT")
                .build());

            // 30 s is the HTTP API maximum; WebSocket integrations stop at 29 s.
            new Integration("chat-slow", IntegrationArgs.builder()
                .apiId(api.id())
                .integrationType("AWS_PROXY")
                .integrationUri(fn.invokeArn())
                .timeoutMilliseconds(TIMEOUT)
                .build());

            // WebSocket APIs take the invoke ARN, not the function ARN.
            new Integration("chat-function-arn", IntegrationArgs.builder()
                .apiId(api.id())
                .integrationType("AWS_PROXY")
                .integrationUri("arn:aws:lambda:us-east-1:123456789012:function:chat")
                .build());
        });
    }
}
