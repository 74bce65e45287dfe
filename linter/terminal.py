"""What only a person at a terminal gets: colour in the text report, a progress bar on long runs."""
from __future__ import annotations

import os
import sys
from contextlib import ExitStack, contextmanager
from typing import Any, Callable, Iterator

import click

# Below this many files to parse a run takes seconds at most, and a bar would only flicker.
MANY_FILES = 200


def colour() -> bool | None:
    """click.echo's `color`: None lets click colour a terminal and strip colour from a pipe or
    file; NO_COLOR (no-color.org) turns colour off, and wins over FORCE_COLOR, which turns it on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


@contextmanager
def progress(wanted: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A callback for lint() that draws a bar on stderr once a run has MANY_FILES to check; None
    (no bar) unless wanted, stderr is a terminal and the run is not in CI."""
    if not wanted or os.environ.get("CI") or not sys.stderr.isatty():
        yield None
        return
    with ExitStack() as stack:
        bar: Any = None  # made on the first call, when the number of files is known

        def advance(done: int, total: int) -> None:
            nonlocal bar
            if total < MANY_FILES:
                return
            if bar is None:
                bar = stack.enter_context(
                    click.progressbar(length=total, label="Checking", file=sys.stderr))
            bar.update(done - bar.pos)
        yield advance
