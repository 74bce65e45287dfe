"""One AnalyzeStack request shared by the pack's policies (policypack/request.py): whichever policy
the SDK runs first (the others disabled, or it not applicable), every policy sees the whole
stack, and requests served at the same time stay apart."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from apigw_lint.rules import PACK, RULES
from harness.pack import PackClient
from harness.render import NAME, render

POLICIES = [r for r in RULES.values() if PACK in r.engines]  # the SDK runs them in this order
# One invalid example per rule (none that needs a state file: those are APIGW044's own).
EXAMPLES = {r.id: render(next(ex for ex in r.invalid if PACK in ex.engines), False)
            for r in POLICIES if any(PACK in ex.engines for ex in r.invalid)}
EXAMPLES = {rule: rendered for rule, rendered in EXAMPLES.items() if rule != "APIGW044"}


@pytest.mark.parametrize("first", ["APIGW001", "APIGW030", "APIGW044", "APIGW046"])
def test_every_policy_sees_the_stack_whichever_runs_first(pack: PackClient, first: str) -> None:
    """The policies before `first` are disabled; APIGW044 without a stateFile reads the stack and
    then reports itself not applicable."""
    ids = [r.id for r in POLICIES]
    pack.configure(levels={r.name: "disabled" for r in POLICIES[:ids.index(first)]})
    try:
        later = [rule for rule in EXAMPLES if ids.index(rule) >= ids.index(first)]
        assert later
        for rule in later:
            assert rule in pack.findings(EXAMPLES[rule].resources)[NAME], rule
        if first == "APIGW044":
            reasons = pack.analyze_stack_response(EXAMPLES["APIGW045"].resources).not_applicable
            assert [n.policy_name for n in reasons] == [RULES["APIGW044"].name]
    finally:
        pack.configure()


def test_concurrent_requests_stay_apart(pack: PackClient) -> None:
    stacks = [EXAMPLES["APIGW030"].resources, EXAMPLES["APIGW047"].resources]
    alone = [sorted(map(repr, pack.analyze_stack(s))) for s in stacks]
    assert alone[0] != alone[1]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda i: sorted(map(repr, pack.analyze_stack(stacks[i % 2]))),
                                 range(40)))
    assert together == [alone[i % 2] for i in range(40)]
