"""Why a value of a Pulumi YAML program is not known, for `--show-skipped` (linter.skipped)."""
from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from apigw_lint.rules.values import is_known

from .. import skipped
from .program import Program, Reference, Resource, plain

_REFERENCE = re.compile(r"(?<!\$)\$\{([A-Za-z_][\w-]*)")  # the names an interpolation uses


class Reasons(skipped.Reasons):
    """Why the inputs of one Integration resource are not known."""

    def __init__(self, program: Program, integration: Resource) -> None:
        super().__init__()
        self.program, self.integration = program, integration

    def property(self, name: str) -> tuple[str, str]:
        return self.setting(self.integration, name)

    def unseen(self) -> str:
        node = self.integration.node.get("properties")
        value = self.program.value(node)
        if is_known(plain(value)):
            return "`properties`, which is not a mapping"
        path, why = self._value(value, node)
        return f"`properties`{path} ({why})"

    def resource(self, *path: str) -> Any:
        value: Any = self.program.props(self.integration) or {}
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return self.program.origin(value)

    def kind(self, resource: Resource) -> str | None:
        return self.program.kind(resource)

    def describe(self, resource: Resource) -> str:
        return f"{resource.token} '{resource.name}'" if resource.token else f"'{resource.name}'"

    def setting(self, resource: Resource, name: str) -> tuple[str, str]:
        props = self.program.props(resource)
        if props is None:
            return "", "`properties` is not a mapping"
        if name not in props or props[name] is None:
            return "", "not set"
        if is_known(plain(props[name])):
            return "", "a literal value"
        return self._value(props[name], resource.properties[name])

    def _value(self, value: Any, node: Any) -> tuple[str, str]:
        """(path, why) of the first part of value (Program.value of node) that is not known."""
        if isinstance(value, dict) and isinstance(node, CommentedMap):
            key = next(k for k, v in value.items() if not is_known(plain(v)))
            path, why = self._value(value[key], node[key])
            return f'["{key}"]{path}', why
        if isinstance(value, list) and isinstance(node, CommentedSeq):
            index = next(i for i, v in enumerate(value) if not is_known(plain(v)))
            path, why = self._value(value[index], node[index])
            return f"[{index}]{path}", why
        return "", self._scalar(value, node)

    def _scalar(self, value: Any, node: Any) -> str:
        if isinstance(value, Reference):
            return self._reference(value.name)
        tag = getattr(getattr(node, "tag", None), "value", None)
        if tag is not None and not tag.startswith("tag:yaml.org,2002:"):
            return f"a value tagged {tag}"
        if isinstance(node, CommentedMap):
            return f"the result of {next(iter(node))}"
        if isinstance(node, str):
            names = dict.fromkeys(_REFERENCE.findall(node))
            return "an interpolation of " + (", ".join(map(self._reference, names)) or "a value")
        return "a value Pulumi YAML converts itself"

    def _reference(self, name: str) -> str:
        """What `${name...}` stands for: a resource's output, a variable or a config value."""
        document = self.program.document
        declared = document.get("resources")
        if isinstance(declared, CommentedMap) and name in declared:
            node = declared[name]
            token = node.get("type") if isinstance(node, CommentedMap) else None
            return f"output of {token} '{name}'" if isinstance(token, str) else \
                f"output of '{name}'"
        variables = document.get("variables")
        if isinstance(variables, CommentedMap) and name in variables:
            return f"variable '{name}'"
        if name == "pulumi":
            return "a value Pulumi provides (stack, project, organization, cwd)"
        return f"config value '{name}'"
