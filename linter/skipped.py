"""`--show-skipped`: the checks an unknown value kept silent on each integration, and why.

rules.trace says which inputs each skipped check read while they were not known; the front end
that built the model says why each input is not known (its `Reasons`). Skipped checks are not
findings: they never change the exit code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apigw_lint.rules import aws, model, resources
from apigw_lint.rules.trace import ANY_ARGUMENT, Skip

from .lint import display


API_NOT_RESOLVED = "API not resolved"


class Reasons:
    """Why the inputs of one model are not known, in a few words. A front end says why a property
    is not known and which of the program's resources a value comes from; the Context fields'
    reasons follow from that here. Reasons name config keys, parameters and resources, never a
    value written in the program."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def of(self, name: str) -> str:
        """Why a property (camelCase) or a Context field is not known."""
        if name not in self._memo:
            context = {"protocol": self._protocol, "integrations_on_api": self._count,
                       "lambda_permitted": self._permitted, "state_machine_type": self._machine}
            self._memo[name] = context[name]() if name in context else self.property(name)
        return self._memo[name]

    # --- what the front end tells
    def property(self, name: str) -> str:
        """Why the integration's property is not known ('not set', 'a literal value' when it is
        absent or known)."""
        raise NotImplementedError

    def unseen(self) -> str:
        """What unseen arguments (**kwargs, an args object) may set properties."""
        raise NotImplementedError

    def resource(self, *path: str) -> Any:
        """The program's resource the value at path (a property, keys inside it) comes from."""
        raise NotImplementedError

    def kind(self, resource: Any) -> str | None:
        raise NotImplementedError

    def describe(self, resource: Any) -> str:
        raise NotImplementedError

    def setting(self, resource: Any, name: str) -> str:
        """Why a related resource's property is not known (as `property`)."""
        raise NotImplementedError

    # --- the Context
    def _api(self) -> tuple[Any, str]:
        """The Api behind apiId, or None and why there is none."""
        api = self.resource("apiId")
        if api is not None and self.kind(api) == resources.API:
            return api, ""
        return None, f"{API_NOT_RESOLVED} (apiId: {self.property('apiId')})"

    def _protocol(self) -> str:
        api, why = self._api()
        return why if api is None else \
            f"{resources.API_PROTOCOL} of {self.describe(api)}: " \
            f"{self.setting(api, resources.API_PROTOCOL)}"

    def _count(self) -> str:
        api, why = self._api()
        return why if api is None else f"the integrations on {self.describe(api)} cannot be " \
            "counted (some are made in loops, branches or helpers)"

    def _permitted(self) -> str:
        function = self.resource("integrationUri")
        if function is not None and self.kind(function) == model.LAMBDA_FUNCTION:
            return "a Lambda Permission's function, principal or action is not known"
        return "the function behind integrationUri is not a Lambda function of the program"

    def _machine(self) -> str:
        machine = self.resource("requestParameters", aws.STATE_MACHINE_PARAMETER)
        if machine is not None and self.kind(machine) == resources.STATE_MACHINE:
            return f"{resources.STATE_MACHINE_TYPE} of {self.describe(machine)}: " \
                f"{self.setting(machine, resources.STATE_MACHINE_TYPE)}"
        return "the state machine behind StateMachineArn is not one of the program"


@dataclass(frozen=True)
class Skipped:
    path: Path
    line: int
    column: int
    resource: str | None
    rule: str
    name: str
    why: tuple[tuple[str, str], ...]  # (input, reason)


def entries(skips: list[Skip], reasons: Reasons, path: Path, start: tuple[int, int],
            resource: str | None) -> list[Skipped]:
    out = []
    for skip in skips:
        why = [(name, reasons.of(name)) for name in skip.unknown]
        why += [("arguments" if name == ANY_ARGUMENT else name, f"may be set by {reasons.unseen()}")
                for name in skip.unseen]
        out.append(Skipped(path, *start, resource, skip.rule.id, skip.rule.name, tuple(why)))
    return out


def _key(s: Skipped) -> tuple:
    return display(s.path), s.line, s.column, s.rule


def text(skipped: list[Skipped]) -> str:
    lines = []
    for s in sorted(skipped, key=_key):
        where = f"{display(s.path)}:{s.line}:{s.column}: " + (f"{s.resource}: " if s.resource
                                                              else "")
        because = "; ".join(f"{name}: {reason}" for name, reason in s.why)
        lines.append(f"{where}skipped {s.rule} ({because})\n")
    return "".join(lines)


def as_json(skipped: list[Skipped]) -> list[dict]:
    """Entries for the JSON list, told apart from findings by "skipped": true."""
    return [{"skipped": True, "rule": s.rule, "name": s.name, "path": display(s.path),
             "line": s.line, "column": s.column, "resource": s.resource,
             "unknown": [{"input": name, "reason": reason} for name, reason in s.why]}
            for s in sorted(skipped, key=_key)]


def merge_json(findings_json: str, skipped: list[Skipped]) -> str:
    """The findings' JSON list with the skipped checks appended."""
    return json.dumps(json.loads(findings_json) + as_json(skipped), indent=2) + "\n"
