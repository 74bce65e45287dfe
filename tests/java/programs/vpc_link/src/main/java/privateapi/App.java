// Java twin of tests/programs/vpc_link.py: on-demand imports, a fully qualified v1 VpcLink,
// constants of another class, nested builders and Map.ofEntries.
package privateapi;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.apigatewayv2.*;
import com.pulumi.aws.apigatewayv2.inputs.IntegrationTlsConfigArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.lb.*;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import java.util.List;
import java.util.Map;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    private static void stack(Context ctx) {
        final var sg = new SecurityGroup("link-sg", SecurityGroupArgs.builder()
            .vpcId(Settings.VPC)
            .build());
        var alb = new LoadBalancer("internal", LoadBalancerArgs.builder()
            .internal(true)
            .loadBalancerType("application")
            .subnets(Settings.SUBNETS)
            .securityGroups(sg.id().applyValue(List::of))
            .build());
        var targetGroup = new TargetGroup("orders", TargetGroupArgs.builder()
            .port(8443)
            .protocol("HTTPS")
            .vpcId(Settings.VPC)
            .build());
        var listener = new Listener("https", ListenerArgs.builder()
            .loadBalancerArn(alb.arn())
            .port(443)
            .protocol("HTTPS")
            .certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc")
            .defaultActions(ListenerDefaultActionArgs.builder()
                .type("forward")
                .targetGroupArn(targetGroup.arn())
                .build())
            .build());
        var link = new VpcLink("link", VpcLinkArgs.builder()
            .subnetIds(Settings.SUBNETS)
            .securityGroupIds(sg.id().applyValue(List::of))
            .build());
        var api = new Api("private-api", ApiArgs.builder().protocolType("HTTP").build());

        new Integration("private-orders", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("HTTP_PROXY")
            .integrationMethod("ANY")
            .connectionType("VPC_LINK")
            .connectionId(link.id())
            .integrationUri(listener.arn())
            .tlsConfig(IntegrationTlsConfigArgs.builder()
                .serverNameToVerify(Settings.SERVER_NAME)
                .build())
            .requestParameters(Map.ofEntries(
                Map.entry("overwrite:path", "/orders/$request.path.id"),
                Map.entry("append:header.x-request-source", "apigw")))
            .build());

        // A REST API (v1) VPC link: HTTP APIs need an apigatewayv2 VPC link.
        var nlb = new LoadBalancer("internal-nlb", LoadBalancerArgs.builder()
            .internal(true)
            .loadBalancerType("network")
            .subnets(Settings.SUBNETS)
            .build());
        var oldLink = new com.pulumi.aws.apigateway.VpcLink("old-link",
            com.pulumi.aws.apigateway.VpcLinkArgs.builder()
                .targetArn(nlb.arn())
                .build());
        new Integration("private-old-link", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("HTTP_PROXY")
            .integrationMethod("ANY")
            .connectionType("VPC_LINK")
            .connectionId(oldLink.id())
            .integrationUri(listener.arn())
            .build());

        // API Gateway owns x-amz-* headers: a mapping may not touch them.
        new Integration("private-reserved-header", IntegrationArgs.builder()
            .apiId(api.id())
            .integrationType("HTTP_PROXY")
            .integrationMethod("ANY")
            .connectionType("VPC_LINK")
            .connectionId(link.id())
            .integrationUri(listener.arn())
            .requestParameters(Map.of("overwrite:header.x-amz-date", "now"))
            .build());
    }
}
