// The network side of the vpc_link twin: a helper in another file of the package returns the
// resources in a struct.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const vpcID = "vpc-0123456789abcdef0"

var vpcSubnets = pulumi.StringArray{pulumi.String("subnet-0a1b2c3d"), pulumi.String("subnet-4e5f6a7b")}

type network struct {
	Link     *apigatewayv2.VpcLink
	OldLink  *apigateway.VpcLink
	Listener *lb.Listener
}

func newNetwork(ctx *pulumi.Context) (*network, error) {
	sg, err := ec2.NewSecurityGroup(ctx, "link-sg", &ec2.SecurityGroupArgs{VpcId: pulumi.String(vpcID)})
	if err != nil {
		return nil, err
	}
	alb, err := lb.NewLoadBalancer(ctx, "internal", &lb.LoadBalancerArgs{
		Internal:         pulumi.Bool(true),
		LoadBalancerType: pulumi.String("application"),
		Subnets:          vpcSubnets,
		SecurityGroups:   pulumi.StringArray{sg.ID()},
	})
	if err != nil {
		return nil, err
	}
	targetGroup, err := lb.NewTargetGroup(ctx, "orders", &lb.TargetGroupArgs{
		Port:     pulumi.Int(8443),
		Protocol: pulumi.String("HTTPS"),
		VpcId:    pulumi.String(vpcID),
	})
	if err != nil {
		return nil, err
	}
	listener, err := lb.NewListener(ctx, "https", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(443),
		Protocol:        pulumi.String("HTTPS"),
		CertificateArn:  pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/abc"),
		DefaultActions: lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
			Type:           pulumi.String("forward"),
			TargetGroupArn: targetGroup.Arn,
		}},
	})
	if err != nil {
		return nil, err
	}
	link, err := apigatewayv2.NewVpcLink(ctx, "link", &apigatewayv2.VpcLinkArgs{
		SubnetIds:        vpcSubnets,
		SecurityGroupIds: pulumi.StringArray{sg.ID()},
	})
	if err != nil {
		return nil, err
	}
	// A REST API (v1) VPC link: HTTP APIs need an apigatewayv2 VPC link.
	nlb, err := lb.NewLoadBalancer(ctx, "internal-nlb", &lb.LoadBalancerArgs{
		Internal:         pulumi.Bool(true),
		LoadBalancerType: pulumi.String("network"),
		Subnets:          vpcSubnets,
	})
	if err != nil {
		return nil, err
	}
	oldLink, err := apigateway.NewVpcLink(ctx, "old-link", &apigateway.VpcLinkArgs{
		TargetArn: nlb.Arn,
	})
	if err != nil {
		return nil, err
	}
	return &network{Link: link, OldLink: oldLink, Listener: listener}, nil
}
