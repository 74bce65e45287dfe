"""APIGW016-019: integrationUri."""
from __future__ import annotations

from . import aws, samples, shapes, sources as src
from .catalogue import ERROR, LINTER, WARNING, Example, Hit, rule
from .spelling import name
from .model import LAMBDA_FUNCTION


def without_uri(props: dict) -> dict:
    """An example's props with integrationUri left to its context (a resource's output)."""
    return {k: v for k, v in props.items() if k != "integrationUri"}


def checkable_uri(m) -> str | None:
    """The URI when known and free of stage variables (which may stand for any part of it)."""
    uri = m.str("integrationUri")
    return None if uri is None or aws.STAGE_VARIABLE.search(uri) else uri


def lambda_uri_form(uri: str) -> str | None:
    """'function' for a Lambda function ARN, 'invoke' for an invoke ARN, else None."""
    if aws.LAMBDA_FUNCTION_ARN.match(uri):
        return "function"
    match = aws.LAMBDA_INVOKE_ARN.match(uri)
    if match and aws.LAMBDA_FUNCTION_ARN.match(match.group("fn")):
        return "invoke"
    return None


@rule(
    id="APIGW016", name="apigw-integration-uri-required", severity=ERROR,
    title="Missing integrationUri",
    summary="integrationUri is not set on a Lambda (AWS_PROXY without subtype), AWS, HTTP or "
            "HTTP_PROXY integration.",
    rationale="These integrations have nothing to call without a URI; AWS's API does not mark it "
              "required, so the provider lets it through and the deploy fails.",
    sources=(src.API_REF,),
    fix=f"Set {name('integrationUri')}: the function's {name('invokeArn')} for Lambda, the backend "
        "URL for HTTP, the listener or Cloud Map service ARN for a private integration.",
    decisive=("integrationUri", "integrationType"),
    valid=[Example(samples.HTTP_LAMBDA), Example(samples.WS_MOCK, protocol=aws.WEBSOCKET),
           Example(samples.SQS_SEND)],
    invalid=[Example({"integrationType": "AWS_PROXY", "payloadFormatVersion": "2.0"},
                     paths=((),)),
             Example({"integrationType": "HTTP_PROXY", "integrationMethod": "ANY"}, protocol=None,
                     paths=((),))],
)
def integration_uri_required(m):
    needs_uri = m.type in ("AWS", *aws.URL_TYPES) or m.is_lambda_proxy()
    if needs_uri and m.absent("integrationUri"):
        yield Hit((), f"{name('integrationUri')} is required for {m.type} integrations"
                      + (f" without {name('integrationSubtype')}." if m.type == "AWS_PROXY" else "."))


@rule(
    id="APIGW017", name="apigw-http-uri-url", severity=ERROR,
    title="Public HTTP integration URI is not an absolute http(s) URL",
    summary="An HTTP or HTTP_PROXY integration that is not private (connectionType is not "
            "VPC_LINK) has an integrationUri that is not a fully qualified http:// or https:// "
            "URL.",
    rationale="API Gateway calls the URI as given; AWS rejects a host name without scheme or a "
              "relative path at deploy. Stage variables and {proxy} path variables are allowed.",
    sources=(src.API_REF, src.HTTP_BACKEND),
    fix="Write the full URL, for example https://backend.example.com/{proxy}.",
    decisive=("integrationUri", "integrationType"),
    valid=[Example(samples.HTTP_PUBLIC),
           Example({**samples.WS_HTTP, "integrationUri": "${stageVariables.backend}/messages"},
                   protocol=aws.WEBSOCKET),
           Example(without_uri(samples.HTTP_PUBLIC), context={"uri_prefix": "https://"})],
    invalid=[Example({**samples.HTTP_PUBLIC, "integrationUri": "backend.example.com/{proxy}"},
                     paths=(("integrationUri",),)),
             Example({**samples.WS_HTTP, "integrationUri": "/messages"}, protocol=None,
                     paths=(("integrationUri",),)),
             Example(without_uri(samples.HTTP_PUBLIC), context={"uri_from": "lambda_arn"},
                     engines=(LINTER,), title="a Lambda function's ARN (unknown to the pack at "
                                              "preview; the linter knows the output's kind)",
                     paths=(("integrationUri",),))],
)
def http_uri_url(m):
    conn = m.get("connectionType")
    if m.type not in aws.URL_TYPES or conn == "VPC_LINK" or not (
            conn == "INTERNET" or m.absent("connectionType")):
        return
    uri = checkable_uri(m)
    if (uri is not None and not aws.HTTP_URL.match(uri)) or \
            not shapes.may_be(m.shape("integrationUri"), url=True):
        yield Hit(("integrationUri",), f"{name('integrationUri')} of an {m.type} integration must "
                                       "be a fully qualified http:// or https:// URL.")


@rule(
    id="APIGW018", name="apigw-lambda-uri-form", severity=ERROR,
    title="Lambda URI in the wrong form",
    summary="A Lambda integration's URI looks like a Lambda ARN but is malformed, or a WebSocket "
            "integration uses the plain function ARN instead of the invoke ARN.",
    rationale="HTTP APIs take the function ARN or the invoke ARN "
              "(arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/"
              "invocations); WebSocket APIs are documented with the invoke ARN only, and a plain "
              "ARN there has been reported to break the console. A malformed ARN fails at deploy.",
    sources=(src.LAMBDA, src.WS_INT, "https://github.com/aws/aws-cdk/issues/13679"),
    fix=f"Use the function's {name('invokeArn')} output (or a well-formed function ARN on HTTP "
        "APIs).",
    decisive=("integrationUri", "integrationType"),
    valid=[Example(samples.HTTP_LAMBDA), Example(samples.WS_LAMBDA, protocol=aws.WEBSOCKET),
           Example({**samples.HTTP_LAMBDA, "integrationUri": samples.INVOKE_ARN})],
    invalid=[Example({**samples.WS_LAMBDA, "integrationUri": samples.FUNCTION_ARN},
                     protocol=aws.WEBSOCKET, title="plain function ARN on WebSocket (warning)",
                     paths=(("integrationUri",),)),
             Example({**samples.HTTP_LAMBDA,
                      "integrationUri": "arn:aws:lambda:us-east-1:123456789012:orders"},
                     title="malformed function ARN (no 'function:')",
                     paths=(("integrationUri",),)),
             Example(without_uri(samples.WS_LAMBDA), protocol=aws.WEBSOCKET,
                     context={"uri_from": "lambda_arn", "lambda_permission": True},
                     engines=(LINTER,),
                     title="a function's arn output on WebSocket (warning; unknown to the pack)",
                     paths=(("integrationUri",),))],
)
def lambda_uri_form_check(m):
    uri = checkable_uri(m)
    shape = m.shape("integrationUri")
    if uri is not None and aws.LAMBDA_URI_HINT.match(uri):
        form = lambda_uri_form(uri)
    elif shape is not None and shape.kind == shapes.FUNCTION_ARN:
        form = "function"
    else:
        return  # not a Lambda URI at all: APIGW019's business
    custom_lambda = m.type == "AWS" and m.protocol != aws.HTTP
    if not (m.is_lambda_proxy() or custom_lambda):
        return
    if form is None:
        yield Hit(("integrationUri",), f"{name('integrationUri')} is not a well-formed Lambda "
                                       "function ARN or invoke ARN.")
    elif form == "function" and m.protocol == aws.WEBSOCKET:
        yield Hit(("integrationUri",), "WebSocket Lambda integrations should use the function's "
                                       f"invoke ARN ({name('invokeArn')}), not the function ARN.",
                  severity=WARNING)


@rule(
    id="APIGW019", name="apigw-lambda-proxy-uri", severity=ERROR,
    title="AWS_PROXY without subtype whose URI is not a Lambda",
    summary="An AWS_PROXY integration without integrationSubtype is a Lambda proxy, but its "
            "integrationUri is not a Lambda function or invoke ARN.",
    rationale="Without a subtype AWS_PROXY means Lambda; an SQS queue URL or a load balancer "
              "ARN there is rejected at deploy. Other AWS services need integrationSubtype.",
    sources=(src.API_REF, src.SVC),
    fix=f"Point {name('integrationUri')} at a Lambda function, or set {name('integrationSubtype')} "
        "for another AWS service.",
    decisive=("integrationType", "integrationUri"),
    valid=[Example(samples.HTTP_LAMBDA), Example(samples.WS_LAMBDA, protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.HTTP_LAMBDA,
                      "integrationUri": "https://sqs.us-east-1.amazonaws.com/123456789012/orders"},
                     paths=(("integrationUri",),)),
             Example({"integrationType": "AWS_PROXY", "payloadFormatVersion": "1.0"},
                     context={"uri_from": "listener"}, protocol=None,
                     paths=(("integrationUri",),)),
             Example(without_uri(samples.HTTP_LAMBDA), context={"uri_prefix": "https://"},
                     engines=(LINTER,), title="a URL built at run time (unknown to the pack)",
                     paths=(("integrationUri",),))],
)
def lambda_proxy_uri(m):
    if not m.is_lambda_proxy():
        return
    uri = checkable_uri(m)
    source = m.context.uri_source
    if (uri is not None and not aws.LAMBDA_URI_HINT.match(uri)) or (
            source is not None and source != LAMBDA_FUNCTION) or not shapes.may_be(
            m.shape("integrationUri"), shapes.FUNCTION_ARN, shapes.INVOKE_ARN):
        yield Hit(("integrationUri",), f"AWS_PROXY without {name('integrationSubtype')} is a "
                                       f"Lambda proxy integration, but {name('integrationUri')} is "
                                       "not a Lambda ARN; for other AWS services set "
                                       f"{name('integrationSubtype')}.")


