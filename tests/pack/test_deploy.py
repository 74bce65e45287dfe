"""The pack as a platform team deploys it, driven as the engine drives it (the session's pack runs
in the pack's folder; configuration in the engine's shapes): settings in one place, an
unreadable stateFile fails closed, rules enforced in Analyze where the integration alone decides,
and never the same violation twice."""
from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from apigw_lint.rules import PACK, RULES, aws, run
from apigw_lint.rules.samples import HTTP_LAMBDA, WS_LAMBDA
from harness.pack import REPO, SETTINGS, PackClient, Resource, urn
from harness.render import NAME, render
from pulumi.runtime.proto import analyzer_pb2

INTEGRATION = "aws:apigatewayv2/integration:Integration"
TIMEOUT_POLICY = RULES["APIGW030"].name
REPLACEMENT_POLICY = RULES["APIGW044"].name
WS_TOO_LONG = Resource(INTEGRATION, "int", {**WS_LAMBDA, "apiId": "abc123",
                                             "timeoutMilliseconds": 29500.0})


def _timeouts(pack: PackClient) -> tuple[list, list]:
    """APIGW030's diagnostics on WS_TOO_LONG: (Analyze, AnalyzeStack)."""
    return ([d for d in pack.analyze(WS_TOO_LONG) if d.rule == "APIGW030"],
            [d for d in pack.analyze_stack([WS_TOO_LONG]) if d.rule == "APIGW030"])


def _state(folder: Path, integration_type: str = "HTTP_PROXY") -> Path:
    path = folder / "state.json"
    path.write_text(json.dumps({"version": 3, "deployment": {"resources": [
        {"urn": urn(INTEGRATION, "int"), "type": INTEGRATION,
         "inputs": {"apiId": "abc123", "integrationType": integration_type}, "outputs": {}}]}}))
    return path


@pytest.fixture
def engine_config(pack: PackClient):
    """Configure the pack from a --policy-pack-config document; back to defaults afterwards."""
    yield pack.configure_as_engine
    pack.configure()


def test_api_protocols_in_apigw_settings_reach_every_rule(pack: PackClient, engine_config) -> None:
    """29500 ms is too long only for a WebSocket API: unknown without the setting, reported in
    Analyze (the protocol needs no other resource) and not again by the stack with it."""
    engine_config({})
    assert _timeouts(pack) == ([], [])
    engine_config({SETTINGS: {"apiProtocols": {"abc123": "WEBSOCKET"}}})
    early, late = _timeouts(pack)
    assert [(d.urn, d.level) for d in early] == [(WS_TOO_LONG.urn, analyzer_pb2.MANDATORY)]
    assert late == []
    engine_config({SETTINGS: {"apiProtocols": {"abc123": "HTTP"}}})
    assert _timeouts(pack) == ([], [])


def test_a_policys_own_value_overrides_the_shared_one(pack: PackClient, engine_config) -> None:
    engine_config({SETTINGS: {"apiProtocols": {"abc123": "HTTP", "other": "HTTP"}},
                   TIMEOUT_POLICY: {"apiProtocols": {"abc123": "WEBSOCKET"}}})
    assert len(_timeouts(pack)[0]) == 1
    # Only APIGW030 was told WEBSOCKET: the shared HTTP still holds for the other rules.
    ws_only = Resource(INTEGRATION, "int", {**WS_LAMBDA, "apiId": "abc123",
                                            "templateSelectionExpression": "\\$request.body.action"})
    assert "APIGW039" in {d.rule for d in pack.preview([ws_only])}
    engine_config({SETTINGS: {"apiProtocols": {"abc123": "WEBSOCKET"}},
                   TIMEOUT_POLICY: {"apiProtocols": {"abc123": "HTTP"}}})
    assert _timeouts(pack) == ([], [])
    assert "APIGW039" not in {d.rule for d in pack.preview([ws_only])}


def test_all_carries_only_the_level(pack: PackClient, engine_config) -> None:
    engine_config({"all": "advisory", SETTINGS: {"apiProtocols": {"abc123": "WEBSOCKET"}}})
    assert [d.level for d in _timeouts(pack)[0]] == [analyzer_pb2.ADVISORY]


@pytest.mark.parametrize("content", [None, "not json", '{"deployment": {}}'])
def test_unreadable_state_file_fails_closed(pack: PackClient, engine_config, tmp_path: Path,
                                            content: str | None) -> None:
    """Missing, not JSON, not a stack export: a mandatory violation of apigw-settings on each
    integration, naming the file and the folder a relative path is resolved against."""
    path = tmp_path / "state.json"
    if content is not None:
        path.write_text(content)
    engine_config({SETTINGS: {"stateFile": str(path)}})
    found = [d for d in pack.preview([WS_TOO_LONG]) if d.policy == SETTINGS]
    assert [(d.urn, d.level) for d in found] == [(WS_TOO_LONG.urn, analyzer_pb2.MANDATORY)]
    assert found[0].message.startswith(f"cannot read the state file {str(path)!r} (")
    assert f"resolved against the policy pack's folder ({REPO})" in found[0].message
    reasons = {n.policy_name: n.reason for n in pack.analyze_stack_response([WS_TOO_LONG]).not_applicable}
    assert reasons[REPLACEMENT_POLICY].endswith(f"(reported by {SETTINGS})")
    engine_config({SETTINGS: {"enforcementLevel": "advisory", "stateFile": str(path)}})
    assert [d.level for d in pack.preview([WS_TOO_LONG]) if d.policy == SETTINGS] == [analyzer_pb2.ADVISORY]
    engine_config({SETTINGS: {"enforcementLevel": "disabled", "stateFile": str(path)}})
    assert [d for d in pack.preview([WS_TOO_LONG]) if d.policy == SETTINGS] == []


def test_relative_state_file_is_looked_up_in_the_packs_folder(pack: PackClient, engine_config,
                                                              tmp_path: Path, monkeypatch) -> None:
    """The user's project folder holds state.json, but the engine runs the pack in its own folder:
    a relative path is not found there, and says so."""
    _state(tmp_path)
    monkeypatch.chdir(tmp_path)  # where the user runs `pulumi preview`; the pack's cwd is REPO
    engine_config({SETTINGS: {"stateFile": "state.json"}})
    messages = [d.message for d in pack.preview([WS_TOO_LONG]) if d.policy == SETTINGS]
    assert len(messages) == 1 and "No such file" in messages[0]


def _readme_recipe(project: Path) -> dict:
    """The config the README's APIGW044 recipe writes, its shell lines run in the project folder."""
    readme = (REPO / "README.md").read_text()
    recipe = re.search(r"^(cat > policy-config\.json <<EOF\n.*?\nEOF)$", readme, re.MULTILINE | re.DOTALL)
    assert recipe and "$PWD/state.json" in recipe.group(1), "README: no APIGW044 recipe"
    subprocess.run(["bash", "-c", recipe.group(1)], cwd=project, check=True)
    return json.loads((project / "policy-config.json").read_text())


def test_readme_recipe_compares_against_the_projects_state(pack: PackClient, engine_config,
                                                            tmp_path: Path) -> None:
    changed = Resource(INTEGRATION, "int", {**HTTP_LAMBDA, "apiId": "abc123"})
    _state(tmp_path, "HTTP_PROXY")
    engine_config(_readme_recipe(tmp_path))
    early = [d for d in pack.analyze(changed) if d.rule == "APIGW044"]
    assert [d.urn for d in early] == [changed.urn]  # blocks before the replacement
    assert [d for d in pack.analyze_stack([changed]) if d.rule == "APIGW044"] == []
    assert not [d for d in pack.preview([changed]) if d.policy == SETTINGS]
    _state(tmp_path, "AWS_PROXY")  # unchanged: nothing
    assert [d for d in pack.preview([changed]) if d.rule == "APIGW044"] == []


CASES = [pytest.param(r.id, ex, defaults, id=f"{r.id}-{i}-{'defaulted' if defaults else 'raw'}")
         for r in RULES.values() if PACK in r.engines
         for i, ex in enumerate(r.invalid) if PACK in ex.engines
         for defaults in (False, True)]


@pytest.mark.parametrize("rule_id, example, defaults", CASES)
def test_each_violation_reported_once(pack: PackClient, engine_config, tmp_path: Path,
                                      rule_id: str, example, defaults: bool) -> None:
    """A preview (Analyze on every resource, then AnalyzeStack) reports each finding of the
    catalogue on the example's model exactly once, and the stack none that Analyze did."""
    rendered = render(example, defaults)
    state_file = rendered.write_state(tmp_path)
    engine_config({SETTINGS: {"stateFile": state_file}} if state_file else {})
    early = [d for r in rendered.resources for d in pack.analyze(r)]
    late = pack.analyze_stack(rendered.resources)
    expected = Counter(f.rule for f in run(example.model(provider_defaults=defaults), engine=PACK))
    assert Counter(d.rule for d in early + late if d.urn.endswith(NAME)) == expected
    assert not {(d.rule, d.urn) for d in early} & {(d.rule, d.urn) for d in late}
    assert all(d.rule for d in early + late)  # no settings error, no "can't run"
