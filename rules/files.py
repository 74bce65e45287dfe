"""APIGW999: a file the linter could not check. A file rule: the linter reports it about a whole
file, so it has no check and its examples are files (catalogue.Situation), not integrations."""
from __future__ import annotations

from . import sources as src
from .catalogue import Situation, file_rule

NOT_CHECKED = "APIGW999"

file_rule(
    id=NOT_CHECKED, name="apigw-file-not-checked",
    title="File that could not be checked",
    summary="A Python or Pulumi YAML file the linter could not read, decode or parse (a syntax "
            "error, bytes that are not UTF-8 or its declared encoding, a YAML error), a file "
            "over the 1,000,000-byte limit or too deeply nested to lint, one that is not a "
            "regular file, or one whose check hit an internal error. The message says why, at "
            "the error's position when it has one (else 1:1).",
    rationale="Nothing is known about the integrations in a file that was not checked, so a "
              "report without it would look clean while a file went unchecked. It is an error "
              "in every output format and fails the run, as Ruff reports a syntax error. Like "
              "Ruff's syntax errors, it cannot be turned off: `select` does not drop it, and "
              "naming it in `ignore`, `per-file-ignores` or `severity` is a usage error; "
              "baselines never hold it. Linter only: a program that Python or Pulumi YAML "
              "cannot load never reaches the policy pack.",
    sources=(src.PYTHON_SOURCE, src.PULUMI_YAML),
    fix="Fix what the message names so that the file parses (Python of any version from 3.10 "
        "to 3.14; YAML as Pulumi loads it), or exclude the file if it is not part of a Pulumi "
        "program.",
    situations=[
        Situation("A syntax error: the call is never closed", "__main__.py",
                  b'import pulumi_aws as aws\n\napi = aws.apigatewayv2.Api("api", '
                  b'protocol_type="HTTP")\naws.apigatewayv2.Integration("orders", '
                  b'api_id=api.id,\n',
                  "__main__.py:4:29: APIGW999 [error] syntax error: '(' was never closed"),
        Situation("Bytes that are not UTF-8 (a Latin-1 comment) and no encoding declared",
                  "__main__.py",
                  b'import pulumi_aws as aws\n\n# caf\xe9\napi = aws.apigatewayv2.Api("api", '
                  b'protocol_type="HTTP")\naws.apigatewayv2.Integration("orders", '
                  b'api_id=api.id, integration_type="MOCK")\n',
                  "__main__.py:3:6: APIGW999 [error] not UTF-8: byte 0xe9 (invalid continuation "
                  "byte)"),
        Situation("A YAML error in a Pulumi YAML program", "Pulumi.yaml",
                  b"name: p\nruntime: yaml\nresources:\n  orders:\n"
                  b"    type: aws:apigatewayv2:Integration\n"
                  b"    properties: {apiId: [}\n",
                  "Pulumi.yaml:6:26: APIGW999 [error] YAML error: while parsing a flow node "
                  "expected the node content, but found '}'"),
    ],
)
