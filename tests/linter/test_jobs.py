"""--jobs: projects checked in worker processes print exactly what one process prints."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = REPO / "tests" / "programs"


def monorepo(top: Path) -> Path:
    """Projects of every shape: the examples (Python and YAML), the multi-module chat program,
    single-file programs, YAML programs, a project nested in another that shares a broken file with it, and a
    folder without Pulumi.yaml."""
    shutil.copytree(REPO / "examples", top / "examples")
    shutil.copytree(REPO / "tests" / "linter" / "programs", top / "linter-programs")
    for i, program in enumerate(sorted(PROGRAMS.glob("*.py"))):
        project = top / "services" / f"s{i}-{program.stem}"
        project.mkdir(parents=True)
        (project / "Pulumi.yaml").write_text(f"name: s{i}\nruntime: python\n")
        shutil.copy(program, project / "__main__.py")
    for twin in sorted((REPO / "tests" / "yaml_programs").glob("*.yaml")):
        project = top / "yaml" / twin.stem
        project.mkdir(parents=True)
        shutil.copy(twin, project / "Pulumi.yaml")
    outer = top / "outer"
    (outer / "inner").mkdir(parents=True)
    (outer / "Pulumi.yaml").write_text("name: outer\nruntime: python\n")
    (outer / "inner" / "Pulumi.yaml").write_text("name: inner\nruntime: python\n")
    shutil.copy(PROGRAMS / "lambda_http.py", outer / "__main__.py")
    shutil.copy(PROGRAMS / "websocket_mock.py", outer / "inner" / "__main__.py")
    # read by both projects (it mentions apigatewayv2): its syntax error is reported once
    (outer / "inner" / "broken.py").write_text(textwrap.dedent("""\
        import pulumi_aws as aws
        aws.apigatewayv2.Integration("x", api_id="a", integration_type="MOCK"
        """))
    # configuration and comments apply in every worker: a severity, a per-file ignore, a
    # suppression that is used and one that is not
    (top / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.apigw-lint]
        severity = {APIGW030 = "warning"}
        per-file-ignores = {"services/s0-*/" = ["APIGW019"]}
        """))
    main = outer / "__main__.py"
    main.write_text(main.read_text().replace("import json", "import json  # apigw-lint: ignore", 1)
                    + "# apigw-lint: ignore[APIGW039]\n")
    return top


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_two_workers_print_what_one_prints(lint, tmp_path: Path, fmt: str) -> None:
    tree = monorepo(tmp_path / "repo")
    given = ("--format", fmt, "--report-unused-ignores", "--no-cache")  # workers, not kept results
    one = lint(*given, "-j1", tree, cwd=tmp_path)
    for jobs in ("-j2", "--jobs=3"):
        many = lint(*given, jobs, tree, cwd=tmp_path)
        assert (many.code, many.stdout, many.stderr) == (one.code, one.stdout, one.stderr)
    default = lint(*given, tree, cwd=tmp_path)
    assert (default.code, default.stdout, default.stderr) == (one.code, one.stdout, one.stderr)
    # the file both projects read is one APIGW999 finding in any process count
    assert one.code == 1 and one.stdout.count("broken.py") == 1, one.stdout
    assert "broken.py" not in one.stderr
    if fmt == "json":
        assert [f["path"] for f in one.json if f["rule"] == "APIGW999"] == [
            "repo/outer/inner/broken.py"]
        paths = {f["path"].split("/")[1] for f in one.json}
        assert {"examples", "linter-programs", "services", "outer"} <= paths, paths
        rules = {(f["rule"], f["severity"]) for f in one.json}
        assert ("APIGW030", "warning") in rules and ("APIGW000", "warning") in rules, rules


def test_jobs_must_be_positive(lint, tmp_path: Path) -> None:
    run = lint("-j0", tmp_path)
    assert run.code == 2 and "--jobs" in run.stderr and "Traceback" not in run.stderr
