"""APIGW013-015: integrationMethod."""
from __future__ import annotations

from . import aws, samples, shapes, sources as src
from .catalogue import ERROR, LINTER, Example, Hit, rule
from .spelling import name
from .generic import enum_hit
from .model import LAMBDA_FUNCTION, SET, Edit



def is_lambda_uri(m) -> bool:
    """The URI is known to be a Lambda function (a function resource or a Lambda ARN)."""
    uri = m.str("integrationUri")
    shape = m.shape("integrationUri")
    return m.context.uri_source == LAMBDA_FUNCTION or bool(uri and aws.LAMBDA_URI_HINT.match(uri)) \
        or shape is not None and (shape.kind in (shapes.FUNCTION_ARN, shapes.INVOKE_ARN)
                                  or bool(aws.LAMBDA_URI_HINT.match(shape.prefix)))


@rule(
    id="APIGW013", name="apigw-integration-method-enum", severity=ERROR,
    title="integrationMethod outside the provider's list",
    summary="integrationMethod is not one of ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT.",
    rationale="The provider rejects other values, lower case included, and fails the preview.",
    sources=(src.API_REF,),
    fix="Use an upper-case HTTP method from the list.",
    decisive=("integrationMethod",),
    valid=[Example(samples.HTTP_PUBLIC)],
    invalid=[Example({**samples.HTTP_PUBLIC, "integrationMethod": "get"},
                     paths=(("integrationMethod",),)),
             Example({**samples.HTTP_PUBLIC, "integrationMethod": "CONNECT"}, protocol=None,
                     paths=(("integrationMethod",),))],
)
def integration_method_enum(m):
    yield from enum_hit(m, "integrationMethod", aws.HTTP_METHODS)


@rule(
    id="APIGW014", name="apigw-lambda-method-post", severity=ERROR,
    title="Lambda integration with a method other than POST",
    summary="A Lambda integration (AWS_PROXY without subtype, or a WebSocket AWS integration to "
            "a Lambda function) sets integrationMethod to something other than POST.",
    rationale="Lambda is invoked with POST; AWS rejects anything else with \"HttpMethod must be "
              "POST for AWS_PROXY IntegrationType\". Leaving the method out makes AWS fill in "
              "POST.",
    sources=(src.CFN, "https://github.com/hashicorp/terraform-provider-aws/issues/42391"),
    fix=f"Set {name('integrationMethod')} to POST (apigw-lint --fix does), or leave it out.",
    decisive=("integrationMethod", "integrationType"),
    valid=[Example({**samples.HTTP_LAMBDA, "integrationMethod": "POST"}),
           Example({**samples.WS_LAMBDA_CUSTOM}, protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.HTTP_LAMBDA, "integrationMethod": "GET"},
                     paths=(("integrationMethod",),)),
             Example({**samples.WS_LAMBDA_CUSTOM, "integrationMethod": "ANY"},
                     protocol=aws.WEBSOCKET,
                     paths=(("integrationMethod",),)),
             Example({**samples.HTTP_LAMBDA, "integrationMethod": "PUT"},
                     paths=(("integrationMethod",),)),
             Example({**{k: v for k, v in samples.WS_LAMBDA_CUSTOM.items() if k != "integrationUri"},
                      "integrationMethod": "GET"}, protocol=aws.WEBSOCKET,
                     context={"uri_prefix": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/"
                                            "functions/"}, engines=(LINTER,),
                     title="a custom Lambda known by its URI's prefix (unknown to the pack)",
                     paths=(("integrationMethod",),))],
)
def lambda_method_post(m):
    method = m.str("integrationMethod")
    if method is None or method == "POST" or method not in aws.HTTP_METHODS:
        return  # APIGW013 reports values outside the list
    custom_lambda = m.type == "AWS" and m.protocol != aws.HTTP and is_lambda_uri(m)
    if m.is_lambda_proxy() or custom_lambda:
        yield Hit(("integrationMethod",),
                  f"{name('integrationMethod')} {method} on a Lambda integration: Lambda is "
                  f"invoked with POST (or leave {name('integrationMethod')} out and AWS fills in "
                  "POST).",
                  edit=Edit(SET, "POST"))


@rule(
    id="APIGW015", name="apigw-http-integration-method-required", severity=ERROR,
    title="HTTP or HTTP_PROXY integration without a method",
    summary="integrationType is HTTP or HTTP_PROXY and integrationMethod is not set.",
    rationale="An HTTP backend call needs a method; AWS's API does not mark it required, so the "
              "provider passes it and the integration fails at deploy.",
    sources=(src.CFN, src.HTTP_BACKEND),
    fix=f"Set {name('integrationMethod')}, for example ANY to forward the client's method.",
    decisive=("integrationMethod", "integrationType"),
    valid=[Example(samples.HTTP_PUBLIC), Example(samples.WS_HTTP, protocol=aws.WEBSOCKET)],
    invalid=[Example({k: v for k, v in samples.HTTP_PUBLIC.items() if k != "integrationMethod"},
                     paths=((),)),
             Example({k: v for k, v in samples.WS_HTTP.items() if k != "integrationMethod"},
                     protocol=None,
                     paths=((),))],
)
def http_integration_method_required(m):
    if m.type in aws.URL_TYPES and m.absent("integrationMethod"):
        yield Hit((), f"{m.type} integrations need {name('integrationMethod')} (for example ANY).")
