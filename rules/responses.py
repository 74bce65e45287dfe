"""APIGW035-037: HTTP API responseParameters."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, WARNING, Example, Hit, rule
from .spelling import name
from .grammar import bad_sources
from .mappings import response_mappings

_OK = [{"statusCode": "500", "mappings": {"overwrite:statuscode": "503",
                                          "append:header.x-error": "$context.requestId"}}]


@rule(
    id="APIGW035", name="apigw-websocket-response-parameters", severity=WARNING,
    title="responseParameters on a WebSocket API",
    summary="responseParameters is set on a WebSocket API integration.",
    rationale="Response parameter mappings are supported only for HTTP APIs; on a WebSocket API "
              "they do nothing (WebSocket responses are shaped by integration responses).",
    sources=(src.API_REF,),
    fix=f"Remove {name('responseParameters')}; use an IntegrationResponse with templates on "
        "WebSocket APIs.",
    decisive=("protocol",),
    valid=[Example(samples.WS_HTTP, protocol=aws.WEBSOCKET, title="responseParameters removed"),
           Example({**samples.HTTP_PUBLIC, "responseParameters": _OK})],
    invalid=[Example({**samples.WS_HTTP, "responseParameters": _OK}, protocol=aws.WEBSOCKET,
                     paths=(("responseParameters",),)),
             Example({**samples.WS_HTTP, "responseParameters": [
                 {"statusCode": "100", "mappings": {"overwrite.statuscode": "200"}}]},
                     protocol=aws.WEBSOCKET, title="entries an HTTP API would reject: one finding",
                     paths=(("responseParameters",),))],
)
def websocket_response_parameters(m):
    if m.protocol == aws.WEBSOCKET and m.has("responseParameters"):
        yield Hit(("responseParameters",), f"{name('responseParameters')} is only supported by "
                                           "HTTP APIs.")


@rule(
    id="APIGW036", name="apigw-response-status-code", severity=ERROR,
    title="responseParameters statusCode not a status code 200-599, or repeated",
    summary="A responseParameters entry's statusCode is not an HTTP status code from 200 to 599, "
            "or two entries share one.",
    rationale="AWS selects response mappings by the backend's status code and accepts only "
              "200-599; a repeated code is ambiguous and the later entry is lost.",
    sources=(src.API_REF, src.PM),
    fix="Use one entry per status code, each between \"200\" and \"599\".",
    decisive=("responseParameters",),
    valid=[Example({**samples.HTTP_PUBLIC, "responseParameters": _OK})],
    invalid=[Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": "100", "mappings": {"overwrite:statuscode": "200"}}]},
                     paths=(("responseParameters", 0, "statusCode"),)),
             Example({**samples.HTTP_PUBLIC, "responseParameters": _OK + _OK}, protocol=None,
                     paths=(("responseParameters", 1, "statusCode"),)),
             Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": None, "mappings": {"overwrite:statuscode": "200"}},
                 {"statusCode": "100", "mappings": {"overwrite:statuscode": "200"}}]},
                     title="after an entry whose statusCode is None",
                     paths=(("responseParameters", 1, "statusCode"),))],
)
def response_status_code(m):
    items = m.get("responseParameters")
    if m.protocol == aws.WEBSOCKET or not isinstance(items, list):
        return
    seen: set[str] = set()
    for i, item in enumerate(items):
        code = item.get("statusCode") if isinstance(item, dict) else None
        # a number written in the program (the engine hands every number over as a float);
        # the provider turns it into the string its schema declares
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        if isinstance(code, int) and not isinstance(code, bool):
            code = str(code)
        if not isinstance(code, str):
            continue
        if not aws.STATUS_CODE.match(code):
            yield Hit(("responseParameters", i, "statusCode"),
                      f"{name('responseParameters')} {name('statusCode')} must be an HTTP status "
                      "code 200-599.")
        elif code in seen:
            yield Hit(("responseParameters", i, "statusCode"),
                      f"{name('responseParameters')} has more than one entry for status code "
                      f"{code}.")
        seen.add(code)


@rule(
    id="APIGW037", name="apigw-response-mapping", severity=ERROR,
    title="responseParameters mapping with the wrong grammar",
    summary="A response mapping key is not append|overwrite|remove:header.NAME or "
            "overwrite:statuscode (the dot form overwrite.statuscode included); or a value reads "
            "$request.* or another source a response cannot use; or overwrite:statuscode is not "
            "a status code (warnings).",
    rationale="AWS rejects wrong keys at deploy. Response mappings read $response.header/body, "
              "$context and $stageVariables; a request source there is a copy-paste mistake.",
    sources=(src.PM,),
    fix="Keys: ACTION:header.NAME or overwrite:statuscode; values: $response.*, $context.*, "
        "$stageVariables.* or static.",
    decisive=("responseParameters",),
    valid=[Example({**samples.HTTP_PUBLIC, "responseParameters": _OK}),
           Example({**samples.HTTP_PUBLIC, "responseParameters": [
               {"statusCode": "200", "mappings": {"remove:header.server": "''"}}]},
                   title="a static value removing a header")],
    invalid=[Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": "404", "mappings": {"overwrite.statuscode": "200"}}]},
                     paths=(("responseParameters", 0, "mappings", "overwrite.statuscode"),)),
             Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": "404", "mappings": {"overwrite:statuscode": "OK"}}]},
                 title="overwrite:statuscode to a word (warning)",
                     paths=(("responseParameters", 0, "mappings", "overwrite:statuscode"),)),
             Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": "404", "mappings": {"append:header.x-retry": 5,
                                                    "overwrite.statuscode": "200"}}]},
                 title="after a value that is not a string",
                     paths=(("responseParameters", 0, "mappings", "overwrite.statuscode"),)),
             Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": "200", "mappings": {"append:header.x-user": "$request.header.user"}}]},
                 title="request source in a response mapping (warning)",
                     paths=(("responseParameters", 0, "mappings", "append:header.x-user"),))],
)
def response_mapping(m):
    if m.protocol == aws.WEBSOCKET:
        return
    for path, key, value in response_mappings(m):
        if not aws.HTTP_RESPONSE_KEY.match(key):
            hint = " (write overwrite:statuscode, with a colon)" if key == "overwrite.statuscode" else ""
            yield Hit(path, f"response mapping key '{key}' is not append|overwrite|remove:"
                            f"header.NAME or overwrite:statuscode{hint}.")
        elif not isinstance(value, str):
            continue
        elif key == "overwrite:statuscode":
            if not (aws.STATUS_CODE.match(value) or value.startswith("$")):
                yield Hit(path, "overwrite:statuscode must map to a status code 200-599.",
                          severity=WARNING)
        elif bad_sources(value, aws.HTTP_RESPONSE_SOURCES):
            yield Hit(path, f"response mapping '{key}' reads a source responses cannot use; use "
                            "$response.header.*, $response.body.*, $context.*, $stageVariables.* "
                            "or a static value.", severity=WARNING)
