"""Keep the engine's secret markers visible to the policies.

The SDK unwraps secrets while it deserializes Analyze and AnalyzeStack requests (it keeps them only
for remediations), so a policy cannot tell which properties were secret. The catalogue redacts
secret strings from messages when `Integration.secret` names them, so the pack wraps the SDK's
deserializer to leave `Secret` markers in place; `props.plain` unwraps them and records the names.
"""
from __future__ import annotations

from typing import Any

from pulumi_policy import Secret, deserialize

_original = deserialize._deserialize_property


def _keep_secrets(prop: Any, proxy_secrets: bool = False) -> Any:
    if not isinstance(prop, (dict, list)):
        return prop  # what the SDK returns for a scalar, without a second call per value
    if (isinstance(prop, dict) and prop.get(deserialize.SPECIAL_SIG_KEY) == deserialize.SPECIAL_SECRET_SIG
            and "value" in prop and not proxy_secrets):
        return Secret(_original(prop["value"], proxy_secrets))
    return _original(prop, proxy_secrets)


def keep_secret_markers() -> None:
    """Install the wrapper (idempotent). Nested values reach it too: the SDK's recursion looks the
    function up in its module on every call."""
    deserialize._deserialize_property = _keep_secrets
