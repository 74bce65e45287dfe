"""Findings as text (one line each), JSON, GitHub workflow annotations, GitLab Code Quality or
JUnit XML; counts per
rule; and the report written to a file at once. SARIF lives in sarif.py."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

from .findings import Report, fingerprints, message, posix

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
# Control characters in a name or path (a resource named "a\nb", an escape sequence) would split
# or restyle a text line: shown escaped instead.
_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7f, 0xa0))} | {
    0x2028: "\\u2028", 0x2029: "\\u2029"}


def render(fmt: str, reports: list[Report], styled: bool = False) -> str:
    """The report in one of FORMATS; styled: with the terminal colours of the text format."""
    if fmt == "sarif":
        from .sarif import as_sarif
        return as_sarif(reports)
    if fmt == "json":
        return as_json(reports)
    if fmt == "github":
        return github(reports)
    if fmt == "gitlab":
        return gitlab(reports)
    if fmt == "junit":
        return junit(reports)
    return text(reports, styled)


def _line(r: Report, styled: bool) -> str:
    f = r.finding
    fixable = " [*]" if r.fix is not None else ""
    where, tag = f"{r.path}:{r.line}:{r.column}:", f"{f.rule}{fixable} [{f.severity}]"
    where = where.translate(_VISIBLE)
    if styled:
        where, tag = click.style(where, bold=True), click.style(tag, fg=_COLOURS[f.severity])
    return f"{where} {tag} {message(r).translate(_VISIBLE)}\n"


def text(reports: list[Report], styled: bool = False) -> str:
    return "".join(_line(r, styled) for r in reports)


def as_json(reports: list[Report]) -> str:
    return json.dumps([{
        "rule": r.finding.rule, "name": r.finding.name, "severity": r.finding.severity,
        "path": r.path, "line": r.line, "column": r.column, "end_line": r.end_line,
        "end_column": r.end_column, "message": r.finding.message, "resource": r.resource,
        "property": r.finding.property, "fix": r.finding.fix, "fixable": r.fix is not None,
    } for r in reports], indent=2) + "\n"


def statistics(reports: list[Report], fmt: str) -> str:
    """Findings per rule, most frequent first (as `ruff --statistics`): text or JSON."""
    counts = Counter((r.finding.rule, r.finding.name) for r in reports)
    rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    if fmt == "json":
        return json.dumps([{"rule": rule, "name": name, "count": n}
                           for (rule, name), n in rows], indent=2) + "\n"
    return "".join(f"{n:>5}  {rule}  {name}\n" for (rule, name), n in rows)


# GitHub workflow commands: `::error file=F,line=L,...::message`. The runner decodes these
# escapes; properties also end at ',' and at '::'.
_ANNOTATION = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(reports: list[Report]) -> str:
    out = []
    for r in reports:
        props = {"file": posix(r.path), "line": r.line, "endLine": r.end_line}
        if r.line == r.end_line:  # GitHub takes columns only for a range within one line
            props.update(col=r.column, endColumn=r.end_column)
        props["title"] = f"{r.finding.rule} ({r.finding.name})"
        fields = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
        out.append(f"::{_ANNOTATION[r.finding.severity]} {fields}::{_escape_data(message(r))}\n")
    return "".join(out)


# GitLab Code Quality severities (info, minor, major, critical, blocker)
_CODE_QUALITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(reports: list[Report]) -> str:
    """A GitLab Code Quality report (artifacts: reports: codequality): GitLab matches a finding
    across pipelines by its fingerprint."""
    return json.dumps([{
        "description": f"{r.finding.rule} {message(r)}", "check_name": r.finding.rule,
        "fingerprint": fingerprint, "severity": _CODE_QUALITY[r.finding.severity],
        "location": {"path": posix(r.path), "positions": {
            "begin": {"line": r.line, "column": r.column},
            "end": {"line": r.end_line, "column": r.end_column}}},
    } for r, fingerprint in zip(reports, fingerprints(reports))], indent=2) + "\n"


# XML 1.0 cannot hold most control characters, even escaped; a resource name could.
_NOT_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # compiled when used


def _xml(value: str) -> str:
    return re.sub(_NOT_XML, lambda m: f"\\x{ord(m.group()):02x}", value)


def junit(reports: list[Report]) -> str:
    """One testsuite, one failing testcase per finding (an erroring one, `<error>`, per file
    that could not be checked: its tests did not run). GitLab shows a testcase's classname as
    its suite and keeps only the first of equal (classname, name) pairs, so the name holds the
    position; an empty run has one passing testcase, as Jenkins rejects a report without any."""
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites")
    errors = sum(r.unchecked for r in reports)
    suite = ET.SubElement(root, "testsuite", name="apigw-lint", tests=str(len(reports) or 1),
                          failures=str(len(reports) - errors), errors=str(errors), skipped="0")
    seen: Counter[tuple[str, str]] = Counter()
    for r in reports:
        f = r.finding
        name = f"{f.rule} {f.name}{f' ({r.resource})' if r.resource else ''} at {r.line}:{r.column}"
        seen[r.path, name] += 1
        if seen[r.path, name] > 1:
            name += f" #{seen[r.path, name]}"
        case = ET.SubElement(suite, "testcase", classname=_xml(r.path), name=_xml(name),
                             file=_xml(r.path), line=str(r.line))
        failure = ET.SubElement(case, "error" if r.unchecked else "failure", type=f.severity,
                                message=_xml(message(r)))
        failure.text = _xml(_line(r, False) + (f"fix: {f.fix}\n" if f.fix else ""))
    if not reports:
        ET.SubElement(suite, "testcase", classname="apigw-lint", name="no findings")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write(path: Path, content: str) -> None:
    """Replace path with content at once, so that nobody reads half a report."""
    from .atomic import replace

    replace(path, content.encode("utf-8"))
