"""What a finding says, where the catalogue's examples (rule, property, position) do not pin it:
the hints that name the likely mistake. Found by the mutation run (bench/mutation.sh)."""
from __future__ import annotations

from apigw_lint.linter.python.frontend import Python
from apigw_lint.rules import RULES, UNKNOWN, Context, Integration, run, samples
from apigw_lint.rules.aws import HTTP, WEBSOCKET
from apigw_lint.rules.spelling import pascal as pascal_case


def messages(props, rule_id, protocol=HTTP):
    m = Integration({"apiId": "a1b2c3", **props}, Context(protocol=protocol))
    return [f.message for f in run(m) if f.rule == rule_id]


def responses(mappings):
    return {**samples.HTTP_PUBLIC,
            "responseParameters": [{"statusCode": "404", "mappings": mappings}]}


def test_a_dotted_statuscode_key_is_told_to_use_a_colon():
    hint = " (write overwrite:statuscode, with a colon)."
    assert [m.endswith(hint) for m in messages(responses({"overwrite.statuscode": "200"}),
                                                "APIGW037")] == [True]
    for key in ("append:status", "replace:header.a"):  # sorted before and after it
        (message,) = messages(responses({key: "200"}), "APIGW037")
        assert message.endswith("or overwrite:statuscode.") and hint not in message


def test_a_subtype_parameter_key_says_which_mistake_it_is():
    ALLOWED = ("QueueUrl, MessageBody, DelaySeconds, MessageAttributes, MessageDeduplicationId, "
               "MessageGroupId, MessageSystemAttributes, Region.")
    sqs = {**samples.SQS_SEND, "requestParameters": {
        **samples.SQS_SEND["requestParameters"], "append:header.trace": "1", "queueUrl": "x"}}
    assert sorted(messages(sqs, "APIGW005")) == [
        "APIGW005 requestParameters key 'append:header.trace' uses the append/overwrite/remove "
        "form, which is for HTTP APIs without a subtype; allowed: " + ALLOWED,
        "APIGW005 requestParameters key 'queueUrl' is not a parameter of SQS-SendMessage; "
        "allowed: " + ALLOWED]


def test_a_replacement_says_what_changes():
    def said(props, previous):
        m = Integration({"apiId": "a1b2c3", **props}, Context(protocol=HTTP, previous=previous))
        return [f.message for f in run(m) if f.rule == "APIGW044"]

    tail = ": this replaces the integration (new id; routes pointing at it are updated)."
    assert said(samples.HTTP_LAMBDA, {"apiId": "z9y8x7"}) == ["APIGW044 apiId changes" + tail]
    assert said(samples.HTTP_LAMBDA, {"integrationType": "HTTP_PROXY"}) == [
        "APIGW044 integrationType changes from HTTP_PROXY to AWS_PROXY" + tail]
    assert said(samples.SQS_SEND, {"integrationSubtype": None}) == [
        "APIGW044 integrationSubtype changes from unset to SQS-SendMessage" + tail]
    assert said(samples.HTTP_LAMBDA, {"integrationSubtype": "SQS-SendMessage"}) == [
        "APIGW044 integrationSubtype changes from SQS-SendMessage to unset" + tail]
    assert said(samples.SQS_SEND, {"integrationType": "AWS_PROXY"}) == []  # subtype not known


def test_a_template_length_names_its_bounds():
    ws = {**samples.WS_MOCK, "requestTemplates": {"200": "x" * 32769, "201": ""}}
    assert messages(ws, "APIGW045", WEBSOCKET) == [
        "APIGW045 requestTemplates['200'] is 32769 characters long; AWS accepts 0-32768."]


def test_an_unknown_argument_suggests_a_name_in_the_readers_spelling():
    def found(*args, spelling=None):
        m = Integration({"apiId": "a1b2c3", **samples.HTTP_LAMBDA}, Context(protocol=HTTP),
                        extra_args=args)
        return [(f.message, f.edit) for f in run(m, spelling=spelling) if f.rule == "APIGW048"]

    (camel,) = found("intergrationType")
    assert camel[0].endswith("did you mean integrationType?")
    (snake,) = found("integration_Type", spelling=Python().spelling)  # matched as snake_case
    assert snake[0].endswith("did you mean integration_type?")
    (pascal,) = found("ApiID", spelling=pascal_case)  # Go and C#: first letter lowered to match
    assert pascal[0].endswith("'ApiID'; did you mean ApiId?")
    # a typo of two names (subtype and type) is not fixed automatically
    (both,) = found("integration_sutype", spelling=Python().spelling)
    assert both == ("APIGW048 Integration takes no argument 'integration_sutype'; did you mean "
                    "integration_subtype?", None)
    for args in (("intergration_uri", "tags"), ("timeoutMilliseconds", "tags")):
        assert [message.split("'")[1] for message, _ in found(*args)] == list(args)


def test_only_a_non_default_passthrough_is_websocket_evidence():
    private = {**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": "api.internal"}}
    for value, reported in (("NEVER", True), ("WHEN_NO_TEMPLATES", True), ("WHEN_NO_MATCH", False)):
        # "".join: a new string object, as a parser makes (never the rules' own constant)
        m = Integration({"apiId": "a1b2c3", **private, "passthroughBehavior": "".join(value)},
                        Context(protocol=UNKNOWN))
        assert [f.path for f in run(m) if f.rule == "APIGW047"] == \
            [("passthroughBehavior",)] * reported, value


def test_a_length_names_the_bounds_aws_accepts():
    assert messages({**samples.HTTP_PUBLIC, "description": "d" * 1025}, "APIGW045") == [
        "APIGW045 description is 1025 characters long; AWS accepts 0-1024."]
    assert messages({**samples.HTTP_PUBLIC, "integrationMethod": "X" * 65}, "APIGW045") == [
        "APIGW045 integrationMethod is 65 characters long; AWS accepts 1-64."]


def test_an_enum_value_is_quoted_whole_up_to_40_characters():
    def said(value):
        (message,) = messages({**samples.HTTP_PUBLIC, "connectionType": value}, "APIGW022")
        return message.split(" is not one of ")[0].removeprefix("APIGW022 connectionType ")

    assert said("V" * 38) == "'" + "V" * 38 + "'"  # 40 characters quoted
    assert said("V" * 39) == "'" + "V" * 36 + "..."


def test_a_finding_carries_its_own_severity_and_fix_else_the_rules():
    def found(props, *extra):
        m = Integration({"apiId": "a1b2c3", **props}, Context(protocol=HTTP), extra_args=extra)
        return [(f.rule, f.severity, f.fix) for f in run(m)]

    word = responses({"overwrite:statuscode": "OK"})  # a warning of an error rule
    assert found(word) == [("APIGW037", "warning", RULES["APIGW037"].fix)]
    dotted = responses({"overwrite.statuscode": "200"})
    assert found(dotted) == [("APIGW037", "error", RULES["APIGW037"].fix)]
    assert found(samples.HTTP_LAMBDA, "intergrationType") == [
        ("APIGW048", "error", "Rename it to integrationType.")]


def test_a_payload_format_version_that_is_not_a_string_says_so():
    assert messages({**samples.HTTP_LAMBDA, "payloadFormatVersion": 2.5}, "APIGW010") == [
        'APIGW010 payloadFormatVersion 2.5 (a float, not a string) must be the string "1.0" or '
        '"2.0".']
    assert messages({**samples.HTTP_LAMBDA, "payloadFormatVersion": "3.0"}, "APIGW010") == [
        'APIGW010 payloadFormatVersion \'3.0\' must be the string "1.0" or "2.0".']
