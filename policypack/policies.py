"""The catalogue as CrossGuard policies: one StackValidationPolicy per rule that runs in the pack.

Every policy is a stack policy. Most rules depend on the owning API's protocol, which only the
stack (propertyDependencies["apiId"] -> the Api's protocolType) reveals; the rest still need the
same model, and one code path means the same answer for every rule. A resource policy would see
the same Integration inputs a moment earlier and nothing more, so none is needed.
"""
from __future__ import annotations

import sys
from typing import Any, Callable, Mapping

from pulumi_policy import (EnforcementLevel, PolicyConfigSchema, Severity, StackValidationArgs,
                           StackValidationPolicy)

from apigw_lint.rules import ERROR, INFO, PACK, RULES, WARNING, Rule, aws, run

from . import request, stack, state

ENFORCEMENT = {ERROR: EnforcementLevel.MANDATORY, WARNING: EnforcementLevel.ADVISORY,
               INFO: EnforcementLevel.ADVISORY}
SEVERITY = {ERROR: Severity.HIGH, WARNING: Severity.MEDIUM, INFO: Severity.LOW}

# A rule that compares against the previous state takes a stateFile option: only a
# `pulumi stack export` file can provide that state.
STATE_FILE = "stateFile"
API_PROTOCOLS_SCHEMA = {
    "type": "object",
    "description": "API id -> HTTP or WEBSOCKET, for integrations whose apiId is a literal id of "
                   "an API that is not a resource of this stack.",
    "additionalProperties": {"type": "string", "enum": list(aws.PROTOCOLS)},
}
NO_STATE_FILE = ("no stateFile configured: export the current state with `pulumi stack export "
                 "--file state.json` and set the policy's stateFile to compare against it")


def build_policies() -> list[StackValidationPolicy]:
    return [policy(r) for r in RULES.values() if PACK in r.engines]


def policy(r: Rule) -> StackValidationPolicy:
    options: dict[str, Any] = {**r.options, "apiProtocols": API_PROTOCOLS_SCHEMA}
    return StackValidationPolicy(
        name=r.name,
        description=f"{r.id} {r.title}. {r.summary}",
        validate=_validator(r),
        enforcement_level=ENFORCEMENT[r.severity],
        config_schema=PolicyConfigSchema(options),
        severity=SEVERITY[r.severity],
        remediation_steps=r.fix,
        url=r.sources[0] if r.sources else None,
    )


def _validator(r: Rule) -> Callable[[StackValidationArgs, Callable[..., None]], None]:
    def validate(args: StackValidationArgs, report_violation: Callable[..., None]) -> None:
        resources = request.resources(args.resources)  # first: see request.install
        config = _config(args)
        previous = None
        if STATE_FILE in r.options:
            path = config.get(STATE_FILE)
            if not isinstance(path, str) or not path:
                args.not_applicable(NO_STATE_FILE)
            try:
                previous = state.previous_states(path)
            except state.StateFileError as exc:
                args.not_applicable(str(exc))
        try:
            for message, urn in check_stack(r, resources, config, previous):
                report_violation(message, urn)
        except Exception as exc:  # noqa: BLE001 - an escaping exception fails the whole preview
            _log(r, exc)
    return validate


def check_stack(r: Rule, resources: list[Any], config: Mapping[str, Any] | None,
                previous: Mapping[str, Mapping[str, Any]] | None = None) -> list[tuple[str, str]]:
    """(message, integration URN) for every finding of rule r in the stack. Within one
    AnalyzeStack call, every rule's findings are computed once per configuration."""
    settings = stack.Settings.from_config(config, previous)
    select = None if request.in_call() else (r.id,)
    found, errors = request.once(settings.key(), lambda: _findings(resources, settings, select))
    for exc in errors.get(r.id, ()):
        _log(r, exc)
    return found.get(r.id, [])


def _findings(resources: list[Any], settings: stack.Settings, select: tuple[str, ...] | None
              ) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[Exception]]]:
    """Rule id -> [(message, URN)], and rule id -> the exceptions its check raised."""
    found: dict[str, list[tuple[str, str]]] = {}
    errors: dict[str, list[Exception]] = {}
    for urn, model in stack.models(resources, settings):
        for finding in run(model, engine=PACK, select=select,
                           on_error=lambda rule, exc: errors.setdefault(rule.id, []).append(exc)):
            found.setdefault(finding.rule, []).append((finding.message, urn))
    return found, errors


def _config(args: StackValidationArgs) -> Mapping[str, Any]:
    try:
        config = args.get_config()
    except Exception:  # noqa: BLE001
        return {}
    return config if isinstance(config, Mapping) else {}


def _log(r: Rule, exc: Exception) -> None:
    print(f"apigw-lint: {r.id} ({r.name}) failed and was skipped: {type(exc).__name__}: {exc}",
          file=sys.stderr, flush=True)
