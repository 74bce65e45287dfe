"""The previous state of integrations, from a `pulumi stack export` file (for APIGW044: the analyzer
protocol carries no previous state)."""
from __future__ import annotations

import json
import os
from typing import Any, Mapping

from pulumi_policy.deserialize import SPECIAL_SIG_KEY

from apigw_lint.rules import UNKNOWN, aws, resources as res

from . import props as bags

_cache: dict[tuple[str, int, int], dict[str, dict[str, Any]]] = {}


class StateFileError(Exception):
    """The configured state file cannot be read as a stack export."""


def previous_states(path: str) -> dict[str, dict[str, Any]]:
    """Integration URN -> its replacement-relevant properties (aws.REPLACEMENT_PROPERTIES) before
    the change. Cached on the file's identity and modification, so an updated file is re-read."""
    try:
        st = os.stat(path)
        key = (os.path.abspath(path), st.st_mtime_ns, st.st_size)
        if key not in _cache:
            with open(path, encoding="utf-8") as f:
                _cache.clear()
                _cache[key] = _parse(json.load(f))
        return _cache[key]
    except (OSError, ValueError) as exc:
        raise StateFileError(
            f"cannot read the state file {path!r} ({type(exc).__name__}: {exc}); a relative "
            f"stateFile is resolved against the policy pack's folder ({os.getcwd()}), not the "
            "project's: give an absolute path") from exc


def _parse(document: Any) -> dict[str, dict[str, Any]]:
    deployment = document.get("deployment") if isinstance(document, Mapping) else None
    resources = deployment.get("resources") if isinstance(deployment, Mapping) else None
    if not isinstance(resources, list):
        raise ValueError("no deployment.resources list (expected `pulumi stack export` output)")
    out: dict[str, dict[str, Any]] = {}
    for r in resources:
        if not isinstance(r, Mapping) or res.KIND_BY_TOKEN.get(r.get("type")) != res.INTEGRATION:
            continue
        urn = r.get("urn")
        values = _values(r.get("inputs")) or _values(r.get("outputs"))
        if isinstance(urn, str):
            out[urn] = {k: values[k] for k in aws.REPLACEMENT_PROPERTIES if k in values}
    return out


def _values(bag: Any) -> dict[str, Any]:
    """Plain values; an exported secret (ciphertext, or plaintext with --show-secrets) is UNKNOWN:
    no check should decide on it."""
    if not isinstance(bag, dict):
        return {}
    plain, _ = bags.plain({k: UNKNOWN if _is_signed(v) else v for k, v in bag.items()})
    return plain if isinstance(plain, dict) else {}


def _is_signed(value: Any) -> bool:
    return isinstance(value, Mapping) and SPECIAL_SIG_KEY in value
