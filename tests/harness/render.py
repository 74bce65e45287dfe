"""Catalogue examples rendered as the engine's resources: the Integration, its Api, and the related
resources each context key asks for, wired with propertyDependencies as a preview sends them."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apigw_lint.rules import Example

from .pack import UNKNOWN, Resource

INTEGRATION = "aws:apigatewayv2/integration:Integration"
API = "aws:apigatewayv2/api:Api"
TOKENS = {
    "lambda": "aws:lambda/function:Function",
    "lambda_arn": "aws:lambda/function:Function",
    "endpoint": "aws:ec2/vpcEndpoint:VpcEndpoint",
    "permission": "aws:lambda/permission:Permission",
    "listener": "aws:lb/listener:Listener",
    "load_balancer": "aws:lb/loadBalancer:LoadBalancer",
    "v1": "aws:apigateway/vpcLink:VpcLink",
    "v2": "aws:apigatewayv2/vpcLink:VpcLink",
    "state_machine": "aws:sfn/stateMachine:StateMachine",
}
NAME = "example"
SHARED_API_ID = "a1b2c3d4e5"  # a literal apiId, for siblings of an API that is not in the stack
STATE_MACHINE_PARAMETER = "StateMachineArn"


@dataclass
class Rendered:
    resources: list[Resource]
    previous: dict[str, Any] | None = None  # the state file document, when the example has one
    config: dict[str, Any] = field(default_factory=dict)

    def write_state(self, folder: Path) -> str | None:
        if self.previous is None:
            return None
        path = folder / "state.json"
        path.write_text(json.dumps(self.previous))
        return str(path)


class Unrenderable(Exception):
    """The example asks for something the engine could not send: the test must fail, not skip."""


def render(example: Example, defaults: bool) -> Rendered:
    props = dict(example.props)
    ctx = dict(example.context)
    deps: dict[str, list[str]] = {}
    extra: list[Resource] = []

    def related(key: str, name: str, outputs: dict[str, Any]) -> Resource:
        if key not in TOKENS:
            raise Unrenderable(f"no resource for {key!r}")
        r = Resource(TOKENS[key], name, outputs)
        extra.append(r)
        return r

    api_id = props.get("apiId")
    if example.protocol is not None:
        api = Resource(API, "api", {"name": "api", "protocolType": example.protocol,
                                    "id": api_id if isinstance(api_id, str) else UNKNOWN,
                                    "apiEndpoint": UNKNOWN, "executionArn": UNKNOWN})
        extra.append(api)
        if not isinstance(api_id, str):  # a literal apiId is matched against the Api's id
            props["apiId"] = UNKNOWN
            deps["apiId"] = [api.urn]
    elif "apiId" not in props:
        props["apiId"] = SHARED_API_ID if "siblings" in ctx else UNKNOWN

    uri_from = ctx.pop("uri_from", None)
    permitted = ctx.pop("lambda_permission", True)
    if uri_from is not None:
        fn = related(uri_from, "backend", {"arn": UNKNOWN, "invokeArn": UNKNOWN, "name": UNKNOWN})
        props["integrationUri"] = UNKNOWN
        deps["integrationUri"] = [fn.urn]
        if uri_from in ("lambda", "lambda_arn") and permitted:
            p = related("permission", "invoke", {"action": "lambda:InvokeFunction",
                                                 "principal": "apigateway.amazonaws.com",
                                                 "function": UNKNOWN, "sourceArn": UNKNOWN})
            p.property_dependencies["function"] = [fn.urn]
    if "uri_prefix" in ctx:  # the endpoint's DNS name is unknown at preview, so the URI is
        ctx.pop("uri_prefix")
        endpoint = related("endpoint", "endpoint", {"dnsEntries": UNKNOWN})
        props["integrationUri"] = UNKNOWN
        deps["integrationUri"] = [endpoint.urn]
    if "vpc_link" in ctx:
        link = related(ctx.pop("vpc_link"), "link", {"id": UNKNOWN, "arn": UNKNOWN})
        props["connectionId"] = UNKNOWN
        deps["connectionId"] = [link.urn]
    if "state_machine" in ctx:
        sm = related("state_machine", "machine", {"type": ctx.pop("state_machine"), "arn": UNKNOWN})
        props["requestParameters"] = {**(props.get("requestParameters") or {}),
                                      STATE_MACHINE_PARAMETER: UNKNOWN}
        deps["requestParameters"] = [sm.urn]

    integration = Resource(INTEGRATION, NAME, props, deps)
    siblings = [Resource(INTEGRATION, f"sibling-{i}", dict(props), {"apiId": deps.get("apiId", [])})
                for i in range(ctx.pop("siblings", 0))]
    previous = None
    if "previous" in ctx:
        previous = {"version": 3, "deployment": {"resources": [
            {"urn": integration.urn, "type": INTEGRATION, "inputs": ctx.pop("previous"),
             "outputs": {}}]}}
    if ctx:
        raise Unrenderable(f"context keys not rendered: {sorted(ctx)}")
    integrations = [integration, *siblings]
    if defaults:
        integrations = [r.defaulted() for r in integrations]
    return Rendered([*extra, *integrations], previous)
