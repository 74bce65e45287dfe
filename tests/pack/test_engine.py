"""The pack as the engine drives it: handshake, configuration, and requests shaped like a preview's
(unknown sentinels, secrets, floats, propertyDependencies, provider defaults)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from apigw_lint.rules import PACK, RULES, aws
from apigw_lint.rules.samples import FUNCTION_ARN, HTTP_LAMBDA, INVOKE_ARN, WS_LAMBDA
from harness.pack import CANT_RUN, SETTINGS, UNKNOWN, PackClient, Resource, secret

from pulumi.runtime.proto import analyzer_pb2

INTEGRATION = "aws:apigatewayv2/integration:Integration"
API = "aws:apigatewayv2/api:Api"
FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
PACK_RULES = [r for r in RULES.values() if PACK in r.engines]
BY_ID = {r.id: r for r in RULES.values()}


def api(protocol: str, name: str = "api", api_id: str = UNKNOWN) -> Resource:
    return Resource(API, name, {"name": name, "protocolType": protocol, "id": api_id,
                                "apiEndpoint": UNKNOWN, "executionArn": UNKNOWN})


def integration(props: dict, on: Resource | None = None, name: str = "int", **deps: list[str]
                ) -> Resource:
    props = {"apiId": UNKNOWN, **props}
    if on is not None:
        deps["apiId"] = [on.urn]
    return Resource(INTEGRATION, name, props, dict(deps))


def test_analyzer_info_lists_one_policy_per_pack_rule(pack: PackClient) -> None:
    info = pack.info()
    assert info.name == "apigw-lint"
    policies = {p.name: p for p in info.policies}
    assert sorted(policies) == sorted([SETTINGS, *(r.name for r in PACK_RULES)])
    for r in PACK_RULES:
        p = policies[r.name]
        assert p.displayName == r.title
        assert p.description.startswith(f"{r.id} {r.title}")
        expected = analyzer_pb2.MANDATORY if r.severity == "error" else analyzer_pb2.ADVISORY
        assert p.enforcementLevel == expected
        # Reported as a resource policy: the SDK runs it in Analyze, and in AnalyzeStack too.
        assert p.policy_type == analyzer_pb2.POLICY_TYPE_RESOURCE
        assert set(p.configSchema.properties) == {"apiProtocols", *r.options}
    assert "stateFile" in policies[BY_ID["APIGW044"].name].configSchema.properties
    settings = policies[SETTINGS]
    assert set(settings.configSchema.properties) == {"apiProtocols", "stateFile"}
    assert settings.enforcementLevel == analyzer_pb2.MANDATORY
    assert settings.displayName


def test_plugin_info(pack: PackClient) -> None:
    assert pack.plugin_info().version


def test_analyze_reports_what_the_integration_alone_decides(pack: PackClient) -> None:
    """60000 ms is too long for either protocol: Analyze reports it, before the integration is
    created, and AnalyzeStack does not repeat it."""
    r = integration({**HTTP_LAMBDA, "timeoutMilliseconds": 60000.0})
    found = pack.analyze(r)
    assert [(d.rule, d.urn, d.level) for d in found] == [("APIGW030", r.urn, analyzer_pb2.MANDATORY)]
    assert found[0].message == ("APIGW030 timeoutMilliseconds 60000 is outside 50-30000 for "
                                "this API (WebSocket 50-29000, HTTP 50-30000; the quota is "
                                "not increasable).")
    assert pack.analyze_stack([r]) == []
    assert pack.analyze(Resource(API, "api", {"protocolType": "HTTP"})) == []


def test_unknown_protocol_is_silent_on_protocol_rules_but_not_on_range(pack: PackClient) -> None:
    ws_timeout = {**WS_LAMBDA, "timeoutMilliseconds": 30000.0}
    assert "APIGW030" not in pack.findings([integration(ws_timeout)])["int"]
    a = api(aws.WEBSOCKET)
    assert "APIGW030" in pack.findings([a, integration(ws_timeout, on=a)])["int"]
    assert "APIGW030" in pack.findings([integration({**HTTP_LAMBDA, "timeoutMilliseconds": 10.0})])["int"]


def test_api_by_literal_id_and_by_config(pack: PackClient) -> None:
    ws_timeout = {**WS_LAMBDA, "apiId": "abc123", "timeoutMilliseconds": 30000.0}
    assert "APIGW030" in pack.findings([api(aws.WEBSOCKET, api_id="abc123"),
                                        integration(ws_timeout)])["int"]
    assert "APIGW030" not in pack.findings([integration(ws_timeout)])["int"]
    pack.configure({BY_ID["APIGW030"].name: {"apiProtocols": {"abc123": "WEBSOCKET"}}})
    try:
        assert "APIGW030" in pack.findings([integration(ws_timeout)])["int"]
    finally:
        pack.configure()


def test_enforcement_level_from_configure(pack: PackClient) -> None:
    bad = [integration({**HTTP_LAMBDA, "timeoutMilliseconds": 60000.0})]
    name = BY_ID["APIGW030"].name
    pack.configure(levels={name: "advisory"})
    try:
        levels = [d.level for d in pack.preview(bad) if d.rule == "APIGW030"]
        assert levels == [analyzer_pb2.ADVISORY]
        pack.configure(levels={name: "disabled"})
        assert not [d for d in pack.preview(bad) if d.rule == "APIGW030"]
    finally:
        pack.configure()


def test_unknowns_at_any_depth_never_fail(pack: PackClient) -> None:
    a = api(aws.HTTP)
    props = {**HTTP_LAMBDA, "integrationUri": UNKNOWN, "timeoutMilliseconds": UNKNOWN,
             "requestParameters": {"append:header.x": UNKNOWN, UNKNOWN: "$request.body"},
             "responseParameters": [{"statusCode": UNKNOWN, "mappings": UNKNOWN}, UNKNOWN],
             "tlsConfig": UNKNOWN}
    diagnostics = pack.preview([a, integration(props, on=a)])
    assert not [d for d in diagnostics if CANT_RUN in d.message]


def test_secrets_are_unwrapped_and_never_echoed(pack: PackClient) -> None:
    a = api(aws.HTTP)
    url = "https://secret-backend.example.com/hook"
    r = integration({"integrationType": "AWS_PROXY", "integrationUri": secret(url),
                     "timeoutMilliseconds": secret(60000.0)}, on=a)
    diagnostics = pack.preview([a, r])
    assert {"APIGW019", "APIGW030"} <= {d.rule for d in diagnostics}
    assert not [d for d in diagnostics if "secret-backend" in d.message]


def test_nested_internal_keys_and_provider_defaults(pack: PackClient) -> None:
    a = api(aws.HTTP)
    props = {**HTTP_LAMBDA, "__defaults": [], "tlsConfig": {"__defaults": [],
                                                            "serverNameToVerify": "example.com"}}
    raw = pack.findings([a, integration(props, on=a)])["int"]
    defaulted = pack.findings([a, integration(props, on=a).defaulted()])["int"]
    assert "APIGW039" not in raw | defaulted  # the default passthroughBehavior is no WebSocket evidence


def test_lambda_permission_resolution(pack: PackClient) -> None:
    a = api(aws.HTTP)
    fn = Resource(FUNCTION, "fn", {"arn": UNKNOWN, "invokeArn": UNKNOWN, "name": UNKNOWN})
    uri = {"integrationType": "AWS_PROXY", "integrationUri": UNKNOWN, "payloadFormatVersion": "2.0"}
    r = integration(uri, on=a, integrationUri=[fn.urn])
    grant = {"action": "lambda:InvokeFunction", "principal": "apigateway.amazonaws.com"}
    permits = Resource(PERMISSION, "p", {**grant, "function": UNKNOWN}, {"function": [fn.urn]})
    other_fn = Resource(FUNCTION, "other", {"arn": UNKNOWN})
    elsewhere = Resource(PERMISSION, "p2", {**grant, "function": UNKNOWN}, {"function": [other_fn.urn]})
    unresolved = Resource(PERMISSION, "p3", {**grant, "function": UNKNOWN})
    wrong_principal = Resource(PERMISSION, "p4", {**grant, "principal": "events.amazonaws.com",
                                                  "function": UNKNOWN}, {"function": [fn.urn]})
    assert "APIGW021" in pack.findings([a, fn, r])["int"]
    assert "APIGW021" in pack.findings([a, fn, other_fn, elsewhere, wrong_principal, r])["int"]
    assert "APIGW021" not in pack.findings([a, fn, permits, r])["int"]
    assert "APIGW021" not in pack.findings([a, fn, unresolved, r])["int"]  # could name it


def test_state_file_for_replacements(pack: PackClient, tmp_path: Path) -> None:
    a = api(aws.HTTP)
    r = integration(HTTP_LAMBDA, on=a)
    name = BY_ID["APIGW044"].name
    response = pack.analyze_stack_response([a, r])
    reasons = {n.policy_name: n.reason for n in response.not_applicable}
    assert "stateFile" in reasons[name]
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 3, "deployment": {"resources": [
        {"urn": r.urn, "type": INTEGRATION, "inputs": {"integrationType": "HTTP_PROXY"},
         "outputs": {}}]}}))
    pack.configure({name: {"stateFile": str(state)}})
    try:
        assert "APIGW044" in pack.findings([a, r])["int"]
        state.write_text("not json")
        reasons = {n.policy_name: n.reason for n in pack.analyze_stack_response([a, r]).not_applicable}
        assert reasons[name].startswith(f"cannot read the state file {str(state)!r}")
    finally:
        pack.configure()


def test_integration_count_per_api(pack: PackClient) -> None:
    a = api(aws.HTTP)
    many = [integration(HTTP_LAMBDA, on=a, name=f"i{n}") for n in range(aws.INTEGRATIONS_PER_API + 1)]
    found = pack.findings([a, *many])
    assert all("APIGW046" in ids for ids in found.values())
    assert not any("APIGW046" in ids for ids in pack.findings([a, *many[:10]]).values())


@pytest.mark.parametrize("value", [FUNCTION_ARN, INVOKE_ARN])
def test_floats_and_ints_agree(pack: PackClient, value: str) -> None:
    a = api(aws.HTTP)
    as_float = integration({**HTTP_LAMBDA, "integrationUri": value, "timeoutMilliseconds": 30001.0}, on=a)
    assert "APIGW030" in pack.findings([a, as_float])["int"]

