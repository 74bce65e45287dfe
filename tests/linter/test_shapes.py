"""Shapes (rules/shapes.py): what the source proves about values it cannot compute, through the
installed CLI on real files -- a resource output's kind and a literal prefix, in Python and YAML,
each with the exact finding, and the cases that must stay silent."""
from __future__ import annotations

import textwrap
from pathlib import Path

PROGRAMS = Path(__file__).with_name("programs")


def findings(run) -> list[tuple[str | None, str, str, int, int]]:
    return [(f["resource"], f["rule"], f["property"], f["line"], f["column"]) for f in run.json]


def test_python_shapes_and_prefixes(lint) -> None:
    run = lint("--format", "json", PROGRAMS / "shapes.py")
    assert findings(run) == [
        ("fn-arn", "APIGW017", "integrationUri", 35, 50),  # fn.arn
        ("dns-name", "APIGW017", "integrationUri", 36, 52),  # a load balancer's dns_name
        ("lambda-prefix", "APIGW017", "integrationUri", 38, 30),  # f"arn:aws:lambda:...{x}"
        ("ws-fn-arn", "APIGW018", "integrationUri", 41, 30),  # fn.qualified_arn on WebSocket
        ("endpoint-url", "APIGW026", "integrationUri", 43, 57),  # .apply(lambda: "http://" + ...)
        ("fstring", "APIGW026", "integrationUri", 45, 52),
        ("plus", "APIGW026", "integrationUri", 46, 49),
        ("percent", "APIGW026", "integrationUri", 47, 52),
        ("format", "APIGW026", "integrationUri", 48, 51),
        ("concat", "APIGW026", "integrationUri", 50, 30),  # pulumi.Output.concat
        ("output-format", "APIGW026", "integrationUri", 52, 30),  # pulumi.Output.format
        ("all-apply", "APIGW026", "integrationUri", 53, 54),  # Output.all(...).apply(lambda)
        ("role-fn", "APIGW020", "credentialsArn", 56, 48),  # a function's arn as the role
        ("sqs-url", "APIGW019", "integrationUri", 59, 30),  # f"https://sqs..." on a Lambda proxy
        ("ws-lb-arn", "APIGW028", "integrationUri", 60, 57),  # a load balancer's arn
    ]
    assert run.code == 1
    # https:// on HTTP_PROXY, a listener's and a role's arn, a URL from an NLB's DNS name on a
    # WebSocket VPC link, an apply whose returns disagree, and "arn:" alone are all silent
    assert not {"https-ok", "listener-ok", "role-ok", "ws-nlb-url", "disagree", "arn-only"} & {
        f["resource"] for f in run.json}


def test_only_proven_resources_have_shapes(lint, tmp_path: Path) -> None:
    """`.arn` of anything but a resource constructed in the project is unknown, nothing more;
    and so is an output of a resource kind the table does not hold (a Lambda alias)."""
    (tmp_path / "__main__.py").write_text(textwrap.dedent("""\
        import pulumi_aws as aws
        from factory import make_function

        api = aws.apigatewayv2.Api("api", protocol_type="HTTP")
        made = make_function("orders")
        alias = aws.lambda_.Alias("live", function_name="orders", function_version="1")
        aws.apigatewayv2.Integration("made", api_id=api.id, integration_type="HTTP_PROXY",
                                     integration_method="ANY", integration_uri=made.arn)
        aws.apigatewayv2.Integration("alias", api_id=api.id, integration_type="HTTP_PROXY",
                                     integration_method="ANY", integration_uri=alias.arn)
        """))
    run = lint("--format", "json", tmp_path)
    assert (run.code, run.json) == (0, [])


def _yaml_integration(name: str, uri: str, api: str = "http", kind: str = "HTTP_PROXY",
                      private: bool = False) -> str:
    lines = [f"  {name}:", "    type: aws:apigatewayv2:Integration", "    properties:",
             f"      apiId: ${{{api}.id}}", f"      integrationType: {kind}"]
    lines += ["      integrationMethod: ANY"] if kind == "HTTP_PROXY" else []
    lines += ["      connectionType: VPC_LINK", "      connectionId: ${link.id}"] if private else []
    return "\n".join(lines + [f"      integrationUri: {uri}"]) + "\n"


def test_yaml_shapes_and_prefixes(lint, tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text(textwrap.dedent("""\
        name: shapes
        runtime: yaml
        resources:
          fn:
            type: aws:lambda:Function
            properties: {role: "arn:aws:iam::123456789012:role/fn", runtime: python3.12}
          invoke:
            type: aws:lambda:Permission
            properties: {action: "lambda:InvokeFunction", function: "${fn.name}",
                         principal: apigateway.amazonaws.com}
          nlb:
            type: aws:lb:LoadBalancer
            properties: {internal: true, loadBalancerType: network}
          listener:
            type: aws:lb:Listener
            properties: {loadBalancerArn: "${nlb.arn}", port: 80}
          link:
            type: aws:apigatewayv2:VpcLink
            properties: {subnetIds: [subnet-1], securityGroupIds: [sg-1]}
          http:
            type: aws:apigatewayv2:Api
            properties: {protocolType: HTTP}
          ws:
            type: aws:apigatewayv2:Api
            properties: {protocolType: WEBSOCKET}
        """) + "".join([
        _yaml_integration("fnArn", "${fn.arn}"),  # line 32
        _yaml_integration("dnsName", "${nlb.dnsName}"),  # 39
        _yaml_integration("wsFnArn", "${fn.arn}", api="ws", kind="AWS_PROXY"),  # 45
        _yaml_integration("interpolated", "http://${nlb.dnsName}/orders", private=True),  # 54
        _yaml_integration("joined", '{fn::join: ["", ["http://", "${host}", "/orders"]]}',
                          private=True),  # 63
        _yaml_integration("httpsOk", "https://${host}/orders"),
        _yaml_integration("listenerOk", "${listener.arn}", private=True),
        _yaml_integration("deeper", "${fn.arn.suffix}"),  # not the arn itself
    ]))
    run = lint("--format", "json", tmp_path)
    assert findings(run) == [
        ("fnArn", "APIGW017", "integrationUri", 32, 7),
        ("dnsName", "APIGW017", "integrationUri", 39, 7),
        ("wsFnArn", "APIGW018", "integrationUri", 45, 7),
        ("interpolated", "APIGW026", "integrationUri", 54, 7),
        ("joined", "APIGW026", "integrationUri", 63, 7),
    ]


def test_show_skipped_explains_a_prefix_that_settles_nothing(lint) -> None:
    """"arn:" + an unknown is an ARN of some service: APIGW026 cannot decide, and says why."""
    run = lint("check", "--show-skipped", PROGRAMS / "shapes.py", cwd=PROGRAMS)
    lines = [line for line in run.stdout.splitlines() if line.startswith("shapes.py:")
             and ": arn-only: skipped" in line]
    assert "shapes.py:70:1: arn-only: skipped APIGW026 (integrationUri: output of aws.ec2.VpcEndpoint 'endpoint')" in lines
    listener = [line for line in run.stdout.splitlines() if ": listener-ok: skipped APIGW026" in line]
    assert listener == []  # a listener's arn settles APIGW026: not skipped
