"""What the AWS provider's Check fills in, read from the pulumi-aws SDK as it is published (its
IntegrationArgs documents each default as "Default is `VALUE`."): an oracle for the pack's
defaulted view that owes nothing to the product's own table (rules.aws.PROVIDER_DEFAULTS)."""
from __future__ import annotations

import functools
import re
from typing import Any, Mapping

_PARAM = re.compile(r":param [^:]+ (\w+): .*?Default is `([^`]+)`\.")


@functools.lru_cache(maxsize=None)
def integration_defaults() -> dict[str, str]:
    """camelCase property -> the provider's default, for every documented default."""
    from pulumi_aws.apigatewayv2 import IntegrationArgs

    found = _PARAM.findall(IntegrationArgs.__init__.__doc__ or "")
    return {_camel(name): value for name, value in found}


def with_defaults(props: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs after the provider's Check: each default where the author set nothing."""
    out = dict(props)
    for name, value in integration_defaults().items():
        if out.get(name) is None:
            out[name] = value
    return out


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)
