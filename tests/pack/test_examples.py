"""Every catalogue example through the pack over gRPC, raw and after the provider's Check."""
from __future__ import annotations

from pathlib import Path

import pytest

from apigw_lint.rules import PACK, RULES, run
from harness.pack import PackClient, secret
from harness.render import NAME, render
from leaves import leaves


def _cases() -> list:
    cases = []
    for r in RULES.values():
        if PACK not in r.engines:
            continue
        for kind, examples in (("invalid", r.invalid), ("valid", r.valid)):
            for i, ex in enumerate(examples):
                if PACK not in ex.engines:
                    continue
                for defaults in (False, True):
                    cases.append(pytest.param(r.id, kind, ex, defaults,
                                              id=f"{r.id}-{kind}{i}-{'defaulted' if defaults else 'raw'}"))
    return cases


def _findings(pack: PackClient, ex, defaults: bool, tmp_path: Path) -> set[str]:
    rendered = render(ex, defaults)
    state_file = rendered.write_state(tmp_path)
    pack.configure({r.name: {"stateFile": state_file} for r in RULES.values()} if state_file else None)
    try:
        return pack.findings(rendered.resources)[NAME]
    finally:
        if state_file:
            pack.configure()


@pytest.mark.parametrize("rule_id, kind, example, defaults", _cases())
def test_example(pack: PackClient, rule_id: str, kind: str, example, defaults: bool,
                 tmp_path: Path) -> None:
    """Exactly the example's rule and its stated overlaps (`also`), or nothing at all."""
    found = _findings(pack, example, defaults, tmp_path)
    expected = {rule_id, *example.also} if kind == "invalid" else set()
    assert found == {r for r in expected if PACK in RULES[r].engines}


@pytest.mark.parametrize("rule_id, kind, example, defaults", _cases())
def test_example_agrees_with_model(pack: PackClient, rule_id: str, kind: str, example,
                                   defaults: bool, tmp_path: Path) -> None:
    """The context the pack resolves from the stack is the one the example describes: the pack
    reports exactly what the catalogue finds on the example's own model."""
    found = _findings(pack, example, defaults, tmp_path)
    expected = {f.rule for f in run(example.model(provider_defaults=defaults), engine=PACK)}
    assert found == expected


@pytest.mark.parametrize("rule_id, kind, example, defaults",
                         [c for c in _cases() if c.values[1] == "invalid"])
def test_secret_inputs_still_checked_and_never_echoed(pack: PackClient, rule_id: str, kind: str,
                                                       example, defaults: bool,
                                                       tmp_path: Path) -> None:
    """Every input of the integration secret-wrapped, as `pulumi.Output.secret(...)` sends it: the
    same rules fire, and no message holds any of the values (mapping values, templates, URIs,
    ARNs, and even enum values and numbers)."""
    rendered = render(example, defaults)
    integration = next(r for r in rendered.resources if r.name == NAME)
    values = {s for v in integration.props.values() for s in leaves(v) if len(s) >= 2}
    integration.props = {k: secret(v) for k, v in integration.props.items()}
    state_file = rendered.write_state(tmp_path)
    pack.configure({r.name: {"stateFile": state_file} for r in RULES.values()} if state_file else None)
    try:
        diagnostics = [d for d in pack.preview(rendered.resources) if d.urn.endswith(NAME)]
    finally:
        if state_file:
            pack.configure()
    assert rule_id in {d.rule for d in diagnostics}
    for d in diagnostics:
        leaked = [s for s in values if s in d.message[len(d.rule):]]
        assert not leaked, (d.message, leaked)
