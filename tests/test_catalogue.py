"""The catalogue itself: complete metadata, and every example through the checks, as the linter
sees an integration (absent means absent) and as the pack does (after the provider's defaults)."""
from __future__ import annotations

import dataclasses
import re

import pytest

from apigw_lint.rules import ERROR, LINTER, PACK, RULES, SEVERITIES, run
from apigw_lint.rules.aws import CALLER_CREDENTIALS_ARN as CALLER  # a fixed AWS value
from apigw_lint.rules.catalogue import BOTH, LINTER
from leaves import leaves

# Rules about integrations are numbered from APIGW001 without a gap; file rules (no check, files
# as examples: tests/linter/test_not_checked.py runs them) stand apart.
INTEGRATION_IDS = [i for i, r in RULES.items() if r.check is not None]
FILE_IDS = [i for i, r in RULES.items() if r.check is None]


def test_catalogue_has_every_rule_once():
    assert INTEGRATION_IDS == [f"APIGW{n:03d}" for n in range(1, len(INTEGRATION_IDS) + 1)]
    assert FILE_IDS == ["APIGW999"]
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_metadata_is_complete(rule_id):
    r = RULES[rule_id]
    assert re.fullmatch(r"apigw(-[a-z0-9]+)+", r.name)
    assert r.severity in SEVERITIES
    assert r.engines and set(r.engines) <= set(BOTH)
    for text in (r.title, r.summary, r.rationale, r.fix):
        assert text.strip()
    assert r.sources and all(s.startswith("https://") for s in r.sources)
    if r.check is None:  # a file rule: the linter's own error about a whole file
        assert r.situations and not (r.valid or r.invalid)
        assert (r.severity, r.engines) == (ERROR, (LINTER,))
    else:
        assert r.valid and r.invalid and not r.situations


def test_file_rules_never_run_on_an_integration():
    for r in RULES.values():
        for example in r.invalid + r.valid:
            assert not {f.rule for f in run(example.model())} & set(FILE_IDS)


def _views(example, rule):
    """(engine, model) pairs an example's expectation must hold in."""
    views = []
    if LINTER in example.engines and LINTER in rule.engines:
        views.append((LINTER, example.model()))
    if PACK in example.engines and PACK in rule.engines:
        views += [(PACK, example.model()), (PACK, example.model(provider_defaults=True))]
    return views


CASES = [(rid, kind, i) for rid, r in RULES.items()
         for kind, examples in (("invalid", r.invalid), ("valid", r.valid))
         for i in range(len(examples))]


@pytest.mark.parametrize("rule_id,kind,index", CASES)
def test_example(rule_id, kind, index):
    """A valid example reports nothing at all; an invalid one exactly its rule and the rules
    its `also` names (an overlap is stated, never silent)."""
    r = RULES[rule_id]
    example = (r.invalid if kind == "invalid" else r.valid)[index]
    views = _views(example, r)
    assert views, "an example must hold in at least one engine of its rule"
    for engine, model in views:
        fired = {f.rule for f in run(model, engine=engine)}
        expected = {rule_id, *example.also} if kind == "invalid" else set()
        assert fired == {x for x in expected if engine in RULES[x].engines}, \
            f"{engine}, defaults={model.maybe_default}: {example}"
        if kind == "invalid":  # and exactly where: the property path of each of its findings
            assert sorted(f.path for f in run(model, engine=engine) if f.rule == rule_id) == \
                sorted(example.paths), f"{engine}: {example}"


def _fresh(value):
    """The value with every string a new object, as a parser builds them (never the catalogue's
    own constants), so that a check comparing strings with `is` differs here."""
    if isinstance(value, str):
        return "".join([value[:1], value[1:]])
    if isinstance(value, dict):
        return {_fresh(k): _fresh(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_fresh(v) for v in value)
    return value


@pytest.mark.parametrize("rule_id,kind,index", CASES)
def test_example_with_strings_a_parser_made(rule_id, kind, index):
    r = RULES[rule_id]
    example = (r.invalid if kind == "invalid" else r.valid)[index]
    fresh = dataclasses.replace(example, props=_fresh(dict(example.props)),
                                protocol=_fresh(example.protocol),
                                context=_fresh(dict(example.context)))
    assert fresh.protocol is not example.protocol or example.protocol is None
    for (engine, model), (_, same) in zip(_views(example, r), _views(fresh, r)):
        around = {k: _fresh(v) for k, v in vars(same.context).items() if isinstance(v, str)}
        same = dataclasses.replace(same, context=dataclasses.replace(same.context, **around))
        assert [(f.rule, f.path, f.severity, f.message) for f in run(same, engine=engine)] == \
            [(f.rule, f.path, f.severity, f.message) for f in run(model, engine=engine)]


def test_stated_overlaps_name_other_rules():
    for r in RULES.values():
        for example in r.invalid:
            assert r.id not in example.also and set(example.also) <= set(RULES), example
            assert example.paths, f"{r.id}: an invalid example states where it reports"
        assert not any(example.also or example.paths for example in r.valid), r.id


def test_findings_start_with_their_rule_id_and_carry_a_path():
    for r in RULES.values():
        for example in r.invalid:
            for f in run(example.model()):
                assert f.message.startswith(f.rule + " ")
                assert isinstance(f.path, tuple)


_ENUM_LIKE = {"integrationType", "integrationMethod", "connectionType", "contentHandlingStrategy",
              "passthroughBehavior", "payloadFormatVersion", "integrationSubtype",
              "templateSelectionExpression"}


def test_messages_never_echo_values_that_could_be_secret():
    """URIs, ARNs, mapping values and templates never appear in a message."""
    for r in RULES.values():
        for example in r.invalid + r.valid:
            model = example.model()
            secrets = {s for k, v in model.props.items() if k not in _ENUM_LIKE
                       for s in leaves(v, numbers=False) if len(s) >= 4 and not CALLER.match(s)}
            for f in run(model):
                for s in secrets:
                    assert s not in f.message, (f.rule, s)
