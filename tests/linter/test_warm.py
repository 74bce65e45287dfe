"""The language server's warm project (linter/warm.py), in process: what a check read and parsed
is reused by the next check of the same project, counted in parses and reads, and nothing is
ever stale: a file changed on disk is read and parsed again, and its findings follow."""
from __future__ import annotations

import textwrap
from types import SimpleNamespace
from collections import Counter
from pathlib import Path

import pytest

from apigw_lint.linter import discover, warm as warm_module
from apigw_lint.linter.python import project as python_project
from apigw_lint.linter.server import _findings
from apigw_lint.linter.warm import Warm

FUNCTION = """
    import pulumi
    import pulumi_aws as aws

    f{i} = aws.lambda_.Function("f{i}", role="arn:aws:iam::123456789012:role/r",
                                runtime="python3.12", handler="h.h", code=pulumi.FileArchive("."))
    aws.lambda_.Permission("p{i}", action="lambda:InvokeFunction",
                           principal="apigateway.amazonaws.com", function=f{i}.name)
"""
MAIN = """
    import pulumi_aws as aws
    from fn0 import f0
    from fns import f

    api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
    aws.apigatewayv2.Integration("i", api_id=api.id, integration_type="AWS_PROXY",
                                 payload_format_version="2.0", integration_uri=f.invoke_arn)
"""
GRANT = """
    import pulumi_aws as aws
    from fns import f

    aws.lambda_.Permission("pf", action="lambda:InvokeFunction",
                           principal="apigateway.amazonaws.com", function=f.name)
"""
FILES = 10  # fn0.py ... fn9.py, each a function with its permission
UNPERMITTED = [("APIGW021", 7, 60)]  # f's integration: its integrationUri


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text).lstrip())


@pytest.fixture
def top(tmp_path: Path) -> Path:
    write(tmp_path / "Pulumi.yaml", "name: warm\nruntime: python\n")
    for i in range(FILES):
        write(tmp_path / f"fn{i}.py", FUNCTION.format(i=i))
    write(tmp_path / "fns.py", FUNCTION.format(i="").replace('aws.lambda_.Permission("p"',
                                                             'aws.lambda_.Function("g"'))
    write(tmp_path / "grants.py", "import pulumi_aws as aws\n")
    write(tmp_path / "__main__.py", MAIN)
    return tmp_path


@pytest.fixture
def counted(monkeypatch) -> tuple[Counter, Counter]:
    """(files parsed by libcst, files read from disk), by name, as the checks go; the clock
    two minutes ahead, as when the project's files were written a while before the editor
    opened them (a file written in the last two seconds is not trusted by its stat)."""
    parses: Counter = Counter()
    reads: Counter = Counter()
    parse, read, clock = python_project.parse, discover.read, warm_module.time.time_ns

    def parsing(data: bytes):
        parses["buffer" if b"apigatewayv2.Integration" in data else "disk"] += 1
        return parse(data)

    def reading(path: Path) -> bytes:
        reads[path.name] += 1
        return read(path)
    monkeypatch.setattr(python_project, "parse", parsing)
    monkeypatch.setattr(discover, "read", reading)
    monkeypatch.setattr(warm_module.time, "time_ns", lambda: clock() + 120 * 10**9)
    return parses, reads


def check(top: Path, text: str, warm: Warm) -> list[tuple[str, int, int]]:
    return [(r.finding.rule, r.line, r.column)
            for r in _findings(top / "__main__.py", text, warm)[1]]


def test_an_edit_reparses_the_buffer_only_and_a_file_changed_on_disk_is_read_again(
        top: Path, counted: tuple[Counter, Counter]) -> None:
    parses, reads = counted
    main = textwrap.dedent(MAIN).lstrip()
    warm = Warm()
    # first check: the buffer and every file that spells Permission (fn0 ... fn9) or a name
    # it imports (fns); grants.py spells neither
    assert check(top, main, warm) == UNPERMITTED
    assert parses == {"buffer": 1, "disk": FILES + 1} and warm.parses == FILES + 2
    assert reads["grants.py"] == 1 and "__main__.py" not in reads  # the buffer is not read
    parses.clear()
    reads.clear()
    # an edit of the buffer: it alone is parsed again, and nothing is read from disk
    assert check(top, main + "# typing\n", warm) == UNPERMITTED
    assert parses == {"buffer": 1} and warm.parses == FILES + 3 and not reads
    parses.clear()
    # another file gains f's permission on disk (same buffer): that file alone is read and
    # parsed again, and the finding goes; it loses it: the finding is back (grants.py read
    # again, and no longer parsed: it does not spell Permission)
    write(top / "grants.py", GRANT)
    assert check(top, main + "# typing\n", warm) == []
    assert parses == {"disk": 1} and reads == {"grants.py": 1}
    write(top / "grants.py", "import pulumi_aws as aws\n")
    assert check(top, main + "# typing\n", warm) == UNPERMITTED
    assert parses == {"disk": 1} and reads == {"grants.py": 2}


def test_without_a_store_every_check_parses_the_project(top: Path, counted) -> None:
    """The baseline the reuse is measured against: the same checks, each with a new store."""
    parses, _ = counted
    main = textwrap.dedent(MAIN).lstrip()
    for text in (main, main + "# typing\n"):
        assert check(top, text, Warm()) == UNPERMITTED
    assert parses == {"buffer": 2, "disk": 2 * (FILES + 1)}


def test_a_file_written_with_the_same_stat_is_read_again_when_recent_or_forgotten(
        top: Path, monkeypatch) -> None:
    """Timestamps tick coarser than they print: a file rewritten at the same size within a
    tick keeps its stat (faked here). A file modified in the last two seconds is therefore
    read again at every check; an older one is trusted by its stat until the editor says it
    changed (forget)."""
    grants = top / "grants.py"
    size = len(textwrap.dedent(GRANT)) + 10

    def write_same_size(text: str) -> None:
        grants.write_text(textwrap.dedent(text).ljust(size - 1) + "\n")

    write_same_size("import pulumi_aws as aws\n")
    st = grants.stat()
    stat = warm_module.os.stat
    monkeypatch.setattr(warm_module, "os", SimpleNamespace(
        stat=lambda p: st if Path(p) == grants else stat(p)))
    now = warm_module.time.time_ns

    def clock(ahead: int) -> None:  # seconds after the file was written
        monkeypatch.setattr(warm_module.time, "time_ns", lambda: now() + ahead * 10**9)

    warm = Warm()
    main = textwrap.dedent(MAIN).lstrip()
    assert check(top, main, warm) == UNPERMITTED
    write_same_size(GRANT)  # at once: the same stat, but the file is recent
    assert check(top, main, warm) == []
    clock(120)
    assert check(top, main, warm) == []  # now kept
    write_same_size("import pulumi_aws as aws\n")
    assert check(top, main, warm) == []  # trusted by its stat: what was kept
    warm.forget(grants)
    assert check(top, main, warm) == UNPERMITTED  # the editor said it changed: read again


TS_FUNCTION = """
    import * as aws from "@pulumi/aws";

    export const f{i} = new aws.lambda.Function("f{i}", {{
        role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler",
    }});
    new aws.lambda.Permission("p{i}", {{
        action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", function: f{i}.name,
    }});
"""
TS_MAIN = """
    import * as aws from "@pulumi/aws";
    import { f } from "./fns";
    import { f0 } from "./fn0";

    const api = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
    new aws.apigatewayv2.Integration("i", {
        apiId: api.id, integrationType: "AWS_PROXY", payloadFormatVersion: "2.0",
        integrationUri: f.invokeArn,
    });
"""
TS_GRANT = """
    import * as aws from "@pulumi/aws";
    import { f } from "./fns";

    new aws.lambda.Permission("pf", {
        action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", function: f.name,
    });
"""


def test_a_tree_sitter_front_end_reparses_the_buffer_only(tmp_path: Path, monkeypatch) -> None:
    """The same reuse for TypeScript (linter/sitter_project.py keeps parses through the store)."""
    from apigw_lint.linter.typescript import project as ts_project

    write(tmp_path / "Pulumi.yaml", "name: warm\nruntime: nodejs\n")
    for i in range(FILES):
        write(tmp_path / f"fn{i}.ts", TS_FUNCTION.format(i=i))
    write(tmp_path / "fns.ts", TS_FUNCTION.format(i="").replace("new aws.lambda.Permission",
                                                                "new aws.lambda.Function"))
    write(tmp_path / "grants.ts", 'import * as aws from "@pulumi/aws";\n')
    parses: Counter = Counter()
    parse, clock = ts_project.parse, warm_module.time.time_ns

    def parsing(data: bytes, path: Path):
        parses["buffer" if b"apigatewayv2.Integration" in data else path.name] += 1
        return parse(data, path)
    monkeypatch.setattr(ts_project, "parse", parsing)
    monkeypatch.setattr(warm_module.time, "time_ns", lambda: clock() + 120 * 10**9)
    main = textwrap.dedent(TS_MAIN).lstrip()
    warm = Warm()

    def found(text: str) -> list[tuple[str, int, int]]:
        return [(r.finding.rule, r.line, r.column)
                for r in _findings(tmp_path / "index.ts", text, warm)[1]]
    unpermitted = [("APIGW021", 8, 5)]  # f's integration: its integrationUri
    assert found(main) == unpermitted
    assert parses["buffer"] == 1 and parses["fns.ts"] == 1 and max(parses.values()) == 1
    parses.clear()
    assert found(main + "// typing\n") == unpermitted
    assert parses == {"buffer": 1}
    parses.clear()
    write(tmp_path / "grants.ts", TS_GRANT)  # another file gains f's permission on disk
    assert found(main + "// typing\n") == []
    assert parses == {"grants.ts": 1}
    parses.clear()
    write(tmp_path / "grants.ts", 'import * as aws from "@pulumi/aws";\n')
    assert found(main + "// typing\n") == unpermitted
