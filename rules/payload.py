"""APIGW010-012: payloadFormatVersion."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, INFO, LINTER, Example, Hit, rule
from .spelling import name
from .generic import shown
from .values import ABSENT, UNKNOWN



@rule(
    id="APIGW010", name="apigw-payload-format-version-value", severity=ERROR,
    title="payloadFormatVersion is not \"1.0\" or \"2.0\"",
    summary="payloadFormatVersion is something other than the strings \"1.0\" and \"2.0\" (a "
            "number such as 2.0 or 2 included).",
    rationale="The provider accepts only the two strings and fails the preview otherwise; in "
              "Python, payload_format_version=2.0 is a float, not the string the schema expects.",
    sources=(src.LAMBDA, src.API_REF),
    fix='Write the version as a string: "2.0" for HTTP API Lambda integrations, else "1.0".',
    decisive=("payloadFormatVersion",),
    valid=[Example(samples.HTTP_LAMBDA)],
    invalid=[Example({**samples.HTTP_LAMBDA, "payloadFormatVersion": "2"},
                     paths=(("payloadFormatVersion",),)),
             Example({**samples.HTTP_LAMBDA, "payloadFormatVersion": 2.0},
                     paths=(("payloadFormatVersion",),))],
)
def payload_format_version_value(m):
    value = m.get("payloadFormatVersion")
    if value is UNKNOWN or value is ABSENT or value in aws.PAYLOAD_FORMAT_VERSIONS:
        return
    kind = "" if isinstance(value, str) else f" (a {type(value).__name__}, not a string)"
    yield Hit(("payloadFormatVersion",),
              f'{name("payloadFormatVersion")} {shown(value)}{kind} must be the string "1.0" or '
              '"2.0".')


@rule(
    id="APIGW011", name="apigw-payload-format-version-2", severity=ERROR,
    title="payloadFormatVersion 2.0 where only 1.0 is supported",
    summary='payloadFormatVersion "2.0" on anything but an HTTP API Lambda (AWS_PROXY without '
            "subtype) integration: HTTP_PROXY, AWS service subtypes, private integrations and "
            "every WebSocket integration support only 1.0.",
    rationale="AWS rejects the integration at deploy; the provider only checks that the value "
              "is 1.0 or 2.0.",
    sources=(src.API_REF, src.LAMBDA, src.SUB),
    fix=f'Use "1.0" (or leave {name("payloadFormatVersion")} out).',
    decisive=("payloadFormatVersion",),
    valid=[Example({**samples.HTTP_PUBLIC, "payloadFormatVersion": "1.0"}), Example(samples.HTTP_LAMBDA)],
    invalid=[Example({**samples.HTTP_PUBLIC, "payloadFormatVersion": "2.0"},
                     paths=(("payloadFormatVersion",),)),
             Example({**samples.WS_LAMBDA, "payloadFormatVersion": "2.0"}, protocol=aws.WEBSOCKET,
                     paths=(("payloadFormatVersion",),)),
             Example({**samples.SQS_SEND, "payloadFormatVersion": "2.0"}, protocol=None,
                     paths=(("payloadFormatVersion",),))],
)
def payload_format_version_2(m):
    if m.get("payloadFormatVersion") != "2.0":
        return
    if m.protocol == aws.WEBSOCKET:
        why = "WebSocket APIs support only 1.0"
    elif m.is_lambda_proxy() is False:
        why = f"only HTTP API Lambda (AWS_PROXY without {name('integrationSubtype')}) " \
            "integrations support 2.0"
    else:
        return
    yield Hit(("payloadFormatVersion",), f'{name("payloadFormatVersion")} "2.0" is not supported '
                                         f'here: {why}; use "1.0".')


@rule(
    id="APIGW012", name="apigw-payload-format-version-implicit", severity=INFO,
    engines=(LINTER,),
    title="HTTP Lambda integration relying on the provider's 1.0 default",
    summary="An HTTP API Lambda integration does not set payloadFormatVersion.",
    rationale="The provider sends 1.0 when the property is left out, while the console and the "
              "CDK default to 2.0; the two event formats differ (2.0 has cookies and no "
              "multiValueHeaders), so a handler written for one breaks on the other. Linter only: "
              "the policy pack cannot tell a default from a written value.",
    sources=(src.LAMBDA,),
    fix=f'Set {name("payloadFormatVersion")} explicitly ("2.0" for new handlers) to match the '
        'handler.',
    decisive=("integrationType", "protocol"),
    valid=[Example(samples.HTTP_LAMBDA),
           Example({**samples.HTTP_LAMBDA, "payloadFormatVersion": "1.0"})],
    invalid=[Example({k: v for k, v in samples.HTTP_LAMBDA.items() if k != "payloadFormatVersion"},
                     engines=(LINTER,),
                     paths=((),))],
)
def payload_format_version_implicit(m):
    if m.protocol == aws.HTTP and m.is_lambda_proxy() and m.absent("payloadFormatVersion"):
        yield Hit((), f"{name('payloadFormatVersion')} is not set: the provider sends 1.0, while "
                      "the console and the CDK default to 2.0. Set it to match the handler's "
                      "event format.")
