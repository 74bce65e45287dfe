"""Baselines: today's findings recorded so that only new ones are reported.

A finding is keyed by its file (relative to the baseline's folder, posix), the resource's logical
name, the rule and the property path, never by line, so that edits around it do not revive it.
Each key keeps a count: two identical findings are two entries, and a third is new. A file that
could not be checked (APIGW999) is never recorded, so never hidden.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .atomic import replace
from .findings import Report

VERSION = 1
Key = tuple[str, Any, str, str]  # path, resource (None when not static), rule, property
_FIELDS = {"path": str, "resource": (str, type(None)), "rule": str, "property": str, "count": int}


class BaselineError(Exception):
    """An unreadable or malformed baseline: one line, exit 2."""


def _key(report: Report, folder: Path) -> Key:
    path = Path(os.path.relpath(os.path.abspath(report.path), folder)).as_posix()
    return path, report.resource, report.finding.rule, report.finding.property


def _folder(file: Path) -> Path:
    return Path(os.path.abspath(file)).parent


def write(file: Path, reports: Iterable[Report]) -> int:
    """Record the findings in file, atomically; the number recorded."""
    counts = Counter(_key(r, _folder(file)) for r in reports if not r.unchecked)
    entries = [{"path": p, "resource": res, "rule": rule, "property": prop, "count": n}
               for (p, res, rule, prop), n in sorted(
                   counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", *kv[0][2:]))]
    text = json.dumps({"version": VERSION, "findings": entries}, indent=2) + "\n"
    try:
        replace(file, text.encode("utf-8"))
    except OSError as e:
        raise BaselineError(f"baseline {file}: cannot write: {e.strerror}") from None
    return sum(counts.values())


def load(file: Path) -> Counter[Key]:
    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except OSError as e:
        raise BaselineError(f"baseline {file}: cannot read: {e.strerror}") from None
    except ValueError as e:  # not JSON, or not UTF-8
        raise BaselineError(f"baseline {file}: not JSON: {e}") from None
    entries = doc.get("findings") if isinstance(doc, dict) and doc.get("version") == VERSION \
        else None
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and set(e) == set(_FIELDS)
            and all(isinstance(e[k], t) for k, t in _FIELDS.items())
            and not isinstance(e["count"], bool) and e["count"] > 0 for e in entries):
        raise BaselineError(f"baseline {file}: not an apigw-lint baseline (version {VERSION}, "
                            "written by --write-baseline)")
    out: Counter[Key] = Counter()
    for e in entries:
        out[e["path"], e["resource"], e["rule"], e["property"]] += e["count"]
    return out


def new(reports: list[Report], known: Counter[Key], file: Path) -> tuple[list[Report], int]:
    """The reports the baseline does not hold, and how many it held."""
    left = known.copy()
    out = []
    for r in reports:
        key = _key(r, _folder(file))
        if left[key] > 0 and not r.unchecked:
            left[key] -= 1
        else:
            out.append(r)
    return out, len(reports) - len(out)
