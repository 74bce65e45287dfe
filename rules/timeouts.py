"""APIGW030: the integration timeout range, per protocol."""
from __future__ import annotations

from . import aws, sources as src
from .catalogue import ERROR, Example, Hit, rule
from .spelling import name
from .values import UNKNOWN

_LAMBDA = {"integrationType": "AWS_PROXY", "payloadFormatVersion": "2.0",
           "integrationUri": "arn:aws:lambda:us-east-1:123456789012:function:orders"}
_RANGES = f"{aws.TIMEOUT_MIN}-{aws.TIMEOUT_MAX[aws.WEBSOCKET]} on a WebSocket API and " \
          f"{aws.TIMEOUT_MIN}-{aws.TIMEOUT_MAX[aws.HTTP]} on an HTTP API"
_WS_LAMBDA = {"integrationType": "AWS_PROXY",
              "integrationUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                "arn:aws:lambda:us-east-1:123456789012:function:chat/invocations"}


@rule(
    id="APIGW030", name="apigw-timeout-range", title="timeoutMilliseconds out of range",
    severity=ERROR,
    summary=f"timeoutMilliseconds must be {_RANGES}; with the API unknown, only values outside "
            f"{aws.TIMEOUT_MIN}-{aws.TIMEOUT_MAX_ANY} are reported.",
    rationale="The provider has no range check, so a wrong timeout passes preview and AWS rejects "
              "the integration minutes into `pulumi up`. Both quotas are fixed: the June 2024 "
              "increase above 29 s applies to REST APIs only.",
    sources=(src.QUOTA_HTTP,
             src.QUOTA_WS,
             src.API_REF),
    fix=f"Set {name('timeoutMilliseconds')} within the protocol's range, or leave it out for the "
        "maximum.",
    decisive=("timeoutMilliseconds",),
    valid=[Example({**_LAMBDA, "timeoutMilliseconds": 30000}),
           Example({**_LAMBDA, "timeoutMilliseconds": 50}, title="the minimum"),
           Example({**_WS_LAMBDA, "timeoutMilliseconds": 29000}, protocol=aws.WEBSOCKET),
           Example({**_WS_LAMBDA, "timeoutMilliseconds": 50}, protocol=aws.WEBSOCKET),
           Example({**_LAMBDA, "timeoutMilliseconds": 30000}, protocol=None,
                   title="API unknown: the HTTP maximum may be right")],
    invalid=[Example({**_WS_LAMBDA, "timeoutMilliseconds": 29001}, protocol=aws.WEBSOCKET,
                     title="one past the WebSocket maximum",
                     paths=(("timeoutMilliseconds",),)),
             Example({**_WS_LAMBDA, "timeoutMilliseconds": 49}, protocol=aws.WEBSOCKET,
                     paths=(("timeoutMilliseconds",),)),
             Example({**_LAMBDA, "timeoutMilliseconds": 30001}, title="one past the HTTP maximum",
                     paths=(("timeoutMilliseconds",),)),
             Example({**_LAMBDA, "timeoutMilliseconds": 49}, title="one below the minimum",
                     paths=(("timeoutMilliseconds",),)),
             Example({**_LAMBDA, "timeoutMilliseconds": 60000},
                     paths=(("timeoutMilliseconds",),)),
             Example({**_LAMBDA, "timeoutMilliseconds": 10}, protocol=None,
                     paths=(("timeoutMilliseconds",),))],
)
def timeout_range(m):
    timeout = m.get("timeoutMilliseconds")
    if isinstance(timeout, bool) or not isinstance(timeout, int):
        return
    protocol = m.protocol
    high = aws.TIMEOUT_MAX_ANY if protocol is UNKNOWN else aws.TIMEOUT_MAX.get(protocol)
    if high is None:
        return
    if timeout < aws.TIMEOUT_MIN or timeout > high:
        where = {aws.HTTP: "an HTTP API", aws.WEBSOCKET: "a WebSocket API"}.get(protocol, "this API")
        yield Hit(("timeoutMilliseconds",),
                  f"{name('timeoutMilliseconds')} {timeout} is outside {aws.TIMEOUT_MIN}-{high} "
                  f"for {where} (WebSocket {aws.TIMEOUT_MIN}-{aws.TIMEOUT_MAX[aws.WEBSOCKET]}, "
                  f"HTTP {aws.TIMEOUT_MIN}-{aws.TIMEOUT_MAX[aws.HTTP]}; the quota is not "
                  "increasable).")
