"""APIGW001-002: the integration type, and which types each protocol supports."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, Example, Hit, rule
from .spelling import name
from .generic import enum_hit



@rule(
    id="APIGW001", name="apigw-http-api-integration-type", severity=ERROR,
    title="Integration type not supported by HTTP APIs",
    summary="An HTTP API integration uses integrationType AWS, HTTP or MOCK, which only "
            "WebSocket APIs support.",
    rationale="The provider checks only the five-value enum, so preview passes; AWS then fails "
              "the create with \"Currently, an API with a protocol type of HTTP may only be "
              "associated with proxy integrations (AWS_PROXY, HTTP_PROXY)\".",
    sources=(src.API_REF,
             "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
             "http-api-develop-integrations.html"),
    fix=f"Use AWS_PROXY (a Lambda function, or an AWS service with {name('integrationSubtype')}) "
        "or HTTP_PROXY; a MOCK response on an HTTP API needs a Lambda or a route without one.",
    decisive=("integrationType", "protocol"),
    valid=[Example({**samples.WS_HTTP, "integrationType": "HTTP_PROXY"},
                   title="HTTP_PROXY to the same backend"),
           Example(samples.HTTP_PUBLIC),
           Example(samples.WS_MOCK, protocol=aws.WEBSOCKET, title="MOCK on a WebSocket API")],
    invalid=[Example({**samples.WS_HTTP}, title="non-proxy HTTP on an HTTP API",
                     paths=(("integrationType",),)),
             Example({"integrationType": "MOCK"}, title="MOCK on an HTTP API",
                     paths=(("integrationType",),)),
             Example({**samples.WS_LAMBDA_CUSTOM, "integrationMethod": "GET"},
                     title="a custom Lambda integration (WebSocket only) on an HTTP API",
                     also=("APIGW039",), paths=(("integrationType",),))],
)
def http_api_integration_type(m):
    if m.protocol == aws.HTTP and m.type in aws.INTEGRATION_TYPES \
            and m.type not in aws.HTTP_API_INTEGRATION_TYPES:
        yield Hit(("integrationType",),
                  f"{name('integrationType')} {m.type} is not supported by HTTP APIs, which only "
                  "take proxy integrations: AWS_PROXY or HTTP_PROXY.")


@rule(
    id="APIGW002", name="apigw-integration-type-enum", severity=ERROR,
    title="integrationType outside the enum",
    summary="integrationType is not one of AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK.",
    rationale="The provider rejects any other value (the check is case-sensitive), so the "
              "preview fails before the program's other resources are planned.",
    sources=(src.API_REF,),
    fix="Use one of AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK, in upper case.",
    decisive=("integrationType",),
    valid=[Example(samples.HTTP_LAMBDA)],
    invalid=[Example({**samples.HTTP_LAMBDA, "integrationType": "aws_proxy"},
                     also=("APIGW011",),
                     paths=(("integrationType",),)),  # not AWS_PROXY, so not a Lambda proxy for 2.0
             Example({**samples.HTTP_PUBLIC, "integrationType": "HTTPS_PROXY"}, protocol=None,
                     paths=(("integrationType",),))],
)
def integration_type_enum(m):
    yield from enum_hit(m, "integrationType", aws.INTEGRATION_TYPES)
