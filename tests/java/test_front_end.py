"""What the Java front end proves and what it leaves unknown, in process: which classes are the
apigatewayv2 Integration, which names and expressions have a known value, and how integrations
on an Api are counted. A value that is not proven silences its rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from apigw_lint import rules
from apigw_lint.rules import UNKNOWN

from .conftest import findings, integrations, write

HEAD = """\
package app;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;

public class App {
"""
RUN = """\
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }
"""


def program(tmp_path: Path, body: str, members: str = "", head: str = HEAD,
            extra: dict[str, str] | None = None) -> Path:
    """A project whose App.stack holds body (after an HTTP Api `http`)."""
    text = (head + members + RUN + "    static void stack(Context ctx) {\n"
            '        var http = new Api("http", ApiArgs.builder().protocolType("HTTP").build());\n'
            + body + "    }\n}\n")
    return write(tmp_path / "p", {"src/app/App.java": text, **(extra or {})})


def proxy(timeout: str, name: str = "proxy") -> str:
    return (f'        new Integration("{name}", IntegrationArgs.builder()\n'
            "            .apiId(http.id())\n"
            '            .integrationType("HTTP_PROXY")\n'
            '            .integrationMethod("ANY")\n'
            '            .integrationUri("https://example.com")\n'
            f"            .timeoutMilliseconds({timeout})\n"
            "            .build());\n")


def rules_of(root: Path) -> list[tuple[str | None, str]]:
    return [(resource, rule) for resource, rule, *_ in findings(root)]


def props(root: Path) -> list[dict]:
    return [f.model.props for f in integrations(root)]  # type: ignore[union-attr]


@pytest.mark.parametrize("timeout, rules", [
    ("30_000", []), ("30_001", ["APIGW030"]),  # both sides of the bound
    ("60_001 / 2", []), ("60_003 / 2", ["APIGW030"]),  # Java's integer division
    ("-(-30_001)", ["APIGW030"]), ("(int) 30_001L", ["APIGW030"]),
    ("true ? 30_001 : 1", ["APIGW030"]), ("LIMIT + 1", ["APIGW030"]),
    ("Limits.TIMEOUT", ["APIGW030"]), ("OPEN_LIMIT", []), ("65_536 * 65_536", []),
    ("ctx.config().requireInteger(\"t\")", [])])
def test_timeouts_known_and_unknown(tmp_path: Path, timeout: str, rules: list[str]) -> None:
    """Literals, arithmetic, constants of the class and of another class of the project are
    known; a field that is not final, an int overflow and config are not."""
    members = ("    private static final int LIMIT = 30_000;\n"
               "    static int OPEN_LIMIT = 40_000;\n")
    limits = "package app;\nfinal class Limits { static final int TIMEOUT = 30_001; }\n"
    root = program(tmp_path, proxy(timeout), members,
                   extra={"src/app/Limits.java": limits})
    assert [rule for _, rule in rules_of(root)] == rules


def test_locals_reassigned_or_declared_twice_are_unknown(tmp_path: Path) -> None:
    body = ("        var once = 60_000;\n        var twice = 60_000;\n        twice = 10;\n"
            "        if (ctx != null) { var both = 60_000; } else { var both = 1; }\n"
            "        for (var loop : List.of(60_000)) { }\n"
            + proxy("once", "once") + proxy("twice", "twice") + proxy("both", "both"))
    assert rules_of(program(tmp_path, body)) == [("once", "APIGW030")]


def test_parameters_are_unknown(tmp_path: Path) -> None:
    members = ("    static void helper(Api http, int timeout) {\n" + proxy("timeout") + "    }\n")
    root = program(tmp_path, "        helper(http, 60_000);\n", members)
    assert rules_of(root) == [] and props(root)[0]["timeoutMilliseconds"] is UNKNOWN


@pytest.mark.parametrize("imports", [
    "import com.pulumi.aws.apigateway.Integration;\n"
    "import com.pulumi.aws.apigateway.IntegrationArgs;\n",
    "import com.pulumi.aws.apigateway.*;\n"])
def test_a_rest_api_integration_or_an_ambiguous_name_is_not_read(tmp_path: Path,
                                                                 imports: str) -> None:
    head = HEAD.replace("import com.pulumi.aws.apigatewayv2.Integration;\n"
                        "import com.pulumi.aws.apigatewayv2.IntegrationArgs;\n", imports)
    assert integrations(program(tmp_path, proxy("60_000"), head=head)) == []


def test_a_project_class_named_integration_hides_the_on_demand_import(tmp_path: Path) -> None:
    head = HEAD.replace("import com.pulumi.aws.apigatewayv2.Integration;\n",
                        "import com.pulumi.aws.apigatewayv2.*;\n")
    own = "package app;\nclass Integration { Integration(String n, Object a) {} }\n"
    assert integrations(program(tmp_path / "a", proxy("60_000"), head=head,
                                extra={"src/app/Integration.java": own})) == []
    other = own.replace("package app;", "package other;")
    found = integrations(program(tmp_path / "b", proxy("60_000"), head=head,
                                 extra={"src/other/Integration.java": other}))
    assert [f.model.props["timeoutMilliseconds"] for f in found] == [  # type: ignore[union-attr]
        60_000]


def test_fully_qualified_integration(tmp_path: Path) -> None:
    v2 = "com.pulumi.aws.apigatewayv2"
    body = proxy("60_000").replace("new Integration(", f"new {v2}.Integration(") \
        .replace("IntegrationArgs.builder()", f"{v2}.IntegrationArgs.builder()")
    assert rules_of(program(tmp_path, body)) == [("proxy", "APIGW030")]


def test_a_builder_held_in_a_name_opens_the_arguments(tmp_path: Path) -> None:
    """`var b = IntegrationArgs.builder(); b.apiId(...)`: what it sets is not seen, so nothing is
    reported missing (APIGW049), and nothing it may set is trusted."""
    body = ("        var b = IntegrationArgs.builder();\n"
            '        b.integrationType("HTTP_PROXY");\n'
            '        new Integration("held", b.apiId(http.id()).build());\n')
    found = integrations(program(tmp_path, body))
    assert [f.model.open_args for f in found] == [True]  # type: ignore[union-attr]
    assert rules_of(program(tmp_path, body)) == []


def test_maps_lists_and_strings(tmp_path: Path) -> None:
    body = ('        var path = "/orders";\n'
            '        new Integration("mapped", IntegrationArgs.builder()\n'
            "            .apiId(http.id())\n"
            '            .integrationType("HTTP_PROXY")\n'
            '            .integrationMethod("ANY")\n'
            '            .integrationUri(Output.format("ftp://%s/x", http.id()))\n'
            '            .requestParameters(Map.of("overwrite:path", path + "/" + 1,\n'
            '                "append:header.x-amz-date", "now"))\n'
            '            .requestTemplates(Map.of("a", "1", "a", "2"))\n'
            '            .responseParameters(ResponseArgs.builder().statusCode("500")\n'
            '                .mappings(Map.of("overwrite:statuscode", "403")).build())\n'
            '            .description(Output.ofSecret("hidden"))\n'
            "            .build());\n")
    (found,) = integrations(program(tmp_path, body))
    assert found.model.props["requestParameters"] == {  # type: ignore[union-attr]
        "overwrite:path": "/orders/1", "append:header.x-amz-date": "now"}
    assert found.model.props["requestTemplates"] is UNKNOWN  # a duplicate key throws
    assert found.model.props["responseParameters"] == [  # type: ignore[union-attr]
        {"statusCode": "500", "mappings": {"overwrite:statuscode": "403"}}]
    assert found.model.shapes["integrationUri"].prefix == "ftp://"  # type: ignore[union-attr]
    assert found.model.secret == frozenset({"description"})  # type: ignore[union-attr]
    assert [(rule, prop, line, column) for _, rule, prop, line, column
            in findings(tmp_path / "p")] == [
        ("APIGW017", "integrationUri", 24, 14),  # Output.format's known prefix
        ("APIGW032", 'requestParameters["append:header.x-amz-date"]', 26, 17),
        ("APIGW039", "requestTemplates", 27, 14)]  # set, whatever its value


@pytest.mark.parametrize("where, counted", [
    ("        {body}", 2),
    ("        for (var i = 0; i < 2; i++) {{\n{body}        }}\n", None),
    ("        if (ctx != null) {{\n{body}        }}\n", None)])
def test_integrations_on_an_api_are_counted_when_each_runs_once(tmp_path: Path, where: str,
                                                                 counted: int | None) -> None:
    body = proxy("1_000", "first") + where.format(body=proxy("1_000", "second"))
    found = integrations(program(tmp_path, body))
    assert [f.model.context.integrations_on_api  # type: ignore[union-attr]
            for f in found] == [counted, counted]


def test_a_method_called_besides_pulumi_run_is_not_counted(tmp_path: Path) -> None:
    root = program(tmp_path, proxy("1_000"), "    static void again() { stack(null); }\n")
    assert [f.model.context.integrations_on_api  # type: ignore[union-attr]
            for f in integrations(root)] == [None]


def test_why_a_value_is_not_known(tmp_path: Path) -> None:
    """--show-skipped's reasons name parameters, fields, config keys and resources, never a
    value written in the program."""
    members = ("    static int open = 1;\n    static void helper(Api api, int timeout) {\n"
               + proxy("timeout", "param").replace("http.id()", "api.id()") + "    }\n")
    body = ("        var t = 5;\n        t = 6;\n" + proxy("t", "twice") + proxy("open", "field")
            + proxy('ctx.config().requireInteger("timeout")', "config")
            + proxy("http.id()", "output")
            + "        var held = IntegrationArgs.builder();\n"
            + '        new Integration("held", held.apiId(http.id()).build());\n')
    root = program(tmp_path, body, members)
    found = {f.resource: f.reasons for f in integrations(root)}  # type: ignore[union-attr]
    assert {name: reasons.of("timeoutMilliseconds")[1] for name, reasons in found.items()} == {
        "param": "parameter 'timeout'",
        "twice": "'t' is assigned more than once",
        "field": "field 'open', not final or not initialized where declared",
        "config": "config value 'timeout'",
        "output": "output of Api 'http'",
        "held": "may be set by the args held"}
    assert found["param"].of("apiId")[1] == "parameter 'api'"
    assert found["held"].of("apiId")[1] == "output of Api 'http'"  # the chain's own setter


@pytest.mark.parametrize("root, opened", [
    ("IntegrationArgs", False), ("com.pulumi.aws.apigatewayv2.IntegrationArgs", False),
    ("Defaults", True),  # a project's own builder() may preset properties
    ("PresetArgs", True)])  # a class of the project, whatever its name
def test_only_an_sdk_args_builder_starts_empty(tmp_path: Path, root: str, opened: bool) -> None:
    preset = ("package app;\nfinal class PresetArgs {\n"
              "    static IntegrationArgs.Builder builder() {\n"
              '        return IntegrationArgs.builder().integrationType("MOCK");\n    }\n}\n')
    body = f'        new Integration("x", {root}.builder().apiId(http.id()).build());\n'
    found = integrations(program(tmp_path, body, extra={"src/app/PresetArgs.java": preset}))
    models = [f.model for f in found]  # type: ignore[union-attr]
    assert [(m.open_args, m.props["apiId"]) for m in models] == [(opened, UNKNOWN)]
    assert [rule for _, rule in rules_of(tmp_path / "p")] == ([] if opened else ["APIGW049"])


def test_text_blocks() -> None:
    from apigw_lint.linter.java.literals import string_value
    from apigw_lint.linter.java.parse import parse
    # the closing line counts for the indentation and is blank; trailing spaces go
    text = ('class A { String a = """\n        {"a": 1}  \n          "b"\\n\\\n        x\n'
            '          """; }')
    tree = parse(text.encode())
    literal = tree.root_node.named_children[0].child_by_field_name("body").named_children[0] \
        .child_by_field_name("declarator").child_by_field_name("value")
    assert string_value(literal) == '{"a": 1}\n  "b"\nx\n'


@pytest.mark.parametrize("setters, fixable", [
    ('.passthroughBehavior("NEVER")', True),
    ('.passthroughBehavior("NEVER").passthroughBehavior("NEVER")', False)])  # one would stay
def test_a_removal_is_offered_only_when_it_removes_the_property(tmp_path: Path, setters: str,
                                                                 fixable: bool) -> None:
    body = proxy("1_000").replace(".build());", f"{setters}.build());")
    (found,) = integrations(program(tmp_path, body))
    model = found.model  # type: ignore[union-attr]
    (finding,) = [f for f in rules.run(model, engine=rules.LINTER) if f.rule == "APIGW039"]
    assert (found.fix(finding) is not None) == fixable  # type: ignore[union-attr]


def test_why_the_state_machine_type_is_not_known(tmp_path: Path) -> None:
    head = HEAD.replace("import java.util.List;", "import com.pulumi.aws.sfn.StateMachine;\n"
                        "import com.pulumi.aws.sfn.StateMachineArgs;\nimport java.util.List;")
    body = ('        var machine = new StateMachine("m", StateMachineArgs.builder()\n'
            '            .roleArn("arn:aws:iam::123456789012:role/r").definition("{}")\n'
            '            .type(ctx.config().require("flavour")).build());\n'
            '        new Integration("start", IntegrationArgs.builder()\n'
            "            .apiId(http.id())\n"
            '            .integrationType("AWS_PROXY")\n'
            '            .integrationSubtype("StepFunctions-StartSyncExecution")\n'
            '            .requestParameters(Map.of("StateMachineArn", machine.arn(),\n'
            '                "Input", "$request.body"))\n'
            "            .build());\n")
    (found,) = integrations(program(tmp_path, body, head=head))
    assert found.reasons.of("state_machine_type") == (  # type: ignore[union-attr]
        "state_machine_type", "type of StateMachine 'm': config value 'flavour'")


def test_only_pulumi_run_makes_an_entry(tmp_path: Path) -> None:
    root = program(tmp_path, proxy("1_000"))
    text = (root / "src/app/App.java").read_text()
    def counts() -> list[int | None]:
        return [f.model.context.integrations_on_api  # type: ignore[union-attr]
                for f in integrations(root)]
    assert counts() == [1]
    (root / "src/app/App.java").write_text(text.replace("Pulumi.run(", "Executor.run("))
    assert counts() == [None]
