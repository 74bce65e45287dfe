"""`apigw-lint check --fix` and `--diff`: apply the findings' safe edits (each file's front end
applies its own) in passes until none is left, keep only results that still parse and compile,
then write each changed file atomically or print its unified diff."""
from __future__ import annotations

import difflib
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .atomic import replace
from .discover import display
from .findings import Result
from .frontend import FrontEnd
from .frontends import owner

# A fix can make another finding fixable (a renamed integration_type shows that a Lambda
# integration's method is wrong); a bound keeps a bug from looping.
_PASSES = 10


@dataclass
class Outcome:
    result: Result  # the findings that remain (with --diff: that would remain)
    fixed: int = 0  # findings fixed (with --diff: that would be)
    diffs: list[str] = field(default_factory=list)


def fix(lint: Callable[[dict[Path, bytes] | None], Result], write: bool) -> Outcome:
    """lint(contents) runs the configured lint with those files' text in place of the disk's."""
    original: dict[Path, tuple[bytes, str]] = {}  # path -> (text, encoding) as first parsed
    contents: dict[Path, bytes] = {}  # path -> fixed text
    counts: dict[Path, int] = {}
    notes: list[str] = []
    left_alone: set[Path] = set()
    result = lint(None)
    for _ in range(_PASSES):
        todo: dict[Path, list[Any]] = {}
        for r in result.reports:
            if r.fix is not None and r.fix.path not in left_alone:
                todo.setdefault(r.fix.path, []).append(r.fix)
        if not todo:
            break
        for path, fixes in todo.items():
            try:
                problem = _fix_file(path, fixes, original, contents, counts)
            except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the others
                problem = f"internal error: {exc!r}"
            if problem:
                notes.append(f"{display(path)}: not fixed: {problem}")
                left_alone.add(path)
        result = lint(contents)
    changed = [p for p in contents if contents[p] != original[p][0]]
    outcome = Outcome(result, sum(counts[p] for p in changed))
    if not write:
        outcome.diffs = [_diff(p, *original[p], contents[p]) for p in changed]
    else:
        for path in changed:
            problem = _write(path, contents[path], original[path][0])
            if problem:
                notes.append(f"{display(path)}: not fixed: {problem}")
                outcome.fixed -= counts[path]
        if changed:
            outcome.result = lint(None)  # what is on disk now
    outcome.result.warnings.extend(notes)
    return outcome


def _fix_file(path: Path, fixes: list[Any], original: dict[Path, tuple[bytes, str]],
              contents: dict[Path, bytes], counts: dict[Path, int]) -> str | None:
    """One pass over one file: its fixed text in contents, or why the file is left alone."""
    frontend = owner(path)
    text, encoding, data, done = frontend.fixed(fixes)
    if path not in original:
        original[path] = (text, encoding)
        problem = frontend.parse_error(text, path)
        if problem:
            return f"it does not parse ({problem})"
    problem = broken(frontend, original[path][0], data, path)
    if problem:
        return problem
    contents[path] = data
    counts[path] = counts.get(path, 0) + done
    return None


def broken(frontend: FrontEnd, old: bytes, new: bytes, path: Path) -> str | None:
    """Why a file's fixed text must not replace it, or None."""
    problem = frontend.parse_error(new, path)
    # a fix never breaks what the language compiled (what it does not, newer syntax say, the
    # parse of the original vouches for)
    if not problem and not frontend.compile_error(old):
        problem = frontend.compile_error(new)
    return f"the fixed code would not parse ({problem})" if problem else None


def _diff(path: Path, old: bytes, encoding: str, new: bytes) -> str:
    name = display(path)
    # lines as Python ends them (\n, \r\n, \r), endings kept
    old_lines = io.StringIO(old.decode(encoding), newline="").readlines()
    new_lines = io.StringIO(new.decode(encoding), newline="").readlines()
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}"))


def _write(path: Path, data: bytes, expected: bytes) -> str | None:
    """Replace the file's text all at once: a temporary file in the same folder, with the file's
    mode, renamed over it (through a symlink, the file it points to). None, or why not."""
    real = path.resolve()
    try:
        st = real.stat()
        if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
            return "the file is read-only"
        if real.read_bytes() != expected:
            return "the file changed while it was being fixed"
        replace(real, data, stat.S_IMODE(st.st_mode), sync=True)
    except OSError as e:
        return f"cannot write it: {e.strerror or e}"
    return None
