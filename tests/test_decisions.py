"""RULES.md's decisions and the unknown-means-silent contract, per rule family."""
from __future__ import annotations

import pytest

from apigw_lint.rules import RULES, UNKNOWN, Context, Example, Integration, aws, run, samples
from apigw_lint.rules.aws import HTTP, WEBSOCKET
from apigw_lint.rules.spelling import camel, snake


def ids(model):
    return {f.rule for f in run(model)}


def model(props, protocol=HTTP, **kw):
    ctx = Context(protocol=protocol if protocol else UNKNOWN)
    return Integration({"apiId": "a1b2c3", **props}, ctx, **kw)


# A rule whose decisive input is UNKNOWN reports nothing: for each rule, the inputs its catalogue
# entry names as decisive are replaced by UNKNOWN in every invalid example, one at a time.
def test_decisive_inputs_are_properties_or_the_protocol():
    for r in RULES.values():
        assert set(r.decisive) <= set(aws.PROPERTIES) | {"protocol"}, r.id


def _unknown_cases():
    for rule_id, r in RULES.items():
        for i, example in enumerate(r.invalid):
            for prop in r.decisive:
                if prop == "protocol" and example.protocol is None:
                    continue
                if prop != "protocol" and prop not in example.props:
                    continue
                yield rule_id, i, prop


@pytest.mark.parametrize("rule_id,index,prop", list(_unknown_cases()))
def test_unknown_decisive_value_is_silent(rule_id, index, prop):
    example = RULES[rule_id].invalid[index]
    if prop == "protocol":
        changed = Example(example.props, None, example.context)
    else:
        changed = Example({**example.props, prop: UNKNOWN}, example.protocol, example.context)
    assert rule_id not in ids(changed.model())
    assert rule_id in ids(example.model())  # the change, not the example, silenced it


def test_unknown_elements_inside_mappings_are_silent():
    params = {"append:header.x-a": UNKNOWN, "overwrite:header.x-b": "$response.header.b"}
    found = ids(model({**samples.HTTP_PUBLIC, "requestParameters": params}))
    assert "APIGW033" in found  # the known element is still checked
    assert ids(model({**samples.HTTP_PUBLIC, "requestParameters": {"append:header.x": UNKNOWN}})) \
        == set()


def test_cross_resource_rules_stay_silent_without_the_whole_picture():
    lambda_ctx = Context(protocol=HTTP, uri_source="lambda-function")
    m = Integration({"apiId": "a", "integrationType": "AWS_PROXY", "integrationUri": UNKNOWN,
                     "payloadFormatVersion": "2.0"}, lambda_ctx)
    assert "APIGW021" not in ids(m)  # lambda_permitted UNKNOWN: permissions may live elsewhere
    sync = Integration({"apiId": "a", **samples.START_SYNC}, Context(protocol=HTTP))
    assert "APIGW009" not in ids(sync)


def test_lambda_uri_rules_018_and_019_never_fire_together():
    uris = [samples.FUNCTION_ARN, samples.INVOKE_ARN, "arn:aws:lambda:us-east-1:1:function:x",
            "https://example.com", "arn:aws:sqs:us-east-1:123456789012:q", "",
            "arn:aws:apigateway:us-east-1:lambda:path/functions/x/invocations"]
    for protocol in (HTTP, WEBSOCKET, None):
        for uri in uris:
            found = ids(model({"integrationType": "AWS_PROXY", "integrationUri": uri}, protocol))
            assert not {"APIGW018", "APIGW019"} <= found, (protocol, uri)


def test_passthrough_behavior_on_http_depends_on_what_the_engine_can_know():
    written = Example({**samples.HTTP_LAMBDA, "passthroughBehavior": "WHEN_NO_MATCH"})
    assert "APIGW039" in ids(written.model())  # the linter sees the argument
    assert "APIGW039" not in ids(written.model(provider_defaults=True))  # could be the default
    never = Example({**samples.HTTP_LAMBDA, "passthroughBehavior": "NEVER"})
    assert "APIGW039" in ids(never.model(provider_defaults=True))


def test_provider_defaults_never_cause_a_finding_on_a_clean_integration():
    for props, protocol in ((samples.HTTP_LAMBDA, HTTP), (samples.HTTP_PUBLIC, HTTP),
                            (samples.WS_LAMBDA, WEBSOCKET), (samples.WS_MOCK, WEBSOCKET),
                            (samples.SQS_SEND, HTTP), (samples.WS_HTTP, WEBSOCKET)):
        assert ids(Example(props, protocol).model(provider_defaults=True)) == set()


def test_connection_id_over_default_internet_is_reported_in_both_views():
    no_type = {k: v for k, v in samples.HTTP_PRIVATE.items() if k != "connectionType"}
    assert "APIGW024" in ids(Example(no_type).model())
    assert "APIGW024" in ids(Example(no_type).model(provider_defaults=True))


def test_mixed_protocol_only_when_the_protocol_is_unknown():
    props = {**samples.WS_LAMBDA_CUSTOM, "payloadFormatVersion": "2.0"}
    assert "APIGW047" in ids(model(props, None))
    for protocol in (HTTP, WEBSOCKET):
        assert "APIGW047" not in ids(model(props, protocol))


def test_timeout_with_unknown_protocol_uses_the_widest_range():
    assert "APIGW030" not in ids(model({**samples.HTTP_LAMBDA, "timeoutMilliseconds": 29500}, None))
    assert "APIGW030" in ids(model({**samples.WS_LAMBDA, "timeoutMilliseconds": 29500}, WEBSOCKET))


def test_engine_floats_are_numbers():
    assert "APIGW030" in ids(model({**samples.HTTP_LAMBDA, "timeoutMilliseconds": 30001.0}))
    assert ids(model({**samples.HTTP_LAMBDA, "timeoutMilliseconds": 30000.0})) == set()


def test_unseen_arguments_make_absence_unknown():
    partial = {"integrationType": "HTTP_PROXY"}
    assert {"APIGW015", "APIGW016"} <= ids(model(partial))
    assert ids(model(partial, open_args=True)) & {"APIGW015", "APIGW016", "APIGW049"} == set()
    # unseen arguments may hold requestParameters only when the call does not pass it
    sqs = {k: v for k, v in samples.SQS_SEND.items() if k != "requestParameters"}
    assert "APIGW004" not in ids(model(sqs, open_args=True))
    short = {**sqs, "requestParameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q"}}
    assert "APIGW004" in ids(model(short, open_args=True))


def test_secret_values_are_redacted_from_messages():
    m = model({**samples.HTTP_LAMBDA, "integrationMethod": "GET"}, secret=frozenset({"integrationMethod"}))
    messages = [f.message for f in run(m) if f.rule == "APIGW014"]
    assert messages and all("GET" not in msg and "[secret]" in msg for msg in messages)
    # numbers as messages print them (engines send floats), and strings inside lists
    for timeout in (30000, 30000.0):
        m = model({**samples.WS_LAMBDA, "timeoutMilliseconds": timeout}, WEBSOCKET,
                  secret=frozenset({"timeoutMilliseconds"}))
        (message,) = [f.message for f in run(m) if f.rule == "APIGW030"]
        assert "30000" not in message and "[secret]" in message, message
    twice = [{"statusCode": "503", "mappings": {"overwrite:statuscode": "503"}}] * 2
    m = model({**samples.HTTP_PUBLIC, "responseParameters": twice},
              secret=frozenset({"responseParameters"}))
    (message,) = [f.message for f in run(m) if f.rule == "APIGW036"]
    assert message == "APIGW036 responseParameters has more than one entry for status code [secret]."


def test_a_status_code_written_as_a_number_is_checked_as_either_engine_reads_it():
    """statusCode=100 in source: the linter reads an int, the pack the float the engine sends
    (every number of a property bag is a double); the provider makes it the string "100"."""
    def codes(code):
        items = [{"statusCode": code, "mappings": {"overwrite:statuscode": "200"}}]
        return [f.path for f in run(model({**samples.HTTP_PUBLIC, "responseParameters": items}))
                if f.rule == "APIGW036"]
    assert codes(100) == codes(100.0) == [("responseParameters", 0, "statusCode")]
    assert codes(404) == codes(404.0) == codes(True) == codes(100.5) == []


def test_a_failing_check_is_contained_and_reported():
    class Boom(dict):
        def items(self):
            raise RuntimeError("boom")

    errors = []
    m = model({**samples.HTTP_PUBLIC, "requestParameters": Boom(x="1"), "timeoutMilliseconds": 5})
    found = run(m, on_error=lambda r, exc: errors.append(r.id))
    assert "APIGW030" in {f.rule for f in found} and errors
    with pytest.raises(RuntimeError):
        run(m)


def test_unknown_argument_suggests_the_closest_name():
    """In the reader's spelling: Python's snake_case, the engine's camelCase by default."""
    m = model(samples.HTTP_LAMBDA, extra_args=("intergration_uri", "tags"))
    for spelling, meant in ((snake, "integration_uri"), (None, "integrationUri")):
        messages = sorted(f.message for f in run(m, spelling=spelling) if f.rule == "APIGW048")
        assert [msg for msg in messages if "did you mean" in msg] == [
            f"APIGW048 Integration takes no argument 'intergration_uri'; did you mean {meant}?"]
        assert any("'tags'." in msg for msg in messages)


def test_a_valid_name_in_the_other_spelling_suggests_this_spelling():
    """camelCase in Python (integrationType=) means integration_type; snake_case in YAML means
    the camelCase name: never 'did you mean' the very name written."""
    for written, meant, spelling in (("integrationType", "integration_type", snake),
                                     ("integration_type", "integrationType", camel)):
        found = [f for f in run(model(samples.HTTP_LAMBDA, extra_args=(written,)),
                                spelling=spelling) if f.rule == "APIGW048"]
        assert [f.message for f in found] == [
            f"APIGW048 Integration takes no argument '{written}'; did you mean {meant}?"]
        assert found[0].edit is not None and found[0].edit.value == "integrationType"


def test_redaction_never_touches_the_rule_id():
    m = model({**samples.HTTP_PRIVATE, "connectionType": "INTERNET", "connectionId": "0"},
              secret=frozenset({"connectionId"}))
    messages = [f.message for f in run(m) if f.rule == "APIGW024"]
    assert messages and all(msg.startswith("APIGW024 ") for msg in messages)


def _edits(props, protocol=HTTP):
    return {(f.rule, f.path): f.edit for f in run(model(props, protocol))}


def test_the_safe_fix_each_rule_offers():
    """What --fix may do, decided by the rule: remove a WebSocket-only or unused MOCK argument,
    set a Lambda's method to POST, rename a misspelt argument; nothing where removing could
    break the integration or the intent is not known."""
    from apigw_lint.rules.model import REMOVE, RENAME, SET, Edit

    assert _edits({**samples.HTTP_LAMBDA, "passthroughBehavior": "NEVER"})[
        ("APIGW039", ("passthroughBehavior",))] == Edit(REMOVE)
    mock = {**samples.WS_MOCK, "integrationUri": "https://example.com", "connectionId": "abc"}
    assert _edits(mock, WEBSOCKET)[("APIGW043", ("integrationUri",))] == Edit(REMOVE)
    assert _edits(mock, WEBSOCKET)[("APIGW043", ("connectionId",))] == Edit(REMOVE)
    linked = {**mock, "connectionType": "VPC_LINK"}  # without the id, VPC_LINK is an error
    assert _edits(linked, WEBSOCKET)[("APIGW043", ("connectionId",))] is None
    assert _edits({**samples.HTTP_LAMBDA, "integrationMethod": "GET"})[
        ("APIGW014", ("integrationMethod",))] == Edit(SET, "POST")
    found = [f for f in run(model(samples.HTTP_LAMBDA, extra_args=("intergration_uri",)))
             if f.rule == "APIGW048"]
    assert [f.edit for f in found] == [Edit(RENAME, "integrationUri")]
    proxied = {**samples.WS_LAMBDA, "passthroughBehavior": "NEVER"}
    assert _edits(proxied, WEBSOCKET)[("APIGW040", ("passthroughBehavior",))] is None
    assert _edits({**samples.HTTP_PUBLIC, "tlsConfig": {"serverNameToVerify": "a"}})[
        ("APIGW029", ("tlsConfig",))] is None


def test_only_a_json_object_or_array_is_a_json_literal_subtype_value():
    def reported(body):  # after a value that is not a string
        params = {"DelaySeconds": 5, **samples.SQS_SEND["requestParameters"], "MessageBody": body}
        return [f.path for f in run(model({**samples.SQS_SEND, "requestParameters": params}))
                if f.rule == "APIGW006"]
    assert reported('{"order": 1}') == [("requestParameters", "MessageBody")]
    assert reported('[1, 2]') == [("requestParameters", "MessageBody")]
    assert reported("{order: 1") == []  # not JSON: a static string
