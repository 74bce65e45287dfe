"""What a finding says, where the catalogue's examples (rule, property, position) do not pin it:
the hints that name the likely mistake. Found by the mutation run (bench/mutation.sh)."""
from __future__ import annotations

from apigw_lint.rules import Context, Integration, run, samples
from apigw_lint.rules.aws import HTTP, WEBSOCKET


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
