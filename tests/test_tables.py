"""The AWS fact tables of rules/aws.py against the specification (shared/RULES.md), transcribed
here as an oracle independent of the code: every reserved header, every subtype's required and
optional parameters, and both sides of every length and count limit. A dropped table entry or a
moved bound fails one of these."""
from __future__ import annotations

import pytest

from apigw_lint.rules import Context, Integration, aws, run, samples

ROLE = "arn:aws:iam::123456789012:role/apigw-service"

# RULES.md APIGW032 (AWS "Reserved headers" of HTTP API parameter mapping)
RESERVED = ["Authorization", "Connection", "Content-Encoding", "Content-Length",
            "Content-Location", "Forwarded", "Keep-Alive", "Origin", "Proxy-Authenticate",
            "Proxy-Authorization", "TE", "Trailers", "Transfer-Encoding", "Upgrade",
            "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Via"]
RESERVED_BY_PREFIX = ["Access-Control-Allow-Origin", "apigw-request-id", "X-Amz-Date",
                      "x-amzn-trace-id"]
NOT_RESERVED = ["X-Request-Id", "Accept", "Content-Type", "X-Forwarded-Port", "Originator"]

# RULES.md section 7: subtype -> (required, optional) request parameters
SUBTYPES = {
    "EventBridge-PutEvents": (["Detail", "DetailType", "Source"],
                              ["Time", "EventBusName", "Resources", "Region", "TraceHeader"]),
    "SQS-SendMessage": (["QueueUrl", "MessageBody"],
                        ["DelaySeconds", "MessageAttributes", "MessageDeduplicationId",
                         "MessageGroupId", "MessageSystemAttributes", "Region"]),
    "SQS-ReceiveMessage": (["QueueUrl"],
                           ["AttributeNames", "MaxNumberOfMessages", "MessageAttributeNames",
                            "ReceiveRequestAttemptId", "VisibilityTimeout", "WaitTimeSeconds",
                            "Region"]),
    "SQS-DeleteMessage": (["ReceiptHandle", "QueueUrl"], ["Region"]),
    "SQS-PurgeQueue": (["QueueUrl"], ["Region"]),
    "AppConfig-GetConfiguration": (["Application", "Environment", "Configuration", "ClientId"],
                                   ["ClientConfigurationVersion", "Region"]),
    "Kinesis-PutRecord": (["StreamName", "Data", "PartitionKey"],
                          ["SequenceNumberForOrdering", "ExplicitHashKey", "Region"]),
    "StepFunctions-StartExecution": (["StateMachineArn"], ["Name", "Input", "Region"]),
    "StepFunctions-StartSyncExecution": (["StateMachineArn"],
                                         ["Name", "Input", "Region", "TraceHeader"]),
    "StepFunctions-StopExecution": (["ExecutionArn"], ["Cause", "Error", "Region"]),
}


def findings(props, protocol=aws.HTTP, **context):
    model = Integration({"apiId": "a1b2c3", **props}, Context(protocol=protocol, **context))
    return sorted((f.rule, f.path) for f in run(model))


def test_the_tables_hold_the_specification():
    assert {k.lower() for k in RESERVED} == set(aws.RESERVED_HEADERS)
    assert {k: (list(r), list(o)) for k, (r, o) in aws.SUBTYPES.items()} == SUBTYPES


@pytest.mark.parametrize("header", [*RESERVED, *[h.lower() for h in RESERVED],
                                    *RESERVED_BY_PREFIX])
def test_each_reserved_header_is_reported_in_requests_and_responses(header):
    key = f"overwrite:header.{header}"
    assert findings({**samples.HTTP_PUBLIC, "requestParameters": {key: "static"}}) == \
        [("APIGW032", ("requestParameters", key))]
    mapped = [{"statusCode": "200", "mappings": {f"append:header.{header}": "static"}}]
    assert findings({**samples.HTTP_PUBLIC, "responseParameters": mapped}) == \
        [("APIGW032", ("responseParameters", 0, "mappings", f"append:header.{header}"))]


@pytest.mark.parametrize("header", NOT_RESERVED)
def test_other_headers_are_not_reserved(header):
    key = f"overwrite:header.{header}"
    assert findings({**samples.HTTP_PUBLIC, "requestParameters": {key: "static"}}) == []


def _service(subtype, params):
    return {"integrationType": "AWS_PROXY", "integrationSubtype": subtype,
            "credentialsArn": ROLE, "requestParameters": params}


@pytest.mark.parametrize("subtype", sorted(SUBTYPES))
def test_every_parameter_of_a_subtype_is_taken(subtype):
    required, optional = SUBTYPES[subtype]
    params = {p: f"$request.body.{p.lower()}" for p in [*required, *optional]}
    assert findings(_service(subtype, params)) == []


@pytest.mark.parametrize("subtype, missing", [(s, p) for s, (r, _) in sorted(SUBTYPES.items())
                                              for p in r])
def test_each_required_parameter_left_out_is_reported(subtype, missing):
    required, _ = SUBTYPES[subtype]
    params = {p: f"$request.body.{p.lower()}" for p in required if p != missing}
    assert [rule for rule, _ in findings(_service(subtype, params))] == ["APIGW004"]


@pytest.mark.parametrize("subtype", sorted(SUBTYPES))
def test_a_parameter_the_subtype_does_not_take_is_reported(subtype):
    required, _ = SUBTYPES[subtype]
    params = {**{p: f"$request.body.{p.lower()}" for p in required}, "Bogus": "x"}
    assert findings(_service(subtype, params)) == [("APIGW005", ("requestParameters", "Bogus"))]


# RULES.md APIGW045 and APIGW034: (property path, props with a string of n characters)
def _uri(n):
    return {**samples.HTTP_PUBLIC, "integrationUri": "https://example.com/" + "a" * (n - 20)}


LENGTHS = [
    (("description",), 1024, lambda n: {**samples.HTTP_PUBLIC, "description": "d" * n}),
    (("integrationUri",), 2048, _uri),
    (("tlsConfig", "serverNameToVerify"), 512,
     lambda n: {**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": "s" * n}}),
    (("requestTemplates", "$default"), 32768,
     lambda n: {**samples.WS_MOCK, "requestTemplates": {"$default": "t" * n}}),
]


@pytest.mark.parametrize("path, high, props", LENGTHS, ids=[str(x[0]) for x in LENGTHS])
def test_length_limits_on_both_sides(path, high, props):
    protocol = aws.WEBSOCKET if path[0] == "requestTemplates" else aws.HTTP
    assert ("APIGW045", path) not in findings(props(high), protocol)
    assert ("APIGW045", path) in findings(props(high + 1), protocol)


@pytest.mark.parametrize("prop", ["integrationMethod", "payloadFormatVersion"])
def test_64_character_enum_like_strings(prop):
    assert ("APIGW045", (prop,)) not in findings({**samples.HTTP_PUBLIC, prop: "X" * 64})
    assert ("APIGW045", (prop,)) in findings({**samples.HTTP_PUBLIC, prop: "X" * 65})


def test_empty_strings_that_aws_needs_filled():
    assert ("APIGW045", ("tlsConfig", "serverNameToVerify")) in findings(
        {**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": ""}})
    assert ("APIGW045", ("tlsConfig", "serverNameToVerify")) not in findings(
        {**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": "s"}})
    for prop in ("integrationUri", "integrationMethod", "payloadFormatVersion"):  # 1 to ...
        # (an empty one is an unset one, as the model reads it: APIGW015/016 report it instead)
        assert ("APIGW045", (prop,)) not in findings({**samples.HTTP_PUBLIC, prop: "X"})
    assert ("APIGW045", ("description",)) not in findings(  # 0 to 1024
        {**samples.HTTP_PUBLIC, "description": ""})


def test_mapping_value_length_on_both_sides():
    def params(value):
        return {**samples.HTTP_PUBLIC, "requestParameters": {"append:header.x-pad": value}}
    path = ("requestParameters", "append:header.x-pad")
    assert findings(params("v" * 512)) == []
    assert findings(params("v" * 513)) == [("APIGW034", path)]
    assert findings(params("v")) == []
    assert findings(params("")) == [("APIGW034", path)]


def test_integrations_per_api_on_both_sides():
    assert findings(samples.HTTP_LAMBDA, integrations_on_api=300) == []
    assert findings(samples.HTTP_LAMBDA, integrations_on_api=301) == [("APIGW046", ("apiId",))]


def test_provider_defaults_are_the_providers():
    """The table the pack's rules rely on equals what the pulumi-aws SDK documents."""
    from harness.provider import integration_defaults

    assert integration_defaults() == aws.PROVIDER_DEFAULTS
