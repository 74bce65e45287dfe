"""`--show-skipped`: the checks an unknown value kept silent on each integration, and why.

rules.trace says which inputs each skipped check read while they were not known; the front end
that built the model says why each is not known (its `Reasons`). Skipped checks are not findings
and never change the exit code. Text: one line per skipped check after the findings; JSON:
entries with "skipped": true appended to the list of findings.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apigw_lint.rules import aws, model, resources
from apigw_lint.rules.trace import ANY_ARGUMENT, Skip

from .discover import display

API_NOT_RESOLVED = "API not resolved"


class Reasons:
    """Why the inputs of one model are not known, in a few words. The front end says why a
    property is not known and which of the program's resources a value comes from; the Context
    fields' reasons follow from that here. Reasons name config keys, parameters, resources and
    mapping keys, never a value written in the program."""

    def __init__(self) -> None:
        self._memo: dict[str, tuple[str, str]] = {}

    def of(self, name: str) -> tuple[str, str]:
        """(the input as shown, why it is not known) for a property (camelCase; the path shown
        goes down to the first part of its value that is not known) or a Context field."""
        if name not in self._memo:
            context = {"protocol": self._protocol, "integrations_on_api": self._count,
                       "lambda_permitted": self._permitted, "state_machine_type": self._machine}
            if name in context:
                self._memo[name] = (name, context[name]())
            else:
                path, why = self.property(name)
                self._memo[name] = (name + path, why)
        return self._memo[name]

    # --- what the front end tells
    def property(self, name: str) -> tuple[str, str]:
        """(path inside the value, e.g. '["QueueUrl"]' or '', why) for a property of the
        integration; why is 'not set' or 'a literal value' when it is absent or known."""
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

    def setting(self, resource: Any, name: str) -> tuple[str, str]:
        """As `property`, for a property of a related resource."""
        raise NotImplementedError

    # --- the Context
    def _api(self) -> tuple[Any, str]:
        """The Api behind apiId, or None and why there is none."""
        api = self.resource("apiId")
        if api is not None and self.kind(api) == resources.API:
            return api, ""
        return None, f"{API_NOT_RESOLVED} (apiId: {self.property('apiId')[1]})"

    def _related(self, resource: Any, name: str) -> str:
        path, why = self.setting(resource, name)
        return f"{name}{path} of {self.describe(resource)}: {why}"

    def _protocol(self) -> str:
        api, why = self._api()
        return why if api is None else self._related(api, resources.API_PROTOCOL)

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
            return self._related(machine, resources.STATE_MACHINE_TYPE)
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
        why = [reasons.of(name) for name in skip.unknown]
        why += [("arguments" if name == ANY_ARGUMENT else name, f"may be set by {reasons.unseen()}")
                for name in skip.unseen]
        out.append(Skipped(path, *start, resource, skip.rule.id, skip.rule.name, tuple(why)))
    return out


def _sorted(skipped: list[Skipped]) -> list[Skipped]:
    return sorted(skipped, key=lambda s: (display(s.path), s.line, s.column, s.rule))


def text(skipped: list[Skipped]) -> str:
    """`path:line:col: resource: skipped APIGWnnn (input, input: reason; input: reason)`."""
    lines = []
    for s in _sorted(skipped):
        inputs: dict[str, list[str]] = {}  # reason -> inputs, so that a shared reason is said once
        for name, reason in s.why:
            inputs.setdefault(reason, []).append(name)
        because = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in inputs.items())
        resource = f"{s.resource}: " if s.resource else ""
        lines.append(f"{display(s.path)}:{s.line}:{s.column}: {resource}skipped {s.rule} "
                     f"({because})\n")
    return "".join(lines)


def as_json(skipped: list[Skipped]) -> list[dict]:
    """Entries for the JSON list, told apart from findings by "skipped": true."""
    return [{"skipped": True, "rule": s.rule, "name": s.name, "path": display(s.path),
             "line": s.line, "column": s.column, "resource": s.resource,
             "unknown": [{"input": name, "reason": reason} for name, reason in s.why]}
            for s in _sorted(skipped)]


def merge_json(findings_json: str, skipped: list[Skipped]) -> str:
    """The findings' JSON list with the skipped checks appended."""
    return json.dumps(json.loads(findings_json) + as_json(skipped), indent=2) + "\n"
