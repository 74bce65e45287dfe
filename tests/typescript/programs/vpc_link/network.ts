// The network side of the vpc_link twin: exported and imported by index.ts.
import { apigateway, apigatewayv2, ec2, lb } from "@pulumi/aws";

export const vpcSubnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"];
const sg = new ec2.SecurityGroup("link-sg", { vpcId: "vpc-0123456789abcdef0" });
const alb = new lb.LoadBalancer("internal", {
    internal: true,
    loadBalancerType: "application",
    subnets: vpcSubnets,
    securityGroups: [sg.id],
});
const targetGroup = new lb.TargetGroup("orders", {
    port: 8443,
    protocol: "HTTPS",
    vpcId: "vpc-0123456789abcdef0",
});
export const listener = new lb.Listener("https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
    defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
});
export const link = new apigatewayv2.VpcLink("link", {
    subnetIds: vpcSubnets,
    securityGroupIds: [sg.id],
});

// A REST API (v1) VPC link: HTTP APIs need an apigatewayv2 VPC link.
const nlb = new lb.LoadBalancer("internal-nlb", {
    internal: true,
    loadBalancerType: "network",
    subnets: vpcSubnets,
});
export const oldLink = new apigateway.VpcLink("old-link", { targetArn: nlb.arn });
