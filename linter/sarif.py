"""Findings as a SARIF 2.1.0 log that GitHub code scanning accepts (upload-sarif)."""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from apigw_lint.rules import RULES, Rule, docs

from .findings import Report, fingerprints, message, posix

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# GitHub matches an alert across runs by partialFingerprints; ours leave out the line, so an
# edit above a finding keeps its alert. Bump the version when the recipe changes.
_FINGERPRINT = "apigwLint/v1"


def _descriptor(rule: Rule) -> dict[str, Any]:
    """The rule as GitHub shows it on an alert: title, summary, the whole rule page as help,
    and the first AWS page it cites (the rule's own page is the help itself)."""
    return {"id": rule.id, "name": rule.name,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.summary},
            "help": {"text": docs.as_text(rule), "markdown": docs.rule_markdown(rule)},
            "helpUri": rule.sources[0],
            "defaultConfiguration": {"level": _LEVEL[rule.severity]}}


def _artifact(path: str) -> dict[str, str]:
    """Relative to the folder the linter ran in (%SRCROOT%); absolute outside it."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(posix(path)), "uriBaseId": "%SRCROOT%"}


def _linter_descriptor(f: Any) -> dict[str, Any]:
    """A finding of the linter's own (APIGW000, an unused suppression), not a catalogue rule."""
    return {"id": f.rule, "name": f.name, "shortDescription": {"text": f.name},
            "defaultConfiguration": {"level": _LEVEL[f.severity]}}


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "apigw-lint", "version": metadata.version("apigw-lint")}
    urls = metadata.metadata("apigw-lint").get_all("Project-URL") or []
    if urls:  # "Label, https://..." in the package's metadata; none is made up here
        driver["informationUri"] = urls[0].partition(",")[2].strip()
    driver["rules"] = rules
    return driver


def _location(r: Report) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": _artifact(r.path),
        "region": {"startLine": r.line, "startColumn": r.column,
                   "endLine": r.end_line, "endColumn": r.end_column}}}


def _invocation(unchecked: list[Report], index: dict[str, int]) -> dict[str, Any]:
    """The run did not succeed when a file could not be checked: each such file is also a
    notification, as SARIF reports a tool's failure to analyse a file."""
    invocation: dict[str, Any] = {"executionSuccessful": not unchecked}
    if unchecked:
        invocation["toolExecutionNotifications"] = [{
            "level": "error", "message": {"text": message(r)}, "locations": [_location(r)],
            "associatedRule": {"id": r.finding.rule, "index": index[r.finding.rule]},
        } for r in unchecked]
    return invocation


def as_sarif(reports: list[Report]) -> str:
    # the rules the results reference, in id order: ruleIndex points into this list
    first = {r.finding.rule: r.finding for r in reversed(reports)}
    rules = [_descriptor(RULES[rid]) if rid in RULES else _linter_descriptor(first[rid])
             for rid in sorted(first)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for r, fingerprint in zip(reports, fingerprints(reports)):
        f = r.finding
        results.append({
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVEL[f.severity],
            "message": {"text": message(r)},
            "locations": [_location(r)],
            "partialFingerprints": {_FINGERPRINT: fingerprint},
        })
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation([r for r in reports if r.unchecked], index)],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }]}
    return json.dumps(log, indent=2) + "\n"
