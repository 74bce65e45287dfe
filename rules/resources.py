"""The resources around an integration that the checks learn from: their Pulumi type tokens,
Python classes and the properties that matter, so both front ends recognise the same things."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Collection, Iterable, Mapping, Protocol

from . import aws
from .model import (CONNECTION_SOURCE_KINDS, LAMBDA_FUNCTION, LB_LISTENER, LB_LOAD_BALANCER,
                    URI_SOURCE_KINDS, VPC_LINK_V1, VPC_LINK_V2, Context)
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


@dataclass(frozen=True)
class Related:
    """A resource of the program (or stack) a property of the integration comes from; `handle`
    is the front end's own record of it."""

    kind: str
    handle: Any = field(compare=False)


class Surroundings(Protocol):
    """What a front end (or the pack) can tell about the resources around one integration."""

    def source(self, prop: str, kinds: Collection[str], key: str | None = None) -> Related | None:
        """The one resource of these kinds that property `prop` (its entry `key`) comes from."""

    def props(self, resource: Related) -> tuple[Mapping[str, Any] | None, bool]:
        """Its resolved properties (None: not readable), and whether they are all there (False:
        arguments not seen may set others)."""

    def count(self, api: Related | None) -> int | None:
        """The integrations on the same API as this one (api: the Api resource its apiId comes
        from, if any), None when not certain."""

    def permissions(self, function: Related) -> Iterable[tuple[Any, Mapping[str, Any]]]:
        """Every Lambda Permission of the program, as (does it name the function: True / False /
        UNKNOWN, its props)."""


def entry(props: Mapping[str, Any], prop: str, key: str | None = None) -> Any:
    """props[prop], or its entry key (a front end's Surroundings.source looks there)."""
    value = props.get(prop)
    if key is not None:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def context(props: Mapping[str, Any], around: Surroundings,
            api_protocols: Mapping[str, str] | None = None,
            previous: Mapping[str, Any] | None = None) -> Context:
    """The Context of an integration with these (front-end) props: the one place every engine
    assembles it. api_protocols: API id -> protocol, for APIs defined elsewhere."""
    fields: dict[str, Any] = {"previous": previous}
    api = around.source("apiId", (API,))
    if api is not None:
        fields["protocol"] = protocol_of(around.props(api)[0] or {})
    else:
        fields["protocol"] = _configured_protocol(props, api_protocols)
    fields["integrations_on_api"] = around.count(api)
    uri = around.source("integrationUri", URI_SOURCE_KINDS)
    if uri is not None:
        fields["uri_source"] = uri.kind
        if uri.kind == LAMBDA_FUNCTION:
            fields["lambda_permitted"] = lambda_permitted(around.permissions(uri))
    link = around.source("connectionId", CONNECTION_SOURCE_KINDS)
    if link is not None:
        fields["connection_source"] = link.kind
    machine = around.source("requestParameters", (STATE_MACHINE,), aws.STATE_MACHINE_PARAMETER)
    if machine is not None:
        machine_props, complete = around.props(machine)
        fields["state_machine_type"] = UNKNOWN if machine_props is None else \
            state_machine_type(machine_props) \
            if STATE_MACHINE_TYPE in machine_props or complete else UNKNOWN
    return Context(**fields)


def alone_context(props: Mapping[str, Any], api_protocols: Mapping[str, str] | None = None,
                  previous: Mapping[str, Any] | None = None) -> Context:
    """What an integration tells of its Context without any other resource: the protocol only
    when its apiId is a literal id that api_protocols names, and its previous state (by its own
    URN). Run with catalogue.run_alone."""
    return Context(protocol=_configured_protocol(props, api_protocols), previous=previous)


def _configured_protocol(props: Mapping[str, Any], api_protocols: Mapping[str, str] | None) -> Any:
    api_id = props.get("apiId")
    return (api_protocols or {}).get(api_id, UNKNOWN) if isinstance(api_id, str) else UNKNOWN
