"""APIGW044-046: replacements, AWS length limits and quotas."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, INFO, WARNING, Example, Hit, rule
from .spelling import name
from .generic import length_hit
from .values import ABSENT, UNKNOWN, known_items



@rule(
    id="APIGW044", name="apigw-replacement", severity=WARNING,
    title="Change that replaces the integration",
    summary="apiId, integrationType or integrationSubtype differs from the deployed state "
            "(policy pack: a `pulumi stack export` file; linter: `--base REV`).",
    rationale="These properties force a replacement: the integration gets a new id, routes "
              "targeting integrations/<id> are updated, and traffic can fail during the switch. "
              "CloudFormation treats only ApiId as create-only, so the behaviour surprises users "
              "coming from it.",
    sources=(src.API_REF, "https://www.pulumi.com/registry/packages/aws/api-docs/apigatewayv2/"
                       "integration/"),
    fix="Create a new integration next to the old one and move the routes, or accept the "
        "replacement knowingly (make the policy advisory).",
    options={"stateFile": {"type": "string",
                           "description": "path of a `pulumi stack export` JSON file"}},
    decisive=("integrationSubtype",),
    valid=[Example(samples.HTTP_PUBLIC, context={"previous": {"integrationType": "HTTP_PROXY"}},
                   title="the type it was deployed with"),
           Example(samples.HTTP_LAMBDA, context={"previous": {"integrationType": "AWS_PROXY"}})],
    invalid=[Example(samples.HTTP_PUBLIC, context={"previous": {"integrationType": "AWS_PROXY"}},
                     paths=(("integrationType",),)),
             Example(samples.SQS_SEND, context={"previous": {
                 "integrationType": "AWS_PROXY", "integrationSubtype": "SQS-ReceiveMessage"}},
                     paths=(("integrationSubtype",),))],
)
def replacement(m):
    previous = m.context.previous
    if previous is None:
        return
    for prop in aws.REPLACEMENT_PROPERTIES:
        before, now = previous.get(prop, ABSENT), m.get(prop)
        if before is None:
            before = ABSENT
        if UNKNOWN in (before, now) or (before is ABSENT and prop not in previous) or before == now:
            continue
        if prop == "apiId":
            change = f"{name('apiId')} changes"
        else:
            change = f"{name(prop)} changes from {before if before is not ABSENT else 'unset'} to " \
                     f"{now if now is not ABSENT else 'unset'}"
        yield Hit((prop,), f"{change}: this replaces the integration (new id; routes pointing at "
                           "it are updated).")


def _bounds(low: int, high: int) -> str:
    return f"over {high}" if low == 0 else f"empty or over {high}" if low == 1 \
        else f"under {low} or over {high}"


@rule(
    id="APIGW045", name="apigw-length-limits", severity=ERROR,
    title="String longer (or shorter) than AWS accepts",
    summary=", ".join(f"{prop} {_bounds(low, high)}" for prop, (low, high) in aws.LENGTHS.items())
            + f", tlsConfig.serverNameToVerify {_bounds(*aws.SERVER_NAME_LENGTH)}, or a request "
            f"template {_bounds(0, aws.TEMPLATE_MAX_LENGTH)} (characters).",
    rationale="The provider does not check these lengths; AWS rejects the integration at deploy.",
    sources=(src.API_REF,),
    fix="Shorten the value (move long templates to a file you read at run time only if they "
        "still fit), or fill in the empty one.",
    decisive=("description", "tlsConfig"),
    valid=[Example({**samples.HTTP_LAMBDA, "description": "Orders API: Lambda proxy"})],
    invalid=[Example({**samples.HTTP_LAMBDA, "description": "x" * 1025},
                     paths=(("description",),)),
             Example({**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": ""}},
                     paths=(("tlsConfig", "serverNameToVerify"),))],
)
def length_limits(m):
    for prop, (low, high) in aws.LENGTHS.items():
        yield from length_hit((prop,), m.get(prop), low, high, name(prop))
    tls = m.get("tlsConfig")
    if isinstance(tls, dict):
        yield from length_hit(("tlsConfig", "serverNameToVerify"), tls.get("serverNameToVerify"),
                              *aws.SERVER_NAME_LENGTH,
                              f"{name('tlsConfig')}.{name('serverNameToVerify')}")
    for key, template in known_items(m.get("requestTemplates")):
        yield from length_hit(("requestTemplates", key), template, 0, aws.TEMPLATE_MAX_LENGTH,
                              f"{name('requestTemplates')}['{key}']")


@rule(
    id="APIGW046", name="apigw-integrations-quota", severity=INFO,
    title="More integrations than an API may have",
    summary=f"More than {aws.INTEGRATIONS_PER_API} integrations belong to the same API.",
    rationale=f"AWS allows {aws.INTEGRATIONS_PER_API} integrations per API; the HTTP API quota "
              "cannot be raised, the WebSocket one can on request. The deploy fails at the "
              f"{aws.INTEGRATIONS_PER_API + 1}st.",
    sources=(src.QUOTA_HTTP,
             src.QUOTA_WS),
    fix="Share integrations between routes (one integration can serve many routes), or split "
        "the API.",
    decisive=(),
    valid=[Example(samples.HTTP_LAMBDA, context={"siblings": 10})],
    invalid=[Example(samples.HTTP_LAMBDA, context={"siblings": aws.INTEGRATIONS_PER_API},
                     paths=(("apiId",),))],
)
def integrations_quota(m):
    count = m.context.integrations_on_api
    if count is not None and count > aws.INTEGRATIONS_PER_API:
        yield Hit(("apiId",), f"this API has {count} integrations; AWS allows "
                              f"{aws.INTEGRATIONS_PER_API} per API.")
