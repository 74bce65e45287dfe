"""rules.run_alone: what an integration decides without any other resource, which the pack
reports in Analyze. It must never report what the whole picture would not (AnalyzeStack drops
exactly these findings, so one that the stack would not find would be a false positive)."""
from __future__ import annotations

import dataclasses

import pytest

from apigw_lint.rules import PACK, RULES, UNKNOWN, aws, run, run_alone
from apigw_lint.rules.resources import alone_context

CASES = [pytest.param(ex, defaults, id=f"{r.id}-{kind}{i}-{'defaulted' if defaults else 'raw'}")
         for r in RULES.values() if PACK in r.engines
         for kind, examples in (("invalid", r.invalid), ("valid", r.valid))
         for i, ex in enumerate(examples) if PACK in ex.engines
         for defaults in (False, True)]


def _alone(example, defaults: bool, protocols=None):
    m = example.model(provider_defaults=defaults)
    return m, dataclasses.replace(m, context=alone_context(m.props, protocols,
                                                           m.context.previous))


def _keys(findings) -> set:
    return {(f.rule, f.path) for f in findings}


@pytest.mark.parametrize("example, defaults", CASES)
def test_alone_findings_are_findings_of_the_whole_picture(example, defaults: bool) -> None:
    m, alone = _alone(example, defaults)
    assert _keys(run_alone(alone, PACK)) <= _keys(run(m, PACK))


@pytest.mark.parametrize("example, defaults", [c for c in CASES if c.values[0].protocol])
def test_configured_protocol_counts_as_known(example, defaults: bool) -> None:
    """With the API's protocol given by apiProtocols, the integration alone decides what the
    stack would with that protocol."""
    m = example.model(provider_defaults=defaults)
    props = {**m.props, "apiId": "abc123"}
    alone = dataclasses.replace(m, props=props, context=alone_context(
        props, {"abc123": example.protocol}, m.context.previous))
    assert alone.protocol == example.protocol
    assert _keys(run_alone(alone, PACK)) <= _keys(run(dataclasses.replace(m, props=props), PACK))


def test_a_finding_because_the_protocol_is_unknown_is_not_alone() -> None:
    """APIGW047 reports an integration that fits neither protocol while the API is unknown; the
    stack may know the API, and then the specific rules report instead: not an Analyze finding."""
    example = RULES["APIGW047"].invalid[1]
    _, alone = _alone(example, False)
    assert alone.protocol is UNKNOWN
    assert "APIGW047" in {f.rule for f in run(alone, PACK)}
    assert "APIGW047" not in {f.rule for f in run_alone(alone, PACK)}


@pytest.mark.parametrize("timeout, alone", [(30000, False), (30001, True), (50, False), (49, True)])
def test_timeouts_decided_alone_on_both_sides_of_the_bounds(timeout: int, alone: bool) -> None:
    """Above 30000 or below 50 no protocol takes the timeout; 29001-30000 needs the protocol."""
    example = RULES["APIGW030"].valid[0]
    m = example.model()
    m = dataclasses.replace(m, props={**m.props, "timeoutMilliseconds": timeout},
                            context=alone_context(m.props))
    assert ("APIGW030" in {f.rule for f in run_alone(m, PACK)}) is alone
    ws = dataclasses.replace(m, context=dataclasses.replace(m.context, protocol=aws.WEBSOCKET))
    assert ("APIGW030" in {f.rule for f in run_alone(ws, PACK)}) is (timeout > 29000 or timeout < 50)
