"""What a tree-sitter front end's Integrations yields for each integration of a file: a `Found`
(everything the check loop asks of it) or a `NotCheckable` reason (APIGW999)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from apigw_lint import rules

from .sitter_codemod import Fix

Span = tuple[tuple[int, int], tuple[int, int]]  # 1-based (line, column), end exclusive


@dataclass(frozen=True)
class Found:
    """One integration: everything the check loop asks of a front end."""

    path: Path
    model: rules.Integration
    resource: str | None  # its logical name, when static
    api: str | None  # the logical name of the Api its apiId is an output of (for --base)
    api_aliased: bool  # that Api's options may carry aliases
    start: tuple[int, int]  # where the resource's creation starts (1-based)
    lines: tuple[int, int]  # its first and last line (suppressions)
    locate: Callable[[tuple[Any, ...]], Span]  # a finding's property path -> its span
    reasons: Any  # a linter.skipped.Reasons for --show-skipped
    fix: Callable[[rules.Finding], Fix | None]


@dataclass(frozen=True)
class NotCheckable:
    """An integration (or a file) that cannot be checked: `line:col: why` (APIGW999)."""

    path: Path
    reason: str
