"""The resources around an integration that the checks learn from: their Pulumi type tokens,
Python classes and the properties that matter, so both front ends recognise the same things."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from . import aws
from .model import LAMBDA_FUNCTION, LB_LISTENER, LB_LOAD_BALANCER, VPC_LINK_V1, VPC_LINK_V2
from .values import UNKNOWN

INTEGRATION = "integration"
API = "api"
LAMBDA_PERMISSION = "lambda-permission"
STATE_MACHINE = "state-machine"
# Kinds known only for the shapes of their outputs (rules.shapes).
CLOUD_MAP_SERVICE = "cloud-map-service"
IAM_ROLE = "iam-role"
VPC_ENDPOINT = "vpc-endpoint"

# kind -> (type tokens, including the short YAML forms; Python classes under pulumi_aws)
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    INTEGRATION: (("aws:apigatewayv2/integration:Integration", "aws:apigatewayv2:Integration"),
                  ("apigatewayv2.Integration",)),
    API: (("aws:apigatewayv2/api:Api", "aws:apigatewayv2:Api"), ("apigatewayv2.Api",)),
    LAMBDA_FUNCTION: (("aws:lambda/function:Function", "aws:lambda:Function"),
                      ("lambda_.Function",)),
    LAMBDA_PERMISSION: (("aws:lambda/permission:Permission", "aws:lambda:Permission"),
                        ("lambda_.Permission",)),
    LB_LISTENER: (("aws:lb/listener:Listener", "aws:lb:Listener", "aws:alb/listener:Listener",
                   "aws:alb:Listener"), ("lb.Listener", "alb.Listener")),
    LB_LOAD_BALANCER: (("aws:lb/loadBalancer:LoadBalancer", "aws:lb:LoadBalancer",
                        "aws:alb/loadBalancer:LoadBalancer", "aws:alb:LoadBalancer"),
                       ("lb.LoadBalancer", "alb.LoadBalancer")),
    VPC_LINK_V1: (("aws:apigateway/vpcLink:VpcLink", "aws:apigateway:VpcLink"),
                  ("apigateway.VpcLink",)),
    VPC_LINK_V2: (("aws:apigatewayv2/vpcLink:VpcLink", "aws:apigatewayv2:VpcLink"),
                  ("apigatewayv2.VpcLink",)),
    STATE_MACHINE: (("aws:sfn/stateMachine:StateMachine", "aws:sfn:StateMachine"),
                    ("sfn.StateMachine",)),
    CLOUD_MAP_SERVICE: (("aws:servicediscovery/service:Service", "aws:servicediscovery:Service"),
                        ("servicediscovery.Service",)),
    IAM_ROLE: (("aws:iam/role:Role", "aws:iam:Role"), ("iam.Role",)),
    VPC_ENDPOINT: (("aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2:VpcEndpoint"),
                   ("ec2.VpcEndpoint",)),
}
KIND_BY_TOKEN = {token: kind for kind, (tokens, _) in KINDS.items() for token in tokens}
KIND_BY_CLASS = {f"pulumi_aws.{cls}": kind for kind, (_, classes) in KINDS.items()
                 for cls in classes}

# The properties read from each related resource (camelCase).
API_PROTOCOL = "protocolType"
PERMISSION_FUNCTION, PERMISSION_PRINCIPAL, PERMISSION_ACTION = "function", "principal", "action"
STATE_MACHINE_TYPE = "type"
STATE_MACHINE_DEFAULT_TYPE = "STANDARD"  # AWS's and the provider's default


def protocol_of(api_props: Mapping[str, Any]) -> Any:
    """An Api's protocol: HTTP, WEBSOCKET, or UNKNOWN."""
    value = api_props.get(API_PROTOCOL, UNKNOWN)
    return value if value in aws.PROTOCOLS else UNKNOWN


def permission_lets_apigateway_invoke(permission_props: Mapping[str, Any]) -> Any:
    """True / False, or UNKNOWN while the principal or action is not known."""
    principal = permission_props.get(PERMISSION_PRINCIPAL, UNKNOWN)
    action = permission_props.get(PERMISSION_ACTION, UNKNOWN)
    if not isinstance(principal, str) or not isinstance(action, str):
        return UNKNOWN
    return principal == aws.APIGATEWAY_PRINCIPAL and action.lower() in aws.INVOKE_ACTIONS


def state_machine_type(machine_props: Mapping[str, Any]) -> Any:
    value = machine_props.get(STATE_MACHINE_TYPE)
    if value is None:
        return STATE_MACHINE_DEFAULT_TYPE
    return value if isinstance(value, str) else UNKNOWN


def lambda_permitted(permissions: Iterable[tuple[Any, Any]]) -> Any:
    """APIGW021's verdict over every Permission of the program, each given as (does it name the
    function: True / False / UNKNOWN, its props): True when one certainly lets API Gateway invoke
    the function, False when none could, else UNKNOWN."""
    verdict: Any = False
    for names, props in permissions:
        grants = permission_lets_apigateway_invoke(props)
        if names is True and grants is True:
            return True
        if names is not False and grants is not False:
            verdict = UNKNOWN
    return verdict
