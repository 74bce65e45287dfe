"""Findings as text (one line each) or JSON."""
from __future__ import annotations

import json

from .lint import Report


def _line(r: Report) -> str:
    f = r.finding
    message = f.message[len(f.rule):].lstrip() if f.message.startswith(f.rule) else f.message
    resource = f" ({r.resource})" if r.resource else ""
    fixable = " [*]" if r.fix is not None else ""
    return f"{r.path}:{r.line}:{r.column}: {f.rule}{fixable} [{f.severity}] {message}{resource}\n"


def text(reports: list[Report]) -> str:
    return "".join(_line(r) for r in reports)


def as_json(reports: list[Report]) -> str:
    return json.dumps([{
        "rule": r.finding.rule, "name": r.finding.name, "severity": r.finding.severity,
        "path": r.path, "line": r.line, "column": r.column, "end_line": r.end_line,
        "end_column": r.end_column, "message": r.finding.message, "resource": r.resource,
        "property": r.finding.property, "fix": r.finding.fix, "fixable": r.fix is not None,
    } for r in reports], indent=2) + "\n"
