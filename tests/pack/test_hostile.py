"""Hostile requests: whatever the engine (or a broken program) sends, no exception leaves a policy
and no "can't run policy" diagnostic appears."""
from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import json_format
from hypothesis import HealthCheck, given, settings, strategies as st
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import EnforcementLevel, PolicyConfigSchema
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.policy import _PolicyAnalyzerServicer
from pulumi_policy.proxy import (UNKNOWN_ARRAY_VALUE, UNKNOWN_BOOLEAN_VALUE, UNKNOWN_NUMBER_VALUE,
                                 UNKNOWN_OBJECT_VALUE, UNKNOWN_STRING_VALUE, unknown_checking_proxy)

from apigw_lint.policypack import props as bags
from apigw_lint.policypack.pack import NAME
from apigw_lint.policypack.policies import build_policies
from apigw_lint.policypack.secrets import keep_secret_markers
from apigw_lint.rules import PACK, UNKNOWN, Context, aws, run
from apigw_lint.rules.resources import KIND_BY_TOKEN
from harness.pack import (CANT_RUN, RULE_BY_POLICY, PackClient, Resource, _analyzer_resource,
                          secret, struct)

SENTINELS = [UNKNOWN_STRING_VALUE, UNKNOWN_NUMBER_VALUE, UNKNOWN_BOOLEAN_VALUE,
             UNKNOWN_ARRAY_VALUE, UNKNOWN_OBJECT_VALUE]
KEYS = st.sampled_from([*aws.PROPERTIES, "__defaults", "protocolType", "id", "type", "function",
                        "principal", "action", "statusCode", "mappings", "serverNameToVerify",
                        *aws.SUBTYPES["SQS-SendMessage"][0], "x"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(SENTINELS),
    st.sampled_from([*aws.INTEGRATION_TYPES, *aws.PROTOCOLS, *aws.SUBTYPES, "2.0", "1.0",
                     "VPC_LINK", "INTERNET", "WHEN_NO_MATCH", "NEVER", "apigateway.amazonaws.com",
                     "lambda:InvokeFunction", "$request.body", "arn:aws:lambda:us-east-1:1:function:f"]),
    st.text(max_size=20))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), inner, max_size=5),
    inner.map(secret)), max_leaves=25)
PROPS = st.dictionaries(KEYS, JSON, max_size=10)
TOKENS = st.sampled_from([*KIND_BY_TOKEN, "aws:s3/bucket:Bucket"])


@st.composite
def stacks(draw: Any) -> list[Resource]:
    resources = [Resource(draw(TOKENS), f"r{i}", draw(PROPS))
                 for i in range(draw(st.integers(1, 6)))]
    urns = [r.urn for r in resources] + ["urn:pulumi:stack::project::aws:x:Y::gone"]
    for r in resources:
        r.property_dependencies = draw(st.dictionaries(KEYS, st.lists(st.sampled_from(urns), max_size=3),
                                                       max_size=4))
    return resources


CONFIG = st.dictionaries(st.sampled_from(["apiProtocols", "stateFile", "x"]), JSON, max_size=3)


@pytest.fixture(scope="module")
def servicer() -> _PolicyAnalyzerServicer:
    """The SDK's own servicer around the pack's policies, called in-process (no gRPC)."""
    keep_secret_markers()
    return _PolicyAnalyzerServicer(NAME, "0.0.1", build_policies(), EnforcementLevel.ADVISORY)


def _configure(s: _PolicyAnalyzerServicer, config: dict[str, Any]) -> None:
    s.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig={
        p.name: analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.MANDATORY,
                                          properties=struct(config))
        for p in build_policies()}), None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resources=stacks(), config=CONFIG)
def test_analyze_stack_in_process(servicer: _PolicyAnalyzerServicer, resources: list[Resource],
                                  config: dict[str, Any]) -> None:
    _configure(servicer, config)
    response = servicer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(
        resources=[_analyzer_resource(r) for r in resources]), None)
    assert not [d for d in response.diagnostics if CANT_RUN in d.message]
    for r in resources:
        for d in servicer.Analyze(analyzer_pb2.AnalyzeRequest(
                type=r.type, name=r.name, urn=r.urn, properties=struct(r.props)), None).diagnostics:
            rule = RULE_BY_POLICY[d.policyName]  # a rule's violation, never "can't run"
            assert d.message.split("\n", 1)[1].startswith(rule + " ") and d.urn == r.urn


@settings(max_examples=300, deadline=None)
@given(props=PROPS, protocol=st.sampled_from([*aws.PROTOCOLS, None]))
def test_no_check_raises_on_hostile_models(props: dict[str, Any], protocol: str | None) -> None:
    """What the pack hands the checks (plain values, UNKNOWN inside): no check may raise, or its
    findings are lost for that integration."""
    plain, _ = bags.plain(props)
    model = bags.integration(plain, frozenset(), Context(protocol=protocol or UNKNOWN), "r")
    run(model, engine=PACK)  # without on_error: a raising check raises here


@settings(max_examples=300, deadline=None)
@given(value=JSON)
def test_plain_reads_any_proxied_value(value: Any) -> None:
    keep_secret_markers()
    wire = json_format.MessageToDict(struct({"v": value}))
    proxied = unknown_checking_proxy(deserialize_properties(wire))
    plain, _ = bags.plain_props(proxied)
    assert set(plain) <= {"v"}
    assert UNKNOWN_STRING_VALUE not in repr(plain)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resources=stacks())
def test_analyze_stack_over_grpc(pack: PackClient, resources: list[Resource]) -> None:
    for d in pack.preview(resources):
        assert CANT_RUN not in d.message
        assert d.rule is not None and d.message.startswith(d.rule + " ")
