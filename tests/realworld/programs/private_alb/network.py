"""A private application load balancer in front of the service's containers."""
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
vpc_id = config.require("vpcId")
private_subnets = config.require_object("privateSubnetIds")

alb_sg = aws.ec2.SecurityGroup("alb-sg", vpc_id=vpc_id, ingress=[
    aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80,
                                     cidr_blocks=["10.0.0.0/8"])])
alb = aws.lb.LoadBalancer("svc-alb", internal=True, load_balancer_type="application",
                          subnets=private_subnets, security_groups=[alb_sg.id])
targets = aws.lb.TargetGroup("svc-tg", port=8080, protocol="HTTP", target_type="ip",
                             vpc_id=vpc_id)
listener = aws.lb.Listener("svc-http", load_balancer_arn=alb.arn, port=80, protocol="HTTP",
                           default_actions=[aws.lb.ListenerDefaultActionArgs(
                               type="forward", target_group_arn=targets.arn)])
