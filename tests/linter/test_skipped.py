"""`apigw-lint check --show-skipped`: the installed CLI on real programs in tmp_path."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

HEAD = """\
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
api = aws.apigatewayv2.Api("shop", protocol_type="HTTP")
"""
PUBLIC = ('integration_type="HTTP_PROXY", integration_method="ANY", '
          'integration_uri="https://backend.example.com/{proxy}"')


def program(folder: Path, body: str) -> Path:
    path = folder / "__main__.py"
    path.write_text(HEAD + textwrap.dedent(body))
    return path


def skipped_lines(run) -> list[str]:
    return [line for line in run.stdout.splitlines() if ": skipped APIGW" in line]


def test_timeout_from_config(lint, tmp_path: Path) -> None:
    program(tmp_path, f"""
        orders = aws.apigatewayv2.Integration(
            "orders", api_id=api.id, {PUBLIC},
            timeout_milliseconds=config.require_int("timeout"))
    """)
    run = lint("check", "--show-skipped", tmp_path / "__main__.py", cwd=tmp_path)
    assert skipped_lines(run) == [
        "__main__.py:7:10: orders: skipped APIGW030 (timeoutMilliseconds: config value 'timeout')"]
    assert run.code == 0
    plain = lint("check", tmp_path / "__main__.py", cwd=tmp_path)
    assert (plain.code, plain.stdout) == (0, "")  # nothing without the option


def test_function_parameter(lint, tmp_path: Path) -> None:
    program(tmp_path, f"""
        def route(name, timeout):
            return aws.apigatewayv2.Integration(name, api_id=api.id, {PUBLIC},
                                                timeout_milliseconds=timeout)

        route("a", 1000)
        route("b", 40000)
    """)
    run = lint("--show-skipped", tmp_path, cwd=tmp_path)
    assert skipped_lines(run) == [
        "__main__.py:8:12: skipped APIGW030 (timeoutMilliseconds: function parameter 'timeout', "
        "whose callers disagree)"]
    # callers that agree make the value known: a finding, and nothing skipped
    (tmp_path / "__main__.py").write_text(
        (tmp_path / "__main__.py").read_text().replace("1000", "40000"))
    run = lint("--show-skipped", "--format", "json", tmp_path, cwd=tmp_path)
    assert [(e["rule"], e.get("skipped", False)) for e in run.json] == [("APIGW030", False)]


def test_api_from_a_stack_reference(lint, tmp_path: Path) -> None:
    program(tmp_path, f"""
        network = pulumi.StackReference("acme/network/prod")
        edge = aws.apigatewayv2.Integration(
            "edge", api_id=network.get_output("apiId"), {PUBLIC},
            timeout_milliseconds=29500, passthrough_behavior="NEVER")
        fast = aws.apigatewayv2.Integration(
            "fast", api_id=network.get_output("apiId"), {PUBLIC}, timeout_milliseconds=1000)
    """)
    run = lint("--show-skipped", "--format", "json", tmp_path, cwd=tmp_path)
    assert run.code == 0
    skipped = {(e["resource"], e["rule"]): e["unknown"] for e in run.json}
    reason = "API not resolved (apiId: stack reference output 'apiId')"
    for rule in ("APIGW030", "APIGW039"):  # 29500 is fine on HTTP, too long on WebSocket; ...
        assert skipped[("edge", rule)] == [{"input": "protocol", "reason": reason}]
    # 1000 ms fits either protocol: APIGW030 was not kept from deciding
    assert ("fast", "APIGW030") not in skipped
    assert all(e["skipped"] is True and "severity" not in e for e in run.json)


def test_literal_api_id_and_unknown_protocol_type(lint, tmp_path: Path) -> None:
    program(tmp_path, f"""
        dynamic = aws.apigatewayv2.Api("dyn", protocol_type=config.require("protocol"))
        a = aws.apigatewayv2.Integration("a", api_id="a1b2c3d4", {PUBLIC},
                                         timeout_milliseconds=29500)
        b = aws.apigatewayv2.Integration("b", api_id=dynamic.id, {PUBLIC},
                                         timeout_milliseconds=29500)
    """)
    run = lint("--show-skipped", tmp_path, cwd=tmp_path)
    lines = [line.split(": ", 1)[1] for line in skipped_lines(run) if "APIGW030" in line]
    assert lines == [
        "a: skipped APIGW030 (protocol: API not resolved (apiId: a literal value))",
        "b: skipped APIGW030 (protocol: protocolType of aws.apigatewayv2.Api 'dyn': "
        "config value 'protocol')"]


def test_kwargs_from_an_unknown_dict(lint, tmp_path: Path) -> None:
    program(tmp_path, """
        settings = load_settings()
        known = {"integration_type": "HTTP_PROXY", "integration_method": "ANY",
                 "integration_uri": "https://backend.example.com"}
        opaque = aws.apigatewayv2.Integration("opaque", api_id=api.id, **settings)
        seen = aws.apigatewayv2.Integration("seen", api_id=api.id, **known)
    """)
    run = lint("--show-skipped", "--format", "json", tmp_path, cwd=tmp_path)
    entries = {(e["resource"], e["rule"]): e for e in run.json}
    assert all(e.get("skipped") for e in run.json)
    assert entries[("opaque", "APIGW049")]["unknown"] == [
        {"input": "integrationType", "reason": "may be set by **settings"}]
    assert entries[("opaque", "APIGW030")]["unknown"] == [
        {"input": "timeoutMilliseconds", "reason": "may be set by **settings"}]
    assert not [key for key in entries if key[0] == "seen"]  # a dict literal is seen through
    assert run.code == 0


def test_resource_outputs_and_mapping_keys(lint, tmp_path: Path) -> None:
    program(tmp_path, """
        queue = aws.sqs.Queue("orders")
        role = aws.iam.Role("apigw", assume_role_policy="{}")
        send = aws.apigatewayv2.Integration(
            "send", api_id=api.id, integration_type="AWS_PROXY",
            integration_subtype="SQS-SendMessage", credentials_arn=role.arn,
            request_parameters={"QueueUrl": queue.url, "MessageBody": "$request.body"})
    """)
    run = lint("--show-skipped", tmp_path, cwd=tmp_path)
    lines = skipped_lines(run)
    # a role's arn is a role ARN (its shape): APIGW020 is decided, not skipped
    assert not [line for line in lines if "APIGW020" in line]
    assert "__main__.py:9:8: send: skipped APIGW006 (requestParameters[\"QueueUrl\"]: output of " \
           "aws.sqs.Queue 'orders')" in lines


def test_fully_known_integration_skips_nothing(lint, tmp_path: Path) -> None:
    program(tmp_path, f"""
        proxy = aws.apigatewayv2.Integration("proxy", api_id=api.id, {PUBLIC},
                                             timeout_milliseconds=20000)
        ws = aws.apigatewayv2.Api("chat", protocol_type="WEBSOCKET",
                                  route_selection_expression="$request.body.action")
        ping = aws.apigatewayv2.Integration("ping", api_id=ws.id, integration_type="MOCK",
                                            template_selection_expression="200",
                                            request_templates={{"200": '{{"statusCode": 200}}'}})
    """)
    run = lint("--show-skipped", tmp_path, cwd=tmp_path)
    assert (run.code, run.stdout) == (0, "")


def test_yaml_config_values(lint, tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text(textwrap.dedent("""\
        name: shop
        runtime: yaml
        config:
          timeout:
            type: integer
          protocol:
            type: string
        resources:
          api:
            type: aws:apigatewayv2:Api
            properties:
              protocolType: ${protocol}
          orders:
            type: aws:apigatewayv2:Integration
            properties:
              apiId: ${api.id}
              integrationType: HTTP_PROXY
              integrationMethod: ANY
              integrationUri: https://backend.example.com/orders
              timeoutMilliseconds: ${timeout}
          items:
            type: aws:apigatewayv2:Integration
            properties:
              apiId: ${api.id}
              integrationType: HTTP_PROXY
              integrationMethod: ANY
              integrationUri: https://${host}/items
              timeoutMilliseconds: 29500
        """))
    run = lint("--show-skipped", tmp_path, cwd=tmp_path)
    lines = skipped_lines(run)
    assert "Pulumi.yaml:13:3: orders: skipped APIGW030 (timeoutMilliseconds: config value " \
           "'timeout')" in lines
    assert "Pulumi.yaml:21:3: items: skipped APIGW030 (protocol: protocolType of " \
           "aws:apigatewayv2:Api 'api': config value 'protocol')" in lines
    assert "Pulumi.yaml:21:3: items: skipped APIGW017 (integrationUri: an interpolation of " \
           "config value 'host')" in lines
    assert run.code == 0


def test_exit_code_and_findings_unchanged(lint, tmp_path: Path) -> None:
    program(tmp_path, f"""
        slow = aws.apigatewayv2.Integration("slow", api_id=api.id, {PUBLIC},
                                            timeout_milliseconds=60000)
        tuned = aws.apigatewayv2.Integration("tuned", api_id=api.id, {PUBLIC},
                                             timeout_milliseconds=config.get_int("t"))
    """)
    for fmt in ("text", "json"):
        plain = lint("--format", fmt, tmp_path, cwd=tmp_path)
        shown = lint("--format", fmt, "--show-skipped", tmp_path, cwd=tmp_path)
        assert plain.code == shown.code == 1
        assert shown.stderr == plain.stderr
        if fmt == "text":
            assert shown.stdout.startswith(plain.stdout)
            assert skipped_lines(shown) == [
                "__main__.py:9:9: tuned: skipped APIGW030 (timeoutMilliseconds: config value 't')"]
        else:
            findings = [e for e in shown.json if not e.get("skipped")]
            assert findings == plain.json
            assert [e["resource"] for e in shown.json if e.get("skipped")] == ["tuned"]
    # only skipped checks: still exit 0
    (tmp_path / "__main__.py").write_text(
        (tmp_path / "__main__.py").read_text().replace("60000", "6000"))
    run = lint("--show-skipped", tmp_path, cwd=tmp_path)
    assert run.code == 0 and skipped_lines(run)
    assert json.loads(lint("--format", "json", tmp_path, cwd=tmp_path).stdout) == []
