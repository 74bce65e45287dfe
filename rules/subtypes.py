"""APIGW003-009: HTTP API AWS service integrations (integrationSubtype)."""
from __future__ import annotations

from . import aws, samples, sources as src
from .catalogue import ERROR, WARNING, Example, Hit, rule
from .spelling import name
from .generic import no_effect
from .grammar import bad_sources, is_json_literal
from .values import UNKNOWN, known_items



def _known_subtype(m):
    """The subtype when it is one AWS knows and the API is not a WebSocket API (APIGW003's case)."""
    sub = m.str("integrationSubtype")
    return sub if sub in aws.SUBTYPES and m.protocol != aws.WEBSOCKET else None


@rule(
    id="APIGW003", name="apigw-subtype-misuse", severity=ERROR,
    title="integrationSubtype misused",
    summary="integrationSubtype is set on a WebSocket API, on a type other than AWS_PROXY, or to a "
            "value that is not one of the ten AWS service subtypes.",
    rationale="AWS service integrations exist only for HTTP API AWS_PROXY integrations; the "
              "provider checks only the value's length, so the mistake surfaces at deploy. The "
              "property forces a replacement, so fixing it later replaces the integration.",
    sources=(src.SUB, src.API_REF),
    fix=f"Use {name('integrationType')} AWS_PROXY on an HTTP API with one of: " + ", ".join(aws.SUBTYPES) + ".",
    decisive=(),
    valid=[Example(samples.SQS_SEND)],
    invalid=[Example({**samples.SQS_SEND, "integrationSubtype": "SQS-SendMessages"},
                     paths=(("integrationSubtype",),)),
             Example({**samples.SQS_SEND, "integrationType": "AWS"}, protocol=aws.WEBSOCKET,
                     also=("APIGW016", "APIGW038"),
                     paths=(("integrationSubtype",),)),  # an HTTP API configuration throughout
             Example({**samples.SQS_SEND, "integrationType": "HTTP_PROXY"}, protocol=None,
                     also=("APIGW015", "APIGW016"),
                     paths=(("integrationSubtype",),)),  # HTTP_PROXY also needs method and URI
             Example({**samples.SQS_SEND, "integrationType": "AWS"}, also=("APIGW001", "APIGW016"),
                     title="AWS (not AWS_PROXY) on an HTTP API",
                     paths=(("integrationSubtype",),)),
             # the subtype rules (APIGW004-009) leave a WebSocket API's subtype to this one
             Example({**{k: v for k, v in samples.SQS_SEND.items() if k != "credentialsArn"},
                      "integrationType": "AWS", "integrationMethod": "POST",
                      "requestParameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/"
                                                        "123456789012/orders"}},
                     protocol=aws.WEBSOCKET, also=("APIGW016", "APIGW038"),
                     title="a WebSocket API, without credentialsArn or a required parameter",
                     paths=(("integrationSubtype",),)),
             Example({**samples.START_SYNC, "integrationType": "AWS"}, protocol=aws.WEBSOCKET,
                     context={"state_machine": "STANDARD"}, also=("APIGW016", "APIGW038"),
                     title="StartSyncExecution of a STANDARD machine on a WebSocket API",
                     paths=(("integrationSubtype",),))],
)
def subtype_misuse(m):
    if not m.has("integrationSubtype"):
        return
    path = ("integrationSubtype",)
    if m.protocol == aws.WEBSOCKET:
        yield Hit(path, f"{name('integrationSubtype')} is only supported by HTTP APIs, not "
                        "WebSocket APIs.")
    elif m.type is not None and m.type != "AWS_PROXY":
        yield Hit(path, f"{name('integrationSubtype')} requires {name('integrationType')} "
                        f"AWS_PROXY, not {m.type}.")
    sub = m.get("integrationSubtype")
    if sub is not UNKNOWN and not (isinstance(sub, str) and sub in aws.SUBTYPES):
        yield Hit(path, f"{name('integrationSubtype')} is not an AWS service subtype; use one of "
                        + ", ".join(aws.SUBTYPES) + " (case-sensitive).")


@rule(
    id="APIGW004", name="apigw-subtype-required-parameters", severity=ERROR,
    title="AWS service integration without its required parameters",
    summary="requestParameters lacks a parameter that the integrationSubtype requires (for "
            "SQS-SendMessage: QueueUrl and MessageBody).",
    rationale="AWS refuses to create an AWS service integration unless every required parameter "
              "is configured; the provider does not know the subtypes' parameters.",
    sources=(src.SUB, src.SVC),
    fix=f"Add the missing keys to {name('requestParameters')}, mapped from the request or static.",
    decisive=("requestParameters", "integrationSubtype"),
    valid=[Example(samples.SQS_SEND),
           Example({**samples.START_SYNC, "requestParameters": {"StateMachineArn": "arn:aws:states:"
                    "us-east-1:123456789012:stateMachine:checkout", "Input": "$request.body"}})],
    invalid=[Example({**samples.SQS_SEND, "requestParameters": {"QueueUrl": "https://sqs.us-east-1"
                      ".amazonaws.com/123456789012/orders"}},
                     paths=(("requestParameters",),)),
             Example({k: v for k, v in samples.SQS_SEND.items() if k != "requestParameters"},
                     paths=(("requestParameters",),))],
)
def subtype_required_parameters(m):
    sub = _known_subtype(m)
    params = m.get("requestParameters")
    if sub is None or params is UNKNOWN or (not m.has("requestParameters") and m.open_args):
        return
    required = aws.SUBTYPES[sub][0]
    present = {k for k, _ in known_items(params)}
    missing = [p for p in required if p not in present]
    if missing:
        yield Hit(("requestParameters",),
                  f"{sub} requires {name('requestParameters')} {', '.join(required)}; missing: "
                  f"{', '.join(missing)}.")


@rule(
    id="APIGW005", name="apigw-subtype-parameter-names", severity=WARNING,
    title="Request parameter that the AWS service subtype does not take",
    summary="With integrationSubtype set, a requestParameters key is not one of the subtype's "
            "parameters, or uses the append/overwrite/remove mapping form of plain HTTP APIs.",
    rationale="With a subtype, request parameters are the arguments of the AWS action, named "
              "exactly as the service names them; anything else is rejected or ignored.",
    sources=(src.SUB,),
    fix="Use the subtype's parameter names (case-sensitive), without an action prefix.",
    decisive=("requestParameters", "integrationSubtype"),
    valid=[Example({**samples.SQS_SEND, "requestParameters": {
        **samples.SQS_SEND["requestParameters"], "DelaySeconds": "5"}})],
    invalid=[Example({**samples.SQS_SEND, "requestParameters": {
        **samples.SQS_SEND["requestParameters"], "queueUrl": "x"}},
                     paths=(("requestParameters", "queueUrl"),)),
             Example({**samples.SQS_SEND, "requestParameters": {
                 **samples.SQS_SEND["requestParameters"], "append:header.trace": "1"}},
                     paths=(("requestParameters", "append:header.trace"),))],
)
def subtype_parameter_names(m):
    sub = _known_subtype(m)
    if sub is None:
        return
    required, optional = aws.SUBTYPES[sub]
    for key, _ in known_items(m.get("requestParameters")):
        if key in required or key in optional:
            continue
        if ":" in key:
            why = "uses the append/overwrite/remove form, which is for HTTP APIs without a subtype"
        else:
            why = "is not a parameter of " + sub
        yield Hit(("requestParameters", key),
                  f"{name('requestParameters')} key '{key}' {why}; allowed: "
                  f"{', '.join(required + optional)}.")


@rule(
    id="APIGW006", name="apigw-subtype-parameter-values", severity=WARNING,
    title="AWS service parameter value that is not a valid source",
    summary="A subtype parameter's value is a JSON literal, or a $-expression other than "
            "$request.header/querystring/path/body, $context or $stageVariables.",
    rationale="AWS rejects a JSON object literal (\"Invalid source: {...} specified for "
              "destination\"), and an unsupported expression fails at create or at run time.",
    sources=(src.SVC, "https://github.com/hashicorp/terraform-provider-aws/issues/17348"),
    fix="Use a static string or a $request.*, $context.* or $stageVariables.* expression; send "
        "structured data through $request.body.",
    decisive=("requestParameters", "integrationSubtype"),
    valid=[Example(samples.SQS_SEND),
           Example({**samples.SQS_SEND, "requestParameters": {
               **samples.SQS_SEND["requestParameters"], "MessageGroupId": "${context.requestId}"}})],
    invalid=[Example({**samples.SQS_SEND, "requestParameters": {
                 **samples.SQS_SEND["requestParameters"],
                 "MessageAttributes": '{"source": {"DataType": "String", "StringValue": "api"}}'}},
                 title="JSON literal: AWS rejects it",
                     paths=(("requestParameters", "MessageAttributes"),)),
             Example({**samples.SQS_SEND, "requestParameters": {
                 **samples.SQS_SEND["requestParameters"], "MessageBody": "$request.bodyy"}},
                     paths=(("requestParameters", "MessageBody"),))],
)
def subtype_parameter_values(m):
    if _known_subtype(m) is None:
        return
    for key, value in known_items(m.get("requestParameters")):
        if not isinstance(value, str):
            continue
        if is_json_literal(value):
            yield Hit(("requestParameters", key),
                      f"{name('requestParameters')}['{key}'] is a JSON literal, which AWS rejects; "
                      "map structured data from $request.body instead.", severity=ERROR)
        elif bad_sources(value, aws.HTTP_REQUEST_SOURCES):
            yield Hit(("requestParameters", key),
                      f"{name('requestParameters')}['{key}'] must be a static value or a $request, "
                      "$context or $stageVariables expression (JSON paths without '..' or "
                      "filters).")


@rule(
    id="APIGW007", name="apigw-subtype-credentials", severity=ERROR,
    title="AWS service integration without credentialsArn",
    summary="integrationSubtype is set but credentialsArn is not.",
    rationale="API Gateway calls the AWS service with a role you provide; without one the "
              "integration cannot be authorized.",
    sources=(src.SVC,),
    fix=f"Set {name('credentialsArn')} to a role that apigateway.amazonaws.com can assume, with "
        "permission for the target action.",
    decisive=("credentialsArn",),
    valid=[Example(samples.SQS_SEND)],
    invalid=[Example({k: v for k, v in samples.SQS_SEND.items() if k != "credentialsArn"},
                     paths=((),)),
             Example({**samples.SQS_SEND, "credentialsArn": ""},
                     paths=(("credentialsArn",),))],
)
def subtype_credentials(m):
    if not m.has("integrationSubtype") or m.protocol == aws.WEBSOCKET:
        return
    if m.absent("credentialsArn"):
        yield Hit(("credentialsArn",) if "credentialsArn" in m.props else (),
                  f"AWS service integrations need {name('credentialsArn')}: an IAM role that "
                  "apigateway.amazonaws.com can assume, with permission for the target action.")


@rule(
    id="APIGW008", name="apigw-subtype-unused-target", severity=WARNING,
    title="integrationUri or integrationMethod on an AWS service integration",
    summary="integrationSubtype is set together with integrationUri or integrationMethod.",
    rationale="AWS service integrations take their target from requestParameters; AWS stores "
              "neither the URI nor the method, so the values are misleading at best.",
    sources=(src.SVC,),
    fix=f"Remove {name('integrationUri')} and {name('integrationMethod')}; name the target in "
        f"{name('requestParameters')}.",
    decisive=(),
    valid=[Example(samples.SQS_SEND)],
    invalid=[Example({**samples.SQS_SEND, "integrationMethod": "POST"},
                     paths=(("integrationMethod",),)),
             Example({**samples.SQS_SEND, "integrationUri": "https://sqs.us-east-1.amazonaws.com"},
                     paths=(("integrationUri",),))],
)
def subtype_unused_target(m):
    if not m.has("integrationSubtype") or m.protocol == aws.WEBSOCKET:
        return
    yield from no_effect(m, ("integrationUri", "integrationMethod"), "is not used by AWS service "
                         f"integrations; the target is given by {name('requestParameters')}.")


@rule(
    id="APIGW009", name="apigw-sync-execution-express", severity=WARNING,
    title="StepFunctions-StartSyncExecution with a STANDARD state machine",
    summary="A StepFunctions-StartSyncExecution integration targets a state machine whose type "
            "is not EXPRESS (STANDARD is the default).",
    rationale="Synchronous executions exist only for EXPRESS workflows; every request to a "
              "STANDARD state machine fails at run time.",
    sources=(src.SUB, "https://docs.aws.amazon.com/step-functions/latest/apireference/"
                   "API_StartSyncExecution.html"),
    fix="Create the state machine with type EXPRESS, or use StepFunctions-StartExecution.",
    decisive=("integrationSubtype",),
    valid=[Example(samples.START_SYNC, context={"state_machine": "EXPRESS"})],
    invalid=[Example(samples.START_SYNC, context={"state_machine": "STANDARD"},
                     paths=(("requestParameters", "StateMachineArn"),))],
)
def sync_execution_express(m):
    if m.str("integrationSubtype") != aws.SYNC_EXECUTION_SUBTYPE or m.protocol == aws.WEBSOCKET:
        return
    kind = m.context.state_machine_type
    if isinstance(kind, str) and kind != aws.EXPRESS:
        yield Hit(("requestParameters", aws.STATE_MACHINE_PARAMETER),
                  f"StartSyncExecution only works with EXPRESS state machines; this one is {kind}.")
