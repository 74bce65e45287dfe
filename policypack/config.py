"""Settings every policy shares, held by the `apigw-settings` policy.

The engine hands each policy only its own config (Configure carries one per policy, and its `all`
key only an enforcement level), so install() wraps the servicer's Configure to keep
apigw-settings' properties for every policy: a policy's own value overrides them (apiProtocols
entry by entry).
"""
from __future__ import annotations

from typing import Any, Mapping

from google.protobuf import json_format
from pulumi_policy.policy import _PolicyAnalyzerServicer

from apigw_lint.rules import aws

SETTINGS = "apigw-settings"
API_PROTOCOLS, STATE_FILE = "apiProtocols", "stateFile"
SCHEMA: dict[str, Any] = {
    API_PROTOCOLS: {
        "type": "object",
        "description": "API id -> HTTP or WEBSOCKET, for integrations whose apiId is a literal id "
                       "of an API that is not a resource of this stack.",
        "additionalProperties": {"type": "string", "enum": list(aws.PROTOCOLS)},
    },
    STATE_FILE: {
        "type": "string",
        "description": "A `pulumi stack export` file to compare against (APIGW044). Give an "
                       "absolute path: a relative one is resolved against the policy pack's "
                       "folder, not the project's.",
    },
}

_configs: dict[str, dict[str, Any]] = {}  # policy name -> its properties, as last configured
_state_files: list[str] = []  # every stateFile in them: apigw-settings asks on every Analyze


def _keep_settings(configure: Any) -> Any:
    def wrapped(self: _PolicyAnalyzerServicer, request: Any, context: Any) -> Any:
        global _configs, _state_files
        _configs = {name: json_format.MessageToDict(c.properties)
                    for name, c in request.policyConfig.items()}
        found = (c.get(STATE_FILE) for c in _configs.values())
        _state_files = sorted({path for path in found if isinstance(path, str) and path})
        return configure(self, request, context)
    wrapped.wrapped = configure  # type: ignore[attr-defined]
    return wrapped


def install() -> None:
    """Wrap the servicer's Configure (idempotent)."""
    current = _PolicyAnalyzerServicer.Configure
    _PolicyAnalyzerServicer.Configure = _keep_settings(  # type: ignore[method-assign]
        getattr(current, "wrapped", current))


def effective(own: Any) -> dict[str, Any]:
    """A policy's settings: apigw-settings' values, overridden by the policy's own config."""
    own = own if isinstance(own, Mapping) else {}
    common = _configs.get(SETTINGS, {})
    out = {**common, **own}
    shared, mine = common.get(API_PROTOCOLS), own.get(API_PROTOCOLS)
    if isinstance(shared, Mapping) and isinstance(mine, Mapping):
        out[API_PROTOCOLS] = {**shared, **mine}
    return out


def state_files() -> list[str]:
    """Every stateFile configured, in apigw-settings or a policy's own config."""
    return _state_files
