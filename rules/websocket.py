"""APIGW039-043: WebSocket-only settings."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, INFO, LINTER, WARNING, Example, Hit, rule
from .spelling import name
from .generic import enum_hit, no_effect

_TEMPLATES = ("requestTemplates", "templateSelectionExpression")


@rule(
    id="APIGW039", name="apigw-websocket-only-property", severity=WARNING,
    title="WebSocket-only property on an HTTP API",
    summary="An HTTP API integration sets contentHandlingStrategy, passthroughBehavior, "
            "requestTemplates or templateSelectionExpression, which only WebSocket APIs use.",
    rationale="These properties have no effect on HTTP APIs, and passthroughBehavior comes back "
              "empty from AWS, which has shown up as a perpetual diff. Copying them from widely "
              "used examples is the most common mistake in public Pulumi programs. The policy "
              "pack cannot tell a written passthroughBehavior WHEN_NO_MATCH from the provider's "
              "default, so it reports passthroughBehavior only for other values.",
    sources=(src.API_REF, "https://github.com/hashicorp/terraform-provider-aws/issues/13062"),
    fix="Remove the argument (apigw-lint --fix does).",
    decisive=("protocol",),
    valid=[Example(samples.HTTP_LAMBDA),
           Example(samples.WS_LAMBDA_CUSTOM, protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.HTTP_LAMBDA, "contentHandlingStrategy": "CONVERT_TO_TEXT"},
                     paths=(("contentHandlingStrategy",),)),
             Example({**samples.HTTP_LAMBDA, "passthroughBehavior": "WHEN_NO_MATCH"},
                     engines=(LINTER,), title="written default: the pack cannot see it",
                     paths=(("passthroughBehavior",),)),
             Example({**samples.HTTP_PUBLIC, "passthroughBehavior": "NEVER"},
                     paths=(("passthroughBehavior",),))],
)
def websocket_only_property(m):
    if m.protocol != aws.HTTP:
        return
    yield from no_effect(m, aws.WEBSOCKET_ONLY, "is only supported by WebSocket APIs and has no "
                         "effect on HTTP APIs.", removable=True)


@rule(
    id="APIGW040", name="apigw-websocket-proxy-templates", severity=INFO,
    title="Templates or passthrough on a WebSocket proxy integration",
    summary="A WebSocket AWS_PROXY or HTTP_PROXY integration sets requestTemplates, "
            "templateSelectionExpression, or a passthroughBehavior other than the default "
            "WHEN_NO_MATCH.",
    rationale="Proxy integrations pass the request through untouched; mapping templates and "
              "passthrough behaviour apply only to AWS, HTTP and MOCK integrations. Writing the "
              "default WHEN_NO_MATCH changes nothing, so it is not reported.",
    sources=(src.XFORM, src.PASS),
    fix="Remove them, or use a non-proxy integration (AWS or HTTP) if you need transformations.",
    decisive=("protocol", "integrationType"),
    valid=[Example(samples.WS_LAMBDA, protocol=aws.WEBSOCKET),
           Example(samples.WS_LAMBDA_CUSTOM, protocol=aws.WEBSOCKET),
           Example({**samples.WS_LAMBDA, "passthroughBehavior": "WHEN_NO_MATCH"},
                   protocol=aws.WEBSOCKET, title="the default, written: it changes nothing")],
    invalid=[Example({**samples.WS_LAMBDA, "requestTemplates": {"$default": "{}"}},
                     protocol=aws.WEBSOCKET,
                     paths=(("requestTemplates",),)),
             Example({**samples.WS_PRIVATE, "passthroughBehavior": "NEVER"},
                     protocol=aws.WEBSOCKET,
                     paths=(("passthroughBehavior",),))],
)
def websocket_proxy_templates(m):
    if m.protocol != aws.WEBSOCKET or m.type not in aws.PROXY_TYPES:
        return
    yield from no_effect(m, (*_TEMPLATES, "passthroughBehavior"), f"is not applied to {m.type} "
                         "integrations, which pass the request through unchanged.",
                         default_counts=False)


@rule(
    id="APIGW041", name="apigw-websocket-enums", severity=ERROR,
    title="contentHandlingStrategy or passthroughBehavior outside its enum",
    summary="contentHandlingStrategy is not CONVERT_TO_BINARY / CONVERT_TO_TEXT, or "
            "passthroughBehavior is not WHEN_NO_MATCH / WHEN_NO_TEMPLATES / NEVER.",
    rationale="The provider rejects other values at preview; the typo WHEN_NO_TEMPLATE (without "
              "S) is the common one.",
    sources=(src.API_REF, src.PASS),
    fix="Use one of the listed values.",
    decisive=("passthroughBehavior", "contentHandlingStrategy"),
    valid=[Example({**samples.WS_LAMBDA_CUSTOM, "passthroughBehavior": "WHEN_NO_TEMPLATES"},
                   protocol=aws.WEBSOCKET),
           Example({**samples.WS_LAMBDA_CUSTOM, "contentHandlingStrategy": "CONVERT_TO_TEXT",
                    "passthroughBehavior": "WHEN_NO_TEMPLATES"}, protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.WS_LAMBDA_CUSTOM, "passthroughBehavior": "WHEN_NO_TEMPLATE"},
                     protocol=aws.WEBSOCKET,
                     paths=(("passthroughBehavior",),)),
             Example({**samples.WS_LAMBDA_CUSTOM, "contentHandlingStrategy": "CONVERT_TO_JSON"},
                     protocol=None,
                     paths=(("contentHandlingStrategy",),))],
)
def websocket_enums(m):
    yield from enum_hit(m, "contentHandlingStrategy", aws.CONTENT_HANDLING_STRATEGIES)
    yield from enum_hit(m, "passthroughBehavior", aws.PASSTHROUGH_BEHAVIORS)


@rule(
    id="APIGW042", name="apigw-template-selection-expression", severity=WARNING,
    title="templateSelectionExpression in an unsupported form",
    summary="A WebSocket templateSelectionExpression is neither a ${request.body.PATH} / "
            "$request.body.PATH expression nor a static key such as $default or a content type.",
    rationale="API Gateway evaluates only request-body expressions here; anything else (a "
              "header expression, a missing '$') silently selects no template.",
    sources=(src.XFORM, "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
                     "apigateway-websocket-api-selection-expressions.html"),
    fix="Use ${request.body.action} (or another body path), or a static key.",
    decisive=("templateSelectionExpression", "protocol"),
    valid=[Example({**samples.WS_LAMBDA_CUSTOM, "templateSelectionExpression": "${request.body.action}"},
                   protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.WS_LAMBDA_CUSTOM, "templateSelectionExpression": "request.body.action"},
                     protocol=aws.WEBSOCKET, title="missing $",
                     paths=(("templateSelectionExpression",),)),
             Example({**samples.WS_LAMBDA_CUSTOM,
                      "templateSelectionExpression": "$request.header.Content-Type"},
                     protocol=aws.WEBSOCKET,
                     paths=(("templateSelectionExpression",),))],
)
def template_selection_expression(m):
    value = m.str("templateSelectionExpression")
    if m.protocol != aws.WEBSOCKET or value is None:
        return
    looks_like_expression = value.startswith(("request.", "context.", "route."))
    if looks_like_expression or not aws.TEMPLATE_SELECTION.match(value):
        yield Hit(("templateSelectionExpression",),
                  f"{name('templateSelectionExpression')} must be ${{request.body.PATH}}, "
                  "$request.body.PATH or a static key such as $default.")


@rule(
    id="APIGW043", name="apigw-mock-backend", severity=INFO,
    title="MOCK integration with backend settings",
    summary="A MOCK integration sets integrationUri, integrationMethod, credentialsArn or "
            "connectionId.",
    rationale="MOCK answers from API Gateway itself with no backend; these settings are unused "
              "and suggest the integration is not what was meant. A MOCK usually needs a request "
              "template that returns {\"statusCode\": 200}.",
    sources=(src.API_REF, src.WS_INT),
    fix="Remove the backend arguments (apigw-lint --fix does).",
    decisive=("integrationType",),
    valid=[Example(samples.WS_MOCK, protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.WS_MOCK, "integrationMethod": "POST",
                      "integrationUri": "https://example.com"}, protocol=aws.WEBSOCKET,
                     paths=(("integrationMethod",), ("integrationUri",)))],
)
def mock_backend(m):
    if m.type != "MOCK" or m.protocol == aws.HTTP:
        return  # on HTTP APIs APIGW001 reports the MOCK itself
    # without connectionId, a VPC_LINK connection type would be an error (APIGW023)
    link_free = m.absent("connectionType") or m.get("connectionType") == "INTERNET"
    yield from no_effect(m, aws.MOCK_BACKEND_PROPERTIES, "is not used by MOCK integrations, "
                         "which have no backend.",
                         removable=lambda prop: prop != "connectionId" or link_free)
