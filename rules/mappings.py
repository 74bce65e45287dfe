"""APIGW031-034 and APIGW038: request parameter mapping grammar, per protocol."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, WARNING, Example, Hit, rule
from .spelling import name
from .grammar import bad_sources, header_name, is_reserved_header
from .values import known_items



def http_request_mappings(m):
    """requestParameters items of an HTTP API integration without subtype (mapping grammar)."""
    if m.protocol != aws.HTTP or not m.absent("integrationSubtype"):
        return []
    return known_items(m.get("requestParameters"))


def response_mappings(m):
    """(path, key, value) for every responseParameters[i].mappings entry."""
    items = m.get("responseParameters")
    out = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            for key, value in known_items(item.get("mappings")):
                out.append((("responseParameters", i, "mappings", key), key, value))
    return out


@rule(
    id="APIGW031", name="apigw-http-mapping-key", severity=ERROR,
    title="HTTP API request mapping key with the wrong grammar",
    summary="On an HTTP API integration without subtype, a requestParameters key is not "
            "append|overwrite|remove:header.NAME, append|overwrite|remove:querystring.NAME or "
            "overwrite:path.",
    rationale="HTTP APIs transform requests with action:location keys; WebSocket-style keys "
              "(integration.request.header.x) and actions a location does not support "
              "(append:path) are rejected at deploy.",
    sources=(src.PM,),
    fix="Rewrite the key as ACTION:header.NAME, ACTION:querystring.NAME or overwrite:path.",
    decisive=("requestParameters", "protocol"),
    valid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {
        "append:header.x-request-id": "$context.requestId", "overwrite:path": "$request.path",
        "remove:querystring.debug": "''"}})],
    invalid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {"append:path": "/v2"}},
                     paths=(("requestParameters", "append:path"),)),
             Example({**samples.HTTP_PUBLIC, "requestParameters": {
                 "integration.request.header.x-user": "$context.authorizer.user"}},
                     paths=(("requestParameters", "integration.request.header.x-user"),))],
)
def http_mapping_key(m):
    for key, _ in http_request_mappings(m):
        if not aws.HTTP_REQUEST_KEY.match(key):
            yield Hit(("requestParameters", key),
                      f"{name('requestParameters')} key '{key}' is not "
                      "append|overwrite|remove:header.NAME, "
                      "append|overwrite|remove:querystring.NAME or overwrite:path.")


@rule(
    id="APIGW032", name="apigw-reserved-header", severity=ERROR,
    title="Reserved header in a mapping",
    summary="An HTTP API request or response mapping sets a header that API Gateway reserves "
            "(Authorization, Host-like hop-by-hop headers, x-amz-*, apigw-*, ...).",
    rationale="AWS documents that request and response mappings cannot be configured for these "
              "headers, and rejects the integration at deploy.",
    sources=(src.PM,),
    fix="Map the value to a header of your own, for example x-original-authorization.",
    decisive=("protocol", "requestParameters", "responseParameters"),
    valid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {
        "append:header.x-user-id": "$context.authorizer.claims.sub"}})],
    invalid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {
                 "overwrite:header.Authorization": "$request.header.x-token"}},
                     paths=(("requestParameters", "overwrite:header.Authorization"),)),
             Example({**samples.HTTP_PUBLIC, "responseParameters": [
                 {"statusCode": "200", "mappings": {"append:header.X-Amz-Meta": "static"}}]},
                     paths=(("responseParameters", 0, "mappings", "append:header.X-Amz-Meta"),))],
)
def reserved_header(m):
    if m.protocol != aws.HTTP:
        return
    entries = [(("requestParameters", k), k, aws.HTTP_REQUEST_KEY) for k, _ in
               http_request_mappings(m)]
    entries += [(path, k, aws.HTTP_RESPONSE_KEY) for path, k, _ in response_mappings(m)]
    for path, key, pattern in entries:
        name = header_name(key, pattern)
        if name and is_reserved_header(name):
            yield Hit(path, f"header '{name}' is reserved by API Gateway and cannot be mapped.")


@rule(
    id="APIGW033", name="apigw-http-mapping-source", severity=WARNING,
    title="HTTP API request mapping value with an unsupported source",
    summary="On an HTTP API integration without subtype, a requestParameters value uses a "
            "$-expression other than $request.header/querystring/path/body, $request.path, "
            "$context or $stageVariables (or a JSON path with '..' or filters).",
    rationale="AWS rejects unknown sources (\"Invalid selection expression\"); $response.* "
              "belongs in responseParameters. Several variables in one value need the ${} form.",
    sources=(src.PM,),
    fix="Use $request.*, $context.*, $stageVariables.* or a static value.",
    decisive=("requestParameters", "protocol"),
    valid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {
        "append:header.x-source": "api-${context.stage}-${request.header.x-client}"}})],
    invalid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {
                 "overwrite:header.x-status": "$response.header.status"}},
                     paths=(("requestParameters", "overwrite:header.x-status"),)),
             Example({**samples.HTTP_LAMBDA, "requestParameters": {
                 "append:querystring.user": "$request.body..user"}},
                     paths=(("requestParameters", "append:querystring.user"),))],
)
def http_mapping_source(m):
    for key, value in http_request_mappings(m):
        if isinstance(value, str) and bad_sources(value, aws.HTTP_REQUEST_SOURCES):
            yield Hit(("requestParameters", key),
                      f"{name('requestParameters')}['{key}'] uses an unsupported mapping source; "
                      "use $request.*, $context.*, $stageVariables.* or a static value.")


@rule(
    id="APIGW034", name="apigw-mapping-value-length", severity=ERROR,
    title=f"Mapping value empty or longer than {aws.MAPPING_VALUE_LENGTH[1]} characters",
    summary="A requestParameters value or responseParameters mapping value is empty or longer "
            f"than {aws.MAPPING_VALUE_LENGTH[1]} characters.",
    rationale="AWS takes mapping values of {}-{} characters; on update the provider sends an "
              "empty value to mean 'delete this key'. remove: keys take a placeholder such as "
              "''.".format(*aws.MAPPING_VALUE_LENGTH),
    sources=(src.PM, src.API_REF),
    fix="Give every mapping a value of {}-{} characters; for remove:... use \"''\".".format(
        *aws.MAPPING_VALUE_LENGTH),
    decisive=("requestParameters",),
    valid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {"remove:header.x-debug": "''"}})],
    invalid=[Example({**samples.HTTP_PUBLIC, "requestParameters": {"remove:header.x-debug": ""}},
                     paths=(("requestParameters", "remove:header.x-debug"),)),
             Example({**samples.WS_HTTP, "requestParameters": {
                 "integration.request.header.x-pad": "'" + "x" * 600 + "'"}},
                 protocol=aws.WEBSOCKET,
                     paths=(("requestParameters", "integration.request.header.x-pad"),))],
)
def mapping_value_length(m):
    low, high = aws.MAPPING_VALUE_LENGTH
    entries = [(("requestParameters", k), k, v) for k, v in known_items(m.get("requestParameters"))]
    entries += response_mappings(m)
    for path, key, value in entries:
        if isinstance(value, str) and not low <= len(value) <= high:
            yield Hit(path, f"mapping value for '{key}' is {len(value)} characters long; AWS "
                            f"accepts {low}-{high} (use \"''\" for remove: keys).")


@rule(
    id="APIGW038", name="apigw-websocket-mapping", severity=ERROR,
    title="WebSocket request parameter with the wrong grammar",
    summary="On a WebSocket API, a requestParameters key is not "
            "integration.request.{header|querystring|path}.NAME, or its value is not "
            "route.request.*, context.*, stageVariables.* or a single-quoted static value.",
    rationale="WebSocket APIs use the REST-style mapping grammar; static values must be quoted "
              "('value'), unlike on HTTP APIs. An unquoted static value is the usual mistake, and "
              "AWS rejects it at deploy.",
    sources=(src.WS_MAP,),
    fix="Key: integration.request.header.NAME; value: route.request.header.NAME, "
        "context.connectionId, stageVariables.NAME or 'static'.",
    decisive=("requestParameters", "protocol"),
    valid=[Example({**samples.WS_PRIVATE, "requestParameters": {
        "integration.request.header.connectionId": "context.connectionId",
        "integration.request.querystring.v": "'2'"}}, protocol=aws.WEBSOCKET)],
    invalid=[Example({**samples.WS_PRIVATE, "requestParameters": {
                 "integration.request.header.x-env": "prod"}}, protocol=aws.WEBSOCKET,
                 title="unquoted static value",
                     paths=(("requestParameters", "integration.request.header.x-env"),)),
             Example({**samples.WS_HTTP, "requestParameters": {
                 "append:header.connectionId": "context.connectionId"}}, protocol=aws.WEBSOCKET,
                 title="HTTP API key form on a WebSocket API",
                     paths=(("requestParameters", "append:header.connectionId"),))],
)
def websocket_mapping(m):
    if m.protocol != aws.WEBSOCKET:
        return
    for key, value in known_items(m.get("requestParameters")):
        if not aws.WEBSOCKET_REQUEST_KEY.match(key):
            yield Hit(("requestParameters", key),
                      f"{name('requestParameters')} key '{key}' must be "
                      "integration.request.{header|querystring|path}.NAME on a WebSocket API.")
        elif isinstance(value, str) and value and not aws.WEBSOCKET_REQUEST_VALUE.match(value):
            yield Hit(("requestParameters", key),
                      f"{name('requestParameters')}['{key}'] must map from route.request.*, "
                      "context.*, stageVariables.* or a single-quoted static value.")
