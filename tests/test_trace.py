"""rules.trace, the basis of `--show-skipped`, over the whole catalogue: whenever making one input
of an invalid example unknown silences its rule, the rule is listed as skipped for that input."""
from __future__ import annotations

import dataclasses

import pytest

from apigw_lint.rules import LINTER, RULES, UNKNOWN, Context, Example, Integration, run, samples


def skips(m: Integration) -> dict[str, set[str]]:
    out: list = []
    run(m, engine=LINTER, skipped=out)
    return {s.rule.id: {*s.unknown, *s.unseen} for s in out}


def _unknown(example: Example, prop: str) -> Integration:
    """The example's model with one input (or the protocol) unknown."""
    if prop == "protocol":
        return Example(example.props, None, example.context).model()
    return Example({**example.props, prop: UNKNOWN}, example.protocol, example.context).model()


def _silencing_cases():
    """(rule, example, input) where making the input unknown silences the rule: only those are
    generated (an input the rule still decides without is no case of this test)."""
    for rule in RULES.values():
        for i, example in enumerate(rule.invalid):
            if LINTER not in example.engines:
                continue
            for prop, value in [*example.props.items(), ("protocol", example.protocol)]:
                # an empty value is an absent one: an unknown one would be set, not the same value
                settable = value not in (None, "", {}, [])
                rewritten = prop == "requestParameters" and "state_machine" in example.context
                if settable and not rewritten and not any(
                        f.rule == rule.id for f in run(_unknown(example, prop), engine=LINTER)):
                    yield rule.id, i, prop


CASES = list(_silencing_cases())


def test_every_rule_with_a_decisive_input_has_cases() -> None:
    """Each rule with a decisive input that an invalid example sets is silenced by one here."""
    covered = {rule_id for rule_id, _, _ in CASES}
    expected = {r.id for r in RULES.values() if LINTER in r.engines and any(
        LINTER in e.engines and any(e.props.get(p) not in (None, "", {}, []) if p != "protocol"
                                    else e.protocol for p in r.decisive) for e in r.invalid)}
    assert expected and expected <= covered


@pytest.mark.parametrize("rule_id,index,prop", CASES)
def test_an_input_that_silences_a_rule_is_named(rule_id: str, index: int, prop: str) -> None:
    m = _unknown(RULES[rule_id].invalid[index], prop)
    assert prop in skips(m).get(rule_id, set())


def test_unseen_arguments_are_named() -> None:
    m = Integration({"apiId": "a1b2c3"}, Context(protocol="HTTP", integrations_on_api=1),
                    open_args=True)
    assert skips(m)["APIGW049"] == {"integrationType"}
    assert skips(dataclasses.replace(m, open_args=False)) == {}


def test_closed_sets_are_tried_value_by_value() -> None:
    public = {**samples.HTTP_PUBLIC, "apiId": "a1b2c3"}
    fits_both = Integration({**public, "timeoutMilliseconds": 1000}, Context())
    assert "APIGW030" not in skips(fits_both)  # silent whatever the protocol
    http_only = Integration({**public, "timeoutMilliseconds": 29500}, Context())
    assert skips(http_only)["APIGW030"] == {"protocol"}
    # an unknown type: APIGW016 (a URI is required) cannot fire, for the URI is set
    typed = Integration({**public, "integrationType": UNKNOWN}, Context(protocol="HTTP"))
    assert "APIGW016" not in skips(typed)
    assert skips(typed)["APIGW001"] == {"integrationType"}


def test_the_normal_run_is_the_same() -> None:
    for rule in RULES.values():
        for example in (*rule.valid, *rule.invalid):
            m = example.model()
            assert run(m, engine=LINTER, skipped=[]) == run(m, engine=LINTER)
