"""The model of one integration, as both front ends build it and every check reads it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from . import aws
from .values import ABSENT, UNKNOWN, known_str

# Kinds of resource a value can come from (the front ends map type tokens and classes to these).
LAMBDA_FUNCTION = "lambda-function"
LB_LISTENER = "lb-listener"
LB_LOAD_BALANCER = "lb-load-balancer"
VPC_LINK_V1 = "vpc-link-v1"  # aws.apigateway.VpcLink (REST, NLB-based)
VPC_LINK_V2 = "vpc-link-v2"  # aws.apigatewayv2.VpcLink
# The kinds that Context.uri_source and Context.connection_source can name.
URI_SOURCE_KINDS = (LAMBDA_FUNCTION, LB_LISTENER, LB_LOAD_BALANCER)
CONNECTION_SOURCE_KINDS = (VPC_LINK_V1, VPC_LINK_V2)


@dataclass(frozen=True)
class Context:
    """What is known around the integration. Every field defaults to 'not known'."""

    protocol: Any = UNKNOWN  # aws.HTTP | aws.WEBSOCKET | UNKNOWN
    uri_source: str | None = None  # kind of resource integrationUri comes from
    connection_source: str | None = None  # kind of resource connectionId comes from
    # Could some Lambda permission let API Gateway invoke the function behind the URI?
    # True / False only when the function and every permission are visible; else UNKNOWN.
    lambda_permitted: Any = UNKNOWN
    state_machine_type: Any = UNKNOWN  # the type of the StateMachineArn target, when resolved
    previous: Mapping[str, Any] | None = None  # replacement-relevant properties before the change
    integrations_on_api: int | None = None  # integrations counted on the same API


def _normalize(name: str, value: Any) -> Any:
    """Adapters hand over JSON-shaped data; engines send numbers as floats."""
    if name in aws.INTEGER_PROPERTIES and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Integration:
    """One aws:apigatewayv2/integration:Integration: camelCase inputs, each known, UNKNOWN or absent.

    `maybe_default` names properties whose value could have been filled in by the provider
    (the policy pack cannot tell); `extra_args` are arguments the resource does not take, and
    `open_args` says that arguments we cannot see (**kwargs, an args object) may be present.
    `shapes` holds what the source proves of UNKNOWN properties (rules.shapes.Shape).
    """

    props: Mapping[str, Any]
    context: Context = field(default_factory=Context)
    name: str | None = None
    maybe_default: frozenset[str] = frozenset()
    secret: frozenset[str] = frozenset()
    extra_args: tuple[str, ...] = ()
    open_args: bool = False
    shapes: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        cleaned = {k: _normalize(k, v) for k, v in self.props.items()
                   if isinstance(k, str) and not k.startswith("__")}
        object.__setattr__(self, "props", cleaned)

    @property
    def protocol(self) -> Any:
        return self.context.protocol

    def get(self, name: str) -> Any:
        """The value, UNKNOWN, or ABSENT. None, "", {} and [] count as absent: Pulumi drops null
        inputs, the provider sends no empty optional value to AWS, and a deployed integration's
        outputs carry such empty values for everything AWS did not set."""
        value = self.props.get(name, ABSENT)
        return ABSENT if value is None or (isinstance(value, (str, dict, list)) and not value) \
            else value

    def has(self, name: str) -> bool:
        """Set, known or not."""
        return self.get(name) is not ABSENT

    def absent(self, name: str) -> bool:
        """Certainly not set: missing, and no unseen argument (**kwargs, args object) could set it."""
        return self.get(name) is ABSENT and not self.open_args

    def str(self, name: str) -> str | None:
        """The value when it is a known string."""
        return known_str(self.get(name))

    def shape(self, name: str) -> Any:
        """The Shape of an UNKNOWN property, None when nothing is known of it."""
        return self.shapes.get(name) if self.get(name) is UNKNOWN else None

    def written(self, name: str) -> bool:
        """Set, and not a value the provider could have filled in."""
        return self.has(name) and name not in self.maybe_default

    @property
    def type(self) -> str | None:
        return self.str("integrationType")

    def is_lambda_proxy(self) -> bool | None:
        """AWS_PROXY without a subtype: True / False, or None when that is not known."""
        t = self.type
        if t is None:
            return None
        if t != "AWS_PROXY" or self.has("integrationSubtype"):
            return False
        return True if self.absent("integrationSubtype") else None


# What an Edit does to the argument at its finding's path[0].
REMOVE, SET, RENAME = "remove-argument", "set-argument", "rename-argument"


@dataclass(frozen=True)
class Edit:
    """A mechanical, safe fix of the argument a finding points at: REMOVE it, SET it to the enum
    literal `value`, or RENAME it to the property `value` (camelCase; each front end writes the
    name in its own spelling). A front end applies it only where it can edit that argument alone."""

    kind: str
    value: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str
    path: tuple[Any, ...]  # ("requestParameters", "append:path"), ("responseParameters", 1, "mappings")
    message: str  # starts with the rule id; never holds a value that could be secret
    fix: str | None = None
    edit: Edit | None = None  # what `apigw-lint --fix` may do about it

    @property
    def property(self) -> str:
        return format_path(self.path)


def format_path(path: tuple[Any, ...]) -> str:
    if not path:
        return ""
    out = str(path[0])
    for part in path[1:]:
        out += f"[{part}]" if isinstance(part, int) else f'["{part}"]'
    return out
