"""The catalogue as CrossGuard policies: one per rule that runs in the pack, and apigw-settings.

A rule's policy answers both of the engine's requests. Analyze (each resource as the program
registers it, before it is created, with `--skip-preview` too) reports what the integration's
own inputs decide, with the protocol from apiProtocols or not needed at all
(rules.run_alone). AnalyzeStack (once, after the program ran) reports the rest, which needs the
owning API (stack.py) or other resources, and never what Analyze reported: of an integration's
findings it drops those that run_alone gives on the same inputs (same rule and property). The SDK
runs ResourceValidationPolicies in Analyze and StackValidationPolicies in AnalyzeStack, so a
rule's policy is the first and registered as the second.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from pulumi_policy import (EnforcementLevel, PolicyConfigSchema, ResourceValidationArgs,
                           ResourceValidationPolicy, Severity, StackValidationArgs,
                           StackValidationPolicy)

from apigw_lint.rules import (ERROR, INFO, PACK, RULES, WARNING, Finding, Rule, run,
                              run_alone)
from apigw_lint.rules import resources as res

from . import config, request, stack, state
from . import props as bags

ENFORCEMENT = {ERROR: EnforcementLevel.MANDATORY, WARNING: EnforcementLevel.ADVISORY,
               INFO: EnforcementLevel.ADVISORY}
SEVERITY = {ERROR: Severity.HIGH, WARNING: Severity.MEDIUM, INFO: Severity.LOW}
NO_STATE_FILE = ("no stateFile configured: export the current state with `pulumi stack export "
                 f"--file state.json` and set {config.SETTINGS}' stateFile to its absolute path")

Found = tuple[dict[str, list[tuple[str, str]]], dict[str, list[Exception]]]


class Outcome(NamedTuple):
    """What one policy adds to a response: violations (message, URN), lines for the pack's log
    (a check that raised), and why it does not apply (None: it applies)."""

    violations: Sequence[tuple[str, str]] = ()
    logs: Sequence[str] = ()
    not_applicable: str | None = None


NOTHING = Outcome()
# outcome(the call's first arguments (request.first), the policy's own config)
Outcomes = Callable[[Any, Mapping[str, Any]], Outcome]


class PackPolicy(ResourceValidationPolicy):
    """A policy of the pack: it reports its outcome, which also tells the SDK's loop whether to
    run it at all (reports)."""

    def __init__(self, outcome: Outcomes, **kwargs: Any) -> None:
        super().__init__(validate=_validator(outcome), **kwargs)
        self.outcome = outcome


class RulePolicy(PackPolicy):
    """A policy the SDK runs in Analyze and in AnalyzeStack; its validate gets either args."""


StackValidationPolicy.register(RulePolicy)


def build_policies() -> list[ResourceValidationPolicy]:
    return [settings_policy(), *(policy(r) for r in RULES.values() if PACK in r.engines)]


def reports(p: Any, first: Any, own: Mapping[str, Any]) -> bool:
    """Whether policy p adds anything to the response of the call whose first policy got `first`
    (request.install runs only those)."""
    return not isinstance(p, PackPolicy) or any(p.outcome(first, own))


def policy(r: Rule) -> RulePolicy:
    options = {**r.options, config.API_PROTOCOLS: config.SCHEMA[config.API_PROTOCOLS]}
    return RulePolicy(
        _rule_outcome(r),
        name=r.name,
        display_name=r.title,
        description=f"{r.id} {r.title}. {r.summary}",
        enforcement_level=ENFORCEMENT[r.severity],
        config_schema=PolicyConfigSchema(options),
        severity=SEVERITY[r.severity],
        remediation_steps=r.fix,
        url=r.sources[0] if r.sources else None,
    )


def settings_policy() -> PackPolicy:
    """apigw-settings: the shared settings, and a violation on every integration whose checks a
    configured stateFile that cannot be read leaves undone (fail closed: mandatory unless its
    enforcement level says otherwise)."""
    return PackPolicy(
        _settings_outcome,
        name=config.SETTINGS,
        display_name="apigw-lint settings",
        description="Settings every apigw-lint policy shares: apiProtocols and stateFile (a "
                    "policy's own value overrides them). Reports only its own configuration "
                    "errors: a stateFile that cannot be read or parsed.",
        enforcement_level=EnforcementLevel.MANDATORY,
        config_schema=PolicyConfigSchema(config.SCHEMA),
        severity=Severity.HIGH,
    )


def _validator(outcome: Outcomes) -> Callable[[Any, Callable[..., None]], None]:
    def validate(args: Any, report_violation: Callable[..., None]) -> None:
        found = outcome(request.first(args), args.get_config())  # first: see request.install
        if found.not_applicable is not None:
            args.not_applicable(found.not_applicable)
        for line in found.logs:
            print(line, file=sys.stderr, flush=True)
        for message, urn in found.violations:
            report_violation(message, urn)
    return validate


def _settings_outcome(args: Any, own: Mapping[str, Any]) -> Outcome:
    if not _is_integration(args):
        return NOTHING
    errors = (_previous(path)[1] for path in config.state_files())
    return Outcome([(f"{error}. APIGW044 cannot check this integration's replacement.", args.urn)
                    for error in errors if error is not None])


def _rule_outcome(r: Rule) -> Outcomes:
    def outcome(args: Any, own: Mapping[str, Any]) -> Outcome:
        if isinstance(args, StackValidationArgs):
            return _stack_outcome(r, request.resources(args.resources), own)
        return _resource_outcome(r, args, own) if _is_integration(args) else NOTHING
    return outcome


def _is_integration(args: Any) -> bool:
    return isinstance(args, ResourceValidationArgs) and \
        res.KIND_BY_TOKEN.get(args.resource_type) == res.INTEGRATION


def _resource_outcome(r: Rule, args: ResourceValidationArgs, own: Mapping[str, Any]) -> Outcome:
    settings, _ = _settings(own)
    select = None if request.in_call() else (r.id,)
    return _of(r, request.once(settings.key, lambda: _alone_findings(
        args.props, args.urn, args.name, settings, select)))


def _stack_outcome(r: Rule, resources: list[Any], own: Mapping[str, Any]) -> Outcome:
    settings, error = _settings(own)
    if config.STATE_FILE in r.options:
        if settings.state_file is None:
            return Outcome(not_applicable=NO_STATE_FILE)
        if error is not None:
            return Outcome(not_applicable=f"{error} (reported by {config.SETTINGS})")
    select = None if request.in_call() else (r.id,)
    return _of(r, request.once(settings.key, lambda: _stack_findings(resources, settings,
                                                                       select)))


def _of(r: Rule, found: Found) -> Outcome:
    """Rule r's share of the findings of every rule."""
    violations, errors = found[0].get(r.id, ()), found[1].get(r.id, ())
    if not violations and not errors:
        return NOTHING
    return Outcome(violations, [f"apigw-lint: {r.id} ({r.name}) failed and was skipped: "
                                f"{type(exc).__name__}: {exc}" for exc in errors])


def _settings(own: Mapping[str, Any]) -> tuple[stack.Settings, str | None]:
    """The policy's settings (apigw-settings' overridden by its own), and why its stateFile
    cannot be read, if it cannot: once per call for each distinct config of a policy."""
    key = json.dumps(own, sort_keys=True, default=repr) if own else None
    return request.once(("settings", key), lambda: _read_settings(own))


def _read_settings(own: Any) -> tuple[stack.Settings, str | None]:
    effective = config.effective(own)
    path = effective.get(config.STATE_FILE)
    path = path if isinstance(path, str) and path else None
    previous, error = _previous(path) if path is not None else (None, None)
    return stack.Settings.from_config(effective, previous, path), error


def _previous(path: str) -> tuple[Mapping[str, Mapping[str, Any]] | None, str | None]:
    """The state file's integrations, or why it cannot be read: once per call."""
    def load() -> tuple[Mapping[str, Mapping[str, Any]] | None, str | None]:
        try:
            return state.previous_states(path), None
        except state.StateFileError as exc:
            return None, str(exc)
    return request.once(("state", path), load)


def _collect(findings: list[Finding], urn: str, out: Found) -> None:
    for f in findings:
        out[0].setdefault(f.rule, []).append((f.message, urn))


def _on_error(out: Found) -> Callable[[Rule, Exception], None]:
    return lambda rule, exc: out[1].setdefault(rule.id, []).append(exc)


def _alone_findings(props: Any, urn: str, name: str, settings: stack.Settings,
                    select: tuple[str, ...] | None) -> Found:
    """Rule id -> [(message, URN)] of what the integration's own inputs decide, and rule id ->
    the exceptions its check raised."""
    out: Found = ({}, {})
    values, secret = bags.plain_props(props)
    model = bags.integration(values, secret, _alone_context(values, urn, settings), name)
    _collect(run_alone(model, PACK, select, _on_error(out)), urn, out)
    return out


def _stack_findings(resources: list[Any], settings: stack.Settings,
                    select: tuple[str, ...] | None) -> Found:
    """As _alone_findings, for what needs the stack: every integration's findings but those its
    own inputs decide (Analyze reported them)."""
    out: Found = ({}, {})
    on_error = _on_error(out)
    for urn, model in stack.models(resources, settings):
        found = run(model, PACK, select, on_error)
        if found:
            alone = dataclasses.replace(model, context=_alone_context(model.props, urn, settings))
            early = {(f.rule, f.path) for f in run_alone(alone, PACK, {f.rule for f in found},
                                                         lambda *_: None)}
            _collect([f for f in found if (f.rule, f.path) not in early], urn, out)
    return out


def _alone_context(props: Mapping[str, Any], urn: str, settings: stack.Settings) -> Any:
    previous = settings.previous.get(urn) if settings.previous is not None else None
    return res.alone_context(props, settings.api_protocols, previous)

