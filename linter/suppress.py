"""Inline suppressions: `# apigw-lint: ignore[APIGW030, APIGW039]` or a bare
`# apigw-lint: ignore`.

A comment covers a finding when it sits on any line of the resource (an Integration call, a
YAML resource from its key to its last value), on the finding's own line, or alone on the line
just above the resource. Only real comments count: the front end finds them (frontend.FrontEnd
.comments), and says what starts one (`#`, `//`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from apigw_lint import rules

from .findings import Located
from .settings import UNUSED_IGNORE, UNUSED_IGNORE_NAME, Settings, rule_ids, unknown_rule

MARK = b"apigw-lint"  # no comment can matter in a file without it
Comments = Callable[[bytes], Iterable[tuple[int, int, str, bool]]]  # FrontEnd.comments


@dataclass
class Directive:
    line: int  # 1-based
    column: int  # 0-based, of the comment's `#`
    end_column: int
    alone: bool  # nothing but the comment on its line
    codes: frozenset[str] | None  # None: every rule
    used: set[str] = field(default_factory=set)  # rules it suppressed a finding of
    blocked: set[str] = field(default_factory=set)  # unsuppressible rules it tried to


@functools.lru_cache(maxsize=None)
def _patterns(marker: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The directive after a comment marker, and what may follow a bare `ignore`: `[ids]` (and
    anything after), or nothing but another comment."""
    start = re.escape(marker)
    return (re.compile(start + r"\s*apigw-lint\s*:\s*(?P<rest>.*)"),
            re.compile(r"ignore(?:\[(?P<codes>[^\]]*)\].*|\s*(?:" + start + ".*)?)", re.S))


def apply(found: list[Located], text: bytes | None, marker: str, comments: Comments,
          settings: Settings, selected: frozenset[str] | None, where: str,
          warn: Callable[[str], None]) -> list[Located]:
    """The findings no comment suppresses, plus (with report_unused_ignores) one APIGW000
    finding per comment that suppresses nothing. Problems with a comment are warned about.
    marker starts a comment of the file's language; comments(text) lists them."""
    if not text or MARK not in text:
        return found
    directives: dict[int, Directive] = {}
    for line, column, comment, alone in comments(text):
        d = _directive(marker, line, column, comment, alone, f"{where}:{line}:{column + 1}",
                       warn)
        if d is not None:
            directives[line] = d
    if not directives:
        return found
    kept = []
    for located in found:
        first, last = located.lines
        lines = {*range(first, last + 1), *range(located.start[0], located.end[0] + 1)}
        covering = [directives[n] for n in sorted(lines) if n in directives]
        above = directives.get(first - 1)
        if above is not None and above.alone:
            covering.append(above)
        rule = located.finding.rule
        suppressed = False
        for d in covering:
            if d.codes is None or rule in d.codes:
                if rule in settings.unsuppressible:
                    d.blocked.add(rule)
                else:
                    d.used.add(rule)
                    suppressed = True
        if not suppressed:
            kept.append(located)
    for d in directives.values():
        for rule in sorted(d.blocked):
            source = settings.source.name if settings.source else "the configuration"
            warn(f"{where}:{d.line}:{d.column + 1}: warning: {rule} is unsuppressible ({source}); "
                 "the apigw-lint: ignore comment does not suppress it")
    if settings.report_unused_ignores:
        kept.extend(_unused(directives.values(), _ran(selected)))
    return kept


def _ran(selected: frozenset[str] | None) -> frozenset[str]:
    return frozenset(r.id for r in rules.RULES.values()
                     if rules.LINTER in r.engines and (selected is None or r.id in selected))


def _unused(directives: Iterable[Directive], ran: frozenset[str]) -> Iterator[Located]:
    for d in directives:
        if d.codes is None:
            if d.used or d.blocked:
                continue
            what = "no finding to suppress here"
        else:  # only rules that ran on the file: of the others nothing is known
            unused = sorted((d.codes & ran) - d.used - d.blocked)
            if not unused:
                continue
            what = f"no {', '.join(unused)} finding to suppress here"
        finding = rules.Finding(UNUSED_IGNORE, UNUSED_IGNORE_NAME, rules.WARNING, (),
                                f"{UNUSED_IGNORE} unused suppression: {what}",
                                "remove the comment, or the rule ids it lists in vain")
        yield Located(finding, None, (d.line, d.column + 1), (d.line, d.end_column + 1),
                      (d.line, d.line))


def _directive(marker: str, line: int, column: int, comment: str, alone: bool, at: str,
               warn: Callable[[str], None]) -> Directive | None:
    directive, rest = _patterns(marker)
    found = directive.search(comment)
    if found is None:
        return None
    ignore = rest.fullmatch(found["rest"])
    codes = ignore["codes"] if ignore else None
    if ignore is None or (codes is not None and not codes.strip()):
        warn(f"{at}: warning: not an apigw-lint directive (`{marker} apigw-lint: ignore` or "
             f"`{marker} apigw-lint: ignore[APIGW030, ...]`); it suppresses nothing")
        return None
    ids: set[str] = set()
    for code in (c.strip() for c in (codes or "").split(",")):
        named = rule_ids(code, prefixes=False) if code else frozenset()
        if code and not named:
            warn(f"{at}: warning: apigw-lint: ignore names an {unknown_rule(code)}")
        ids |= named
    return Directive(line, column, column + len(comment), alone,
                     None if codes is None else frozenset(ids))
