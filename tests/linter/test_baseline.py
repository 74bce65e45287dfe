"""--write-baseline and --baseline through the installed CLI on real projects in tmp_path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

HEAD = """\
import pulumi_aws as aws

api = aws.apigatewayv2.Api("shop", protocol_type="HTTP")
"""
# APIGW039 and APIGW030 on one integration
PRODUCTS = """\
products = aws.apigatewayv2.Integration(
    "products", api_id=api.id, integration_type="HTTP_PROXY", integration_method="ANY",
    integration_uri="https://example.com/{proxy}",
    passthrough_behavior="WHEN_NO_MATCH",
    timeout_milliseconds=60_000,
)
"""
ORDERS = PRODUCTS.replace("products", "orders")


def test_baseline_survives_edits_and_catches_new_findings(lint, tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    main = app / "__main__.py"
    main.write_text(HEAD + PRODUCTS)
    baseline = tmp_path / "apigw-baseline.json"
    run = lint("--write-baseline", baseline, app, cwd=tmp_path)
    assert (run.code, run.stdout) == (0, ""), run.stderr
    assert f"recorded 2 findings in {baseline}" in run.stderr
    assert json.loads(baseline.read_text()) == {"version": 1, "findings": [
        {"path": "app/__main__.py", "resource": "products", "rule": "APIGW030",
         "property": "timeoutMilliseconds", "count": 1},
        {"path": "app/__main__.py", "resource": "products", "rule": "APIGW039",
         "property": "passthroughBehavior", "count": 1},
    ]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apigw-baseline.json", "app"]

    # lines inserted above move the findings; the baseline still holds them (from any folder)
    main.write_text(HEAD + "\n# the product catalogue\nCATALOGUE = 'products'\n\n" + PRODUCTS)
    for cwd in (tmp_path, app):
        run = lint("--format", "json", "--baseline", baseline, app, cwd=cwd)
        assert (run.code, run.json) == (0, []), run.stderr
        assert "2 findings in the baseline not shown." in run.stderr

    # a new integration with the same mistakes is reported
    main.write_text(main.read_text() + ORDERS)
    run = lint("--format", "json", "--baseline", baseline, app, cwd=tmp_path)
    assert run.code == 1
    assert sorted((f["resource"], f["rule"]) for f in run.json) == [
        ("orders", "APIGW030"), ("orders", "APIGW039")]
    # and so is a new mistake on the old one
    main.write_text(main.read_text().replace('integration_method="ANY"',
                                             'integration_method="ANY", foo=1'))
    run = lint("--format", "json", "--baseline", baseline, app, cwd=tmp_path)
    assert ("products", "APIGW048") in {(f["resource"], f["rule"]) for f in run.json}


def test_baseline_counts_identical_findings(lint, tmp_path: Path) -> None:
    """Two integrations of one logical name (in branches) give two identical keys."""
    branch = "".join("    " + line + "\n" for line in PRODUCTS.splitlines())
    main = tmp_path / "__main__.py"
    main.write_text(HEAD + "if api:\n" + branch + "else:\n" + branch)
    baseline = tmp_path / "baseline.json"
    assert lint("--write-baseline", baseline, tmp_path, "--select", "APIGW030").code == 0
    entries = json.loads(baseline.read_text())["findings"]
    assert [(e["rule"], e["count"]) for e in entries] == [("APIGW030", 2)]
    first = baseline.read_bytes()
    assert lint("--write-baseline", baseline, tmp_path, "--select", "APIGW030").code == 0
    assert baseline.read_bytes() == first  # stable

    main.write_text(main.read_text() + "\n" + PRODUCTS)  # a third
    run = lint("--format", "json", "--select", "APIGW030", "--baseline", baseline, tmp_path)
    assert [(f["rule"], f["line"]) for f in run.json] == [("APIGW030", 23)], run.stdout
    assert run.code == 1


@pytest.mark.parametrize("content, message", [
    (None, "cannot read: No such file or directory"),
    ("{not json", "not JSON"),
    ('{"version": 1, "findings": [{"path": "a.py"}]}', "not an apigw-lint baseline"),
    ('{"version": 2, "findings": []}', "not an apigw-lint baseline"),
    ('[1, 2]', "not an apigw-lint baseline"),
])
def test_bad_baseline(lint, tmp_path: Path, content: str | None, message: str) -> None:
    (tmp_path / "__main__.py").write_text(HEAD + PRODUCTS)
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content)
    run = lint("--baseline", baseline, tmp_path)
    assert run.code == 2 and run.stdout == "" and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"apigw-lint: baseline {baseline}: ") and message in run.stderr
    assert run.stderr.count("\n") == 1


def test_baseline_options_together(lint, tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text(HEAD + PRODUCTS)
    run = lint("--baseline", tmp_path / "a.json", "--write-baseline", tmp_path / "b.json",
               tmp_path)
    assert run.code == 2 and "cannot be used together" in run.stderr
    run = lint("--write-baseline", tmp_path / "missing" / "b.json", tmp_path)
    assert run.code == 2 and "cannot write" in run.stderr and "Traceback" not in run.stderr
