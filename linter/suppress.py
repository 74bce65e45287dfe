"""Inline suppressions: `# apigw-lint: ignore[APIGW030, APIGW039]` or a bare
`# apigw-lint: ignore`.

A comment covers a finding when it sits on any line of the Integration call (or of the YAML
resource, from its key to its last value), on the finding's own line, or alone on the line just
above the call or the key. Only real comments count: Python's are found with tokenize, YAML's are
`#`s outside every scalar the YAML scanner reads.
"""
from __future__ import annotations

import bisect
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from apigw_lint import rules

from .settings import UNUSED_IGNORE, UNUSED_IGNORE_NAME, Settings, rule_ids

if TYPE_CHECKING:
    from .python.integrations import Located

MARK = b"apigw-lint"  # no comment can matter in a file without it
_DIRECTIVE = re.compile(r"#\s*apigw-lint\s*:\s*(?P<rest>.*)")
# `ignore`, then `[ids]` (and anything after), or nothing but another comment
_IGNORE = re.compile(r"ignore(?:\[(?P<codes>[^\]]*)\].*|\s*(?:#.*)?)", re.S)
_YAML_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")  # captured: split() keeps them


@dataclass
class Directive:
    line: int  # 1-based
    column: int  # 0-based, of the comment's `#`
    end_column: int
    alone: bool  # nothing but the comment on its line
    codes: frozenset[str] | None  # None: every rule
    used: set[str] = field(default_factory=set)  # rules it suppressed a finding of
    blocked: set[str] = field(default_factory=set)  # unsuppressible rules it tried to


def apply(found: list[Located], text: bytes | None, yaml: bool, settings: Settings,
          selected: frozenset[str] | None, where: str, warn: Callable[[str], None]
          ) -> list[Located]:
    """The findings no comment suppresses, plus (with report_unused_ignores) one APIGW000
    finding per comment that suppresses nothing. Problems with a comment are warned about."""
    if not text or MARK not in text:
        return found
    directives: dict[int, Directive] = {}
    for line, column, comment, alone in (_yaml_comments if yaml else _python_comments)(text):
        d = _directive(line, column, comment, alone, f"{where}:{line}:{column + 1}", warn)
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
    from .python.integrations import Located  # here: that module imports this one (MARK)

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


def _directive(line: int, column: int, comment: str, alone: bool, at: str,
               warn: Callable[[str], None]) -> Directive | None:
    found = _DIRECTIVE.search(comment)
    if found is None:
        return None
    ignore = _IGNORE.fullmatch(found["rest"])
    codes = ignore["codes"] if ignore else None
    if ignore is None or (codes is not None and not codes.strip()):
        warn(f"{at}: warning: not an apigw-lint directive (`# apigw-lint: ignore` or "
             f"`# apigw-lint: ignore[APIGW030, ...]`); it suppresses nothing")
        return None
    ids: set[str] = set()
    for code in (c.strip() for c in (codes or "").split(",")):
        named = rule_ids(code, prefixes=False) if code else frozenset()
        if code and not named:
            warn(f"{at}: warning: apigw-lint: ignore names an unknown rule {code!r}")
        ids |= named
    return Directive(line, column, column + len(comment), alone,
                     None if codes is None else frozenset(ids))


def _python_comments(text: bytes) -> Iterator[tuple[int, int, str, bool]]:
    """(line, column, comment, alone) of every comment of a Python source."""
    try:
        for tok in tokenize.tokenize(io.BytesIO(text).readline):
            if tok.type == tokenize.COMMENT:
                line, column = tok.start
                yield line, column, tok.string, not tok.line[:column].strip()
    except (tokenize.TokenError, SyntaxError):
        return  # the parser has reported the file; its remaining comments cannot be trusted


def _yaml_comments(text: bytes) -> Iterator[tuple[int, int, str, bool]]:
    """(line, column, comment, alone) of the comments of a YAML file that mention apigw-lint."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.tokens import ScalarToken

    source = text.decode("utf-8-sig", errors="replace")
    try:
        spans = sorted((t.start_mark.index, t.end_mark.index)
                       for t in YAML(typ="rt", pure=True).scan(source)
                       if isinstance(t, ScalarToken))
    except YAMLError:
        return  # the loader has reported the file
    starts = [s for s, _ in spans]
    parts = _LINE_BREAK.split(source)  # line, break, line, break, ..., line
    offset = 0
    for number, (line, end) in enumerate(zip(parts[::2], [*parts[1::2], ""]), start=1):
        if "apigw-lint" in line:
            for mark in _YAML_COMMENT.finditer(line):
                at = offset + mark.start()
                i = bisect.bisect_right(starts, at) - 1
                if i < 0 or not spans[i][0] <= at < spans[i][1]:  # not inside a scalar
                    column = mark.start()
                    yield number, column, line[column:], not line[:column].strip()
                    break
        offset += len(line) + len(end)
