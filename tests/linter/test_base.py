"""`apigw-lint --base REV`: APIGW044 against a git revision, on real repositories in tmp_path
(the installed CLI run as a process)."""
from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

APIS = """\
import pulumi
import pulumi_aws as aws
api = aws.apigatewayv2.Api("api", protocol_type="HTTP")
other = aws.apigatewayv2.Api("other", protocol_type="HTTP")
"""
SQS = {"integration_subtype": "SQS-SendMessage",
       "credentials_arn": "arn:aws:iam::123456789012:role/sqs",
       "request_parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q",
                              "MessageBody": "$request.body"}}
HTTP = {"integration_method": "ANY", "integration_uri": "https://example.com"}


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                               "-c", "commit.gpgsign=false", *args], cwd=self.root, check=True,
                              capture_output=True, text=True).stdout

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        return path

    def commit(self) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "change")


def integration(name: str = "orders", api: str = "api.id", kind: str = "AWS_PROXY",
                **more: object) -> str:
    args = {"api_id": api, "integration_type": repr(kind), **{k: repr(v) for k, v in more.items()}}
    body = ", ".join(f"{k}={v}" for k, v in args.items())
    return f"aws.apigatewayv2.Integration({name!r}, {body})\n"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    r = Repo(tmp_path / "repo")
    r.write("infra/Pulumi.yaml", "name: infra\nruntime: python\n")
    return r


def program(repo: Repo, *integrations: str, name: str = "infra/__main__.py") -> None:
    repo.write(name, APIS + "".join(integrations))


def replaced(lint, repo: Repo, rev: str = "HEAD") -> list[tuple[str | None, str, int]]:
    """(resource, property, line) of each APIGW044 finding, linting the project from outside."""
    run = lint("--base", rev, "--format", "json", repo.root / "infra", cwd=repo.root.parent)
    assert run.code in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return sorted((f["resource"], f["property"], f["line"]) for f in run.json
                  if f["rule"] == "APIGW044")


def test_type_change_is_reported(lint, repo: Repo) -> None:
    program(repo, integration(kind="HTTP_PROXY", integration_method="ANY",
                              integration_uri="https://example.com"))
    repo.commit()
    program(repo, integration(kind="AWS_PROXY", **SQS))
    run = lint("--base", "HEAD", "infra", cwd=repo.root)
    assert run.code == 1
    lines = [line for line in run.stdout.splitlines() if "APIGW044" in line]
    assert lines == [
        "infra/__main__.py:5:55: APIGW044 [warning] integration_type changes from HTTP_PROXY to "
        "AWS_PROXY: this replaces the integration (new id; routes pointing at it are updated). "
        "(orders)",
        "infra/__main__.py:5:85: APIGW044 [warning] integration_subtype changes from unset to "
        "SQS-SendMessage: this replaces the integration (new id; routes pointing at it are "
        "updated). (orders)"], run.stdout
    # without --base the linter cannot know: silent
    assert "APIGW044" not in lint("infra", cwd=repo.root).stdout


def test_subtype_change_set_and_unset_are_reported(lint, repo: Repo) -> None:
    program(repo, integration(**SQS),
            integration("queue", **{**SQS, "integration_subtype": "SQS-ReceiveMessage"}),
            integration("lambda", integration_uri="arn:aws:lambda:us-east-1:1:function:f"))
    repo.commit()
    program(repo, integration(**{**SQS, "integration_subtype": "SQS-DeleteMessage"}),
            integration("queue", **{k: v for k, v in SQS.items() if k != "integration_subtype"}),
            integration("lambda", **SQS))
    run = lint("--base", "HEAD", "--format", "json", repo.root / "infra")
    messages = {f["resource"]: f["message"] for f in run.json if f["rule"] == "APIGW044"}
    assert messages == {
        "orders": "APIGW044 integration_subtype changes from SQS-SendMessage to SQS-DeleteMessage: "
                  "this replaces the integration (new id; routes pointing at it are updated).",
        "queue": "APIGW044 integration_subtype changes from SQS-ReceiveMessage to unset: "
                 "this replaces the integration (new id; routes pointing at it are updated).",
        "lambda": "APIGW044 integration_subtype changes from unset to SQS-SendMessage: "
                  "this replaces the integration (new id; routes pointing at it are updated).",
    }, run.stdout


def test_switching_to_another_api_is_reported_keeping_it_is_not(lint, repo: Repo) -> None:
    program(repo, integration(**SQS), integration("kept", **SQS),
            integration("derived", api="api.id", **SQS))
    repo.commit()
    program(repo, integration(api="other.id", **SQS),
            integration("kept", **{**SQS, "description": "changed, not replaced"}),
            integration("derived", api="api.id.apply(lambda i: i)", **SQS))
    assert replaced(lint, repo) == [("orders", "apiId", 5)]


def test_renamed_api_is_a_new_api_unless_it_may_carry_an_alias(lint, repo: Repo) -> None:
    head = "import pulumi\nimport pulumi_aws as aws\n"
    repo.write("infra/__main__.py", head + 'api = aws.apigatewayv2.Api("api", protocol_type="HTTP")\n'
               + integration(**SQS))
    repo.commit()
    renamed = 'api = aws.apigatewayv2.Api("api-v2", protocol_type="HTTP"{})\n'
    repo.write("infra/__main__.py", head + renamed.format("") + integration(**SQS))
    assert replaced(lint, repo) == [("orders", "apiId", 4)]
    for opts in (', opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name="api")])',
                 ", opts=OPTIONS"):
        repo.write("infra/__main__.py", head + "OPTIONS = pulumi.Config().require_object('o')\n"
                   + renamed.format(opts) + integration(**SQS))
        assert replaced(lint, repo) == [], opts
    repo.write("infra/__main__.py", head + renamed.format(
        ', opts=pulumi.ResourceOptions(protect=True)') + integration(**SQS))
    assert replaced(lint, repo) == [("orders", "apiId", 4)]


def test_unchanged_and_moved_integrations_are_matched_by_name(lint, repo: Repo) -> None:
    repo.write("infra/Pulumi.yaml", "name: infra\nruntime: python\n")
    repo.write("infra/apis.py", APIS)
    repo.write("infra/__main__.py", "import pulumi_aws as aws\nfrom apis import api\n"
               + integration(**SQS) + integration("moved", **SQS))
    repo.commit()
    assert replaced(lint, repo) == []  # nothing changed
    repo.write("infra/__main__.py", "import pulumi_aws as aws\nfrom apis import api\n"
               + integration(**SQS))
    repo.write("infra/routes/queues.py", "import pulumi_aws as aws\nfrom apis import api\n"
               + integration("moved", kind="HTTP_PROXY", integration_method="ANY",
                             integration_uri="https://example.com"))
    assert replaced(lint, repo) == [("moved", "integrationSubtype", 3),
                                    ("moved", "integrationType", 3)]


def test_new_and_renamed_integrations_are_silent(lint, repo: Repo) -> None:
    program(repo, integration(**SQS))
    repo.commit()
    program(repo, integration("orders-v2", kind="HTTP_PROXY", integration_method="ANY",
                              integration_uri="https://example.com"))
    repo.write("infra/extra.py", APIS + integration("extra", api="other.id", **SQS))
    assert replaced(lint, repo) == []
    # a project folder that did not exist at REV
    repo.write("other/Pulumi.yaml", "name: other\nruntime: python\n")
    repo.write("other/__main__.py", APIS + integration(**SQS))
    run = lint("--base", "HEAD", "--format", "json", repo.root / "other")
    assert run.code in (0, 1) and not [f for f in run.json if f["rule"] == "APIGW044"]


def per_stack(name: str) -> str:
    """One logical name, two integrations (one per stack): which one a deployment has is not
    known statically."""
    return f'if pulumi.get_stack() == "prod":\n    {integration(name, **SQS)}' \
           f'else:\n    {integration(name, kind="HTTP_PROXY", **HTTP)}'


def test_unknown_values_are_silent(lint, repo: Repo) -> None:
    program(repo, integration("from-config", kind="HTTP_PROXY"),
            integration("literal", api="'a1b2c3d4e5'", **SQS),
            integration("kwargs", **SQS),
            integration("loop", **SQS),
            integration("one-then-two", **SQS), per_stack("two-then-one"))
    repo.commit()
    cfg = "pulumi.Config()"
    program(repo,
            f'aws.apigatewayv2.Integration("from-config", api_id={cfg}.require("api"), '
            f'integration_type={cfg}.require("type"))\n',
            integration("literal", api="api.id", **SQS),  # a literal id against an Api: unknown
            'aws.apigatewayv2.Integration("kwargs", api_id=api.id, integration_type="AWS_PROXY", '
            f'**{cfg}.require_object("more"))\n',  # may set the subtype
            'for n in ["loop"]:\n    ' + integration("n", kind="HTTP_PROXY").replace("'n'", "n"),
            per_stack("one-then-two"), integration("two-then-one", **SQS))
    assert replaced(lint, repo) == []


def test_yaml_program(lint, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    head = "name: chat\nruntime: yaml\nmain: src/\n"
    repo.write("Pulumi.yaml", head)
    main = """\
        resources:
          api:
            type: aws:apigatewayv2:Api
            properties: {{protocolType: HTTP}}
          other:
            type: aws:apigatewayv2:Api
            properties: {{protocolType: HTTP}}
          orders:
            type: aws:apigatewayv2:Integration
            properties:
              apiId: ${{{api}.id}}
              integrationType: {kind}
              integrationSubtype: SQS-SendMessage
              credentialsArn: arn:aws:iam::123456789012:role/sqs
              requestParameters: {{QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", MessageBody: $request.body}}
          kept:
            type: aws:apigatewayv2:Integration
            properties:
              apiId: ${{api.id}}
              integrationType: HTTP_PROXY
              integrationMethod: ANY
              integrationUri: https://example.com
        """
    repo.write("src/Main.yaml", main.format(api="api", kind="AWS_PROXY"))
    repo.commit()
    run = lint("--base", "HEAD", "--format", "json", repo.root)
    assert [f for f in run.json if f["rule"] == "APIGW044"] == []
    repo.write("src/Main.yaml", main.format(api="other", kind="HTTP_PROXY"))
    run = lint("--base", "HEAD", "--format", "json", repo.root)
    found = sorted((f["resource"], f["property"], f["line"], f["column"])
                   for f in run.json if f["rule"] == "APIGW044")
    assert found == [("orders", "apiId", 11, 7), ("orders", "integrationType", 12, 7)], run.stdout
    assert run.json[0]["path"].endswith("src/Main.yaml")


def test_bad_revision_is_exit_2(lint, repo: Repo) -> None:
    program(repo, integration(**SQS))
    repo.commit()
    for rev in ("no-such-branch", "HEAD~5", "--help"):
        run = lint("--base", rev, "infra", cwd=repo.root)
        assert run.code == 2, (rev, run.stderr)
        assert run.stderr.startswith(f"apigw-lint: --base: unknown revision {rev!r}"), run.stderr
        assert len(run.stderr.splitlines()) == 1 and run.stdout == ""
    tag = "v1"
    repo.git("tag", tag)
    assert lint("--base", f"{tag}^{{tree}}", "infra", cwd=repo.root).code == 2  # not a commit
    run = lint("--base", tag, "infra", cwd=repo.root)
    assert run.code in (0, 1) and "APIGW044" not in run.stdout, run.stderr


def test_not_a_repository_is_exit_2(lint, tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text(APIS + integration(**SQS))
    run = lint("--base", "HEAD", tmp_path, cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.startswith("apigw-lint: --base: ") and "not a git repository" in run.stderr
    assert len(run.stderr.splitlines()) == 1 and "Traceback" not in run.stderr


def test_git_missing_is_exit_2(tmp_path: Path) -> None:
    from .conftest import EXECUTABLE
    (tmp_path / "__main__.py").write_text(APIS + integration(**SQS))
    env = {**os.environ, "PATH": str(tmp_path / "no-bin")}
    p = subprocess.run([str(EXECUTABLE), "--base", "HEAD", str(tmp_path)], capture_output=True,
                       text=True, env=env, timeout=300)
    assert p.returncode == 2
    assert p.stderr == "apigw-lint: --base needs git, and git is not installed (or not on PATH)\n"
