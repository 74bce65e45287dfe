"""APIGW047-049: integrations that cannot be right for any API, and calls Python rejects."""
from __future__ import annotations

import difflib

from . import aws, samples, sources as src
from .catalogue import ERROR, LINTER, Example, Hit, rule
from .spelling import name
from .model import RENAME, Edit
from .values import UNKNOWN



def _websocket_evidence(m) -> list[str]:
    found = [p for p in ("contentHandlingStrategy", "requestTemplates",
                         "templateSelectionExpression") if m.written(p)]
    passthrough = m.get("passthroughBehavior")
    if isinstance(passthrough, str) and passthrough != aws.PROVIDER_DEFAULTS["passthroughBehavior"]:
        found.append("passthroughBehavior")
    if m.type in ("AWS", "HTTP", "MOCK"):
        found.append("integrationType")
    return found


def _http_evidence(m) -> list[str]:
    found = [p for p in aws.HTTP_ONLY if m.has(p)]
    if m.get("payloadFormatVersion") == "2.0":
        found.append("payloadFormatVersion")
    return found


@rule(
    id="APIGW047", name="apigw-mixed-protocol", severity=ERROR,
    title="WebSocket-only and HTTP-only settings on one integration",
    summary="With the owning API unknown, the integration carries WebSocket-only settings "
            "(templates, contentHandlingStrategy, a non-default passthroughBehavior, type "
            "AWS/HTTP/MOCK) and HTTP-only ones (responseParameters, integrationSubtype, tlsConfig, "
            'payloadFormatVersion "2.0") at once.',
    rationale="No API accepts both halves, so the integration is wrong whichever API it belongs "
              "to. When the protocol is known, the specific rules report instead.",
    sources=(src.API_REF,),
    fix="Decide which API the integration belongs to and drop the other protocol's settings.",
    decisive=("payloadFormatVersion",),
    valid=[Example(samples.WS_LAMBDA_CUSTOM, protocol=None),
           Example({**samples.HTTP_PUBLIC, "responseParameters": [
               {"statusCode": "500", "mappings": {"overwrite:statuscode": "503"}}]}, protocol=None)],
    invalid=[Example({**samples.WS_LAMBDA_CUSTOM, "payloadFormatVersion": "2.0"}, protocol=None,
                     also=("APIGW011",),  # 2.0 fits no AWS integration of either protocol
                     paths=(("requestTemplates",),)),
             Example({**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": "api.internal"},
                      "contentHandlingStrategy": "CONVERT_TO_TEXT"}, protocol=None,
                     paths=(("contentHandlingStrategy",),))],
)
def mixed_protocol(m):
    if m.protocol is not UNKNOWN:
        return
    ws, http = _websocket_evidence(m), _http_evidence(m)
    if ws and http:
        yield Hit((ws[0],), f"{', '.join(map(name, ws))} only fit WebSocket APIs while "
                            f"{', '.join(map(name, http))} only "
                            "fit HTTP APIs: no API accepts this integration.")


@rule(
    id="APIGW048", name="apigw-unknown-argument", severity=ERROR, engines=(LINTER,),
    title="Argument that Integration does not take",
    summary="The Integration call passes a keyword the resource does not have (a typo such as "
            "intergration_type, or tags=).",
    rationale="Python raises TypeError before any preview starts, so the whole program fails; "
              "the closest valid name is usually what was meant. Linter only: a policy never "
              "sees such a program.",
    sources=(src.REGISTRY,),
    fix="Rename the argument to the suggested name (apigw-lint --fix does when it is a typo of "
        "exactly one valid name), or remove it.",
    decisive=(),
    valid=[Example(samples.HTTP_LAMBDA)],
    invalid=[Example({**{k: v for k, v in samples.HTTP_LAMBDA.items() if k != "integrationType"},
                      "intergrationType": "AWS_PROXY"}, engines=(LINTER,),
                     also=("APIGW049",),  # the misspelt argument leaves integrationType out
                     paths=(("intergrationType",),))],
)
def unknown_argument(m):
    for arg in m.extra_args:
        # A valid name in the other spelling (camelCase in Python, snake_case in YAML) is never
        # valid where it is written: the other spelling is meant. Else the closest name.
        if arg in aws.PROPERTIES or arg in aws.SNAKE_TO_CAMEL:
            meant = name(aws.SNAKE_TO_CAMEL.get(arg, arg))  # as the reader spells it
            yield Hit((arg,), f"Integration takes no argument '{arg}'; did you mean {meant}?",
                      fix=f"Rename it to {meant}.", edit=Edit(RENAME, aws.SNAKE_TO_CAMEL.get(
                          arg, arg)))
            continue
        names = list(aws.SNAKE_TO_CAMEL) if "_" in arg or arg.islower() else list(aws.PROPERTIES)
        # Go and C# write the properties in PascalCase: compare with the first letter lowered
        written = arg[:1].lower() + arg[1:]
        close = difflib.get_close_matches(written, names, n=1, cutoff=0.75)
        meant = name(aws.SNAKE_TO_CAMEL.get(close[0], close[0])) if close else None
        hint = f"; did you mean {meant}?" if close else "."
        # a typo of exactly one valid name (integration_typ is one of integration_type, not of
        # integration_subtype): safe to rename
        typo_of = difflib.get_close_matches(written, names, n=2, cutoff=0.9)
        edit = Edit(RENAME, aws.SNAKE_TO_CAMEL.get(typo_of[0], typo_of[0])) \
            if len(typo_of) == 1 else None
        yield Hit((arg,), f"Integration takes no argument '{arg}'{hint}",
                  fix=f"Rename it to {meant}." if close else None, edit=edit)


@rule(
    id="APIGW049", name="apigw-missing-required-argument", severity=ERROR, engines=(LINTER,),
    title="Required argument missing",
    summary="The Integration call gives neither api_id nor integration_type (or one of them), and "
            "no **kwargs or args object could supply it.",
    rationale="The provider rejects the resource at preview (both are required), after the "
              "program has already run. Linter only: the policy pack never sees such a resource.",
    sources=(src.REGISTRY,),
    fix=f"Pass {name('apiId')} (the Api's id) and {name('integrationType')}.",
    decisive=(),
    valid=[Example(samples.HTTP_LAMBDA)],
    invalid=[Example({k: v for k, v in samples.HTTP_LAMBDA.items() if k != "integrationType"},
                     engines=(LINTER,),
                     paths=((),))],
)
def missing_required_argument(m):
    for prop in aws.REQUIRED_PROPERTIES:
        if m.absent(prop):
            yield Hit((), f"Integration needs {name(prop)}.")
