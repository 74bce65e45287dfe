"""What the source proves about a string it cannot compute: its shape.

A Shape says what an unknown string is (a kind: a Lambda function's ARN, a host name, ...) and/or
the literal text it starts with. The model holds such a value as UNKNOWN, so every check that
wants the exact value stays silent, and keeps the shapes of its properties apart
(Integration.shapes); only the checks that decide on a URI's scheme or an ARN's service read them,
through `may_be` and `is_arn`. A shape is certain or it is not made: front ends build one only
for an output of a resource proven to be of its kind, or for a string whose start is literal text.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .model import LAMBDA_FUNCTION, LB_LISTENER, LB_LOAD_BALANCER
from .resources import CLOUD_MAP_SERVICE, IAM_ROLE, STATE_MACHINE, VPC_ENDPOINT
from .values import UNKNOWN

# Kinds of value, each with the ARN service it names (None: not an ARN).
FUNCTION_ARN, INVOKE_ARN = "Lambda function ARN", "Lambda invoke ARN"
LOAD_BALANCER_ARN, LISTENER_ARN = "load balancer ARN", "listener ARN"
CLOUD_MAP_ARN, STATE_MACHINE_ARN, ROLE_ARN = "Cloud Map service ARN", "state machine ARN", \
    "IAM role ARN"
HOST_NAME, DNS_ENTRIES = "host name", "DNS entries"
SERVICES: dict[str, str | None] = {
    FUNCTION_ARN: "lambda", INVOKE_ARN: "apigateway", LOAD_BALANCER_ARN: "elasticloadbalancing",
    LISTENER_ARN: "elasticloadbalancing", CLOUD_MAP_ARN: "servicediscovery",
    STATE_MACHINE_ARN: "states", ROLE_ARN: "iam", HOST_NAME: None, DNS_ENTRIES: None}

# The one table of resource outputs with a shape: (resource kind, output, camelCase) -> kind.
# A load balancer's and a listener's id is its ARN, as is a state machine's.
OUTPUTS: dict[tuple[str, str], str] = {
    (LAMBDA_FUNCTION, "arn"): FUNCTION_ARN, (LAMBDA_FUNCTION, "qualifiedArn"): FUNCTION_ARN,
    (LAMBDA_FUNCTION, "invokeArn"): INVOKE_ARN,
    (LAMBDA_FUNCTION, "qualifiedInvokeArn"): INVOKE_ARN,
    (LB_LOAD_BALANCER, "arn"): LOAD_BALANCER_ARN, (LB_LOAD_BALANCER, "id"): LOAD_BALANCER_ARN,
    (LB_LOAD_BALANCER, "dnsName"): HOST_NAME,
    (LB_LISTENER, "arn"): LISTENER_ARN, (LB_LISTENER, "id"): LISTENER_ARN,
    (CLOUD_MAP_SERVICE, "arn"): CLOUD_MAP_ARN,
    (STATE_MACHINE, "arn"): STATE_MACHINE_ARN, (STATE_MACHINE, "id"): STATE_MACHINE_ARN,
    (IAM_ROLE, "arn"): ROLE_ARN,
    (VPC_ENDPOINT, "dnsEntries"): DNS_ENTRIES,
}

_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Shape:
    """An unknown string's kind (None: any) and the literal text it starts with."""

    kind: str | None = None
    prefix: str = ""


def output(resource_kind: str, attribute: str) -> Shape | None:
    """The shape of an output (camelCase) of a resource of that kind, if the table has one."""
    kind = OUTPUTS.get((resource_kind, attribute))
    return Shape(kind) if kind else None


def starting(prefix: str, rest: Any = None) -> Shape | str | None:
    """The shape of `prefix + rest` where rest is unknown, or itself a Shape (its prefix adds);
    None when nothing is known of the start."""
    if isinstance(rest, Shape):
        prefix += rest.prefix
    return Shape(prefix=prefix) if prefix else None


def joined(parts: list[Any]) -> Any:
    """parts joined: the string when all are known strings, else the Shape of its start (what
    comes before the first unknown part, and that part's own start), else UNKNOWN."""
    known = ""
    for part in parts:
        if not isinstance(part, str):
            return starting(known, part) or UNKNOWN
        known += part
    return known


def common(a: Any, b: Any) -> Shape | None:
    """What is certain of a value that is either a or b (strings or Shapes): the kind they share
    and the start they share; None when that is nothing."""
    if not all(isinstance(v, (str, Shape)) for v in (a, b)):
        return None
    kinds = {v.kind if isinstance(v, Shape) else None for v in (a, b)}
    kind = kinds.pop() if len(kinds) == 1 else None
    prefix = os.path.commonprefix([v.prefix if isinstance(v, Shape) else v for v in (a, b)])
    return Shape(kind, prefix) if kind or prefix else None


def _settled(prefix: str) -> bool:
    """A prefix decides only while it holds no `$` (a stage variable may stand for any part)."""
    return bool(prefix) and "$" not in prefix


def _may_start(prefix: str, start: str) -> bool:
    """Whether a string beginning with prefix may begin with start."""
    return prefix.startswith(start) or start.startswith(prefix)


def _arn_service(prefix: str) -> str | None:
    """The service an `arn:PARTITION:SERVICE:` prefix names."""
    parts = prefix.split(":")
    return parts[2] if prefix.startswith("arn:") and len(parts) > 3 else None


def may_be(shape: Shape | None, *kinds: str, url: bool = False) -> bool:
    """Whether a value of this shape may be one of these kinds (or, with url, an http(s) URL).
    True whenever the shape cannot tell."""
    if shape is None:
        return True
    if shape.kind is not None:
        return shape.kind in kinds
    prefix = shape.prefix
    if not _settled(prefix):
        return True
    if url and any(_may_start(prefix.lower(), s) for s in _URL_SCHEMES):
        return True
    service = _arn_service(prefix)
    return bool(kinds) and _may_start(prefix, "arn:") and (
        service is None or service in {SERVICES[k] for k in kinds})


def is_arn(shape: Shape | None) -> bool:
    """The value is certainly an ARN."""
    if shape is None:
        return False
    return SERVICES.get(shape.kind or "") is not None or shape.prefix.startswith("arn:")
